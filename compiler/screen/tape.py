"""Reading a loan tape: its columns mapped to the loan vocabulary, each cell read into its field's type.

A tape is CSV or Parquet (read by DuckDB, streamed, never loaded into Python objects). A mapping file (TOML)
names the tape's own columns and formats:

    [columns]                      # vocabulary field = tape column
    fico = "FICO Score"
    program = "Program"            # optional: the program each row is screened under
    [dates]
    application_date = "%m/%d/%Y"  # strptime format (default: ISO 2026-03-15 or 03/15/2026)
    [values.occupancy]             # tape text = vocabulary value
    "Owner Occupied" = "primary"
    [percent]                      # a percent field's scale: "points" (50 = 50%, the default) or "fraction" (0.5 = 50%)
    ownership_pct = "fraction"

Without a mapping, a column is used when its name is the field's name or title (any case). Cells are read
forgivingly ("$1,200,000", "80.00%", "Y"/"N", enum values or their labels in any case); empty, NA, N/A and
NULL cells are unknown. A cell that cannot be read, or is outside the field's range or has more decimals than
the field, makes the row unreadable: it keeps its place in the output with status `invalid` and the reasons.
The result is a relation with one typed column per vocabulary field, `_row` (1-based tape row), `_program`
and `_reason` (NULL for a readable row).

Percent fields are in percent points unless `[percent]` says a column holds fractions (then each number is
multiplied by 100, exactly; a cell written with `%` is points either way). Without that option, a percent
column whose numbers are all between 0 and 1 (and not all zero) is most likely fractions read as points (0.5 as
0.5%): `Tape.warnings` says so, naming the column, the field and the fix, never a silent misread.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlglot import exp

from compiler import ir, ir_program, ir_types
from compiler.backends.sql.numbers import from_source
from compiler.spellings import FALSE_TEXT, MONEY_SIGN, NO_SCORE_TEXT, NULL_TEXT, PERCENT_SIGN, THOUSANDS, TRUE_TEXT, US_DATE

PROGRAM = "program"


class TapeError(Exception):
    """The tape or the mapping cannot be used at all (one message for people, before any work)."""


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    percent: dict[str, str] = field(default_factory=dict)  # percent field -> "points" or "fraction"


PERCENT_SCALES = ("points", "fraction")


def read_mapping(path: Path, vocabulary: ir_program.Vocabulary) -> Mapping:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TapeError(f"No such mapping file: {path}.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise TapeError(f"Cannot read the mapping file {path}: {err}.") from None
    except tomllib.TOMLDecodeError as err:
        raise TapeError(f"{path}: not a valid mapping file (TOML): {err}.") from None
    known = {f.name for f in vocabulary.fields} | {PROGRAM}
    problems: list[str] = []
    for section in data:
        if section not in ("columns", "dates", "values", "percent"):
            problems.append(f"unknown section [{section}] (use [columns], [dates], [values.FIELD], [percent])")
    m = Mapping()
    for key, table in (("columns", m.columns), ("dates", m.dates)):
        for name, text in dict(data.get(key, {})).items():
            if name not in known:
                problems.append(f"[{key}] {name}: no such field{_hint(name, known)}")
            elif not isinstance(text, str):
                problems.append(f"[{key}] {name}: give the {'column name' if key == 'columns' else 'date format'} in quotes")
            else:
                table[name] = text
    for name, pairs in dict(data.get("values", {})).items():
        f = vocabulary.field(name)
        if f is None or f.type.kind not in ("enum", "yesno"):
            problems.append(f"[values.{name}]: not a yes/no or one-of field{_hint(name, known)}")
            continue
        allowed = f.type.values if f.type.kind == "enum" else ("yes", "no")
        for text, value in dict(pairs).items():
            if value not in allowed:
                problems.append(f"[values.{name}] {text!r} = {value!r}: not one of {', '.join(allowed)}")
        m.values[name] = {str(k): str(v) for k, v in dict(pairs).items()}
    percents = sorted(f.name for f in vocabulary.fields if f.type.kind == "percent")
    for name, scale in dict(data.get("percent", {})).items():
        f = vocabulary.field(name)
        if f is None or f.type.kind != "percent":
            problems.append(f"[percent] {name}: not a percent field{_hint(name, percents)} (percent fields: {', '.join(percents)})")
        elif scale not in PERCENT_SCALES:
            problems.append(f'[percent] {name} = {scale!r}: give "points" (50 means 50%) or "fraction" (0.5 means 50%)')
        else:
            m.percent[name] = scale
    if problems:
        raise TapeError(f"{path}: " + "; ".join(problems) + ".")
    return m


def tape_fault(err: BaseException) -> bool:
    """A DuckDB error about the tape's content or file (a ragged CSV line, a damaged Parquet file), as opposed to
    DuckDB refusing glc's own SQL (`compiler.screen.duck.SqlError`, a bug in glc) or anything else."""
    from compiler.screen.duck import refused

    return type(err).__module__.split(".")[0] in ("duckdb", "_duckdb") and not refused(err)


