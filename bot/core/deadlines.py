"""Deadlines as Vietnamese officials write them.

Two entry points share one set of patterns:

* :func:`parse_deadline` reads what an admin types in chat ("30/9", "quý III/2024",
  "hằng tuần, trước 16 giờ ngày thứ Sáu", "không") and refuses anything else with a
  :class:`DeadlineError` whose ``code`` the UI turns into a message.
* :func:`find_deadline` picks the deadline out of a task's running text, where most
  dates are *not* deadlines: cited documents ("Kế hoạch số 101/KH-UBND ngày
  28/4/2022"), periods used as topics ("6 tháng cuối năm 2023", "giai đoạn
  2021-2025"), start dates ("từ năm 2024"). A period only counts with a cue such as
  "trong", "trước" or "trong kỳ họp"; a phrase tied to completion ("hoàn thành",
  "trước ngày", "thời gian", "xong") outranks a bare date.

Matching runs on :func:`~bot.normalize.fold_aligned` text, so case, diacritics and
dashes do not matter while the phrase is still quoted exactly as written. The fold goes
through a translation table filled on first sight of each character, so that a
document's every task is folded in C, not character by character in Python.

Recurring duties may name their day ("trước ngày 30 tháng 6 hằng năm", "trước 16 giờ
00 ngày thứ Sáu hằng tuần"); a span may count from a date the document states
elsewhere ("trong thời hạn 06 tháng kể từ ngày Nghị định có hiệu lực", given as
``effective``), never from a guess.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, cast

from bot.core.models import DeadlineKind as DeadlineKind  # re-exported for callers
from bot.core.normalize import fold_aligned

Period = Literal["weekly", "monthly", "quarterly", "half_yearly", "yearly"]
PERIODS: tuple[Period, ...] = ("weekly", "monthly", "quarterly", "half_yearly", "yearly")
_PERIOD_MONTHS: dict[str, tuple[int, ...]] = {
    "monthly": tuple(range(1, 13)),
    "quarterly": (3, 6, 9, 12),
    "half_yearly": (6, 12),
}
MAX_YEARS_AHEAD = 10


class _FoldTable(dict[int, str]):
    """code point -> :func:`fold_aligned` of it, computed on first use."""

    def __missing__(self, code: int) -> str:
        value = fold_aligned(chr(code))
        self[code] = value
        return value


_FOLD = _FoldTable()


@functools.lru_cache(maxsize=1024)
def _fold(text: str) -> str:
    """:func:`fold_aligned` at ``str.translate`` speed (a document asks about its texts
    more than once)."""
    return text.translate(_FOLD)


class DeadlineError(ValueError):
    """A deadline the bot cannot accept; ``code`` and ``params`` feed the UI's message.

    Codes: ``empty``, ``unrecognized``, ``no_such_quarter``, ``invalid_date``, ``past``,
    ``too_far``.
    """

    def __init__(self, code: str, params: Mapping[str, str] | None = None) -> None:
        self.code = code
        self.params: dict[str, str] = dict(params or {})
        detail = ", ".join(f"{key}={value}" for key, value in self.params.items())
        super().__init__(f"{code} ({detail})" if detail else code)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_end(year: int, month: int) -> date:
    return date(year, month, _last_day(year, month))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _last_day(year, month + 1)))


def format_date(d: date) -> str:
    """The Vietnamese way of writing a date: "30/09/2024"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


