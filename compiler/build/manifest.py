"""The last build's manifest: a `glc build` (or `--check`) whose inputs are all unchanged answers from one small
cache entry, without parsing, lowering or rendering anything.

The entry's key is the compiler hash, the working directory, the project root, the command's paths and
vocabulary, and the path and sha256 of every file the front end could read for them: the files named (folders
expanded), the `loan.fields` it would look for, and the guideline files it would search for bases (the folders of
the named files and those above, and their `history/`). A run with the same key computes the same outputs and the
same diagnostics, so the entry holds the sha256 of each output file, the diagnostics (with the sources they
quote) and the number of programs. The outputs on disk are still compared: any file that differs, is missing or
is extra sends the run down the full path, which says or fixes exactly what is stale. A file whose size and
modification time are those the build left it with is not read again (as `make` and git do), unless it was
modified less than `RACY_NS` before the manifest was recorded (a later write could keep its time): then it is
read and its sha256 compared.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from compiler.build.cache import Cache, key
from compiler.diagnostics import Diagnostic, Diagnostics
from compiler.source import Source, display_path
from compiler.syntax.reading import PROGRAM_SUFFIX, VOCABULARY_NAME, discover


@dataclass(frozen=True)
class Manifest:
    outputs: tuple[tuple[str, str], ...]  # (path relative to the root, sha256 of its text)
    diagnostics: tuple[Diagnostic, ...]
    sources: tuple[Source, ...]  # the sources the diagnostics quote
    programs: int
    stats: tuple[tuple[str, int, int], ...] = ()  # (path, size in bytes, modification time in ns) as recorded
    recorded_ns: int = 0  # when (the clock of the files' modification times)


# A file modified this close to the recording is compared by content: a write just after the recording could
# give it the same time, with timestamps this coarse (Linux file systems: a few milliseconds).
RACY_NS = 100_000_000


def _inputs(paths: list[Path], vocabulary: Path | None) -> list[Path] | None:
    """Every file the front end could read for these paths (None when a path is not a plain file or folder: the
    full path reports it)."""
    found = Diagnostics()
    files = discover(paths, found)
    if found.items:
        return None
    out = list(files)
    if vocabulary is not None:
        out.append(vocabulary)
    for folder in dict.fromkeys(f.parent for f in files):
        out += [folder / VOCABULARY_NAME, folder.parent / VOCABULARY_NAME]
    for folder in dict.fromkeys(g for f in files for g in (f.parent, f.parent.parent)):
        for pattern in ("*" + PROGRAM_SUFFIX, "history/*" + PROGRAM_SUFFIX):
            out += sorted(folder.glob(pattern))
    return list(dict.fromkeys(out))


def manifest_key(paths: list[Path], root: Path, vocabulary: Path | None) -> str | None:
    """The key of the manifest of a build of these paths as the files stand now (None: no fast path)."""
    files = _inputs(paths, vocabulary)
    if files is None:
        return None
    parts = ["manifest", str(Path.cwd().resolve()), str(root.resolve()), str(vocabulary)]
    parts += [p.as_posix() for p in paths]
    for f in files:
        try:
            digest = hashlib.sha256(f.read_bytes()).hexdigest()
        except FileNotFoundError:
            digest = "absent"
        except OSError:
            return None  # unreadable: the full path says why
        parts += [display_path(f), digest]
    return key(*parts)


def record(cache: Cache, k: str | None, root: Path, files: dict[str, str], diagnostics: list[Diagnostic],
           sources: dict[str, Source], programs: int, on_disk: Collection[str] = ()) -> None:
    """Record a build's manifest; `on_disk`: the outputs on disk exactly as `files` has them (only their sizes and
    modification times are recorded: a stale file must be read to be found the same)."""
    if k is None:
        return
    quoted = {d.span.path for d in diagnostics if d.span is not None}
    cache.put(k, Manifest(
        tuple(sorted((rel, _sha(text)) for rel, text in files.items())),
        tuple(diagnostics),
        tuple(src for path, src in sorted(sources.items()) if path in quoted),
        programs,
        tuple(_stats(root, sorted(on_disk))),
        time.time_ns(),
    ))


def _stats(root: Path, rels: list[str]) -> list[tuple[str, int, int]]:
    out = []
    for rel in rels:
        try:
            st = (root / rel).stat()
        except OSError:
            continue
        out.append((rel, st.st_size, st.st_mtime_ns))
    return out


def load(cache: Cache, k: str | None) -> Manifest | None:
    if k is None:
        return None
    found = cache.get(k)
    if not isinstance(found, Manifest):
        return None
    cache.hits += 1
    return found


def unchanged(m: Manifest, root: Path, existing: set[str]) -> bool:
    """Whether every output is on disk exactly as the manifest has it, and no other generated file (`existing`:
    those on disk) is."""
    if not existing <= {rel for rel, _ in m.outputs}:
        return False
    settled = {(rel, size, mtime) for rel, size, mtime in m.stats if mtime < m.recorded_ns - RACY_NS}
    for rel, digest in m.outputs:
        try:
            st = (root / rel).stat()
            if (rel, st.st_size, st.st_mtime_ns) in settled:
                continue
            if _sha((root / rel).read_text(encoding="utf-8")) != digest:
                return False
        except (OSError, UnicodeDecodeError):
            return False
    return True


def _sha(text: str) -> str:
    """sha256 of a text, kept with the text object (a resident process records mostly the same outputs again)."""
    found = _SHAS.get(id(text))
    if found is not None and found[0] is text:
        return found[1]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if len(_SHAS) >= _SHAS_SIZE:
        _SHAS.clear()
    _SHAS[id(text)] = (text, digest)
    return digest


_SHAS_SIZE = 20_000
_SHAS: dict[int, tuple[str, str]] = {}  # id of a text -> (the text, so its id is not reused; its sha256)
