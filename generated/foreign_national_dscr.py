"""Meridian Foreign National DSCR (foreign_national_dscr), version 2026.1, effective 2026-02-15.

Investor: Meridian Crossing Capital.
Source document: Meridian Crossing Capital, Foreign National DSCR Guide v2026.1.

Generated from programs/foreign_national_dscr.guideline; do not edit.
Source sha256: 4d7d4aded9c3bcf858ab53385f842740fa7b69a076eda38edcad2ef0e2780de4.
The wording of the decision (titles, citations, messages' texts, matrix cells) is in `foreign_national_dscr_meta`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _runtime as rt
from .foreign_national_dscr_meta import META
from .loan import Loan

__all__ = ["META", "check", "check_fast", "facts", "values"]

Result = tuple[bool | None, tuple[bool | None, ...]]


_E2 = Decimal("1E+2")
_STEP2 = Decimal("0.01")
_D0 = Decimal("0")
_STEP3 = Decimal("0.001")
_D1_250 = Decimal("1.250")
_D1 = Decimal("1")
_D1_249 = Decimal("1.249")
_D0_750 = Decimal("0.750")
_D0_999 = Decimal("0.999")
_D5 = Decimal("5")
_D10 = Decimal("10")
_D180 = Decimal("180")
_D12 = Decimal("12")
_D59_5 = Decimal("59.5")
_D60 = Decimal("60")
_D1000000 = Decimal("1000000")
_D18 = Decimal("18")
_D24 = Decimal("24")
_D100 = Decimal("100")
_D50 = Decimal("50")
_Em2 = Decimal("1E-2")


def values(loan: Loan, every: bool = True, invalid: dict[str, Any] | None = None) -> dict[str, Any]:
    """The derived values of a loan, each after the values it uses; None when unknown.

    First those the rules, matrices and limits use; then (unless `every` is false: the fast path) the rest.
    A value outside its domain, or reading one, is None and recorded in `invalid` (id -> its value, or None).
    """
    v: dict[str, Any] = {}
    inv: dict[str, Any] = {} if invalid is None else invalid
    # Property value (programs/loan.fields:296)
    v['property_value'] = (
        None if (_t42 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is None
        else (
            None if loan.purchase_price is None or loan.appraised_value is None
            else loan.purchase_price if loan.purchase_price <= loan.appraised_value
            else loan.appraised_value
        ) if _t42
        else loan.appraised_value
    )
    # LTV, rounded up to 2 decimals (programs/loan.fields:299)
    v['ltv'] = rt.div_up((None if loan.loan_amount is None else loan.loan_amount * _E2), v['property_value'], _STEP2)
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['ltv'] = _undefined
        v['ltv'] = None
    # Senior liens (programs/loan.fields:402)
    v['senior_liens'] = (
        None if (
            _t45 := (
                False if (_t43 := (loan.lien_position is not None)) is False
                    or (_t44 := (None if loan.lien_position is None else loan.lien_position in {'second'})) is False
                else None if _t43 is None or _t44 is None
                else True
            )
        ) is None
        else loan.senior_lien_balance if _t45
        else _D0
    )
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    v['cltv'] = rt.div_up(
        (
            None if (
                _t47 := (
                    None if (
                        _t46 := (
                            None if v['senior_liens'] is None or loan.loan_amount is None
                            else v['senior_liens'] + loan.loan_amount
                        )
                    ) is None
                        or loan.subordinate_liens is None
                    else _t46 + loan.subordinate_liens
                )
            ) is None
            else _t47 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['cltv'] = _undefined
        v['cltv'] = None
    # Qualifying rent (programs/foreign_national_dscr.guideline:57; §3.1 Qualifying rent, p. 5)
    v['qualifying_rent'] = (
        None if (_t48 := (loan.market_rent if loan.lease_rent is None else loan.lease_rent)) is None
            or loan.market_rent is None
        else _t48 if _t48 <= loan.market_rent
        else loan.market_rent
    )
    if v['qualifying_rent'] is not None and not (v['qualifying_rent'] > _D0):  # outside its domain, over $0/month
        inv['qualifying_rent'] = v['qualifying_rent']
        v['qualifying_rent'] = None
    # DSCR, rounded down to 3 decimals (programs/foreign_national_dscr.guideline:62; §3.1 Qualifying rent, p. 5: DSCR is
    # truncated to three decimals)
    v['dscr'] = rt.div_down(v['qualifying_rent'], loan.pitia, _STEP3)
    if 'qualifying_rent' in inv:  # it reads a value outside its domain
        v['dscr'] = None
        inv['dscr'] = None
    elif (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['dscr'] = _undefined
        v['dscr'] = None
    # DSCR tier (programs/foreign_national_dscr.guideline:65; §3.2 DSCR tiers, p. 5)
    v['dscr_tier'] = (
        None if v['dscr'] is None
        else 'strong' if v['dscr'] >= _D1_250
        else 'standard' if _D1 <= v['dscr'] <= _D1_249
        else 'thin' if _D0_750 <= v['dscr'] <= _D0_999
        else 'below' if v['dscr'] < _D0_750
        else None
    )
    if 'dscr' in inv:  # it reads a value outside its domain
        v['dscr_tier'] = None
        inv['dscr_tier'] = None
    # LTV reduction by property type (programs/foreign_national_dscr.guideline:139; §5.1 Property types, p. 9)
    v['property_reduction'] = (
        None if loan.property_type is None
        else _D5 if loan.property_type in {'condo_non_warrantable', 'two_to_four_unit'}
        else _D10 if loan.property_type in {'condotel'}
        else None
    )
    # Ownership seasoning (programs/foreign_national_dscr.guideline:73; §5.2 Cash-out seasoning, p. 9)
    v['ownership'] = (
        None if (
            _t52 := (
                None if (_t51 := rt.months_since(loan.purchase_date, loan.application_date)) is None else _t51 >= _D12
            )
        ) is None
        else 'seasoned' if _t52
        else (
            None if (
                _t50 := (
                    None if (_t49 := rt.days_since(loan.purchase_date, loan.application_date)) is None
                    else _t49 >= _D180
                )
            ) is None
            else 'short' if _t50
            else 'recent'
        )
    )
    # Retirement assets counted (programs/foreign_national_dscr.guideline:191; §6.1 Reserves, p. 11: retirement accounts
    # count at 60% of the vested balance, 100% from age 59 1/2)
    v['retirement_credit'] = (
        None if (_t53 := (loan.retirement_assets is None)) is None
        else _D0 if _t53
        else (
            None if (_t54 := (None if loan.borrower_age is None else loan.borrower_age >= _D59_5)) is None
            else loan.retirement_assets if _t54
            else (
                None if loan.retirement_assets is None or (_t55 := rt.scale(_D60, -2)) is None
                else loan.retirement_assets * _t55
            )
        )
    )
    # Reserves, rounded down to 2 decimals (programs/foreign_national_dscr.guideline:197; §6.1 Reserves, p. 11: assets
    # after closing and retirement assets counted, in months of PITIA)
    v['reserves_months'] = rt.div_down(
        (
            None if loan.liquid_assets is None or v['retirement_credit'] is None
            else loan.liquid_assets + v['retirement_credit']
        ),
        loan.pitia,
        _STEP2,
    )
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['reserves_months'] = _undefined
        v['reserves_months'] = None
    # Required reserves (programs/foreign_national_dscr.guideline:182; §6.1 Reserves, p. 11)
    v['required_reserves'] = (
        None if loan.loan_amount is None or loan.first_time_investor is None
        else _D12 if loan.loan_amount <= _D1000000 and loan.first_time_investor in {False}
        else _D18 if loan.loan_amount <= _D1000000 and loan.first_time_investor in {True}
        else _D18 if loan.loan_amount > _D1000000 and loan.first_time_investor in {False}
        else _D24 if loan.loan_amount > _D1000000 and loan.first_time_investor in {True}
        else None
    )
    if not every:
        return v
    # Undrawn HELOC credit (programs/loan.fields:405)
    v['heloc_undrawn'] = (
        None if loan.heloc_line_amount is None or loan.heloc_drawn_balance is None
        else loan.heloc_line_amount - loan.heloc_drawn_balance
    )
    if v['heloc_undrawn'] is not None and not (v['heloc_undrawn'] >= _D0):  # outside its domain, $0+
        inv['heloc_undrawn'] = v['heloc_undrawn']
        v['heloc_undrawn'] = None
    # HCLTV, rounded up to 2 decimals (programs/loan.fields:409)
    v['hcltv'] = rt.div_up(
        (
            None if (
                _t58 := (
                    None if (
                        _t57 := (
                            None if (
                                _t56 := (
                                    None if v['senior_liens'] is None or loan.loan_amount is None
                                    else v['senior_liens'] + loan.loan_amount
                                )
                            ) is None
                                or loan.subordinate_liens is None
                            else _t56 + loan.subordinate_liens
                        )
                    ) is None
                        or v['heloc_undrawn'] is None
                    else _t57 + v['heloc_undrawn']
                )
            ) is None
            else _t58 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    if 'heloc_undrawn' in inv:  # it reads a value outside its domain
        v['hcltv'] = None
        inv['hcltv'] = None
    # it divides by zero or less: undefined
    elif (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['hcltv'] = _undefined
        v['hcltv'] = None
    # Eligible deposits (programs/loan.fields:307)
    v['eligible_deposits'] = (
        None if (
            _t59 := (
                None if loan.total_deposits is None or loan.excluded_transfers is None
                else loan.total_deposits - loan.excluded_transfers
            )
        ) is None
            or loan.excluded_nonrecurring is None
        else _t59 - loan.excluded_nonrecurring
    )
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    v['qualifying_income'] = (
        None if (
            _t60 := (
                None if loan.doc_type is None else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
            )
        ) is None
        else rt.div_down(v['eligible_deposits'], loan.statement_months, _STEP2) if _t60
        else (
            None if (
                _t61 := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                )
            ) is None
            else rt.div_down(
                (
                    None if (
                        _t65 := (
                            None if v['eligible_deposits'] is None
                                or (
                                    _t64 := (
                                        None if (
                                            _t63 := (
                                                None if (
                                                    _t62 := (
                                                        _D50 if loan.cpa_expense_ratio is None
                                                        else loan.cpa_expense_ratio
                                                    )
                                                ) is None
                                                else _D100 - _t62
                                            )
                                        ) is None
                                        else _t63 * _Em2
                                    )
                                ) is None
                            else v['eligible_deposits'] * _t64
                        )
                    ) is None
                        or (_t66 := (None if loan.ownership_pct is None else loan.ownership_pct * _Em2)) is None
                    else _t65 * _t66
                ),
                loan.statement_months,
                _STEP2,
            ) if _t61
            else rt.quantize(loan.monthly_income, 2, 'down')
        )
    )
    # it divides by zero or less: undefined
    if (
        _undefined := (
            rt.divisor(loan.statement_months, 'statement_months') if (
                _cond := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
                )
            ) is True
            else (
                rt.divisor(loan.statement_months, 'statement_months') if (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                ) is True
                else None
            ) if _cond is False
            else None
        )
    ) is not None:
        inv['qualifying_income'] = _undefined
        v['qualifying_income'] = None
    elif v['qualifying_income'] is not None and not (v['qualifying_income'] > _D0):  # outside its domain, over $0/month
        inv['qualifying_income'] = v['qualifying_income']
        v['qualifying_income'] = None
    # DTI, rounded up to 2 decimals (programs/loan.fields:319)
    v['dti'] = rt.div_up(
        (
            None if (
                _t67 := (None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts)
            ) is None
            else _t67 * _E2
        ),
        v['qualifying_income'],
        _STEP2,
    )
    if 'qualifying_income' in inv:  # it reads a value outside its domain
        v['dti'] = None
        inv['dti'] = None
    # it divides by zero or less: undefined
    elif (_undefined := rt.divisor(v['qualifying_income'], 'qualifying_income')) is not None:
        inv['dti'] = _undefined
        v['dti'] = None
    # Days since purchase (programs/loan.fields:331)
    v['days_since_purchase'] = rt.days_since(loan.purchase_date, loan.application_date)
    # Payment shock, rounded up to 2 decimals (programs/loan.fields:334)
    v['payment_shock'] = rt.div_up(
        (None if loan.pitia is None else loan.pitia * _E2), loan.current_housing_payment, _STEP2
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(loan.current_housing_payment, 'current_housing_payment')) is not None:
        inv['payment_shock'] = _undefined
        v['payment_shock'] = None
    return v


def matrix_scored(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Max LTV / CLTV by US credit score: whether it applies and the loan's row and column keys.

    Citation: §4.1 Matrix 1, p. 8; §4.2 No US credit score, p. 8. Source: programs/foreign_national_dscr.guideline:112.
    Cells: META.matrices[0] (foreign_national_dscr_meta).
    """
    return True, (
        (('no score' if loan.fico_no_score is True else loan.fico), v['dscr_tier']), (loan.purpose, loan.loan_amount)
    )


