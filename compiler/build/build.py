"""`glc build`: run the front end and every back end `BACKENDS` marks as built (`compiler.backends`), then write
their files into the project (the generated package, the documentation site) atomically.

A failed build writes nothing. Every changed file is first written beside its target (`compiler.files.Batch`:
never across filesystems) and only then are they all moved into place;
generated files the sources no longer produce are removed. `check_fresh` compares without writing.
"""

from __future__ import annotations

import stat
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from compiler.build.cache import Cache
from compiler.check_result import CheckResult
from compiler.files import Batch

if TYPE_CHECKING:
    from compiler.project import Project

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


def _unchanged(project: Project, paths: list[Path], vocabulary: Path | None,
               cache: Cache | None) -> tuple[BuildResult | None, str | None]:
    """The result of a build whose inputs and outputs are exactly as the last build left them (`build_manifest`),
    else None; and the manifest key to record the build under."""
    if cache is None:
        return None, None
    from compiler.build import manifest as build_manifest

    k = build_manifest.manifest_key(paths, project.root, vocabulary)
    m = build_manifest.load(cache, k)
    if m is None or not build_manifest.unchanged(m, project.root, _existing(project, {rel for rel, _ in m.outputs})):
        return None, k
    check = CheckResult(sources={src.path: src for src in m.sources}, diagnostics=list(m.diagnostics), cache=cache)
    return BuildResult(check, from_manifest=m.programs), k


def unchanged(project: Project, paths: list[Path], vocabulary: Path | None, cache: Cache | None) -> BuildResult | None:
    """The result of a build (or `--check`) with nothing to do, answered from the manifest; else None."""
    return _unchanged(project, paths, vocabulary, cache)[0]


def _record(cache: Cache | None, k: str | None, paths: list[Path], root: Path, vocabulary: Path | None,
            result: CheckResult, files: dict[str, str], on_disk: Collection[str]) -> None:
    """Record the build's manifest, unless an input changed while it ran (its key would not say what was read);
    `on_disk`: the outputs now on disk exactly as built (their sizes and times recorded: `manifest.unchanged`)."""
    if cache is not None and k is not None:
        from compiler.build import manifest as build_manifest

        if build_manifest.manifest_key(paths, root, vocabulary) != k:
            return
        build_manifest.record(cache, k, root, files, result.diagnostics, result.sources, len(result.programs), on_disk)


def outputs(project: Project, result: CheckResult) -> dict[str, str]:
    """Every generated file, by path relative to the project root (per-program parts from the build cache, when
    the check ran with one and they are there)."""
    assert result.bundle is not None
    from compiler.backends import BACKENDS, Place
    from compiler.build import template_cache

    built = [b for b in BACKENDS.values() if b.built]
    template_cache.use([b.module().environment() for b in built if b.templates],
                       result.cache.folder if result.cache is not None else None)
    files: dict[str, str] = {}
    for backend in built:
        prefix = f"{project.generated_folder}/" if backend.place is Place.package else ""
        files.update({prefix + name: text for name, text in backend(result.bundle, result.memo).items()})
    return files


def _existing(project: Project, known: Collection[str] = ()) -> set[str]:
    """Generated files on disk (recognised by their header), relative to the project root. Those in `known` (the
    build's own outputs) are taken as they are, without reading their header: asked about to find the others."""
    root = project.root
    found: set[str] = set()
    for folder, pattern in ((project.generated_folder, "*.py"), ("docs", "*.md")):
        gen = root / folder
        if not gen.is_dir():
            continue
        for p in gen.rglob(pattern):
            rel = p.relative_to(root).as_posix()
            if rel in known:
                found.add(rel)
                continue
            try:
                head = p.read_text(encoding="utf-8")[:600]
            except (OSError, UnicodeDecodeError):
                continue
            if MARKER in head or p.name == "_runtime.py":  # the runtime of an old build (now `_runtime/`)
                found.add(rel)
    return found


def _same(dest: Path, text: str) -> bool:
    """Whether a file on disk already holds exactly this text. A file this process found holding a text, and whose
    size and modification time are still what they were then (settled: `manifest.RACY_NS`), is not read again
    (a rebuild in `glc watch` compares only the outputs changed on disk since)."""
    from compiler.build.manifest import RACY_NS

    try:
        st = dest.stat()
        if not stat.S_ISREG(st.st_mode):
            return False
        seen = _SEEN.get(dest)
        if seen is not None and seen[:2] == (st.st_size, st.st_mtime_ns) and st.st_mtime_ns < seen[2] - RACY_NS:
            return seen[3] == text
        when = time.time_ns()
        same = dest.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False
    if same:
        if len(_SEEN) >= _SEEN_SIZE:
            _SEEN.clear()
        _SEEN[dest] = (st.st_size, st.st_mtime_ns, when, text)
    return same


# What this process found in output files: path -> (size, modification time in ns, when it read it, the text).
_SEEN_SIZE = 20_000
_SEEN: dict[Path, tuple[int, int, int, str]] = {}


def _plan(project: Project, paths: list[Path], vocabulary: Path | None,
          cache: Cache | None) -> tuple[BuildResult, dict[str, str] | None, str | None]:
    """The check of the programs and the files a build would write: (the result answered from the manifest or
    with errors, None, _) when there is nothing to write or compare; else (the result, every output by path, the
    manifest key to record the build under once its files are on disk)."""
    same, k = _unchanged(project, paths, vocabulary, cache)
    if same is not None:
        return same, None, k
    from compiler.driver import check_paths

    result = BuildResult(check_paths(paths, vocabulary, cache))
    if not result.check.ok:
        return result, None, k
    return result, outputs(project, result.check), k


def build(project: Project, paths: list[Path] | None = None, vocabulary: Path | None = None,
          cache: Cache | None = None) -> BuildResult:
    """Build the programs of `paths` (default: the project's programs folder) into the project."""
    paths = paths or [project.programs]
    result, files, k = _plan(project, paths, vocabulary, cache)
    if files is None:
        return result
    root = project.root
    changed = [rel for rel, text in files.items() if not _same(root / rel, text)]
    with Batch() as batch:  # every changed file staged beside its destination before any is renamed into place
        for rel in changed:
            batch.add(root / rel, files[rel])
        batch.commit()
    result.written.extend(changed)
    for rel in sorted(_existing(project, set(files)) - set(files)):
        (root / rel).unlink()
        result.removed.append(rel)
    _record(cache, k, paths, root, vocabulary, result.check, files, files.keys())
    return result


def check_fresh(project: Project, paths: list[Path] | None = None, vocabulary: Path | None = None,
                cache: Cache | None = None) -> BuildResult:
    """What `build` would change: stale, missing and extra files."""
    paths = paths or [project.programs]
    result, files, k = _plan(project, paths, vocabulary, cache)
    if files is None:
        return result
    result.stale.extend(rel for rel, text in files.items() if not _same(project.root / rel, text))
    _record(cache, k, paths, project.root, vocabulary, result.check, files, files.keys() - set(result.stale))
    result.stale.extend(sorted(_existing(project, set(files)) - set(files)))
    return result
