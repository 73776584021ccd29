"""The Excel report leaders file: the task annex and a summary per agency.

Provincial offices report task results as a table ("phụ lục kết quả thực hiện nhiệm
vụ"): one row per task with its source notice, agencies, deadline and official class,
plus a count per agency. :class:`ReportWorkbook` writes both sheets with openpyxl's
write-only workbook, row by row as pages arrive from storage, so an export of 50,000
tasks never holds them all in memory; the summary is counted from the same stream, so
the two sheets cannot disagree.

Which tasks a report covers is :class:`bot.models.ReportFilter`: an agency (lead or
supporting), and a period that catches tasks *due* in it or *assigned* in it. Classes are
judged on the day the report is made ("số liệu tính đến ngày …").
"""

from __future__ import annotations

import argparse
import asyncio
import io
import re
import sys
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from bot.access import Access
from bot.agencies import Agency, AgencyDirectory
from bot.cli import EXTRA_COMMANDS
from bot.models import ReportFilter, ReportRow, TaskStatus
from bot.normalize import fold
from bot.render import fmt_date
from bot.status import CLASS_ORDER, ClassCounts, StatusClass, classify
from bot.texts import plain

if TYPE_CHECKING:
    from bot.services import Services

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"

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
    chosen = sorted({a.code: a for a in agencies}.values(), key=lambda a: fold(a.name))
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


# ------------------------------------------------------------------ workbook

# (header key, width in characters) of the task sheet, in order.
TASK_COLUMNS: tuple[tuple[str, float], ...] = (
    ("export.col.stt", 5),
    ("export.col.task_id", 7),
    ("export.col.doc_number", 17),
    ("export.col.doc_date", 11.5),
    ("export.col.doc_signer", 18),
    ("export.col.text", 60),
    ("export.col.lead", 24),
    ("export.col.support", 26),
    ("export.col.deadline", 11.5),
    ("export.col.class", 17),
    ("export.col.report", 42),
    ("export.col.completed", 12.5),
)
HEADER_ROWS = 5  # title, subtitle, scope line, blank, header
CLASS_FILLS: dict[StatusClass, str] = {
    StatusClass.DONE_ON_TIME: "E8F5E9",
    StatusClass.DONE_LATE: "F1F8E9",
    StatusClass.IN_PROGRESS: "FFFDE7",
    StatusClass.OVERDUE: "FFEBEE",
    StatusClass.NO_DEADLINE: "ECEFF1",
}


@dataclass(frozen=True)
class ReportMeta:
    """What the title rows say."""

    province: str
    scope: Scope
    start: date | None
    end: date | None
    today: date
    lang: str = "vi"


@dataclass
class ExportResult:
    """What went into a report (the handler's caption and the tests use it)."""

    rows: int
    totals: ClassCounts
    per_agency: dict[tuple[int, str], ClassCounts]