def rule_borrower_type(loan: Loan, v: dict[str, Any]) -> Result:
    """Eligible borrowers and transactions.

    Citation: §2.1 Eligible borrowers, p. 3. Source: programs/foreign_national_dscr.guideline:22.
    """
    # programs/foreign_national_dscr.guideline:22
    applies = True
    return applies, (
        # Citizenship is foreign_national (programs/foreign_national_dscr.guideline:25)
        (None if loan.citizenship is None else loan.citizenship in {'foreign_national'}),
        # Country of citizenship is not US (programs/foreign_national_dscr.guideline:26)
        (None if loan.citizenship_country is None else loan.citizenship_country not in {'US'}),
        # Occupancy is investment (programs/foreign_national_dscr.guideline:27)
        (None if loan.occupancy is None else loan.occupancy in {'investment'}),
        # Documentation type is dscr (programs/foreign_national_dscr.guideline:28)
        (None if loan.doc_type is None else loan.doc_type in {'dscr'}),
    )


def rule_sanctioned_countries(loan: Loan, v: dict[str, Any]) -> Result:
    """Citizens of sanctioned countries.

    Citation: §2.2 OFAC, p. 3. Source: programs/foreign_national_dscr.guideline:30.
    """
    # programs/foreign_national_dscr.guideline:30
    applies = True
    return applies, (
        # Country of citizenship is not in OFAC-sanctioned countries (ofac_countries)
        # (programs/foreign_national_dscr.guideline:32)
        (None if loan.citizenship_country is None else loan.citizenship_country not in {'CU', 'IR', 'KP', 'SY'}),
    )


def rule_territory_residents(loan: Loan, v: dict[str, Any]) -> Result:
    """Residents of US territories.

    Citation: §2.1 Eligible borrowers, p. 3. Source: programs/foreign_national_dscr.guideline:34.
    """
    # programs/foreign_national_dscr.guideline:34: applies when State of residence is known
    applies = (loan.residence_state is not None)
    return applies, (
        # State of residence is not in US territories (us_territories) (programs/foreign_national_dscr.guideline:38)
        (None if loan.residence_state is None else loan.residence_state not in {'AS', 'GU', 'MP', 'PR', 'UM', 'VI'}),
    )


def rule_identification(loan: Loan, v: dict[str, Any]) -> Result:
    """Passport.

    Citation: §2.3 Identification, p. 4. Source: programs/foreign_national_dscr.guideline:40.
    """
    # programs/foreign_national_dscr.guideline:40
    applies = True
    return applies, ()


def rule_visa(loan: Loan, v: dict[str, Any]) -> Result:
    """US visa.

    Citation: §2.3 Identification, p. 4. Source: programs/foreign_national_dscr.guideline:44.
    """
    # programs/foreign_national_dscr.guideline:44: applies when Country of citizenship is not in Citizens who need no
    # visa to stay in the US (visa_waiver_exempt)
    applies = (None if loan.citizenship_country is None else loan.citizenship_country not in {'CA', 'BM'})
    return applies, ()


def rule_us_credit_score(loan: Loan, v: dict[str, Any]) -> Result:
    """Borrowers with a US credit score.

    Citation: §3.3 Credit, p. 6. Source: programs/foreign_national_dscr.guideline:80.
    """
    # programs/foreign_national_dscr.guideline:80: applies when not No credit score
    applies = (None if loan.fico_no_score is None else not loan.fico_no_score)
    return applies, (
        # Credit score at least 680 (programs/foreign_national_dscr.guideline:83)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 680)),
    )


_D48 = Decimal("48")
_D36 = Decimal("36")


def rule_us_credit_events(loan: Loan, v: dict[str, Any]) -> Result:
    """US credit events.

    Citation: §3.4 Credit events, p. 6. Source: programs/foreign_national_dscr.guideline:85.
    """
    # programs/foreign_national_dscr.guideline:85: applies when not No credit score
    applies = (None if loan.fico_no_score is None else not loan.fico_no_score)
    return applies, (
        # months since the latest Credit events (fc, ss, dil) at least 48 months
        # (programs/foreign_national_dscr.guideline:90)
        (
            None if (
                _t68 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('fc', 'ss', 'dil'), loan.application_date
                )
            ) is None
            else _t68 >= _D48
        ),
        # months since the latest Credit events (mod, nod, dq120) at least 36 months
        # (programs/foreign_national_dscr.guideline:91)
        (
            None if (
                _t69 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('mod', 'nod', 'dq120'), loan.application_date
                )
            ) is None
            else _t69 >= _D36
        ),
        # months since the latest Credit events (bk7, bk11, bk13) at least 48 months
        # (programs/foreign_national_dscr.guideline:92)
        (
            None if (
                _t70 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk7', 'bk11', 'bk13'), loan.application_date
                )
            ) is None
            else _t70 >= _D48
        ),
    )


def rule_us_housing_history(loan: Loan, v: dict[str, Any]) -> Result:
    """US mortgage history.

    Citation: §3.5 Housing history, p. 7. Source: programs/foreign_national_dscr.guideline:94.
    """
    # programs/foreign_national_dscr.guideline:94: applies when not No credit score
    applies = (None if loan.fico_no_score is None else not loan.fico_no_score)
    return applies, (
        # housing history 0x30x12 (at most 0 payments 30+ days late in the last 12 months)
        # (programs/foreign_national_dscr.guideline:97)
        (
            None if (
                _t71 := rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date)
            ) is None
            else _t71 <= _D0
        ),
        # not In forbearance (programs/foreign_national_dscr.guideline:98)
        (None if loan.in_forbearance is None else not loan.in_forbearance),
    )


_D91 = Decimal("91")


def rule_forbearance_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """After a forbearance.

    Citation: §3.5 Housing history, p. 7: a forbearance plan ended at least 13 weeks before application. Source:
    programs/foreign_national_dscr.guideline:100.
    """
    # programs/foreign_national_dscr.guideline:100: applies when not No credit score and Forbearance end is known
    applies = (
        False if (_t72 := (None if loan.fico_no_score is None else not loan.fico_no_score)) is False
            or (_t73 := (loan.forbearance_end is not None)) is False
        else None if _t72 is None or _t73 is None
        else True
    )
    return applies, (
        # days since Forbearance end at least 91 days (programs/foreign_national_dscr.guideline:103)
        (None if (_t74 := rt.days_since(loan.forbearance_end, loan.application_date)) is None else _t74 >= _D91),
    )


def rule_no_score(loan: Loan, v: dict[str, Any]) -> Result:
    """Borrowers with no US credit score.

    Citation: §4.2 No US credit score, p. 8. Source: programs/foreign_national_dscr.guideline:130.
    """
    # programs/foreign_national_dscr.guideline:130: applies when No credit score
    applies = loan.fico_no_score
    return applies, ()


def rule_property_adjustment(loan: Loan, v: dict[str, Any]) -> Result:
    """Property type adjustment.

    Citation: §5.1 Property types, p. 9. Source: programs/foreign_national_dscr.guideline:145.
    """
    # programs/foreign_national_dscr.guideline:145: applies when Property type is condo_non_warrantable,
    # two_to_four_unit or condotel
    applies = (
        None if loan.property_type is None
        else loan.property_type in {'condo_non_warrantable', 'two_to_four_unit', 'condotel'}
    )
    return applies, ()


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §5.3 Interest-only, p. 10. Source: programs/foreign_national_dscr.guideline:150.
    """
    # programs/foreign_national_dscr.guideline:150: applies when Interest-only
    applies = loan.interest_only
    return applies, (
        # Credit score at least 720 (programs/foreign_national_dscr.guideline:153)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 720)),
    )


def rule_first_time_investor(loan: Loan, v: dict[str, Any]) -> Result:
    """First-time investors.

    Citation: §5.4 Investor experience, p. 10. Source: programs/foreign_national_dscr.guideline:156.
    """
    # programs/foreign_national_dscr.guideline:156: applies when First-time investor
    applies = loan.first_time_investor
    return applies, (
        # DSCR tier is strong or standard (programs/foreign_national_dscr.guideline:159)
        (None if v['dscr_tier'] is None else v['dscr_tier'] in {'strong', 'standard'}),
    )


def rule_short_term_rental(loan: Loan, v: dict[str, Any]) -> Result:
    """Short-term rentals.

    Citation: §5.5 Short-term rentals, p. 10. Source: programs/foreign_national_dscr.guideline:162.
    """
    # programs/foreign_national_dscr.guideline:162: applies when Short-term rental
    applies = loan.short_term_rental
    return applies, (
        # DSCR tier is strong (programs/foreign_national_dscr.guideline:165)
        (None if v['dscr_tier'] is None else v['dscr_tier'] in {'strong'}),
    )


_D500000 = Decimal("500000")


def rule_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """Cash-out refinance.

    Citation: §5.2 Cash-out seasoning, p. 9: owned at least 180 days; cash to the borrower at most $500,000. Source:
    programs/foreign_national_dscr.guideline:169.
    """
    # programs/foreign_national_dscr.guideline:169: applies when Loan purpose is cash_out
    applies = (None if loan.purpose is None else loan.purpose in {'cash_out'})
    return applies, (
        # Ownership seasoning is not recent (programs/foreign_national_dscr.guideline:172)
        (None if v['ownership'] is None else v['ownership'] not in {'recent'}),
        # Cash-out amount at most $500,000 (programs/foreign_national_dscr.guideline:173)
        (None if loan.cash_out_amount is None else loan.cash_out_amount <= _D500000),
    )


def rule_cash_out_short_ownership(loan: Loan, v: dict[str, Any]) -> Result:
    """Cash-out, owned under 12 months.

    Citation: §5.2 Cash-out seasoning, p. 9. Source: programs/foreign_national_dscr.guideline:175.
    """
    # programs/foreign_national_dscr.guideline:175: applies when Loan purpose is cash_out and Ownership seasoning is
    # short
    applies = (
        False if (_t75 := (None if loan.purpose is None else loan.purpose in {'cash_out'})) is False
            or (_t76 := (None if v['ownership'] is None else v['ownership'] in {'short'})) is False
        else None if _t75 is None or _t76 is None
        else True
    )
    return applies, ()


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: §6.1 Reserves, p. 11. Source: programs/foreign_national_dscr.guideline:200.
    """
    # programs/foreign_national_dscr.guideline:200
    applies = True
    return applies, (
        # Reserves at least Required reserves (programs/foreign_national_dscr.guideline:202)
        (
            None if v['reserves_months'] is None or v['required_reserves'] is None
            else v['reserves_months'] >= v['required_reserves']
        ),
    )


