"""Python back end: the checked IR to an importable package of typed checkers (`generated/`).

Consumes an `ir_program.Bundle`; produces {relative path: file text}. Module shapes come from Jinja2 templates
(StrictUndefined); text from guideline files enters generated code only through `pyrepr` (a Python
literal) or `comment`/`docstring` (escaped), never pasted raw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from importlib import resources

import jinja2

from compiler import ir, ir_names, ir_program, ir_types
from compiler.backends import templates
from compiler.backends.python.layout import wrap
from compiler.backends.python.names import statement_names
from compiler.build.cache import Memo, no_memo
from compiler.build.parallel import memo_each
from compiler.spellings import NO_SCORE_TEXT

# The runtime package, read through importlib.resources so an installed wheel works like the source tree.
RUNTIME = resources.files("compiler").joinpath("runtime")


def runtime_files() -> dict[str, str]:
    """`_runtime/<module>.py` for every module of compiler/runtime/: its text under a one-line header."""
    modules = sorted(f.name for f in RUNTIME.iterdir() if f.name.endswith(".py"))
    return {f"_runtime/{name}": f"# Copied from compiler/runtime/{name} by glc build; do not edit.\n"
            + RUNTIME.joinpath(name).read_text(encoding="utf-8") for name in modules}


def pyrepr(value: object) -> str:
    """A Python literal for a value: strings via repr (quotes, backslashes, newlines escaped)."""
    if isinstance(value, Decimal):
        return f'Decimal("{value}")'
    return repr(value)


def comment(text: object) -> str:
    """Text safe inside a `#` comment: one line."""
    return " ".join(str(text).split())


def docstring(text: object) -> str:
    """Text safe inside a triple-quoted docstring."""
    t = str(text).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return t if not t.endswith('"') else t + " "


@cache
def environment() -> jinja2.Environment:
    """The templates' environment, made once per process (templates are compiled once)."""
    return templates.environment("compiler.backends.python", pyrepr=pyrepr, comment=comment, docstring=docstring)


def class_name(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_\W]+", name) if part) or "Value"


def member_name(value: str) -> str:
    m = re.sub(r"\W", "_", value)
    if not m.isidentifier() or m[0].isdigit():
        m = "v_" + m
    return m


@dataclass
class _Field:
    name: str
    annotation: str
    constraints: list[tuple[str, str]]
    title: str
    description: str


def _annotation(t: ir_types.Type, enum_classes: dict[str, str], record_classes: dict[str, str]) -> str:
    base = {
        "integer": "int",
        "months": "int",
        "days": "int",
        "quantity": "Decimal",
        "money": "Decimal",
        "percent": "Decimal",
        "ratio": "Decimal",
        "date": "dt.date",
        "yesno": "bool",
        "text": "str",
    }.get(t.kind)
    if t.kind == "enum":
        base = enum_classes[t.enum]
    elif t.kind == "list":
        base = f"tuple[{record_classes[t.record]}, ...]"  # a frozen Loan is immutable all the way down
    assert base is not None, t
    return f"{base} | None"


def _field(f: ir.Field, enum_classes: dict[str, str], record_classes: dict[str, str]) -> _Field:
    constraints: list[tuple[str, str]] = []
    if f.range is not None:
        if f.range.low is not None:
            constraints.append(("ge" if f.range.low_inclusive else "gt", _num(f.range.low, f.type)))
        if f.range.high is not None:
            constraints.append(("le" if f.range.high_inclusive else "lt", _num(f.range.high, f.type)))
    if f.type.kind in ("money", "percent", "ratio", "quantity") and f.places is not None:
        constraints.append(("decimal_places", str(f.places)))
    unit = {"money": f.type.unit, "percent": "percent (80 = 80%)", "ratio": "ratio", "months": "months",
            "days": "days"}.get(
        f.type.kind, f.type.unit)
    description = f.description + (f" Unit: {unit}." if unit else "")
    return _Field(f.name, _annotation(f.type, enum_classes, record_classes), constraints, f.title, description)


def _num(v: Decimal, t: ir_types.Type) -> str:
    if t.kind in ("integer", "months", "days"):
        return str(int(v))
    return pyrepr(v)


# loan.py by (vocabulary path, its text's sha256): the text depends on nothing else, so one process (`glc watch`,
# the schema back end after this one) writes it once.
_LOANS: dict[tuple[str, str], str] = {}


def generate_loan(vocab: ir_program.Vocabulary) -> str:
    """`generated/loan.py`: the pydantic Loan model and its enums."""
    k = (vocab.path, vocab.sha256)
    text = _LOANS.get(k)
    if text is None:
        text = _LOANS[k] = _loan_module(vocab)
    return text


