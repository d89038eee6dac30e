"""`glc explain`: for a loan a program does not accept, the smallest changes that would make it pass.

The program comes from the front end (the checked IR of programs/); the loan is read and validated like
`glc eval` does, with the generated `Loan` model (checked to match the vocabulary); the search is
`compiler.tools.explain`.
"""

from __future__ import annotations

import difflib
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from compiler.cli.choices import Format
from compiler.cli.invocation import input_path, invocation
from compiler.cli.render import console as stdout_console
from compiler.cli.render import err_console
from compiler.project import Project

if TYPE_CHECKING:
    from compiler.tools.explain_result import Check, Explanation, FailedRule, Suggestion


def explain(
    program: Annotated[str, typer.Argument(help="Program id.")],
    loan_file: Annotated[str, typer.Argument(metavar="LOAN.json", help="The loan as JSON; `-` reads stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")] = Format.text,
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE|application",
        help="Explain against the version in force on DATE (YYYY-MM-DD) or on the loan's application date.")] = None,
) -> None:
    """Near misses: the smallest changes that would make a failed rule, and the whole loan, pass."""
    inv = invocation()
    project = inv.project()
    loan = input_path(inv.arg(loan_file), "loan file")
    raise typer.Exit(run_explain(project, program, str(loan), format is Format.json, stdout_console(), on))


def run_explain(project: Project, program_id: str, loan_file: str, as_json: bool, console: Console,
                on: str | None = None) -> int:
    from compiler.backends.python.modules import generate_loan
    from compiler.cli.eval import _on_date, load_loan, read_inputs
    from compiler.tools.explain import explain as search

    err = err_console()
    data = read_inputs(loan_file, on, err)
    if data is None:
        return 2
    result = project.bundle()
    if result.bundle is None:
        err.print(Text(f"{project.programs_folder}/ has errors (or no programs): run `glc check` to see them."))
        return 1
    bundle = result.bundle
    program = next((p for p in bundle.programs if p.id == program_id), None)
    if program is None:
        ids = sorted(p.id for p in bundle.programs)
        close = difflib.get_close_matches(program_id, ids, n=1)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        err.print(Text(f"No program `{program_id}`.{hint} Programs: {', '.join(ids)}."))
        return 2
    model_file = project.generated / "loan.py"
    on_disk = model_file.read_text(encoding="utf-8") if model_file.is_file() else None
    gen = project.import_generated() if on_disk == generate_loan(bundle.vocabulary) else None
    if gen is None:
        err.print(Text("generated/ is missing or stale: run `glc build` first."))
        return 1
    loan = load_loan(data, gen.Loan, bundle.vocabulary, err)
    if loan is None:
        return 1
    day, problem = _on_date(on, loan)
    if problem:
        err.print(Text(problem))
        return 1
    if day is not None:
        from compiler.answers import NoVersionInForce, version_in_force

        try:
            program = version_in_force(bundle, program_id, day)
        except NoVersionInForce as exc:
            err.print(Text(str(exc)))
            return 1
    explanation = search(program, bundle.vocabulary, loan)
    if as_json:
        from compiler.answers import explanation_json

        sys.stdout.write(explanation_json(explanation))
    else:
        print_explanation(explanation, console)
    return 0


STATUS_STYLE = {"eligible": "bold green", "ineligible": "bold red", "needs_info": "bold yellow"}


def print_explanation(e: Explanation, console: Console) -> None:
    p = e.program
    head = Text(f"{p.title} ({p.id}) v{p.version}, effective {p.effective}: ")
    head.append(e.status.upper(), style=STATUS_STYLE.get(e.status, "bold"))
    console.print(head)
    console.print(Text(e.summary))
    if e.failed:
        console.print()
        console.print(Text("To make the loan pass every rule (smallest change first):", style="bold"))
        _checks(e.checks, console)
        if e.whole_loan_note:
            console.print(Text(f"  {e.whole_loan_note}"))
        for n, s in enumerate(e.whole_loan, len(e.checks) + 1):
            _suggestion(n, s, console, show_status=True)
        if not e.whole_loan and not e.checks:
            console.print(Text("  (none found)"))
    for f in e.failed:
        console.print()
        _failed(f, console)
    if e.missing:
        console.print()
        console.print(Text("Supply these fields:", style="bold"))
        for m in e.missing:
            console.print(Text(f"  {m.field} ({m.title}): needed by {', '.join(m.rules)}"))
    if e.referrals:
        console.print()
        console.print(Text("Referred to the investor (no change of the loan settles these):", style="bold"))
        for r in e.referrals:
            console.print(Text(f"  {r.rule_id}: {r.message}  [{r.citation}; {r.source}]"))
    if e.notes:
        console.print()
        console.print(Text("Recorded in the program, not checked (read them yourself):", style="bold"))
        for note in e.notes:
            cite = f"  [{note.citation}]" if note.citation else ""
            console.print(Text(f"  {note.note_id} ({note.status}): {note.title}: {note.text}{cite}"))


def _failed(f: FailedRule, console: Console) -> None:
    line = Text("failed ", style="bold red")
    line.append(f"{f.rule_id}", style="bold")
    line.append(f" {f.title}  [{f.citation + '; ' if f.citation else ''}{f.source}]")
    console.print(line)
    console.print(Text(f"  {f.message}"))
    if f.note:
        console.print(Text(f"  {f.note}", style="yellow"))
    _checks(f.checks, console)
    for n, s in enumerate(f.suggestions, len(f.checks) + 1):
        _suggestion(n, s, console, show_status=False)
    if not f.suggestions and not f.note and not f.checks:
        console.print(Text("  No change of one or two fields found that makes it pass."))


def _checks(checks: tuple[Check, ...], console: Console) -> None:
    """The data to check, before any change: a value that cannot be computed is no trade on other fields."""
    for n, c in enumerate(checks, 1):
        console.print(Text(f"  {n}. {c.text}"))
        console.print(Text("       the data is most likely wrong: correct it before changing anything else", style="dim"))


def _suggestion(n: int, s: Suggestion, console: Console, show_status: bool) -> None:
    console.print(Text(f"  {n}. {s.change}"))
    details = [e.detail for e in s.effects]
    if s.new_failures:
        details.append(f"but {', '.join(s.new_failures)} would then fail")
    if show_status:
        details.append("the loan would be eligible" if s.status == "eligible" else
                       "no rule would fail; the loan would still need data")
    for d in details:
        console.print(Text(f"       {d}", style="dim"))
