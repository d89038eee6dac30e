"""`glc build`: run the front end and every back end, then write `generated/` atomically.

A failed build writes nothing. Every changed file is first written beside its target (`compiler.files.Batch`:
never across filesystems) and only then are they all moved into place;
generated files the sources no longer produce are removed. `check_fresh` compares without writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compiler.build.cache import Cache
from compiler.check_result import CheckResult
from compiler.files import Batch

# The front end and the back ends are imported when a build needs them, not for one answered from its manifest.

MARKER = "do not edit"


@dataclass
class BuildResult:
    check: CheckResult
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    from_manifest: int | None = None  # the number of programs, when nothing changed since the build of the manifest

    @property
    def programs(self) -> int:
        return self.from_manifest if self.from_manifest is not None else len(self.check.programs)


def _unchanged(paths: list[Path], root: Path, vocabulary: Path | None, cache: Cache | None) -> tuple[BuildResult | None, str | None]:
    """The result of a build whose inputs and outputs are exactly as the last build left them (`build_manifest`),
    else None; and the manifest key to record the build under."""
    if cache is None:
        return None, None
    from compiler.build import manifest as build_manifest

    k = build_manifest.manifest_key(paths, root, vocabulary)
    m = build_manifest.load(cache, k)
    if m is None or not build_manifest.unchanged(m, root, _existing(root)):
        return None, k
    check = CheckResult(sources={src.path: src for src in m.sources}, diagnostics=list(m.diagnostics), cache=cache)
    return BuildResult(check, from_manifest=m.programs), k


def _record(cache: Cache | None, k: str | None, paths: list[Path], root: Path, vocabulary: Path | None,
            result: CheckResult, files: dict[str, str]) -> None:
    """Record the build's manifest, unless an input changed while it ran (its key would not say what was read)."""
    if cache is not None and k is not None:
        from compiler.build import manifest as build_manifest

        if build_manifest.manifest_key(paths, root, vocabulary) != k:
            return
        build_manifest.record(cache, k, files, result.diagnostics, result.sources, len(result.programs))


def outputs(result: CheckResult) -> dict[str, str]:
    """Every generated file, by path relative to the project root (per-program parts from the build cache, when
    the check ran with one and they are there)."""
    assert result.bundle is not None
    from compiler.build import template_cache
    from compiler.backends.docs import site as docs_backend
    from compiler.backends.python import modules as python_backend

    template_cache.use([python_backend.environment(), docs_backend.environment()],
                       result.cache.folder if result.cache is not None else None)
    files = {f"generated/{name}": text for name, text in python_backend.generate(result.bundle, result.memo).items()}
    files.update(docs_backend.generate(result.bundle, result.memo))
    return files


def _existing(root: Path) -> set[str]:
    """Generated files on disk (recognised by their header), relative to root."""
    found: set[str] = set()
    for folder, pattern in (("generated", "*.py"), ("docs", "*.md")):
        gen = root / folder
        if not gen.is_dir():
            continue
        for p in gen.rglob(pattern):
            try:
                head = p.read_text(encoding="utf-8")[:600]
            except (OSError, UnicodeDecodeError):
                continue
            if MARKER in head or p.name == "_runtime.py":  # the runtime of an old build (now `_runtime/`)
                found.add(p.relative_to(root).as_posix())
    return found


def _same(dest: Path, text: str) -> bool:
    """Whether a file on disk already holds exactly this text."""
    try:
        return dest.is_file() and dest.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def build(paths: list[Path], root: Path, vocabulary: Path | None = None, cache: Cache | None = None) -> BuildResult:
    same, k = _unchanged(paths, root, vocabulary, cache)
    if same is not None:
        return same
    from compiler.driver import check_paths

    result = BuildResult(check_paths(paths, vocabulary, cache))
    if not result.check.ok:
        return result
    files = outputs(result.check)
    changed = [rel for rel, text in files.items() if not _same(root / rel, text)]
    with Batch() as batch:  # every changed file staged beside its destination before any is renamed into place
        for rel in changed:
            batch.add(root / rel, files[rel])
        batch.commit()
    result.written.extend(changed)
    for rel in sorted(_existing(root) - set(files)):
        (root / rel).unlink()
        result.removed.append(rel)
    _record(cache, k, paths, root, vocabulary, result.check, files)
    return result


def check_fresh(paths: list[Path], root: Path, vocabulary: Path | None = None, cache: Cache | None = None) -> BuildResult:
    """What `build` would change: stale, missing and extra files."""
    same, k = _unchanged(paths, root, vocabulary, cache)
    if same is not None:
        return same
    from compiler.driver import check_paths

    result = BuildResult(check_paths(paths, vocabulary, cache))
    if not result.check.ok:
        return result
    files = outputs(result.check)
    _record(cache, k, paths, root, vocabulary, result.check, files)
    for rel, text in files.items():
        if not _same(root / rel, text):
            result.stale.append(rel)
    result.stale.extend(sorted(_existing(root) - set(files)))
    return result
