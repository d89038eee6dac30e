"""The build cache (`.glc-cache/`): results of the passes kept between runs, found again by what they were made from.

Every entry's key is the sha256 of everything its value was computed from: the compiler itself (`COMPILER`:
its modules, templates and grammar, the Python, Lark and Jinja versions) and the source texts involved, with
their paths. So an entry can only be found again by a run that would compute the same value; nothing is ever
invalidated by hand, and a changed compiler or file simply misses. What is keyed by what:

    parse   one file's text and path          -> its surface AST and syntax/AST diagnostics  (driver)
    lower, analysis, back-end outputs         -> keyed by `program_key`: the vocabulary and every file of every
            program the program builds on (all versions), so a changed base misses for all its variants

An entry on disk is MAGIC, the compiler hash, the key, the sha256 of the payload, then the payload (a pickle).
An entry that is unreadable, truncated, of another compiler or whose payload does not match its checksum is
ignored (recomputed and rewritten), never an error. Entries are written atomically (a temporary file renamed
into place); a cache that cannot be written (read-only folder, disk full) is a cache that misses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import sys
import tempfile
import types
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from compiler import ir_program

T = TypeVar("T")

MAGIC = b"glc-cache 1\n"
FOLDER_NAME = ".glc-cache"
_PACKAGE = Path(__file__).resolve().parent.parent  # the source tree's compiler/, or site-packages/compiler/ of a wheel


def _compiler_files() -> list[tuple[str, bytes]]:
    """(name, bytes) of the compiler's modules and templates, and of the grammar: the same names and bytes whether
    glc runs from the source tree (editable install) or from an installed wheel, where the grammar is the package
    data `compiler.grammar` (`compiler/grammar/` in site-packages, the top-level `grammar/` in the source tree)."""
    files = sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
                   and p.relative_to(_PACKAGE).parts[0] != "grammar")
    grammar = resources.files("compiler.grammar").joinpath("guideline.lark").read_bytes()
    return [*((p.relative_to(_PACKAGE.parent).as_posix(), p.read_bytes()) for p in files), ("grammar/guideline.lark", grammar)]


@cache
def compiler_hash() -> str:
    """sha256 of the compiler's own code and templates, the grammar, and the versions of what it runs on: kept in
    the user's cache folder under the sizes and modification times of those files and of the folders packages are
    installed in (`_signature`), so a run reads and hashes the compiler's ~200 files only after one of them changed
    or a package was installed (a tenth of a second of every `glc build`)."""
    sig, folder = _signature(), _user_folder()
    memo = folder / f"compiler-hash-{sig}" if sig is not None and folder is not None else None
    if memo is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            found = memo.read_text(encoding="ascii").strip()
            if len(found) == 64:
                return found
    digest = _compiler_hash()
    if memo is not None:
        with contextlib.suppress(OSError):
            memo.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=memo.parent)
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(digest + "\n")
            os.replace(tmp, memo)
    return digest


def _user_folder() -> Path | None:
    """The user's cache folder, as for the parser; None: nowhere."""
    from compiler.files import user_cache_home

    return user_cache_home()


def _signature() -> str | None:
    """sha256 of the path, size and modification time of every file `_compiler_hash` reads, of the folders on
    `sys.path` (installing or upgrading a package changes its folder), and of the Python version; None when the
    grammar is not a plain file."""
    grammar = resources.files("compiler.grammar").joinpath("guideline.lark")
    if not isinstance(grammar, Path):
        return None
    h = hashlib.sha256(sys.version.encode() + b"\0" + str(_PACKAGE).encode() + b"\0")
    try:
        for folder, dirs, names in os.walk(_PACKAGE):
            dirs.sort()
            for name in sorted(names):
                st = os.stat(os.path.join(folder, name))
                h.update(f"{folder}/{name} {st.st_size} {st.st_mtime_ns}\0".encode())
        st = grammar.stat()
        h.update(f"{grammar} {st.st_size} {st.st_mtime_ns}\0".encode())
        for entry in sys.path:
            with contextlib.suppress(OSError):
                h.update(f"{entry} {os.stat(entry or '.').st_mtime_ns}\0".encode())
    except OSError:
        return None
    return h.hexdigest()


def _compiler_hash() -> str:
    h = hashlib.sha256()
    for name, data in _compiler_files():
        h.update(name.encode() + b"\0")
        h.update(data + b"\0")
    h.update(sys.version.encode() + b"\0")
    from importlib import metadata  # (a tenth of a second to import: only when the signature changed)

    for dist in ("lark", "jinja2", "pydantic"):
        try:
            h.update(f"{dist} {metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} -\0".encode())
    return h.hexdigest()


def key(*parts: str) -> str:
    """The key of an entry made from these texts (each part length-prefixed, so no two lists of parts collide)."""
    h = hashlib.sha256(compiler_hash().encode())
    for part in parts:
        data = part.encode("utf-8", errors="surrogatepass")
        h.update(f"{len(data)}:".encode() + data)
    return h.hexdigest()


@cache
def _slot_fields(cls: type) -> tuple[str, ...] | None:
    """A slotted dataclass's field names, when they are all its state (else None: pickled the ordinary way)."""
    if not dataclasses.is_dataclass(cls):
        return None
    names = tuple(f.name for f in dataclasses.fields(cls))
    slots = tuple(n for c in cls.__mro__ for n in getattr(c, "__slots__", ()) if n not in ("__weakref__", "__dict__"))
    all_slotted = all("__slots__" in vars(c) for c in cls.__mro__[:-1])  # else instances have a __dict__ too
    return names if names and all_slotted and sorted(slots) == sorted(names) else None


