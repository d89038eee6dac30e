"""The exit-code contract (README, "Exit codes"), command by command, and bad surroundings.

    0 success, 1 the input was read and the answer is no, 2 usage (including missing or unreadable inputs,
    outputs that cannot be written, no project), 3 a bug in glc, 130 Ctrl-C.

Every case runs the real console script in a subprocess. The environment faults are real: a 1 MB filesystem
that fills up, a read-only filesystem, `generated/` on a filesystem of its own (tmpfs mounts; they need root,
which CI has). No case may print "bug in glc" or a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOAN = {"application_date": "2026-03-14", "loan_amount": 800000, "purpose": "purchase", "purchase_price": 1000000,
        "appraised_value": 1000000, "occupancy": "primary", "property_type": "sfr", "fico": 705}


def glc(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=cwd, capture_output=True, text=True,
                         input=stdin, timeout=600)
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    assert "bug in glc" not in out.stderr, out.stderr
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this repository's project (glc.toml, programs/, generated/, docs/, mkdocs.yml), and files to use."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "glc.toml", root)
    shutil.copy(ROOT / "mkdocs.yml", root)
    for folder in ("programs", "generated", "docs"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "loan.json").write_text(json.dumps(LOAN))
    (root / "bad.guideline").write_text("program x\n  title: \"X\"\n\nrule r \"R\"\n  require ficco >= 1\n")
    return root


@pytest.fixture(scope="module")
def tape(project: Path) -> Path:
    out = glc("sample-tape", "tape.csv", "--rows", "200", cwd=project)
    assert out.returncode == 0, out.stderr
    return project / "tape.csv"


OLD = "programs/history/keystone_bank_statement@2025.2.guideline"
NEW = "programs/keystone_bank_statement.guideline"
XLSX = ROOT / "tests" / "cases" / "xlsx"

# (command line, expected exit code); run in the project copy. Every command has its 0 and its 2s here.
CASES: list[tuple[list[str], int]] = [
    (["check"], 0),
    (["check", "bad.guideline", "--vocabulary", "programs/loan.fields"], 1),
    (["check", "missing.guideline"], 2),
    (["check", "--format", "yaml"], 2),
    (["build", "--check"], 0),
    (["build", "missing"], 2),
    (["test"], 0),
    (["test", "missing.yaml"], 2),
    (["eval", "keystone_bank_statement", "loan.json"], 0),
    (["eval", "keystone_bank_statement", "missing.json"], 2),
    (["eval", "keystone_bank_statement", "programs"], 2),
    (["eval", "no_such_program", "loan.json"], 2),
    (["explain", "keystone_bank_statement", "loan.json"], 0),
    (["explain", "keystone_bank_statement", "missing.json"], 2),
    (["diff", OLD, NEW], 0),
    (["diff", OLD, NEW, "--exit-code"], 1),
    (["diff", NEW, NEW, "--exit-code"], 0),
    (["diff", "missing.guideline", NEW], 2),
    (["screen", "tape.csv", "--all", "--out", "out-ok"], 0),
    (["screen", "missing.csv", "--all"], 2),
    (["screen", "tape.csv", "--all", "--mapping", "missing.toml"], 2),
    (["screen", "tape.csv", "--program", "no_such_program"], 2),
    (["sample-tape", "t.csv", "--rows", "5"], 0),
    (["sample-tape", "t.txt"], 2),
    (["portfolio"], 0),
    (["portfolio", "missing.portfolio"], 2),
    (["report", "out-ok"], 0),
    (["report", "missing-folder"], 2),
    (["serve", "--port", "0"], 2),  # `glc serve` runs until stopped: tests/service/ starts it and sees it answer
    (["no-such-command"], 2),
    (["init", "."], 2),
    (["export-xlsx", "m.xlsx"], 0),
    (["export-xlsx", "m.csv"], 2),
    (["export-xlsx", "m.xlsx", "no_such_program"], 2),
    (["import-xlsx", str(XLSX / "matrix_a.xlsx"), "--sheet", "Matrix A", "--rows", "fico", "--columns", "loan_amount"], 0),
    (["import-xlsx", str(XLSX / "unreadable.xlsx"), "--sheet", "Matrix A", "--rows", "fico", "--columns", "loan_amount"], 1),
    (["import-xlsx", str(XLSX / "unreadable.xlsx"), "--sheet", "Gaps", "--rows", "fico"], 1),
    (["import-xlsx", "missing.xlsx", "--sheet", "Matrix A"], 2),
    (["import-xlsx", "loan.json", "--sheet", "Matrix A"], 2),
    (["import-xlsx", str(XLSX / "matrix_a.xlsx"), "--sheet", "No such sheet"], 2),
    (["init", "programs/new"], 2),
]


@pytest.mark.parametrize(("args", "code"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_exit_code_contract(project: Path, tape: Path, args: list[str], code: int) -> None:
    out = glc(*args, cwd=project)
    assert out.returncode == code, f"glc {' '.join(args)}: {out.stdout[-2000:]}{out.stderr[-2000:]}"
    if code == 2:
        assert (out.stderr + out.stdout).strip(), "a usage error says what is wrong"


def test_every_command_says_when_there_is_no_project(tmp_path: Path) -> None:
    for args in (["check"], ["build"], ["test"], ["eval", "p", "l.json"], ["explain", "p", "l.json"], ["screen", "t.csv"],
                 ["sample-tape", "t.csv"], ["portfolio"], ["report"], ["serve"], ["export-xlsx", "m.xlsx"],
                 ["import-xlsx", "m.xlsx", "--sheet", "A"]):
        out = glc(*args, cwd=tmp_path)
        assert out.returncode == 2, args
        assert out.stderr.startswith("Not in a glc project"), (args, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_runs_from_any_folder_of_the_project(project: Path, tmp_path: Path) -> None:
    inside = project / "programs" / "tests"
    out = glc("eval", "keystone_bank_statement", "../../loan.json", "--format", "json", cwd=inside)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["program"]["id"] == "keystone_bank_statement"
    out = glc("check", cwd=inside)
    assert out.returncode == 0 and "checked 11 programs" in out.stdout
    out = glc("--project", str(project), "build", "--check", cwd=tmp_path)
    assert out.returncode == 0 and "up to date" in out.stdout, out.stdout + out.stderr
    out = glc("--project", str(tmp_path), "check", cwd=project)
    assert out.returncode == 2 and "holds no glc.toml" in out.stderr


def test_init_starts_a_project_that_checks_builds_and_tests(tmp_path: Path) -> None:
    out = glc("init", "new", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    new = tmp_path / "new"
    for args in (["check"], ["build"], ["test", "--coverage"], ["eval", "example_bank_statement", "examples/loan.json"]):
        out = glc(*args, cwd=new)
        assert out.returncode == 0, (args, out.stdout, out.stderr)
    assert "0 errors, 0 warnings" in glc("check", cwd=new).stdout
    assert "ELIGIBLE" in glc("eval", "example_bank_statement", "examples/loan.json", cwd=new).stdout
    again = glc("init", "new", cwd=tmp_path)
    assert again.returncode == 2 and "already holds a glc project" in again.stderr


def test_bad_settings_file(tmp_path: Path) -> None:
    (tmp_path / "glc.toml").write_text("[project]\nprograms = \"../elsewhere\"\n")
    out = glc("check", cwd=tmp_path)
    assert out.returncode == 2 and "`programs` is a folder inside the project" in out.stderr
    (tmp_path / "glc.toml").write_text("[project]\nprogram = \"x\"\n")
    out = glc("check", cwd=tmp_path)
    assert out.returncode == 2 and "unknown setting `program`" in out.stderr
    (tmp_path / "glc.toml").write_text("[project\n")
    out = glc("check", cwd=tmp_path)
    assert out.returncode == 2 and "is not valid TOML" in out.stderr


# ------------------------------------------------------------------ real environment faults


def _can_mount() -> bool:
    return sys.platform == "linux" and os.geteuid() == 0 and shutil.which("mount") is not None


needs_mount = pytest.mark.skipif(not _can_mount() and not os.environ.get("CI"), reason="needs root to mount a tmpfs")


@pytest.fixture
def mounts() -> Iterator[list[Path]]:
    made: list[Path] = []
    yield made
    for m in reversed(made):
        subprocess.run(["umount", "-l", str(m)], capture_output=True)


def _tmpfs(where: Path, made: list[Path], size: str = "64m", read_only: bool = False) -> None:
    where.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    assert out.returncode == 0, f"cannot mount a tmpfs (needs root): {out.stderr}"
    made.append(where)
    if read_only:
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp") or ".tmp" in p.name)


@needs_mount
def test_full_disk_is_reported_as_a_full_disk(project: Path, tape: Path, mounts: list[Path], tmp_path: Path) -> None:
    full = tmp_path / "full"
    _tmpfs(full, mounts, size="48k")
    out = glc("screen", str(tape), "--all", "--out", str(full / "out"), cwd=project)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "the disk is full" in out.stderr
    assert not (full / "out" / "results.csv").exists() and _leftovers(full) == []
    out = glc("sample-tape", str(full / "big.parquet"), "--rows", "20000", cwd=project)
    assert out.returncode == 2 and "the disk is full" in out.stderr
    assert not (full / "big.parquet").exists() and _leftovers(full) == []


@needs_mount
def test_read_only_folders(project: Path, tape: Path, mounts: list[Path], tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    _tmpfs(ro, mounts, read_only=True)
    out = glc("screen", str(tape), "--all", "--out", str(ro), cwd=project)
    assert out.returncode == 2 and "read-only" in out.stderr, out.stderr
    out = glc("init", str(ro / "p"), cwd=project)
    assert out.returncode == 2 and "read-only" in out.stderr, out.stderr


@needs_mount
def test_generated_on_another_filesystem_or_read_only(project: Path, mounts: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("__pycache__", "out-ok", ".glc-cache"))
    saved = tmp_path / "saved"
    shutil.move(copy / "generated", saved)
    _tmpfs(copy / "generated", mounts)  # a mounted volume: renames into it from the project would cross devices
    shutil.copytree(saved, copy / "generated", dirs_exist_ok=True)  # files and the `_runtime/` package
    program = copy / "programs" / "harbor_dscr.guideline"
    program.write_text(program.read_text().replace("Harbor", "Harbour", 1))
    out = glc("build", "--no-cache", cwd=copy)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "wrote generated/harbor_dscr.py" in out.stdout
    assert glc("build", "--check", cwd=copy).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(copy / "generated")], check=True)
    program.write_text(program.read_text().replace("Harbour", "Harbor", 1))
    before = (copy / "docs" / "programs" / "harbor_dscr.md").read_text()
    out = glc("build", "--no-cache", cwd=copy)
    assert out.returncode == 2 and "read-only" in out.stderr, out.stdout + out.stderr
    assert (copy / "docs" / "programs" / "harbor_dscr.md").read_text() == before  # nothing moved into place
    assert _leftovers(copy / "docs") == []


def test_ctrl_c_exits_130_and_leaves_nothing_half_written(project: Path, tmp_path: Path) -> None:
    for attempt, delay in enumerate((1.0, 2.0, 3.0)):
        target = tmp_path / f"big{attempt}.parquet"
        proc = subprocess.Popen([sys.executable, "-m", "compiler.cli", "sample-tape", str(target), "--rows", "3000000"],
                                cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, (delay, err)
        assert "interrupted" in err and "Traceback" not in err and "bug in glc" not in err, err
        assert not target.exists() and _leftovers(tmp_path) == []


def _cpu_seconds(pid: int) -> float:
    """CPU time a process has used (user + system), from /proc: a clock that a busy machine does not stretch."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_ctrl_c_while_glc_is_starting_exits_130_in_one_line(project: Path, tmp_path: Path) -> None:
    """Importing the commands takes a moment: an interrupt then is glc's too. The interrupt is sent once the
    process has used 0.1, 0.2 and 0.4 s of CPU (Python itself starts in about 0.04 s; importing the commands takes
    over a second), not after a wall-clock delay, which a loaded machine stretches until Python has not even
    started (where no program can catch a signal)."""
    for cpu in (0.1, 0.2, 0.4):
        target = tmp_path / "early.parquet"
        proc = subprocess.Popen([sys.executable, "-m", "compiler.cli", "sample-tape", str(target), "--rows", "3000000"],
                                cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while proc.poll() is None and _cpu_seconds(proc.pid) < cpu and time.monotonic() < deadline:
            time.sleep(0.002)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, (cpu, err)
        assert err.strip() == "glc: interrupted; nothing half-written was left behind.", (cpu, err)
        assert not target.exists() and _leftovers(tmp_path) == []


def test_absurd_tape_cells_are_invalid_rows_never_echoed_in_full(project: Path, tmp_path: Path) -> None:
    import csv

    tape = tmp_path / "absurd.csv"
    with tape.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["loan_id", "program", "fico", "loan_amount", "occupancy"])
        w.writerow(["A", "keystone_bank_statement", "700", "9" * 5000, "primary"])
        w.writerow(["B", "keystone_bank_statement", "7" * 5000, "100000", "x" * 1_000_000])
    out = glc("screen", str(tape), "--out", str(tmp_path / "out"), cwd=project)
    assert out.returncode == 0, out.stderr
    csv.field_size_limit(10**8)
    rows = list(csv.DictReader((tmp_path / "out" / "results.csv").open()))
    assert [r["status"] for r in rows] == ["invalid", "invalid"]
    assert all(len(r["reason"]) < 400 for r in rows), [len(r["reason"]) for r in rows]
    assert "(5,000 characters)" in rows[0]["reason"] or "(5000 characters)" in rows[0]["reason"]