@dataclass(frozen=True)
class Recurrence:
    """A duty that comes back every period ("báo cáo định kỳ hằng quý").

    ``day`` is the day in the period's last month (monthly: the month itself; yearly:
    together with ``month``); ``None`` means the last day. ``weekday`` (0 = Monday) is
    for weekly duties; ``None`` means the end of the week (Sunday).
    """

    period: Period
    weekday: int | None = None
    day: int | None = None
    month: int | None = None

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown period {self.period!r}")
        if self.weekday is not None and (self.period != "weekly" or not 0 <= self.weekday <= 6):
            raise ValueError("weekday is 0..6 and only for weekly duties")
        if self.period == "weekly" and self.day is not None:
            raise ValueError("weekly duties take a weekday, not a day")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError("day must be 1..31")
        if self.month is not None:
            if self.period != "yearly" or not 1 <= self.month <= 12:
                raise ValueError("month is 1..12 and only for yearly duties")
            # 29/2 is allowed (it falls on 28/2 in common years), 30/2 is not.
            if self.day is not None and self.day > _last_day(2024, self.month):
                raise ValueError("no such day in that month")
        elif self.period == "yearly" and self.day is not None:
            raise ValueError("a yearly day needs a month")

    def to_text(self) -> str:
        """Compact storage form: "weekly:4", "monthly:last", "yearly:12-15"."""
        if self.period == "weekly":
            return f"weekly:{'last' if self.weekday is None else self.weekday}"
        day = "last" if self.day is None else str(self.day)
        if self.period == "yearly":
            return "yearly:last" if self.month is None else f"yearly:{self.month}-{day}"
        return f"{self.period}:{day}"

    @classmethod
    def from_text(cls, text: str) -> Recurrence:
        """Inverse of :meth:`to_text`; a bare period means its last day. ValueError on garbage."""
        match = _STORED.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a recurrence: {text!r}")
        period = cast(Period, match.group(1))
        arg = match.group(2) or "last"
        if period == "weekly":
            return cls(period, weekday=None if arg == "last" else _small_int(arg))
        if period == "yearly":
            if arg == "last":
                return cls(period)
            month_text, sep, day_text = arg.partition("-")
            if not sep:
                raise ValueError(f"yearly needs month-day: {text!r}")
            day = None if day_text == "last" else _small_int(day_text)
            return cls(period, day=day, month=_small_int(month_text))
        return cls(period, day=None if arg == "last" else _small_int(arg))

    def _due_in(self, year: int, month: int) -> date:
        last = _last_day(year, month)
        return date(year, month, last if self.day is None else min(self.day, last))

    def next_due(self, after: date) -> date:
        """The first due date strictly after ``after``."""
        if self.period == "weekly":
            weekday = 6 if self.weekday is None else self.weekday
            return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)
        if self.period == "yearly":
            month = self.month or 12
            year = after.year
            while (due := self._due_in(year, month)) <= after:
                year += 1
            return due
        months = _PERIOD_MONTHS[self.period]
        cursor = date(after.year, after.month, 1)
        while True:
            if cursor.month in months and (due := self._due_in(cursor.year, cursor.month)) > after:
                return due
            cursor = _add_months(cursor, 1)

    def current_due(self, today: date) -> date:
        """The deadline of the period running today: the first due date from today on."""
        return self.next_due(today - timedelta(days=1))

    def previous_due(self, before: date) -> date:
        """The last due date strictly before ``before`` (no period is longer than a year)."""
        cursor = self.next_due(before - timedelta(days=400))
        previous = cursor
        while cursor < before:
            previous, cursor = cursor, self.next_due(cursor)
        return previous

    def periods(self, today: date, earlier: int = 2, later: int = 1) -> list[date]:
        """Due dates around today, oldest first: ``earlier`` periods before the current one,
        the current one, ``later`` after it (the choices of a late-entered duty's first
        period)."""
        dues = [self.current_due(today)]
        for _ in range(earlier):
            dues.insert(0, self.previous_due(dues[0]))
        for _ in range(later):
            dues.append(self.next_due(dues[-1]))
        return dues


_STORED = re.compile(r"(weekly|monthly|quarterly|half_yearly|yearly)(?::(\S+))?")


