"""Bank Statement Select (keystone_bank_statement), version 2025.2, effective 2025-07-01.

Investor: Keystone Non-QM Capital. Source document: Keystone Non-QM Capital, Bank Statement Select Underwriting Guide v2025.2.

Generated from programs/history/keystone_bank_statement@2025.2.guideline (sha256 407d75bb0ee0066b0e8b7424db02dd60db93320daec52569a0cc5423b8beb158); do not edit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from . import _fields
from . import _runtime as rt
from .loan import Loan

__all__ = ["META", "check", "facts", "values"]

# Keep the names used by literals below (dates and Decimals) even when a program has none.
_USED = (dt, Decimal)

Result = tuple[bool | None, tuple[bool | None, ...]]


def values(loan: Loan) -> dict[str, Any]:
    """The derived values of a loan, each after the values it uses; None when unknown."""
    v: dict[str, Any] = {}
    # Property value (programs/loan.fields:271)
    v['property_value'] = rt.choose(rt.isin(loan.purpose, frozenset({'purchase'})), rt.lesser(loan.purchase_price, loan.appraised_value), loan.appraised_value)
    # LTV, rounded up to 2 decimals (programs/loan.fields:274)
    v['ltv'] = rt.div_round(rt.scale(loan.loan_amount, 2), v['property_value'], 2, 'up')
    # CLTV, rounded up to 2 decimals (programs/loan.fields:278)
    v['cltv'] = rt.div_round(rt.scale(rt.add(loan.loan_amount, loan.subordinate_liens), 2), v['property_value'], 2, 'up')
    # Eligible deposits (programs/loan.fields:282)
    v['eligible_deposits'] = rt.sub(rt.sub(loan.total_deposits, loan.excluded_transfers), loan.excluded_nonrecurring)
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:285)
    v['qualifying_income'] = rt.choose(rt.isin(loan.doc_type, frozenset({'bank_stmt_personal_12', 'bank_stmt_personal_24'})), rt.div_round(v['eligible_deposits'], loan.statement_months, 2, 'down'), rt.choose(rt.isin(loan.doc_type, frozenset({'bank_stmt_business_12', 'bank_stmt_business_24'})), rt.div_round(rt.mul(rt.mul(v['eligible_deposits'], rt.scale(rt.sub(Decimal("100"), rt.default(loan.cpa_expense_ratio, Decimal("50"))), -2)), rt.scale(loan.ownership_pct, -2)), loan.statement_months, 2, 'down'), rt.quantize(loan.monthly_income, 2, 'down')))
    # DTI, rounded up to 2 decimals (programs/loan.fields:292)
    v['dti'] = rt.div_round(rt.scale(rt.add(loan.pitia, loan.monthly_debts), 2), v['qualifying_income'], 2, 'up')
    # Reserves, rounded down to 2 decimals (programs/loan.fields:300)
    v['reserves_months'] = rt.div_round(loan.liquid_assets, loan.pitia, 2, 'down')
    # Required reserves (programs/history/keystone_bank_statement@2025.2.guideline:174; §6.3, p. 13)
    v['required_reserves'] = rt.lookup(loan.loan_amount, (
    (None, False, Decimal("1000000"), True),
    (Decimal("1000001"), True, Decimal("2500000"), True),
    (Decimal("2500001"), True, None, False),
), (Decimal("3"), Decimal("6"), Decimal("12")))
    # DSCR, rounded down to 3 decimals (programs/loan.fields:296)
    v['dscr'] = rt.div_round(rt.lesser(rt.default(loan.lease_rent, loan.market_rent), loan.market_rent), loan.pitia, 3, 'down')
    # Payment shock, rounded up to 2 decimals (programs/loan.fields:304)
    v['payment_shock'] = rt.div_round(rt.scale(loan.pitia, 2), loan.current_housing_payment, 2, 'up')
    return v


def matrix_primary_purchase(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, purchase: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix A, p. 4. Source: programs/history/keystone_bank_statement@2025.2.guideline:23. Cells: META.matrices[0].
    """
    return rt.all3(rt.isin(loan.occupancy, frozenset({'primary'})), rt.isin(loan.purpose, frozenset({'purchase'}))), (loan.fico, loan.loan_amount)


