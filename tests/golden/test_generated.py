"""The generated package: fresh, byte-stable, standalone, typed and safe with hostile text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=cwd, capture_output=True, text=True)


def files(folder: Path) -> dict[str, bytes]:
    """Every Python file under `folder` (the runtime is a subpackage), by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.py"))
            if "__pycache__" not in p.parts}


def test_generated_is_fresh() -> None:
    out = run("build", "--check")
    assert out.returncode == 0, out.stdout + out.stderr


def test_build_twice_is_byte_identical(tmp_path: Path) -> None:
    for sub in ("programs", "grammar"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    assert run("build", cwd=tmp_path).returncode == 0
    first = files(tmp_path / "generated")
    assert run("build", cwd=tmp_path).returncode == 0
    second = files(tmp_path / "generated")
    assert first == second
    assert first == files(ROOT / "generated")
    assert "_runtime/__init__.py" in first
    for text in first.values():
        assert str(tmp_path).encode() not in text and str(ROOT).encode() not in text


def test_failed_build_writes_nothing(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "programs", tmp_path / "programs")
    assert run("build", cwd=tmp_path).returncode == 0
    before = files(tmp_path / "generated")
    bad = tmp_path / "programs" / "keystone_bank_statement.guideline"
    bad.write_text(bad.read_text().replace("require fico >= 660", "require ficco >= 660"))
    out = run("build", cwd=tmp_path)
    assert out.returncode == 1 and "E208" in out.stdout
    assert before == files(tmp_path / "generated")


def test_generated_imports_nothing_of_the_toolchain() -> None:
    code = (
        "import sys, generated\n"
        "from generated.loan import Loan\n"
        "generated.check_all(Loan())\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('lark', 'jinja2', 'compiler', 'typer', 'rich'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_ruff_and_mypy_strict_on_generated() -> None:
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "generated"], cwd=ROOT, capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "generated"], cwd=ROOT, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout


def test_decision_json_has_exact_decimals() -> None:
    code = (
        "import generated\nfrom generated.loan import Loan\n"
        "d = generated.check_all(Loan(fico=700, loan_amount=800000, appraised_value=1000000, purchase_price=1000000,"
        " purpose='purchase', occupancy='primary'))[0]\nprint(d.to_json())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    data = json.loads(out.stdout)
    ltv = next(v for v in data["values"] if v["name"] == "ltv")
    assert ltv["value"] == "80.00"


def test_no_generated_line_is_over_120_characters() -> None:
    long = [f"{p.relative_to(ROOT)}:{n}: {len(line)}" for p in sorted((ROOT / "generated").rglob("*.py"))
            if "__pycache__" not in p.parts
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 120]
    assert not long, long[:10]


def test_each_program_keeps_its_metadata_in_a_sibling_module() -> None:
    import generated

    for program, versions in generated.VERSIONS.items():
        for _effective, _version, check in versions:
            module = sys.modules[check.__module__]
            meta = sys.modules[check.__module__ + "_meta"]
            assert module.META is meta.META and meta.META.info.id == program  # type: ignore[attr-defined]
            assert "META =" not in Path(module.__file__ or "").read_text(encoding="utf-8")
