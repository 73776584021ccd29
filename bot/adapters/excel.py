"""The Excel report leaders file: the task annex and a summary per agency.

Provincial offices report task results as a table ("phụ lục kết quả thực hiện nhiệm
vụ"): one row per task with its source notice, agencies, deadline and official class,
plus a count per agency. :class:`ReportWorkbook` writes both sheets with XlsxWriter in
``constant_memory`` mode, row by row as pages arrive from storage, so an export of
50,000 tasks never holds them all in memory; the summary is counted from the same
stream, so the two sheets cannot disagree.

Which tasks a report covers is :class:`bot.models.ReportFilter`: an agency (lead or
supporting), and a period that catches tasks *due* in it or *assigned* in it. Classes are
judged on the day the report is made ("số liệu tính đến ngày …").
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from bot.core.agencies import AgencyDirectory
from bot.core.assignments import Unreported
from bot.core.dates import fmt_date
from bot.core.models import ReportRow, TaskStatus
from bot.core.normalize import vi_sort_key
from bot.core.reports import Scope, period_label
from bot.core.status import (
    CLASS_ORDER,
    ClassCounts,
    StatusClass,
    classify,
    units_granted_later,
)
from bot.texts import plain

if TYPE_CHECKING:
    pass

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
FONT = "Times New Roman"
BORDER_COLOUR = "#9E9E9E"
HEADER_FILL = "#DDE7F0"
TOTAL_FILL = "#F5F5F5"
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_LEAP_BUG = date(1900, 3, 1)
DIGIT_PIXELS = 7  # width of a digit of the default font: the unit of column widths

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
    ("export.col.units_done", 12),
    ("export.col.deadline", 11.5),
    ("export.col.class", 17),
    ("export.col.report", 42),
    ("export.col.completed", 12.5),
)
HEADER_ROWS = 5  # title, subtitle, scope line, blank, header
LEAD_COLUMN, SUPPORT_COLUMN, CLASS_COLUMN = 6, 7, 10  # zero-based, in TASK_COLUMNS
REPORT_COLUMN = 11
# (header key, width) of the sheet of units that have not reported.
UNREPORTED_COLUMNS: tuple[tuple[str, float], ...] = (
    ("export.col.stt", 5),
    ("export.col.unit", 28),
    ("export.col.task_id", 7),
    ("export.col.text", 60),
    ("export.col.deadline", 11.5),
    ("export.col.due_state", 14),
    ("export.col.last_report", 14),
)
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
    tz: tzinfo
    """The province's timezone: report times are stored in UTC, the sheet shows its days."""
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
    :meth:`save` once. XlsxWriter's ``constant_memory`` mode writes each finished row to
    a temporary file, so what stays in memory is the counts per agency and class (and
    one row of cells). It writes a styled cell 3–4 times cheaper than openpyxl's
    write-only mode did (figures in bench/RESULTS.md, section "Export").

    The workbook is closed by :meth:`save`; call :meth:`discard` when giving up.
    """

    def __init__(
        self, meta: ReportMeta, directory: AgencyDirectory, out: IO[bytes] | Path
    ) -> None:
        self.meta = meta
        self.directory = directory
        self.lang = meta.lang
        self.focus_ids: frozenset[int] | None = (
            None if meta.scope.agency_ids is None else frozenset(meta.scope.agency_ids)
        )
        self.totals = ClassCounts()
        self.per_agency: dict[tuple[int, str], ClassCounts] = {}
        self.count = 0
        self._names: dict[tuple[tuple[int, ...], int], tuple[str, int]] = {}
        self._notice: tuple[tuple[str | None, str | None], int] = ((None, None), 1)
        self._serials: dict[date, int] = {}
        self._forgotten = HEADER_ROWS  # task rows whose heights were dropped: up to here
        self._class_texts = {cls: plain(f"class.{cls.value}", self.lang) for cls in StatusClass}
        self._awaiting = plain("export.awaiting_confirmation", self.lang)
        self._class_lines = {
            cls: wrapped_lines(text, TASK_COLUMNS[CLASS_COLUMN][1])
            for cls, text in self._class_texts.items()
        }
        self._widths = [width for _, width in TASK_COLUMNS]
        self._report_days: dict[date, str] = {}
        target = str(out) if isinstance(out, Path) else out
        # The rows wait in temporary files until save(); this folder holds them and is
        # removed whatever happens (discard()).
        self._scratch = tempfile.TemporaryDirectory(prefix="nhacviec-export-")
        self.book = Workbook(target, {"constant_memory": True, "tmpdir": self._scratch.name})
        self.formats = self._formats()
        self.tasks = self.book.add_worksheet(plain("export.sheet_tasks", self.lang))
        self.summary = self.book.add_worksheet(plain("export.sheet_summary", self.lang))
        self.unreported = self.book.add_worksheet(plain("export.sheet_unreported", self.lang))
        self._unreported_rows = 0
        self._start_task_sheet()

    # -- formats: made once, each cell only carries a reference ------------------
    def _formats(self) -> dict[str, Format]:
        font = {"font_name": FONT, "font_size": 12}
        boxed = {**font, "border": 1, "border_color": BORDER_COLOUR}
        top = {"valign": "top", "text_wrap": True}
        centre = {"align": "center", "valign": "top", "text_wrap": True}
        middle = {"align": "center", "valign": "vcenter"}
        bold_grey = {"bold": True, "pattern": 1, "bg_color": TOTAL_FILL}
        specs: dict[str, dict[str, object]] = {
            "text": {**boxed, **top},
            "centre": {**boxed, **centre},
            "date": {**boxed, **centre, "num_format": DATE_FORMAT},
            "label": {**boxed, "valign": "vcenter", "text_wrap": True},
            "count": {**boxed, **middle},
            "percent": {**boxed, **middle, "num_format": PERCENT_FORMAT},
            "header": {**boxed, **middle, "text_wrap": True, "bold": True, "pattern": 1,
                       "bg_color": HEADER_FILL},
            "total": {**boxed, **middle, **bold_grey},
            "total_percent": {**boxed, **middle, **bold_grey, "num_format": PERCENT_FORMAT},
            "total_label": {**boxed, "valign": "vcenter", "text_wrap": True, **bold_grey},
            "title": {**font, **middle, "text_wrap": True, "font_size": 13, "bold": True},
            "subtitle": {**font, **middle, "text_wrap": True, "font_size": 14, "bold": True},
            "scope": {**font, **middle, "text_wrap": True, "italic": True},
            "note": {**font, "font_size": 11, "italic": True, "valign": "top",
                     "text_wrap": True},
        }
        for cls, colour in CLASS_FILLS.items():
            specs[f"class_{cls.value}"] = {**boxed, **centre, "pattern": 1,
                                           "bg_color": f"#{colour}"}
        return {name: self.book.add_format(spec) for name, spec in specs.items()}

    def _title_rows(self, sheet: Worksheet, subtitle_key: str, width: int) -> None:
        """Province, what the sheet is, and scope/period/as-of; merged across the table."""
        meta = self.meta
        lines = [
            (plain("export.title", self.lang, province=meta.province).upper(), "title"),
            (plain(subtitle_key, self.lang), "subtitle"),
            (plain(
                "export.scope_line", self.lang, scope=meta.scope.label,
                period=period_label(meta.start, meta.end, self.lang),
                today=fmt_date(meta.today),
            ), "scope"),
        ]
        for row, (text, style) in enumerate(lines):
            sheet.merge_range(row, 0, row, width - 1, text, self.formats[style])

    def _page_setup(self, sheet: Worksheet, header_rows: int) -> None:
        """A4 landscape fitted to the width; the header repeated on every page and frozen."""
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(HEADER_ROWS - 1, header_rows - 1)
        sheet.freeze_panes(header_rows, 0)

    def _start_task_sheet(self) -> None:
        sheet = self.tasks
        for index, (_, width) in enumerate(TASK_COLUMNS):
            _set_width(sheet, index, width)
        self._page_setup(sheet, HEADER_ROWS)
        sheet.set_row(1, 36)
        self._title_rows(sheet, "export.subtitle_tasks", len(TASK_COLUMNS))
        headers = [plain(key, self.lang) for key, _ in TASK_COLUMNS]
        sheet.set_row(HEADER_ROWS - 1, row_height(headers, self._widths))
        sheet.write_row(HEADER_ROWS - 1, 0, headers, self.formats["header"])

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
        """Append tasks to the task sheet and count them for the summary.

        The hot loop of a big export: each cell is one typed ``write_*`` call with a
        format made in advance; what repeats from row to row (agency lists and their
        wrapped heights, the notice's columns, date serials) is worked out once.
        """
        sheet, today, formats, tz = self.tasks, self.meta.today, self.formats, self.meta.tz
        text, centre, day = formats["text"], formats["centre"], formats["date"]
        class_formats = {cls: formats[f"class_{cls.value}"] for cls in StatusClass}
        write_number, write_string, write_blank = (
            sheet.write_number, sheet.write_string, sheet.write_blank
        )
        serial, agencies, notice_lines = self._serial, self._agencies, self._notice_lines
        text_width, report_width = TASK_COLUMNS[5][1], TASK_COLUMNS[REPORT_COLUMN][1]
        units_done = plain("export.units_done", self.lang, done="{done}", total="{total}")
        for row in rows:
            # An agency's report shows its own unit's part: its status, deadline and date;
            # a task as a whole is judged by its units, each against its own deadline.
            own = row.own
            status, deadline, completed_on, judged = (
                (row.status, row.deadline, row.completed_on, row.judged_deadline)
                if own is None else (own.status, own.deadline, own.completed_on, own.deadline))
            cls = classify(status, judged, completed_on, today)
            if cls is None:  # cancelled: storage leaves them out already
                continue
            self.count += 1
            self._count(row, cls)
            report = None
            if row.report_note:
                when = row.report_at.astimezone(tz).date() if row.report_at else None
                report = f"{self._day(when)}: {row.report_note}" if when else row.report_note
            completed = completed_on if status is TaskStatus.DONE else None
            # A task of several units judged against a later date than the deadline column
            # shows (units granted one): the class says so, as the card does.
            later = (units_granted_later(status, deadline, judged, completed_on)
                     if own is None else None)
            if status is TaskStatus.REPORTED_DONE or later is not None:
                class_text = self._class_texts[cls]
                if later is not None and judged is not None:
                    class_text += plain(f"export.units_extended_{later}", self.lang,
                                        date=fmt_date(judged))
                if status is TaskStatus.REPORTED_DONE:
                    class_text += self._awaiting
                class_lines = wrapped_lines(class_text, TASK_COLUMNS[CLASS_COLUMN][1])
            else:
                class_text, class_lines = self._class_texts[cls], self._class_lines[cls]
            task_text = _ordinal(row.ordinal) + row.text
            lead, lead_lines = agencies(row.lead_ids, LEAD_COLUMN)
            support, support_lines = agencies(row.support_ids, SUPPORT_COLUMN)
            lines = max(
                notice_lines(row.doc_number, row.doc_signer), lead_lines, support_lines,
                wrapped_lines(task_text, text_width),
                wrapped_lines(report, report_width) if report else 1, class_lines,
            )
            number = HEADER_ROWS - 1 + self.count  # zero-based
            sheet.set_row(number, min(MAX_HEIGHT, lines * LINE_HEIGHT + 4))
            write_number(number, 0, self.count, centre)
            write_number(number, 1, row.task_id, centre)
            if row.doc_number:
                write_string(number, 2, row.doc_number, centre)
            else:
                write_blank(number, 2, None, centre)
            if row.doc_date:
                write_number(number, 3, serial(row.doc_date), day)
            else:
                write_blank(number, 3, None, day)
            if row.doc_signer:
                write_string(number, 4, row.doc_signer, text)
            else:
                write_blank(number, 4, None, text)
            write_string(number, 5, task_text, text)
            if lead:
                write_string(number, 6, lead, text)
            else:
                write_blank(number, 6, None, text)
            if support:
                write_string(number, 7, support, text)
            else:
                write_blank(number, 7, None, text)
            write_string(number, 8, units_done.format(done=row.units_done,
                                                      total=row.units_total), centre)
            if deadline:
                write_number(number, 9, serial(deadline), day)
            else:
                write_blank(number, 9, None, day)
            write_string(number, 10, class_text, class_formats[cls])
            if report:
                write_string(number, 11, report, text)
            else:
                write_blank(number, 11, None, text)
            if completed:
                write_number(number, 12, serial(completed), day)
            else:
                write_blank(number, 12, None, day)
        self._forget_written_rows()

    def _forget_written_rows(self) -> None:
        """Drop the heights XlsxWriter keeps for rows it has already streamed out.

        Even in ``constant_memory`` mode a worksheet remembers every ``set_row`` (two
        dicts, ~280 bytes a row: 11 MB for 40,000 tasks) although a written row is never
        read again. Without those attributes (another XlsxWriter) nothing is dropped and
        the file is the same; only memory grows with the rows again.
        """
        sheet = self.tasks
        written = getattr(sheet, "previous_row", 0)  # rows before it are in the file
        for kept in (getattr(sheet, "row_info", None), getattr(sheet, "row_sizes", None)):
            if isinstance(kept, dict):
                for row in range(self._forgotten, written):
                    kept.pop(row, None)
        self._forgotten = max(self._forgotten, written)

    def _count(self, row: ReportRow, cls: StatusClass) -> None:
        """The summary's counts: each lead agency in scope, the unit an agency in scope
        holds of a collective lead, and in scope supporters."""
        self.totals.add(cls)
        for agency_id in row.lead_ids:
            if self.focus_ids is None or agency_id in self.focus_ids:
                self.per_agency.setdefault((agency_id, "lead"), ClassCounts()).add(cls)
        if row.own is not None and row.own.agency_id not in row.lead_ids:
            self.per_agency.setdefault((row.own.agency_id, "lead"), ClassCounts()).add(cls)
        if self.focus_ids is not None:
            for agency_id in row.support_ids:
                if agency_id in self.focus_ids:
                    key = (agency_id, "support")
                    self.per_agency.setdefault(key, ClassCounts()).add(cls)

    def _agencies(self, ids: tuple[int, ...], column: int) -> tuple[str, int]:
        """The agencies' names joined, and the lines they wrap to in ``column``."""
        key = (ids, column)
        found = self._names.get(key)
        if found is None:
            name = "; ".join(self.agency_name(i) for i in ids)
            found = self._names[key] = (name, wrapped_lines(name, TASK_COLUMNS[column][1]))
        return found

    def _notice_lines(self, number: str | None, signer: str | None) -> int:
        """Lines of the notice's number and signer; rows of one notice come together."""
        if (number, signer) != self._notice[0]:
            lines = max(
                wrapped_lines(number, TASK_COLUMNS[2][1]) if number else 1,
                wrapped_lines(signer, TASK_COLUMNS[4][1]) if signer else 1,
            )
            self._notice = ((number, signer), lines)
        return self._notice[1]

    def _serial(self, day: date) -> int:
        """Excel's day number of ``day`` (a real date cell once formatted dd/mm/yyyy)."""
        found = self._serials.get(day)
        if found is None:
            found = self._serials[day] = excel_serial(day)
        return found

    def _day(self, day: date) -> str:
        text = self._report_days.get(day)
        if text is None:
            text = self._report_days[day] = fmt_date(day)
        return text

    def summary_rows(self) -> list[tuple[str, ClassCounts]]:
        """(label, counts) per agency, lead rows first by name, then supporting rows."""
        out: list[tuple[str, str, ClassCounts]] = []
        for (agency_id, role), counts in self.per_agency.items():
            name = self.agency_name(agency_id)
            label = name if role == "lead" else plain("export.as_support", self.lang, name=name)
            out.append((role, label, counts))
        out.sort(key=lambda item: (item[0] != "lead", vi_sort_key(item[1])))
        return [(label, counts) for _, label, counts in out]

    def _write_summary(self) -> None:
        sheet, formats = self.summary, self.formats
        header = formats["header"]
        width = 3 + 2 * len(CLASS_ORDER)
        _set_width(sheet, 0, 5)
        _set_width(sheet, 1, 40)
        _set_width(sheet, 2, 10)
        for index in range(3, width):
            _set_width(sheet, index, 11)
        self._page_setup(sheet, HEADER_ROWS + 1)
        sheet.set_row(1, 36)
        self._title_rows(sheet, "export.subtitle_summary", width)
        # Two header rows: STT, agency and total span both; each class spans its count
        # and percent columns. Rows stream out in order, so each merge is declared
        # without data and its cells are written row by row with the header format.
        top, bottom = HEADER_ROWS - 1, HEADER_ROWS
        for column in range(3):
            sheet.merge_range(top, column, bottom, column, None, None)
        for index in range(len(CLASS_ORDER)):
            sheet.merge_range(top, 3 + 2 * index, top, 4 + 2 * index, None, None)
        first: list[str | None] = [plain("export.col.stt", self.lang),
                                   plain("export.col.agency", self.lang),
                                   plain("export.col.total", self.lang)]
        second: list[str | None] = [None, None, None]
        for cls in CLASS_ORDER:
            first += [self._class_texts[cls], None]
            second += [plain("export.col.count", self.lang),
                       plain("export.col.percent", self.lang)]
        sheet.set_row(top, 33)
        sheet.set_row(bottom, 18)
        for row, values in ((top, first), (bottom, second)):
            for column, value in enumerate(values):
                _write_text(sheet, row, column, value, header)
        row = bottom
        for number, (label, counts) in enumerate(self.summary_rows(), start=1):
            row += 1
            sheet.set_row(row, row_height([label], [40]))
            self._counts_row(row, number, label, counts, total=False)
        row += 1
        self._counts_row(row, None, plain("export.total_row", self.lang), self.totals,
                         total=True)
        row += 2  # a blank row, then the note
        sheet.set_row(row, 48)
        sheet.merge_range(row, 0, row, width - 1, plain("export.summary_note", self.lang),
                          formats["note"])

    def _counts_row(
        self, row: int, number: int | None, label: str, counts: ClassCounts, *, total: bool
    ) -> None:
        sheet, formats = self.summary, self.formats
        style = formats["total" if total else "count"]
        percent = formats["total_percent" if total else "percent"]
        values: list[tuple[object, Format]] = [
            (number, style),
            (label, formats["total_label" if total else "label"]),
            (counts.total, style),
        ]
        for cls in CLASS_ORDER:
            share = counts.get(cls) / counts.total if counts.total else None
            values += [(counts.get(cls), style), (share, percent)]
        for column, (value, cell_format) in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(row, column, value, cell_format)
            elif value is None:
                sheet.write_blank(row, column, None, cell_format)
            else:
                assert isinstance(value, int | float)
                sheet.write_number(row, column, value, cell_format)

    def add_unreported(
        self, rows: Iterable[tuple[str, Unreported, date | None]], days: int, near: int
    ) -> int:
        """Write the sheet of units that have not reported (call once, before :meth:`save`):
        (unit name, its silent task, the day of its latest report). Returns the rows."""
        sheet, formats, lang = self.unreported, self.formats, self.lang
        widths = [width for _, width in UNREPORTED_COLUMNS]
        for index, width in enumerate(widths):
            _set_width(sheet, index, width)
        self._page_setup(sheet, HEADER_ROWS)
        sheet.set_row(1, 36)
        self._title_rows(sheet, "export.subtitle_unreported", len(widths))
        headers = [plain(key, lang) for key, _ in UNREPORTED_COLUMNS]
        sheet.set_row(HEADER_ROWS - 1, row_height(headers, widths))
        sheet.write_row(HEADER_ROWS - 1, 0, headers, formats["header"])
        today, count = self.meta.today, 0
        for count, (unit, item, reported) in enumerate(rows, start=1):
            number = HEADER_ROWS - 1 + count
            cells: list[str | int | date | None] = [
                count, unit, item.task_id, item.text, item.deadline,
                due_phrase_plain(item.deadline, today, lang), reported,
            ]
            sheet.set_row(number, row_height([unit, item.text], [widths[1], widths[3]]))
            for column, value in enumerate(cells):
                if isinstance(value, date):
                    sheet.write_number(number, column, self._serial(value), formats["date"])
                elif isinstance(value, int):
                    sheet.write_number(number, column, value, formats["centre"])
                else:
                    _write_text(sheet, number, column, value,
                                formats["text" if column in (1, 3) else "centre"])
        row = HEADER_ROWS + count + 1
        sheet.set_row(row, 36)
        note = plain("export.unreported_note", lang, near=near, days=days,
                     today=fmt_date(today))
        if not count:
            note = plain("export.unreported_none", lang) + " " + note
        sheet.merge_range(row, 0, row, len(widths) - 1, note, formats["note"])
        self._unreported_rows = count
        return count

    def save(self) -> ExportResult:
        """Write the summary sheet and close the file (call once)."""
        self._write_summary()
        self.book.close()
        self.discard()
        return ExportResult(self.count, self.totals, dict(self.per_agency))

    def discard(self) -> None:
        """Remove the temporary row files (after save, or when an export fails)."""
        self._scratch.cleanup()


def due_phrase_plain(deadline: date, today: date, lang: str) -> str:
    """"còn 5 ngày", "hạn hôm nay", "quá hạn 3 ngày" as a cell's plain text."""
    left = (deadline - today).days
    if left > 0:
        return plain("due.days_left", lang, days=left)
    if left == 0:
        return plain("due.today", lang)
    return plain("due.days_overdue", lang, days=-left)


def _write_text(sheet: Worksheet, row: int, column: int, value: str | None, fmt: Format) -> None:
    """A string cell, or a formatted blank (borders stay) when there is no text."""
    if value:
        sheet.write_string(row, column, value, fmt)
    else:
        sheet.write_blank(row, column, None, fmt)


def excel_serial(day: date) -> int:
    """Excel's day number (1900 date system): days since 30/12/1899.

    Excel counts a 29/02/1900 that never was, so days before March 1900 are one less.
    """
    serial = (day - EXCEL_EPOCH).days
    return serial - 1 if day < EXCEL_LEAP_BUG else serial


def _set_width(sheet: Worksheet, column: int, width: float) -> None:
    """``width`` characters as the file records it (to the pixel), as before XlsxWriter.

    XlsxWriter's ``set_column`` adds Excel's cell padding to the width given (what Excel's
    dialog shows); a width in pixels of a 7-pixel digit keeps the recorded width.
    """
    sheet.set_column_pixels(column, column, round(width * DIGIT_PIXELS))


LINE_HEIGHT = 15.5  # points per line of 12 pt text
CHARS_PER_WIDTH = 1.1  # characters of Vietnamese text per unit of column width
MAX_HEIGHT = 409.0  # Excel's limit, in points


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
    return min(MAX_HEIGHT, lines * LINE_HEIGHT + 4)


def _ordinal(ordinal: str) -> str:
    ordinal = ordinal.strip()
    return f"{ordinal} " if ordinal else ""
