"""Property: every change `glc explain` suggests, applied to the loan, makes the named rule pass.

Loans are clean seed loans (owner-occupied or investor) with one to four fields replaced by values the shared
loan strategies draw (band edges, edges plus or minus a step, random values); only ineligible ones are
explained. Each suggestion is applied as a loan officer would type it (JSON-like values through the `Loan`
model) and the loan is decided again by the generated checker and by the reference evaluator: the named rule
passes (or no longer applies), and a whole-loan suggestion leaves no failed rule. The example count is sized
to keep CI fast; raise GLC_EXPLAIN_EXAMPLES for a longer run.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from compiler.evaluate import evaluate
from compiler.tools.explain import explain
from compiler.tools.explain_result import Change, Suggestion
from tests.loans import _denominator_tweaks, _tweaked, loans
from tests.seed_loans import INVESTOR, OWNER
from tests.unit.test_explain import BUNDLE, PROGRAMS

EXAMPLES = int(os.environ.get("GLC_EXPLAIN_EXAMPLES", "25"))
TWEAKS = _denominator_tweaks(BUNDLE)
SCALARS = sorted(f.name for f in BUNDLE.vocabulary.fields if f.type.kind not in ("text", "list"))


@st.composite
def near_misses(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    program = draw(st.sampled_from(sorted(PROGRAMS)))
    base = draw(st.sampled_from([OWNER, INVESTOR]))
    drawn = draw(loans(BUNDLE))
    keys = draw(st.lists(st.sampled_from([*SCALARS, "credit_events", "housing_lates"]), min_size=1, max_size=4,
                         unique=True))
    loan = {**base, **{k: drawn[k] for k in keys if drawn[k] is not None}}
    return program, _tweaked((loan, draw(st.sampled_from([None, None, *TWEAKS]))))  # a denominator of 0 or less


def apply(loan: dict[str, Any], s: Suggestion, value: Any = None) -> dict[str, Any]:
    """The loan with the suggestion's changes (or, for a one-field suggestion, that field set to `value`)."""
    out = dict(loan)
    for c in s.changes:
        v = c.after if value is None else value
        out[c.field] = v.isoformat() if isinstance(v, dt.date) else (int(v) if isinstance(v, Decimal) and v == int(v) else v)
    return out


def one_step_back(c: Change) -> Any:
    """The grid point next to the suggested value toward the current one, if it lies strictly between them."""
    f = BUNDLE.vocabulary.field(c.field)
    assert f is not None
    sign = 1 if c.direction == "up" else -1
    if isinstance(c.after, dt.date):
        back: Any = c.after - dt.timedelta(days=sign)
    else:
        step = Decimal(1) if f.type.kind == "money" else Decimal(1).scaleb(-(f.places or 0))
        back = c.after - sign * step
    return back if (back - c.before) * sign > (0 if isinstance(back, Decimal) else dt.timedelta(0)) else None


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(near_misses())
def test_every_suggested_change_makes_the_rule_pass(case: tuple[str, dict[str, Any]]) -> None:
    import generated
    from generated.loan import Loan

    program_id, data = case
    program = PROGRAMS[program_id]
    e = explain(program, BUNDLE.vocabulary, Loan.model_validate(data))
    assume(e.status == "ineligible")
    checked = sum(len(f.suggestions) for f in e.failed) + len(e.whole_loan)
    event("suggestions checked: " + ("0" if checked == 0 else "1-5" if checked <= 5 else "6 or more"))
    for f in e.failed:  # a value that cannot be computed or is outside its domain: check the data first
        cause = "cannot be computed" in f.message or "outside its domain" in f.message
        assert bool(f.checks) == cause, f"{program_id} {f.rule_id}: {f.message} / {f.checks}"
        for c in f.checks:
            assert c.fields and all(data.get(n) is not None for n in c.fields) and set(c.fields) <= set(f.fields), c
        event("checks: " + ("yes" if f.checks else "no"))
    assert {n for c in e.checks for n in c.fields} == {n for f in e.failed for c in f.checks for n in c.fields}
    for f in e.failed:
        for s in f.suggestions:
            changed = Loan.model_validate(apply(data, s))
            for d in (generated.check(program_id, changed), evaluate(program, BUNDLE.vocabulary, changed)):
                bad = [x for x in d.findings if x.rule_id == f.rule_id and x.outcome not in ("pass", "not_applicable")]
                assert not bad, f"{program_id}: {s.text} leaves {bad}"
            if len(s.changes) == 1 and s.changes[0].kind != "choice":
                c = s.changes[0]
                if c.through is not None:  # "..., but not below X": X passes too
                    far = generated.check(program_id, Loan.model_validate(apply(data, s, c.through)))
                    assert all(x.outcome in ("pass", "not_applicable") for x in far.findings if x.rule_id == f.rule_id)
                nearer = one_step_back(c)
                if nearer is not None:  # the smallest change: one step less does not pass
                    d = generated.check(program_id, Loan.model_validate(apply(data, s, nearer)))
                    assert any(x.outcome != "pass" and x.outcome != "not_applicable" for x in d.findings
                               if x.rule_id == f.rule_id), f"{program_id}: {s.text} is not the smallest change"
    for s in e.whole_loan:
        changed = Loan.model_validate(apply(data, s))
        for d in (generated.check(program_id, changed), evaluate(program, BUNDLE.vocabulary, changed)):
            assert not d.failed(), f"{program_id}: {s.text} leaves {[x.rule_id for x in d.failed()]}"
            assert d.status == s.status
