"""How people write loan values outside the checkers: the spellings a tape cell (`compiler.screen.tape`, in SQL)
and a loan in JSON (`compiler.loan_input`, in Python) both accept, declared once so the two readers agree.

    unknown      "", NA, N/A, NULL, #N/A (any case)
    yes / no     y, yes, true, t, 1 / n, no, false, f, 0 (any case)
    money        "$1,200,000" ($ and thousands commas); in JSON also "$1.2M", "$950K"
    percent      "80%", "80.00%" (percent points: 80 = 80%)
    one-of       the value or its label, any case ("primary", "Primary residence")
    date         2026-03-15 or 03/15/2026
    no score     none, no score, no credit score (any case), for a number whose field says `allows: no score`

Nothing here guesses: a number is never rescaled ("0.8" for a percent stays 0.8), a comma is a thousands
separator only between groups of three digits, and a spelling that could mean two things is left as written
for the reader to reject.
"""

from __future__ import annotations

NULL_TEXT = ("", "NA", "N/A", "NULL", "#N/A")  # compared upper-case
TRUE_TEXT = ("y", "yes", "true", "t", "1")  # compared lower-case
FALSE_TEXT = ("n", "no", "false", "f", "0")
NO_SCORE_TEXT = ("none", "no score", "no credit score", "noscore")  # compared lower-case
MONEY_SIGN = "$"
PERCENT_SIGN = "%"
THOUSANDS = ","
MONEY_SUFFIXES = {"k": 1_000, "m": 1_000_000}  # "$950K", "$1.2M" (JSON loans; compared lower-case)
US_DATE = "%m/%d/%Y"  # besides ISO 2026-03-15
