"""Loan fields as messages name them: generated from programs/loan.fields; do not edit.

Source sha256: 0e7fdc8b0adf432c50cecf8fc13dae9cc020e955ad05befc8bb499197b842fe7.
"""

from __future__ import annotations

from . import _runtime as rt

NAMES: dict[str, rt.Name] = {
    'loan_id': rt.Name(title='Loan ID', kind='text', unit='', is_value=False, depends_on=(), places=None),
    'application_date': rt.Name(
        title='Application date', kind='date', unit='', is_value=False, depends_on=(), places=None
    ),
    'note_date': rt.Name(title='Note date', kind='date', unit='', is_value=False, depends_on=(), places=None),
    'loan_amount': rt.Name(title='Loan amount', kind='money', unit='USD', is_value=False, depends_on=(), places=None),
    'purpose': rt.Name(title='Loan purpose', kind='enum', unit='', is_value=False, depends_on=(), places=None),
    'cash_out_amount': rt.Name(
        title='Cash-out amount', kind='money', unit='USD', is_value=False, depends_on=(), places=None
    ),
    'interest_only': rt.Name(title='Interest-only', kind='yesno', unit='', is_value=False, depends_on=(), places=None),
    'prepayment_penalty_months': rt.Name(
        title='Prepayment penalty term',
        kind='months',
        unit='months',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'purchase_price': rt.Name(
        title='Purchase price', kind='money', unit='USD', is_value=False, depends_on=(), places=None
    ),
    'appraised_value': rt.Name(
        title='Appraised value', kind='money', unit='USD', is_value=False, depends_on=(), places=None
    ),
    'subordinate_liens': rt.Name(
        title='Subordinate liens', kind='money', unit='USD', is_value=False, depends_on=(), places=None
    ),
    'occupancy': rt.Name(title='Occupancy', kind='enum', unit='', is_value=False, depends_on=(), places=None),
    'property_type': rt.Name(title='Property type', kind='enum', unit='', is_value=False, depends_on=(), places=None),
    'units': rt.Name(title='Units', kind='integer', unit='units', is_value=False, depends_on=(), places=None),
    'state': rt.Name(title='State', kind='enum', unit='', is_value=False, depends_on=(), places=None),
    'rural': rt.Name(title='Rural property', kind='yesno', unit='', is_value=False, depends_on=(), places=None),
    'declining_market': rt.Name(
        title='Declining market', kind='yesno', unit='', is_value=False, depends_on=(), places=None
    ),
    'short_term_rental': rt.Name(
        title='Short-term rental', kind='yesno', unit='', is_value=False, depends_on=(), places=None
    ),
    'fico': rt.Name(title='Credit score', kind='integer', unit='points', is_value=False, depends_on=(), places=None),
    'citizenship': rt.Name(title='Citizenship', kind='enum', unit='', is_value=False, depends_on=(), places=None),
    'fthb': rt.Name(title='First-time home buyer', kind='yesno', unit='', is_value=False, depends_on=(), places=None),
    'first_time_investor': rt.Name(
        title='First-time investor', kind='yesno', unit='', is_value=False, depends_on=(), places=None
    ),
    'financed_properties': rt.Name(
        title='Financed properties',
        kind='integer',
        unit='properties',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'credit_events': rt.Name(title='Credit events', kind='list', unit='', is_value=False, depends_on=(), places=None),
    'housing_history_months': rt.Name(
        title='Housing history documented',
        kind='months',
        unit='months',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'housing_lates': rt.Name(
        title='Late housing payments', kind='list', unit='', is_value=False, depends_on=(), places=None
    ),
    'housing_verification': rt.Name(
        title='Housing verification', kind='enum', unit='', is_value=False, depends_on=(), places=None
    ),
    'rent_free': rt.Name(title='Living rent-free', kind='yesno', unit='', is_value=False, depends_on=(), places=None),
    'current_housing_payment': rt.Name(
        title='Current housing payment',
        kind='money',
        unit='USD per month',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'in_forbearance': rt.Name(
        title='In forbearance', kind='yesno', unit='', is_value=False, depends_on=(), places=None
    ),
    'forbearance_end': rt.Name(
        title='Forbearance end', kind='date', unit='', is_value=False, depends_on=(), places=None
    ),
    'payments_since_forbearance': rt.Name(
        title='Payments since forbearance',
        kind='integer',
        unit='payments',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'doc_type': rt.Name(title='Documentation type', kind='enum', unit='', is_value=False, depends_on=(), places=None),
    'monthly_income': rt.Name(
        title='Documented monthly income',
        kind='money',
        unit='USD per month',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'total_deposits': rt.Name(
        title='Total deposits', kind='money', unit='USD', is_value=False, depends_on=(), places=None
    ),
    'excluded_transfers': rt.Name(
        title='Transfers excluded', kind='money', unit='USD', is_value=False, depends_on=(), places=None
    ),
    'excluded_nonrecurring': rt.Name(
        title='Non-recurring deposits excluded',
        kind='money',
        unit='USD',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'statement_months': rt.Name(
        title='Statement months',
        kind='months',
        unit='months',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'cpa_expense_ratio': rt.Name(
        title='CPA expense ratio', kind='percent', unit='', is_value=False, depends_on=(), places=None
    ),
    'ownership_pct': rt.Name(
        title='Ownership share', kind='percent', unit='', is_value=False, depends_on=(), places=None
    ),
    'monthly_debts': rt.Name(
        title='Other monthly debts',
        kind='money',
        unit='USD per month',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'pitia': rt.Name(title='PITIA', kind='money', unit='USD per month', is_value=False, depends_on=(), places=None),
    'lease_rent': rt.Name(
        title='Lease rent',
        kind='money',
        unit='USD per month',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'market_rent': rt.Name(
        title='Market rent (1007)',
        kind='money',
        unit='USD per month',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'liquid_assets': rt.Name(
        title='Assets after closing',
        kind='money',
        unit='USD',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'borrower_contribution_pct': rt.Name(
        title='Borrower contribution',
        kind='percent',
        unit='',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'monthly_taxes': rt.Name(
        title='Monthly property taxes',
        kind='money',
        unit='USD per month',
        is_value=False,
        depends_on=(),
        places=None,
    ),
    'monthly_insurance': rt.Name(
        title='Monthly insurance',
        kind='money',
        unit='USD per month',
        is_value=False,
        depends_on=(),
        places=None,
    ),
}