_D150000 = Decimal("150000")
_D2000000 = Decimal("2000000")


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §6.2 Loan amounts, p. 11. Source: programs/foreign_national_dscr.guideline:209.
    """
    # programs/foreign_national_dscr.guideline:209
    applies = True
    return applies, (
        # Loan amount at least $150,000 (programs/foreign_national_dscr.guideline:211)
        (None if loan.loan_amount is None else loan.loan_amount >= _D150000),
        # Loan amount at most $2,000,000 (programs/foreign_national_dscr.guideline:212)
        (None if loan.loan_amount is None else loan.loan_amount <= _D2000000),
    )


def rule_financed_properties(loan: Loan, v: dict[str, Any]) -> Result:
    """Financed properties.

    Citation: §6.3 Exposure, p. 12. Source: programs/foreign_national_dscr.guideline:214.
    """
    # programs/foreign_national_dscr.guideline:214
    applies = True
    return applies, (
        # Financed properties at most 10 (programs/foreign_national_dscr.guideline:216)
        (None if loan.financed_properties is None else loan.financed_properties <= 10),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Eligible properties.

    Citation: §6.4 Property types, p. 12. Source: programs/foreign_national_dscr.guideline:218.
    """
    # programs/foreign_national_dscr.guideline:218
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable, condotel or two_to_four_unit
        # (programs/foreign_national_dscr.guideline:220)
        (
            None if loan.property_type is None
            else loan.property_type in {
                'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'condotel', 'two_to_four_unit'
            }
        ),
        # not Rural property (programs/foreign_national_dscr.guideline:221)
        (None if loan.rural is None else not loan.rural),
    )


_D20_5 = Decimal("20.5")


def rule_acreage(loan: Loan, v: dict[str, Any]) -> Result:
    """Acreage.

    Citation: §6.4 Property types, p. 12: parcels of 20.5 acres or more are not eligible. Source:
    programs/foreign_national_dscr.guideline:223.
    """
    # programs/foreign_national_dscr.guideline:223
    applies = True
    return applies, (
        # Acreage less than 20.5 acres (programs/foreign_national_dscr.guideline:225)
        (None if loan.acreage is None else loan.acreage < _D20_5),
    )


def rule_excluded_states(loan: Loan, v: dict[str, Any]) -> Result:
    """State restrictions.

    Citation: §6.5 States, p. 12. Source: programs/foreign_national_dscr.guideline:232.
    """
    # programs/foreign_national_dscr.guideline:232
    applies = True
    return applies, (
        # State is not ND, SD or WV (programs/foreign_national_dscr.guideline:234)
        (None if loan.state is None else loan.state not in {'ND', 'SD', 'WV'}),
    )


def rule_prepayment_terms(loan: Loan, v: dict[str, Any]) -> Result:
    """Prepayment penalty terms.

    Citation: §6.6 Prepayment penalty, p. 13. Source: programs/foreign_national_dscr.guideline:236.
    """
    # programs/foreign_national_dscr.guideline:236
    applies = True
    return applies, (
        # Prepayment penalty term is 0 months, 12 months, 24 months, 36 months or 60 months
        # (programs/foreign_national_dscr.guideline:238)
        (
            True if (
                _t77 := (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 0)
            ) is True
                or (
                    _t78 := (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 12)
                ) is True
                or (
                    _t79 := (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 24)
                ) is True
                or (
                    _t80 := (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 36)
                ) is True
                or (
                    _t81 := (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 60)
                ) is True
            else None if _t77 is None or _t78 is None or _t79 is None or _t80 is None or _t81 is None
            else False
        ),
    )


