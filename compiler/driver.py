"""The driver: the one place that runs the front-end passes, in order, for every kind of file.

    .fields and .guideline (`check_paths`):
        read files -> parse -> build_ast -> inherit -> lower vocabulary -> lower programs -> analyses (when error-free)
    .portfolio (`check_portfolios`, against the checked vocabulary):
        read files -> parse -> build_portfolio_ast -> lower_portfolio

`check_paths` runs the front end and returns the checked IR with every diagnostic of the run; `check_portfolios`
the checked portfolio with its diagnostics. The back ends that turn the checked IR into files are listed in
`compiler.backends.BACKENDS`. Reading never raises: missing paths, directories, binary files, bad encodings and
empty files all become diagnostics.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from compiler import ir_program
from compiler.analysis import analyse
from compiler.build.cache import Cache, key, program_key
from compiler.check_result import CheckResult as CheckResult
from compiler.diagnostics import Diagnostic, Diagnostics
from compiler.lower.declarations import lower_program, lower_vocabulary
from compiler.lower.inherit import Effective, inherit
from compiler.lower.versions import Split, base_name, chain_for, split_versions
from compiler.source import Source, display_path
from compiler.syntax import surface as s
from compiler.syntax.reading import MAX_BYTES as MAX_BYTES
from compiler.syntax.reading import PORTFOLIO_SUFFIX as PORTFOLIO_SUFFIX
from compiler.syntax.reading import PROGRAM_SUFFIX as PROGRAM_SUFFIX
from compiler.syntax.reading import VOCABULARY_NAME as VOCABULARY_NAME
from compiler.syntax.reading import VOCABULARY_SUFFIX as VOCABULARY_SUFFIX
from compiler.syntax.reading import discover as discover
from compiler.syntax.reading import find_portfolios as find_portfolios
from compiler.syntax.reading import read_source as read_source
from compiler.syntax.reading import source_from_text

if TYPE_CHECKING:
    from compiler.portfolio.model import Portfolio


class _Loader:
    """Reads, parses and builds the AST of files, once each."""

    def __init__(self, diags: Diagnostics, result: CheckResult, texts: Mapping[Path, str] | None = None) -> None:
        self.diags = diags
        self.result = result
        self.texts = texts or {}  # resolved path -> text to use instead of the file's (an editor's unsaved buffer)
        self.parsed: dict[str, s.File] = {}
        self.seen: set[Path] = set()
        # (path, text) -> `_front` of the file, made ahead, and pickled as the build cache keeps it
        self.fronts: dict[tuple[str, str], tuple[tuple[s.File | None, list[Diagnostic]], bytes]] = {}

    def prefetch(self, paths: list[Path]) -> None:
        """Parse ahead, in worker processes when there are enough (`parallel.run`), the files the build cache does
        not hold; `load` then takes each from `fronts` (the same answer `_front` gives here)."""
        from compiler.build import parallel

        cache = self.result.cache
        todo: list[Source] = []
        for path in paths:
            if path.resolve() in self.seen or path.resolve() in self.texts:
                continue
            scratch = Diagnostics()
            src = read_source(path, scratch)
            if src is None or scratch.items:
                continue  # `load` reports it
            if cache is None or not cache.has(key("parse", src.path, src.text)):
                todo.append(src)
        if parallel.pool_size(len(todo), PARSES_PER_PROGRAM) < 2:
            return  # parsed by `load`, here
        # Lark, the AST builder and the parser loaded here, once: the forked workers start with them
        import compiler.syntax.build_ast  # noqa: F401
        from compiler.syntax.parse import parser

        parser()
        made = parallel.run([partial(_front_pickled, src) for src in todo], PARSES_PER_PROGRAM)
        self.fronts.update(((src.path, src.text), (pickle.loads(payload), payload))
                           for src, payload in zip(todo, made, strict=True))

    def load(self, path: Path) -> None:
        resolved = path.resolve()
        if resolved in self.seen:
            return
        self.seen.add(resolved)
        text = self.texts.get(resolved)
        src = read_source(path, self.diags) if text is None else source_from_text(path, text, self.diags)
        if src is None:
            return
        self.result.sources[src.path] = src
        if any(d.code == "E605" and d.span and d.span.path == src.path for d in self.diags.items):
            return
        cache = self.result.cache
        ahead = self.fronts.pop((src.path, src.text), None)
        if ahead is None:
            ast, found = _front(src) if cache is None else cache.memo(key("parse", src.path, src.text), lambda: _front(src))
        else:
            (ast, found), payload = ahead
            if cache is not None:  # what the cache lacked (`prefetch`), stored as made
                cache.misses += 1
                cache.put(key("parse", src.path, src.text), (ast, found), payload)
        self.diags.extend(found)
        if ast is not None:
            self.parsed[src.path] = ast


def _front(src: Source) -> tuple[s.File | None, list[Diagnostic]]:
    """One file's surface AST (None on a syntax error) and the diagnostics of parsing and building it (the parser
    kept between runs in the user's cache folder: `compiler.syntax.parse.parser`)."""
    from compiler.syntax.build_ast import build_ast  # Lark is imported only when a file must be parsed
    from compiler.syntax.parse import parse

    tree, syntax = parse(src)
    if tree is None:
        return None, syntax
    found = Diagnostics()
    ast = build_ast(tree, src.path, found)
    return ast, [*syntax, *found.items]


