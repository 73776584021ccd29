"""What a report covers: the /export arguments, the agencies in scope, the period's label.

Pure rules over plain data; the workbook itself is written by :mod:`bot.adapters.excel`
and the rows are streamed by :mod:`bot.usecases.export`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.core.access import Access
from bot.core.agencies import Agency, AgencyDirectory
from bot.core.dates import fmt_date
from bot.core.normalize import vi_sort_key
from bot.texts import plain

# ----------------------------------------------------------------- arguments


class ExportArgsError(ValueError):
    """The /export arguments cannot be understood; ``code`` picks the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ExportArgs:
    """What was asked: an agency as written (or none) and an optional period."""

    agency: str | None = None
    start: date | None = None
    end: date | None = None


_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_day(text: str) -> date | None:
    """dd/mm/yyyy (also d/m/yyyy, with - or .) as a date; None when it is not one."""
    match = _DAY.match(text.strip())
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_export_args(args: Sequence[str]) -> ExportArgs:
    """``[agency words…] [from] [to]``: trailing dates are the period, the rest the agency.

    One date means "from that day on". A word that looks like a date but is not a real day
    (31/02/2024) is an error rather than part of an agency's name.
    """
    words = list(args)
    days: list[date] = []
    while words and len(days) < 2 and _looks_like_day(words[-1]):
        word = words.pop()
        day = parse_day(word)
        if day is None:
            raise ExportArgsError("export.bad_date", text=word)
        days.insert(0, day)
    if any(_looks_like_day(word) for word in words):
        bad = next(word for word in words if _looks_like_day(word))
        raise ExportArgsError("export.bad_date", text=bad)
    start = days[0] if days else None
    end = days[1] if len(days) > 1 else None
    if start and end and start > end:
        raise ExportArgsError("export.bad_period", start=fmt_date(start), end=fmt_date(end))
    agency = " ".join(words).strip() or None
    return ExportArgs(agency, start, end)


def _looks_like_day(word: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", word.strip()))


# --------------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """Which agencies a report covers and how to name them; None ids = the province."""

    agency_ids: tuple[int, ...] | None
    label: str
    file_tag: str


def province_scope(lang: str) -> Scope:
    """The whole province (admins, the CLI)."""
    return Scope(None, plain("export.scope_province", lang), "toan-tinh")


def agency_scope(directory: AgencyDirectory, agencies: Iterable[Agency]) -> Scope:
    """Chosen agencies and every former agency whose duties they took over.

    Tasks recorded against "Sở Lao động – Thương binh và Xã hội" before the 2025 merger
    belong to the report of its successor.
    """
    chosen = sorted({a.code: a for a in agencies}.values(), key=lambda a: vi_sort_key(a.name))
    codes = {a.code for a in chosen}
    ids = {
        a.id for a in directory.agencies
        if a.id is not None and (a.code in codes or directory.current(a).code in codes)
    }
    label = ", ".join(a.name for a in chosen)
    tag = chosen[0].code if len(chosen) == 1 else "co-quan"
    return Scope(tuple(sorted(ids)), label, tag)


@dataclass(frozen=True)
class ScopeRefusal:
    """Why a scope cannot be given: ``code`` is the message key."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


def decide_scope(
    directory: AgencyDirectory, access: Access, written: str | None, lang: str
) -> Scope | ScopeRefusal:
    """What this person may export: admins anything, members only their own agencies.

    Without an agency admins get the province and members all their agencies. A written
    name goes through the resolver (former names lead to today's successor).
    """
    if not (access.is_admin or access.is_member):
        return ScopeRefusal("error.members_only")
    if written is None:
        if access.is_admin:
            return province_scope(lang)
        own = [a for i in sorted(access.agency_ids) if (a := directory.by_id(i)) is not None]
        return agency_scope(directory, own)
    found = directory.resolve(written)
    if found is None:
        hints = ", ".join(a.name for a in directory.search(written, 3))
        key = "export.unknown_agency_hint" if hints else "export.unknown_agency"
        return ScopeRefusal(key, {"written": written, "hints": hints})
    scope = agency_scope(directory, [found.current])
    if not access.is_admin and not access.agency_ids.intersection(scope.agency_ids or ()):
        return ScopeRefusal("export.not_your_agency", {"agency": found.current.name})
    return scope


def period_label(start: date | None, end: date | None, lang: str) -> str:
    """"từ 01/07/2024 đến 30/09/2024", "từ …", "đến …" or "toàn bộ"."""
    if start and end:
        return plain("export.period_between", lang, start=fmt_date(start), end=fmt_date(end))
    if start:
        return plain("export.period_from", lang, start=fmt_date(start))
    if end:
        return plain("export.period_until", lang, end=fmt_date(end))
    return plain("export.period_all", lang)


def file_name(scope: Scope, today: date) -> str:
    """A plain ASCII file name: nhiem-vu_<agency code>_<yyyy-mm-dd>.xlsx."""
    return f"nhiem-vu_{scope.file_tag}_{today.isoformat()}.xlsx"


