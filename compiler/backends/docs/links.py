"""What the site's pages link: a stable anchor per vocabulary field, per rule and per derived value, the fields
an item reads (from the IR, `ir.reads`), enum values by their labels, and the search synonyms of a title.

Anchors are made of ids (field names, rule and value ids: `[a-z0-9_]` only), so they are stable across builds
and need no escaping. Titles and labels come from guideline files and are escaped where they are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compiler import ir, ir_program
from compiler.escape import md
from compiler.wording import Choices

# Abbreviations and their spelled-out forms, both ways: a title holding the one is also found by the other
# (mkdocs-material's search indexes the visible text, so the synonym is written beside the title).
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("Credit score", "FICO"),
    ("FICO", "credit score"),
    ("CLTV", "combined loan-to-value"),
    ("LTV", "loan-to-value"),
    ("DTI", "debt-to-income ratio"),
    ("DSCR", "debt service coverage ratio"),
)


def also(title: str) -> str:
    """The synonyms of a title, `FICO` for "Credit score", or "" when it has none."""
    found = [other for word, other in SYNONYMS
             if re.search(rf"\b{re.escape(word)}\b", title, re.I) and other.lower() not in title.lower()]
    return " / ".join(dict.fromkeys(found))


def also_span(title: str) -> str:
    """` <span class="glc-also">FICO</span>` after a title with synonyms (the theme shows it in parentheses), else ""."""
    synonyms = also(title)
    return f' <span class="glc-also">{md(synonyms)}</span>' if synonyms else ""


def field_anchor(name: str, record: str = "") -> str:
    return f"field-{record}-{name}" if record else f"field-{name}"


def rule_anchor(rule_id: str) -> str:
    """Rules and matrices share one id space, and so one anchor space."""
    return f"rule-{rule_id}"


def value_anchor(value_id: str) -> str:
    return f"value-{value_id}"


def choices(vocabulary: ir_program.Vocabulary) -> Choices:
    """Every enum's labels, by field, and a list's kinds under `<list field>.<kind field>` (`wording.describe`)."""
    out: dict[str, dict[str, str]] = {}
    records = {r.name: r for r in vocabulary.records}
    for f in vocabulary.fields:
        if f.type.kind == "enum":
            out[f.name] = dict(zip(f.type.values, f.type.labels or f.type.values, strict=True))
        record = records.get(f.type.record) if f.type.kind == "list" else None
        for g in record.fields if record else ():
            if g.type.kind == "enum":
                out[f"{f.name}.{g.name}"] = dict(zip(g.type.values, g.type.labels or g.type.values, strict=True))
    return out


@dataclass(frozen=True, slots=True)
class Linker:
    """Links, from one program's page, to what its items read: vocabulary fields and the page's derived values."""

    program: ir_program.Program
    vocabulary: ir_program.Vocabulary
    vocabulary_href: str = "../vocabulary.md"

    def reads(self, node: object) -> str:
        """`[Credit score](../vocabulary.md#field-fico) (FICO), [LTV](#value-ltv) (loan-to-value)`: Markdown, escaped."""
        links = []
        for name in ir.reads(node):
            f = self.vocabulary.field(name)
            v = self.program.value(name)
            if v is not None:
                title, href = v.title, f"#{value_anchor(name)}"
            elif f is not None:
                title, href = f.title, f"{self.vocabulary_href}#{field_anchor(name)}"
            else:
                continue
            links.append(f"[{md(title)}]({href})" + also_span(title))
        return " · ".join(links)  # no punctuation touching a word: the search index splits on spaces and dashes