# A file's parse weighs about a quarter of what its program's modules do (`parallel.run`).
PARSES_PER_PROGRAM = 4


def _front_pickled(src: Source) -> bytes:
    """`_front` of a file, pickled as the build cache pickles (in a worker: slotted dataclasses pickle faster so)."""
    from compiler.build.cache import dumps

    return dumps(_front(src))


def check_paths(paths: list[Path], vocabulary: Path | None = None, cache: Cache | None = None,
                texts: Mapping[Path, str] | None = None) -> CheckResult:
    """Run the front end over files and folders.

    The vocabulary is `vocabulary` if given, else the `loan.fields` among or beside the files. A program
    whose base is not among the files has its base looked up in the other guideline files of its folder.
    With a `cache`, parsing, lowering and the analyses of files and programs unchanged since an earlier run
    are read from it (`compiler.build.cache`); the result is the same. `texts` (resolved path -> text) are read
    in place of those files' contents wherever the run reads them (the language server's unsaved documents); a
    named file among them need not exist on disk.
    """
    diags = Diagnostics()
    result = CheckResult(cache=cache)
    texts = texts or {}
    held = [p for p in paths if p.resolve() in texts]
    files = [*discover([p for p in paths if p not in held], diags), *held] if held else discover(paths, diags)
    asked = {display_path(f) for f in files}
    result.asked = asked
    loader = _Loader(diags, result, texts)
    loader.prefetch(files)
    for f in files:
        loader.load(f)
    if vocabulary is not None:
        loader.load(vocabulary)
        asked.add(display_path(vocabulary))
    elif not any(f.suffix == VOCABULARY_SUFFIX for f in files):
        for folder in dict.fromkeys(f.parent for f in files):
            if (folder / VOCABULARY_NAME).is_file():
                loader.load(folder / VOCABULARY_NAME)
            elif (folder.parent / VOCABULARY_NAME).is_file():  # an older version in programs/history/
                loader.load(folder.parent / VOCABULARY_NAME)
    _load_missing_bases(loader, files)
    result.surface = loader.parsed

    for shown, ast in loader.parsed.items():
        if shown.endswith(PROGRAM_SUFFIX) and isinstance(ast, s.Vocabulary):
            diags.error("E611", f"{shown} holds a vocabulary; a .guideline file holds one program.", ast.span,
                        f"Rename it to {VOCABULARY_NAME} or start it with `program <name>`.")
        if shown.endswith(VOCABULARY_SUFFIX) and isinstance(ast, s.ProgramDecl):
            diags.error("E611", f"{shown} holds a program; a .fields file holds the loan vocabulary.", ast.span,
                        "Rename it to <program>.guideline.")
    vocab_files = [(p, f) for p, f in loader.parsed.items() if isinstance(f, s.Vocabulary) and p.endswith(VOCABULARY_SUFFIX)]
    programs = [f for p, f in loader.parsed.items() if isinstance(f, s.ProgramDecl) and p.endswith(PROGRAM_SUFFIX)]

    if not vocab_files:
        if files and not diags.has_errors:
            diags.error("E601", "No loan vocabulary (loan.fields) found beside the programs.", None,
                        "Keep programs/loan.fields in the same folder as the .guideline files.")
        result.diagnostics = _filter(diags, asked)
        return result
    if len(vocab_files) > 1:
        for shown, extra in vocab_files[1:]:
            diags.error("E612", f"A second vocabulary file: {shown}; programs share one.", extra.span,
                        f"Merge it into {vocab_files[0][0]}.")
    vpath, vdecl = vocab_files[0]
    assert isinstance(vdecl, s.Vocabulary)
    vocab, shared, limit_decls = lower_vocabulary(vdecl, vpath, _sha(result.sources[vpath]), diags)
    result.vocabulary = vocab

    split = split_versions(programs, diags)
    if cache is not None:
        result.keys = _program_keys(programs, (vpath, result.sources[vpath].text), result)
    # current variants dated before their base's current version build on an older one: checked on that path only
    on_older = {d.span.path for d in split.current if split.builds_on_older(d, diags)}
    main = Diagnostics()
    effective = inherit(split.current, set(shared), main)
    diags.extend(d for d in main.items if d.span is None or d.span.path not in on_older)
    lowered: list[ir_program.Program] = []
    for pid, eff in effective.items():
        path = eff.decl.span.path
        if path in on_older:
            prog = _lower_old_version(eff.decl, split, vocab, shared, limit_decls, result, diags)
        else:
            prog = _lower(result, "lower", eff, vocab, shared, limit_decls, diags)
        if prog is not None:
            lowered.append(prog)
            result.programs[pid] = prog
    for old in split.history:
        prog = _lower_old_version(old, split, vocab, shared, limit_decls, result, diags)
        if prog is not None:
            result.history.append(prog)
    result.history.sort(key=lambda p: (p.id, p.effective))
    if not diags.has_errors:
        analyse(lowered, vocab, diags, result.history, result.memo)
    result.diagnostics = _filter(diags, asked)
    if not diags.has_errors:
        result.bundle = ir_program.Bundle(vocab, tuple(sorted(lowered, key=lambda p: p.id)), tuple(result.history))
    return result


