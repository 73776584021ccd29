"""Pure helpers behind the agency picker and the date/deadline questions.

Shared by /new, /import and task editing: which agencies to list first, how to page
them, how typed names ("Sở KH&ĐT; Sở Xây dựng", "lđtbxh") map to agencies, and how a
typed document date is read. No Telegram, no database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.agencies import Agency, AgencyDirectory, Resolution
from bot.core.normalize import SortKey, fold, vi_sort_key

PAGE_SIZE = 8
# Departments get most tasks, then provincial bodies, then localities and groups.
_KIND_ORDER = (
    "department", "provincial", "local", "commune", "ward", "special_zone", "group", "central",
    "other",
)
_SEPARATORS = re.compile(r"\s*[;,\n]\s*|\s+\+\s+")


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, its index and how many pages there are."""

    items: list[Agency]
    index: int
    count: int


def rank_agencies(
    directory: AgencyDirectory,
    query: str,
    usage: Mapping[int, int],
    recent: Sequence[int] = (),
) -> list[Agency]:
    """Agencies for a picker.

    Without a query: those already used in this draft first, then the most used ones
    overall, then departments before other kinds, alphabetically — officials assign
    the same few agencies again and again. With a query: the directory's
    diacritic-insensitive search (abbreviations and former names included).
    """
    if fold(query):
        return directory.search(query, limit=200)
    active = [a for a in directory.agencies if a.active and a.id is not None]
    position = {agency_id: index for index, agency_id in enumerate(recent)}

    def key(agency: Agency) -> tuple[int, int, int, SortKey]:
        agency_id = agency.id if agency.id is not None else -1
        kind = _KIND_ORDER.index(agency.kind) if agency.kind in _KIND_ORDER else len(_KIND_ORDER)
        return (position.get(agency_id, len(position)), -usage.get(agency_id, 0), kind,
                vi_sort_key(agency.name))

    return sorted(active, key=key)


def paginate(items: Sequence[Agency], page: int, size: int = PAGE_SIZE) -> Page:
    """The ``page``-th slice (clamped to the existing pages)."""
    count = max(1, -(-len(items) // size))
    index = min(max(page, 0), count - 1)
    return Page(list(items[index * size:(index + 1) * size]), index, count)


@dataclass(frozen=True)
class NameMatch:
    """Typed agency names: what resolved, and the first piece that did not."""

    found: list[Resolution]
    unknown: str | None

    @property
    def complete(self) -> bool:
        """Every piece named a known agency."""
        return self.unknown is None and bool(self.found)


def resolve_names(text: str, directory: AgencyDirectory) -> NameMatch:
    """Read one or several agency names typed in chat.

    Names are separated by ";", "," or new lines, but a comma may also be part of a
    name ("Sở Văn hóa, Thể thao và Du lịch", "UBND các xã, phường"), so the longest run
    of pieces that names an agency wins. Resolution is exact modulo spelling
    (diacritics, dashes, abbreviations); former names resolve to their successor.
    """
    whole = directory.resolve(text)
    if whole is not None and whole.current.active:
        return NameMatch([whole], None)
    pieces = [p for p in _SEPARATORS.split(text.strip()) if p]
    found: list[Resolution] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            resolution = directory.resolve(", ".join(pieces[start:end]))
            if resolution is not None and resolution.current.active:
                if all(r.current.code != resolution.current.code for r in found):
                    found.append(resolution)
                start = end
                break
        else:
            return NameMatch(found, pieces[start])
    return NameMatch(found, None)


class DateInputError(ValueError):
    """A typed document date that cannot be read; ``code`` picks the message."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s+(\d{4}))?")


def parse_document_date(text: str, today: date) -> date:
    """A date typed for a document (issue or meeting date): past dates are normal here.

    Accepts "23/8/2024", "23.08.2024", "2024-08-23", "ngày 23 tháng 8 năm 2024" and
    "23/8" (this year). Raises :class:`DateInputError` ("unrecognized", "invalid",
    "future") otherwise; a date more than a year ahead is surely a typo.
    """
    folded = fold(text.replace("/", " / ").replace(".", " . ").replace("-", " - "))
    compact = re.sub(r"\s+", "", text.strip().lower())
    year: str | None
    match = _ISO.fullmatch(compact)
    if match:
        year, month, day = match.groups()
    else:
        numeric = _NUMERIC.fullmatch(compact.removeprefix("ngày").removeprefix("ngay"))
        words = _WORDS.fullmatch(folded)
        if numeric:
            day, month, year = numeric.groups()
        elif words:
            day, month, year = words.groups()
        else:
            raise DateInputError("unrecognized")
    full_year = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        result = date(full_year, int(month), int(day))
    except ValueError:
        raise DateInputError("invalid") from None
    if result > date(today.year + 1, today.month, min(today.day, 28)):
        raise DateInputError("future")
    return result


# "512/TB-UBND", "12/KH-UBND", "45-KL/TU", "01/2024/NQ-HĐND", "512": a number of at most
# six digits, then "/" or "-" and a symbol with letters. Thirty digits, a sentence or a
# date ("12/9/2024") are not.
_DOC_NUMBER = re.compile(r"[0-9]{1,6}(?:[/-][\w&.\-/]*[^\W\d_][\w&.\-/]*)?")
_NUMBER_PREFIX = re.compile(r"^(?:số|so)\s*:?\s*", re.IGNORECASE)
MAX_DOC_NUMBER = 40


def parse_document_number(text: str) -> str | None:
    """A typed document number, tidied ("Số: 512 / TB-UBND" -> "512/TB-UBND"), or None
    when it does not have the shape of one."""
    compact = re.sub(r"\s*([/-])\s*", r"\1", _NUMBER_PREFIX.sub("", text.strip()))
    if len(compact) > MAX_DOC_NUMBER or not _DOC_NUMBER.fullmatch(compact):
        return None
    return compact


def former_matches(directory: AgencyDirectory, query: str) -> list[tuple[Agency, Agency]]:
    """Former agencies the query names or abbreviates, with the agency holding their duties.

    Lets the picker explain why typing "lao động" lists "Sở Nội vụ".
    """
    folded = fold(query)
    if len(folded) < 2:
        return []
    found: list[tuple[Agency, Agency]] = []
    resolved = directory.resolve(query)
    if resolved is not None and resolved.renamed:
        found.append((resolved.named, resolved.current))
    for agency in directory.agencies:
        if agency.active or any(agency.code == f.code for f, _ in found):
            continue
        spelled = [fold(agency.name), *(fold(a) for a in agency.aliases)]
        if agency.short_name:
            spelled.append(fold(agency.short_name))
        if any(folded in s for s in spelled):
            current = directory.current(agency)
            if current.code != agency.code and current.active:
                found.append((agency, current))
    return found
