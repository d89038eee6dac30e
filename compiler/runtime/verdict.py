"""The fast path's result: a `Verdict`, the decision without its wording.

Generated `check_fast` returns a Verdict: `decide` without the wording, what a loan tape or a pricing engine
needs. tests/differential/test_fast_path.py holds it to `Verdict.of(check(loan))` on the differential loans, and
tests/oracles/verdict.py holds the generic algorithm `check_fast` is unrolled from.

A Verdict is a named tuple `(status, limits, failed, unresolved)`: read it by name (`v.status`, `v.failed`,
`v.eligible`, `v.limit("max_ltv")`) or unpack it (`status, limits, failed, unresolved = v`). It compares equal to
the plain tuple of its four parts. Generated code builds it with `tuple.__new__(Verdict, (status, limits, failed,
unresolved))`, both bound once at module level: one C call (a named tuple's own constructor is a Python function, a
frozen dataclass slower still).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from .decision import Decision, Status


class Verdict(NamedTuple):
    """The decision without its wording: status, each limit (value and binding rule), the failing rule ids."""

    status: Status
    limits: tuple[tuple[str, Decimal | None, str | None], ...]  # (limit id, value, binding rule id)
    failed: tuple[str, ...]  # ids of the failed findings, in the Decision's order
    unresolved: tuple[str, ...]  # ids of the findings missing data or referred for review

    @property
    def eligible(self) -> bool:
        return self.status == "eligible"

    def limit(self, name: str) -> Decimal | None:
        return next((value for lid, value, _rule in self.limits if lid == name), None)

    @classmethod
    def of(cls, d: Decision) -> Verdict:
        """The verdict a full Decision carries (to compare the two paths)."""
        return cls(d.status, tuple((lim.limit, lim.value, lim.binding_rule) for lim in d.limits),
                   tuple(f.rule_id for f in d.findings if f.outcome == "fail"),
                   tuple(f.rule_id for f in d.findings if f.outcome in ("missing", "review")))

