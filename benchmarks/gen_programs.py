"""Generate N realistic guideline programs for the compiler-scale benchmark (deterministic for a given N).

    .venv/bin/python benchmarks/gen_programs.py N OUTDIR
    .venv/bin/python benchmarks/gen_programs.py --rules N OUTDIR    # one program with N rules (issue 16, item 9)

Writes OUTDIR/loan.fields (a copy of programs/loan.fields) and OUTDIR/gen_<i>.guideline. Of every ten
programs, eight are full investor programs like programs/keystone_bank_statement.guideline (3-5 eligibility
matrices of 5 credit-score bands x 4 loan-amount bands, 15-25 rules, a reserves table), one is a variant
extending the full program before it (an override, a dropped rule, rules of its own) and one a lender's overlay
on it. The programs check clean (`glc check OUTDIR`: no errors, no warnings).
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("<= $1,000,000", "$1,000,001..$1,500,000", "$1,500,001..$2,000,000", "$2,000,001..$3,000,000")
STATES = ("ND", "SD", "NV", "NY", "IL", "AK", "HI", "WV", "MS", "NM")
INVESTORS = ("Keystone", "Harbor", "Summit", "Granite", "Meridian", "Cobalt", "Evergreen", "Pioneer", "Atlas", "Beacon")
FAMILIES = (("Bank Statement", "bank_stmt"), ("Full Doc Plus", "full_doc"), ("Asset Qualifier", "asset"), ("P&L Only", "pnl"))
# occupancy/purpose splits that cover every loan between them: 3, 4 or 5 matrices
SPLITS = {
    3: (("primary", "Primary residence", "occupancy is primary"),
        ("second_home", "Second home", "occupancy is second_home"),
        ("investment", "Investment property", "occupancy is investment")),
    4: (("primary_purchase", "Primary residence, purchase", "occupancy is primary and purpose is purchase"),
        ("primary_refinance", "Primary residence, refinance", "occupancy is primary and purpose in (rate_term, cash_out)"),
        ("second_home", "Second home", "occupancy is second_home"),
        ("investment", "Investment property", "occupancy is investment")),
    5: (("primary_purchase", "Primary residence, purchase", "occupancy is primary and purpose is purchase"),
        ("primary_rate_term", "Primary residence, rate/term refinance", "occupancy is primary and purpose is rate_term"),
        ("primary_cash_out", "Primary residence, cash-out refinance", "occupancy is primary and purpose is cash_out"),
        ("second_home", "Second home", "occupancy is second_home"),
        ("investment", "Investment property", "occupancy is investment")),
}


def fico_rows(low: int) -> list[str]:
    """Five credit-score bands from `low` up, 20 points wide, the top one open."""
    edges = [low + 20 * i for i in range(5)]
    return [f"{edges[4]}+", *[f"{lo}..{lo + 19}" for lo in reversed(edges[:4])]]


def matrix(rng: random.Random, ident: str, title: str, when: str, cite: str, low: int) -> str:
    top = rng.choice((80, 85, 90))
    row_step = rng.choice((0, 5, 5))
    col_step = rng.choice((5, 5, 10))
    lines = [f'matrix {ident} "{title}"', f'  cite "{cite}"', f"  when {when}", "  gives max_ltv, max_cltv",
             "  rows fico", "  columns loan_amount", "  | FICO     | " + " | ".join(COLUMNS) + " |"]
    for r, label in enumerate(fico_rows(low)):
        cells = []
        for c in range(len(COLUMNS)):
            v = top - r * row_step - c * col_step
            cells.append("N/A" if (v < 55 and (r, c) != (0, 0)) else f"{max(v, 55)}%")
        lines.append(f"  | {label:<8} | " + " | ".join(f"{x:<{len(h)}}" for x, h in zip(cells, COLUMNS, strict=True)) + " |")
    return "\n".join(lines) + "\n"


def rule_pool(rng: random.Random, low: int, top_amount: str) -> list[str]:
    """Rules in the style of the seed programs, their numbers drawn from `rng`."""
    p = rng.randint
    states = ", ".join(sorted(rng.sample(STATES, p(2, 4))))
    return [
        f'rule non_warrantable_condo "Non-warrantable condo"\n  cite "§3.1, p. {p(5, 9)}"\n  when property_type is condo_non_warrantable\n'
        f"  reduce max_ltv, max_cltv by 5%\n  cap max_ltv, max_cltv at {rng.choice((75, 80))}%\n",
        f'rule interest_only "Interest-only"\n  cite "§3.2, p. 7"\n  when interest_only\n  require fico >= {low + 20}\n'
        "  reduce max_ltv, max_cltv by 5%\n",
        'rule declining_market "Declining market"\n  cite "§3.3, p. 7"\n  when declining_market\n  reduce max_ltv, max_cltv by 5%\n',
        f'rule rural "Rural property"\n  cite "§3.4, p. 7"\n  when rural\n  cap max_ltv, max_cltv at {rng.choice((70, 75))}%\n',
        f'rule min_fico "Minimum credit score"\n  cite "§4.1, p. 8"\n  require fico >= {low}\n',
        f'rule max_dti "Maximum DTI"\n  cite "§4.2, p. 8"\n  require dti <= {rng.choice((43, 45, 50))}%\n'
        f"  allow dti <= 55% when fico >= {low + 60} and ltv <= 80% and reserves_months >= 12 months and not fthb\n",
        'rule credit_event_seasoning "Credit event seasoning"\n  cite "§4.3, p. 9"\n  require seasoning of credit_events\n'
        "  | event        | minimum   |\n"
        f"  | fc           | {rng.choice((36, 48))} months |\n"
        f"  | ss, dil, mod | {rng.choice((24, 36))} months |\n"
        "  | nod, dq120   | 12 months |\n"
        f"  | bk7, bk11    | {rng.choice((24, 36))} months |\n"
        "  | bk13         | 12 months |\n",
        'rule housing_history "Housing history, 12 months"\n  cite "§5.1, p. 10"\n  when not rent_free\n'
        f"  require housing_history_months >= 12 months\n  require housing_lates at most {rng.choice((0, 1))}x30x12\n"
        "  require housing_verification in (vom, vor, bank_records)\n",
        'rule forbearance "Forbearance"\n  cite "§5.2, p. 10"\n  require not in_forbearance\n',
        'rule after_forbearance "After forbearance"\n  cite "§5.2, p. 10"\n  when forbearance_end is known\n'
        f"  require payments_since_forbearance >= {p(2, 6)}\n",
        'rule rent_free "Rent-free borrowers"\n  cite "§5.3, p. 11"\n  when rent_free\n  condition document "Rent-free letter"\n'
        f"  require borrower_contribution_pct >= {rng.choice((5, 10))}%\n  cap max_ltv, max_cltv at 80%\n",
        f'rule fthb_payment_shock "First-time home buyer payment shock"\n  cite "§5.4, p. 11"\n  when fthb\n'
        f"  require payment_shock <= {rng.choice((200, 250, 300))}%\n",
        'rule business_ownership "Business ownership"\n  cite "§6.2, p. 12"\n'
        "  when doc_type in (bank_stmt_business_12, bank_stmt_business_24)\n"
        f"  require ownership_pct >= {rng.choice((25, 50))}%\n  condition document \"CPA letter or business license\"\n",
        'value required_reserves "Required reserves" by loan_amount\n  cite "§6.3, p. 13"\n'
        "  | loan amount            | reserves  |\n"
        f"  | <= $1,000,000          | {rng.choice((3, 4))} months  |\n"
        f"  | $1,000,001..$2,000,000 | {rng.choice((6, 9))} months  |\n"
        "  | $2,000,001+            | 12 months |\n\n"
        'rule reserves "Reserves"\n  cite "§6.3, p. 13"\n  require reserves_months >= required_reserves\n',
        f'rule loan_amount_range "Loan amount"\n  cite "§7.1, p. 14"\n  require loan_amount >= ${rng.choice(("100,000", "150,000"))} '
        f"and loan_amount <= {top_amount}\n",
        'rule property_types "Property types"\n  cite "§7.2, p. 14"\n'
        "  require property_type in (sfr, pud, townhome, condo_warrantable, condo_non_warrantable, two_to_four_unit)\n",
        f'rule excluded_states "State restrictions"\n  cite "§7.3, p. 14"\n  require state not in ({states})\n',
        f'rule second_appraisal "Second appraisal"\n  cite "§7.4, p. 15"\n  when loan_amount > ${rng.choice(("1,500,000", "2,000,000"))}\n'
        '  condition document "Second full appraisal"\n',
        f'rule large_loan_fico "Large loans: credit score"\n  cite "§7.5, p. 15"\n  when loan_amount > $2,000,000\n'
        f"  require fico >= {low + 40}\n",
        f'rule cash_out_fico "Cash-out: credit score"\n  cite "§7.6, p. 15"\n  when purpose is cash_out and loan_amount > $1,500,000\n'
        f"  require fico >= {low + 20}\n",
        f'rule investment_reserves "Investment property: reserves"\n  cite "§7.7, p. 16"\n  when occupancy is investment\n'
        f"  require reserves_months >= {rng.choice((6, 9, 12))} months\n",
        'rule short_term_rental "Short-term rental"\n  cite "§7.8, p. 16"\n  when short_term_rental\n'
        f"  cap max_ltv, max_cltv at {rng.choice((70, 75))}%\n",
        f'rule first_time_investor "First-time investor"\n  cite "§7.9, p. 16"\n  when first_time_investor and occupancy is investment\n'
        f"  require fico >= {low + 40}\n  cap max_ltv, max_cltv at 75%\n",
        'rule two_to_four_units "Two- to four-unit properties"\n  cite "§7.10, p. 17"\n  when property_type is two_to_four_unit\n'
        "  reduce max_ltv, max_cltv by 5%\n",
        f'rule foreign_national "Foreign nationals"\n  cite "§7.11, p. 17"\n  when citizenship is foreign_national\n'
        f"  cap max_ltv, max_cltv at {rng.choice((65, 70))}%\n",
    ]


def full_program(i: int, rng: random.Random) -> str:
    investor = INVESTORS[i % len(INVESTORS)]
    family, _doc = FAMILIES[(i // len(INVESTORS)) % len(FAMILIES)]
    low = rng.choice((620, 640, 660))
    n_matrices = rng.choice((3, 4, 5))
    head = (f"# Generated benchmark program {i} (benchmarks/gen_programs.py).\n\n"
            f"program gen_{i}\n  title: \"{investor} {family} {i}\"\n  investor: \"{investor} Non-QM Capital\"\n"
            f"  family: \"{family}\"\n  version: \"2026.1\"\n  effective: 2026-01-01\n"
            f"  source: \"{investor} Non-QM Capital, {family} Guide {i} v2026.1\"\n  adjustments: lowest wins\n\n"
            "section \"2 Eligibility matrices\"\n\n")
    mats = [matrix(rng, ident, title, when, f"§2.{k + 1} Matrix {chr(65 + k)}, p. {4 + k}", low)
            for k, (ident, title, when) in enumerate(SPLITS[n_matrices])]
    pool = rule_pool(rng, low, "$3,000,000")
    keep_always = pool[4:6]  # minimum credit score, maximum DTI
    others = pool[:4] + pool[6:]
    chosen = set(rng.sample(range(len(others)), rng.randint(13, min(23, len(others)))))
    rules = keep_always + [r for k, r in enumerate(others) if k in chosen]
    return head + "\n".join(mats) + "\nsection \"3 Rules\"\n\n" + "\n".join(rules)


def variant(i: int, base: int, rng: random.Random) -> str:
    return (f"# Generated benchmark variant {i} of gen_{base}.\n\n"
            f"program gen_{i}\n  title: \"Variant {i} of program {base}\"\n  extends: gen_{base}\n"
            "  version: \"2026.1\"\n  effective: 2026-01-01\n\n"
            "section \"Variant rules\"\n\n"
            f"override rule max_dti \"Maximum DTI\"\n  cite \"Variant guide {i}, §1\"\n  require dti <= {rng.choice((40, 43))}%\n\n"
            f"rule variant_reserves \"Variant reserves\"\n  cite \"Variant guide {i}, §2\"\n"
            f"  require reserves_months >= {rng.choice((6, 12))} months\n\n"
            f"rule variant_condo \"Variant condo cap\"\n  cite \"Variant guide {i}, §3\"\n  when property_type is condo_warrantable\n"
            "  cap max_ltv, max_cltv at 75%\n")


def overlay(i: int, base: int, rng: random.Random) -> str:
    return (f"# Generated benchmark overlay {i} on gen_{base}.\n\n"
            f"program gen_{i}\n  title: \"Lender {i} overlay on program {base}\"\n  overlays: gen_{base}\n"
            f"  lender: \"Lender {i} Home Loans\"\n  version: \"2026.1\"\n  effective: 2026-02-01\n\n"
            "section \"Overlays\"\n\n"
            f"rule overlay_fico \"Overlay: large loans\"\n  cite \"Overlay bulletin {i}, item 1\"\n"
            f"  when loan_amount > $1,500,000\n  require fico >= {rng.choice((700, 720))}\n\n"
            f"override rule max_dti \"Maximum DTI\"\n  cite \"Overlay bulletin {i}, item 2\"\n  require dti <= 40%\n\n"
            f"rule overlay_states \"Overlay state restrictions\"\n  cite \"Overlay bulletin {i}, item 3\"\n"
            f"  require state not in ({', '.join(sorted(rng.sample(STATES, 2)))})\n")


def program_text(i: int) -> str:
    """Program i of any run (the same text whatever N is)."""
    rng = random.Random(f"glc-bench-{i}")
    kind = i % 10
    if kind == 8 and i >= 1:
        return variant(i, i - 1, rng)
    if kind == 9:
        return overlay(i, i - 2, rng)
    return full_program(i, rng)


def generate(n: int, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "programs" / "loan.fields", out / "loan.fields")
    paths = []
    for i in range(n):
        path = out / f"gen_{i:04d}.guideline"
        path.write_text(program_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def one_program(n_rules: int) -> str:
    """One full program (matrices as program 0's) with `n_rules` rules: the rule pool over and over, each copy with
    its own numbers and ids (`min_fico_17`), the reserves table left out (one value per program)."""
    rng = random.Random("glc-bench-rules")
    head = full_program(0, rng).split('section "3 Rules"')[0].replace("program gen_0", "program gen_rules")
    rules: list[str] = []
    k = 0
    while len(rules) < n_rules:
        pool = [r for r in rule_pool(random.Random(f"glc-bench-rules-{k}"), 640, "$3,000,000") if r.startswith("rule ")]
        for r in pool[: n_rules - len(rules)]:
            ident = r.split()[1]
            rules.append(r.replace(f"rule {ident} ", f"rule {ident}_{k} ", 1))
        k += 1
    return head + 'section "3 Rules"\n\n' + "\n".join(rules)


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--rules" and argv[1].isdigit():
        out = Path(argv[2])
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "programs" / "loan.fields", out / "loan.fields")
        (out / "gen_rules.guideline").write_text(one_program(int(argv[1])), encoding="utf-8")
        return 0
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < 1:
        sys.stderr.write("usage: gen_programs.py N OUTDIR   (N >= 1 programs)\n")
        return 2
    generate(int(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
