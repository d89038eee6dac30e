"""No module of the compiler over 600 lines: a module that grows past it is split by meaning (issue 15)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 600


def test_no_module_over_the_limit() -> None:
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in sorted((ROOT / "compiler").rglob("*.py"))}
    assert sizes, "no modules found under compiler/"
    over = {path: n for path, n in sizes.items() if n > LIMIT}
    assert not over, f"modules over {LIMIT} lines (split them by meaning): {over}"
