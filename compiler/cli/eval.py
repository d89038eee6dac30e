"""`glc eval`: read a loan, validate it with the generated `Loan` model, decide it, print the Decision.

Uses the committed `generated/` package of the current project (what developers import), after checking
that it is fresh. A malformed loan gets one line per bad field, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from compiler.cli.choices import Format
from compiler.cli.invocation import input_path, invocation
from compiler.cli.render import console as stdout_console
from compiler.cli.render import err_console
from compiler.project import Project


def eval_(
    program: Annotated[str | None, typer.Argument(help="Program id (omit with --all).")] = None,
    loan_file: Annotated[str | None, typer.Argument(metavar="LOAN.json", help="The loan as JSON; `-` reads stdin.")] = None,
    all_programs: Annotated[bool, typer.Option("--all", help="Decide the loan under every program.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")] = Format.text,
    on: Annotated[str | None, typer.Option("--on", help="Use the version in force on this date (YYYY-MM-DD, or "
                                           "`application` for the loan's application date); default: the current one.")] = None,
) -> None:
    """Decide one loan with the generated checkers: status, findings, limits, conditions, values."""
    if all_programs and loan_file is not None:
        err_console().print(Text(f"--all decides the loan under every program: give --all or the program "
                                 f"`{program}`, not both."))
        raise typer.Exit(2)
    if all_programs and loan_file is None:
        program, loan_file = None, program
    if loan_file is None or (program is None and not all_programs):
        err_console().print(Text("usage: glc eval PROGRAM LOAN.json   or   glc eval --all LOAN.json"))
        raise typer.Exit(2)
    inv = invocation()
    project = inv.project()
    loan = input_path(inv.arg(loan_file), "loan file")
    raise typer.Exit(run_eval(project, program, str(loan), all_programs, format is Format.json, stdout_console(), on))


STYLE = {"pass": "green", "fail": "bold red", "missing": "yellow", "review": "magenta", "not_applicable": "dim"}


def read_loan_file(loan_file: str, err: Console) -> dict[str, Any] | None:
    """The loan file's JSON object (`-`: stdin), or None after one line saying why it cannot be a loan (exit 2)."""
    from compiler.loan_input import LoanFileError, read_loan

    try:
        return read_loan(loan_file)
    except LoanFileError as exc:
        err.print(Text(str(exc)))
        return None


def load_loan(data: dict[str, Any], model: Any, vocabulary: Any, err: Console) -> Any | None:
    """The loan validated by the generated `Loan` model, its spellings normalised (`compiler.loan_input`), or None
    after one line per bad value, in a policy writer's words (exit 1)."""
    from compiler.loan_input import LoanProblems, validate

    try:
        return validate(data, model, vocabulary)
    except LoanProblems as exc:
        n = len(exc.problems)
        err.print(Text(f"The loan has {n:,} problem{'s' if n != 1 else ''}:"))
        for line in exc.lines():
            err.print(Text(f"  {line}"))
        return None


def read_inputs(loan_file: str, on: str | None, err: Console) -> Any:
    """The loan of `loan_file` (a path or -) after checking the --on date, or None after printing why not (a usage
    error: exit 2). Shared by `glc eval` and `glc explain`."""
    if on not in (None, "application"):
        _, problem = _on_date(on, None)
        if problem:
            err.print(Text(problem))
            return None
    return read_loan_file(loan_file, err)