def rule_prepayment_states(loan: Loan, v: dict[str, Any]) -> Result:
    """Prepayment penalty: restricted states.

    Citation: §6.6 Prepayment penalty, p. 13 (state list illustrative). Source:
    programs/foreign_national_dscr.guideline:240.
    """
    # programs/foreign_national_dscr.guideline:240: applies when State is AK, KS, MI, MN, NM, RI or VT
    applies = (None if loan.state is None else loan.state in {'AK', 'KS', 'MI', 'MN', 'NM', 'RI', 'VT'})
    return applies, (
        # Prepayment penalty term equal to 0 months (programs/foreign_national_dscr.guideline:243)
        (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 0),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    inv: dict[str, Any] = {}
    v = values(loan, invalid=inv)
    f = rt.Facts(loan, v)
    f.invalid = inv
    f.matrices = [
        matrix_scored(loan, v),
    ]
    f.rules = [
        rule_borrower_type(loan, v),
        rule_sanctioned_countries(loan, v),
        rule_territory_residents(loan, v),
        rule_identification(loan, v),
        rule_visa(loan, v),
        rule_us_credit_score(loan, v),
        rule_us_credit_events(loan, v),
        rule_us_housing_history(loan, v),
        rule_forbearance_seasoning(loan, v),
        rule_no_score(loan, v),
        rule_property_adjustment(loan, v),
        rule_interest_only(loan, v),
        rule_first_time_investor(loan, v),
        rule_short_term_rental(loan, v),
        rule_cash_out(loan, v),
        rule_cash_out_short_ownership(loan, v),
        rule_reserves(loan, v),
        rule_loan_amount_range(loan, v),
        rule_financed_properties(loan, v),
        rule_property_types(loan, v),
        rule_acreage(loan, v),
        rule_excluded_states(loan, v),
        rule_prepayment_terms(loan, v),
        rule_prepayment_states(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Meridian Foreign National DSCR 2026.1: status, findings, conditions, values, limits.

    The status is decided now (by `check_fast`); the wording (findings, conditions, values, limits) is assembled from
    the loan's facts when first read (`words`). A Loan is frozen: what the rules saw is still there then.
    """
    return rt.Decision.deferred(META.info, check_fast(loan).status, lambda: words(loan))


_RULES = META.rules
_MET = tuple(f"Met: {r.met}" for r in _RULES)  # a rule's finding when every requirement is met, up to what it saw
# a one-requirement rule's finding when that requirement is not met, up to what it saw
_UNMET = tuple(f"Not met: {r.requirements[0].text}" if len(r.requirements) == 1 else "" for r in _RULES)
_SHOW_ENUM_0 = rt.shower('enum', '', False)
_SHOW_MONEY_1 = rt.shower('money', 'USD', False)
_SHOW_MONEY_2 = rt.shower('money', 'USD', True)
_SHOW_MONEY_3 = rt.shower('money', 'USD per month', False)
_SHOW_MONEY_4 = rt.shower('money', 'USD per month', True)
_SHOW_RATIO_5 = rt.shower('ratio', '', True)
_SHOW_DATE_6 = rt.shower('date', '', False)
_SHOW_QUANTITY_7 = rt.shower('quantity', 'years', False)
_SHOW_YESNO_8 = rt.shower('yesno', '', False)
_SHOW_MONTHS_9 = rt.shower('months', 'months', False)
_SHOW_PERCENT_10 = rt.shower('percent', '', False)
_SHOW_INTEGER_11 = rt.shower('integer', 'points', False)
_SHOW_LIST_12 = rt.shower('list', '', False)
_SHOW_ENUM_13 = rt.shower('enum', '', True)
_SHOW_MONTHS_14 = rt.shower('months', 'months', True)
_SHOW_INTEGER_15 = rt.shower('integer', 'properties', False)
_SHOW_QUANTITY_16 = rt.shower('quantity', 'acres', False)


def words(loan: Loan) -> rt.Decision:
    """The Decision of a loan with its wording: the shown values, derived values and the common rule findings written
    out here, the rest assembled by `rt.decide` from the same facts."""
    f = facts(loan)
    s = f.shown
    v = f.values
    inv = f.invalid
    show = rt.show
    # how messages show the fields and values quoted below
    s['purpose'] = _SHOW_ENUM_0(loan.purpose) or show('purpose', f, META)
    s['purchase_price'] = _SHOW_MONEY_1(loan.purchase_price) or show('purchase_price', f, META)
    s['appraised_value'] = _SHOW_MONEY_1(loan.appraised_value) or show('appraised_value', f, META)
    s['loan_amount'] = _SHOW_MONEY_1(loan.loan_amount) or show('loan_amount', f, META)
    s['property_value'] = _SHOW_MONEY_2(v['property_value']) or show('property_value', f, META)
    s['lien_position'] = _SHOW_ENUM_0(loan.lien_position) or show('lien_position', f, META)
    s['senior_lien_balance'] = _SHOW_MONEY_1(loan.senior_lien_balance) or show('senior_lien_balance', f, META)
    s['senior_liens'] = _SHOW_MONEY_2(v['senior_liens']) or show('senior_liens', f, META)
    s['subordinate_liens'] = _SHOW_MONEY_1(loan.subordinate_liens) or show('subordinate_liens', f, META)
    s['heloc_line_amount'] = _SHOW_MONEY_1(loan.heloc_line_amount) or show('heloc_line_amount', f, META)
    s['heloc_drawn_balance'] = _SHOW_MONEY_1(loan.heloc_drawn_balance) or show('heloc_drawn_balance', f, META)
    s['heloc_undrawn'] = show(
        'heloc_undrawn', f, META
    ) if 'heloc_undrawn' in inv else _SHOW_MONEY_2(v['heloc_undrawn']) or show('heloc_undrawn', f, META)
    s['lease_rent'] = _SHOW_MONEY_3(loan.lease_rent) or show('lease_rent', f, META)
    s['market_rent'] = _SHOW_MONEY_3(loan.market_rent) or show('market_rent', f, META)
    s['qualifying_rent'] = show(
        'qualifying_rent', f, META
    ) if 'qualifying_rent' in inv else _SHOW_MONEY_4(v['qualifying_rent']) or show('qualifying_rent', f, META)
    s['pitia'] = _SHOW_MONEY_3(loan.pitia) or show('pitia', f, META)
    s['dscr'] = show('dscr', f, META) if 'dscr' in inv else _SHOW_RATIO_5(v['dscr']) or show('dscr', f, META)
    s['property_type'] = _SHOW_ENUM_0(loan.property_type) or show('property_type', f, META)
    s['purchase_date'] = _SHOW_DATE_6(loan.purchase_date) or show('purchase_date', f, META)
    s['application_date'] = _SHOW_DATE_6(loan.application_date) or show('application_date', f, META)
    s['retirement_assets'] = _SHOW_MONEY_1(loan.retirement_assets) or show('retirement_assets', f, META)
    s['borrower_age'] = _SHOW_QUANTITY_7(loan.borrower_age) or show('borrower_age', f, META)
    s['liquid_assets'] = _SHOW_MONEY_1(loan.liquid_assets) or show('liquid_assets', f, META)
    s['retirement_credit'] = _SHOW_MONEY_2(v['retirement_credit']) or show('retirement_credit', f, META)
    s['first_time_investor'] = _SHOW_YESNO_8(loan.first_time_investor) or show('first_time_investor', f, META)
    s['total_deposits'] = _SHOW_MONEY_1(loan.total_deposits) or show('total_deposits', f, META)
    s['excluded_transfers'] = _SHOW_MONEY_1(loan.excluded_transfers) or show('excluded_transfers', f, META)
    s['excluded_nonrecurring'] = _SHOW_MONEY_1(loan.excluded_nonrecurring) or show('excluded_nonrecurring', f, META)
    s['doc_type'] = _SHOW_ENUM_0(loan.doc_type) or show('doc_type', f, META)
    s['eligible_deposits'] = _SHOW_MONEY_2(v['eligible_deposits']) or show('eligible_deposits', f, META)
    s['statement_months'] = _SHOW_MONTHS_9(loan.statement_months) or show('statement_months', f, META)
    s['cpa_expense_ratio'] = _SHOW_PERCENT_10(loan.cpa_expense_ratio) or show('cpa_expense_ratio', f, META)
    s['ownership_pct'] = _SHOW_PERCENT_10(loan.ownership_pct) or show('ownership_pct', f, META)
    s['monthly_income'] = _SHOW_MONEY_3(loan.monthly_income) or show('monthly_income', f, META)
    s['monthly_debts'] = _SHOW_MONEY_3(loan.monthly_debts) or show('monthly_debts', f, META)
    s['qualifying_income'] = show(
        'qualifying_income', f, META
    ) if 'qualifying_income' in inv else _SHOW_MONEY_4(v['qualifying_income']) or show('qualifying_income', f, META)
    s['current_housing_payment'] = _SHOW_MONEY_3(loan.current_housing_payment) or show(
        'current_housing_payment', f, META
    )
    s['citizenship'] = _SHOW_ENUM_0(loan.citizenship) or show('citizenship', f, META)
    s['citizenship_country'] = _SHOW_ENUM_0(loan.citizenship_country) or show('citizenship_country', f, META)
    s['occupancy'] = _SHOW_ENUM_0(loan.occupancy) or show('occupancy', f, META)
    s['residence_state'] = _SHOW_ENUM_0(loan.residence_state) or show('residence_state', f, META)
    s['fico'] = _SHOW_INTEGER_11(loan.fico) or show('fico', f, META)
    s['credit_events'] = _SHOW_LIST_12(loan.credit_events) or show('credit_events', f, META)
    s['housing_lates'] = _SHOW_LIST_12(loan.housing_lates) or show('housing_lates', f, META)
    s['in_forbearance'] = _SHOW_YESNO_8(loan.in_forbearance) or show('in_forbearance', f, META)
    s['forbearance_end'] = _SHOW_DATE_6(loan.forbearance_end) or show('forbearance_end', f, META)
    s['dscr_tier'] = show(
        'dscr_tier', f, META
    ) if 'dscr_tier' in inv else _SHOW_ENUM_13(v['dscr_tier']) or show('dscr_tier', f, META)
    s['ownership'] = _SHOW_ENUM_13(v['ownership']) or show('ownership', f, META)
    s['cash_out_amount'] = _SHOW_MONEY_1(loan.cash_out_amount) or show('cash_out_amount', f, META)
    s['reserves_months'] = show(
        'reserves_months', f, META
    ) if 'reserves_months' in inv else _SHOW_MONTHS_14(v['reserves_months']) or show('reserves_months', f, META)
    s['required_reserves'] = _SHOW_MONTHS_14(v['required_reserves']) or show('required_reserves', f, META)
    s['financed_properties'] = _SHOW_INTEGER_15(loan.financed_properties) or show('financed_properties', f, META)
    s['rural'] = _SHOW_YESNO_8(loan.rural) or show('rural', f, META)
    s['acreage'] = _SHOW_QUANTITY_16(loan.acreage) or show('acreage', f, META)
    s['state'] = _SHOW_ENUM_0(loan.state) or show('state', f, META)
    s['prepayment_penalty_months'] = _SHOW_MONTHS_9(loan.prepayment_penalty_months) or show(
        'prepayment_penalty_months', f, META
    )
    q_citizenship = ('Citizenship: ' if s['citizenship'].endswith('listed') else 'Citizenship ') + s['citizenship']
    q_citizenship_country = (
        'Country of citizenship: ' if s['citizenship_country'].endswith('listed') else 'Country of citizenship '
    ) + s['citizenship_country']
    q_occupancy = ('Occupancy: ' if s['occupancy'].endswith('listed') else 'Occupancy ') + s['occupancy']
    q_doc_type = ('Documentation type: ' if s['doc_type'].endswith('listed') else 'Documentation type ') + s['doc_type']
    q_residence_state = (
        'State of residence: ' if s['residence_state'].endswith('listed') else 'State of residence '
    ) + s['residence_state']
    q_credit_events = (
        'Credit events: ' if s['credit_events'].endswith('listed') else 'Credit events '
    ) + s['credit_events']
    q_housing_lates = (
        'Late housing payments: ' if s['housing_lates'].endswith('listed') else 'Late housing payments '
    ) + s['housing_lates']
    q_dscr_tier = ('DSCR tier: ' if s['dscr_tier'].endswith('listed') else 'DSCR tier ') + s['dscr_tier']
    q_ownership = (
        'Ownership seasoning: ' if s['ownership'].endswith('listed') else 'Ownership seasoning '
    ) + s['ownership']
    q_property_type = (
        'Property type: ' if s['property_type'].endswith('listed') else 'Property type '
    ) + s['property_type']
    q_state = ('State: ' if s['state'].endswith('listed') else 'State ') + s['state']
    derived = (
        rt.DerivedValue(
            'property_value',
            'Property value',
            rt.derived_value(v['property_value'], 2),
            {'purpose': s['purpose'], 'purchase_price': s['purchase_price'], 'appraised_value': s['appraised_value']},
        ),
        rt.DerivedValue(
            'ltv',
            'LTV',
            rt.derived_value(v['ltv'], 2),
            {'loan_amount': s['loan_amount'], 'property_value': s['property_value']},
        ),
        rt.DerivedValue(
            'senior_liens',
            'Senior liens',
            rt.derived_value(v['senior_liens'], 2),
            {'lien_position': s['lien_position'], 'senior_lien_balance': s['senior_lien_balance']},
        ),
        rt.DerivedValue(
            'cltv',
            'CLTV',
            rt.derived_value(v['cltv'], 2),
            {
                'senior_liens': s['senior_liens'],
                'loan_amount': s['loan_amount'],
                'subordinate_liens': s['subordinate_liens'],
                'property_value': s['property_value'],
            },
        ),
        rt.DerivedValue(
            'heloc_undrawn',
            'Undrawn HELOC credit',
            rt.derived_value(v['heloc_undrawn'], 2),
            {'heloc_line_amount': s['heloc_line_amount'], 'heloc_drawn_balance': s['heloc_drawn_balance']},
        ),
        rt.DerivedValue(
            'hcltv',
            'HCLTV',
            rt.derived_value(v['hcltv'], 2),
            {
                'senior_liens': s['senior_liens'],
                'loan_amount': s['loan_amount'],
                'subordinate_liens': s['subordinate_liens'],
                'heloc_undrawn': s['heloc_undrawn'],
                'property_value': s['property_value'],
            },
        ),
        rt.DerivedValue(
            'qualifying_rent',
            'Qualifying rent',
            rt.derived_value(v['qualifying_rent'], 2),
            {'lease_rent': s['lease_rent'], 'market_rent': s['market_rent']},
        ),
        rt.DerivedValue(
            'dscr',
            'DSCR',
            rt.derived_value(v['dscr'], 3),
            {'qualifying_rent': s['qualifying_rent'], 'pitia': s['pitia']},
        ),
        rt.DerivedValue('dscr_tier', 'DSCR tier', rt.derived_value(v['dscr_tier'], 0), {'dscr': s['dscr']}),
        rt.DerivedValue(
            'property_reduction',
            'LTV reduction by property type',
            rt.derived_value(v['property_reduction'], 0),
            {'property_type': s['property_type']},
        ),
        rt.DerivedValue(
            'ownership',
            'Ownership seasoning',
            rt.derived_value(v['ownership'], None),
            {'purchase_date': s['purchase_date'], 'application_date': s['application_date']},
        ),
        rt.DerivedValue(
            'retirement_credit',
            'Retirement assets counted',
            rt.derived_value(v['retirement_credit'], 4),
            {'retirement_assets': s['retirement_assets'], 'borrower_age': s['borrower_age']},
        ),
        rt.DerivedValue(
            'reserves_months',
            'Reserves',
            rt.derived_value(v['reserves_months'], 2),
            {'liquid_assets': s['liquid_assets'], 'retirement_credit': s['retirement_credit'], 'pitia': s['pitia']},
        ),
        rt.DerivedValue(
            'required_reserves',
            'Required reserves',
            rt.derived_value(v['required_reserves'], 0),
            {'loan_amount': s['loan_amount'], 'first_time_investor': s['first_time_investor']},
        ),
        rt.DerivedValue(
            'eligible_deposits',
            'Eligible deposits',
            rt.derived_value(v['eligible_deposits'], 2),
            {
                'total_deposits': s['total_deposits'],
                'excluded_transfers': s['excluded_transfers'],
                'excluded_nonrecurring': s['excluded_nonrecurring'],
            },
        ),
        rt.DerivedValue(
            'qualifying_income',
            'Qualifying monthly income',
            rt.derived_value(v['qualifying_income'], 2),
            {
                'doc_type': s['doc_type'],
                'eligible_deposits': s['eligible_deposits'],
                'statement_months': s['statement_months'],
                'cpa_expense_ratio': s['cpa_expense_ratio'],
                'ownership_pct': s['ownership_pct'],
                'monthly_income': s['monthly_income'],
            },
        ),
        rt.DerivedValue(
            'dti',
            'DTI',
            rt.derived_value(v['dti'], 2),
            {'pitia': s['pitia'], 'monthly_debts': s['monthly_debts'], 'qualifying_income': s['qualifying_income']},
        ),
        rt.DerivedValue(
            'days_since_purchase',
            'Days since purchase',
            rt.derived_value(v['days_since_purchase'], 0),
            {'purchase_date': s['purchase_date'], 'application_date': s['application_date']},
        ),
        rt.DerivedValue(
            'payment_shock',
            'Payment shock',
            rt.derived_value(v['payment_shock'], 2),
            {'pitia': s['pitia'], 'current_housing_payment': s['current_housing_payment']},
        ),
    )
    rules = f.rules
    w: list[rt.Finding | None] = []
    # rule borrower_type: Eligible borrowers and transactions (programs/foreign_national_dscr.guideline:22)
    a, ok = rules[0]
    if a is True and False not in ok and None not in ok:
        r = _RULES[0]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[
                    0
                ] + ' (' + q_citizenship + ', ' + q_citizenship_country + ', ' + q_occupancy + ', ' + q_doc_type + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule sanctioned_countries: Citizens of sanctioned countries (programs/foreign_national_dscr.guideline:30)
    a, ok = rules[1]
    if a is True and False not in ok and None not in ok:
        r = _RULES[1]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[1] + ' (' + q_citizenship_country + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[1]
        m = _UNMET[1] + ' (' + q_citizenship_country + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule territory_residents: Residents of US territories (programs/foreign_national_dscr.guideline:34)
    a, ok = rules[2]
    if a is True and False not in ok and None not in ok:
        r = _RULES[2]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[2] + ' (' + q_residence_state + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[2]
        m = _UNMET[2] + ' (' + q_residence_state + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule identification: Passport (programs/foreign_national_dscr.guideline:40)
    w.append(None)
    # rule visa: US visa (programs/foreign_national_dscr.guideline:44)
    w.append(None)
    # rule us_credit_score: Borrowers with a US credit score (programs/foreign_national_dscr.guideline:80)
    a, ok = rules[5]
    if a is True and False not in ok and None not in ok:
        r = _RULES[5]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[5] + ' (Credit score ' + s['fico'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[5]
        m = _UNMET[5] + ' (Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule us_credit_events: US credit events (programs/foreign_national_dscr.guideline:85)
    a, ok = rules[6]
    if a is True and False not in ok and None not in ok:
        r = _RULES[6]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[6] + ' (' + q_credit_events + ').', r.citation, r.where))
    else:
        w.append(None)
    # rule us_housing_history: US mortgage history (programs/foreign_national_dscr.guideline:94)
    a, ok = rules[7]
    if a is True and False not in ok and None not in ok:
        r = _RULES[7]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[7] + ' (' + q_housing_lates + ', In forbearance ' + s['in_forbearance'] + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule forbearance_seasoning: After a forbearance (programs/foreign_national_dscr.guideline:100)
    a, ok = rules[8]
    if a is True and False not in ok and None not in ok:
        r = _RULES[8]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[8] + ' (Forbearance end ' + s['forbearance_end'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[8]
        m = _UNMET[8] + ' (Forbearance end ' + s['forbearance_end'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule no_score: Borrowers with no US credit score (programs/foreign_national_dscr.guideline:130)
    w.append(None)
    # rule property_adjustment: Property type adjustment (programs/foreign_national_dscr.guideline:145)
    w.append(None)
    # rule interest_only: Interest-only (programs/foreign_national_dscr.guideline:150)
    a, ok = rules[11]
    if a is True and False not in ok and None not in ok:
        r = _RULES[11]
        w.append(
            rt.Finding(r.id, r.title, 'pass', _MET[11] + ' (Credit score ' + s['fico'] + ').', r.citation, r.where)
        )
    elif a is True and (ok[0] is False):
        r = _RULES[11]
        m = _UNMET[11] + ' (Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule first_time_investor: First-time investors (programs/foreign_national_dscr.guideline:156)
    a, ok = rules[12]
    if a is True and False not in ok and None not in ok and not (inv and ('dscr_tier' in inv)):
        r = _RULES[12]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[12] + ' (' + q_dscr_tier + ').', r.citation, r.where))
    elif a is True and (ok[0] is False or (inv and ('dscr_tier' in inv))):
        r = _RULES[12]
        m = _UNMET[12] + ' (' + q_dscr_tier + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule short_term_rental: Short-term rentals (programs/foreign_national_dscr.guideline:162)
    a, ok = rules[13]
    if a is True and False not in ok and None not in ok and not (inv and ('dscr_tier' in inv)):
        r = _RULES[13]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[13] + ' (' + q_dscr_tier + ').', r.citation, r.where))
    elif a is True and (ok[0] is False or (inv and ('dscr_tier' in inv))):
        r = _RULES[13]
        m = _UNMET[13] + ' (' + q_dscr_tier + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule cash_out: Cash-out refinance (programs/foreign_national_dscr.guideline:169)
    a, ok = rules[14]
    if a is True and False not in ok and None not in ok:
        r = _RULES[14]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[14] + ' (' + q_ownership + ', Cash-out amount ' + s['cash_out_amount'] + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule cash_out_short_ownership: Cash-out, owned under 12 months (programs/foreign_national_dscr.guideline:175)
    w.append(None)
    # rule reserves: Reserves (programs/foreign_national_dscr.guideline:200)
    a, ok = rules[16]
    if a is True and False not in ok and None not in ok and not (inv and ('reserves_months' in inv)):
        r = _RULES[16]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[16] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s[
                    'required_reserves'
                ] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('reserves_months' in inv))):
        r = _RULES[16]
        m = _UNMET[16] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s['required_reserves'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule loan_amount_range: Loan amount (programs/foreign_national_dscr.guideline:209)
    a, ok = rules[17]
    if a is True and False not in ok and None not in ok:
        r = _RULES[17]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[17] + ' (Loan amount ' + s['loan_amount'] + ').', r.citation, r.where
            )
        )
    else:
        w.append(None)
    # rule financed_properties: Financed properties (programs/foreign_national_dscr.guideline:214)
    a, ok = rules[18]
    if a is True and False not in ok and None not in ok:
        r = _RULES[18]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[18] + ' (Financed properties ' + s['financed_properties'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[18]
        m = _UNMET[18] + ' (Financed properties ' + s['financed_properties'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule property_types: Eligible properties (programs/foreign_national_dscr.guideline:218)
    a, ok = rules[19]
    if a is True and False not in ok and None not in ok:
        r = _RULES[19]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[19] + ' (' + q_property_type + ', Rural property ' + s['rural'] + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule acreage: Acreage (programs/foreign_national_dscr.guideline:223)
    a, ok = rules[20]
    if a is True and False not in ok and None not in ok:
        r = _RULES[20]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[20] + ' (Acreage ' + s['acreage'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[20]
        m = _UNMET[20] + ' (Acreage ' + s['acreage'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule excluded_states: State restrictions (programs/foreign_national_dscr.guideline:232)
    a, ok = rules[21]
    if a is True and False not in ok and None not in ok:
        r = _RULES[21]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[21] + ' (' + q_state + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[21]
        m = _UNMET[21] + ' (' + q_state + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule prepayment_terms: Prepayment penalty terms (programs/foreign_national_dscr.guideline:236)
    a, ok = rules[22]
    if a is True and False not in ok and None not in ok:
        r = _RULES[22]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[22] + ' (Prepayment penalty term ' + s['prepayment_penalty_months'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[22]
        m = _UNMET[22] + ' (Prepayment penalty term ' + s['prepayment_penalty_months'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule prepayment_states: Prepayment penalty: restricted states (programs/foreign_national_dscr.guideline:240)
    a, ok = rules[23]
    if a is True and False not in ok and None not in ok:
        r = _RULES[23]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[23] + ' (Prepayment penalty term ' + s['prepayment_penalty_months'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[23]
        m = _UNMET[23] + ' (Prepayment penalty term ' + s['prepayment_penalty_months'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    return rt.decide(META, f, derived, w)


_GROUPS_credit_events = dict[Any, tuple[int, ...]]({
    'fc': (0,),
    'ss': (0,),
    'dil': (0,),
    'mod': (1,),
    'nod': (1,),
    'dq120': (1,),
    'bk7': (2,),
    'bk11': (2,),
    'bk13': (2,),
})
_NEVER = rt.NEVER
_NEVERS_3 = (rt.NEVER, rt.NEVER, rt.NEVER,)
_MONTHS_BETWEEN = rt.months_between
_UP_DIVIDE = rt.up_divide
_UP_QUANTIZE = rt.up_quantize
_DOWN_DIVIDE = rt.down_divide
_DOWN_QUANTIZE = rt.down_quantize
_CELLS_scored = (
    (
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
    ),
    (
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("60"), Decimal("60")),
    ),
    (
        (Decimal("65"), Decimal("65")),
        (Decimal("60"), Decimal("60")),
        (Decimal("65"), Decimal("65")),
        (Decimal("60"), Decimal("60")),
        None,
    ),
    (
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
        (Decimal("60"), Decimal("60")),
    ),
    (
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
        (Decimal("55"), Decimal("55")),
    ),
    ((Decimal("60"), Decimal("60")), None, (Decimal("60"), Decimal("60")), None, None),
    (None, None, None, None, None),
    (
        (Decimal("65"), Decimal("65")),
        (Decimal("65"), Decimal("65")),
        (Decimal("60"), Decimal("60")),
        (Decimal("60"), Decimal("60")),
        (Decimal("55"), Decimal("55")),
    ),
    (None, None, None, None, None),
)
_D70 = Decimal("70")
_D1500000 = Decimal("1500000")
_TUPLE_NEW = tuple.__new__
_VERDICT = rt.Verdict


def check_fast(loan: Loan) -> rt.Verdict:
    """The same decision without its wording: status, limits with their binding rules, failing rule ids.

    The generic verdict (tests/oracles/verdict.py) unrolled for this program: derived values as locals, matrix bands
    as `if` chains, each rule's outcome inline, each limit's arithmetic written out. A rule's requirements are
    computed only when it may apply.
    """
    failed: list[str] = []
    unresolved: list[str] = []
    applies: bool | None
    ok: bool | None
    base_max_ltv: Decimal | None = None  # the lowest cell for max_ltv so far
    base_max_ltv_by = ''
    refused_max_ltv: str | None = None  # the first matrix refusing the loan (N/A, outside)
    unread_max_ltv = False  # a matrix giving it cannot be read (a `when` or key unknown)
    base_max_cltv: Decimal | None = None  # the lowest cell for max_cltv so far
    base_max_cltv_by = ''
    refused_max_cltv: str | None = None  # the first matrix refusing the loan (N/A, outside)
    unread_max_cltv = False  # a matrix giving it cannot be read (a `when` or key unknown)
    covered: bool | None = False  # whether some matrix applies
    outside: dict[str, tuple[int, int]] | None = None  # matrix -> (place in `failed`, axis) of a key outside its bands
    # matrix scored: Max LTV / CLTV by US credit score (programs/foreign_national_dscr.guideline:112; §4.1 Matrix 1, p.
    # 8; §4.2 No US credit score, p. 8); cells in _CELLS_scored
    covered = True
    f_fico_no_score = loan.fico_no_score
    f_fico = loan.fico
    row_key0 = ('no score' if f_fico_no_score is True else f_fico)
    f_purpose = loan.purpose
    f_loan_amount = loan.loan_amount
    f_market_rent = loan.market_rent
    f_lease_rent = loan.lease_rent
    # Qualifying rent (programs/foreign_national_dscr.guideline:57; §3.1 Qualifying rent, p. 5)
    i_qualifying_rent = False  # outside its domain, or reading such a value
    v_qualifying_rent = (
        None if (_t4 := (f_market_rent if f_lease_rent is None else f_lease_rent)) is None or f_market_rent is None
        else _t4 if _t4 <= f_market_rent
        else f_market_rent
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (v_qualifying_rent is not None and not (v_qualifying_rent > _D0)):
        i_qualifying_rent = True
        v_qualifying_rent = None
    f_pitia = loan.pitia
    # DSCR, rounded down to 3 decimals (programs/foreign_national_dscr.guideline:62; §3.1 Qualifying rent, p. 5: DSCR is
    # truncated to three decimals)
    i_dscr = False  # outside its domain, or reading such a value
    v_dscr = (
        None if v_qualifying_rent is None or f_pitia is None or not f_pitia
        else (_r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(v_qualifying_rent, f_pitia), _STEP3)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if i_qualifying_rent or (f_pitia is not None and not (f_pitia > _D0)):
        i_dscr = True
        v_dscr = None
    # DSCR tier (programs/foreign_national_dscr.guideline:65; §3.2 DSCR tiers, p. 5)
    i_dscr_tier = False  # outside its domain, or reading such a value
    v_dscr_tier = (
        None if v_dscr is None
        else 'strong' if v_dscr >= _D1_250
        else 'standard' if _D1 <= v_dscr <= _D1_249
        else 'thin' if _D0_750 <= v_dscr <= _D0_999
        else 'below' if v_dscr < _D0_750
        else None
    )
    if i_dscr:  # it reads an invalid value, divides by zero or less, or is outside its domain
        i_dscr_tier = True
        v_dscr_tier = None
    if row_key0 is None:
        unresolved.append('scored')
        unread_max_ltv = True
        unread_max_cltv = True
    elif v_dscr_tier is None and i_dscr_tier:
        failed.append('scored')
        refused_max_ltv = refused_max_ltv or 'scored'
        refused_max_cltv = refused_max_cltv or 'scored'
    elif v_dscr_tier is None:
        unresolved.append('scored')
        unread_max_ltv = True
        unread_max_cltv = True
    # fico, dscr_tier: 9 lines
    elif (
        row := (
            0 if not isinstance(row_key0, str) and row_key0 >= 720 and v_dscr_tier in {'strong'}
            else 1 if not isinstance(row_key0, str) and row_key0 >= 720 and v_dscr_tier in {'standard'}
            else 2 if not isinstance(row_key0, str) and row_key0 >= 720 and v_dscr_tier in {'thin'}
            else 3 if not isinstance(row_key0, str) and 680 <= row_key0 <= 719 and v_dscr_tier in {'strong'}
            else 4 if not isinstance(row_key0, str) and 680 <= row_key0 <= 719 and v_dscr_tier in {'standard'}
            else 5 if not isinstance(row_key0, str) and 680 <= row_key0 <= 719 and v_dscr_tier in {'thin'}
            else 6 if not isinstance(row_key0, str) and v_dscr_tier in {'below'}
            else 7 if row_key0 in {'no score'} and v_dscr_tier in {'strong', 'standard'}
            else 8 if row_key0 in {'no score'} and v_dscr_tier in {'thin', 'below'}
            else -1
        )
    ) < 0:
        failed.append('scored')
        refused_max_ltv = refused_max_ltv or 'scored'
        refused_max_cltv = refused_max_cltv or 'scored'
        if outside is None:
            outside = {}
        outside['scored'] = (len(failed) - 1, 0)
    elif f_purpose is None or f_loan_amount is None:
        unresolved.append('scored')
        unread_max_ltv = True
        unread_max_cltv = True
    # purpose / loan_amount: 5 lines
    elif (
        col := (
            0 if f_purpose in {'purchase'} and f_loan_amount <= _D1000000
            else 1 if f_purpose in {'purchase'} and f_loan_amount > _D1000000
            else 2 if f_purpose in {'rate_term'} and f_loan_amount <= _D1000000
            else 3 if f_purpose in {'rate_term'} and f_loan_amount > _D1000000
            else 4 if f_purpose in {'cash_out'}
            else -1
        )
    ) < 0:
        failed.append('scored')
        refused_max_ltv = refused_max_ltv or 'scored'
        refused_max_cltv = refused_max_cltv or 'scored'
        if outside is None:
            outside = {}
        outside['scored'] = (len(failed) - 1, 1)
    elif (cell := _CELLS_scored[row][col]) is None:
        failed.append('scored')  # N/A
        refused_max_ltv = refused_max_ltv or 'scored'
        refused_max_cltv = refused_max_cltv or 'scored'
    else:
        if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
            base_max_ltv, base_max_ltv_by = given, 'scored'
        if (given := cell[1]) is not None and (base_max_cltv is None or given < base_max_cltv):
            base_max_cltv, base_max_cltv_by = given, 'scored'
    if covered is False:
        failed.append("eligibility_matrix")
    # rule borrower_type: Eligible borrowers and transactions (programs/foreign_national_dscr.guideline:22; §2.1
    # Eligible borrowers, p. 3)
    f_citizenship = loan.citizenship
    f_citizenship_country = loan.citizenship_country
    f_occupancy = loan.occupancy
    f_doc_type = loan.doc_type
    # surely met: nothing to record
    if (
        (f_citizenship is not None and f_citizenship in {'foreign_national'})
            and (f_citizenship_country is not None and f_citizenship_country not in {'US'})
            and (f_occupancy is not None and f_occupancy in {'investment'})
            and (f_doc_type is not None and f_doc_type in {'dscr'})
    ):
        pass
    # every input known: not met
    elif (
        (f_citizenship is not None)
            and (f_citizenship_country is not None)
            and (f_occupancy is not None)
            and (f_doc_type is not None)
    ):
        failed.append('borrower_type')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (_t11 := (None if f_citizenship is None else f_citizenship in {'foreign_national'})) is False
                or (_t12 := (None if f_citizenship_country is None else f_citizenship_country not in {'US'})) is False
                or (_t13 := (None if f_occupancy is None else f_occupancy in {'investment'})) is False
                or (_t14 := (None if f_doc_type is None else f_doc_type in {'dscr'})) is False
            else None if _t11 is None or _t12 is None or _t13 is None or _t14 is None
            else True
        )
        if ok is False:
            failed.append('borrower_type')
        elif ok is None:
            unresolved.append('borrower_type')
    # rule sanctioned_countries: Citizens of sanctioned countries (programs/foreign_national_dscr.guideline:30; §2.2
    # OFAC, p. 3)
    if f_citizenship_country is None:
        unresolved.append('sanctioned_countries')
    elif f_citizenship_country in {'CU', 'IR', 'KP', 'SY'}:
        failed.append('sanctioned_countries')
    # rule territory_residents: Residents of US territories (programs/foreign_national_dscr.guideline:34; §2.1 Eligible
    # borrowers, p. 3)
    f_residence_state = loan.residence_state
    if f_residence_state is not None:
        if f_residence_state is None:
            unresolved.append('territory_residents')
        elif f_residence_state in {'AS', 'GU', 'MP', 'PR', 'UM', 'VI'}:
            failed.append('territory_residents')
    # rule identification: Passport (programs/foreign_national_dscr.guideline:40; §2.3 Identification, p. 4)
    # rule visa: US visa (programs/foreign_national_dscr.guideline:44; §2.3 Identification, p. 4)
    if f_citizenship_country is None:
        unresolved.append('visa')
    # rule us_credit_score: Borrowers with a US credit score (programs/foreign_national_dscr.guideline:80; §3.3 Credit,
    # p. 6)
    if (f_fico_no_score is None) or (not f_fico_no_score):
        if f_fico_no_score is None:  # may apply: missing unless the requirement is met
            if f_fico_no_score or f_fico is None or not (f_fico >= 680):
                unresolved.append('us_credit_score')
        elif f_fico_no_score:
            failed.append('us_credit_score')
        elif f_fico is None:
            unresolved.append('us_credit_score')
        elif not (f_fico >= 680):
            failed.append('us_credit_score')
    # rule us_credit_events: US credit events (programs/foreign_national_dscr.guideline:85; §3.4 Credit events, p. 6)
    f_application_date = loan.application_date
    if (f_fico_no_score is None) or (not f_fico_no_score):
        f_credit_events = loan.credit_events
        # credit_events: the latest completed_on of each group of kinds, in one pass (_NEVERS_3 until an item of one is
        # seen)
        s_credit_events: Any = None
        if f_credit_events is not None:
            s_credit_events = _NEVERS_3
            for _item0 in f_credit_events:
                for _g in _GROUPS_credit_events.get(_item0.kind, ()):
                    if s_credit_events is _NEVERS_3:
                        s_credit_events = [_NEVER] * 3
                    _when0, _was0 = _item0.completed_on, s_credit_events[_g]
                    if _when0 is None or _was0 is None:
                        s_credit_events[_g] = None
                    elif _was0 is _NEVER or _when0 > _was0:
                        s_credit_events[_g] = _when0
        # surely met: nothing to record
        if (
            (s_credit_events is _NEVERS_3 and f_application_date is not None)
                or (
                    (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t21 := s_credit_events[0]) is _NEVER
                                    or (_t21 is not None and _MONTHS_BETWEEN(_t21, f_application_date) >= 48)
                            )
                    )
                        and (
                            s_credit_events is not None
                                and f_application_date is not None
                                and (
                                    (_t22 := s_credit_events[1]) is _NEVER
                                        or (_t22 is not None and _MONTHS_BETWEEN(_t22, f_application_date) >= 36)
                                )
                        )
                        and (
                            s_credit_events is not None
                                and f_application_date is not None
                                and (
                                    (_t23 := s_credit_events[2]) is _NEVER
                                        or (_t23 is not None and _MONTHS_BETWEEN(_t23, f_application_date) >= 48)
                                )
                        )
                )
        ):
            pass
        else:  # not surely met: its three-valued outcome
            ok = (
                True if s_credit_events is _NEVERS_3 and f_application_date is not None
                else (
                    False if (
                        _t18 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t15 := s_credit_events[0]) is None
                            else True if _t15 is _NEVER
                            else _MONTHS_BETWEEN(_t15, f_application_date) >= 48
                        )
                    ) is False
                        or (
                            _t19 := (
                                None if s_credit_events is None
                                    or f_application_date is None
                                    or (_t16 := s_credit_events[1]) is None
                                else True if _t16 is _NEVER
                                else _MONTHS_BETWEEN(_t16, f_application_date) >= 36
                            )
                        ) is False
                        or (
                            _t20 := (
                                None if s_credit_events is None
                                    or f_application_date is None
                                    or (_t17 := s_credit_events[2]) is None
                                else True if _t17 is _NEVER
                                else _MONTHS_BETWEEN(_t17, f_application_date) >= 48
                            )
                        ) is False
                    else None if _t18 is None or _t19 is None or _t20 is None
                    else True
                )
            )
            if f_fico_no_score is None:  # may apply: missing unless every requirement is met
                if ok is not True:
                    unresolved.append('us_credit_events')
            else:
                if ok is False:
                    failed.append('us_credit_events')
                elif ok is None:
                    unresolved.append('us_credit_events')
    # rule us_housing_history: US mortgage history (programs/foreign_national_dscr.guideline:94; §3.5 Housing history,
    # p. 7)
    if (f_fico_no_score is None) or (not f_fico_no_score):
        f_housing_lates = loan.housing_lates
        # housing_lates: how many are 30+ days late within 12 months before application_date
        s_housing_lates_late: int | None = None
        if f_housing_lates is not None and f_application_date is not None:
            s_housing_lates_late = 0
            for _late0 in f_housing_lates:
                _days0, _due0 = _late0.days_late, _late0.due_on
                if _days0 is None or _due0 is None:
                    s_housing_lates_late = None
                    break
                if _days0 >= 30 and _MONTHS_BETWEEN(_due0, f_application_date) < 12:
                    s_housing_lates_late += 1
        f_in_forbearance = loan.in_forbearance
        # surely met: nothing to record
        if (
            (s_housing_lates_late is not None and s_housing_lates_late <= 0)
                and (f_in_forbearance is not None and not f_in_forbearance)
        ):
            pass
        elif ((s_housing_lates_late is not None) and (f_in_forbearance is not None)):  # every input known: not met
            if f_fico_no_score is None:  # may apply: missing
                unresolved.append('us_housing_history')
            else:
                failed.append('us_housing_history')
        else:  # one is unknown: the three-valued outcome
            ok = (
                False if (_t24 := (None if s_housing_lates_late is None else s_housing_lates_late <= 0)) is False
                    or (_t25 := (None if f_in_forbearance is None else not f_in_forbearance)) is False
                else None if _t24 is None or _t25 is None
                else True
            )
            if f_fico_no_score is None:  # may apply: missing unless every requirement is met
                if ok is not True:
                    unresolved.append('us_housing_history')
            else:
                if ok is False:
                    failed.append('us_housing_history')
                elif ok is None:
                    unresolved.append('us_housing_history')
    # rule forbearance_seasoning: After a forbearance (programs/foreign_national_dscr.guideline:100; §3.5 Housing
    # history, p. 7: a forbearance plan ended at least 13 weeks before application)
    f_forbearance_end = loan.forbearance_end
    applies = (
        False if (_t27 := (None if f_fico_no_score is None else not f_fico_no_score)) is False
            or (_t28 := (f_forbearance_end is not None)) is False
        else None if _t27 is None or _t28 is None
        else True
    )
    if applies is not False:
        if applies is None:  # may apply: missing unless the requirement is met
            if (_t26 := rt.days_since(f_forbearance_end, f_application_date)) is None or not (_t26 >= _D91):
                unresolved.append('forbearance_seasoning')
        elif (_t26 := rt.days_since(f_forbearance_end, f_application_date)) is None:
            unresolved.append('forbearance_seasoning')
        elif not (_t26 >= _D91):
            failed.append('forbearance_seasoning')
    # rule no_score: Borrowers with no US credit score (programs/foreign_national_dscr.guideline:130; §4.2 No US credit
    # score, p. 8)
    a_no_score = f_fico_no_score
    if a_no_score is None:
        unresolved.append('no_score')
    # rule property_adjustment: Property type adjustment (programs/foreign_national_dscr.guideline:145; §5.1 Property
    # types, p. 9)
    f_property_type = loan.property_type
    a_property_adjustment = (
        None if f_property_type is None
        else f_property_type in {'condo_non_warrantable', 'two_to_four_unit', 'condotel'}
    )
    if a_property_adjustment is None:
        unresolved.append('property_adjustment')
    # rule interest_only: Interest-only (programs/foreign_national_dscr.guideline:150; §5.3 Interest-only, p. 10)
    a_interest_only = loan.interest_only
    if a_interest_only is not False:
        if a_interest_only is None:  # may apply: missing unless the requirement is met
            if f_fico_no_score or f_fico is None or not (f_fico >= 720):
                unresolved.append('interest_only')
        elif f_fico_no_score:
            failed.append('interest_only')
        elif f_fico is None:
            unresolved.append('interest_only')
        elif not (f_fico >= 720):
            failed.append('interest_only')
    # rule first_time_investor: First-time investors (programs/foreign_national_dscr.guideline:156; §5.4 Investor
    # experience, p. 10)
    f_first_time_investor = loan.first_time_investor
    a_first_time_investor = f_first_time_investor
    if a_first_time_investor is not False:
        if a_first_time_investor is None:  # may apply: missing unless the requirement is met
            if i_dscr_tier or v_dscr_tier is None or v_dscr_tier not in {'strong', 'standard'}:
                unresolved.append('first_time_investor')
        elif i_dscr_tier:
            failed.append('first_time_investor')
        elif v_dscr_tier is None:
            unresolved.append('first_time_investor')
        elif v_dscr_tier not in {'strong', 'standard'}:
            failed.append('first_time_investor')
    # rule short_term_rental: Short-term rentals (programs/foreign_national_dscr.guideline:162; §5.5 Short-term rentals,
    # p. 10)
    f_short_term_rental = loan.short_term_rental
    if (f_short_term_rental is None) or (f_short_term_rental):
        if f_short_term_rental is None:  # may apply: missing unless the requirement is met
            if i_dscr_tier or v_dscr_tier is None or v_dscr_tier not in {'strong'}:
                unresolved.append('short_term_rental')
        elif i_dscr_tier:
            failed.append('short_term_rental')
        elif v_dscr_tier is None:
            unresolved.append('short_term_rental')
        elif v_dscr_tier not in {'strong'}:
            failed.append('short_term_rental')
    # rule cash_out: Cash-out refinance (programs/foreign_national_dscr.guideline:169; §5.2 Cash-out seasoning, p. 9:
    # owned at least 180 days; cash to the borrower at most $500,000)
    f_purchase_date = loan.purchase_date
    # Ownership seasoning (programs/foreign_national_dscr.guideline:73; §5.2 Cash-out seasoning, p. 9)
    v_ownership = (
        None if (
            _t8 := (None if (_t7 := rt.months_since(f_purchase_date, f_application_date)) is None else _t7 >= _D12)
        ) is None
        else 'seasoned' if _t8
        else (
            None if (
                _t6 := (None if (_t5 := rt.days_since(f_purchase_date, f_application_date)) is None else _t5 >= _D180)
            ) is None
            else 'short' if _t6
            else 'recent'
        )
    )
    if (f_purpose is None) or (f_purpose in {'cash_out'}):
        f_cash_out_amount = loan.cash_out_amount
        # surely met: nothing to record
        if (
            (v_ownership is not None and v_ownership not in {'recent'})
                and (f_cash_out_amount is not None and f_cash_out_amount <= _D500000)
        ):
            pass
        elif ((v_ownership is not None) and (f_cash_out_amount is not None)):  # every input known: not met
            if f_purpose is None:  # may apply: missing
                unresolved.append('cash_out')
            else:
                failed.append('cash_out')
        else:  # one is unknown: the three-valued outcome
            ok = (
                False if (_t29 := (None if v_ownership is None else v_ownership not in {'recent'})) is False
                    or (_t30 := (None if f_cash_out_amount is None else f_cash_out_amount <= _D500000)) is False
                else None if _t29 is None or _t30 is None
                else True
            )
            if f_purpose is None:  # may apply: missing unless every requirement is met
                if ok is not True:
                    unresolved.append('cash_out')
            else:
                if ok is False:
                    failed.append('cash_out')
                elif ok is None:
                    unresolved.append('cash_out')
    # rule cash_out_short_ownership: Cash-out, owned under 12 months (programs/foreign_national_dscr.guideline:175; §5.2
    # Cash-out seasoning, p. 9)
    a_cash_out_short_ownership = (
        False if (_t31 := (None if f_purpose is None else f_purpose in {'cash_out'})) is False
            or (_t32 := (None if v_ownership is None else v_ownership in {'short'})) is False
        else None if _t31 is None or _t32 is None
        else True
    )
    if a_cash_out_short_ownership is None:
        unresolved.append('cash_out_short_ownership')
    # rule reserves: Reserves (programs/foreign_national_dscr.guideline:200; §6.1 Reserves, p. 11)
    f_retirement_assets = loan.retirement_assets
    f_borrower_age = loan.borrower_age
    # Retirement assets counted (programs/foreign_national_dscr.guideline:191; §6.1 Reserves, p. 11: retirement accounts
    # count at 60% of the vested balance, 100% from age 59 1/2)
    v_retirement_credit = (
        _D0 if f_retirement_assets is None
        else (
            None if f_borrower_age is None
            else f_retirement_assets if f_borrower_age >= _D59_5
            else (
                None if f_retirement_assets is None or (_t9 := rt.scale(_D60, -2)) is None
                else f_retirement_assets * _t9
            )
        )
    )
    f_liquid_assets = loan.liquid_assets
    # Reserves, rounded down to 2 decimals (programs/foreign_national_dscr.guideline:197; §6.1 Reserves, p. 11: assets
    # after closing and retirement assets counted, in months of PITIA)
    i_reserves_months = False  # outside its domain, or reading such a value
    v_reserves_months = (
        None if (
            _t10 := (
                None if f_liquid_assets is None or v_retirement_credit is None
                else f_liquid_assets + v_retirement_credit
            )
        ) is None
            or f_pitia is None
            or not f_pitia
        else (_r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(_t10, f_pitia), _STEP2)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (f_pitia is not None and not (f_pitia > _D0)):
        i_reserves_months = True
        v_reserves_months = None
    # Required reserves (programs/foreign_national_dscr.guideline:182; §6.1 Reserves, p. 11)
    v_required_reserves = (
        None if f_loan_amount is None or f_first_time_investor is None
        else _D12 if f_loan_amount <= _D1000000 and f_first_time_investor in {False}
        else _D18 if f_loan_amount <= _D1000000 and f_first_time_investor in {True}
        else _D18 if f_loan_amount > _D1000000 and f_first_time_investor in {False}
        else _D24 if f_loan_amount > _D1000000 and f_first_time_investor in {True}
        else None
    )
    if i_reserves_months:
        failed.append('reserves')
    elif v_reserves_months is None or v_required_reserves is None:
        unresolved.append('reserves')
    elif not (v_reserves_months >= v_required_reserves):
        failed.append('reserves')
    # rule loan_amount_range: Loan amount (programs/foreign_national_dscr.guideline:209; §6.2 Loan amounts, p. 11)
    # surely met: nothing to record
    if (
        (f_loan_amount is not None and f_loan_amount >= _D150000)
            and (f_loan_amount is not None and f_loan_amount <= _D2000000)
    ):
        pass
    elif (f_loan_amount is not None):  # every input known: not met
        failed.append('loan_amount_range')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (_t33 := (None if f_loan_amount is None else f_loan_amount >= _D150000)) is False
                or (_t34 := (None if f_loan_amount is None else f_loan_amount <= _D2000000)) is False
            else None if _t33 is None or _t34 is None
            else True
        )
        if ok is False:
            failed.append('loan_amount_range')
        elif ok is None:
            unresolved.append('loan_amount_range')
    # rule financed_properties: Financed properties (programs/foreign_national_dscr.guideline:214; §6.3 Exposure, p. 12)
    f_financed_properties = loan.financed_properties
    if f_financed_properties is None:
        unresolved.append('financed_properties')
    elif not (f_financed_properties <= 10):
        failed.append('financed_properties')
    # rule property_types: Eligible properties (programs/foreign_national_dscr.guideline:218; §6.4 Property types, p.
    # 12)
    f_rural = loan.rural
    # surely met: nothing to record
    if (
        (
            f_property_type is not None
                and f_property_type in {
                    'sfr',
                    'pud',
                    'townhome',
                    'condo_warrantable',
                    'condo_non_warrantable',
                    'condotel',
                    'two_to_four_unit',
                }
        )
            and (f_rural is not None and not f_rural)
    ):
        pass
    elif ((f_property_type is not None) and (f_rural is not None)):  # every input known: not met
        failed.append('property_types')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (
                _t35 := (
                    None if f_property_type is None
                    else f_property_type in {
                        'sfr',
                        'pud',
                        'townhome',
                        'condo_warrantable',
                        'condo_non_warrantable',
                        'condotel',
                        'two_to_four_unit',
                    }
                )
            ) is False
                or (_t36 := (None if f_rural is None else not f_rural)) is False
            else None if _t35 is None or _t36 is None
            else True
        )
        if ok is False:
            failed.append('property_types')
        elif ok is None:
            unresolved.append('property_types')
    # rule acreage: Acreage (programs/foreign_national_dscr.guideline:223; §6.4 Property types, p. 12: parcels of 20.5
    # acres or more are not eligible)
    f_acreage = loan.acreage
    if f_acreage is None:
        unresolved.append('acreage')
    elif not (f_acreage < _D20_5):
        failed.append('acreage')
    # rule excluded_states: State restrictions (programs/foreign_national_dscr.guideline:232; §6.5 States, p. 12)
    f_state = loan.state
    if f_state is None:
        unresolved.append('excluded_states')
    elif f_state in {'ND', 'SD', 'WV'}:
        failed.append('excluded_states')
    # rule prepayment_terms: Prepayment penalty terms (programs/foreign_national_dscr.guideline:236; §6.6 Prepayment
    # penalty, p. 13)
    f_prepayment_penalty_months = loan.prepayment_penalty_months
    # surely met: nothing to record
    if (
        (f_prepayment_penalty_months is not None and f_prepayment_penalty_months == 0)
            or (f_prepayment_penalty_months is not None and f_prepayment_penalty_months == 12)
            or (f_prepayment_penalty_months is not None and f_prepayment_penalty_months == 24)
            or (f_prepayment_penalty_months is not None and f_prepayment_penalty_months == 36)
            or (f_prepayment_penalty_months is not None and f_prepayment_penalty_months == 60)
    ):
        pass
    elif (f_prepayment_penalty_months is not None):  # every input known: not met
        failed.append('prepayment_terms')
    else:  # one is unknown: the three-valued outcome
        ok = (
            True if (
                _t37 := (None if f_prepayment_penalty_months is None else f_prepayment_penalty_months == 0)
            ) is True
                or (
                    _t38 := (None if f_prepayment_penalty_months is None else f_prepayment_penalty_months == 12)
                ) is True
                or (
                    _t39 := (None if f_prepayment_penalty_months is None else f_prepayment_penalty_months == 24)
                ) is True
                or (
                    _t40 := (None if f_prepayment_penalty_months is None else f_prepayment_penalty_months == 36)
                ) is True
                or (
                    _t41 := (None if f_prepayment_penalty_months is None else f_prepayment_penalty_months == 60)
                ) is True
            else None if _t37 is None or _t38 is None or _t39 is None or _t40 is None or _t41 is None
            else False
        )
        if ok is False:
            failed.append('prepayment_terms')
        elif ok is None:
            unresolved.append('prepayment_terms')
    # rule prepayment_states: Prepayment penalty: restricted states (programs/foreign_national_dscr.guideline:240; §6.6
    # Prepayment penalty, p. 13 (state list illustrative))
    if (f_state is None) or (f_state in {'AK', 'KS', 'MI', 'MN', 'NM', 'RI', 'VT'}):
        if f_state is None:  # may apply: missing unless the requirement is met
            if f_prepayment_penalty_months is None or f_prepayment_penalty_months != 0:
                unresolved.append('prepayment_states')
        elif f_prepayment_penalty_months is None:
            unresolved.append('prepayment_states')
        elif f_prepayment_penalty_months != 0:
            failed.append('prepayment_states')
    if outside is not None and (out := outside.get('scored')) is not None:  # matrix scored
        if out[1] == 0 and (
            ('us_credit_score' in failed)
                or ('interest_only' in failed)
                or ('first_time_investor' in failed)
                or ('short_term_rental' in failed)
        ):
            del failed[out[0]]
        if out[1] == 1 and (
            ((None if f_loan_amount is None else f_loan_amount >= _D150000) is False)
                or ((None if f_loan_amount is None else f_loan_amount <= _D2000000) is False)
        ):
            del failed[out[0]]
    best: Decimal | None
    sure: Decimal | None
    # limit max_ltv: Max LTV (programs/loan.fields:339): the lowest cell, each reduction (reductions last) and cap that
    # may apply; `sure`: only those that surely apply
    gone_max_ltv: bool | None = None  # an amount not known (language.md 9.5)
    # LTV reduction by property type (programs/foreign_national_dscr.guideline:139; §5.1 Property types, p. 9)
    v_property_reduction = (
        None if f_property_type is None
        else _D5 if f_property_type in {'condo_non_warrantable', 'two_to_four_unit'}
        else _D10 if f_property_type in {'condotel'}
        else None
    )
    # property_adjustment: reduce by property_reduction
    if a_property_adjustment is not False and (v_property_reduction is None):
        if a_property_adjustment is True and not (v_property_reduction is None and (f_property_type is None)):
            gone_max_ltv = True
        elif gone_max_ltv is None:
            gone_max_ltv = False
    best = sure = base_max_ltv
    best_by = base_max_ltv_by
    # first_time_investor (programs/foreign_national_dscr.guideline:156): cap at 70%
    if a_first_time_investor is not False:
        if best is None or best > _D70:
            best, best_by = _D70, 'first_time_investor'
        if a_first_time_investor is True and (sure is None or sure > _D70):
            sure = _D70
    if best is not None:
        best = best - (
            (
                (v_property_reduction or _D0) if a_property_adjustment is not False else 0
            ) + (_D5 if a_interest_only is not False else 0) + (_D5 if a_cash_out_short_ownership is not False else 0)
        )
    if sure is not None:
        sure = sure - (
            (
                (v_property_reduction or _D0) if a_property_adjustment is True else 0
            ) + (_D5 if a_interest_only is True else 0) + (_D5 if a_cash_out_short_ownership is True else 0)
        )
    lim_max_ltv, lim_max_ltv_by = best, None if best is None else best_by
    f_purchase_price = loan.purchase_price
    f_appraised_value = loan.appraised_value
    # Property value (programs/loan.fields:296)
    v_property_value = (
        None if f_purpose is None
        else (
            None if f_purchase_price is None or f_appraised_value is None
            else f_purchase_price if f_purchase_price <= f_appraised_value
            else f_appraised_value
        ) if f_purpose in {'purchase'}
        else f_appraised_value
    )
    # LTV, rounded up to 2 decimals (programs/loan.fields:299)
    i_ltv = False  # outside its domain, or reading such a value
    v_ltv = (
        None if (_t0 := (None if f_loan_amount is None else f_loan_amount * _E2)) is None
            or v_property_value is None
            or not v_property_value
        else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t0, v_property_value), _STEP2)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (v_property_value is not None and not (v_property_value > _D0)):
        i_ltv = True
        v_ltv = None
    if refused_max_ltv is not None:
        lim_max_ltv, lim_max_ltv_by = None, None
    elif gone_max_ltv is not None or unread_max_ltv:
        lim_max_ltv, lim_max_ltv_by = None, None
        (failed if gone_max_ltv else unresolved).append('max_ltv')
    elif best is not None:
        if v_ltv is None:
            (failed if i_ltv else unresolved).append('max_ltv')
        elif v_ltv > best:
            (unresolved if sure is None or v_ltv <= sure else failed).append('max_ltv')
    # limit max_cltv: Max CLTV (programs/loan.fields:340): the lowest cell, each reduction (reductions last) and cap
    # that may apply; `sure`: only those that surely apply
    gone_max_cltv: bool | None = None  # an amount not known (language.md 9.5)
    # property_adjustment: reduce by property_reduction
    if a_property_adjustment is not False and (v_property_reduction is None):
        if a_property_adjustment is True and not (v_property_reduction is None and (f_property_type is None)):
            gone_max_cltv = True
        elif gone_max_cltv is None:
            gone_max_cltv = False
    best = sure = base_max_cltv
    best_by = base_max_cltv_by
    # first_time_investor (programs/foreign_national_dscr.guideline:156): cap at 70%
    if a_first_time_investor is not False:
        if best is None or best > _D70:
            best, best_by = _D70, 'first_time_investor'
        if a_first_time_investor is True and (sure is None or sure > _D70):
            sure = _D70
    if best is not None:
        best = best - (
            (
                (v_property_reduction or _D0) if a_property_adjustment is not False else 0
            ) + (_D5 if a_interest_only is not False else 0) + (_D5 if a_cash_out_short_ownership is not False else 0)
        )
    if sure is not None:
        sure = sure - (
            (
                (v_property_reduction or _D0) if a_property_adjustment is True else 0
            ) + (_D5 if a_interest_only is True else 0) + (_D5 if a_cash_out_short_ownership is True else 0)
        )
    lim_max_cltv, lim_max_cltv_by = best, None if best is None else best_by
    if refused_max_cltv is not None:
        lim_max_cltv, lim_max_cltv_by = None, None
    elif gone_max_cltv is not None or unread_max_cltv:
        lim_max_cltv, lim_max_cltv_by = None, None
        (failed if gone_max_cltv else unresolved).append('max_cltv')
    elif best is not None:
        f_lien_position = loan.lien_position
        # Senior liens (programs/loan.fields:402)
        v_senior_liens = (
            _D0 if f_lien_position is None else loan.senior_lien_balance if f_lien_position in {'second'} else _D0
        )
        f_subordinate_liens = loan.subordinate_liens
        # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
        i_cltv = False  # outside its domain, or reading such a value
        v_cltv = (
            v_ltv if v_ltv is not None
                and v_senior_liens is not None
                and not v_senior_liens
                and f_subordinate_liens is not None
                and not f_subordinate_liens
            else (
                None if (
                    _t3 := (
                        None if (
                            _t2 := (
                                None if (
                                    _t1 := (
                                        None if v_senior_liens is None or f_loan_amount is None
                                        else v_senior_liens + f_loan_amount
                                    )
                                ) is None
                                    or f_subordinate_liens is None
                                else _t1 + f_subordinate_liens
                            )
                        ) is None
                        else _t2 * _E2
                    )
                ) is None
                    or v_property_value is None
                    or not v_property_value
                else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t3, v_property_value), _STEP2)) else _r.copy_abs())
            )
        )
        # it reads an invalid value, divides by zero or less, or is outside its domain
        if (v_property_value is not None and not (v_property_value > _D0)):
            i_cltv = True
            v_cltv = None
        if v_cltv is None:
            (failed if i_cltv else unresolved).append('max_cltv')
        elif v_cltv > best:
            (unresolved if sure is None or v_cltv <= sure else failed).append('max_cltv')
    # limit max_loan_amount: Max loan amount (programs/loan.fields:341): the lowest cell, each reduction (lowest wins)
    # and cap that may apply; `sure`: only those that surely apply
    best = sure = None
    best_by = ''
    if a_no_score is not False:  # no_score (programs/foreign_national_dscr.guideline:130): cap at $1,500,000
        if best is None or best > _D1500000:
            best, best_by = _D1500000, 'no_score'
        if a_no_score is True and (sure is None or sure > _D1500000):
            sure = _D1500000
    lim_max_loan_amount, lim_max_loan_amount_by = best, None if best is None else best_by
    if best is not None:
        if f_loan_amount is None:
            unresolved.append('max_loan_amount')
        elif f_loan_amount > best:
            (unresolved if sure is None or f_loan_amount <= sure else failed).append('max_loan_amount')
    # limit max_hcltv: Max HCLTV (programs/loan.fields:413): the lowest cell, each reduction (lowest wins) and cap that
    # may apply; `sure`: only those that surely apply
    status: rt.Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"
    # a Verdict from its parts in one C call
    return _TUPLE_NEW(
        _VERDICT,
        (
            status,
            (
                ('max_ltv', lim_max_ltv, lim_max_ltv_by),
                ('max_cltv', lim_max_cltv, lim_max_cltv_by),
                ('max_loan_amount', lim_max_loan_amount, lim_max_loan_amount_by),
                ('max_hcltv', None, None),
            ),
            tuple(failed),
            tuple(unresolved),
        ),
    )