def _hint(name: str, options: set[str] | list[str]) -> str:
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def raw_relation(path: Path) -> exp.Expr:
    """The tape as DuckDB reads it: CSV all text, Parquet typed."""
    name = path.name.lower()
    arg = exp.Literal.string(str(path))
    if name.endswith(".parquet") or name.endswith(".pq"):
        return exp.Anonymous(this="read_parquet", expressions=[arg])
    if any(name.endswith(s) for s in (".csv", ".txt", ".tsv", ".csv.gz", ".tsv.gz")):
        delim = "\t" if ".tsv" in name else ","
        header = _csv_header(path, delim)
        cols = exp.Struct(expressions=[exp.PropertyEQ(this=exp.Literal.string(h), expression=exp.Literal.string("VARCHAR"))
                                       for h in header])

        def opt(key: str, value: exp.Expr) -> exp.Expr:
            return exp.EQ(this=exp.column(key), expression=value)

        # the header as written, every cell text, no guessing: a ragged line is an error naming the line
        return exp.Anonymous(this="read_csv", expressions=[
            arg, opt("columns", cols), opt("header", exp.Boolean(this=True)), opt("auto_detect", exp.Boolean(this=False)),
            opt("delim", exp.Literal.string(delim)), opt("quote", exp.Literal.string('"')), opt("escape", exp.Literal.string('"'))])
    raise TapeError(f"{path}: a tape is a .csv or .parquet file.")


def _csv_header(path: Path, delim: str) -> list[str]:
    import csv
    import gzip

    try:
        with (gzip.open(path, "rt", encoding="utf-8-sig", newline="") if path.name.lower().endswith(".gz")
              else path.open(encoding="utf-8-sig", newline="")) as f:
            header = next(csv.reader(f, delimiter=delim), [])
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise TapeError(f"Cannot read the tape {path}: {err}.") from None
    if not header or not any(h.strip() for h in header):
        raise TapeError(f"{path}: the first line should name the columns, and it is empty.")
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise TapeError(f"{path}: columns named twice in the first line: {', '.join(dupes)}.")
    return header


@dataclass
class Tape:
    """A tape opened for screening: where each field comes from and the SQL that reads it."""

    path: Path
    columns: dict[str, str]  # tape column -> DuckDB type
    used: dict[str, str]  # field (or `program`) -> tape column
    absent: list[str]  # vocabulary fields not on the tape (unknown for every loan)
    relation: exp.Select  # the normalised relation
    warnings: list[str] = field(default_factory=list)  # plain-English warnings about how the tape was read
    raw: exp.Expr | None = None  # the tape as DuckDB reads it
    mapping: Mapping = field(default_factory=Mapping)


CLIP = 40  # an unreadable cell is quoted in its row's reason up to this many characters


def _clipped(text: exp.Expr) -> exp.Expr:
    """A cell's text for a message: whole when short, else its start and its length (a 50 MB cell is never echoed)."""
    text = exp.cast(text, "VARCHAR")  # typed columns too
    length = exp.Length(this=text)
    long = _fn("concat", exp.Substring(this=text, start=exp.Literal.number(1), length=exp.Literal.number(CLIP)),
               _s("... ("), exp.cast(length, "VARCHAR"), _s(" characters)"))
    return exp.Case(ifs=[exp.If(this=exp.GT(this=length, expression=exp.Literal.number(CLIP)), true=long)], default=text)