def run_eval(project: Project, program: str | None, loan_file: str, all_programs: bool, as_json: bool, console: Console,
             on: str | None = None) -> int:
    from compiler.build.build import check_fresh

    err = err_console()
    data = read_inputs(loan_file, on, err)
    if data is None:
        return 2
    fresh = check_fresh(project)
    if not fresh.check.ok or fresh.stale:
        err.print(Text("generated/ is missing or stale: run `glc build` first."))
        return 1
    gen = project.import_generated()
    if gen is None:
        err.print(Text("No generated/ package here: run `glc build` in the project folder."))
        return 1
    bundle = fresh.check.bundle or project.bundle().bundle
    assert bundle is not None  # the programs checked clean just now
    loan = load_loan(data, gen.Loan, bundle.vocabulary, err)
    if loan is None:
        return 1
    day, problem = _on_date(on, loan)
    if problem:
        err.print(Text(problem))
        return 1 if on == "application" else 2
    if all_programs:
        decisions = gen.check_all(loan, on=day)
        if not decisions:
            err.print(Text(f"No program has a version in force on {day}."))
            return 1
    else:
        assert program is not None
        if program not in gen.PROGRAMS:
            import difflib

            close = difflib.get_close_matches(program, list(gen.PROGRAMS), n=1)
            hint = f" Did you mean `{close[0]}`?" if close else ""
            err.print(Text(f"No program `{program}`.{hint} Programs: {', '.join(sorted(gen.PROGRAMS))}."))
            return 2
        try:
            decisions = [gen.check(program, loan, on=day)]
        except gen.NotInForce as exc:
            err.print(Text(str(exc)))
            return 1
    if as_json:
        from compiler.answers import decision_json, decisions_json

        sys.stdout.write(decisions_json(decisions) if all_programs else decision_json(decisions[0]))
        return 0
    for d in decisions:
        _print(d, console, bundle.vocabulary)
    return 0


def _on_date(on: str | None, loan: Any) -> tuple[dt.date | None, str | None]:
    """`--on`: a date (YYYY-MM-DD), `application` (the loan's application date), or nothing (the current version)."""
    from compiler.answers import on_date

    return on_date(on, loan)


WIDE = 120  # a terminal at least this wide gets the findings as a table; narrower ones and pipes get lines
ORDER = {"fail": 0, "review": 1, "missing": 2, "pass": 3}


def _print(d: Any, console: Console, vocabulary: Any) -> None:
    """The decision for people: the findings (failures first), then the limits with their units, the conditions.
    A table on a wide terminal; otherwise one line per finding, never broken inside a rule id or a word."""
    soft = not console.is_terminal  # a pipe gets whole lines; a terminal gets them wrapped between words
    p = d.program
    head = Text(f"{p.title} ({p.id}) v{p.version}, effective {p.effective}: ")
    head.append(d.status.upper(), style="bold green" if d.status == "eligible" else "bold red" if d.status == "ineligible" else "bold yellow")
    console.print(head, soft_wrap=soft)
    findings = sorted((f for f in d.findings if f.outcome != "not_applicable"), key=lambda f: ORDER.get(f.outcome, 9))
    if console.is_terminal and console.width >= WIDE:
        table = Table(show_header=True, header_style="bold", expand=False)
        table.add_column("outcome", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("finding", overflow="fold", ratio=3)
        table.add_column("citation", overflow="fold", ratio=1)
        for f in findings:
            table.add_row(Text(f.outcome, style=STYLE[f.outcome]), Text(f.rule_id), Text(f.message), Text(f.citation))
        console.print(table)
    else:
        for f in findings:
            line = Text("  ")
            line.append(f"{f.outcome:<7}", style=STYLE[f.outcome])
            line.append(f" {f.rule_id}: ", style="bold")
            line.append(f.message)
            if f.citation:
                line.append(f"  [{f.citation}]")
            console.print(line, soft_wrap=soft)
    for lim in d.limits:
        if lim.value is not None:
            console.print(Text(f"  {lim.title}: {limit_value(lim.limit, lim.value, vocabulary)} "
                               f"(binding: {lim.binding_rule}; {lim.description})"), soft_wrap=soft)
    for c in d.conditions:
        console.print(Text(f"  condition ({c.kind}): {c.text}  [{c.rule_id}]"), soft_wrap=soft)
    console.print()


def limit_value(limit_id: str, value: Any, vocabulary: Any) -> str:
    """A limit's value in its unit, as the documentation and `glc explain` write it: `80%`, `$1,000,000`."""
    from compiler.wording import fmt_amount

    lim = next((x for x in vocabulary.limits if x.id == limit_id), None)
    return fmt_amount(value, lim.type.kind, lim.type.unit) if lim is not None else str(value)