def _small_int(text: str) -> int:
    if not re.fullmatch(r"\d{1,2}", text):
        raise ValueError(f"not a small number: {text!r}")
    return int(text)


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline with the phrase it came from (stored beside the date)."""

    kind: DeadlineKind
    due: date | None
    phrase: str
    recurrence: Recurrence | None = None


# --- Patterns ---------------------------------------------------------------------

_D = r"(\d{1,2})"
_Y = r"(\d{4})"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Core expressions, in priority order; a later one never overlaps an earlier match.
_CORES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("vn_date", re.compile(rf"\bngay\s+{_D}\s+thang\s+{_D}(?:\s*,?\s*nam\s+{_Y})?(?!\d)")),
    ("dmy", re.compile(
        rf"(?<![\d/.-]){_D}\s?([/.-])\s?{_D}\s?\2\s?(\d{{4}}|\d{{2}})(?![\d/]|\.\d)")),
    ("iso", re.compile(rf"(?<![\d/.-]){_Y}-{_D}-{_D}(?![\d/-])")),
    ("quarter", re.compile(rf"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|-|,?\s*nam)\s*{_Y}(?!\d))?")),
    ("month_year", re.compile(rf"\bthang\s+{_D}\s*(?:/|-|,?\s*nam)\s*{_Y}(?!\d)")),
    ("dm", re.compile(rf"(?<![\d/.-]){_D}\s?[/-]\s?{_D}(?![\d/-]|\.\d|\s?[/.-]\s?\d)")),
    ("bare_month_year", re.compile(rf"(?<![\d/.-]){_D}/{_Y}(?![\d/])")),
    ("month", re.compile(rf"\bthang\s+{_D}(?!\d)")),
    ("half", re.compile(rf"\b(?:0?6|sau)\s+thang\s+(dau|cuoi)\s+nam(?:\s+{_Y}(?!\d))?")),
    ("year", re.compile(
        rf"\bnam\s+{_Y}(?!\d)(?:\s*(?:,|va|-|den|toi)\s*(?:nam\s+)?(\d{{4}})(?!\d))*")),
    ("end_of", re.compile(r"\bcuoi\s+(nam|quy|thang)\b(?!\s+\d)")),
)
# A word each core needs; a text without it is not scanned for that core.
_CORE_NEEDS: dict[str, str] = {
    "vn_date": "ngay", "quarter": "quy", "month_year": "thang", "month": "thang",
    "half": "thang", "year": "nam", "end_of": "cuoi",
}
_PERIOD_CORES = frozenset({"month_year", "month", "quarter", "half", "year", "bare_month_year"})
_YEARLESS = frozenset({"dm", "month", "end_of"})

# Cue atoms right before a core, with their strength; the strongest wins, then the nearest.
# Each with a word it needs, so that a window without it is not searched.
_CUES: tuple[tuple[re.Pattern[str], float, str], ...] = tuple(
    (re.compile(rf"(?:^|(?<=[^a-z0-9]))(?:{atom})\s*[:,]?\s*$"), score, needs)
    for atom, score, needs in (
        (r"truoc(?:\s+ngay)?", 3.0, "truoc"),
        (r"cham nhat(?:\s+la)?(?:\s+(?:vao\s+)?ngay)?", 3.0, "cham"),
        (r"den het(?:\s+ngay)?", 3.0, "het"),
        (r"han chot(?:\s+la)?(?:\s+ngay)?", 3.0, "chot"),
        (r"(?:thoi\s+)?han(?:\s+hoan thanh)?(?:\s+la)?(?:\s+ngay)?", 3.0, "han"),
        (r"hoan thanh(?:\s+(?:trong|vao|xong))?(?:\s+ngay)?", 3.0, "hoan"),
        (r"xong(?:\s+(?:trong|vao))?(?:\s+ngay)?", 3.0, "xong"),
        (r"thoi gian(?:\s+(?:hoan thanh|thuc hien|xong))?(?:\s+la)?(?:\s+(?:trong|vao))?"
         r"(?:\s+ngay)?", 3.0, "thoi"),
        (r"(?:trong|tai|vao)\s+ky\s+hop(?:\s+thuong\s+ky)?"
         r"(?:\s+(?:thu\s+\d+|cuoi nam|giua nam|cuoi|giua))?", 3.0, "hop"),
        # "báo cáo … tại phiên họp thường kỳ tháng 10/2026" of the issuing body.
        (r"(?:trong|tai|vao)\s+(?:phien|cuoc)\s+hop(?:\s+(?:thuong ky|dinh ky|thuong le))?"
         r"(?:\s+(?:cua\s+)?(?:ubnd|uy ban nhan dan)(?:\s+tinh)?)?", 3.0, "hop"),
        (r"den(?:\s+ngay)", 2.0, "den"),
        (r"trong(?:\s+(?:vong|suot|nhung|cac))?", 2.0, "trong"),
        (r"(?:vao\s+)?ngay", 1.0, "ngay"),
    )
)
# Words that make the following date a start, a range or a topic, never a deadline.
_NEGATIVE_BEFORE = re.compile(
    r"(?:^|(?<=[^a-z0-9]))(?:tu|ke tu|bat dau(?:\s+tu)?|giai doan|den|toi|tam nhin(?:\s+den)?|"
    r"ke hoach|nhiem vu|chuong trinh|so ket|tong ket|bao cao|phuong huong)\s*(?:ngay\s*)?$"
)
_AFTER_CUE = re.compile(r"\s*,?\s*(?:phai\s+)?(?:thuc hien\s+|hoan thanh\s+)?(?:xong|hoan thanh)\b")
_DOC_TYPES = (
    r"ke hoach|quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|cong van|van ban|thong bao|"
    r"to trinh|cong dien|ket luan|huong dan|chuong trinh|de an|luat|phap lenh|quy dinh|quy che|"
    r"bao cao|giay moi|thong tri|van ban hop nhat"
)
_DATE_TEXT = (
    rf"(?:{_D}\s?[/.-]\s?{_D}(?:\s?[/.-]\s?\d{{2,4}})?"
    rf"|{_D}\s+thang\s+{_D}(?:\s*,?\s*nam\s+\d{{4}})?)"
)
_DOC_NUMBER = r"\d+[a-z]?(?:/\d{4})?(?:[/-][0-9]*[a-z][a-z0-9.&-]*)+"
# Spans that cite another document or event; their dates are references, not deadlines.
# Spans that cite another document or event; their dates are references, not deadlines.
# Each is found from the part that has a digit (the number, the date), then extended
# backwards over a bounded window: a scan that tries thirty document types at every
# position would cost more than the rest of the deadline search.
_CITED_NUMBER = re.compile(
    rf"(?<![\w/]){_DOC_NUMBER}(?:\s*,?\s*(?:\(\s*)?(?:ban hanh\s+)?ngay\s+{_DATE_TEXT})?"
)
_DATED = re.compile(rf"\bngay\s+{_DATE_TEXT}")
# What precedes "ngày <date>" when the date is a cited document's or an event's: "Kế hoạch
# (số) ngày …", "cuộc họp ngày …", "Luật Xây dựng ngày 18/6/2014" (a law by its name).
_CITED_BEFORE = re.compile(
    rf"(?:\b(?:{_DOC_TYPES})\s+(?:so\s+)?(?:\d+\s+)?(?:ban hanh\s+)?"
    r"|\b(?:cuoc hop|hoi nghi|buoi lam viec|phien hop|hoi thao)\s+"
    # A law's title may list its fields with commas ("Luật Quản lý, sử dụng vũ khí, …").
    r"|\b(?:luat|bo luat|nghi dinh|thong tu|hien phap)\s+"
    r"(?:(?!(?:truoc|han|hoan|xong|cham|trong|den|tu|vao|ky|ngay|thoi)\b)[a-z]+,?\s+){1,16})$"
)
_DATE_OF = re.compile(
    rf"(?:\bngay\s+)?{_DATE_TEXT}(?:\s?[/.-]\s?\d{{4}})?\s+cua\s+(?:ubnd|uy ban|hdnd|"
    r"hoi dong|chinh phu|thu tuong|bo\b|so\b|tinh uy|thanh uy|huyen uy|ban\b|van phong|"
    r"chu tich|quoc hoi|ban chap hanh|trung uong|bch|bo chinh tri|ban bi thu|ban thuong vu)"
)


def _citation_spans(folded: str) -> list[tuple[int, int]]:
    spans = [match.span() for match in _CITED_NUMBER.finditer(folded)]
    for match in _DATED.finditer(folded):
        window = max(0, match.start() - 120)
        before = _CITED_BEFORE.search(folded, window, match.start())
        if before is not None:
            spans.append((before.start(), match.end()))
    if " cua " in folded:
        spans.extend(match.span() for match in _DATE_OF.finditer(folded))
    return spans


_WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5, "2": 0, "3": 1, "4": 2,
             "5": 3, "6": 4, "7": 5}
_RECURRENCES: tuple[tuple[Period, re.Pattern[str]], ...] = (
    ("half_yearly", re.compile(
        r"(?:\bdinh ky\s*,?\s*)?\b(?:(?:hang|moi)\s+(?:0?6|sau)\s+thang"
        r"|(?:0?6|sau)\s+thang\s+(?:mot|1)\s+lan"
        r"|(?:hang|moi)\s+nua\s+nam|nua\s+nam\s+mot\s+lan)\b|\bdinh ky\s+(?:0?6|sau)\s+thang\b"
        r"|\bbao cao\s+(?:0?6|sau)\s+thang\b(?!\s*(?:dau|cuoi|\d|nam))")),
    ("weekly", re.compile(
        r"(?:\bdinh ky\s*,?\s*)?\b(?:hang|moi)\s+tuan\b(?!\s*\d)|\bdinh ky\s+tuan\b"
        r"|\bbao cao\s+tuan\b(?!\s*\d)")),
    ("monthly", re.compile(
        r"(?:\bdinh ky\s*,?\s*)?\b(?:hang|moi)\s+thang\b(?!\s*\d)|\bdinh ky\s+thang\b"
        r"|\bbao cao\s+thang\b(?!\s*\d)")),
    ("quarterly", re.compile(
        r"(?:\bdinh ky\s*,?\s*)?\b(?:hang|moi)\s+quy\b(?!\s*(?:\d|i\b|ii|iii|iv))|\bdinh ky\s+quy\b"
        r"|\bbao cao\s+quy\b(?!\s*(?:\d|i\b|ii|iii|iv))")),
    ("yearly", re.compile(
        r"(?:\bdinh ky\s*,?\s*)?\b(?:hang|moi)\s+nam\b(?!\s*\d)|\bdinh ky\s+nam\b|\bthuong nien\b"
        r"|\bbao cao\s+nam\b(?!\s*\d)")),
)
_RECUR_WEEKDAY = re.compile(
    r"\b(?:ngay\s+)?thu\s+(hai|ba|tu|nam|sau|bay|[2-7])\b|\b(?:ngay\s+)?chu\s+nhat\b"
)
_RECUR_DAY = re.compile(
    rf"(?:\btruoc\s+|\bcham nhat\s+)?\bngay\s+{_D}(?:\s*[/-]\s*{_D}|\s+thang\s+{_D})?"
    r"(?!\s*[/.-]?\s*\d)(?!\s+nam\s+\d)"
)

_NO_DEADLINE = frozenset({
    "-", "khong", "khong co", "khong thoi han", "khong co thoi han", "khong han", "khong co han",
    "thuong xuyen", "lien tuc", "khong xac dinh",
})
# Words that may surround a date typed in chat without changing it.
_FILLER = frozenset({
    "truoc", "ngay", "han", "hoan", "thanh", "trong", "den", "het", "cham", "nhat", "la", "vao",
    "thoi", "gian", "xong", "chot", "deadline", "toi", "vong", "thuc", "hien", "ky", "hop",
})
_RELATIVE = re.compile(r"(?:\+\s*(\d{1,4})|(?:trong\s+(?:vong\s+)?)?(\d{1,4})\s+(ngay|tuan|thang))")


@dataclass(frozen=True)
class _Core:
    kind: str
    start: int
    end: int
    groups: tuple[str | None, ...]


# Cores that need no digit; text without digits is scanned for these only.
_WORDY_CORES = frozenset({"quarter", "half", "end_of"})
# Cores written with digits and separators ("30/6/2026", "2026-06-30", "6/2026").
_NUMERIC_CORES = frozenset({"dmy", "iso", "dm", "bare_month_year"})
_DIGIT = re.compile(r"\d")
_NUMERIC_DATE = re.compile(r"\d\s?[/.-]\s?\d")
_RUN_START = re.compile(r"(?<![\d/.-])\d")


def _scan_cores(folded: str) -> list[_Core]:
    """Every core, earlier patterns first; a later one never overlaps an earlier match."""
    starts: list[int] = []  # the taken spans, sorted and disjoint
    ends: list[int] = []
    cores: list[_Core] = []
    digits = _DIGIT.search(folded) is not None
    # Every numeric core starts where a run of digits does; trying the patterns there
    # costs less than scanning the text once per pattern.
    runs = [m.start() for m in _RUN_START.finditer(folded)] if digits else []
    numeric = bool(runs) and _NUMERIC_DATE.search(folded) is not None
    for kind, pattern in _CORES:
        if (not digits and kind not in _WORDY_CORES) or (
            not numeric and kind in _NUMERIC_CORES
        ):
            continue
        needs = _CORE_NEEDS.get(kind)
        if needs is not None and needs not in folded:
            continue
        if kind in _NUMERIC_CORES:
            matches: Iterable[re.Match[str]] = filter(
                None, (pattern.match(folded, start) for start in runs)
            )
        else:
            matches = pattern.finditer(folded)
        for match in matches:
            start, end = match.span()
            index = bisect.bisect_right(starts, start)
            if (index > 0 and ends[index - 1] > start) or (
                index < len(starts) and starts[index] < end
            ):
                continue
            starts.insert(index, start)
            ends.insert(index, end)
            cores.append(_Core(kind, start, end, match.groups()))
    cores.sort(key=lambda core: core.start)
    return cores


class _Invalid(Exception):
    """A core that looks like a date but is not one (31/2, 30/13)."""


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Invalid from None


def _yearless(month: int, day: int | None, anchor: date, *, on_or_after: bool) -> date:
    """Place a day/month (or a month's end) in a year.

    In chat (``on_or_after``) it is the next such date on or after today. In a document
    it takes the document's year, unless that puts it more than a quarter before the
    document ("trước ngày 15/1" in a notice of December means next January).
    """
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        raise _Invalid
    for year in range(anchor.year, anchor.year + 9):
        if day is not None and day > _last_day(year, month):
            continue
        candidate = date(year, month, day if day is not None else _last_day(year, month))
        limit = anchor if on_or_after else anchor - timedelta(days=92)
        if candidate >= limit:
            return candidate
    raise _Invalid


def _core_due(core: _Core, anchor: date | None, *, chat: bool, before: bool) -> date | None:
    """The date a core stands for; ``before`` ("trước tháng 9") means the day before the period."""
    g = core.groups
    kind = core.kind
    yearless = kind in _YEARLESS or (kind == "vn_date" and g[2] is None) or (
        kind in ("quarter", "half") and g[1] is None
    )
    if yearless and anchor is None:
        return None
    if kind == "vn_date":
        day, month = int(g[0] or 0), int(g[1] or 0)
        if g[2] is None:
            return _yearless(month, day, cast(date, anchor), on_or_after=chat)
        return _date(int(g[2]), month, day)
    if kind == "dmy":
        year = int(g[3] or 0)
        if year < 100:
            if not chat:
                return None
            year += 2000
        return _date(year, int(g[2] or 0), int(g[0] or 0))
    if kind == "iso":
        return _date(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0))
    if kind == "dm":
        return _yearless(int(g[1] or 0), int(g[0] or 0), cast(date, anchor), on_or_after=chat)
    start_month: int
    end: date
    if kind in ("month_year", "bare_month_year"):
        month, year = int(g[0] or 0), int(g[1] or 0)
        if not 1 <= month <= 12:
            raise _Invalid
        start_month, end = month, _month_end(year, month)
    elif kind == "month":
        month = int(g[0] or 0)
        end = _yearless(month, None, cast(date, anchor), on_or_after=chat)
        start_month = month
    elif kind == "quarter":
        quarter = _ROMAN.get(g[0] or "") or int(g[0] or 0)
        last_month = quarter * 3
        if g[1] is not None:
            end = _month_end(int(g[1]), last_month)
        else:
            end = _yearless(last_month, None, cast(date, anchor), on_or_after=chat)
        start_month = last_month - 2
    elif kind == "half":
        last_month = 6 if g[0] == "dau" else 12
        if g[1] is not None:
            end = _month_end(int(g[1]), last_month)
        else:
            end = _yearless(last_month, None, cast(date, anchor), on_or_after=chat)
        start_month = last_month - 5
    elif kind == "year":
        years = [int(y) for y in g if y]
        if before:
            return date(min(years) - 1, 12, 31)
        return date(max(years), 12, 31)
    elif kind == "end_of":
        today = cast(date, anchor)
        if g[0] == "nam":
            return date(today.year, 12, 31)
        if g[0] == "quy":
            return _month_end(today.year, ((today.month - 1) // 3 + 1) * 3)
        return _month_end(today.year, today.month)
    else:  # pragma: no cover - every core kind is handled above
        raise AssertionError(kind)
    if before:
        start = date(end.year, start_month, 1)
        return start - timedelta(days=1)
    return end


def _clean_chat(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip()
    text = text.strip("*_`\"'“”‘’ \t")
    return re.sub(r"[\s.;,:!?]+$", "", text).strip()


def _words(folded: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", folded)


# "trợ cấp xã hội hằng tháng" is an allowance paid monthly, not a monthly duty.
_PAID_PERIODICALLY = re.compile(
    r"\b(?:tro cap|phu cap|luong|thu nhap|hoc bong|che do|chi phi|kinh phi|muc|tien|huong)"
    r"(?:\s+[a-z]+){0,3}\s+$"
)
# "kế hoạch 5 năm và hằng năm", "kế hoạch thanh tra hàng năm", "nhiệm vụ hằng năm": the
# period qualifies a noun (an annual plan), it does not make the duty recur.
_PERIODIC_NOUN = re.compile(
    r"(?:\b(?:ke hoach|nhiem vu|chuong trinh|du toan|ngan sach|chi tieu|muc tieu|san luong|"
    r"von|danh muc)(?:\s+[a-z0-9]+){0,3}|\b\d+\s+nam\s+va)\s+$"
)
_CLAUSE_END = re.compile(r"[;\n!?]|\.(?=\s|$)")


def _clause(folded: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence part around ``folded[start:end]`` (";" and "." end it)."""
    lo = 0
    for match in _CLAUSE_END.finditer(folded, 0, start):
        lo = match.end()
    found = _CLAUSE_END.search(folded, end)
    return lo, len(folded) if found is None else found.start()


_PERIOD_WORDS: dict[str, tuple[str, ...]] = {
    "half_yearly": ("thang", "nua nam"), "weekly": ("tuan",), "monthly": ("thang",),
    "quarterly": ("quy",), "yearly": ("nam", "thuong nien"),
}
# Words without which no recurrence pattern can match: a cheap test before five scans.
_RECURRENCE_HINT = re.compile(r"\b(?:hang|moi|dinh ky|thuong nien|bao cao|nua nam|mot lan|1 lan)\b")


def _detect_recurrence(folded: str) -> tuple[Recurrence, int, int] | None:
    """A recurring duty with the weekday/day stated in its clause, and the span it covers."""
    if _RECURRENCE_HINT.search(folded) is None:
        return None
    for period, pattern in _RECURRENCES:
        if not any(word in folded for word in _PERIOD_WORDS[period]):
            continue
        matches = pattern.finditer(folded)
        match = next((m for m in matches if not _PAID_PERIODICALLY.search(
            folded, max(0, m.start() - 80), m.start())), None)
        if match is None:
            continue
        start, end = match.span()
        lo, hi = _clause(folded, start, end)
        weekday: int | None = None
        day: int | None = None
        month: int | None = None
        if period == "weekly":
            found = _RECUR_WEEKDAY.search(folded, end, hi) or _RECUR_WEEKDAY.search(
                folded, lo, start
            )
            if found is not None:
                weekday = 6 if found.group(1) is None else _WEEKDAYS[found.group(1)]
                start, end = min(start, found.start()), max(end, found.end())
        else:
            found_day = _RECUR_DAY.search(folded, end, hi) or _RECUR_DAY.search(folded, lo, start)
            if found_day is not None:
                day_value = int(found_day.group(1))
                month_text = found_day.group(2) or found_day.group(3)
                month_value = int(month_text) if month_text else None
                if 1 <= day_value <= 31 and (month_value is None or 1 <= month_value <= 12):
                    day = day_value
                    if period == "yearly":
                        month = month_value or 12
                        if day > _last_day(2024, month):
                            day = None
                    start, end = min(start, found_day.start()), max(end, found_day.end())
        return Recurrence(period, weekday=weekday, day=day, month=month), start, end
    return None


def _cue_before(folded: str, start: int) -> tuple[float, int, bool]:
    """The strongest cue before ``start``: its score, where the phrase begins, and "trước"."""
    pre_start = max(0, start - 48)
    pre = folded[pre_start:start]
    if _NEGATIVE_BEFORE.search(pre) and not re.search(r"\bden\s+ngay\s*$", pre):
        return -1.0, start, False
    best: tuple[float, int, bool] = (0.0, start, False)
    for pattern, score, needs in _CUES:
        if needs not in pre:
            continue
        match = pattern.search(pre)
        # The strongest cue wins; among equals the nearest, so the phrase stays short.
        if match is not None and (score, pre_start + match.start()) > best[:2]:
            text = match.group(0).strip()
            best = (score, pre_start + match.start(), text.startswith("truoc"))
    return best


def _mask_citations(folded: str) -> str:
    """``folded`` with every citation blanked out (same length)."""
    spans = sorted(_citation_spans(folded))
    if not spans:
        return folded
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        if end <= pos:
            continue
        start = max(start, pos)
        pieces.append(folded[pos:start])
        pieces.append(" " * (end - start))
        pos = end
    pieces.append(folded[pos:])
    return "".join(pieces)


@dataclass(frozen=True)
class _Candidate:
    score: float
    due: date
    start: int
    end: int


def _candidates(
    folded: str, reference: date | None, exclude: Collection[date], effective: date | None = None
) -> list[_Candidate]:
    found: list[_Candidate] = []
    masked = _mask_citations(folded)
    for core in _scan_cores(masked):
        score, phrase_start, before = _cue_before(masked, core.start)
        if score < 0:
            continue
        if core.kind in _PERIOD_CORES or core.kind == "end_of":
            if score < 2:
                continue
        elif core.kind in _YEARLESS and score < 1:
            continue
        elif score == 0:
            score = 0.5
        try:
            before = before and core.kind in _PERIOD_CORES
            due = _core_due(core, reference, chat=False, before=before)
        except (_Invalid, ValueError, OverflowError):
            continue
        if due is None:
            continue
        end = core.end
        after = _AFTER_CUE.match(masked, end)
        if after is not None:
            end = after.end()
            score = max(score, 3.0)
        if score < 3 and due in exclude:
            continue
        if reference is not None and due < reference and "hop" in masked[phrase_start:core.start]:
            continue  # a meeting already held is no deadline
        found.append(_Candidate(score, due, phrase_start, end))
    found.extend(_relative_candidates(masked, reference, effective))
    return found


# "trong vòng 30 ngày", "trong thời hạn 15 ngày làm việc (kể từ ngày ký)", "trong 2 tuần",
# "trong thời hạn 06 tháng kể từ ngày Nghị định có hiệu lực".
_WITHIN = re.compile(
    r"\btrong\s+(?:vong\s+|thoi han\s+|thoi gian\s+)?(\d{1,3})\s+"
    r"(ngay lam viec|ngay|tuan|thang|nam)\b"
    r"(?:\s*,?\s*\(?\s*(?:ke tu|tinh tu)\s+ngay\s+(?:(?P<signed>ky|ban hanh|nhan duoc|nhan|"
    r"thong bao)(?:\s+(?:thong bao|van ban)(?:\s+nay)?)?|(?P<effective>[^.;:()]{0,80}?"
    r"\bco hieu luc(?:\s+thi hanh)?)))?"
)


def _relative_candidates(
    masked: str, reference: date | None, effective: date | None
) -> list[_Candidate]:
    """A span counted from the document's date, or from the day a text takes effect when
    the document states that day; working days skip weekends."""
    found: list[_Candidate] = []
    for match in _WITHIN.finditer(masked):
        start_day = effective if match.group("effective") else reference
        if start_day is None:
            continue
        amount, unit = int(match.group(1)), match.group(2)
        try:
            if unit == "tuan":
                due = start_day + timedelta(weeks=amount)
            elif unit == "ngay":
                due = start_day + timedelta(days=amount)
            elif unit == "thang":
                due = _add_months(start_day, amount)
            elif unit == "nam":
                due = _add_months(start_day, 12 * amount)
            else:
                due = start_day
                for _ in range(amount):
                    due += timedelta(days=1)
                    while due.weekday() >= 5:
                        due += timedelta(days=1)
        except (OverflowError, ValueError):
            continue
        found.append(_Candidate(2.5, due, match.start(), match.end()))
    return found


def find_deadline(
    text: str,
    reference: date | None,
    *,
    exclude: Collection[date] = (),
    effective: date | None = None,
) -> Deadline | None:
    """The deadline stated in a task's running text, or None.

    ``reference`` is the document's date: it gives a year to "trước ngày 15/12" and the
    first occurrence of a recurring duty. Dates in ``exclude`` (the meeting and issue
    dates) only count when a completion cue is attached. ``effective`` is the day the
    text a span counts from takes effect ("… kể từ ngày Nghị định có hiệu lực"), when the
    document states it; without it such a span gives no deadline. Among candidates the
    strongest cue wins; on a tie the later date, since that is when the work must be done.
    """
    text = unicodedata.normalize("NFC", text)
    folded = _fold(text)
    candidates = _candidates(folded, reference, exclude, effective)
    recurring = _detect_recurrence(folded)
    if recurring is not None and not _stated_recurrence(folded, *recurring):
        recurring = None
    if recurring is not None:
        recurrence, start, end = recurring
        lo, hi = _clause(folded, start, end)
        # A firm date in another clause ("báo cáo trước ngày 20/6; hằng tuần cập nhật …")
        # is the item's deadline; the weekly chore is secondary.
        firm = [c for c in candidates if c.score >= 3 and not lo <= c.start < hi]
        if not firm:
            due: date | None = None
            if reference is not None:
                try:
                    due = recurrence.next_due(reference - timedelta(days=1))
                except OverflowError:
                    due = None
            return Deadline(DeadlineKind.RECURRING, due, _tidy(text[start:end]), recurrence)
        candidates = firm
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.score, c.due))
    return Deadline(DeadlineKind.DATE, best.due, _tidy(text[best.start:best.end]))


