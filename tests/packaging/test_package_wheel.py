"""`glc package` / `compiler.build.wheel`: a valid wheel of the generated checkers, plain errors, atomic writes.

(Installing the wheel in a clean venv and checking a loan with it: tests/packaging/test_wheel.py.)
"""

from __future__ import annotations

import base64
import email.parser
import hashlib
import importlib
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compiler.build.wheel import PackageError, build_checker_wheel, wheel_filename
from compiler.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"


def record_problems(zf: zipfile.ZipFile) -> list[str]:
    (record_name,) = [n for n in zf.namelist() if n.endswith(".dist-info/RECORD")]
    rows = {}
    for line in zf.read(record_name).decode().splitlines():
        path, digest, size = line.rsplit(",", 2)
        rows[path] = (digest, size)
    problems = [] if rows.pop(record_name) == ("", "") else [f"{record_name} lists itself with a hash"]
    for name in zf.namelist():
        if name == record_name:
            continue
        data = zf.read(name)
        want = ("sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode(), str(len(data)))
        if rows.pop(name, None) != want:
            problems.append(name)
    return problems + [f"{p} in RECORD but not in the wheel" for p in rows]


def test_wheel_is_valid_and_holds_the_generated_package_renamed(tmp_path: Path) -> None:
    wheel = build_checker_wheel(GENERATED, "Acme_Checkers", "2026.01.0", tmp_path)
    assert wheel.name == "acme_checkers-2026.1.0-py3-none-any.whl" == wheel_filename("Acme_Checkers", "2026.01.0")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
        assert not record_problems(zf)
        dist_info = "acme_checkers-2026.1.0.dist-info"
        assert names[-1] == f"{dist_info}/RECORD"
        metadata = email.parser.Parser().parsestr(zf.read(f"{dist_info}/METADATA").decode())
        wheel_meta = email.parser.Parser().parsestr(zf.read(f"{dist_info}/WHEEL").decode())
        modules = {n.split("/", 1)[1]: zf.read(n) for n in names if n.startswith("Acme_Checkers/")}
    assert metadata["Metadata-Version"] == "2.1" and metadata["Name"] == "Acme_Checkers" and metadata["Version"] == "2026.1.0"
    assert metadata.get_all("Requires-Dist") == ["pydantic>=2.7,<3"] and metadata["Requires-Python"] == ">=3.11"
    assert wheel_meta["Wheel-Version"] == "1.0" and wheel_meta["Root-Is-Purelib"] == "true" and wheel_meta["Tag"] == "py3-none-any"
    expected = {p.relative_to(GENERATED).as_posix() for p in GENERATED.rglob("*.py") if "__pycache__" not in p.parts}
    expected |= {"py.typed", "schema/loan.schema.json", "schema/decision.schema.json"}
    assert "_runtime/__init__.py" in expected
    assert set(modules) == expected
    for name in expected - {"__init__.py", "py.typed"}:
        assert modules[name] == (GENERATED / name).read_bytes()
    assert b"from Acme_Checkers import Loan" in modules["__init__.py"] and b"from generated import" not in modules["__init__.py"]


def test_the_wheel_imports_under_its_new_name_and_decides_as_generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generated import Loan, check

    wheel = build_checker_wheel(GENERATED, "renamed_checkers", "1.0", tmp_path)
    monkeypatch.syspath_prepend(str(wheel))  # a pure wheel is importable as a zip
    renamed = importlib.import_module("renamed_checkers")
    try:
        assert Path(renamed.__file__).is_relative_to(wheel)
        loan = (ROOT / "examples" / "near_miss_loan.json").read_text(encoding="utf-8")
        got = renamed.check("keystone_bank_statement", renamed.Loan.model_validate_json(loan))
        want = check("keystone_bank_statement", Loan.model_validate_json(loan))
        assert got.status == want.status == "ineligible"
        assert got.to_json() == want.to_json()
    finally:
        for mod in [m for m in sys.modules if m == "renamed_checkers" or m.startswith("renamed_checkers.")]:
            del sys.modules[mod]


def test_same_inputs_same_bytes_and_an_old_wheel_is_replaced_atomically(tmp_path: Path) -> None:
    first = build_checker_wheel(GENERATED, "acme", "1.0", tmp_path / "a").read_bytes()
    target = tmp_path / "b" / "acme-1.0-py3-none-any.whl"
    target.parent.mkdir()
    target.write_bytes(b"an older, broken wheel")
    assert build_checker_wheel(GENERATED, "acme", "1.0", target.parent).read_bytes() == first
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temporary file left behind


@pytest.mark.parametrize("name", ["9lives", "acme-checkers", "class", "_private", "acmé", "a b", ""])
def test_names_that_cannot_be_imported_or_distributed(name: str, tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="--name must be a Python identifier"):
        build_checker_wheel(GENERATED, name, "1.0", tmp_path)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("version", ["1.0 beta", "v", "1..2", "latest", ""])
def test_versions_that_are_not_pep_440(version: str, tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="PEP 440"):
        build_checker_wheel(GENERATED, "acme", version, tmp_path)


def test_a_folder_that_is_not_a_generated_package(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="run `glc build` first"):
        build_checker_wheel(ROOT / "programs", "acme", "1.0", tmp_path / "out")
    copy = tmp_path / "generated"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "extra.py").write_text("from generated.loan import Loan\n", encoding="utf-8")
    with pytest.raises(PackageError, match="imports `generated` by name"):
        build_checker_wheel(copy, "acme", "1.0", tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--name", "acme-checkers"], "--name must be a Python identifier"),
    (["--name", "acme", "--version", "one"], "PEP 440"),
    (["--name", "acme", "--generated", "no-such-folder"], "no-such-folder is not a folder"),
    (["--name", "acme", "--out", "a-file"], "cannot write the wheel into a-file"),
])
def test_cli_usage_errors_exit_2_with_one_plain_line(args: list[str], message: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(app, ["package", "--generated", str(GENERATED), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output and "bug in glc" not in result.output


def test_cli_writes_the_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["package", "--name", "acme", "--version", "2.0", "--generated", str(GENERATED)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dist" / "acme-2.0-py3-none-any.whl").is_file() and "import acme" in result.output