def open_tape(con: Any, path: Path, vocabulary: ir_program.Vocabulary, mapping: Mapping | None = None,
              programs: set[str] | None = None) -> Tape:
    """Check the tape's columns against the mapping (every problem in one error) and build the reading SQL."""
    if not path.exists():
        raise TapeError(f"No such tape: {path}.")
    if path.is_dir():
        raise TapeError(f"{path} is a folder; give a .csv or .parquet tape file.")
    try:
        raw = raw_relation(path)
        described = con.execute(exp.select(exp.Star()).from_(raw).limit(0).sql(dialect="duckdb")).description
    except TapeError:
        raise
    except Exception as err:  # duckdb raises its own error classes for unreadable files
        if not tape_fault(err):
            raise
        raise TapeError(f"Cannot read the tape {path}: {str(err).splitlines()[0]}") from None
    columns = {d[0]: str(d[1]) for d in described}
    mapping = mapping or Mapping()
    missing = [f"{name} -> \"{col}\"{_hint(col, list(columns))}" for name, col in mapping.columns.items() if col not in columns]
    if missing:
        raise TapeError(f"{path}: the mapping names column{'s' if len(missing) > 1 else ''} the tape does not have: "
                        + "; ".join(missing) + ". Tape columns: " + ", ".join(columns) + ".")
    lower = {c.lower(): c for c in columns}
    used: dict[str, str] = {}
    for f in [*vocabulary.fields, None]:
        name = f.name if f else PROGRAM
        if name in mapping.columns:
            used[name] = mapping.columns[name]
            continue
        for candidate in (name, f.title if f else "Program"):
            if candidate.lower() in lower:
                used[name] = lower[candidate.lower()]
                break
    if not [n for n in used if n != PROGRAM]:
        raise TapeError(f"{path}: no column of the tape is a loan field. Name the columns in a mapping file "
                        "(--mapping), e.g. [columns] fico = \"FICO Score\". Tape columns: " + ", ".join(columns) + ".")
    absent = [f.name for f in vocabulary.fields if f.name not in used]
    relation = _normalise(raw, columns, used, vocabulary, mapping, programs)
    return Tape(path, columns, used, absent, relation, raw=raw, mapping=mapping)


# ------------------------------------------------------------------ percent scale

NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"  # a number once $ , and white space are removed (no %)
ZERO_TO_ONE = r"\+?(0*(\.[0-9]*)?|\.[0-9]+|0*1(\.0*)?)"  # a number between 0 and 1, compared as text: exact


def _percent_in_points(f: ir.Field) -> bool:
    """A percent field whose range goes beyond 1% (0%..100%): a fraction on the tape would be read 100 times too small."""
    return f.type.kind == "percent" and (f.range is None or f.range.high is None or f.range.high > 1)


def scale_warnings(con: Any, tape: Tape, vocabulary: ir_program.Vocabulary, table: str = "tape") -> list[str]:
    """One warning per percent column that looks like fractions: every number on it within [0, 1], at least one
    not zero, none written with `%`, and no `[percent]` option for its field. `table` is the tape read (typed):
    a column with a readable value above 1 is points (most tapes: one cheap aggregate); only the others are
    looked at again on the tape itself, unreadable cells included (0.5 has too many decimals for a whole percent)."""
    columns, used, mapping = tape.columns, tape.used, tape.mapping
    fields = [f for f in vocabulary.fields if f.name in used and _percent_in_points(f) and f.name not in mapping.percent]
    if not fields or tape.raw is None:
        return []
    above = con.execute(exp.select(*[exp.func("bool_or", exp.GT(this=exp.column(f.name, quoted=True), expression=exp.Literal.number(1)))
                                     for f in fields]).from_(table).sql(dialect="duckdb")).fetchone()
    fields = [f for f, big in zip(fields, above, strict=True) if not big]
    if not fields:
        return []
    raw = tape.raw
    aggregates: list[exp.Expr] = []
    for i, f in enumerate(fields):
        text = _raw_text(used[f.name], columns[used[f.name]])
        cleaned = _fn("regexp_replace", text.copy(), _s(r"[$,\s]"), _s(""), _s("g"))
        number = _fn("regexp_full_match", cleaned, _s(NUMBER))
        outside = exp.And(this=number.copy(), expression=exp.Not(this=_fn("regexp_full_match", cleaned.copy(), _s(ZERO_TO_ONE))))
        nonzero = exp.And(this=number.copy(), expression=_fn("regexp_matches", cleaned.copy(), _s("[1-9]")))
        with_pct = _fn("contains", text.copy(), _s("%"))
        for j, cond in enumerate((number, outside, nonzero, with_pct)):
            aggregates.append(exp.alias_(exp.Filter(this=exp.Count(this=exp.Star()), expression=exp.Where(this=cond)),
                                         f"c{i}_{j}"))
    counts = con.execute(exp.select(*aggregates).from_(raw.copy()).sql(dialect="duckdb")).fetchone()
    out = []
    for i, f in enumerate(fields):
        numbers, outside, nonzero, with_pct = counts[4 * i:4 * i + 4]
        if numbers and not outside and nonzero and not with_pct:
            col = used[f.name]
            out.append(f'Column "{col}" ({f.title}, field {f.name}) holds only numbers between 0 and 1, but {f.title} '
                       f"is a percent ({f.range.label if f.range else 'percent points'}): 0.5 is read as 0.5%, not 50%. "
                       f'If the column holds fractions, say so in the mapping file (--mapping): [percent] {f.name} = "fraction" '
                       f'(or {f.name} = "points" if 0.5 does mean 0.5%).')
    return out


