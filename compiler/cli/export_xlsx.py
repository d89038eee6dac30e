"""`glc export-xlsx`: the programs' matrices as an Excel workbook (`compiler.tools.xlsx_export`), written atomically."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import checked_programs, console, err_console


def export_xlsx(
    out: Annotated[Path, typer.Argument(metavar="OUT.xlsx", help="The workbook to write (replaced if it exists).")],
    programs: Annotated[list[str] | None, typer.Argument(
        metavar="PROGRAM", help="Program ids, `id@version` for an older version (default: every current program).")] = None,
) -> None:
    """Write the programs' matrices to an Excel workbook: a cover sheet, then one sheet per matrix."""
    from compiler.files import describe_os_error, write_bytes
    from compiler.tools.xlsx_axes import AxisError
    from compiler.tools.xlsx_export import place, workbook_bytes

    inv = invocation()
    project = inv.project()
    err = err_console()
    if out.suffix.lower() != ".xlsx":
        err.print(Text(f"{out}: give a file name ending in .xlsx (Excel opens a workbook by its extension)."))
        raise typer.Exit(2)
    bundle = checked_programs(project, err, "before exporting their matrices")
    if bundle is None:
        raise typer.Exit(1)
    known = {p.id: p for p in bundle.programs} | {f"{p.id}@{p.version}": p for p in (*bundle.programs, *bundle.history)}
    chosen = []
    for name in programs or [p.id for p in bundle.programs]:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f" Did you mean `{close[0]}`?" if close else ""
            err.print(Text(f"No program `{name}`.{hint} Programs: {', '.join(p.id for p in bundle.programs)} "
                           "(an older version as id@version)."))
            raise typer.Exit(2)
        chosen.append(known[name])
    dest = inv.arg(out)
    try:
        write_bytes(dest, workbook_bytes(chosen, bundle))
    except AxisError as unsupported:  # an axis kind spreadsheets do not hold yet
        err.print(Text(f"glc export-xlsx: {unsupported}"))
        raise typer.Exit(1) from None
    except OSError as fault:
        err.print(Text(f"glc export-xlsx: {describe_os_error(fault)}"))
        raise typer.Exit(2) from None
    sheets = len(place(chosen))
    console().print(Text(f"wrote {out}: {sheets} matri{'x' if sheets == 1 else 'ces'} of {len(chosen)} "
                         f"program{'s' if len(chosen) != 1 else ''}, one sheet each (the Cover sheet lists them)"))
