"""glc's wheel works where it is installed, and so does the wheel of checkers `glc package` writes.

Built once per session (`installed_glc`): glc's wheel from a copy of the files the build reads (so nothing
left over in the repository, such as an old `build/` folder, can end up in it), a clean venv in a temporary
folder with the locked core dependencies (`requirements/core.lock`, with hashes) and then the wheel with
`--no-deps`. Every command then runs from a folder outside the repository, with that venv's `glc`. pip's cache
makes the set-up take about a minute here (run `pytest -m wheel` for these tests alone).

AT MERGE (project discovery, issue 14 item 4, on main): set PROJECT_DISCOVERY = True. The tests then start a
project with `glc init proj` and run every command with cwd=proj; until then the project folder is a copy of
what a project holds here (programs/, generated/, docs/, mkdocs.yml). Likewise GLC_VERSION_OPTION for
`glc --version` (issue 14 item 9).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.wheel

PROJECT_DISCOVERY = True  # AT MERGE: True once `glc init` and the walk up to glc.toml are in this branch
GLC_VERSION_OPTION = True  # AT MERGE: True once `glc --version` is in this branch

BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "compiler", "grammar")
PYDANTIC_ONLY = ("pydantic", "pydantic-core", "annotated-types", "typing-extensions", "typing-inspection")


@dataclass(frozen=True)
class Installed:
    venv: Path
    wheel: Path
    seconds: float

    @property
    def bin(self) -> Path:
        return self.venv / "bin"


def clean_env() -> dict[str, str]:
    """The environment less anything that would make a subprocess see the repository's venv or sources."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(args: list[str | Path], cwd: Path, ok: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=clean_env(), input=stdin, timeout=600)
    if ok:
        assert out.returncode == 0, f"{' '.join(map(str, args))} (in {cwd}) exited {out.returncode}:\n{out.stdout}\n{out.stderr}"
    return out


