"""`glc diff`: what changed between two versions of a program, from two files or from git revisions.

    glc diff OLD.guideline NEW.guideline
    glc diff programs/keystone_bank_statement.guideline --from v2025.2 [--to HEAD]

With `--from`, the program file (with the loan vocabulary and the guideline files of its folder, the
folder above and their `history/` folders, for its bases) is read at each revision with `git show` into a temporary folder and checked
there; without `--to` the new side is the file as it is now. Each side is checked on its own, so two
versions of one program never clash.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from compiler.cli.choices import DiffFormat
from compiler.cli.invocation import input_path, invocation
from compiler.cli.render import console as stdout_console
from compiler.cli.render import err_console, print_diagnostics
from compiler.syntax.reading import PROGRAM_SUFFIX, VOCABULARY_SUFFIX

if TYPE_CHECKING:
    from compiler import ir_program
    from compiler.tools.diff import ProgramDiff


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The older guideline file (or, with --from, the program file).")],
    new: Annotated[str | None, typer.Argument(metavar="NEW", help="The newer guideline file.")] = None,
    rev_from: Annotated[str | None, typer.Option("--from", help="Read OLD at this git revision.")] = None,
    rev_to: Annotated[str | None, typer.Option("--to", help="Read the new side at this git revision (default: the file now).")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, json or markdown.")] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when there are changes (like git diff).")] = False,
    allow_different: Annotated[bool, typer.Option("--allow-different", help="Compare two different programs (different "
                                                  "program ids); without it that is a usage error.")] = False,
) -> None:
    """List every change between two versions of a program: cells, rules, values, citations."""
    inv = invocation()
    old_path = input_path(inv.arg(old), "guideline file") if rev_from is None or rev_to is None else inv.arg(old)
    new_path = input_path(inv.arg(new), "guideline file") if new is not None else None
    raise typer.Exit(run_diff(str(old_path), str(new_path) if new_path is not None else None, rev_from, rev_to,
                              format.value, exit_code, stdout_console(), allow_different=allow_different))


class DiffError(Exception):
    """A plain-English reason the diff cannot be made."""


def _load(path: Path, shown: str, console: Console) -> tuple[ir_program.Program, ir_program.Vocabulary]:
    from compiler.driver import check_paths

    if not path.is_file():
        raise DiffError(f"No such file: {shown}.")
    if path.suffix != PROGRAM_SUFFIX:
        raise DiffError(f"{shown} is not a guideline file (expected *.guideline).")
    result = check_paths([path])
    if not result.ok or result.bundle is None:
        print_diagnostics(result.diagnostics, result.sources, console)
        raise DiffError(f"{shown} has errors; fix them before comparing versions.")
    program = next((p for p in result.checked if p.path in result.asked), None)
    if program is None:
        raise DiffError(f"{shown} holds no program.")
    return program, result.bundle.vocabulary


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed; --from and --to read the file from git.") from None


def _repo_root(path: Path) -> Path:
    folder = path.resolve().parent
    while not folder.is_dir():
        folder = folder.parent
    out = _git(["rev-parse", "--show-toplevel"], folder)
    if out.returncode != 0:
        raise DiffError(f"{path} is not inside a git repository; --from and --to need one (or give two files).")
    return Path(out.stdout.decode().strip())


def _checkout(root: Path, rel: PurePosixPath, rev: str, into: Path) -> Path:
    """The program file at `rev`, with the vocabulary and the guideline files around it (its folder, the one
    above, and their `history/` folders, where its bases' versions live), written under `into`."""
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode != 0:
        raise DiffError(f"Unknown git revision `{rev}`.")
    folders = {rel.parent, rel.parent.parent}
    keep = folders | {f / "history" for f in folders}
    listed = _git(["ls-tree", "-r", "--name-only", rev, "--", *sorted(f"{f}/" if str(f) != "." else "." for f in folders)], root)
    names = {n for n in map(PurePosixPath, listed.stdout.decode().splitlines()) if n.parent in keep}
    if rel not in names and _git(["cat-file", "-e", f"{rev}:{rel}"], root).returncode != 0:
        raise DiffError(f"{rel} does not exist at revision {rev}.")
    wanted = {n for n in names if n.suffix in (PROGRAM_SUFFIX, VOCABULARY_SUFFIX)} | {rel}
    for name in sorted(wanted):
        shown = _git(["show", f"{rev}:{name}"], root)
        if shown.returncode != 0:
            continue
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
    return into / rel


def run_diff(old: str, new: str | None, rev_from: str | None, rev_to: str | None, fmt: str, exit_code: bool,
             console: Console, allow_different: bool = False) -> int:
    from compiler.tools.diff import diff_programs
    from compiler.tools.diff_render import render_json, render_markdown, render_text

    err = err_console()
    try:
        with tempfile.TemporaryDirectory(prefix="glc-diff-") as tmp:
            if rev_from is not None:
                if new is not None:
                    raise DiffError("Give one program file with --from, or two files without it.")
                path = Path(old)
                root = _repo_root(path)
                rel = PurePosixPath(path.resolve().relative_to(root).as_posix())
                old_path = _checkout(root, rel, rev_from, Path(tmp) / "old")
                new_path = _checkout(root, rel, rev_to, Path(tmp) / "new") if rev_to else path
                a = _load(old_path, f"{rel} at {rev_from}", err)
                b = _load(new_path, f"{rel} at {rev_to}" if rev_to else old, err)
            else:
                if new is None:
                    raise DiffError("usage: glc diff OLD.guideline NEW.guideline   or   glc diff FILE --from REV [--to REV]")
                if rev_to is not None:
                    raise DiffError("--to needs --from.")
                a = _load(Path(old), old, err)
                b = _load(Path(new), new, err)
    except DiffError as e:
        err.print(Text(str(e)))
        return 2  # nothing was compared: 1 stays the answer "there are changes" of --exit-code
    if a[0].id != b[0].id and not allow_different:
        err.print(Text(f"{old} is program `{a[0].id}` and {new} is program `{b[0].id}`: glc diff compares two versions "
                       "of one program (add --allow-different to compare them anyway)."))
        return 2
    d = diff_programs(a[0], b[0], a[1], b[1])
    if rev_from is not None:
        d = _with_paths(d, f"{rel} at {rev_from}", f"{rel} at {rev_to}" if rev_to else old)
    render = {"json": render_json, "markdown": render_markdown}.get(fmt, render_text)
    sys.stdout.write(render(d))
    return 1 if exit_code and d.changes else 0


def _with_paths(d: ProgramDiff, old: str, new: str) -> ProgramDiff:
    """The diff with the programs' paths as the user knows them (not the temporary folder)."""
    import dataclasses

    from compiler.tools.diff import ProgramDiff

    return ProgramDiff(dataclasses.replace(d.old, path=old), dataclasses.replace(d.new, path=new), d.changes)
