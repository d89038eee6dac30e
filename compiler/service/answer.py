"""A loan in, an answer out: the work behind the service's endpoints and the desk, with no HTTP in it.

Each function takes the `ProgramSet` a request started with and the request's bytes or form, and returns the JSON
text `compiler.answers` gives `glc eval` / `glc explain`, or raises a `Problem` (4xx). The order of the checks is
the command line's: the body must be a loan (`compiler.loan_input.parse_loan`), its values must be what its
fields take (`validate`, with the tape spellings), the `on` date must be a date or `application`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from compiler.answers import NoVersionInForce, decision_json, decisions_json, explanation_json, on_date, version_in_force
from compiler.runtime.decision import plain
from compiler.runtime.meta import stated
from compiler.service.problems import Problem, loan_problems
from compiler.service.registry import ProgramSet


def unknown_program(ps: ProgramSet, program_id: str) -> Problem:
    import difflib

    close = difflib.get_close_matches(program_id, ps.ids, n=1)
    hint = f" Did you mean `{close[0]}`?" if close else ""
    return Problem(404, "unknown-program", "No such program",
                   f"No program `{program_id[:80]}`.{hint} Programs: {', '.join(sorted(ps.ids))}.")


def read_loan(ps: ProgramSet, body: bytes) -> Any:
    """The body as the generated `Loan` (400 when it cannot be a loan, 422 with every bad value)."""
    from compiler.loan_input import LoanFileError, parse_loan

    try:
        data = parse_loan(body, "the request body")
    except LoanFileError as exc:
        raise Problem(400, "not-a-loan", "The body is not a loan", str(exc)) from None
    return loan_from_data(ps, data)


def loan_from_data(ps: ProgramSet, data: dict[str, Any]) -> Any:
    from compiler.loan_input import LoanProblems, validate

    try:
        return validate(data, ps.gen.Loan, ps.bundle.vocabulary)
    except LoanProblems as exc:
        raise loan_problems(exc.problems) from None


def check_on(on: str | None) -> None:
    """400 for an `on` that is neither a date nor `application` (checked before the body is read)."""
    if on not in (None, "application"):
        _, problem = on_date(on, None)
        if problem:
            raise Problem(400, "bad-parameter", "Bad parameter `on`", problem.replace("--on", "`on`", 1))


def day_of(on: str | None, loan: Any) -> dt.date | None:
    day, problem = on_date(on, loan)
    if problem:
        raise Problem(422 if on == "application" else 400, "bad-parameter", "Bad parameter `on`",
                      problem.replace("--on", "`on`", 1))
    return day


def check(ps: ProgramSet, program_id: str, body: bytes, on: str | None) -> str:
    """`glc eval PROGRAM --format json`."""
    if program_id not in ps.gen.PROGRAMS:
        raise unknown_program(ps, program_id)
    check_on(on)
    loan = read_loan(ps, body)
    try:
        return decision_json(ps.gen.check(program_id, loan, on=day_of(on, loan)))
    except ps.gen.NotInForce as exc:
        raise Problem(422, "not-in-force", "No version in force", str(exc)) from None


def check_all(ps: ProgramSet, body: bytes, on: str | None) -> str:
    """`glc eval --all --format json`."""
    check_on(on)
    loan = read_loan(ps, body)
    day = day_of(on, loan)
    decisions = ps.gen.check_all(loan, on=day)
    if not decisions:
        raise Problem(422, "not-in-force", "No version in force", f"No program has a version in force on {day}.")
    return decisions_json(decisions)


def explain(ps: ProgramSet, program_id: str, body: bytes, on: str | None) -> str:
    """`glc explain PROGRAM --format json`."""
    if program_id not in ps.programs:
        raise unknown_program(ps, program_id)
    check_on(on)
    loan = read_loan(ps, body)
    return explanation_json(explain_loan(ps, program_id, loan, day_of(on, loan)))


def explain_loan(ps: ProgramSet, program_id: str, loan: Any, day: dt.date | None) -> Any:
    from compiler.tools.explain import explain as search

    try:
        program = version_in_force(ps.bundle, program_id, day)
    except NoVersionInForce as exc:
        raise Problem(422, "not-in-force", "No version in force", str(exc)) from None
    return search(program, ps.bundle.vocabulary, loan)


# ------------------------------------------------------------------ the programs, as JSON


def program_summary(ps: ProgramSet, program_id: str) -> dict[str, Any]:
    info = ps.meta(program_id).info
    ir = ps.programs.get(program_id)
    return {
        "id": info.id, "title": info.title, "investor": info.investor, "lender": info.lender, "family": info.family,
        "version": info.version, "effective": info.effective, "source": info.source,
        "kind": ir.kind if ir is not None else "program",  # program, variant (extends) or overlay (overlays)
        "base": ir.base if ir is not None else None,
        # shared rules only, not a product: the `abstract` header key of issue 20, False until the language has it
        "abstract": bool(getattr(ir, "abstract", False)),
        "versions": [{"version": v, "effective": e.isoformat()} for e, v, _ in ps.gen.VERSIONS[program_id]],
        "links": {"self": f"/v1/programs/{info.id}", "check": f"/v1/programs/{info.id}/check",
                  "explain": f"/v1/programs/{info.id}/explain"},
    }


def program_detail(ps: ProgramSet, program_id: str, on: str | None) -> dict[str, Any]:
    """The program's matrices, rules (with citations) and limits: its generated metadata (`<id>_meta.META`, the
    wording the Decisions and the documentation use), as plain data."""
    if program_id not in ps.gen.PROGRAMS:
        raise unknown_program(ps, program_id)
    check_on(on)
    day = day_of(on, None) if on != "application" else None
    try:
        meta = ps.meta(program_id, day)
    except ps.gen.NotInForce as exc:
        raise Problem(422, "not-in-force", "No version in force", str(exc)) from None
    out = program_summary(ps, program_id)
    out.update({"version": meta.info.version, "effective": meta.info.effective, "sha256": meta.info.sha256,
                "combine": meta.combine, "values": list(meta.values)})
    for part in ("limits", "matrices", "rules"):
        out[part] = [_plain(x) for x in getattr(meta, part)]
    return out


def _plain(x: Any) -> Any:
    data = dict(stated(x))
    if "axes" in data:  # a matrix: bands and cells as objects, not positional tuples
        data["axes"] = [{"label": a.label, "inputs": list(a.inputs),
                         "bands": [{"low": lo, "low_inclusive": li, "high": hi, "high_inclusive": hii, "label": lab}
                                   for lo, li, hi, hii, lab in a.bands]} for a in x.axes]
        data["cells"] = [[{"limits": dict(limits) if limits is not None else None, "text": text} for limits, text in row]
                         for row in x.cells]
    if "requirements" in data:  # a rule
        data["requirements"] = [{"text": r.text, "inputs": list(r.inputs)} for r in x.requirements]
        data["adjustments"] = [{"kind": k, "limit": lim, "amount": amount, "text": text}
                               for k, lim, amount, text in x.adjustments]
        data["conditions"] = [{"kind": k, "text": text} for k, text in x.conditions]
    return plain(data)