def _lower_old_version(old: s.ProgramDecl, split: Split, vocab: ir_program.Vocabulary,
                       shared: dict[str, tuple[s.ValueDecl, str]], limit_decls: list[s.LimitDecl],
                       result: CheckResult, diags: Diagnostics) -> ir_program.Program | None:
    """A version, inheritance applied with the versions of its bases in force on its effective date."""
    chain = chain_for(old, split, diags)
    if chain is None:
        return None
    scratch = Diagnostics()  # the bases' own problems are reported when their own versions are checked
    eff = inherit(chain, set(shared), scratch).get(old.name)
    diags.extend(d for d in scratch.items if d.span is not None and d.span.path == old.span.path)
    if eff is None:
        return None
    return _lower(result, "lower-version", eff, vocab, shared, limit_decls, diags)


def _lower(result: CheckResult, kind: str, eff: Effective, vocab: ir_program.Vocabulary, shared: dict[str, tuple[s.ValueDecl, str]],
           limit_decls: list[s.LimitDecl], diags: Diagnostics) -> ir_program.Program | None:
    """`lower_program` of one version, through the cache when there is one (its diagnostics kept with it)."""
    path = eff.decl.span.path

    def compute() -> tuple[ir_program.Program | None, list[Diagnostic]]:
        found = Diagnostics()
        prog = lower_program(eff, vocab, shared, limit_decls, path, _sha(result.sources[path]), found)
        return prog, found.items

    pid = eff.decl.name
    if result.cache is None or pid not in result.keys:
        prog, found = compute()
    else:
        prog, found = result.cache.memo(key(kind, result.keys[pid], path), compute)
    diags.extend(found)
    return prog