def _loan_module(vocab: ir_program.Vocabulary) -> str:
    enums = []
    enum_classes: dict[str, str] = {}
    all_fields = [*vocab.fields, *(f for r in vocab.records for f in r.fields)]
    for f in all_fields:
        if f.type.kind == "enum" and f.type.enum not in enum_classes:
            cname = class_name(f.name if f in vocab.fields else f"{_record_of(vocab, f)}_{f.name}")
            enum_classes[f.type.enum] = cname
            enums.append({
                "class_name": cname,
                "doc": f"{f.title}: the values of `{f.name}`.",
                "values": [{"member": member_name(v), "name": v, "title": label}
                           for v, label in zip(f.type.values, f.type.labels or f.type.values, strict=True)],
            })
    record_classes = {r.name: class_name(r.name) for r in vocab.records}
    models = [
        {"class_name": record_classes[r.name], "doc": f"{r.title}: one item of a list field.",
         "fields": [_field(f, enum_classes, record_classes) for f in r.fields]}
        for r in vocab.records
    ]
    models.append({"class_name": "Loan", "doc": f"A loan, as the guidelines see it ({vocab.title}).",
                   "fields": [_field(f, enum_classes, record_classes) for f in vocab.fields]})
    exports = sorted([*enum_classes.values(), *record_classes.values(), "Loan"])
    no_score = [(f.name, f.no_score) for f in vocab.fields if f.no_score]
    return wrap(environment().get_template("loan.py.j2").render(vocabulary=vocab, enums=enums, models=models,
                                                                exports=exports, no_score=no_score,
                                                                no_score_text=NO_SCORE_TEXT))


def _record_of(vocab: ir_program.Vocabulary, f: ir.Field) -> str:
    for r in vocab.records:
        if f in r.fields:
            return r.name
    return ""


def module_name(program_id: str) -> str:
    return program_id if program_id.isidentifier() else re.sub(r"\W", "_", program_id)


def version_module_name(program: ir_program.Program, current: bool) -> str:
    """`keystone_bank_statement` for the current version, `keystone_bank_statement__v2025_2` for an older one."""
    base = module_name(program.id)
    return base if current else f"{base}__v{re.sub(r'[^0-9A-Za-z]', '_', program.version)}"


def versions_of(bundle: ir_program.Bundle) -> list[tuple[ir_program.Program, list[tuple[ir_program.Program, str]]]]:
    """Per current program (by id): every version, oldest first, with its module name."""
    out = []
    for p in sorted(bundle.programs, key=lambda p: p.id):
        older = [(h, version_module_name(h, False)) for h in bundle.history if h.id == p.id]
        out.append((p, [*older, (p, version_module_name(p, True))]))
    return out


def generate_program(program: ir_program.Program, vocabulary: ir_program.Vocabulary, name: str) -> dict[str, str]:
    """A program's two modules: `<name>.py`, the checker (values, one function per matrix and rule, `check`,
    `check_fast`), and `<name>_meta.py`, the metadata `check` words its Decision from (`META`)."""
    from compiler.backends.python.domains import invalid_lines
    from compiler.backends.python.expr import PyExpr, literal
    from compiler.backends.python.fast import fast_path
    from compiler.backends.python.words import words
    from compiler.meta import program_meta
    from compiler.meta import titles as titles_of
    from compiler.wording import describe, describe_requirement

    emitter = PyExpr()
    emitter.fields = {f.name: f for f in vocabulary.fields}  # their ranges and precisions (`_field`)
    titles = titles_of(program, vocabulary)
    meta = program_meta(program, vocabulary)
    own = {k: v for k, v in meta.names.items() if v.is_value}
    names = "{\n        **_fields.NAMES,\n" + "".join(f"        {k!r}: {literal(v, 2)},\n" for k, v in own.items()) + "    }"
    owner = f"Lender {program.lender}, overlay on {program.base}" if program.lender else f"Investor: {program.investor}"
    decisive = decisive_values(program)
    fast = fast_path(program, emitter, decisive)
    worded, shown = words(meta, ir_names.invalid_from(program.values))
    meta_module = f"{name}_meta"
    invalid_from = ir_names.invalid_from(program.values)

    def guard(val: ir.Value, ref: str) -> list[str]:
        return invalid_lines(val, ref, invalid_from.get(val.id), emitter.decimal, emitter.emit)

    checker = environment().get_template("program.py.j2").render(
        p=program, owner=owner, emit=emitter.emit, keys=emitter.axis_keys, requirement=emitter.requirement, decisive=decisive, fast=fast,
        words=worded, shown=shown, invalid_from=invalid_from, guard=guard,
        say=lambda x: describe(x, titles), say_requirement=lambda q: describe_requirement(q, titles),
        meta_module=meta_module, local_imports=sorted([f"from .{meta_module} import META", "from .loan import Loan"]),
    )
    meta_text = literal(meta, raw={"names": names})
    meta_file = environment().get_template("meta.py.j2").render(
        p=program, module=name, meta=meta_text, uses_dt="dt." in meta_text, uses_decimal="Decimal(" in meta_text)
    return {f"{name}.py": wrap(_constants_placed(checker, emitter.constants)),
            f"{meta_module}.py": wrap(meta_file)}