# ------------------------------------------------------------------ reading cells in SQL

def _s(text: str) -> exp.Expr:
    return exp.Literal.string(text)


def _case(*whens: tuple[exp.Expr, exp.Expr], default: exp.Expr | None = None) -> exp.Expr:
    """CASE WHEN ... END, each part copied once (sqlglot's `Case.when` copies the whole CASE at every branch:
    quadratic, seconds per run for the enum cells of a tape)."""
    return exp.Case(ifs=[exp.If(this=cond.copy(), true=then.copy()) for cond, then in whens],
                    default=default.copy() if default is not None else None)


def _fn(name: str, *args: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this=name, expressions=list(args))


def _one_of(x: exp.Expr, texts: tuple[str, ...] | list[str]) -> exp.Expr:
    """x equals one of the texts (NULL when x is NULL): an OR of equalities, because DuckDB rewrites an IN list of
    five or more constants on a computed value (`lower(cell) IN (...)`) into a join, which is several times slower."""
    tree: exp.Expr = exp.EQ(this=x, expression=_s(texts[0]))
    for t in texts[1:]:
        tree = exp.Or(this=tree, expression=exp.EQ(this=x.copy(), expression=_s(t)))
    return exp.Paren(this=tree)


def _type(t: ir_types.Type, places: int | None, vocabulary: ir_program.Vocabulary) -> exp.DataType:
    return exp.DataType.build(_type_text(t, places, vocabulary), dialect="duckdb")


def _type_text(t: ir_types.Type, places: int | None, vocabulary: ir_program.Vocabulary) -> str:
    if t.numeric:
        return f"DECIMAL(18, {places or 0})"
    if t.kind == "date":
        return "DATE"
    if t.kind == "yesno":
        return "BOOLEAN"
    if t.kind == "list":
        record = next(r for r in vocabulary.records if r.name == t.record)
        parts = ", ".join(f'"{f.name}" {_type_text(f.type, f.places, vocabulary)}' for f in record.fields)
        return f"STRUCT({parts})[]"
    return "VARCHAR"


INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")


def _native(f: ir.Field, duck_type: str) -> bool:
    """The tape column already holds the field's type exactly (a typed Parquet extract): read as is, no text.
    Numbers: integers, or DECIMAL with no more decimals than the field's; dates: DATE; yes/no: BOOLEAN."""
    t = duck_type.upper()
    if f.type.numeric:
        if t in INTEGER_TYPES:
            return True
        if t.startswith("DECIMAL("):
            scale = int(t[len("DECIMAL("):-1].split(",")[1])
            return scale <= (f.places or 0)
        return False
    if f.type.kind == "date":
        return t == "DATE"
    if f.type.kind == "yesno":
        return t == "BOOLEAN"
    return False


