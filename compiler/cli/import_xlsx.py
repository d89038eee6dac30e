"""`glc import-xlsx`: a matrix sheet as the language's `rows`, `columns` and table lines
(`compiler.tools.xlsx_import`), with the band checks of `glc check`; unreadable cells named, exit 1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from compiler.cli.invocation import input_path, invocation
from compiler.cli.render import err_console, exit_code, print_diagnostics


def import_xlsx(
    file: Annotated[Path, typer.Argument(metavar="FILE.xlsx", help="The workbook.")],
    sheet: Annotated[str, typer.Option("--sheet", metavar="NAME", help="The sheet holding the matrix.")],
    rows: Annotated[str | None, typer.Option("--rows", metavar="FIELD", help="What the rows are keyed on, e.g. fico or "
                                             "'credit_grade, fico' (default: the sheet's `Rows` line, as glc "
                                             "export-xlsx writes it).")] = None,
    columns: Annotated[str | None, typer.Option("--columns", metavar="FIELD", help="What the columns are keyed on, "
                                                "e.g. loan_amount or 'doc_family / purpose' (default: the sheet's "
                                                "`Columns` line).")] = None,
) -> None:
    """Print a spreadsheet's matrix in the language (rows, columns, cells, N/A), ready to paste under `gives`."""
    from compiler.driver import check_paths
    from compiler.source import display_path
    from compiler.tools.xlsx_axes import AxisError
    from compiler.tools.xlsx_import import SheetError, import_matrix
    from compiler.tools.xlsx_sheet import WorkbookError

    inv = invocation()
    project = inv.project()
    path = input_path(inv.arg(file), "workbook")
    err = err_console()
    checked = check_paths([project.programs / "loan.fields"])  # the vocabulary says what fields are; fast
    if checked.bundle is None:
        print_diagnostics(checked.diagnostics, checked.sources, err)
        err.print(Text(f"{project.programs_folder}/loan.fields has errors: fix them (glc check) before importing."))
        raise typer.Exit(1)
    try:
        try:
            imported = import_matrix(path, sheet, checked.bundle, rows, columns, display_path(path))
        except AxisError:  # perhaps a value a program declares: look in the checked programs too
            whole = project.bundle().bundle
            if whole is None:
                raise
            imported = import_matrix(path, sheet, whole, rows, columns, display_path(path))
    except (WorkbookError, AxisError) as problem:
        err.print(Text(f"glc import-xlsx: {problem}"))
        raise typer.Exit(2) from None
    except SheetError as bad:
        for p in bad.problems:
            err.print(Text(f"{p.cell}: {p.problem}."))
            err.print(Text(f"  fix: {p.fix}"))
        n = len(bad.problems)
        err.print(Text(f"{n} problem{'s' if n != 1 else ''} in {path}; nothing was imported."))
        raise typer.Exit(1) from None
    sys.stdout.write(imported.text)
    for note in imported.notes:
        err.print(Text(f"note: {note}"))
    print_diagnostics(imported.diagnostics, {}, err)
    raise typer.Exit(exit_code(imported.diagnostics))