def _stated_recurrence(folded: str, recurrence: Recurrence, start: int, end: int) -> bool:
    """Whether a document states a recurring duty it can be reminded of: not a period that
    qualifies a noun ("kế hoạch hằng năm"), and a yearly duty only with its day ("trước ngày
    30 tháng 6 hằng năm"): a year has no customary day, so "hằng năm tổng hợp …" gives none."""
    stated_day = recurrence.day is not None or recurrence.weekday is not None
    if recurrence.period == "yearly" and recurrence.month is None:
        return False
    if stated_day or _PERIODIC_NOUN.search(folded, max(0, start - 60), start) is None:
        return True
    # "Báo cáo kết quả thực hiện kế hoạch hằng quý": a report recurs whatever it is about.
    lo, _ = _clause(folded, start, end)
    return re.search(r"\bbao cao\b", folded[lo:start]) is not None


def _tidy(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.replace("*", "")).strip(" ,;:")


def parse_deadline(text: str, today: date) -> Deadline:
    """A deadline typed by an admin in chat; raises :class:`DeadlineError`.

    Dates without a year mean the next such date; "tháng 9" and "quý 3" mean the end
    of that period this year (or next year once it is over); "+7", "2 tuần" count from
    today; "hằng quý" and friends are recurring; "không", "-" and "thường xuyên" mean
    no deadline.
    """
    phrase = _clean_chat(text if isinstance(text, str) else "")
    if not phrase:
        raise DeadlineError("empty")
    folded = fold_aligned(phrase)
    simple = " ".join(folded.replace("-", " - ").split())
    if simple in _NO_DEADLINE or simple.strip(" -") == "" or folded.strip() in _NO_DEADLINE:
        return Deadline(DeadlineKind.NONE, None, phrase)
    recurring = _detect_recurrence(folded)
    if recurring is not None:
        recurrence = recurring[0]
        return Deadline(DeadlineKind.RECURRING, recurrence.next_due(today - timedelta(days=1)),
                        phrase, recurrence)
    due = _parse_relative(folded, today)
    if due is None:
        due = _parse_absolute(folded, today, phrase)
    elif is_shortcut(phrase):
        # "+3" is a typing shortcut, not a document's words: the date it gave is what is
        # kept (quoted, “+3” would read as the notice's wording, and mean nothing later).
        phrase = format_date(due)
    if due < today:
        raise DeadlineError("past", {"date": format_date(due), "today": format_date(today)})
    limit = _add_months(today, 12 * MAX_YEARS_AHEAD)
    if due > limit:
        raise DeadlineError("too_far", {"date": format_date(due), "max": format_date(limit)})
    return Deadline(DeadlineKind.DATE, due, phrase)


