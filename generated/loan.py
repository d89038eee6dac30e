"""The loan a checker decides: generated from programs/loan.fields (Non-QM loan).

Generated from programs/loan.fields; do not edit.
Source sha256: e463ec19c4b25fac91354dbc3ab210b9dd342e67375c8789f62f4c09a8c44aab.
Every field is optional: a field left out is unknown (None), and a rule that needs it reports missing data.
Money, percents and ratios are exact Decimals; percents are written as percents (80 for 80%).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

# `allows: no score`: each such number and the yes/no field that says the loan has none at all
NO_SCORE = {'fico': 'fico_no_score'}
NO_SCORE_TEXT = ('none', 'no score', 'no credit score', 'noscore')

__all__ = [
    'Citizenship',
    'CitizenshipCountry',
    'CreditEvent',
    'CreditEventKind',
    'DocType',
    'HousingVerification',
    'LatePayment',
    'LienPosition',
    'Loan',
    'Occupancy',
    'PropertyType',
    'Purpose',
    'ResidenceState',
    'State',
]


class Purpose(StrEnum):
    """Loan purpose: the values of `purpose`."""

    purchase = 'purchase'  # Purchase
    rate_term = 'rate_term'  # Rate/term refinance
    cash_out = 'cash_out'  # Cash-out refinance


class Occupancy(StrEnum):
    """Occupancy: the values of `occupancy`."""

    primary = 'primary'  # Primary residence
    second_home = 'second_home'  # Second home
    investment = 'investment'  # Investment property


class PropertyType(StrEnum):
    """Property type: the values of `property_type`."""

    sfr = 'sfr'  # Single-family residence
    pud = 'pud'  # PUD
    townhome = 'townhome'  # Townhome
    condo_warrantable = 'condo_warrantable'  # Warrantable condo
    condo_non_warrantable = 'condo_non_warrantable'  # Non-warrantable condo
    condotel = 'condotel'  # Condotel
    two_to_four_unit = 'two_to_four_unit'  # 2-4 units
    five_to_ten_unit = 'five_to_ten_unit'  # 5-10 units
    manufactured = 'manufactured'  # Manufactured home
    modular = 'modular'  # Modular home
    mixed_use = 'mixed_use'  # Mixed-use
    log_dome = 'log_dome'  # Log or dome home


class State(StrEnum):
    """State: the values of `state`."""

    AL = 'AL'  # AL
    AK = 'AK'  # AK
    AZ = 'AZ'  # AZ
    AR = 'AR'  # AR
    CA = 'CA'  # CA
    CO = 'CO'  # CO
    CT = 'CT'  # CT
    DE = 'DE'  # DE
    DC = 'DC'  # DC
    FL = 'FL'  # FL
    GA = 'GA'  # GA
    HI = 'HI'  # HI
    ID = 'ID'  # ID
    IL = 'IL'  # IL
    IN = 'IN'  # IN
    IA = 'IA'  # IA
    KS = 'KS'  # KS
    KY = 'KY'  # KY
    LA = 'LA'  # LA
    ME = 'ME'  # ME
    MD = 'MD'  # MD
    MA = 'MA'  # MA
    MI = 'MI'  # MI
    MN = 'MN'  # MN
    MS = 'MS'  # MS
    MO = 'MO'  # MO
    MT = 'MT'  # MT
    NE = 'NE'  # NE
    NV = 'NV'  # NV
    NH = 'NH'  # NH
    NJ = 'NJ'  # NJ
    NM = 'NM'  # NM
    NY = 'NY'  # NY
    NC = 'NC'  # NC
    ND = 'ND'  # ND
    OH = 'OH'  # OH
    OK = 'OK'  # OK
    OR = 'OR'  # OR
    PA = 'PA'  # PA
    RI = 'RI'  # RI
    SC = 'SC'  # SC
    SD = 'SD'  # SD
    TN = 'TN'  # TN
    TX = 'TX'  # TX
    UT = 'UT'  # UT
    VT = 'VT'  # VT
    VA = 'VA'  # VA
    WA = 'WA'  # WA
    WV = 'WV'  # WV
    WI = 'WI'  # WI
    WY = 'WY'  # WY


class Citizenship(StrEnum):
    """Citizenship: the values of `citizenship`."""

    us_citizen = 'us_citizen'  # US citizen
    permanent_resident = 'permanent_resident'  # Permanent resident
    non_permanent_resident = 'non_permanent_resident'  # Non-permanent resident
    itin = 'itin'  # ITIN borrower
    foreign_national = 'foreign_national'  # Foreign national


class HousingVerification(StrEnum):
    """Housing verification: the values of `housing_verification`."""

    vom = 'vom'  # Institutional VOM
    vor = 'vor'  # Institutional VOR
    bank_records = 'bank_records'  # 12 months canceled checks or bank debits
    credit_report = 'credit_report'  # Mortgage rating on the credit report
    none = 'none'  # No verification


class DocType(StrEnum):
    """Documentation type: the values of `doc_type`."""

    full_doc = 'full_doc'  # Full documentation
    bank_stmt_personal_12 = 'bank_stmt_personal_12'  # 12 months personal bank statements
    bank_stmt_personal_24 = 'bank_stmt_personal_24'  # 24 months personal bank statements
    bank_stmt_business_12 = 'bank_stmt_business_12'  # 12 months business bank statements
    bank_stmt_business_24 = 'bank_stmt_business_24'  # 24 months business bank statements
    p_and_l = 'p_and_l'  # CPA-prepared P&L
    form_1099 = 'form_1099'  # 1099 only
    wvoe = 'wvoe'  # Written VOE
    asset_depletion = 'asset_depletion'  # Asset depletion
    dscr = 'dscr'  # DSCR (property cash flow)


class CitizenshipCountry(StrEnum):
    """Country of citizenship: the values of `citizenship_country`."""

    AD = 'AD'  # Andorra
    AE = 'AE'  # United Arab Emirates
    AF = 'AF'  # Afghanistan
    AG = 'AG'  # Antigua and Barbuda
    AI = 'AI'  # Anguilla
    AL = 'AL'  # Albania
    AM = 'AM'  # Armenia
    AO = 'AO'  # Angola
    AQ = 'AQ'  # Antarctica
    AR = 'AR'  # Argentina
    AS = 'AS'  # American Samoa
    AT = 'AT'  # Austria
    AU = 'AU'  # Australia
    AW = 'AW'  # Aruba
    AX = 'AX'  # Åland Islands
    AZ = 'AZ'  # Azerbaijan
    BA = 'BA'  # Bosnia and Herzegovina
    BB = 'BB'  # Barbados
    BD = 'BD'  # Bangladesh
    BE = 'BE'  # Belgium
    BF = 'BF'  # Burkina Faso
    BG = 'BG'  # Bulgaria
    BH = 'BH'  # Bahrain
    BI = 'BI'  # Burundi
    BJ = 'BJ'  # Benin
    BL = 'BL'  # Saint Barthélemy
    BM = 'BM'  # Bermuda
    BN = 'BN'  # Brunei Darussalam
    BO = 'BO'  # Bolivia, Plurinational State of
    BQ = 'BQ'  # Bonaire, Sint Eustatius and Saba
    BR = 'BR'  # Brazil
    BS = 'BS'  # Bahamas
    BT = 'BT'  # Bhutan
    BV = 'BV'  # Bouvet Island
    BW = 'BW'  # Botswana
    BY = 'BY'  # Belarus
    BZ = 'BZ'  # Belize
    CA = 'CA'  # Canada
    CC = 'CC'  # Cocos (Keeling) Islands
    CD = 'CD'  # Congo, The Democratic Republic of the
    CF = 'CF'  # Central African Republic
    CG = 'CG'  # Congo
    CH = 'CH'  # Switzerland
    CI = 'CI'  # Côte d'Ivoire
    CK = 'CK'  # Cook Islands
    CL = 'CL'  # Chile
    CM = 'CM'  # Cameroon
    CN = 'CN'  # China
    CO = 'CO'  # Colombia
    CR = 'CR'  # Costa Rica
    CU = 'CU'  # Cuba
    CV = 'CV'  # Cabo Verde
    CW = 'CW'  # Curaçao
    CX = 'CX'  # Christmas Island
    CY = 'CY'  # Cyprus
    CZ = 'CZ'  # Czechia
    DE = 'DE'  # Germany
    DJ = 'DJ'  # Djibouti
    DK = 'DK'  # Denmark
    DM = 'DM'  # Dominica
    DO = 'DO'  # Dominican Republic
    DZ = 'DZ'  # Algeria
    EC = 'EC'  # Ecuador
    EE = 'EE'  # Estonia
    EG = 'EG'  # Egypt
    EH = 'EH'  # Western Sahara
    ER = 'ER'  # Eritrea
    ES = 'ES'  # Spain
    ET = 'ET'  # Ethiopia
    FI = 'FI'  # Finland
    FJ = 'FJ'  # Fiji
    FK = 'FK'  # Falkland Islands (Malvinas)
    FM = 'FM'  # Micronesia, Federated States of
    FO = 'FO'  # Faroe Islands
    FR = 'FR'  # France
    GA = 'GA'  # Gabon
    GB = 'GB'  # United Kingdom
    GD = 'GD'  # Grenada
    GE = 'GE'  # Georgia
    GF = 'GF'  # French Guiana
    GG = 'GG'  # Guernsey
    GH = 'GH'  # Ghana
    GI = 'GI'  # Gibraltar
    GL = 'GL'  # Greenland
    GM = 'GM'  # Gambia
    GN = 'GN'  # Guinea
    GP = 'GP'  # Guadeloupe
    GQ = 'GQ'  # Equatorial Guinea
    GR = 'GR'  # Greece
    GS = 'GS'  # South Georgia and the South Sandwich Islands
    GT = 'GT'  # Guatemala
    GU = 'GU'  # Guam
    GW = 'GW'  # Guinea-Bissau
    GY = 'GY'  # Guyana
    HK = 'HK'  # Hong Kong
    HM = 'HM'  # Heard Island and McDonald Islands
    HN = 'HN'  # Honduras
    HR = 'HR'  # Croatia
    HT = 'HT'  # Haiti
    HU = 'HU'  # Hungary
    ID = 'ID'  # Indonesia
    IE = 'IE'  # Ireland
    IL = 'IL'  # Israel
    IM = 'IM'  # Isle of Man
    IN = 'IN'  # India
    IO = 'IO'  # British Indian Ocean Territory
    IQ = 'IQ'  # Iraq
    IR = 'IR'  # Iran, Islamic Republic of
    IS = 'IS'  # Iceland
    IT = 'IT'  # Italy
    JE = 'JE'  # Jersey
    JM = 'JM'  # Jamaica
    JO = 'JO'  # Jordan
    JP = 'JP'  # Japan
    KE = 'KE'  # Kenya
    KG = 'KG'  # Kyrgyzstan
    KH = 'KH'  # Cambodia
    KI = 'KI'  # Kiribati
    KM = 'KM'  # Comoros
    KN = 'KN'  # Saint Kitts and Nevis
    KP = 'KP'  # Korea, Democratic People's Republic of
    KR = 'KR'  # Korea, Republic of
    KW = 'KW'  # Kuwait
    KY = 'KY'  # Cayman Islands
    KZ = 'KZ'  # Kazakhstan
    LA = 'LA'  # Lao People's Democratic Republic
    LB = 'LB'  # Lebanon
    LC = 'LC'  # Saint Lucia
    LI = 'LI'  # Liechtenstein
    LK = 'LK'  # Sri Lanka
    LR = 'LR'  # Liberia
    LS = 'LS'  # Lesotho
    LT = 'LT'  # Lithuania
    LU = 'LU'  # Luxembourg
    LV = 'LV'  # Latvia
    LY = 'LY'  # Libya
    MA = 'MA'  # Morocco
    MC = 'MC'  # Monaco
    MD = 'MD'  # Moldova, Republic of
    ME = 'ME'  # Montenegro
    MF = 'MF'  # Saint Martin (French part)
    MG = 'MG'  # Madagascar
    MH = 'MH'  # Marshall Islands
    MK = 'MK'  # North Macedonia
    ML = 'ML'  # Mali
    MM = 'MM'  # Myanmar
    MN = 'MN'  # Mongolia
    MO = 'MO'  # Macao
    MP = 'MP'  # Northern Mariana Islands
    MQ = 'MQ'  # Martinique
    MR = 'MR'  # Mauritania
    MS = 'MS'  # Montserrat
    MT = 'MT'  # Malta
    MU = 'MU'  # Mauritius
    MV = 'MV'  # Maldives
    MW = 'MW'  # Malawi
    MX = 'MX'  # Mexico
    MY = 'MY'  # Malaysia
    MZ = 'MZ'  # Mozambique
    NA = 'NA'  # Namibia
    NC = 'NC'  # New Caledonia
    NE = 'NE'  # Niger
    NF = 'NF'  # Norfolk Island
    NG = 'NG'  # Nigeria
    NI = 'NI'  # Nicaragua
    NL = 'NL'  # Netherlands
    NO = 'NO'  # Norway
    NP = 'NP'  # Nepal
    NR = 'NR'  # Nauru
    NU = 'NU'  # Niue
    NZ = 'NZ'  # New Zealand
    OM = 'OM'  # Oman
    PA = 'PA'  # Panama
    PE = 'PE'  # Peru
    PF = 'PF'  # French Polynesia
    PG = 'PG'  # Papua New Guinea
    PH = 'PH'  # Philippines
    PK = 'PK'  # Pakistan
    PL = 'PL'  # Poland
    PM = 'PM'  # Saint Pierre and Miquelon
    PN = 'PN'  # Pitcairn
    PR = 'PR'  # Puerto Rico
    PS = 'PS'  # Palestine, State of
    PT = 'PT'  # Portugal
    PW = 'PW'  # Palau
    PY = 'PY'  # Paraguay
    QA = 'QA'  # Qatar
    RE = 'RE'  # Réunion
    RO = 'RO'  # Romania
    RS = 'RS'  # Serbia
    RU = 'RU'  # Russian Federation
    RW = 'RW'  # Rwanda
    SA = 'SA'  # Saudi Arabia
    SB = 'SB'  # Solomon Islands
    SC = 'SC'  # Seychelles
    SD = 'SD'  # Sudan
    SE = 'SE'  # Sweden
    SG = 'SG'  # Singapore
    SH = 'SH'  # Saint Helena, Ascension and Tristan da Cunha
    SI = 'SI'  # Slovenia
    SJ = 'SJ'  # Svalbard and Jan Mayen
    SK = 'SK'  # Slovakia
    SL = 'SL'  # Sierra Leone
    SM = 'SM'  # San Marino
    SN = 'SN'  # Senegal
    SO = 'SO'  # Somalia
    SR = 'SR'  # Suriname
    SS = 'SS'  # South Sudan
    ST = 'ST'  # Sao Tome and Principe
    SV = 'SV'  # El Salvador
    SX = 'SX'  # Sint Maarten (Dutch part)
    SY = 'SY'  # Syrian Arab Republic
    SZ = 'SZ'  # Eswatini
    TC = 'TC'  # Turks and Caicos Islands
    TD = 'TD'  # Chad
    TF = 'TF'  # French Southern Territories
    TG = 'TG'  # Togo
    TH = 'TH'  # Thailand
    TJ = 'TJ'  # Tajikistan
    TK = 'TK'  # Tokelau
    TL = 'TL'  # Timor-Leste
    TM = 'TM'  # Turkmenistan
    TN = 'TN'  # Tunisia
    TO = 'TO'  # Tonga
    TR = 'TR'  # Türkiye
    TT = 'TT'  # Trinidad and Tobago
    TV = 'TV'  # Tuvalu
    TW = 'TW'  # Taiwan, Province of China
    TZ = 'TZ'  # Tanzania, United Republic of
    UA = 'UA'  # Ukraine
    UG = 'UG'  # Uganda
    UM = 'UM'  # United States Minor Outlying Islands
    US = 'US'  # United States
    UY = 'UY'  # Uruguay
    UZ = 'UZ'  # Uzbekistan
    VA = 'VA'  # Holy See (Vatican City State)
    VC = 'VC'  # Saint Vincent and the Grenadines
    VE = 'VE'  # Venezuela, Bolivarian Republic of
    VG = 'VG'  # Virgin Islands, British
    VI = 'VI'  # Virgin Islands, U.S.
    VN = 'VN'  # Viet Nam
    VU = 'VU'  # Vanuatu
    WF = 'WF'  # Wallis and Futuna
    WS = 'WS'  # Samoa
    YE = 'YE'  # Yemen
    YT = 'YT'  # Mayotte
    ZA = 'ZA'  # South Africa
    ZM = 'ZM'  # Zambia
    ZW = 'ZW'  # Zimbabwe


class ResidenceState(StrEnum):
    """State of residence: the values of `residence_state`."""

    AK = 'AK'  # Alaska
    AL = 'AL'  # Alabama
    AR = 'AR'  # Arkansas
    AS = 'AS'  # American Samoa
    AZ = 'AZ'  # Arizona
    CA = 'CA'  # California
    CO = 'CO'  # Colorado
    CT = 'CT'  # Connecticut
    DC = 'DC'  # District of Columbia
    DE = 'DE'  # Delaware
    FL = 'FL'  # Florida
    GA = 'GA'  # Georgia
    GU = 'GU'  # Guam
    HI = 'HI'  # Hawaii
    IA = 'IA'  # Iowa
    ID = 'ID'  # Idaho
    IL = 'IL'  # Illinois
    IN = 'IN'  # Indiana
    KS = 'KS'  # Kansas
    KY = 'KY'  # Kentucky
    LA = 'LA'  # Louisiana
    MA = 'MA'  # Massachusetts
    MD = 'MD'  # Maryland
    ME = 'ME'  # Maine
    MI = 'MI'  # Michigan
    MN = 'MN'  # Minnesota
    MO = 'MO'  # Missouri
    MP = 'MP'  # Northern Mariana Islands
    MS = 'MS'  # Mississippi
    MT = 'MT'  # Montana
    NC = 'NC'  # North Carolina
    ND = 'ND'  # North Dakota
    NE = 'NE'  # Nebraska
    NH = 'NH'  # New Hampshire
    NJ = 'NJ'  # New Jersey
    NM = 'NM'  # New Mexico
    NV = 'NV'  # Nevada
    NY = 'NY'  # New York
    OH = 'OH'  # Ohio
    OK = 'OK'  # Oklahoma
    OR = 'OR'  # Oregon
    PA = 'PA'  # Pennsylvania
    PR = 'PR'  # Puerto Rico
    RI = 'RI'  # Rhode Island
    SC = 'SC'  # South Carolina
    SD = 'SD'  # South Dakota
    TN = 'TN'  # Tennessee
    TX = 'TX'  # Texas
    UM = 'UM'  # United States Minor Outlying Islands
    UT = 'UT'  # Utah
    VA = 'VA'  # Virginia
    VI = 'VI'  # Virgin Islands, U.S.
    VT = 'VT'  # Vermont
    WA = 'WA'  # Washington
    WI = 'WI'  # Wisconsin
    WV = 'WV'  # West Virginia
    WY = 'WY'  # Wyoming


class LienPosition(StrEnum):
    """Lien position: the values of `lien_position`."""

    first = 'first'  # First lien
    second = 'second'  # Second lien


class CreditEventKind(StrEnum):
    """Event: the values of `kind`."""

    fc = 'fc'  # Foreclosure
    ss = 'ss'  # Short sale
    dil = 'dil'  # Deed-in-lieu
    mod = 'mod'  # Modification due to default
    nod = 'nod'  # Notice of default
    dq120 = 'dq120'  # 120+ days delinquent
    bk7 = 'bk7'  # Chapter 7 bankruptcy
    bk11 = 'bk11'  # Chapter 11 bankruptcy
    bk13 = 'bk13'  # Chapter 13 bankruptcy


class CreditEvent(BaseModel):
    """Credit event: one item of a list field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: CreditEventKind | None = Field(
        default=None,
        title='Event',
        description='Kind of event.',
    )
    completed_on: dt.date | None = Field(
        default=None,
        title='Completion date',
        description='Foreclosure sale, short sale or deed-in-lieu recording, modification date, or bankruptcy '
            'discharge or dismissal date.',
    )


