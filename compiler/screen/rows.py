"""The per-loan result row of a screen, shared by every engine: the SQL query produces these columns, and a
`runtime.Decision` (Python engine, reference evaluator) is turned into the same row by `decision_row`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from compiler.backends.sql.program import COND_SEP, SEP

RESULT_TAIL = ("failing_rules", "missing_rules", "review_rules", "conditions", "reason")


def columns(limit_ids: Sequence[str]) -> list[str]:
    out = ["row", "loan_id", "program", "status"]
    for lid in limit_ids:
        out += [lid, f"{lid}_rule"]
    return out + list(RESULT_TAIL)


def decision_row(row: int, loan_id: str | None, program: str, decision: Any, limit_ids: Sequence[str]) -> dict[str, Any]:
    """A Decision as a result row (rule ids in finding order, conditions as `rule (kind): text`)."""
    out: dict[str, Any] = {"row": row, "loan_id": loan_id, "program": program, "status": decision.status}
    for lid in limit_ids:
        lim = decision.limit(lid)
        out[lid] = lim.value if lim is not None else None
        out[f"{lid}_rule"] = lim.binding_rule if lim is not None else None
    for col, outcome in (("failing_rules", "fail"), ("missing_rules", "missing"), ("review_rules", "review")):
        out[col] = SEP.join(f.rule_id for f in decision.findings if f.outcome == outcome)
    out["conditions"] = COND_SEP.join(f"{c.rule_id} ({c.kind}): {c.text}" for c in decision.conditions)
    out["reason"] = None
    return out


def invalid_row(row: int, loan_id: str | None, program: str, reason: str, limit_ids: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(columns(limit_ids))
    out.update(row=row, loan_id=loan_id, program=program, status="invalid", reason=reason)
    return out


def loan_of(tape_row: Mapping[str, Any], field_names: Sequence[str]) -> dict[str, Any]:
    """A normalised tape row as the loan dict the generated `Loan` model and the reference evaluator read."""
    return {name: tape_row.get(name) for name in field_names if tape_row.get(name) is not None}


def comparable(row: Mapping[str, Any], limit_ids: Sequence[str]) -> tuple[Any, ...]:
    """What the engines must agree on: status, every limit and its binding rule, rule ids, conditions."""
    def num(v: Any) -> Any:
        return None if v is None else Decimal(v).normalize()

    return (row["status"], *[(num(row[lid]), row[f"{lid}_rule"]) for lid in limit_ids],
            row["failing_rules"], row["missing_rules"], row["review_rules"], row["conditions"])


__all__ = ["columns", "comparable", "decision_row", "invalid_row", "loan_of"]
