"""The answers `glc eval`, `glc explain` and the checker service (`glc serve`) give for a loan, as JSON text.

One function per answer, so the command line and the service cannot drift apart: the service's response body is
byte for byte what the command prints with `--format json`.

    decision_json(decision)            `glc eval PROGRAM --format json`, `POST /v1/programs/{id}/check`
    decisions_json(decisions)          `glc eval --all --format json`, `POST /v1/check`
    explanation_json(explanation)      `glc explain --format json`, `POST /v1/programs/{id}/explain`
    on_date(on, loan)                  `--on` / `?on=`: a date, `application` (the loan's application date) or nothing
    version_in_force(bundle, id, day)  the checked program whose version is in force on a day (for explain)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compiler import ir_program
    from compiler.tools.explain_result import Explanation


def decision_json(decision: Any) -> str:
    """One Decision (the runtime's `Decision`) as `glc eval --format json` prints it, ending in a newline."""
    return _dump(decision.to_dict())


def decisions_json(decisions: Sequence[Any]) -> str:
    """Several Decisions (as `check_all` orders them) as `glc eval --all --format json` prints them."""
    return _dump([d.to_dict() for d in decisions])


def explanation_json(explanation: Explanation) -> str:
    """A near-miss explanation as `glc explain --format json` prints it."""
    return explanation.to_json() + "\n"


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def on_date(on: str | None, loan: Any) -> tuple[dt.date | None, str | None]:
    """`--on`: a date (YYYY-MM-DD), `application` (the loan's application date), or nothing (the current version).
    (the day or None, None) or (None, a sentence saying why not)."""
    if on is None:
        return None, None
    if on == "application":
        if loan is None or loan.application_date is None:
            return None, "--on application: the loan has no application_date."
        return loan.application_date, None
    try:
        return dt.date.fromisoformat(on), None
    except ValueError:
        return None, f"--on takes a date like 2026-01-01 or `application`, not `{on[:40]}`."


class NoVersionInForce(LookupError):
    """The program's first version takes effect after the day asked for; the message says so."""


def version_in_force(bundle: ir_program.Bundle, program_id: str, day: dt.date | None) -> ir_program.Program:
    """The checked version of `program_id` in force on `day` (the latest whose effective date is not after it), or
    the current one for no day. KeyError for an unknown id; NoVersionInForce for a day before the first version."""
    versions = sorted(bundle.versions(program_id), key=lambda p: p.effective)
    if not versions:
        raise KeyError(program_id)
    if day is None:
        current = next((p for p in bundle.programs if p.id == program_id), None)
        return current if current is not None else versions[-1]
    chosen = [p for p in versions if p.effective <= day]
    if not chosen:
        raise NoVersionInForce(f"`{program_id}` has no version in force on {day}: its first version takes effect "
                               f"{versions[0].effective}.")
    return chosen[-1]