def pip(venv: Path, *args: str | Path) -> list[str | Path]:
    """This interpreter's pip acting on `venv` (made `--without-pip`: ensurepip costs 10-15 s per venv here)."""
    return [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", *args]


def new_venv(venv: Path) -> Path:
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    return venv


def lock_subset(lock: Path, names: tuple[str, ...], dest: Path) -> Path:
    """The entries of a hashed lock for these packages only (each with its hashes), as a requirements file."""
    keep, out = False, []
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            keep = line.split("==")[0].strip().lower().replace("_", "-") in names
        if keep and not line.lstrip().startswith("#"):
            out.append(line)
    assert sum(1 for line in out if "==" in line) == len(names), out
    dest.write_text("\n".join(out) + "\n", encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def installed_glc(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """glc's wheel, built from the source and installed in a clean venv with the locked core dependencies."""
    start = time.perf_counter()
    base = tmp_path_factory.mktemp("glc-wheel")
    src = base / "src"
    for rel in BUILD_INPUTS:
        if (ROOT / rel).is_dir():
            shutil.copytree(ROOT / rel, src / rel, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"), symlinks=False)
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist", src], cwd=base)
    (wheel,) = (base / "dist").glob("guideline_compiler-*.whl")
    venv = new_venv(base / "venv")
    run(pip(venv, "install", "-q", "--no-compile", "--require-hashes", "-r", ROOT / "requirements" / "core.lock"), cwd=base)
    run(pip(venv, "install", "-q", "--no-compile", "--no-deps", wheel), cwd=base)
    return Installed(venv, wheel, time.perf_counter() - start)


@pytest.fixture(scope="session")
def project(installed_glc: Installed, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """A project folder outside the repository: (folder, a program id in it, a loan file in it)."""
    base = tmp_path_factory.mktemp("outside")
    if PROJECT_DISCOVERY:  # AT MERGE: the starter project of `glc init`
        run([installed_glc.bin / "glc", "init", "proj"], cwd=base)
        return base / "proj", "example_bank_statement", base / "proj" / "examples" / "loan.json"
    folder = base / "proj"
    for rel in ("programs", "generated", "docs"):
        shutil.copytree(ROOT / rel, folder / rel, ignore=shutil.ignore_patterns("__pycache__", ".glc-cache"))
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "examples").mkdir()
    shutil.copy2(ROOT / "examples" / "near_miss_loan.json", folder / "examples" / "loan.json")
    return folder, "keystone_bank_statement", folder / "examples" / "loan.json"


def test_wheel_holds_every_package_and_data_file(installed_glc: Installed) -> None:
    with zipfile.ZipFile(installed_glc.wheel) as zf:
        names = set(zf.namelist())
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "compiler").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert not sorted(sources - names), "files of compiler/ missing from the wheel"
    assert "compiler/grammar/guideline.lark" in names
    grammar = zipfile.ZipFile(installed_glc.wheel).read("compiler/grammar/guideline.lark")
    assert grammar == (ROOT / "grammar" / "guideline.lark").read_bytes()


def test_glc_from_the_wheel_runs_from_outside_the_repository(installed_glc: Installed, project: tuple[Path, str, Path]) -> None:
    folder, program, loan = project
    glc = installed_glc.bin / "glc"
    assert not folder.resolve().is_relative_to(ROOT)
    # the compiler imported is the installed one, not the repository's
    where = run([installed_glc.bin / "python", "-c", "import compiler, compiler.grammar; print(compiler.__file__)"], cwd=folder)
    assert Path(where.stdout.strip()).is_relative_to(installed_glc.venv)
    # the build cache's key of the compiler: the same files and bytes from the wheel as from the source tree
    from compiler.build.cache import compiler_hash

    key = run([installed_glc.bin / "python", "-c", "from compiler.build.cache import compiler_hash; print(compiler_hash())"], cwd=folder)
    assert key.stdout.strip() == compiler_hash()

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    if GLC_VERSION_OPTION:  # AT MERGE
        assert version in run([glc, "--version"], cwd=folder).stdout
    else:
        got = run([installed_glc.bin / "python", "-c", "from importlib.metadata import version; print(version('guideline-compiler'))"], cwd=folder)
        assert got.stdout.strip() == version
        assert "build" in run([glc, "--help"], cwd=folder).stdout

    checked = run([glc, "check"], cwd=folder)
    assert "0 errors" in checked.stdout, checked.stdout

    if PROJECT_DISCOVERY:  # AT MERGE: a new project has nothing generated until its first build
        run([glc, "build"], cwd=folder)
    else:  # rebuilt from nothing by the wheel's templates, grammar and runtime: byte for byte the committed output
        shutil.rmtree(folder / "generated")
        shutil.rmtree(folder / "docs" / "programs")
        (folder / "mkdocs.yml").unlink()
        run([glc, "build", "--no-cache"], cwd=folder)
        for rel in ("generated", "docs/programs"):
            for p in sorted((ROOT / rel).rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    assert (folder / p.relative_to(ROOT)).read_bytes() == p.read_bytes(), f"{p.relative_to(ROOT)} differs"
        assert (folder / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    assert "up to date" in run([glc, "build", "--check"], cwd=folder).stdout

    evaluated = run([glc, "eval", program, loan.relative_to(folder), "--format", "json"], cwd=folder, ok=False)
    assert evaluated.returncode in (0, 1), evaluated.stderr
    decision = json.loads(evaluated.stdout)
    assert decision["status"] in ("eligible", "ineligible", "needs_info")
    if not PROJECT_DISCOVERY:  # the same answer as the repository's own glc
        mine = subprocess.run([sys.executable, "-m", "compiler.cli", "eval", program, str(loan), "--format", "json"],
                              cwd=ROOT, capture_output=True, text=True)
        assert json.loads(mine.stdout) == decision

    assert "--port" in run([glc, "serve", "--help"], cwd=folder).stdout
    desk = run([installed_glc.bin / "python", "-c", "from compiler.service.desk import _templates, static_file; "
                "print(len(_templates().get_template('desk.html.j2').render.__name__) > 0, len(static_file('desk.css')) > 0)"],
               cwd=folder)
    assert desk.stdout.split() == ["True", "True"], desk.stdout  # the desk's templates and styles are package data

    run([glc, "sample-tape", "tape.csv", "--rows", "300", "--seed", "7"], cwd=folder)
    mine_tape = subprocess.run([sys.executable, "-m", "compiler.cli", "--project", str(folder), "sample-tape", str(folder / "mine.csv"),
                                    "--rows", "300", "--seed", "7"],
                               cwd=ROOT, capture_output=True, text=True)
    assert mine_tape.returncode == 0, mine_tape.stderr
    assert (folder / "tape.csv").read_bytes() == (folder / "mine.csv").read_bytes()

    run([glc, "screen", "tape.csv", "--program", program, "--out", "out"], cwd=folder)
    with (folder / "out" / "results.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 300 and {r["program"] for r in rows} == {program}
    assert {r["status"] for r in rows} <= {"eligible", "ineligible", "needs_info", "invalid"}
    assert (folder / "out" / "report.html").stat().st_size > 10_000  # the report, charts and all
    summary = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows"] == 300


def _record_ok(zf: zipfile.ZipFile) -> list[str]:
    """Entries whose RECORD line is missing or whose sha256 or size is wrong."""
    (record_name,) = [n for n in zf.namelist() if n.endswith(".dist-info/RECORD")]
    record = {}
    for line in zf.read(record_name).decode().splitlines():
        path, digest, size = line.rsplit(",", 2)
        record[path] = (digest, size)
    bad = []
    for name in zf.namelist():
        if name == record_name:
            continue
        data = zf.read(name)
        want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if record.get(name) != (want, str(len(data))):
            bad.append(name)
    return bad


def test_glc_package_wheel_installs_with_only_pydantic_and_decides_like_the_repository(
        installed_glc: Installed, project: tuple[Path, str, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    folder, program, loan = project
    if PROJECT_DISCOVERY:  # AT MERGE: the project's generated package (built by the test above, or here)
        run([installed_glc.bin / "glc", "build"], cwd=folder)
    made = run([installed_glc.bin / "glc", "package", "--name", "acme_checkers", "--version", "2026.03", "--out", "dist",
                "--generated", "generated"], cwd=folder)
    wheel = folder / "dist" / "acme_checkers-2026.3-py3-none-any.whl"
    assert str(wheel.name) in made.stdout
    with zipfile.ZipFile(wheel) as zf:
        assert not _record_ok(zf)
        metadata = zf.read("acme_checkers-2026.3.dist-info/METADATA").decode()
    assert "Requires-Dist: pydantic>=2.7,<3" in metadata.splitlines()

    base = tmp_path_factory.mktemp("checkers")
    venv = new_venv(base / "venv")
    subset = lock_subset(ROOT / "requirements" / "core.lock", PYDANTIC_ONLY, base / "pydantic.txt")
    run(pip(venv, "install", "-q", "--no-compile", "--require-hashes", "-r", subset), cwd=base)
    run(pip(venv, "install", "-q", "--no-index", wheel), cwd=base)  # its Requires-Dist is met: nothing fetched
    run(pip(venv, "check"), cwd=base)
    listed = {d["name"].lower().replace("_", "-") for d in json.loads(run(pip(venv, "list", "--format", "json"), cwd=base).stdout)}
    assert listed - {"pip", "setuptools", "wheel"} == {*PYDANTIC_ONLY, "acme-checkers"}

    script = (
        "import json, sys, acme_checkers\n"
        "loan = acme_checkers.Loan.model_validate_json(sys.stdin.read())\n"
        f"decision = acme_checkers.check({program!r}, loan)\n"
        "print(decision.status)\n"
        "print(decision.to_json())\n"
        "print(acme_checkers.__file__)\n"
    )
    out = run([venv / "bin" / "python", "-c", script], cwd=base, stdin=loan.read_text(encoding="utf-8")).stdout.splitlines()
    status, decision_json, where = out[0], "\n".join(out[1:-1]), out[-1]
    assert Path(where).is_relative_to(venv)
    assert status in ("eligible", "ineligible", "needs_info")

    if not PROJECT_DISCOVERY:  # the in-repo generated checker gives the same decision, to the byte
        from generated import Loan, check

        expected = check(program, Loan.model_validate_json(loan.read_text(encoding="utf-8")))
        assert status == expected.status
        assert decision_json == expected.to_json()
