"""`glc package`: a wheel of the generated checkers (`compiler.build.wheel`) that installs as `import NAME`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import console, err_console


def package(
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The package's import name (`import NAME`).")],
    version: Annotated[str, typer.Option("--version", metavar="V", help="Its PEP 440 version.")] = "0.1.0",
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder for the wheel (made if missing).")] = Path("dist"),
    generated: Annotated[Path | None, typer.Option("--generated", metavar="DIR", help="The generated checkers to package "
                                                   "(default: the project's generated/, checked to be fresh).")] = None,
) -> None:
    """Write a wheel of the generated checkers (standard library + pydantic) that installs as `import NAME`."""
    from compiler.build.wheel import PackageError, build_checker_wheel

    inv = invocation()
    if generated is None:  # the project's own: it must be what the programs build
        from compiler.build.build import check_fresh

        project = inv.project()
        fresh = check_fresh(project, cache=inv.build_cache(False))
        if not fresh.check.ok or fresh.stale:
            err_console().print(Text("generated/ is stale or the programs have errors: run `glc build` first."))
            raise typer.Exit(1)
    source = inv.arg(generated) if generated is not None else inv.project().generated
    out = inv.arg(out)
    try:
        wheel = build_checker_wheel(source, name, version, out)
    except PackageError as err:
        err_console().print(Text(f"glc package: {err}"))
        raise typer.Exit(2) from None
    except OSError as err:  # the destination cannot be written: read-only, full, no permission
        err_console().print(Text(f"glc package: cannot write the wheel into {out}: {err.strerror or err}"))
        raise typer.Exit(2) from None
    console().print(Text(f"wrote {wheel}: pip install it, then `import {name}`"))
