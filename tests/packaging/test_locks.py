"""The locks in requirements/: the exact versions CI tests, with hashes, consistent with pyproject.toml's ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"core": ROOT / "requirements" / "core.lock", "dev": ROOT / "requirements" / "dev.lock"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def read_lock(path: Path) -> dict[str, tuple[str, int]]:
    """{normalised name: (version, number of hashes)} of a lock written by `uv pip compile --generate-hashes`."""
    pins: dict[str, tuple[str, int]] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            name = canonicalize_name(m.group(1))
            assert name not in pins, f"{path.name}: {name} pinned twice"
            pins[name] = (m.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, n = pins[name]
            pins[name] = (version, n + 1)
    return pins


def project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_every_pin_is_exact_and_hashed(which: str) -> None:
    pins = read_lock(LOCKS[which])
    assert pins
    assert not [name for name, (_version, hashes) in pins.items() if hashes == 0]


def test_core_lock_is_the_dev_lock_without_the_extras() -> None:
    core, dev = read_lock(LOCKS["core"]), read_lock(LOCKS["dev"])
    assert {n: v for n, (v, _) in core.items()} == {n: dev[n][0] for n in core if n in dev}
    assert set(core) <= set(dev)
    assert "pyspark" not in core and "pytest" not in core and "pyspark" in dev


@pytest.mark.parametrize(("which", "groups"), [("core", ()), ("dev", ("dev", "spark"))])
def test_locked_versions_are_within_the_ranges(which: str, groups: tuple[str, ...]) -> None:
    spec = project()
    extras = spec["optional-dependencies"]
    assert isinstance(extras, dict)
    requirements = [*spec["dependencies"], *(r for g in groups for r in extras[g])]  # type: ignore[misc]
    pins = read_lock(LOCKS[which])
    for text in requirements:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is a dependency but not in {which}.lock"
        assert req.specifier.contains(pins[name][0], prereleases=True), f"{which}.lock pins {name}=={pins[name][0]}, outside {req}"


def test_pyspark_is_only_in_the_spark_extra() -> None:
    extras = project()["optional-dependencies"]
    assert isinstance(extras, dict)
    names = {g: {canonicalize_name(Requirement(r).name) for r in reqs} for g, reqs in extras.items()}
    assert "pyspark" in names["spark"]
    assert [g for g, n in names.items() if "pyspark" in n] == ["spark"]


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_lock_header_gives_the_command_the_readme_gives(which: str) -> None:
    lines = LOCKS[which].read_text(encoding="utf-8").splitlines()
    command = lines[1].lstrip("# ").strip()
    assert command.startswith("uv pip compile pyproject.toml") and f"-o requirements/{which}.lock" in command
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_test_command_from_the_lock() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^python3 -m venv \.venv && .*$", readme, re.MULTILINE)
    (test_command,) = [c for c in commands if c.endswith("&& .venv/bin/pytest")]
    (build_command,) = [c for c in commands if c.endswith("&& .venv/bin/glc build")]
    assert test_command.removesuffix(".venv/bin/pytest") == build_command.removesuffix(".venv/bin/glc build")
    assert "--require-hashes -r requirements/dev.lock" in test_command and " -q" not in test_command  # pip shows progress
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"{test_command} || status=$?" in ci
