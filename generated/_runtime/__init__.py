# Copied from compiler/runtime/__init__.py by glc build; do not edit.
"""Runtime of the generated checkers: the Decision a check returns, how it is decided, and the exact arithmetic.

`glc build` copies this package into every generated package as `generated/_runtime/` (the same file names,
each under a one-line header); its modules import only the standard library and one another, relatively.
Generated modules say `from . import _runtime as rt` and call exactly the names in `__all__`
(tests/unit/test_runtime_all.py holds the list to what they call).

    values    exact arithmetic (`div_round`, `quantize`, month counting), unknown-aware operations (`ge`, `not3`, ...)
    decision  the result types: `Decision`, `Finding`, `LimitResult`, ... and `status_of`
    meta      the program metadata types (`ProgramMeta`, `RuleMeta`, ...) every `<program>_meta.py` is written in
    facts     a loan's `Facts`, and how messages show them (`show`, `actuals`, `missing`)
    assemble  `decide`: the Decision assembled from the facts
    verdict   `Verdict`, what the fast path (`check_fast`) returns: the decision without its wording
"""

from __future__ import annotations

from .assemble import decide, derived_value
from .decision import (
    Condition,
    Decision,
    DerivedValue,
    Finding,
    LimitCandidate,
    LimitResult,
    Outcome,
    ProgramInfo,
    Status,
)
from .facts import Facts, show, shower
from .meta import AxisMeta, LimitMeta, MatrixMeta, Name, ProgramMeta, RequirementMeta, RuleMeta
from .values import (
    NEVER,
    count_lates,
    days_between,
    days_since,
    div_down,
    div_round,
    div_up,
    divisor,
    down_divide,
    down_quantize,
    greater,
    isin,
    known,
    lesser,
    months_between,
    months_since,
    months_since_latest,
    neg,
    not3,
    quantize,
    scale,
    up_divide,
    up_quantize,
)
from .verdict import Verdict

__all__ = [
    # What generated modules call (checker modules, `<program>_meta.py`, `_fields.py`, `__init__.py`).
    "NEVER",
    "AxisMeta",
    "Decision",
    "DerivedValue",
    "Facts",
    "Finding",
    "LimitMeta",
    "MatrixMeta",
    "Name",
    "ProgramInfo",
    "ProgramMeta",
    "RequirementMeta",
    "RuleMeta",
    "Status",
    "Verdict",
    "count_lates",
    "decide",
    "derived_value",
    "div_down",
    "div_up",
    "divisor",
    "down_divide",
    "down_quantize",
    "months_between",
    "months_since",
    "months_since_latest",
    "quantize",
    "scale",
    "show",
    "shower",
    "up_divide",
    "up_quantize",
]
__all__ += [
    # What the Python back end writes for constructs no current program uses (compiler/backends/python/expr.py):
    # a guideline using them must not need a new runtime.
    "days_between",  # `days since the latest ... <op> <constant>` on check_fast's one-pass scan
    "days_since",  # `days since <date>`
    "div_round",  # a division rounded half up or half even, or to 10 places or more
    "greater",  # `greater of`
    "isin",  # `in [...]` of an operand that is not a plain field, value or constant
    "known",  # `is known` of such an operand
    "lesser",  # `lesser of` three or more
    "neg",  # `-x`
    "not3",  # `not in [...]` of such an operand
]
__all__ += [
    # The public API beyond the calls: the types of a Decision's parts, for callers that annotate or build them.
    "Condition",
    "LimitCandidate",
    "LimitResult",
    "Outcome",
]