def _restore(cls: type, values: tuple[object, ...]) -> object:
    """Unpickle a slotted dataclass: its fields set directly (the standard way looks the fields up per object)."""
    make = _RESTORERS.get(cls)
    if make is None:
        make = _RESTORERS[cls] = _restorer(cls)
    return make(values)


_RESTORERS: dict[type, Callable[[tuple[object, ...]], object]] = {}


def _restorer(cls: type) -> Callable[[tuple[object, ...]], object]:
    """A function making an instance of `cls` from its field values, each stored through its slot (written out once
    per class: unpickling the IR makes ~100,000 such objects, and a loop over the names costs twice as much)."""
    names = _slot_fields(cls)
    assert names is not None
    slots = [getattr(cls, n, None) for n in names]
    if not all(isinstance(d, types.MemberDescriptorType) for d in slots):
        def slow(values: tuple[object, ...]) -> object:
            obj: object = object.__new__(cls)
            for name, value in zip(names, values, strict=True):
                object.__setattr__(obj, name, value)
            return obj
        return slow
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls, "n": len(names)}
    scope.update({f"set{i}": d.__set__ for i, d in enumerate(slots)})  # type: ignore[union-attr]
    body = "".join(f"    set{i}(obj, values[{i}])\n" for i in range(len(names)))
    exec(f"def restore(values):\n    if len(values) != n:\n        raise ValueError(cls)\n    obj = new(cls)\n{body}    return obj\n",
         scope)
    made: Callable[[tuple[object, ...]], object] = scope["restore"]
    return made


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: object) -> Any:
        cls: type = type(obj)
        names = _slot_fields(cls) if not isinstance(obj, type) else None
        if names is None:
            return NotImplemented
        return _restore, (cls, tuple(getattr(obj, n) for n in names))


def dumps(value: object) -> bytes:
    """A value pickled as entries are (slotted dataclasses by their fields, set directly when unpickled)."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buf.getvalue()


class Cache:
    """A folder of entries. `get` returns None for anything but a sound entry of this compiler; `put` never raises."""

    def __init__(self, folder: Path, keep: bool = False) -> None:
        """`keep`: also hold every entry read or written in memory (a resident process, `glc watch`: a rebuild
        then neither reads nor unpickles what an earlier build of the same process found or made; the values are
        frozen IR, ASTs and texts, shared safely). `forget_unused` drops those the last build did not ask for."""
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.keep = keep
        self._kept: dict[str, object] = {}
        self._asked: set[str] = set()

    def _path(self, k: str) -> Path:
        return self.folder / k[:2] / f"{k}.pickle"

    def get(self, k: str) -> object | None:
        if self.keep:
            self._asked.add(k)
            if k in self._kept:
                return self._kept[k]
            found = self._read(k)
            if found is not None:
                self._kept[k] = found
            return found
        return self._read(k)

    def has(self, k: str) -> bool:
        """Whether an entry is held under `k` (in memory, or a file: `get` may still find it unsound)."""
        return (self.keep and k in self._kept) or self._path(k).is_file()

    def forget_unused(self) -> None:
        """Drop the entries held in memory that no `get` asked for since the last call (old versions of files)."""
        self._kept = {k: v for k, v in self._kept.items() if k in self._asked}
        self._asked = set()

    def _read(self, k: str) -> object | None:
        try:
            data = self._path(k).read_bytes()
        except OSError:
            return None
        head = MAGIC + compiler_hash().encode() + b"\n" + k.encode() + b"\n"
        if not data.startswith(head) or len(data) < len(head) + 65:
            return None
        digest, payload = data[len(head): len(head) + 64], data[len(head) + 65:]
        if hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        try:
            found: object = pickle.loads(payload)
            return found
        except Exception:
            return None

    def put(self, k: str, value: object, payload: bytes | None = None) -> None:
        """Store `value` under `k`; `payload`: `dumps(value)`, when the caller has it already (made in a worker)."""
        if self.keep:
            self._kept[k] = value
            self._asked.add(k)
        if payload is None:
            try:
                payload = dumps(value)
            except Exception:
                return  # a value that cannot be pickled is not cached
        head = MAGIC + compiler_hash().encode() + b"\n" + k.encode() + b"\n"
        data = head + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        target = self._path(k)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text("*\n", encoding="utf-8")

    def memo(self, k: str, compute: Callable[[], T], check: Callable[[object], bool] | None = None) -> T:
        """The value stored under `k`, else `compute()` (then stored). `check` vets a stored value's type."""
        found = self.get(k)
        if found is not None and (check is None or check(found)):
            self.hits += 1
            return found  # type: ignore[return-value]
        value = compute()  # (a computation that raises is no miss: `parallel.memo_each` probes so)
        self.misses += 1
        self.put(k, value)
        return value


class Memo(Protocol):
    """Runs `compute` for one version of a program, or finds its result from an earlier run (`CheckResult.memo`)."""

    def __call__(self, kind: str, program: ir_program.Program, compute: Callable[[], T]) -> T: ...


def no_memo(kind: str, program: ir_program.Program, compute: Callable[[], T]) -> T:
    """No cache: compute."""
    return compute()


def program_key(vocabulary: tuple[str, str], files: Iterable[tuple[str, str]]) -> str:
    """The key part of everything computed for one program: the vocabulary and the files (path, text) it builds on."""
    parts = ["program", *vocabulary]
    for path, text in sorted(files):
        parts += [path, text]
    return key(*parts)


def default_folder(root: Path) -> Path:
    return root / FOLDER_NAME
