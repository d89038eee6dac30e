"""The comparison page's max-LTV cells, loan by loan, by the reference evaluator: what
`compiler/backends/docs/compare_ltv.py` (which computes them from the matrices and adjustments alone) is held to in
tests/unit/test_compare_ltv.py. It used to live in `compiler/backends/docs/site.py`; only the tests use it.
"""

from __future__ import annotations

from compiler import ir_program
from compiler.backends.docs.matrices import shade
from compiler.backends.docs.site import _profiles
from compiler.evaluate import evaluate


def max_ltv_at(program: ir_program.Program, vocabulary: ir_program.Vocabulary, loan: dict[str, object]) -> str:
    """The max LTV the program gives this loan as a shaded table cell (a matrix must apply), computed by the
    reference evaluator: the percentage, "Not eligible" (a matrix that applies refuses the loan: an N/A cell, the
    loan outside the matrix, its finding failing or, when a rule already fails on the key, `not_applicable` and
    pointing to the rule; language.md 15.2, 17), or "—" (no matrix of the program covers the loan's occupancy and
    purpose)."""
    d = evaluate(program, vocabulary, loan)
    matrices = {m.id for m in program.matrices}
    if any(f.outcome == "fail" or (f.outcome == "not_applicable" and not f.message.startswith("Applies when"))
           for f in d.findings if f.rule_id in matrices):
        return '<span class="glc-cell glc-na">Not eligible</span>'
    if not any(f.outcome == "pass" for f in d.findings if f.rule_id in matrices):
        return "—"
    limit = d.limit("max_ltv")
    if limit is not None and limit.state == "not_eligible":  # a cap or reduction by a value N/A in its table
        return '<span class="glc-cell glc-na">Not eligible</span>'
    if limit is not None and limit.state == "unknown":
        return "unknown"
    if limit is None or limit.value is None:
        return "no limit"
    return f'<span class="glc-cell glc-ltv glc-ltv-{shade(limit.value)}" data-value="{limit.value}">{limit.value}%</span>'


def ltv_row_evaluated(p: ir_program.Program, v: ir_program.Vocabulary, scores: tuple[int, ...]) -> list[list[str]]:
    """`docs.ltv_row` by the reference evaluator, loan by loan."""
    return [[max_ltv_at(p, v, {**loan, "fico": fico}) for fico in scores] for *_labels, loan in _profiles(v)]
