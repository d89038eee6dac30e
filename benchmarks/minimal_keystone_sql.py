"""A minimal hand-written DuckDB query for keystone_bank_statement: the bar for glc's screening query (issue 17).

    .venv/bin/python benchmarks/query_vs_minimal.py TAPE   (checks it agrees with glc row for row, then times both)

The same decisions and columns as `glc screen` (status, max LTV/CLTV and their binding rules, failing / missing /
review rule ids, conditions, reason), written the shortest way a DuckDB user would: benchmarks/hand_keystone_sql.py's
logic (CASE bands, exact integer arithmetic in cents and basis points, Kleene outcomes, limits with the rule that
binds them) with each outcome a small integer (0 not applicable, 1 pass, 2 review, 3 missing, 4 fail), the status
from the largest outcome, and each rule-id list built only for the rows that can have one.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hand_keystone_sql import GUARDS, MATRICES, RULES

MACROS = """
CREATE OR REPLACE TEMP MACRO fdiv(a, b) AS CASE WHEN b = 0 THEN NULL
  WHEN b < 0 THEN (-a - (((-a) % (-b)) + (-b)) % (-b)) // (-b) ELSE (a - ((a % b) + b) % b) // b END;
CREATE OR REPLACE TEMP MACRO cdiv(a, b) AS -fdiv(-a, b);
CREATE OR REPLACE TEMP MACRO months_since(d, since) AS (year(d) - year(since)) * 12 + (month(d) - month(since))
  - CASE WHEN day(d) < least(day(since), day(last_day(d))) THEN 1 ELSE 0 END;
CREATE OR REPLACE TEMP MACRO seasoned(events, app, kinds, need) AS CASE
  WHEN events IS NULL OR app IS NULL THEN NULL
  WHEN len(list_filter(events, lambda e: list_contains(kinds, e.kind))) = 0 THEN TRUE
  WHEN len(list_filter(events, lambda e: list_contains(kinds, e.kind) AND e.completed_on IS NULL)) > 0 THEN NULL
  ELSE months_since(app, list_max(list_transform(list_filter(events, lambda e: list_contains(kinds, e.kind)),
                                                 lambda e: e.completed_on))) >= need END;
CREATE OR REPLACE TEMP MACRO outcome(a, failed, unknown) AS CASE
  WHEN a = FALSE THEN 0
  WHEN a AND failed THEN 4
  WHEN a IS NULL AND (failed OR unknown) THEN 3
  WHEN unknown THEN 3 ELSE 1 END;
CREATE OR REPLACE TEMP MACRO matrix_outcome(a, fico, amount, na) AS CASE
  WHEN a = FALSE THEN 0 WHEN a IS NULL THEN 3
  WHEN fico IS NULL THEN 3 WHEN fico < 660 THEN 0  -- outside the bands, min_fico fails: it decides
  WHEN amount IS NULL THEN 3 WHEN amount > 3000000 THEN 0  -- loan_amount_range fails: it decides
  WHEN amount > na THEN 4 ELSE 1 END;
CREATE OR REPLACE TEMP MACRO limit_outcome(lim, certain, actual) AS CASE
  WHEN lim IS NULL THEN 0 WHEN actual IS NULL THEN 3
  WHEN actual > lim AND (certain IS NULL OR actual <= certain) THEN 3
  WHEN actual <= lim THEN 1 ELSE 4 END;
"""

def matrix_sql(name: str) -> tuple[str, str]:
    """The matrix's outcome and its cell (basis points) when it passes."""
    cells = MATRICES[name]
    # the loan amount above which a FICO row has no cell (N/A)
    tops = [1_000_000, 1_500_000, 2_000_000, 3_000_000]
    na_cases = " ".join(f"WHEN {b} THEN {tops[sum(c is not None for c in row) - 1]}" for b, row in enumerate(cells))
    cell_cases = " ".join(f"WHEN fb = {b} AND ab = {c} THEN {v}" for b, row in enumerate(cells)
                          for c, v in enumerate(row) if v is not None)
    outcome = f"matrix_outcome({GUARDS[name]}, fico, loan_amount, CASE fb {na_cases} END)"
    cell = f"CASE WHEN o_{name} = 1 THEN CASE {cell_cases} END END"
    return outcome, cell