def _raw_text(col: str, duck_type: str) -> exp.Expr:
    """A tape cell as trimmed text; NULL for empty or NA-like cells. Typed Parquet lists/structs as JSON."""
    c = exp.column(col, quoted=True)
    as_text = exp.cast(_fn("to_json", c), "VARCHAR") if ("[]" in duck_type or duck_type.startswith(("STRUCT", "MAP"))) \
        else exp.cast(c, "VARCHAR")
    trimmed = exp.Trim(this=as_text)
    return _case((_one_of(exp.Upper(this=trimmed), NULL_TEXT), exp.Null()), default=trimmed)


def _number(raw: exp.Expr, places: int) -> exp.Expr:
    """Digits with an optional sign, $, thousands commas, %, and at most `places` decimals (more only if zeros).

    Three tiers, each only for the cells the one before did not read, all deciding alike: a plain number ("1200000",
    "80.00") is cast as it is; one with `$`, `,` or `%` ("$1,200,000", "80.00%") is cast with those removed by
    `replace`; only what is left (white space inside, or unreadable text) goes through `regexp_replace`, the slow
    part. Text DuckDB's cast alone would accept but the tape does not mean ("1e3", "1_000", ".5", "12.345" for two
    places) matches none of the patterns and stays unreadable.
    """
    kind = exp.DataType.build(f"DECIMAL(18, {places})")
    pattern = (r"[+-]?[0-9]+(\.[0-9]{0," + str(places) + r"}0*)?") if places else r"[+-]?[0-9]+(\.0*)?"
    plain = raw
    for ch in (MONEY_SIGN, THOUSANDS, PERCENT_SIGN):
        plain = _fn("replace", plain, _s(ch), _s(""))
    cleaned = _fn("regexp_replace", raw.copy(), _s(r"[$,%\s]"), _s(""), _s("g"))
    return _case(*[(_fn("regexp_full_match", text, _s(pattern)), exp.TryCast(this=text.copy(), to=kind.copy()))
                   for text in (raw.copy(), plain, cleaned)])


def _fraction(raw: exp.Expr, places: int) -> exp.Expr:
    """A percent written as a fraction (`[percent] FIELD = "fraction"`): 0.5 is 50, exactly (a DECIMAL with two more
    decimals times 100); a cell written with `%` ("50%") is percent points whatever the column's scale."""
    scaled = exp.Mul(this=_number(raw, places + 2), expression=exp.Literal.number(100))
    return _case((_fn("contains", raw.copy(), _s("%")), _number(raw.copy(), places)),
                 default=exp.cast(scaled, exp.DataType.build(f"DECIMAL(18, {places})")))


def _date(raw: exp.Expr, fmt: str | None) -> exp.Expr:
    if fmt:
        return exp.cast(_fn("try_strptime", raw, _s(fmt)), "DATE")
    return exp.Coalesce(this=exp.TryCast(this=raw, to=exp.DataType.build("DATE")), expressions=[
        exp.cast(_fn("try_strptime", raw, _s(US_DATE)), "DATE"),
        exp.TryCast(this=exp.TryCast(this=raw, to=exp.DataType.build("TIMESTAMP")), to=exp.DataType.build("DATE"))])


def _yesno(raw: exp.Expr, extra: dict[str, str]) -> exp.Expr:
    whens: list[tuple[exp.Expr, exp.Expr]] = [(exp.EQ(this=raw, expression=_s(k)), exp.Boolean(this=v == "yes")) for k, v in extra.items()]
    table: dict[str, exp.Expr] = {**{text: exp.Boolean(this=True) for text in TRUE_TEXT}, **{text: exp.Boolean(this=False) for text in FALSE_TEXT}}
    low = _lookup(exp.Lower(this=raw.copy()), table)
    return _case(*whens, default=low) if whens else low


def _enum(raw: exp.Expr, t: ir_types.Type, extra: dict[str, str]) -> exp.Expr:
    whens: list[tuple[exp.Expr, exp.Expr]] = [(exp.EQ(this=raw, expression=_s(k)), _s(v)) for k, v in extra.items()]
    table: dict[str, exp.Expr] = {}
    for i, value in enumerate(t.values):
        names = {value.lower()} | ({t.labels[i].lower()} if i < len(t.labels) and t.labels[i] else set())
        for name in sorted(names):
            table.setdefault(name, _s(value))  # a text two values claim reads as the first
    low = _lookup(exp.Lower(this=raw.copy()), table)
    return _case(*whens, default=low) if whens else low


