"""Shining Star Non-QM (shared rules) (shining_star_base), version 2026.1: the wording of its decisions.

What `rt.decide` assembles a Decision of `shining_star_base.check` from: the program, the names messages use, each
matrix (axes, bands, cells), each rule (texts, requirements, adjustments, conditions) and each limit.

Generated from programs/shining_star_base.guideline; do not edit.
"""

from __future__ import annotations

from decimal import Decimal

from . import _fields
from . import _runtime as rt

__all__ = ["META"]

META = rt.ProgramMeta(
    info=rt.ProgramInfo(
        id='shining_star_base',
        title='Shining Star Non-QM (shared rules)',
        investor='Shining Star Funding',
        lender=None,
        family='Non-QM',
        version='2026.1',
        effective='2026-01-01',
        source='Shining Star Funding, Housing History for Credit Challenged Borrowers (web page)',
        sha256='6f6bf65497f8163323798bde51ab8bfad39153db79407600fd054c8216a7f43b',
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
        'payment_shock': rt.Name(
            title='Payment shock',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('pitia', 'current_housing_payment'),
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
    },
    values=(
        'property_value',
        'ltv',
        'cltv',
        'eligible_deposits',
        'qualifying_income',
        'dti',
        'payment_shock',
        'reserves_months',
        'required_reserves',
        'dscr',
    ),
    matrices=(
        rt.MatrixMeta(
            id='owner_occupied',
            title='Primary residence and second home',
            citation='Illustrative matrix (typical values, not from the seed)',
            where='programs/shining_star_base.guideline:20',
            when_text='Occupancy is primary or second_home',
            when_inputs=('occupancy',),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("700"), True, Decimal("739"), True, '700-739'),
                        (Decimal("660"), True, Decimal("699"), True, '660-699'),
                        (Decimal("620"), True, Decimal("659"), True, '620-659'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("2000000"), True, '$1,000,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("90")), ('max_cltv', Decimal("90"))), '90%'),
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='investment',
            title='Investment property',
            citation='Illustrative matrix (typical values, not from the seed)',
            where='programs/shining_star_base.guideline:32',
            when_text='Occupancy is investment',
            when_inputs=('occupancy',),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("700"), True, Decimal("739"), True, '700-739'),
                        (Decimal("660"), True, Decimal("699"), True, '660-699'),
                        (Decimal("620"), True, Decimal("659"), True, '620-659'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("2000000"), True, '$1,000,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
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
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
    ),
    rules=(
        rt.RuleMeta(
            id='cash_out_reduction',
            title='Cash-out refinance',
            citation='Illustrative (typical: cash-out 5 points below purchase)',
            where='programs/shining_star_base.guideline:44',
            when_text='Loan purpose is cash_out',
            when_inputs=('purpose',),
            requirements=(),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='min_fico',
            title='Minimum credit score',
            citation='Illustrative (typical Non-QM minimum)',
            where='programs/shining_star_base.guideline:51',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='Credit score at least 620', inputs=('fico',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='max_dti',
            title='Maximum DTI',
            citation='Shining Star DTI page: 50% hard cap, no exceptions above 50% (public; domain notes 1)',
            where='programs/shining_star_base.guideline:55',
            when_text='Documentation type is not dscr',
            when_inputs=('doc_type',),
            requirements=(rt.RequirementMeta(text='DTI at most 50%', inputs=('dti',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='credit_event_seasoning',
            title='Credit event seasoning',
            citation='Shining Star seasoning page: Edge Standard 2 years (public; domain notes 2.6)',
            where='programs/shining_star_base.guideline:60',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='months since the latest Credit events (fc, ss, dil, mod, nod, dq120) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk7, bk11, bk13) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='housing_history',
            title='Satisfactory housing history, 12 months',
            citation='Seed 002 rules 1, 4 and 5: 12 months verified by institutional VOM/VOR or 12 months bank records',
            where='programs/shining_star_base.guideline:69',
            when_text='not Living rent-free and Documentation type is not dscr',
            when_inputs=('rent_free', 'doc_type'),
            requirements=(
                rt.RequirementMeta(
                    text='Housing history documented at least 12 months',
                    inputs=('housing_history_months',),
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
            title='Still in forbearance',
            citation='Seed 002 rule 13: borrowers still in forbearance or deferral are not eligible',
            where='programs/shining_star_base.guideline:76',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='not In forbearance', inputs=('in_forbearance',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='after_forbearance',
            title='After forbearance: purchase or rate/term',
            citation='Seed 002 rule 14: at least two months of timely payments after completing forbearance',
            where='programs/shining_star_base.guideline:80',
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
            title='After forbearance: cash-out',
            citation='Seed 002 rule 14 covers purchase and rate/term only',
            where='programs/shining_star_base.guideline:85',
            when_text='Forbearance end is known and Loan purpose is cash_out',
            when_inputs=('forbearance_end', 'purpose'),
            requirements=(),
            adjustments=(),
            conditions=(),
            reviews=('The guideline says nothing of cash-out refinances after forbearance: refer to the investor.',),
        ),
        rt.RuleMeta(
            id='rent_free',
            title='Living rent-free',
            citation='Seed 002 rule 11: rent-free letter, 10% minimum borrower contribution, maximum 80% LTV',
            where='programs/shining_star_base.guideline:90',
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
            conditions=(('document', 'Rent-free letter'), ('term', '10% minimum borrower contribution')),
            reviews=(),
        ),
        rt.RuleMeta(
            id='fthb_payment_shock',
            title='First-time home buyer payment shock',
            citation='Seed 002 rule 12: FTHB on alternative documentation, payment shock at most 250% (2.5x current '
                'rent)',
            where='programs/shining_star_base.guideline:98',
            when_text='First-time home buyer and Documentation type is not full_doc or dscr',
            when_inputs=('fthb', 'doc_type'),
            requirements=(rt.RequirementMeta(text='Payment shock at most 250%', inputs=('payment_shock',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='reserves',
            title='Reserves',
            citation='Illustrative (typical reserves tiers)',
            where='programs/shining_star_base.guideline:112',
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
            citation='Illustrative (typical minimum and maximum)',
            where='programs/shining_star_base.guideline:116',
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
            citation='Illustrative (typical eligible property types)',
            where='programs/shining_star_base.guideline:120',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or '
                        'two_to_four_unit',
                    inputs=('property_type',),
                ),
            ),
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
    selector_inputs=('occupancy',),
    seasoning_date='application_date',
)