def matrix_primary_rate_term(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, rate/term refinance: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix B, p. 4. Source: programs/history/keystone_bank_statement@2025.2.guideline:36. Cells: META.matrices[1].
    """
    return rt.all3(rt.isin(loan.occupancy, frozenset({'primary'})), rt.isin(loan.purpose, frozenset({'rate_term'}))), (loan.fico, loan.loan_amount)


def matrix_primary_cash_out(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, cash-out refinance: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix C, p. 5. Source: programs/history/keystone_bank_statement@2025.2.guideline:49. Cells: META.matrices[2].
    """
    return rt.all3(rt.isin(loan.occupancy, frozenset({'primary'})), rt.isin(loan.purpose, frozenset({'cash_out'}))), (loan.fico, loan.loan_amount)


def matrix_second_home(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Second home, purchase and rate/term: whether it applies and the loan's row and column keys.

    Citation: §2.2 Matrix D, p. 5. Source: programs/history/keystone_bank_statement@2025.2.guideline:62. Cells: META.matrices[3].
    """
    return rt.all3(rt.isin(loan.occupancy, frozenset({'second_home'})), rt.isin(loan.purpose, frozenset({'purchase', 'rate_term'}))), (loan.fico, loan.loan_amount)


def matrix_investment(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Investment property, all purposes: whether it applies and the loan's row and column keys.

    Citation: §2.3 Matrix E, p. 6. Source: programs/history/keystone_bank_statement@2025.2.guideline:75. Cells: META.matrices[4].
    """
    return rt.isin(loan.occupancy, frozenset({'investment'})), (loan.fico, loan.loan_amount)


def rule_non_warrantable_condo(loan: Loan, v: dict[str, Any]) -> Result:
    """Non-warrantable condo.

    Citation: §3.1, p. 7. Source: programs/history/keystone_bank_statement@2025.2.guideline:89.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:89: applies when Property type is condo_non_warrantable
    applies = rt.isin(loan.property_type, frozenset({'condo_non_warrantable'}))
    return applies, ()


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §3.2, p. 7. Source: programs/history/keystone_bank_statement@2025.2.guideline:95.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:95: applies when Interest-only
    applies = loan.interest_only
    return applies, (
        # Credit score at least 680 (programs/history/keystone_bank_statement@2025.2.guideline:98)
        rt.ge(loan.fico, Decimal("680")),
    )


def rule_declining_market(loan: Loan, v: dict[str, Any]) -> Result:
    """Declining market.

    Citation: §3.3, p. 7. Source: programs/history/keystone_bank_statement@2025.2.guideline:101.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:101: applies when Declining market
    applies = loan.declining_market
    return applies, ()


def rule_rural(loan: Loan, v: dict[str, Any]) -> Result:
    """Rural property.

    Citation: §3.4, p. 6. Source: programs/history/keystone_bank_statement@2025.2.guideline:106.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:106: applies when Rural property
    applies = loan.rural
    return applies, ()


def rule_min_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: §4.1, p. 8. Source: programs/history/keystone_bank_statement@2025.2.guideline:113.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:113
    applies = True
    return applies, (
        # Credit score at least 660 (programs/history/keystone_bank_statement@2025.2.guideline:115)
        rt.ge(loan.fico, Decimal("660")),
    )


def rule_max_dti(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum DTI.

    Citation: §4.2, p. 8. Source: programs/history/keystone_bank_statement@2025.2.guideline:117.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:117
    applies = True
    return applies, (
        # DTI at most 50%; or DTI at most 55% when Credit score at least 700 and LTV at most 80% and Reserves at least 12 months and not First-time home buyer (programs/history/keystone_bank_statement@2025.2.guideline:119)
        rt.any3(rt.le(v['dti'], Decimal("50")), rt.all3(rt.all3(rt.ge(loan.fico, Decimal("700")), rt.le(v['ltv'], Decimal("80")), rt.ge(v['reserves_months'], Decimal("12")), rt.not3(loan.fthb)), rt.le(v['dti'], Decimal("55")))),
    )


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: §4.3, p. 9. Source: programs/history/keystone_bank_statement@2025.2.guideline:122.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:122
    applies = True
    return applies, (
        # months since the latest Credit events (fc) at least 36 months (programs/history/keystone_bank_statement@2025.2.guideline:126)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', ('fc',), loan.application_date), Decimal("36")),
        # months since the latest Credit events (ss, dil, mod) at least 24 months (programs/history/keystone_bank_statement@2025.2.guideline:127)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', ('ss', 'dil', 'mod'), loan.application_date), Decimal("24")),
        # months since the latest Credit events (nod, dq120) at least 12 months (programs/history/keystone_bank_statement@2025.2.guideline:128)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', ('nod', 'dq120'), loan.application_date), Decimal("12")),
        # months since the latest Credit events (bk7, bk11) at least 24 months (programs/history/keystone_bank_statement@2025.2.guideline:129)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', ('bk7', 'bk11'), loan.application_date), Decimal("24")),
        # months since the latest Credit events (bk13) at least 12 months (programs/history/keystone_bank_statement@2025.2.guideline:130)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', ('bk13',), loan.application_date), Decimal("12")),
    )


def rule_housing_history_12_months(loan: Loan, v: dict[str, Any]) -> Result:
    """Housing history, 12 months.

    Citation: §5.1, p. 10 (seed 002: satisfactory history for the most recent 12 months). Source: programs/history/keystone_bank_statement@2025.2.guideline:134.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:134: applies when not Living rent-free
    applies = rt.not3(loan.rent_free)
    return applies, (
        # Housing history documented at least 12 months (programs/history/keystone_bank_statement@2025.2.guideline:137)
        rt.ge(loan.housing_history_months, Decimal("12")),
        # housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months) (programs/history/keystone_bank_statement@2025.2.guideline:138)
        rt.le(rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date), Decimal("1")),
        # Housing verification is vom, vor or bank_records (programs/history/keystone_bank_statement@2025.2.guideline:139)
        rt.isin(loan.housing_verification, frozenset({'vom', 'vor', 'bank_records'})),
    )


def rule_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """Forbearance.

    Citation: §5.2, p. 10 (seed 002: still in forbearance is ineligible). Source: programs/history/keystone_bank_statement@2025.2.guideline:141.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:141
    applies = True
    return applies, (
        # not In forbearance (programs/history/keystone_bank_statement@2025.2.guideline:143)
        rt.not3(loan.in_forbearance),
    )


def rule_after_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance.

    Citation: §5.2, p. 10 (seed 002: two timely payments after forbearance, purchase or rate/term). Source: programs/history/keystone_bank_statement@2025.2.guideline:145.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:145: applies when Forbearance end is known and Loan purpose is purchase or rate_term
    applies = rt.all3(rt.known(loan.forbearance_end), rt.isin(loan.purpose, frozenset({'purchase', 'rate_term'})))
    return applies, (
        # Payments since forbearance at least 2 (programs/history/keystone_bank_statement@2025.2.guideline:148)
        rt.ge(loan.payments_since_forbearance, Decimal("2")),
    )


def rule_after_forbearance_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance, cash-out.

    Citation: §5.2, p. 10 (seed 002 is silent on cash-out after forbearance). Source: programs/history/keystone_bank_statement@2025.2.guideline:150.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:150: applies when Forbearance end is known and Loan purpose is cash_out
    applies = rt.all3(rt.known(loan.forbearance_end), rt.isin(loan.purpose, frozenset({'cash_out'})))
    return applies, ()


def rule_rent_free(loan: Loan, v: dict[str, Any]) -> Result:
    """Rent-free borrowers.

    Citation: §5.3, p. 11 (seed 002: rent-free letter, 10% contribution, max 80% LTV). Source: programs/history/keystone_bank_statement@2025.2.guideline:155.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:155: applies when Living rent-free
    applies = loan.rent_free
    return applies, (
        # Borrower contribution at least 10% (programs/history/keystone_bank_statement@2025.2.guideline:159)
        rt.ge(loan.borrower_contribution_pct, Decimal("10")),
    )


def rule_doc_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Documentation types.

    Citation: §6.1, p. 12. Source: programs/history/keystone_bank_statement@2025.2.guideline:164.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:164
    applies = True
    return applies, (
        # Documentation type is bank_stmt_personal_12, bank_stmt_personal_24, bank_stmt_business_12 or bank_stmt_business_24 (programs/history/keystone_bank_statement@2025.2.guideline:166)
        rt.isin(loan.doc_type, frozenset({'bank_stmt_personal_12', 'bank_stmt_personal_24', 'bank_stmt_business_12', 'bank_stmt_business_24'})),
    )


def rule_business_ownership(loan: Loan, v: dict[str, Any]) -> Result:
    """Business ownership.

    Citation: §6.2, p. 12. Source: programs/history/keystone_bank_statement@2025.2.guideline:168.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:168: applies when Documentation type is bank_stmt_business_12 or bank_stmt_business_24
    applies = rt.isin(loan.doc_type, frozenset({'bank_stmt_business_12', 'bank_stmt_business_24'}))
    return applies, (
        # Ownership share at least 25% (programs/history/keystone_bank_statement@2025.2.guideline:171)
        rt.ge(loan.ownership_pct, Decimal("25")),
    )


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: §6.3, p. 13. Source: programs/history/keystone_bank_statement@2025.2.guideline:181.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:181
    applies = True
    return applies, (
        # Reserves at least Required reserves (programs/history/keystone_bank_statement@2025.2.guideline:183)
        rt.ge(v['reserves_months'], v['required_reserves']),
    )


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §7.1, p. 14. Source: programs/history/keystone_bank_statement@2025.2.guideline:187.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:187
    applies = True
    return applies, (
        # Loan amount at least $100,000 and Loan amount at most $3,000,000 (programs/history/keystone_bank_statement@2025.2.guideline:189)
        rt.all3(rt.ge(loan.loan_amount, Decimal("100000")), rt.le(loan.loan_amount, Decimal("3000000"))),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Property types.

    Citation: §7.2, p. 14. Source: programs/history/keystone_bank_statement@2025.2.guideline:191.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:191
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit (programs/history/keystone_bank_statement@2025.2.guideline:193)
        rt.isin(loan.property_type, frozenset({'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit'})),
    )


def rule_excluded_states(loan: Loan, v: dict[str, Any]) -> Result:
    """State restrictions.

    Citation: §7.3, p. 14. Source: programs/history/keystone_bank_statement@2025.2.guideline:195.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:195
    applies = True
    return applies, (
        # State is not ND or SD (programs/history/keystone_bank_statement@2025.2.guideline:197)
        rt.not3(rt.isin(loan.state, frozenset({'ND', 'SD'}))),
    )


def rule_second_appraisal(loan: Loan, v: dict[str, Any]) -> Result:
    """Second appraisal.

    Citation: §7.4, p. 15. Source: programs/history/keystone_bank_statement@2025.2.guideline:199.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:199: applies when Loan amount more than $2,000,000
    applies = rt.gt(loan.loan_amount, Decimal("2000000"))
    return applies, ()


def rule_max_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum cash-out.

    Citation: §7.5, p. 15. Source: programs/history/keystone_bank_statement@2025.2.guideline:204.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:204: applies when Loan purpose is cash_out
    applies = rt.isin(loan.purpose, frozenset({'cash_out'}))
    return applies, (
        # Cash-out amount at most $500,000 (programs/history/keystone_bank_statement@2025.2.guideline:207)
        rt.le(loan.cash_out_amount, Decimal("500000")),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    v = values(loan)
    f = rt.Facts(loan, v)
    f.matrices.append(matrix_primary_purchase(loan, v))
    f.matrices.append(matrix_primary_rate_term(loan, v))
    f.matrices.append(matrix_primary_cash_out(loan, v))
    f.matrices.append(matrix_second_home(loan, v))
    f.matrices.append(matrix_investment(loan, v))
    f.rules.append(rule_non_warrantable_condo(loan, v))
    f.rules.append(rule_interest_only(loan, v))
    f.rules.append(rule_declining_market(loan, v))
    f.rules.append(rule_rural(loan, v))
    f.rules.append(rule_min_fico(loan, v))
    f.rules.append(rule_max_dti(loan, v))
    f.rules.append(rule_credit_event_seasoning(loan, v))
    f.rules.append(rule_housing_history_12_months(loan, v))
    f.rules.append(rule_forbearance(loan, v))
    f.rules.append(rule_after_forbearance(loan, v))
    f.rules.append(rule_after_forbearance_cash_out(loan, v))
    f.rules.append(rule_rent_free(loan, v))
    f.rules.append(rule_doc_types(loan, v))
    f.rules.append(rule_business_ownership(loan, v))
    f.rules.append(rule_reserves(loan, v))
    f.rules.append(rule_loan_amount_range(loan, v))
    f.rules.append(rule_property_types(loan, v))
    f.rules.append(rule_excluded_states(loan, v))
    f.rules.append(rule_second_appraisal(loan, v))
    f.rules.append(rule_max_cash_out(loan, v))
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Bank Statement Select 2025.2: status, findings, conditions, values, limits."""
    return rt.decide(META, facts(loan))


META = rt.ProgramMeta(
    info=rt.ProgramInfo(
        id='keystone_bank_statement',
        title='Bank Statement Select',
        investor='Keystone Non-QM Capital',
        lender=None,
        family='Bank Statement',
        version='2025.2',
        effective='2025-07-01',
        source='Keystone Non-QM Capital, Bank Statement Select Underwriting Guide v2025.2',
        sha256='407d75bb0ee0066b0e8b7424db02dd60db93320daec52569a0cc5423b8beb158',
    ),
    combine='lowest',
    names={
        **_fields.NAMES,
        'property_value': rt.Name(
            title='Property value',
            kind='money',
            unit='USD',
            is_value=True,
            depends_on=('purpose', 'purchase_price', 'appraised_value'),
            places=2,
        ),
        'ltv': rt.Name(
            title='LTV',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('loan_amount', 'property_value'),
            places=2,
        ),
        'cltv': rt.Name(
            title='CLTV',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('loan_amount', 'subordinate_liens', 'property_value'),
            places=2,
        ),
        'eligible_deposits': rt.Name(
            title='Eligible deposits',
            kind='money',
            unit='USD',
            is_value=True,
            depends_on=('total_deposits', 'excluded_transfers', 'excluded_nonrecurring'),
            places=2,
        ),
        'qualifying_income': rt.Name(
            title='Qualifying monthly income',
            kind='money',
            unit='USD per month',
            is_value=True,
            depends_on=(
                'doc_type',
                'eligible_deposits',
                'statement_months',
                'cpa_expense_ratio',
                'ownership_pct',
                'monthly_income',
            ),
            places=2,
        ),
        'dti': rt.Name(
            title='DTI',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('pitia', 'monthly_debts', 'qualifying_income'),
            places=2,
        ),
        'reserves_months': rt.Name(
            title='Reserves',
            kind='months',
            unit='months',
            is_value=True,
            depends_on=('liquid_assets', 'pitia'),
            places=2,
        ),
        'required_reserves': rt.Name(
            title='Required reserves',
            kind='months',
            unit='months',
            is_value=True,
            depends_on=('loan_amount',),
            places=0,
        ),
        'dscr': rt.Name(
            title='DSCR',
            kind='ratio',
            unit='',
            is_value=True,
            depends_on=('lease_rent', 'market_rent', 'pitia'),
            places=3,
        ),
        'payment_shock': rt.Name(
            title='Payment shock',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('pitia', 'current_housing_payment'),
            places=2,
        ),
    },
    values=(
        'property_value',
        'ltv',
        'cltv',
        'eligible_deposits',
        'qualifying_income',
        'dti',
        'reserves_months',
        'required_reserves',
        'dscr',
        'payment_shock',
    ),
    matrices=(
        rt.MatrixMeta(
            id='primary_purchase',
            title='Primary residence, purchase',
            citation='§2.1 Matrix A, p. 4',
            where='programs/history/keystone_bank_statement@2025.2.guideline:23',
            when_text='Occupancy is primary and Loan purpose is purchase',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("90")), ('max_cltv', Decimal("90"))), '90%'),
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("90")), ('max_cltv', Decimal("90"))), '90%'),
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='primary_rate_term',
            title='Primary residence, rate/term refinance',
            citation='§2.1 Matrix B, p. 4',
            where='programs/history/keystone_bank_statement@2025.2.guideline:36',
            when_text='Occupancy is primary and Loan purpose is rate_term',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("3000000"), True, '$1,500,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='primary_cash_out',
            title='Primary residence, cash-out refinance',
            citation='§2.1 Matrix C, p. 5',
            where='programs/history/keystone_bank_statement@2025.2.guideline:49',
            when_text='Occupancy is primary and Loan purpose is cash_out',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='second_home',
            title='Second home, purchase and rate/term',
            citation='§2.2 Matrix D, p. 5',
            where='programs/history/keystone_bank_statement@2025.2.guideline:62',
            when_text='Occupancy is second_home and Loan purpose is purchase or rate_term',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='investment',
            title='Investment property, all purposes',
            citation='§2.3 Matrix E, p. 6',
            where='programs/history/keystone_bank_statement@2025.2.guideline:75',
            when_text='Occupancy is investment',
            when_inputs=('occupancy',),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                ),
            ),
        ),
    ),
    rules=(
        rt.RuleMeta(
            id='non_warrantable_condo',
            title='Non-warrantable condo',
            citation='§3.1, p. 7',
            where='programs/history/keystone_bank_statement@2025.2.guideline:89',
            when_text='Property type is condo_non_warrantable',
            when_inputs=('property_type',),
            requirements=(),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
                ('cap', 'max_ltv', Decimal("80"), 'cap Max LTV at 80%'),
                ('cap', 'max_cltv', Decimal("80"), 'cap Max CLTV at 80%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='interest_only',
            title='Interest-only',
            citation='§3.2, p. 7',
            where='programs/history/keystone_bank_statement@2025.2.guideline:95',
            when_text='Interest-only',
            when_inputs=('interest_only',),
            requirements=(rt.RequirementMeta(text='Credit score at least 680', inputs=('fico',)),),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='declining_market',
            title='Declining market',
            citation='§3.3, p. 7',
            where='programs/history/keystone_bank_statement@2025.2.guideline:101',
            when_text='Declining market',
            when_inputs=('declining_market',),
            requirements=(),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("10"), 'reduce Max LTV by 10%'),
                ('reduce', 'max_cltv', Decimal("10"), 'reduce Max CLTV by 10%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='rural',
            title='Rural property',
            citation='§3.4, p. 6',
            where='programs/history/keystone_bank_statement@2025.2.guideline:106',
            when_text='Rural property',
            when_inputs=('rural',),
            requirements=(),
            adjustments=(
                ('cap', 'max_ltv', Decimal("75"), 'cap Max LTV at 75%'),
                ('cap', 'max_cltv', Decimal("75"), 'cap Max CLTV at 75%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='min_fico',
            title='Minimum credit score',
            citation='§4.1, p. 8',
            where='programs/history/keystone_bank_statement@2025.2.guideline:113',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='Credit score at least 660', inputs=('fico',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='max_dti',
            title='Maximum DTI',
            citation='§4.2, p. 8',
            where='programs/history/keystone_bank_statement@2025.2.guideline:117',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='DTI at most 50%; or DTI at most 55% when Credit score at least 700 and LTV at most 80% and Reserves at least 12 months and not First-time home buyer',
                    inputs=('dti', 'fico', 'ltv', 'reserves_months', 'fthb'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='credit_event_seasoning',
            title='Credit event seasoning',
            citation='§4.3, p. 9',
            where='programs/history/keystone_bank_statement@2025.2.guideline:122',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='months since the latest Credit events (fc) at least 36 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (ss, dil, mod) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (nod, dq120) at least 12 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk7, bk11) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk13) at least 12 months',
                    inputs=('credit_events', 'application_date'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='housing_history_12_months',
            title='Housing history, 12 months',
            citation='§5.1, p. 10 (seed 002: satisfactory history for the most recent 12 months)',
            where='programs/history/keystone_bank_statement@2025.2.guideline:134',
            when_text='not Living rent-free',
            when_inputs=('rent_free',),
            requirements=(
                rt.RequirementMeta(
                    text='Housing history documented at least 12 months',
                    inputs=('housing_history_months',),
                ),
                rt.RequirementMeta(
                    text='housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months)',
                    inputs=('housing_lates', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='Housing verification is vom, vor or bank_records',
                    inputs=('housing_verification',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='forbearance',
            title='Forbearance',
            citation='§5.2, p. 10 (seed 002: still in forbearance is ineligible)',
            where='programs/history/keystone_bank_statement@2025.2.guideline:141',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='not In forbearance', inputs=('in_forbearance',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='after_forbearance',
            title='After forbearance',
            citation='§5.2, p. 10 (seed 002: two timely payments after forbearance, purchase or rate/term)',
            where='programs/history/keystone_bank_statement@2025.2.guideline:145',
            when_text='Forbearance end is known and Loan purpose is purchase or rate_term',
            when_inputs=('forbearance_end', 'purpose'),
            requirements=(
                rt.RequirementMeta(
                    text='Payments since forbearance at least 2',
                    inputs=('payments_since_forbearance',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='after_forbearance_cash_out',
            title='After forbearance, cash-out',
            citation='§5.2, p. 10 (seed 002 is silent on cash-out after forbearance)',
            where='programs/history/keystone_bank_statement@2025.2.guideline:150',
            when_text='Forbearance end is known and Loan purpose is cash_out',
            when_inputs=('forbearance_end', 'purpose'),
            requirements=(),
            adjustments=(),
            conditions=(),
            reviews=(
                'The guide does not say how a cash-out refinance after forbearance is treated; refer to the investor.',
            ),
        ),
        rt.RuleMeta(
            id='rent_free',
            title='Rent-free borrowers',
            citation='§5.3, p. 11 (seed 002: rent-free letter, 10% contribution, max 80% LTV)',
            where='programs/history/keystone_bank_statement@2025.2.guideline:155',
            when_text='Living rent-free',
            when_inputs=('rent_free',),
            requirements=(
                rt.RequirementMeta(
                    text='Borrower contribution at least 10%',
                    inputs=('borrower_contribution_pct',),
                ),
            ),
            adjustments=(
                ('cap', 'max_ltv', Decimal("80"), 'cap Max LTV at 80%'),
                ('cap', 'max_cltv', Decimal("80"), 'cap Max CLTV at 80%'),
            ),
            conditions=(('document', 'Rent-free letter'),),
            reviews=(),
        ),
        rt.RuleMeta(
            id='doc_types',
            title='Documentation types',
            citation='§6.1, p. 12',
            where='programs/history/keystone_bank_statement@2025.2.guideline:164',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Documentation type is bank_stmt_personal_12, bank_stmt_personal_24, bank_stmt_business_12 or bank_stmt_business_24',
                    inputs=('doc_type',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='business_ownership',
            title='Business ownership',
            citation='§6.2, p. 12',
            where='programs/history/keystone_bank_statement@2025.2.guideline:168',
            when_text='Documentation type is bank_stmt_business_12 or bank_stmt_business_24',
            when_inputs=('doc_type',),
            requirements=(rt.RequirementMeta(text='Ownership share at least 25%', inputs=('ownership_pct',)),),
            adjustments=(),
            conditions=(('document', 'CPA letter confirming ownership'),),
            reviews=(),
        ),
        rt.RuleMeta(
            id='reserves',
            title='Reserves',
            citation='§6.3, p. 13',
            where='programs/history/keystone_bank_statement@2025.2.guideline:181',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Reserves at least Required reserves',
                    inputs=('reserves_months', 'required_reserves'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='loan_amount_range',
            title='Loan amount',
            citation='§7.1, p. 14',
            where='programs/history/keystone_bank_statement@2025.2.guideline:187',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Loan amount at least $100,000 and Loan amount at most $3,000,000',
                    inputs=('loan_amount',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='property_types',
            title='Property types',
            citation='§7.2, p. 14',
            where='programs/history/keystone_bank_statement@2025.2.guideline:191',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit',
                    inputs=('property_type',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='excluded_states',
            title='State restrictions',
            citation='§7.3, p. 14',
            where='programs/history/keystone_bank_statement@2025.2.guideline:195',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='State is not ND or SD', inputs=('state',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='second_appraisal',
            title='Second appraisal',
            citation='§7.4, p. 15',
            where='programs/history/keystone_bank_statement@2025.2.guideline:199',
            when_text='Loan amount more than $2,000,000',
            when_inputs=('loan_amount',),
            requirements=(),
            adjustments=(),
            conditions=(('document', 'Second full appraisal'),),
            reviews=(),
        ),
        rt.RuleMeta(
            id='max_cash_out',
            title='Maximum cash-out',
            citation='§7.5, p. 15',
            where='programs/history/keystone_bank_statement@2025.2.guideline:204',
            when_text='Loan purpose is cash_out',
            when_inputs=('purpose',),
            requirements=(rt.RequirementMeta(text='Cash-out amount at most $500,000', inputs=('cash_out_amount',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
    ),
    limits=(
        rt.LimitMeta(
            id='max_ltv',
            title='Max LTV',
            on='ltv',
            kind='percent',
            unit='',
            where='programs/loan.fields:309',
        ),
        rt.LimitMeta(
            id='max_cltv',
            title='Max CLTV',
            on='cltv',
            kind='percent',
            unit='',
            where='programs/loan.fields:310',
        ),
        rt.LimitMeta(
            id='max_loan_amount',
            title='Max loan amount',
            on='loan_amount',
            kind='money',
            unit='USD',
            where='programs/loan.fields:311',
        ),
    ),
    selector_inputs=('occupancy', 'purpose'),
    seasoning_date='application_date',
)
