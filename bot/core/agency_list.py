"""A province's list of agencies in CSV (``python -m bot agencies import FILE``). Pure.

Since 1/7/2025 a province has some hundred communes, wards and special zones; offices get
their list as a spreadsheet, not as TOML. The first line names the columns::

    code,name,kind,short,aliases
    06712,Phường Móng Cái 1,ward,,
    ,UBND xã Cái Chiên,commune,Xã Cái Chiên,UBND Cái Chiên;Cái Chiên

``name`` is required; a unit's own name ("Phường Móng Cái 1", "Xã Cái Chiên", "Đặc khu
Vân Đồn") becomes its People's Committee, "UBND phường Móng Cái 1", and gives the kind
when ``kind`` is empty. ``kind`` is one of the directory's kinds (or "xã", "phường", "đặc
khu"), never a collective: collectives and their rules live in the agency file. ``code``
(empty: made from the name) is the agency's stable identity; ``aliases`` are separated by
";". Every bad row is reported on a line of its own (in Vietnamese, for the operator) and
nothing is imported.
"""

from __future__ import annotations

import csv
import io
import re

from bot.core.agencies import COLLECTIVE, KINDS, Agency, DirectoryError
from bot.core.normalize import fold
from bot.texts import plain

MAX_ROWS = 5_000
"""Far more than any province (the largest has a few hundred units): a wrong file is refused."""
MAX_NAME = 200
MAX_ALIASES = 20
COLUMNS = ("code", "name", "kind", "short", "aliases")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# A unit's own name: (folded prefix, kind, the word after "UBND").
_UNITS = (("dac khu ", "special_zone", "đặc khu"), ("phuong ", "ward", "phường"),
          ("xa ", "commune", "xã"))
# The operator reads the problems: Vietnamese, as the other command-line output.
_KIND_WORDS = {"xa": "commune", "phuong": "ward", "dac khu": "special_zone"}


class AgencyListError(DirectoryError):
    """The list cannot be imported; ``problems`` has one line per bad row (or one for the
    file), in the operator's words (``cli.csv.*``)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__("\n".join(f"{source}: {problem}" for problem in problems))
        self.problems = problems


def parse_agency_csv(text: str, source: str = "CSV") -> list[Agency]:
    """The agencies of a CSV list, or :class:`AgencyListError` naming every bad row."""
    text = text.lstrip("\ufeff")  # Excel writes a byte-order mark
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise AgencyListError(source, [plain("cli.csv.empty")])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [fold(cell).replace(" ", "_") for cell in next(reader)]
    if "name" not in header or any(cell and cell not in COLUMNS for cell in header):
        raise AgencyListError(source, [plain("cli.csv.header")])
    problems: list[str] = []
    agencies: list[Agency] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    while True:
        line_no = reader.line_num + 1
        try:
            cells = next(reader, None)
        except csv.Error:  # a cell past the csv module's limit (131,072 characters)
            problems.append(plain("cli.csv.line", line=line_no, problem=plain("cli.csv.broken")))
            break
        if cells is None:
            break
        if not any(cell.strip() for cell in cells):
            continue
        if any("\n" in cell or "\r" in cell for cell in cells):
            # A quote left open swallowed the next lines into one cell.
            problems.append(plain("cli.csv.line", line=line_no, problem=plain("cli.csv.quote")))
            continue
        if len(agencies) + len(problems) >= MAX_ROWS:
            raise AgencyListError(source, [plain("cli.csv.too_many", limit=MAX_ROWS)])
        row = {key: " ".join(cells[i].split()) if i < len(cells) else ""
               for i, key in enumerate(header) if key}
        try:
            agency = _agency(row)
        except ValueError as exc:
            problems.append(plain("cli.csv.line", line=line_no, problem=exc))
            continue
        for seen, key, shown, what in ((codes, agency.code, agency.code, "code"),
                                       (names, fold(agency.name), agency.name, "name")):
            if key in seen:
                problems.append(plain("cli.csv.line", line=line_no, problem=plain(
                    f"cli.csv.duplicate_{what}", value=shown, line=seen[key])))
                break
            seen[key] = line_no
        else:
            agencies.append(agency)
    if problems:
        raise AgencyListError(source, problems)
    if not agencies:
        raise AgencyListError(source, [plain("cli.csv.no_rows")])
    return agencies


def _agency(row: dict[str, str]) -> Agency:
    """One row as an agency; ValueError says what is wrong with it."""
    name, kind = row.get("name", ""), row.get("kind", "")
    if not name:
        raise ValueError(plain("cli.csv.no_name"))
    if len(name) > MAX_NAME:
        raise ValueError(plain("cli.csv.name_too_long", limit=MAX_NAME))
    folded = fold(name) + " "
    unit = next((u for u in _UNITS if folded.startswith(u[0])), None)
    aliases = [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]
    if kind:
        kind = _KIND_WORDS.get(fold(kind), kind.lower())
        if kind not in KINDS:
            raise ValueError(plain("cli.csv.unknown_kind", kind=row["kind"]))
        if kind == COLLECTIVE:
            raise ValueError(plain("cli.csv.collective"))
    if unit is not None:
        if kind and kind != unit[1]:
            raise ValueError(plain("cli.csv.kind_mismatch", name=name, unit=unit[1], kind=kind))
        kind = unit[1]
        name = f"UBND {unit[2]} {name.split(None, len(unit[0].split()))[-1]}"
    if not kind:
        raise ValueError(plain("cli.csv.no_kind"))
    if len(aliases) > MAX_ALIASES:
        raise ValueError(plain("cli.csv.too_many_aliases", limit=MAX_ALIASES))
    code = row.get("code", "") or _slug(name)
    if not _CODE.match(code):
        raise ValueError(plain("cli.csv.bad_code", code=code))
    return Agency(code=code, name=name, short_name=row.get("short") or None, kind=kind,
                  aliases=tuple(dict.fromkeys(aliases)))


def _slug(name: str) -> str:
    """"UBND phường Móng Cái 1" -> "phuong-mong-cai-1" (the People's Committee is implied)."""
    words = fold(name).split()
    if words[:1] == ["ubnd"]:
        words = words[1:]
    return "-".join(words)[:64] or "agency"