def _constants_placed(text: str, constants: dict[str, str]) -> str:
    """The module with each constant written right above the first function that uses it (unused ones left out), and
    without `import datetime as dt` / `from decimal import Decimal` when nothing uses the name (the names each
    top-level statement uses, `names.statement_names`, and those of the constants placed, which are all that is
    added)."""
    first: dict[int, list[str]] = {}  # line of a `def` -> the constants it is the first to use
    seen: set[str] = set()
    used: set[str] = set()
    order = {name: i for i, name in enumerate(constants)}
    for lineno, names in statement_names(text, [*constants, *_IMPORTED]):
        used |= names
        if lineno is not None:
            mine = sorted(names.intersection(constants).difference(seen), key=order.__getitem__)
            if mine:
                seen.update(mine)
                first[lineno] = mine  # in the order the emitter made them
    for n in seen:
        for _lineno, names in statement_names(f"{n} = {constants[n]}", _IMPORTED):
            used |= names
    lines = text.split("\n")
    for lineno in sorted(first, reverse=True):
        lines[lineno - 1:lineno - 1] = [*(f"{n} = {constants[n]}" for n in first[lineno]), "", ""]
    text = "\n".join(lines)
    for name, line in _IMPORTED.items():
        if name not in used:
            text = text.replace(line, "", 1)
    return text


_IMPORTED = {"dt": "import datetime as dt\n", "Decimal": "from decimal import Decimal\n"}  # left out when unused


def decisive_values(program: ir_program.Program) -> set[str]:
    """The derived values a decision depends on: read by a matrix, a rule or a limit the program sets (a matrix
    gives it or a rule caps it: the vocabulary's `max_hcltv` is nothing to a first-lien program), or by such a value."""
    bodies = {v.id: v.body for v in program.values}
    sets = {g for m in program.matrices for g in m.gives} | {a.limit for r in program.rules for a in r.adjustments
                                                              if a.kind == "cap"}
    need = {lim.on for lim in program.limits if lim.id in sets} & bodies.keys()
    for x in (*program.matrices, *program.rules):
        need |= set(ir.reads(x)) & bodies.keys()
    stack = list(need)
    while stack:
        for name in ir.reads(bodies[stack.pop()]):
            if name in bodies and name not in need:
                need.add(name)
                stack.append(name)
    return need


def generate_fields(vocabulary: ir_program.Vocabulary) -> str:
    """`generated/_fields.py`: how every loan field is named in messages, shared by all program modules."""
    from compiler.backends.python.expr import literal
    from compiler.runtime.meta import Name

    entries = "".join(
        f"    {f.name!r}: {literal(Name(f.title, f.type.kind, f.type.unit, False), 1)},\n" for f in vocabulary.fields
    )
    return wrap(
        f'"""Loan fields as messages name them: generated from {vocabulary.path}; do not edit.\n\n'
        f'Source sha256: {vocabulary.sha256}.\n"""\n\n'
        "from __future__ import annotations\n\nfrom . import _runtime as rt\n\n"
        f"NAMES: dict[str, rt.Name] = {{\n{entries}}}\n"
    )


def generate(bundle: ir_program.Bundle, memo: Memo = no_memo) -> dict[str, str]:
    """Every file of `generated/`, by path relative to it. A module depends on its program and the vocabulary
    only, so `memo` may find it from an earlier run."""
    versions = versions_of(bundle)
    modules = sorted(m for _, vs in versions for _, m in vs)
    files = {
        "__init__.py": wrap(environment().get_template("init.py.j2").render(bundle=bundle, module=module_name,
                                                                            versions=versions, modules=modules)),
        "loan.py": generate_loan(bundle.vocabulary),
    }
    files["_fields.py"] = generate_fields(bundle.vocabulary)
    files.update(runtime_files())  # copied as they are
    programs = [(p, module_name(p.id)) for p in bundle.programs]
    programs += [(p, version_module_name(p, False)) for p in bundle.history]
    jobs = [(program, partial(generate_program, program, bundle.vocabulary, name)) for program, name in programs]
    for (program, _name), made in zip(programs, memo_each(memo, "python", jobs), strict=True):
        for path, text in made.items():
            if path in files:  # a program whose id ends in `_meta`, next to the one it would shadow
                raise ValueError(f"two generated modules would be generated/{path}: rename program {program.id}")
            files[path] = text
    return files
