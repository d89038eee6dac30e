"""`abstract: yes` programs (shared rules) are left out of `glc screen --all` and of sample tapes; naming one with
`--program` still screens under it."""

from __future__ import annotations

import csv
from pathlib import Path

from compiler.cli.screen import screened_programs
from compiler.driver import check_paths
from compiler.screen.sample import write_sample

ROOT = Path(__file__).resolve().parents[2]


def test_screen_all_and_sample_tapes_leave_out_shared_rules(tmp_path: Path) -> None:
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    products = [p.id for p in bundle.programs if p.id != "shining_star_base"]
    assert screened_programs(bundle, [], True) == products
    assert screened_programs(bundle, ["shining_star_base", "harbor_dscr", "shining_star_base"], False) == [
        "shining_star_base", "harbor_dscr"]
    assert screened_programs(bundle, [], False) is None  # each row's own program
    tape = tmp_path / "tape.csv"
    write_sample(bundle, tape, 300, seed=7, broken=0.0)
    with tape.open(encoding="utf-8") as f:
        sampled = {r["program"] for r in csv.DictReader(f)}
    assert sampled == set(products)
