"""The JSON Schemas of what a checker takes and gives, for teams that are not in Python: `schema/loan.schema.json`
(the generated pydantic `Loan` model's own schema) and `schema/decision.schema.json` (`DecisionModel`, the
shape of `Decision.to_dict()`, which `glc eval --format json` prints and the service sends).

Written by `glc build` into the generated package (`BACKENDS["schema"]`), as deterministic bytes (sorted keys);
the service (`compiler.service`) publishes the same two schemas in its OpenAPI document.

The Loan schema is the model's, not a second description of the vocabulary: the generated `loan.py` text is
executed in a private module and asked for `model_json_schema()`. `DecisionModel` is a pydantic model of the
Decision's plain data; `tests/service/test_schema.py` validates every scenario's decision against it.
"""

from __future__ import annotations

import json
import sys
import types
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from compiler import ir_program
    from compiler.build.cache import Memo

LOAN_SCHEMA = "schema/loan.schema.json"
DECISION_SCHEMA = "schema/decision.schema.json"

DecimalText = str  # exact decimals travel as strings ("80", "1200000.00"); a limit that never binds is "never"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProgramInfoModel(_Strict):
    """Which program and version decided."""

    id: str
    title: str
    investor: str
    lender: str | None = Field(description="The lender of an overlay; null for an investor's program.")
    family: str
    version: str
    effective: str = Field(description="The version's effective date, ISO (2026-01-01).")
    source: str = Field(description="The guide the program is written from.")
    sha256: str = Field(description="SHA-256 of the guideline file the checker was generated from.")


class FindingModel(_Strict):
    """One rule's outcome for the loan."""

    rule_id: str
    title: str
    outcome: Literal["pass", "fail", "missing", "not_applicable", "review"]
    message: str = Field(description="The finding in plain words, with the loan's values.")
    citation: str = Field(description="Where the guide says it (section, page).")
    source: str = Field(description="file:line of the rule in the guideline.")
    missing: list[str] = Field(description="Loan fields the rule needs and the loan does not give.")


class ConditionModel(_Strict):
    """A document required or a term imposed by a rule that applies."""

    kind: Literal["document", "term"]
    text: str
    rule_id: str
    citation: str


class DerivedValueModel(_Strict):
    """A value worked out from the loan (LTV, DTI, ...) and the inputs it was computed from."""

    name: str
    title: str
    value: DecimalText | bool | str | None = Field(
        description="A number as an exact decimal string, yes/no as a boolean, a derived category as its choice; "
                    "null when an input is unknown or the value is outside its domain.")
    inputs: dict[str, DecimalText | None]


class LimitCandidateModel(_Strict):
    """A candidate for a limit: a matrix cell, a reduction or a cap, with the rule that gives it."""

    rule_id: str
    value: DecimalText
    description: str = Field(description="The matrix cell, reduction or cap in words, with its citation's wording.")


class LimitResultModel(_Strict):
    """A limit available to the loan (max LTV, ...), the rule that binds it and every candidate."""

    limit: str
    title: str
    value: DecimalText | None = Field(description="Exact decimal as a string, in the limit's unit (80 for 80%).")
    binding_rule: str | None
    description: str
    candidates: list[LimitCandidateModel]
    state: Literal["set", "none", "not_eligible", "unknown"] = Field(
        description="set: the value above; none: no rule gives this limit; not_eligible: a matrix that applies "
                    "refuses the loan (an N/A cell, a key outside its bands), so no cap or reduction stands in, or a "
                    "rule that applies caps or reduces the limit by a value its table says is N/A; unknown: a cap or "
                    "reduction by a value that unknown data decides, or a matrix giving the limit that cannot "
                    "be read for the loan (its `when` or a key unknown), whatever cap is known (value null; its "
                    "finding is missing).")


class DecisionModel(_Strict):
    """What a program decides for one loan: `glc eval --format json`."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Decision")

    program: ProgramInfoModel
    status: Literal["eligible", "ineligible", "needs_info"]
    findings: list[FindingModel]
    conditions: list[ConditionModel]
    values: list[DerivedValueModel]
    limits: list[LimitResultModel]


def loan_model(loan_source: str) -> Any:
    """The `Loan` class of a generated `loan.py` text, executed in a private module (the text imports only the
    standard library and pydantic)."""
    name = "_glc_loan_schema"
    module = types.ModuleType(name)
    sys.modules[name] = module  # pydantic resolves the postponed annotations through the module
    try:
        exec(compile(loan_source, "loan.py", "exec"), module.__dict__)
        module.Loan.model_rebuild()
        return module.Loan
    finally:
        sys.modules.pop(name, None)


def loan_schema(loan: Any) -> dict[str, Any]:
    """The Loan model's JSON Schema (validation: what a request may send)."""
    schema: dict[str, Any] = loan.model_json_schema()
    return schema


def decision_schema() -> dict[str, Any]:
    return DecisionModel.model_json_schema(mode="serialization")


def dump(schema: dict[str, Any]) -> str:
    """Deterministic text: sorted keys, two-space indents, a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# The schema files by (vocabulary path, its text's sha256): they depend on nothing else (`glc watch` writes them once).
_SCHEMAS: dict[tuple[str, str], dict[str, str]] = {}


def generate(bundle: ir_program.Bundle, memo: Memo | None = None) -> dict[str, str]:
    from compiler.backends.python.modules import generate_loan

    k = (bundle.vocabulary.path, bundle.vocabulary.sha256)
    if k not in _SCHEMAS:
        loan = loan_model(generate_loan(bundle.vocabulary))
        _SCHEMAS[k] = {LOAN_SCHEMA: dump(loan_schema(loan)), DECISION_SCHEMA: dump(decision_schema())}
    return dict(_SCHEMAS[k])