def query(source: str = "tape") -> str:
    """The query over the typed tape table `source`, returning the columns of `glc screen`."""
    m_out = {n: matrix_sql(n) for n in MATRICES}
    lim = {}
    for k, actual in (("ltv", "v_ltv"), ("cltv", "v_cltv")):
        base = f"least({', '.join(f'cell_{n}' for n in MATRICES)})"
        adj = [("non_warrantable_condo", "base - 500", "r0"), ("interest_only", "base - 500", "r1"),
               ("declining_market", "base - 500", "r2"), ("non_warrantable_condo", "8000", "r0"),
               ("rural", "7500", "r3"), ("rent_free", "8000", "r11")]
        lim[k] = (base, adj, actual)
    # a matrix that applies and refuses the loan (a fail, or outside its bands where a rule decides) leaves no limit
    refused = " OR ".join(f"o_{n} = 4 OR (o_{n} = 0 AND coalesce({g}, FALSE))" for n, g in GUARDS.items())
    # a matrix that applies or may apply and cannot be read (missing) leaves the limits unknown, whatever the caps
    unread = " OR ".join(f"o_{n} = 3" for n in MATRICES)
    adj_cols = []
    for k, (_, adj, _) in lim.items():
        for i, (_, val, g) in enumerate(adj):
            v = val.replace("base", f"base_{k}")
            adj_cols.append(f"CASE WHEN coalesce({g}_a, TRUE) THEN {v} END AS {k}_o{i}")
            adj_cols.append(f"CASE WHEN coalesce({g}_a, FALSE) THEN {v} END AS {k}_c{i}")
    rule_of = {}
    for k, (_, adj, _) in lim.items():
        names = " ".join(f"WHEN {k}_o{i} = lim_{k} THEN '{r}'" for i, (r, _, _) in enumerate(adj))
        rule_of[k] = f"CASE WHEN base_{k} = lim_{k} THEN base_rule_{k} {names} END"
    base_rule = " ".join(f"WHEN cell_{n} = base_{{k}} THEN '{n}'" for n in MATRICES)
    order = [f"o_{n}" for n in MATRICES] + ["o_elig"] + [f"o_r{i}" for i in range(len(RULES))] + ["o_l_ltv", "o_l_cltv"]
    ids = [*MATRICES, "eligibility_matrix", *RULES, "max_ltv", "max_cltv"]

    def ids_with(outcome: str) -> str:
        return "concat_ws(';', " + ", ".join(f"CASE WHEN {o} = {outcome} THEN '{i}' END" for o, i in zip(order, ids, strict=True)) + ")"

    def req(a: str, *qs: str) -> str:
        failed = " OR ".join(f"coalesce(NOT ({q}), FALSE)" for q in qs) if qs else "FALSE"
        unknown = " OR ".join(f"({q}) IS NULL" for q in qs) if qs else "FALSE"
        return f"outcome({a}, {failed}, {unknown})" if qs else \
            f"CASE WHEN {a} = FALSE THEN 0 WHEN {a} IS NULL THEN 3 ELSE {{done}} END"

    r = [  # guard, requirements
        ("property_type = 'condo_non_warrantable'", []),
        ("interest_only", ["CASE WHEN fico_no_score THEN FALSE ELSE fico >= 680 END"]),
        ("declining_market", []),
        ("rural", []),
        ("TRUE", ["CASE WHEN fico_no_score THEN FALSE ELSE fico >= 660 END"]),
        ("TRUE", ["CASE WHEN v_income_c <= 0 THEN FALSE ELSE v_dti <= 5000 OR (CASE WHEN fico_no_score THEN FALSE "
                  "ELSE fico >= 720 END AND v_ltv <= 8000 AND v_reserves >= 1200 AND NOT fthb AND v_dti <= 5500) END"]),
        ("TRUE", [f"seasoned(credit_events, application_date, {k}, {n})" for k, n in
                  ((["fc"], 36), (["ss", "dil", "mod"], 24), (["nod", "dq120"], 12), (["bk7", "bk11"], 24), (["bk13"], 12))]),
        ("NOT rent_free", ["housing_history_months >= 12", "lates_12 <= 1", "housing_verification IN ('vom', 'vor', 'bank_records')"]),
        ("TRUE", ["NOT in_forbearance"]),
        ("forbearance_end IS NOT NULL AND purpose IN ('purchase', 'rate_term')", ["payments_since_forbearance >= 2"]),
        ("forbearance_end IS NOT NULL AND purpose = 'cash_out'", []),
        ("rent_free", ["borrower_contribution_pct >= 10"]),
        ("fthb", ["v_payment_shock <= 25000"]),
        ("TRUE", ["doc_type IN ('bank_stmt_personal_12', 'bank_stmt_personal_24', 'bank_stmt_business_12', 'bank_stmt_business_24')"]),
        ("doc_type IN ('bank_stmt_business_12', 'bank_stmt_business_24')", ["ownership_pct >= 25"]),
        ("TRUE", ["v_reserves >= v_required_reserves * 100"]),
        ("TRUE", ["loan_amount >= 150000 AND loan_amount <= 3000000"]),
        ("TRUE", ["property_type IN ('sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit')"]),
        ("TRUE", ["state NOT IN ('ND', 'SD', 'NV')"]),
        ("loan_amount > 2000000", []),
    ]
    guards = ", ".join(f"({g}) AS r{i}_a" for i, (g, _) in enumerate(r))
    outcomes = ", ".join(f"{req(f'r{i}_a', *qs).replace('{done}', '2' if RULES[i] == 'after_forbearance_cash_out' else '1')} AS o_r{i}"
                         for i, (_, qs) in enumerate(r))
    lates = ("CASE WHEN housing_lates IS NULL OR application_date IS NULL THEN NULL "
             "WHEN len(list_filter(housing_lates, lambda l: l.days_late IS NULL OR l.due_on IS NULL)) > 0 THEN NULL "
             "ELSE len(list_filter(housing_lates, lambda l: l.days_late >= 30 AND months_since(application_date, l.due_on) < 12)) END")
    conditions = ("concat_ws(' | ', CASE WHEN coalesce(r11_a, FALSE) THEN 'rent_free (document): Rent-free letter' END, "
                  "CASE WHEN coalesce(r14_a, FALSE) THEN 'business_ownership (document): CPA letter or business license confirming ownership' END, "
                  "CASE WHEN coalesce(r19_a, FALSE) THEN 'second_appraisal (document): Second full appraisal' END)")
    return f"""
WITH money AS (  -- exact integers: cents, basis points
  SELECT *,
    CASE WHEN purpose IS NULL THEN NULL WHEN purpose = 'purchase'
         THEN CASE WHEN purchase_price IS NULL OR appraised_value IS NULL THEN NULL ELSE least(purchase_price, appraised_value) END
         ELSE appraised_value END * 100 AS pv_c,
    (total_deposits - excluded_transfers - excluded_nonrecurring) * 100 AS deposits_c,
    pitia * 100 AS pitia_c
  FROM {source}
), derived AS (
  SELECT *,
    CAST(CASE WHEN pv_c = 0 THEN NULL ELSE cdiv(CAST(loan_amount AS HUGEINT) * 1000000, CAST(pv_c AS HUGEINT)) END AS HUGEINT) AS v_ltv,
    CAST(CASE WHEN pv_c = 0 THEN NULL
         ELSE cdiv(CAST((loan_amount + subordinate_liens
           + CASE WHEN lien_position = 'second' THEN senior_lien_balance ELSE 0 END) * 100 AS HUGEINT) * 10000,
           CAST(pv_c AS HUGEINT)) END AS HUGEINT) AS v_cltv,
    CAST(CASE WHEN doc_type IN ('bank_stmt_personal_12', 'bank_stmt_personal_24')
         THEN fdiv(CAST(deposits_c AS HUGEINT), CAST(statement_months AS HUGEINT))
         WHEN doc_type IN ('bank_stmt_business_12', 'bank_stmt_business_24')
         THEN fdiv(CAST(deposits_c AS HUGEINT) * (10000 - CAST(coalesce(cpa_expense_ratio * 100, 5000) AS HUGEINT))
                   * CAST(ownership_pct * 100 AS HUGEINT),
                   CAST(statement_months AS HUGEINT) * 100000000)
         WHEN doc_type IS NOT NULL THEN CAST(monthly_income * 100 AS HUGEINT) END AS HUGEINT) AS v_income_c,
    CAST(fdiv(CAST(liquid_assets * 100 AS HUGEINT) * 100, CAST(pitia_c AS HUGEINT)) AS HUGEINT) AS v_reserves,
    CAST(cdiv(CAST(pitia_c AS HUGEINT) * 10000, CAST(current_housing_payment * 100 AS HUGEINT)) AS HUGEINT) AS v_payment_shock,
    CASE WHEN loan_amount <= 1000000 THEN 3 WHEN loan_amount <= 2000000 THEN 6 WHEN loan_amount > 2000000 THEN 12 END AS v_required_reserves,
    CASE WHEN fico >= 740 THEN 0 WHEN fico >= 720 THEN 1 WHEN fico >= 700 THEN 2 WHEN fico >= 680 THEN 3 WHEN fico >= 660 THEN 4 END AS fb,
    CASE WHEN loan_amount <= 1000000 THEN 0 WHEN loan_amount <= 1500000 THEN 1 WHEN loan_amount <= 2000000 THEN 2
         WHEN loan_amount <= 3000000 THEN 3 END AS ab,
    {lates} AS lates_12
  FROM money
), rules AS (
  SELECT *,
    CAST(cdiv(CAST((pitia + monthly_debts) * 100 AS HUGEINT) * 10000, v_income_c) AS HUGEINT) AS v_dti,
    {', '.join(f'{o} AS o_{n}' for n, (o, _) in m_out.items())},
    CASE WHEN coalesce(NOT ({' OR '.join(f'({g})' for g in GUARDS.values())}), FALSE) THEN 4 ELSE 1 END AS o_elig,
    {guards}
  FROM derived
), outcomes AS (
  SELECT *, {', '.join(f'{c} AS cell_{n}' for n, (_, c) in m_out.items())}, {outcomes}
  FROM rules
), bases AS (
  SELECT *, {lim['ltv'][0]} AS base_ltv, {lim['cltv'][0]} AS base_cltv, {refused} AS refused, {unread} AS unread FROM outcomes
), adjusted AS (
  SELECT *, {', '.join(adj_cols)},
    CASE {base_rule.format(k='ltv')} END AS base_rule_ltv, CASE {base_rule.format(k='cltv')} END AS base_rule_cltv
  FROM bases
), limits AS (
  SELECT *,
    CASE WHEN NOT refused AND NOT unread THEN least(base_ltv, {', '.join(f'ltv_o{i}' for i in range(6))}) END AS lim_ltv,
    least(base_ltv, {', '.join(f'ltv_c{i}' for i in range(6))}) AS certain_ltv,
    CASE WHEN NOT refused AND NOT unread THEN least(base_cltv, {', '.join(f'cltv_o{i}' for i in range(6))}) END AS lim_cltv,
    least(base_cltv, {', '.join(f'cltv_c{i}' for i in range(6))}) AS certain_cltv
  FROM adjusted
), checked AS (
  SELECT *, {rule_of['ltv']} AS rule_ltv, {rule_of['cltv']} AS rule_cltv,
    CASE WHEN unread AND NOT refused THEN 3 ELSE limit_outcome(lim_ltv, certain_ltv, v_ltv) END AS o_l_ltv,
    CASE WHEN unread AND NOT refused THEN 3 ELSE limit_outcome(lim_cltv, certain_cltv, v_cltv) END AS o_l_cltv
  FROM limits
), listed AS (
  SELECT *, greatest({', '.join(order)}) AS worst,
    ({' OR '.join(f'{o} = 3' for o in order)}) AS has_missing
  FROM checked
)
SELECT _row AS row, loan_id, 'keystone_bank_statement' AS program,
  CASE WHEN _reason IS NOT NULL THEN 'invalid' WHEN worst = 4 THEN 'ineligible'
       WHEN worst >= 2 THEN 'needs_info' ELSE 'eligible' END AS status,
  CASE WHEN _reason IS NULL THEN CAST(lim_ltv / 100 AS DECIMAL(20, 2)) END AS max_ltv,
  CASE WHEN _reason IS NULL THEN rule_ltv END AS max_ltv_rule,
  CASE WHEN _reason IS NULL THEN CAST(lim_cltv / 100 AS DECIMAL(20, 2)) END AS max_cltv,
  CASE WHEN _reason IS NULL THEN rule_cltv END AS max_cltv_rule,
  CAST(NULL AS DECIMAL(38, 0)) AS max_loan_amount, CAST(NULL AS VARCHAR) AS max_loan_amount_rule,
  CASE WHEN _reason IS NULL THEN CASE WHEN worst = 4 THEN {ids_with(4)} ELSE '' END END AS failing_rules,
  CASE WHEN _reason IS NULL THEN CASE WHEN has_missing THEN {ids_with(3)} ELSE '' END END AS missing_rules,
  CASE WHEN _reason IS NULL THEN CASE WHEN worst >= 2 THEN {ids_with(2)} ELSE '' END END AS review_rules,
  CASE WHEN _reason IS NULL THEN {conditions} END AS conditions,
  _reason AS reason
FROM listed
"""