class LatePayment(BaseModel):
    """Late housing payment: one item of a list field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    due_on: dt.date | None = Field(
        default=None,
        title='Due date',
        description='Due date of the late payment.',
    )
    days_late: int | None = Field(
        default=None,
        ge=30,
        le=999,
        title='Days late',
        description='How many days late the payment was made. Unit: days.',
    )


class Loan(BaseModel):
    """A loan, as the guidelines see it (Non-QM loan)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    loan_id: str | None = Field(
        default=None,
        title='Loan ID',
        description="The loan's key on a tape or in the origination system.",
    )
    application_date: dt.date | None = Field(
        default=None,
        title='Application date',
        description='Date of the loan application; credit-event seasoning and housing-history lookbacks are measured '
            'to it unless the program says otherwise.',
    )
    note_date: dt.date | None = Field(
        default=None,
        title='Note date',
        description='Date the note is signed (closing).',
    )
    loan_amount: Decimal | None = Field(
        default=None,
        ge=Decimal("1"),
        le=Decimal("100000000"),
        decimal_places=0,
        title='Loan amount',
        description='Note amount of the subject loan, in whole dollars: a first lien, or a second lien (lien_position) '
            'behind the senior liens. Unit: USD.',
    )
    purpose: Purpose | None = Field(
        default=None,
        title='Loan purpose',
        description='Purchase, rate-and-term (limited cash-out) refinance, or cash-out refinance.',
    )
    cash_out_amount: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100000000"),
        decimal_places=2,
        title='Cash-out amount',
        description='Cash to the borrower at closing on a refinance. Unit: USD.',
    )
    interest_only: bool | None = Field(
        default=None,
        title='Interest-only',
        description='Yes when the loan has an interest-only period.',
    )
    prepayment_penalty_months: int | None = Field(
        default=None,
        ge=0,
        le=60,
        title='Prepayment penalty term',
        description='Length of the prepayment penalty period; 0 when none. Unit: months.',
    )
    purchase_price: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100000000"),
        decimal_places=2,
        title='Purchase price',
        description='Contract price on a purchase. Unit: USD.',
    )
    appraised_value: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100000000"),
        decimal_places=2,
        title='Appraised value',
        description='Value on the appraisal report. Unit: USD.',
    )
    subordinate_liens: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100000000"),
        decimal_places=2,
        title='Subordinate liens',
        description="Balance of liens behind the subject loan (a HELOC's drawn balance), for CLTV; 0 when none. Unit: "
            'USD.',
    )
    occupancy: Occupancy | None = Field(
        default=None,
        title='Occupancy',
        description='How the borrower will occupy the subject property.',
    )
    property_type: PropertyType | None = Field(
        default=None,
        title='Property type',
        description="The subject property's type as the appraisal reports it.",
    )
    purchase_date: dt.date | None = Field(
        default=None,
        title='Purchase date',
        description='Date the borrower acquired the subject property (deed recording). Unknown on a purchase; a '
            'refinance reads it for seasoning.',
    )
    acreage: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000"),
        decimal_places=2,
        title='Acreage',
        description='Land area of the subject property, in acres, as the appraisal reports it (20.5 = twenty and a '
            'half acres). Unit: acres.',
    )
    units: int | None = Field(
        default=None,
        ge=1,
        le=10,
        title='Units',
        description='Number of dwelling units in the subject property. Unit: units.',
    )
    state: State | None = Field(
        default=None,
        title='State',
        description='Two-letter code of the state where the subject property is.',
    )
    rural: bool | None = Field(
        default=None,
        title='Rural property',
        description='Yes when the appraiser marks the property rural.',
    )
    declining_market: bool | None = Field(
        default=None,
        title='Declining market',
        description='Yes when the appraiser marks property values as declining.',
    )
    short_term_rental: bool | None = Field(
        default=None,
        title='Short-term rental',
        description='Yes when the subject is rented short-term (Airbnb, VRBO).',
    )
    fico: int | None = Field(
        default=None,
        ge=300,
        le=850,
        title='Credit score',
        description="Representative credit score of the loan: the lowest of the borrowers' middle (or lower of two) "
            'bureau scores. A loan whose borrowers have no score at all says "none"; unknown when not yet pulled. '
            'Unit: points.',
    )
    fico_no_score: bool | None = Field(
        default=None,
        title='No credit score',
        description='Yes when the loan has no credit score at all: a loan gives `"fico": "none"` (or this field). '
            'Unknown when neither is given; a credit score that is missing from the file is unknown, not none.',
    )
    citizenship: Citizenship | None = Field(
        default=None,
        title='Citizenship',
        description='Residency status of the primary borrower.',
    )
    fthb: bool | None = Field(
        default=None,
        title='First-time home buyer',
        description='Yes when no borrower has owned a home in the last 3 years.',
    )
    first_time_investor: bool | None = Field(
        default=None,
        title='First-time investor',
        description='Yes when no borrower has owned an investment property before.',
    )
    financed_properties: int | None = Field(
        default=None,
        ge=0,
        le=100,
        title='Financed properties',
        description='Number of financed properties the borrowers own, the subject included. Unit: properties.',
    )
    borrower_age: Decimal | None = Field(
        default=None,
        ge=Decimal("18"),
        le=Decimal("120"),
        decimal_places=2,
        title='Borrower age',
        description='Age in years, with decimals, of the borrower whose retirement assets are used, on the application '
            'date (59.5 = fifty-nine and a half). Unit: years.',
    )
    credit_events: tuple[CreditEvent, ...] | None = Field(
        default=None,
        title='Credit events',
        description='Every foreclosure, short sale, deed-in-lieu, default modification, notice of default, 120+ day '
            'delinquency and bankruptcy on the credit file, each with its completion date. Empty when the file shows '
            'none; unknown when not yet reviewed.',
    )
    housing_history_months: int | None = Field(
        default=None,
        ge=0,
        le=600,
        title='Housing history documented',
        description='Months of housing payment history the file documents (rent or mortgage). Unit: months.',
    )
    housing_lates: tuple[LatePayment, ...] | None = Field(
        default=None,
        title='Late housing payments',
        description='Every rent or mortgage payment 30 or more days late in the documented history. Empty when none; '
            'unknown when not yet verified.',
    )
    housing_verification: HousingVerification | None = Field(
        default=None,
        title='Housing verification',
        description='How the housing payment history is verified.',
    )
    rent_free: bool | None = Field(
        default=None,
        title='Living rent-free',
        description='Yes when the borrower lives rent-free.',
    )
    current_housing_payment: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("1000000"),
        decimal_places=2,
        title='Current housing payment',
        description="The borrower's current monthly rent or mortgage payment, for payment shock. Unit: USD per month.",
    )
    in_forbearance: bool | None = Field(
        default=None,
        title='In forbearance',
        description='Yes when a mortgage of the borrower is in forbearance or deferral now.',
    )
    forbearance_end: dt.date | None = Field(
        default=None,
        title='Forbearance end',
        description='Date a completed forbearance or deferral plan ended; unknown when there was none.',
    )
    payments_since_forbearance: int | None = Field(
        default=None,
        ge=0,
        le=600,
        title='Payments since forbearance',
        description='Timely monthly payments made since the forbearance plan ended. Unit: payments.',
    )
    doc_type: DocType | None = Field(
        default=None,
        title='Documentation type',
        description='How income is documented.',
    )
    monthly_income: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000000"),
        decimal_places=2,
        title='Documented monthly income',
        description='Gross monthly income from full-doc, P&L, 1099, WVOE or asset-depletion documents. Unit: USD per '
            'month.',
    )
    total_deposits: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("1000000000"),
        decimal_places=2,
        title='Total deposits',
        description='All deposits over the bank-statement period. Unit: USD.',
    )
    excluded_transfers: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("1000000000"),
        decimal_places=2,
        title='Transfers excluded',
        description="Transfers between the borrower's own accounts within the deposits; excluded from income. Unit: "
            'USD.',
    )
    excluded_nonrecurring: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("1000000000"),
        decimal_places=2,
        title='Non-recurring deposits excluded',
        description='Loan proceeds, one-time windfalls and other non-recurring deposits; excluded from income. Unit: '
            'USD.',
    )
    statement_months: int | None = Field(
        default=None,
        ge=1,
        le=24,
        title='Statement months',
        description='Number of consecutive months of bank statements (12 or 24). Unit: months.',
    )
    cpa_expense_ratio: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100"),
        decimal_places=2,
        title='CPA expense ratio',
        description='Expense ratio stated by a CPA letter; unknown when there is no CPA letter. Unit: percent (80 = '
            '80%).',
    )
    ownership_pct: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100"),
        decimal_places=2,
        title='Ownership share',
        description="The borrower's ownership share of the business. Unit: percent (80 = 80%).",
    )
    monthly_debts: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000000"),
        decimal_places=2,
        title='Other monthly debts',
        description='Monthly payments on all non-housing debts. Unit: USD per month.',
    )
    pitia: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000000"),
        decimal_places=2,
        title='PITIA',
        description='Proposed monthly principal, interest, taxes, insurance and association dues (on a second lien, '
            "the senior liens' payments included). Unit: USD per month.",
    )
    lease_rent: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000000"),
        decimal_places=2,
        title='Lease rent',
        description="Monthly rent on the subject's lease; unknown when the property is not leased. Unit: USD per "
            'month.',
    )
    market_rent: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000000"),
        decimal_places=2,
        title='Market rent (1007)',
        description="Monthly market rent on the appraisal's rent schedule (Form 1007). Unit: USD per month.",
    )
    liquid_assets: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("1000000000"),
        decimal_places=2,
        title='Assets after closing',
        description='Verified liquid assets left after down payment and closing costs. Unit: USD.',
    )
    retirement_assets: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("1000000000"),
        decimal_places=2,
        title='Retirement assets',
        description='Vested balance of the retirement accounts (IRA, 401(k), pension) used toward reserves, not in the '
            'assets after closing; unknown when none are used. Unit: USD.',
    )
    borrower_contribution_pct: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100"),
        decimal_places=2,
        title='Borrower contribution',
        description="The borrower's own funds toward the purchase, as a percent of the price. Unit: percent (80 = "
            '80%).',
    )
    monthly_taxes: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000000"),
        decimal_places=2,
        title='Monthly property taxes',
        description='The property-tax part of PITIA, per month. Portfolio stress scenarios (programs/*.portfolio) '
            'raise PITIA by a share of it. Unit: USD per month.',
    )
    monthly_insurance: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("10000000"),
        decimal_places=2,
        title='Monthly insurance',
        description='The hazard and flood insurance part of PITIA, per month. Portfolio stress scenarios raise PITIA '
            'by a share of it. Unit: USD per month.',
    )
    citizenship_country: CitizenshipCountry | None = Field(
        default=None,
        title='Country of citizenship',
        description='Country of citizenship of the primary borrower (ISO 3166-1 code, e.g. US, CA, MX).',
    )
    residence_state: ResidenceState | None = Field(
        default=None,
        title='State of residence',
        description='State, district or territory where the primary borrower lives (two-letter code: states, DC, PR, '
            'GU, VI, AS, MP, UM).',
    )
    lien_position: LienPosition | None = Field(
        default=None,
        title='Lien position',
        description='Position of the subject loan: a first lien, or a second lien (closed-end second or HELOC) behind '
            'a first mortgage. Unknown is a first lien, as every program before second liens read a loan.',
    )
    senior_lien_balance: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100000000"),
        decimal_places=2,
        title='Senior lien balance',
        description='Unpaid principal balance of every lien ahead of the subject loan (a HELOC ahead of it: its drawn '
            'balance), from the mortgage statement or credit report. Read only for a second lien. Unit: USD.',
    )
    senior_lien_negative_amortization: bool | None = Field(
        default=None,
        title='Senior lien negative amortization',
        description='Yes when a lien ahead of the subject loan allows negative amortization (payment-option ARM).',
    )
    senior_lien_balloon: bool | None = Field(
        default=None,
        title='Senior lien balloon',
        description='Yes when a lien ahead of the subject loan has a balloon payment.',
    )
    heloc_line_amount: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100000000"),
        decimal_places=2,
        title='HELOC line amount',
        description='Credit limit of every HELOC on the property other than the subject loan, ahead of it or behind '
            'it; 0 when none. Unit: USD.',
    )
    heloc_drawn_balance: Decimal | None = Field(
        default=None,
        ge=Decimal("0"),
        le=Decimal("100000000"),
        decimal_places=2,
        title='HELOC drawn balance',
        description='Drawn balance of those HELOCs, counted in the senior lien balance or the subordinate liens where '
            'they stand; 0 when none. Unit: USD.',
    )

    @model_validator(mode="before")
    @classmethod
    def _no_score(cls, data: object) -> object:
        """`"fico": "none"` (or "No score", any case): no score at all, so `fico_no_score` is yes; a score given: no."""
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for name, flag in NO_SCORE.items():
            given = out.get(name)
            if isinstance(given, str) and given.strip().lower() in NO_SCORE_TEXT:
                out[name] = None
                out[flag] = True
            elif given is not None:  # a score given is a score, whatever `fico_no_score` says (as a tape reads it)
                out[flag] = False
        return out
