"""`glc eval`: read a loan, validate it with the generated `Loan` model, decide it, print the Decision.

Uses the committed `generated/` package of the current project (what developers import), after checking
that it is fresh. A malformed loan gets one line per bad field, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from compiler.project import current

STYLE = {"pass": "green", "fail": "bold red", "missing": "yellow", "review": "magenta", "not_applicable": "dim"}


def _read(loan_file: str) -> tuple[Any, str | None]:
    try:
        text = sys.stdin.read() if loan_file == "-" else Path(loan_file).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, f"No such file: {loan_file}."
    except (OSError, UnicodeDecodeError) as err:
        return None, f"Cannot read {loan_file}: {err}."
    try:
        return json.loads(text), None
    except json.JSONDecodeError as err:
        return None, f"{loan_file}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}."


def load_loan(loan_file: str, model: Any, err: Console) -> Any | None:
    """The loan in a JSON file (`-`: stdin) validated by the `Loan` model, or None after saying what is wrong."""
    data, problem = _read(loan_file)
    if problem:
        err.print(Text(problem))
        return None
    if not isinstance(data, dict):
        err.print(Text("A loan is a JSON object of field names and values."))
        return None
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err.print(Text(f"The loan has {exc.error_count()} problem{'s' if exc.error_count() != 1 else ''}:"))
        for e in exc.errors():
            where = ".".join(str(p) for p in e["loc"]) or "(loan)"
            got = e.get("input")
            shown = "" if e["type"] == "missing" else f" (got {json.dumps(got, default=str)})"
            err.print(Text(f"  {where}: {e['msg']}{shown}"))
        return None


def _generated() -> Any:
    return current().import_generated()


def run_eval(program: str | None, loan_file: str, all_programs: bool, as_json: bool, console: Console,
             on: str | None = None) -> int:
    from compiler.build import check_fresh

    err = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    if on not in (None, "application"):
        _, problem = _on_date(on, None)
        if problem:
            err.print(Text(problem))
            return 2
    project = current()
    fresh = check_fresh([project.programs], project.root)
    if not fresh.check.ok or fresh.stale:
        err.print(Text("generated/ is missing or stale: run `glc build` first."))
        return 1
    gen = _generated()
    if gen is None:
        err.print(Text("No generated/ package here: run `glc build` in the project folder."))
        return 1
    loan = load_loan(loan_file, gen.Loan, err)
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
        sys.stdout.write(json.dumps([d.to_dict() for d in decisions] if all_programs else decisions[0].to_dict(),
                                    indent=2, ensure_ascii=False) + "\n")
        return 0
    for d in decisions:
        _print(d, console)
    return 0


def _on_date(on: str | None, loan: Any) -> tuple[dt.date | None, str | None]:
    """`--on`: a date (YYYY-MM-DD), `application` (the loan's application date), or nothing (the current version)."""
    if on is None:
        return None, None
    if on == "application":
        if loan.application_date is None:
            return None, "--on application: the loan has no application_date."
        return loan.application_date, None
    try:
        return dt.date.fromisoformat(on), None
    except ValueError:
        return None, f"--on takes a date like 2026-01-01 or `application`, not `{on}`."


def _print(d: Any, console: Console) -> None:
    p = d.program
    head = Text(f"{p.title} ({p.id}) v{p.version}, effective {p.effective}: ")
    head.append(d.status.upper(), style="bold green" if d.status == "eligible" else "bold red" if d.status == "ineligible" else "bold yellow")
    console.print(head)
    table = Table(show_header=True, header_style="bold", expand=False)
    for col in ("outcome", "rule", "finding", "citation"):
        table.add_column(col, overflow="fold")
    for f in d.findings:
        if f.outcome == "not_applicable":
            continue
        table.add_row(Text(f.outcome, style=STYLE[f.outcome]), Text(f.rule_id), Text(f.message), Text(f.citation))
    console.print(table)
    for lim in d.limits:
        if lim.value is not None:
            console.print(Text(f"  {lim.title}: {lim.value} (binding: {lim.binding_rule}; {lim.description})"))
    for c in d.conditions:
        console.print(Text(f"  condition ({c.kind}): {c.text}  [{c.rule_id}]"))
    console.print()