def _lookup(low: exp.Expr, table: dict[str, exp.Expr]) -> exp.Expr:
    """The value `table` gives the text `low` (NULL for any other text): one cast to a DuckDB ENUM of the texts
    (a hash lookup) and the value at that position, instead of a comparison with every text (249 countries with
    their names: 0.8 s of CPU per million cells against 0.06)."""
    kind = exp.DataType(this=exp.DataType.Type.ENUM, expressions=[_s(k) for k in table], nested=False)
    code = _fn("enum_code", exp.TryCast(this=low, to=kind))
    return _fn("list_extract", exp.Array(expressions=[v.copy() for v in table.values()]),
               exp.Add(this=code, expression=exp.Literal.number(1)))


def _json_items(raw: exp.Expr, record: ir.Record) -> exp.Expr:
    """A JSON array of objects as a list of text structs; NULL when the text is not a JSON array."""
    shape = "[{" + ", ".join(f'"{f.name}": "VARCHAR"' for f in record.fields) + "}]"
    is_array = exp.And(this=_fn("json_valid", raw), expression=exp.EQ(this=_fn("json_type", raw), expression=_s("ARRAY")))
    return _case((is_array, _fn("from_json", raw, _s(shape))))  # (TRY() would be far slower)


def _list(text: exp.Expr, record: ir.Record, vocabulary: ir_program.Vocabulary) -> tuple[exp.Expr, exp.Expr]:
    """Items read into their types: (the typed list; the count of items that cannot be read)."""
    item = exp.column("item")
    parts = []
    bad_cond: exp.Expr = exp.Is(this=item, expression=exp.Null())
    for f in record.fields:
        sub = exp.Dot(this=item, expression=exp.to_identifier(f.name, quoted=True))
        value: exp.Expr
        if f.type.kind == "date":
            value = exp.TryCast(this=sub, to=exp.DataType.build("DATE"))
        elif f.type.kind == "enum":
            value = _case((exp.In(this=sub, expressions=[_s(v) for v in f.type.values]), sub))
        elif f.type.numeric:
            value = _case((_fn("regexp_full_match", sub, _s(r"^[0-9]+$")),
                           exp.TryCast(this=sub, to=_type(f.type, f.places, vocabulary))))
            if f.range is not None:
                value = _case((_in_range(value, f.range), value))
        else:
            value = sub
        parts.append(exp.PropertyEQ(this=exp.to_identifier(f.name, quoted=True), expression=value))
        bad_cond = exp.Or(this=bad_cond, expression=exp.And(this=_known(sub), expression=_unknown(value)))
    lam = exp.Lambda(this=_fn("struct_pack", *parts), expressions=[exp.to_identifier("item")])
    typed = exp.Transform(this=text, expression=lam)
    n_bad = exp.ArraySize(this=exp.ArrayFilter(this=text, expression=exp.Lambda(this=bad_cond, expressions=[exp.to_identifier("item")])))
    return exp.cast(typed, _type(ir_types.Type("list", record=record.name), None, vocabulary)), n_bad


def _known(e: exp.Expr) -> exp.Expr:
    return exp.Not(this=exp.Is(this=e, expression=exp.Null()))


def _unknown(e: exp.Expr) -> exp.Expr:
    return exp.Is(this=e, expression=exp.Null())


def _in_range(value: exp.Expr, band: ir.Band) -> exp.Expr:
    conds: list[exp.Expr] = []
    if band.low is not None:
        conds.append((exp.GTE if band.low_inclusive else exp.GT)(this=value, expression=exp.Literal.number(f"{band.low:f}")))
    if band.high is not None:
        conds.append((exp.LTE if band.high_inclusive else exp.LT)(this=value, expression=exp.Literal.number(f"{band.high:f}")))
    if not conds:
        return exp.Boolean(this=True)
    return exp.Paren(this=conds[0] if len(conds) == 1 else exp.And(this=conds[0], expression=conds[1]))