def _program_keys(programs: list[s.ProgramDecl], vocabulary: tuple[str, str], result: CheckResult) -> dict[str, str]:
    """Per program id: `cache.program_key` of the vocabulary and every file of every program it builds on (all
    versions of each, and of itself), so a change to any of them changes the key."""
    files: dict[str, list[tuple[str, str]]] = {}
    bases: dict[str, set[str]] = {}
    for d in programs:
        files.setdefault(d.name, []).append((d.span.path, result.sources[d.span.path].text))
        base = base_name(d)
        bases.setdefault(d.name, set()).update([base] if base else [])
    keys: dict[str, str] = {}
    for pid in files:
        closure, todo = {pid}, [pid]
        while todo:
            for b in bases.get(todo.pop(), ()):
                if b not in closure:
                    closure.add(b)
                    todo.append(b)
        keys[pid] = program_key(vocabulary, [f for i in sorted(closure) for f in files.get(i, [])])
    return keys


def _load_missing_bases(loader: _Loader, files: list[Path]) -> None:
    """Load the files of the programs the named ones build on (every version of each), when not named.

    Candidates are the guideline files in the folders of the named files, the folders above them, and their
    `history/` subfolders; each is read once to learn its program id, and only the bases are kept.
    """
    def base_ids(decls: list[s.ProgramDecl]) -> set[str]:
        return {str(line.value) for d in decls for line in d.header if line.key in ("extends", "overlays")}

    have = [f for f in loader.parsed.values() if isinstance(f, s.ProgramDecl)]
    wanted = base_ids(have)
    if not wanted:
        return
    folders = dict.fromkeys(g for f in files for g in (f.parent, f.parent.parent))
    candidates = [q for folder in folders for pattern in ("*" + PROGRAM_SUFFIX, "history/*" + PROGRAM_SUFFIX)
                  for q in sorted(folder.glob(pattern))]
    peek = _Loader(Diagnostics(), CheckResult(cache=loader.result.cache), loader.texts)  # problems of files that are not bases are not this run's
    ids: dict[Path, str] = {}
    for q in dict.fromkeys(candidates):
        if q.resolve() in loader.seen:
            continue
        peek.load(q)
        decl = peek.parsed.get(display_path(q))
        if isinstance(decl, s.ProgramDecl):
            ids[q] = decl.name
    taken: set[Path] = set()
    while True:
        new = [q for q, pid in ids.items() if pid in wanted and q not in taken]
        if not new:
            return
        for q in new:
            taken.add(q)
            loader.load(q)
            decl = loader.parsed.get(display_path(q))
            if isinstance(decl, s.ProgramDecl):
                wanted |= base_ids([decl])


def _sha(src: Source) -> str:
    return hashlib.sha256(src.text.encode("utf-8")).hexdigest()


def _filter(diags: Diagnostics, asked: set[str]) -> list[Diagnostic]:
    """Diagnostics of the files asked about (and those with no file), sorted."""
    return [d for d in diags.sorted() if d.span is None or d.span.path in asked or d.span.path.endswith(VOCABULARY_SUFFIX)]


@dataclass
class PortfolioResult:
    """What the portfolio front end found: sources read, diagnostics (sorted), the checked portfolio when error-free."""

    portfolio: Portfolio | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def check_portfolios(paths: list[Path], vocabulary: ir_program.Vocabulary) -> PortfolioResult:
    """Run the portfolio front end over `*.portfolio` files, against the checked vocabulary of the programs."""
    from compiler.portfolio.load import build_portfolio_ast, lower_portfolio  # Lark: only when there are portfolios
    from compiler.syntax.parse import parse

    diags = Diagnostics()
    result = PortfolioResult()
    built = []
    for path in paths:
        src = read_source(path, diags)
        if src is None:
            continue
        result.sources[src.path] = src
        tree, syntax = parse(src)
        diags.extend(syntax)
        if tree is None:
            continue
        ast = build_portfolio_ast(src, tree, diags)
        if ast is not None:
            built.append(ast)
    result.portfolio = lower_portfolio(built, [str(p) for p in paths], vocabulary, diags)
    result.diagnostics = diags.sorted()
    return result
