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
from compiler.escape import md

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


NOTED = """\
program noted_tables
  title: "Noted tables"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"

matrix ltv_grid "LTV grid"
  cite "§2 <i>Matrix</i>, p. 3"
  note "Rows <b>by</b> score | *not* [a link](x) {{ 7*7 }}"
  gives max_ltv
  rows fico
  | FICO | max |
  | 660+ | 80% |

value reserves_needed "Reserves needed" by loan_amount
  cite "§3"
  note "Held in a <script>US</script> account"
  | Loan amount   | Reserves  |
  | <= $1,000,000 | 6 months  |
  | > $1,000,000  | 12 months |

rule reserves "Reserves"
  cite "§3"
  require reserves_months at least reserves_needed
"""


def test_a_matrix_and_a_lookup_show_their_notes_escaped(tmp_path: Path) -> None:
    """A matrix's `note` lines are shown under its table with its citation; a derived value's (a lookup's) in its
    row of the derived values; guideline text is inert: no HTML, no Markdown."""
    import shutil

    from compiler.backends.docs.site import program_page

    folder = tmp_path / "programs"
    folder.mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
    (folder / "noted_tables.guideline").write_text(NOTED, encoding="utf-8")
    result = check_paths([folder])
    assert result.bundle is not None, [d.message for d in result.diagnostics]
    p = next(q for q in result.bundle.programs if q.id == "noted_tables")
    page = program_page(p, result.bundle)
    matrix = page.split(f"{{ #{rule_anchor('ltv_grid')} }}", 1)[1].split("\n## ", 1)[0]
    table_end = matrix.index('data-value="80">80%</span> |')
    note = (r"*Rows &lt;b&gt;by&lt;/b&gt; score \&#124; \*not\* \[a link\]\(x\) \{\{ 7\*7 \}\}*"
            r" (§2 &lt;i&gt;Matrix&lt;/i&gt;, p. 3)")
    assert note in matrix and matrix.index(note) > table_end
    row = next(line for line in page.splitlines() if f'id="{value_anchor("reserves_needed")}"' in line)
    assert "<br>*Held in a &lt;script&gt;US&lt;/script&gt; account*" in row
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page


def test_every_note_of_the_programs_is_on_its_page(bundle: ir_program.Bundle) -> None:
    """Matrix and value notes under their items; `note` items with their status and citation (issue 16)."""
    statuses = set()
    for p in bundle.programs:
        page = _page(f"programs/{p.id}.md")
        for m in p.matrices:
            section = page.split(f"{{ #{rule_anchor(m.id)} }}", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
            for text in m.notes:
                assert f"*{md(text)}*" in section, (p.id, m.id)
        for v in p.values:
            row = next(line for line in page.splitlines() if f'id="{value_anchor(v.id)}"' in line)
            for text in v.notes:
                assert f"<br>*{md(text)}*" in row, (p.id, v.id)
        for n in p.notes:
            section = page.split(f"{{ #note-{n.id} }}", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
            assert f"    {md(n.text)}" in section and f"status {n.status};" in section, (p.id, n.id)
            assert f"*{md(n.citation)}*" in section, (p.id, n.id)
            statuses.add(n.status)
    assert statuses == {"informational", "unusable", "conflict"}  # the programs use every status


def test_a_no_score_line_reads_the_no_score_field(bundle: ir_program.Bundle) -> None:
    """A matrix (or lookup) with a `no score` line reads the loan's `<score>_no_score` yes/no field: its Reads list
    links it, after the key's own names."""
    seen = 0
    for p in bundle.programs:
        page = _page(f"programs/{p.id}.md")
        for m in p.matrices:
            flags = [f for axis in (m.rows, m.columns) if axis is not None for f in axis.no_score if f]
            if not flags:
                continue
            assert set(flags) <= set(ir.reads(m)), (p.id, m.id)
            section = page.split(f"{{ #{rule_anchor(m.id)} }}", 1)[1].split("\n### ", 1)[0]
            reads = re.search(r"\*\*Reads\*\* (.*)", section)
            assert reads is not None, (p.id, m.id)
            for flag in flags:
                assert f"(../vocabulary.md#{field_anchor(flag)})" in reads.group(1), (p.id, m.id, flag)
                seen += 1
    assert seen  # foreign_national_dscr's matrix has `no score` lines
