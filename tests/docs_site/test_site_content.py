"""What the site's generated pages say, read from `docs/` (no browser): abstract programs are shown as shared rules
and left out of the program list, the comparison, the navigation's products and `check_all`; a variant opens with
what differs from its base; every rule links the fields it reads; prose names choices by their labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compiler import ir, ir_program
from compiler.backends.docs.links import field_anchor, rule_anchor, value_anchor
from compiler.driver import check_paths

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def bundle() -> ir_program.Bundle:
    result = check_paths([ROOT / "programs"])
    assert result.bundle is not None
    return result.bundle


def _page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_abstract_programs_are_shared_rules_not_products(bundle: ir_program.Bundle) -> None:
    import generated
    from generated.loan import Loan

    abstract = {p.id for p in bundle.programs if p.abstract}
    assert abstract == {"shining_star_base"} == set(generated.ABSTRACT)
    variants = [p for p in bundle.programs if p.base == "shining_star_base"]
    assert variants and not any(p.abstract for p in variants)  # the key is not inherited
    decided = {d.program.id for d in generated.check_all(Loan(fico=700))}
    assert decided == {p.id for p in bundle.programs} - abstract
    assert generated.check("shining_star_base", Loan(fico=700)).program.id == "shining_star_base"  # still checkable
    index = _page("index.md")
    assert "](programs/shining_star_base.md) |" not in index  # not a row of a program table
    assert re.search(r"Shared rules of Shining Star Advantage, .*Shining Star Horizon: \[Shining Star Non\\-QM", index)
    assert "shining_star_base" not in _page("compare.md")
    base = _page("programs/shining_star_base.md")
    assert '!!! abstract "Shared rules of Shining Star Advantage, Shining Star DSCR, Shining Star Edge, Shining Star Horizon"' in base


def test_navigation_has_one_entry_per_program_with_its_changes_nested(bundle: ir_program.Bundle) -> None:
    nav = _page("../mkdocs.yml").split("\nnav:\n", 1)[1]
    for p in bundle.programs:
        assert nav.count(f'"{p.title}":') == 1, p.id
        block = nav.split(f'"{p.title}":\n', 1)[1].splitlines()[:2]
        assert block[0].strip().endswith(f": programs/{p.id}.md") and block[0].startswith(" " * 10), block
        assert block[1].strip() == f"- Versions and changes: programs/{p.id}-changes.md", block


def test_a_variant_opens_with_what_differs_from_its_base(bundle: ir_program.Bundle) -> None:
    for p in bundle.programs:
        page = _page(f"programs/{p.id}.md")
        first_h2 = re.search(r"^## (.*)$", page, re.M)
        assert first_h2 is not None
        if p.base is None:
            assert "What differs" not in page
            continue
        base = next(b for b in bundle.programs if b.id == p.base)
        assert first_h2.group(1).replace("\\", "") == f"What differs from {base.title}", p.id
        section = page.split("## What differs", 1)[1].split("\n| Program |", 1)[0]
        own = [x for x in (*p.matrices, *p.rules) if x.origin == p.id]
        for x in own:  # every addition and override, linked to where it is on the page
            assert f"(#{rule_anchor(x.id)})" in section and f"{{ #{rule_anchor(x.id)} }}" in page, (p.id, x.id)
        for d in p.dropped:
            anchor = value_anchor(d.id) if d.kind == "value" else rule_anchor(d.id)
            assert f"({base.id}.md#{anchor})" in section, (p.id, d.id)
        if p.id == "shining_star_dscr":
            assert "**Drops** [" in section and "**Adds** [" in section


def test_every_rule_links_the_fields_it_reads(bundle: ir_program.Bundle) -> None:
    vocabulary = _page("vocabulary.md")
    for p in bundle.programs:
        page = _page(f"programs/{p.id}.md")
        for r in (*p.rules, *p.matrices):
            section = page.split(f"{{ #{rule_anchor(r.id)} }}", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
            reads = re.search(r"\*\*Reads\*\* (.*)", section)
            if not ir.reads(r):  # a rule that only adds a condition (a passport) reads nothing and lists nothing
                assert reads is None, (p.id, r.id)
                continue
            assert reads is not None, (p.id, r.id)
            linked = re.findall(r"\]\(([^)]*)\)", reads.group(1))
            want = [f"#{value_anchor(n)}" if p.value(n) else f"../vocabulary.md#{field_anchor(n)}" for n in ir.reads(r)]
            assert linked == want, (p.id, r.id)
            for href in linked:
                anchor = href.split("#", 1)[1]
                assert f'id="{anchor}"' in (vocabulary if href.startswith("../") else page), (p.id, anchor)


def test_prose_names_choices_by_their_labels(bundle: ir_program.Bundle) -> None:
    """No choice's code (`bank_stmt_business_12`, `second_home`) in the text a reader sees, outside code spans."""
    codes = {v for f in bundle.vocabulary.fields if f.type.kind == "enum" for v in f.type.values if "_" in v}
    codes |= {v for r in bundle.vocabulary.records for f in r.fields if f.type.kind == "enum" for v in f.type.values}
    assert "bank_stmt_business_12" in codes
    pages = [f"programs/{p.id}{page}.md" for p in bundle.programs for page in ("", "-changes")]
    pages += ["compare.md", "vocabulary.md"]
    for name in pages:
        text = _page(name).split("## Using the checker", 1)[0]
        text = re.sub(r"`[^`]*`|<[^>]+>|\]\([^)]*\)|\{ #[^}]*\}", " ", text).replace("\\", "")
        shown = {c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)}
        assert not shown, (name, sorted(shown))