class ReportWorkbook:
    """Streams the task sheet and counts the summary while rows are added.

    Call :meth:`add` with pages of rows (in the order they should appear), then
    :meth:`save` once. Everything is in memory only as counts per agency and class.
    """

    def __init__(self, meta: ReportMeta, directory: AgencyDirectory) -> None:
        self.meta = meta
        self.directory = directory
        self.lang = meta.lang
        self.focus_ids: frozenset[int] | None = (
            None if meta.scope.agency_ids is None else frozenset(meta.scope.agency_ids)
        )
        self.totals = ClassCounts()
        self.per_agency: dict[tuple[int, str], ClassCounts] = {}
        self.count = 0
        self._names: dict[tuple[int, ...], str] = {}
        self._class_texts = {cls: plain(f"class.{cls.value}", self.lang) for cls in StatusClass}
        self._widths = [width for _, width in TASK_COLUMNS]
        self.book = Workbook(write_only=True)
        self._resolved: dict[str, Any] = {}
        self._styles()
        self.tasks = self.book.create_sheet(plain("export.sheet_tasks", self.lang))
        self.summary = self.book.create_sheet(plain("export.sheet_summary", self.lang))
        self._start_task_sheet()

    # -- styles: named once, so each cell only carries a reference ---------------
    def _styles(self) -> None:
        thin = Side(style="thin", color="9E9E9E")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        top = Alignment(vertical="top", wrap_text=True)
        centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
        font = Font(name="Times New Roman", size=12)
        specs: dict[str, dict[str, Any]] = {
            "nv_text": {"alignment": top},
            "nv_centre": {"alignment": centre},
            "nv_date": {"alignment": centre, "number_format": DATE_FORMAT},
            "nv_label": {"alignment": Alignment(vertical="center", wrap_text=True)},
            "nv_count": {"alignment": Alignment(horizontal="center", vertical="center")},
            "nv_percent": {
                "alignment": Alignment(horizontal="center", vertical="center"),
                "number_format": PERCENT_FORMAT,
            },
            "nv_header": {
                "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
                "font": Font(name="Times New Roman", size=12, bold=True),
                "fill": PatternFill("solid", fgColor="DDE7F0"),
            },
            "nv_total": {
                "alignment": Alignment(horizontal="center", vertical="center"),
                "font": Font(name="Times New Roman", size=12, bold=True),
                "fill": PatternFill("solid", fgColor="F5F5F5"),
            },
            "nv_total_percent": {
                "alignment": Alignment(horizontal="center", vertical="center"),
                "font": Font(name="Times New Roman", size=12, bold=True),
                "fill": PatternFill("solid", fgColor="F5F5F5"),
                "number_format": PERCENT_FORMAT,
            },
            "nv_total_label": {
                "alignment": Alignment(vertical="center", wrap_text=True),
                "font": Font(name="Times New Roman", size=12, bold=True),
                "fill": PatternFill("solid", fgColor="F5F5F5"),
            },
        }
        for cls, colour in CLASS_FILLS.items():
            specs[f"nv_class_{cls.value}"] = {
                "alignment": centre, "fill": PatternFill("solid", fgColor=colour),
            }
        for name, spec in specs.items():
            style = NamedStyle(name=name, border=border, font=spec.pop("font", font), **spec)
            self.book.add_named_style(style)
        plain_styles = {
            "nv_title": Font(name="Times New Roman", size=13, bold=True),
            "nv_subtitle": Font(name="Times New Roman", size=14, bold=True),
            "nv_scope": Font(name="Times New Roman", size=12, italic=True),
            "nv_note": Font(name="Times New Roman", size=11, italic=True),
        }
        for name, font_spec in plain_styles.items():
            self.book.add_named_style(NamedStyle(name=name, font=font_spec))

    def _cell(self, sheet: Any, value: object, style: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        resolved = self._resolved.get(style)
        if resolved is None:
            cell.style = style
            self._resolved[style] = copy(cell._style)
        else:
            # Same result as ``cell.style = style`` without its lookup: a tenth of the
            # cost of a cell, which counts at 600,000 cells.
            cell._style = copy(resolved)
        return cell

    def _title_rows(self, sheet: Any, subtitle_key: str, width: int) -> None:
        """Province, what the sheet is, and scope/period/as-of; merged across the table."""
        meta = self.meta
        lines = [
            (plain("export.title", self.lang, province=meta.province).upper(), "nv_title"),
            (plain(subtitle_key, self.lang), "nv_subtitle"),
            (plain(
                "export.scope_line", self.lang, scope=meta.scope.label,
                period=period_label(meta.start, meta.end, self.lang),
                today=fmt_date(meta.today),
            ), "nv_scope"),
        ]
        last = get_column_letter(width)
        for number, (text, style) in enumerate(lines, start=1):
            cell = self._cell(sheet, text, style)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            sheet.append([cell])
            sheet.merged_cells.add(f"A{number}:{last}{number}")
        sheet.append([])

    def _page_setup(self, sheet: Any, header_rows: int) -> None:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = "9"  # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = f"{header_rows}:{header_rows}"
        sheet.freeze_panes = f"A{header_rows + 1}"

    def _start_task_sheet(self) -> None:
        sheet = self.tasks
        for index, (_, width) in enumerate(TASK_COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.row_dimensions[2].height = 36
        self._page_setup(sheet, HEADER_ROWS)
        self._title_rows(sheet, "export.subtitle_tasks", len(TASK_COLUMNS))
        headers = [plain(key, self.lang) for key, _ in TASK_COLUMNS]
        sheet.row_dimensions[HEADER_ROWS].height = row_height(headers, self._widths)
        sheet.append([self._cell(sheet, plain(key, self.lang), "nv_header")
                      for key, _ in TASK_COLUMNS])

    def _agencies(self, ids: tuple[int, ...]) -> str:
        name = self._names.get(ids)
        if name is None:
            name = self._names[ids] = "; ".join(self.agency_name(i) for i in ids)
        return name

    def agency_name(self, agency_id: int) -> str:
        """The agency's name; a former agency also names who holds its duties now."""
        agency = self.directory.by_id(agency_id)
        if agency is None:
            return f"#{agency_id}"
        current = self.directory.current(agency)
        if current.code != agency.code:
            return plain("export.former_agency", self.lang, name=agency.name, current=current.name)
        return agency.name

    def add(self, rows: Iterable[ReportRow]) -> None:
        """Append tasks to the task sheet and count them for the summary."""
        sheet, today, cell = self.tasks, self.meta.today, self._cell
        for row in rows:
            cls = classify(row.status, row.deadline, row.completed_on, today)
            if cls is None:  # cancelled: storage leaves them out already
                continue
            self.count += 1
            self.totals.add(cls)
            for agency_id in row.lead_ids:
                if self.focus_ids is None or agency_id in self.focus_ids:
                    self.per_agency.setdefault((agency_id, "lead"), ClassCounts()).add(cls)
            if self.focus_ids is not None:
                for agency_id in row.support_ids:
                    if agency_id in self.focus_ids:
                        key = (agency_id, "support")
                        self.per_agency.setdefault(key, ClassCounts()).add(cls)
            report = None
            if row.report_note:
                when = row.report_at.date() if row.report_at else None
                report = f"{fmt_date(when)}: {row.report_note}" if when else row.report_note
            completed = row.completed_on if row.status is TaskStatus.DONE else None
            class_text = self._class_texts[cls]
            if row.status is TaskStatus.REPORTED_DONE:
                class_text += plain("export.awaiting_confirmation", self.lang)
            values: list[tuple[object, str]] = [
                (self.count, "nv_centre"),
                (row.task_id, "nv_centre"),
                (row.doc_number, "nv_centre"),
                (row.doc_date, "nv_date"),
                (row.doc_signer, "nv_text"),
                (_ordinal(row.ordinal) + row.text, "nv_text"),
                (self._agencies(row.lead_ids), "nv_text"),
                (self._agencies(row.support_ids) or None, "nv_text"),
                (row.deadline, "nv_date"),
                (class_text, f"nv_class_{cls.value}"),
                (report, "nv_text"),
                (completed, "nv_date"),
            ]
            number = HEADER_ROWS + self.count
            sheet.row_dimensions[number].height = row_height(
                [value for value, _ in values], self._widths
            )
            sheet.append([cell(sheet, value, style) for value, style in values])
            # The row is written out; drop its dimension so memory stays flat.
            del sheet.row_dimensions[number]

    def summary_rows(self) -> list[tuple[str, ClassCounts]]:
        """(label, counts) per agency, lead rows first by name, then supporting rows."""
        out: list[tuple[str, str, ClassCounts]] = []
        for (agency_id, role), counts in self.per_agency.items():
            name = self.agency_name(agency_id)
            label = name if role == "lead" else plain("export.as_support", self.lang, name=name)
            out.append((role, label, counts))
        out.sort(key=lambda item: (item[0] != "lead", fold(item[1])))
        return [(label, counts) for _, label, counts in out]

    def _write_summary(self) -> None:
        sheet = self.summary
        width = 3 + 2 * len(CLASS_ORDER)
        sheet.column_dimensions["A"].width = 5
        sheet.column_dimensions["B"].width = 40
        sheet.column_dimensions["C"].width = 10
        for index in range(4, width + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 11
        sheet.row_dimensions[2].height = 36
        sheet.row_dimensions[HEADER_ROWS].height = 33
        sheet.row_dimensions[HEADER_ROWS + 1].height = 18
        self._page_setup(sheet, HEADER_ROWS + 1)
        sheet.print_title_rows = f"{HEADER_ROWS}:{HEADER_ROWS + 1}"
        self._title_rows(sheet, "export.subtitle_summary", width)
        cell = self._cell
        first = [
            cell(sheet, plain("export.col.stt", self.lang), "nv_header"),
            cell(sheet, plain("export.col.agency", self.lang), "nv_header"),
            cell(sheet, plain("export.col.total", self.lang), "nv_header"),
        ]
        second = [cell(sheet, None, "nv_header") for _ in range(3)]
        for cls in CLASS_ORDER:
            first += [cell(sheet, self._class_texts[cls], "nv_header"),
                      cell(sheet, None, "nv_header")]
            second += [cell(sheet, plain("export.col.count", self.lang), "nv_header"),
                       cell(sheet, plain("export.col.percent", self.lang), "nv_header")]
        sheet.append(first)
        sheet.append(second)
        top, bottom = HEADER_ROWS, HEADER_ROWS + 1
        for column in ("A", "B", "C"):
            sheet.merged_cells.add(f"{column}{top}:{column}{bottom}")
        for index in range(len(CLASS_ORDER)):
            left = get_column_letter(4 + 2 * index)
            right = get_column_letter(5 + 2 * index)
            sheet.merged_cells.add(f"{left}{top}:{right}{top}")
        for number, (label, counts) in enumerate(self.summary_rows(), start=1):
            sheet.row_dimensions[HEADER_ROWS + 1 + number].height = row_height([label], [40])
            sheet.append(self._counts_row(number, label, counts, total=False))
        sheet.append(self._counts_row(
            None, plain("export.total_row", self.lang), self.totals, total=True
        ))
        sheet.append([])
        row = HEADER_ROWS + 1 + len(self.per_agency) + 3  # after agencies, total, blank
        sheet.row_dimensions[row].height = 48  # before the row is streamed out
        note = self._cell(sheet, plain("export.summary_note", self.lang), "nv_note")
        note.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.append([note])
        sheet.merged_cells.add(f"A{row}:{get_column_letter(width)}{row}")

    def _counts_row(
        self, number: int | None, label: str, counts: ClassCounts, *, total: bool
    ) -> list[WriteOnlyCell]:
        sheet, cell = self.summary, self._cell
        style = "nv_total" if total else "nv_count"
        percent = "nv_total_percent" if total else "nv_percent"
        values = [
            cell(sheet, number, style),
            cell(sheet, label, "nv_total_label" if total else "nv_label"),
            cell(sheet, counts.total, style),
        ]
        for cls in CLASS_ORDER:
            share = counts.get(cls) / counts.total if counts.total else None
            values += [cell(sheet, counts.get(cls), style), cell(sheet, share, percent)]
        return values

    def save(self, out: IO[bytes] | Path) -> ExportResult:
        """Write the summary sheet and the file (call once)."""
        self._write_summary()
        self.book.save(out)
        return ExportResult(self.count, self.totals, dict(self.per_agency))


LINE_HEIGHT = 15.5  # points per line of 12 pt text
CHARS_PER_WIDTH = 1.1  # characters of Vietnamese text per unit of column width


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes when wrapped at words in a column ``width`` wide.

    Spreadsheet programs do not reliably fit row heights to wrapped text when they open
    a file (LibreOffice keeps the default height), so rows carry an estimated height.
    """
    capacity = max(int(width * CHARS_PER_WIDTH) - 1, 1)
    if len(text) <= capacity and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > capacity:
                lines += 1
                used = 0
            if size > capacity:  # a long word is cut
                lines += (size - 1) // capacity
                size = size % capacity or capacity
            used = size if not used else used + 1 + size
    return lines


def row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """Points needed by the tallest wrapped cell of a row (Excel's limit is 409)."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str):
            lines = max(lines, wrapped_lines(value, width))
    return min(409.0, lines * LINE_HEIGHT + 4)


def _ordinal(ordinal: str) -> str:
    ordinal = ordinal.strip()
    return f"{ordinal} " if ordinal else ""


# ------------------------------------------------------------- orchestration


async def export_report(
    services: Services,
    scope: Scope,
    out: IO[bytes] | Path,
    *,
    start: date | None = None,
    end: date | None = None,
    lang: str = "vi",
    page_size: int = 1000,
) -> ExportResult:
    """Stream the filtered tasks from storage into a workbook written to ``out``.

    Pages are turned into rows in a worker thread, so a big export does not stall the
    bot's other updates. This is the function benchmarks time, e.g.
    ``await export_report(services, province_scope("vi"), io.BytesIO())``.
    """
    meta = ReportMeta(
        province=services.settings.province_name, scope=scope, start=start, end=end,
        today=services.today(), lang=lang,
    )
    book = ReportWorkbook(meta, services.directory)
    wanted = ReportFilter(scope.agency_ids, start, end)
    async for page in services.repos.reports.pages(wanted, services.settings.tz, page_size):
        await asyncio.to_thread(book.add, page)
    return await asyncio.to_thread(book.save, out)


async def export_bytes(
    services: Services, scope: Scope, *, start: date | None = None, end: date | None = None,
    lang: str = "vi",
) -> tuple[bytes, ExportResult]:
    """The workbook as bytes (for sending through Telegram)."""
    buffer = io.BytesIO()
    result = await export_report(services, scope, buffer, start=start, end=end, lang=lang)
    return buffer.getvalue(), result


# ----------------------------------------------------------------------- CLI


def cmd_export(args: argparse.Namespace) -> int:
    """``python -m bot export --out FILE [--agency NAME] [--from D] [--to D]``."""
    from bot.services import Services
    from bot.settings import load_settings

    settings = load_settings()
    start = _cli_day(args.start, "--from")
    end = _cli_day(args.end, "--to")
    if (start is None and args.start) or (end is None and args.end):
        return 2
    if start and end and start > end:
        print(plain("export.bad_period", start=fmt_date(start), end=fmt_date(end)),
              file=sys.stderr)
        return 2

    async def main() -> int:
        services = await Services.open(settings)
        try:
            if args.agency:
                found = services.directory.resolve(args.agency)
                if found is None:
                    hints = ", ".join(a.name for a in services.directory.search(args.agency, 3))
                    key = "export.unknown_agency_hint" if hints else "export.unknown_agency"
                    print(plain(key, written=args.agency, hints=hints), file=sys.stderr)
                    return 1
                scope = agency_scope(services.directory, [found.current])
            else:
                scope = province_scope("vi")
            out = Path(args.out)
            out.parent.mkdir(parents=True, exist_ok=True)
            result = await export_report(services, scope, out, start=start, end=end)
            print(plain("export.cli_done", path=out, rows=result.rows, scope=scope.label,
                        period=period_label(start, end, "vi")))
            return 0
        finally:
            await services.close()

    return asyncio.run(main())


def _cli_day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    day = parse_day(text)
    if day is None:
        print(plain("export.cli_bad_date", option=option, text=text), file=sys.stderr)
    return day


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` subcommand."""
    parser = sub.add_parser(
        "export", help="xuất báo cáo nhiệm vụ ra tệp Excel (.xlsx)",
        description=plain("export.cli_description"),
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="tệp .xlsx cần ghi")
    parser.add_argument("--agency", metavar="NAME", help="tên cơ quan (mặc định: toàn tỉnh)")
    parser.add_argument("--from", dest="start", metavar="D", help="từ ngày dd/mm/yyyy")
    parser.add_argument("--to", dest="end", metavar="D", help="đến ngày dd/mm/yyyy")
    parser.set_defaults(handler=cmd_export)


EXTRA_COMMANDS.append(register_cli)
