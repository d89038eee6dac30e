"""`glc package`: the generated checkers (`generated/`) as a wheel a loan-origination team can `pip install`.

The generated package imports only the standard library and pydantic, and its modules import one another
relatively (`from . import _runtime`; the runtime is a subpackage, `_runtime/`), so it is shipped as it is under
the name the team asks for: `import NAME`.

The wheel is written here with `zipfile`, not by a library: the format (PyPA's binary distribution format) is
small, and the one library that writes it, `wheel`, documents no stable Python API (only its command line).
What it holds:

    NAME/*.py, NAME/py.typed             the generated modules (typed: they pass `mypy --strict`)
    NAME/schema/*.schema.json            the JSON Schemas of the Loan and the Decision (`glc build` writes them)
    NAME-V.dist-info/METADATA            Metadata-Version 2.1: Name, Version, Summary, Requires-Python, Requires-Dist
    NAME-V.dist-info/WHEEL               Root-Is-Purelib: true, Tag: py3-none-any
    NAME-V.dist-info/RECORD              every file with its sha256 (urlsafe base64, no padding) and size

The bytes depend only on the generated files, NAME and V (fixed timestamps, sorted entries), and the file is
written atomically: a temporary file in the destination folder, then `os.replace`.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import hashlib
import keyword
import os
import re
import tempfile
import zipfile
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

REQUIRES_PYTHON = ">=3.11"  # the generated code uses enum.StrEnum
REQUIRES_DIST = "pydantic>=2.7,<3"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry: the same bytes on every build
_DIST_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")  # a Python identifier that is also a valid distribution name
_REQUIRED = ("__init__.py", "loan.py", "_runtime/__init__.py")


class PackageError(ValueError):
    """A name, version or generated folder that cannot be packaged: the message says why, in one line."""


def check_name(name: str) -> str:
    """NAME as given, when it can be both imported (`import NAME`) and used as a distribution name."""
    if not _DIST_NAME.match(name) or keyword.iskeyword(name):
        raise PackageError(f"--name must be a Python identifier (ASCII letters, digits and underscores, starting with a "
                           f"letter, not a keyword): the team imports it as `import NAME`; `{_clip(name)}` is not")
    return name


def check_version(version: str) -> Version:
    """V as a PEP 440 version (`1.0`, `2026.1.post2`, `1.0rc1`)."""
    try:
        return Version(version)
    except InvalidVersion:
        raise PackageError(f"--version must be a PEP 440 version such as 1.0, 2026.1 or 1.2.post1; `{_clip(version)}` "
                           "is not") from None


def wheel_filename(name: str, version: str) -> str:
    """The wheel's file name: the distribution name and version normalised as the binary distribution format says."""
    return f"{_dist_stem(name, check_version(version))}-py3-none-any.whl"


def build_checker_wheel(generated_dir: Path, name: str, version: str, out_dir: Path) -> Path:
    """Write the wheel of the generated checkers in `generated_dir` as the importable package `name`, version
    `version`, into `out_dir` (made if missing); returns the wheel's path. Raises PackageError for a bad name,
    version or generated folder (nothing written), OSError when the wheel cannot be written (nothing left behind)."""
    check_name(name)
    parsed = check_version(version)
    modules = _modules(generated_dir)
    stem = _dist_stem(name, parsed)
    dist_info = f"{stem}.dist-info"
    files: list[tuple[str, bytes]] = []
    for rel, data in modules:
        if rel == "__init__.py":  # the docstring's examples name the package as the team will import it
            data = data.replace(f"from {generated_dir.name} import".encode(), f"from {name} import".encode())
        files.append((f"{name}/{rel}", data))
    files.append((f"{name}/py.typed", b""))
    files.append((f"{dist_info}/METADATA", _metadata(name, parsed).encode()))
    files.append((f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: glc package\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    record = "".join(f"{path},sha256={_digest(data)},{len(data)}\n" for path, data in files) + f"{dist_info}/RECORD,,\n"
    files.append((f"{dist_info}/RECORD", record.encode()))

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{stem}-py3-none-any.whl"
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=out_dir)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for path, data in files:
                    info = zipfile.ZipInfo(path, date_time=_EPOCH)
                    info.external_attr = 0o644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, data)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


def _modules(generated_dir: Path) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of every module of the generated package, sorted; checks it is one."""
    if not generated_dir.is_dir():
        raise PackageError(f"{generated_dir} is not a folder: give the generated package (`glc build` writes it)")
    missing = [f for f in _REQUIRED if not (generated_dir / f).is_file()]
    if missing:
        raise PackageError(f"{generated_dir} is not a package glc generated (no {', '.join(missing)}): run `glc build` first")
    out = []
    for path in sorted(generated_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        data = path.read_bytes()
        rel = path.relative_to(generated_dir).as_posix()
        try:
            tree = ast.parse(data, filename=str(path))
        except (SyntaxError, ValueError) as err:
            raise PackageError(f"{generated_dir / rel} is not valid Python ({err}): rebuild it with `glc build`") from None
        if _imports_itself_by_name(tree, generated_dir.name):
            raise PackageError(f"{generated_dir / rel} imports `{generated_dir.name}` by name, so it cannot be renamed: rebuild it with `glc build`")
        out.append((rel, data))
    out.extend((p.relative_to(generated_dir).as_posix(), p.read_bytes())
               for p in sorted((generated_dir / "schema").glob("*.schema.json")))
    return out


def _imports_itself_by_name(tree: ast.Module, package: str) -> bool:
    """Whether a module imports its own package absolutely (`from generated import x`), which a rename would break."""
    for node in ast.walk(tree):
        names = ([node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0
                 else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        if any(n == package or n.startswith(package + ".") for n in names):
            return True
    return False


def _dist_stem(name: str, version: Version) -> str:
    """`name-version` as wheel file and dist-info names spell it: name normalised with `_`, version normalised."""
    return f"{canonicalize_name(name).replace('-', '_')}-{str(version).replace('-', '_')}"


def _metadata(name: str, version: Version) -> str:
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {name}\n"
        f"Version: {version}\n"
        "Summary: Loan eligibility checkers generated by the Guideline Compiler (glc) from underwriting guidelines\n"
        f"Requires-Python: {REQUIRES_PYTHON}\n"
        f"Requires-Dist: {REQUIRES_DIST}\n"
    )


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
