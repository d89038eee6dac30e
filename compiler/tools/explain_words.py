"""Wording of `glc explain`: a field's title inside a sentence, counts of days, lists joined with "or"."""

from __future__ import annotations

from collections.abc import Iterable


def the_title(title: str) -> str:
    """`the credit score`, `the PITIA`: a field's title inside a sentence."""
    return "the " + lower_first(title)


def a_title(title: str) -> str:
    """`A property type`, `A state`."""
    word = lower_first(title)
    return ("An " if word[:1] in "aeiou" else "A ") + word


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (PITIA, LTV, DSCR)."""
    return text[:1].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def days_text(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"



def join_or(items: Iterable[str]) -> str:
    xs = list(dict.fromkeys(items))
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + " or " + xs[-1]