_SHORTCUT = re.compile(r"\+\s*\d{1,4}")


def is_shortcut(phrase: str | None) -> bool:
    """"+7": days from the day it was typed, a shortcut of the chat, never a document's
    words (stored so by older versions; shown without it, the date alone)."""
    return phrase is not None and _SHORTCUT.fullmatch(phrase.strip()) is not None


def written_phrase(phrase: str | None) -> str | None:
    """The deadline's words worth quoting beside its date: none for a "+7" shortcut."""
    return None if is_shortcut(phrase) else phrase


def _parse_relative(folded: str, today: date) -> date | None:
    match = _RELATIVE.fullmatch(" ".join(folded.split()))
    if match is None:
        return None
    if match.group(1) is not None:
        return today + timedelta(days=int(match.group(1)))
    amount, unit = int(match.group(2)), match.group(3)
    if unit == "ngay":
        return today + timedelta(days=amount)
    if unit == "tuan":
        return today + timedelta(weeks=amount)
    if amount > 12 * MAX_YEARS_AHEAD:
        raise DeadlineError("too_far", {"date": f"+{amount}"})
    return _add_months(today, amount)


_NO_SUCH_QUARTER = re.compile(r"\bquy\s+(?:v|vi|vii|viii|ix|x|[05-9]|\d{2,})\b")


def _parse_absolute(folded: str, today: date, phrase: str) -> date:
    cores = _scan_cores(folded)
    if _NO_SUCH_QUARTER.search(folded) and not any(c.kind == "quarter" for c in cores):
        raise DeadlineError("no_such_quarter", {"text": phrase})  # "quý V/2026"
    if len(cores) != 1:
        raise DeadlineError("unrecognized", {"text": phrase})
    core = cores[0]
    residue = folded[: core.start] + " " + folded[core.end:]
    if any(word not in _FILLER for word in _words(residue)):
        raise DeadlineError("unrecognized", {"text": phrase})
    before = "truoc" in _words(folded[: core.start]) and core.kind in _PERIOD_CORES
    try:
        due = _core_due(core, today, chat=True, before=before)
    except (_Invalid, ValueError, OverflowError):
        raise DeadlineError("invalid_date", {"date": phrase[core.start:core.end]}) from None
    if due is None:  # pragma: no cover - chat always has an anchor
        raise DeadlineError("unrecognized", {"text": phrase})
    return due