def _normalise(raw: exp.Expr, columns: dict[str, str], used: dict[str, str], vocabulary: ir_program.Vocabulary,
               mapping: Mapping, programs: set[str] | None) -> exp.Select:
    """Layers: 1 cell texts (`t_f`) and the row number; 2 cells parsed (`p_f`); 3 list items typed (`x_f`, `b_f` bad
    items); 4 each field checked against its range, and the row's reasons."""
    fields = {f.name: f for f in vocabulary.fields}
    fractions = {name for name, scale in mapping.percent.items() if scale == "fraction" and name in used}
    native = {name for name, col in used.items()
              if name in fields and name not in fractions and _native(fields[name], columns[col])}
    texts = [exp.alias_(exp.column(col, quoted=True) if name in native else _raw_text(col, columns[col]), f"t_{name}", quoted=True)
             for name, col in used.items()]
    row: exp.Expr = exp.Window(this=exp.RowNumber())
    if isinstance(raw, exp.Anonymous) and raw.name.lower() == "read_parquet" and "file_row_number" not in columns:
        # Parquet: the file's own row numbers (read in parallel; ROW_NUMBER() OVER () reads the tape on one thread)
        raw = raw.copy()
        raw.append("expressions", exp.EQ(this=exp.column("file_row_number"), expression=exp.Boolean(this=True)))
        row = exp.Add(this=exp.column("file_row_number"), expression=exp.Literal.number(1))
    query: exp.Select = exp.select(exp.alias_(row, "_row"), *texts).from_(raw)

    def layer(cols: list[exp.Expr], alias: str) -> None:
        nonlocal query
        query = exp.select(exp.Star(), *cols).from_(from_source(query, alias))

    def c(name: str) -> exp.Expr:
        return exp.column(name, quoted=True)

    records = {r.name: r for r in vocabulary.records}
    parsed: list[exp.Expr] = []
    items: list[exp.Expr] = []
    typed: list[exp.Expr] = []
    reasons: list[tuple[exp.Expr, exp.Expr]] = []  # (the cell is bad, what the reason says)
    def no_score_cell(name: str) -> exp.Expr:
        """The cell of a number with `allows: no score` says there is none ("NONE", "No score")."""
        return _one_of(_fn("lower", _fn("trim", c(f"t_{name}"))), NO_SCORE_TEXT)

    for f in vocabulary.fields:
        if f.no_score_of and f.no_score_of in used and f.no_score_of not in native:
            # yes when the number's cell says none, no when it holds a number, else this field's own column
            own = _yesno(c(f"t_{f.name}"), mapping.values.get(f.name, {})) if f.name in used else exp.Null()
            typed.append(exp.alias_(_case((no_score_cell(f.no_score_of), exp.Boolean(this=True)),
                                          (_known(c(f"p_{f.no_score_of}")), exp.Boolean(this=False)), default=own),
                                    f.name, quoted=True))
            continue
        if f.name not in used:
            typed.append(exp.alias_(exp.cast(exp.Null(), _type(f.type, f.places, vocabulary)), f.name, quoted=True))
            continue
        t, p = c(f"t_{f.name}"), c(f"p_{f.name}")
        col = used[f.name]
        shown = _fn("concat", _s(f'{f.title} ("{col}"): cannot read "'), _clipped(t), _s('"'))
        unreadable = exp.And(this=_known(t), expression=_unknown(p))
        value: exp.Expr = p
        if f.name in native:  # a typed column (DECIMAL, integer, DATE, BOOLEAN): exact, no text to read
            to = _type(f.type, f.places, vocabulary)
            parsed.append(exp.alias_(exp.TryCast(this=t, to=to) if f.type.numeric else t, f"p_{f.name}", quoted=True))
            what = "a whole number" if not f.places else f"a number with at most {f.places} decimals"
            reasons.append((unreadable, _fn("concat", shown, _s(f" as {what}" if f.type.numeric else " (its type)"))))
            if f.range is not None:
                reasons.append((exp.And(this=_known(p), expression=exp.Not(this=_in_range(p, f.range))),
                                      _fn("concat", _s(f'{f.title} ("{col}"): '), t, _s(f" is outside {f.range.label}"))))
                value = _case((_in_range(p, f.range), p))
        elif f.type.numeric:
            parsed.append(exp.alias_(_fraction(t, f.places or 0) if f.name in fractions else _number(t, f.places or 0),
                                     f"p_{f.name}", quoted=True))
            if f.no_score:  # "NONE" is read (as no score), not unreadable
                unreadable = exp.And(this=unreadable, expression=exp.Not(this=no_score_cell(f.name)))
            what = "a whole number" if not f.places else f"a number with at most {f.places} decimals"
            if f.name in fractions:
                what = f"a fraction with at most {(f.places or 0) + 2} decimals (0.5 for 50%) or a percent (50%)"
            reasons.append((unreadable, _fn("concat", shown, _s(f" as {what}"))))
            if f.range is not None:
                reasons.append((exp.And(this=_known(p), expression=exp.Not(this=_in_range(p, f.range))),
                                      _fn("concat", _s(f'{f.title} ("{col}"): '), t, _s(f" is outside {f.range.label}"))))
                value = _case((_in_range(p, f.range), p))
        elif f.type.kind == "date":
            parsed.append(exp.alias_(_date(t, mapping.dates.get(f.name)), f"p_{f.name}", quoted=True))
            fmt = f" ({mapping.dates[f.name]})" if f.name in mapping.dates else " (2026-03-15 or 03/15/2026)"
            reasons.append((unreadable, _fn("concat", shown, _s(" as a date" + fmt))))
        elif f.type.kind == "yesno":
            parsed.append(exp.alias_(_yesno(t, mapping.values.get(f.name, {})), f"p_{f.name}", quoted=True))
            reasons.append((unreadable, _fn("concat", shown, _s(" as yes or no"))))
        elif f.type.kind == "enum":
            parsed.append(exp.alias_(_enum(t, f.type, mapping.values.get(f.name, {})), f"p_{f.name}", quoted=True))
            listed = ", ".join(f.type.values[:6]) + (", ..." if len(f.type.values) > 6 else "")
            reasons.append((unreadable, _fn("concat", shown, _s(f" as one of {listed}"))))
        elif f.type.kind == "list":
            record = records[f.type.record]
            parsed.append(exp.alias_(_json_items(t, record), f"p_{f.name}", quoted=True))
            typed_list, n_bad = _list(p, record, vocabulary)
            items += [exp.alias_(typed_list, f"x_{f.name}", quoted=True), exp.alias_(n_bad, f"b_{f.name}", quoted=True)]
            bad = exp.Or(this=_unknown(p), expression=exp.GT(this=c(f"b_{f.name}"), expression=exp.Literal.number(0)))
            reasons.append((exp.And(this=_known(t), expression=exp.Paren(this=bad)),
                                  _fn("concat", shown, _s(f" as a JSON list of {record.title.lower()} items"))))
            value = _case((exp.EQ(this=c(f"b_{f.name}"), expression=exp.Literal.number(0)), c(f"x_{f.name}")))
        else:
            value = t
        typed.append(exp.alias_(value, f.name, quoted=True))
    if PROGRAM in used:
        prog = c(f"t_{PROGRAM}")
        typed.append(exp.alias_(prog, "_program"))
        if programs is not None:
            named = exp.Coalesce(this=prog, expressions=[_s("")])
            reasons.append((exp.Not(this=exp.In(this=named, expressions=[_s(p) for p in sorted(programs)])),
                                  _fn("concat", _s(f'Program ("{used[PROGRAM]}"): no program "'), named, _s('"'))))
    else:
        typed.append(exp.alias_(exp.cast(exp.Null(), "VARCHAR"), "_program"))
    layer(parsed, "cells")
    if items:
        layer(items, "parsed")
    return exp.select(exp.column("_row"), *typed, exp.alias_(_reason(reasons), "_reason")).from_(
        from_source(query, "typed"))


def _reason(reasons: list[tuple[exp.Expr, exp.Expr]]) -> exp.Expr:
    """The row's reasons joined by "; ", NULL for a readable row. The messages are built only for the rows that
    have one (about 1% of a tape): a readable row costs one test per check, not ~60 string concatenations."""
    if not reasons:
        return exp.cast(exp.Null(), "VARCHAR")
    any_bad = reasons[0][0].copy()
    for cond, _ in reasons[1:]:
        any_bad = exp.Or(this=any_bad, expression=cond.copy())
    joined = exp.Anonymous(this="CONCAT_WS", expressions=[_s("; "), *[_case((cond, msg)) for cond, msg in reasons]])
    return _case((exp.Paren(this=any_bad), exp.Nullif(this=joined, expression=_s(""))))
