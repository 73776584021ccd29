"""Exporting the task report: rows streamed from storage into the Excel workbook."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import AsyncGenerator
from datetime import date, timedelta
from pathlib import Path
from typing import IO, cast

from bot.adapters.excel import ExportResult, ReportMeta, ReportWorkbook
from bot.core.models import ReportFilter, ReportRow
from bot.core.normalize import vi_sort_key
from bot.core.reports import Scope
from bot.usecases.followup import MAX_ROWS, near_days
from bot.usecases.services import Services
from bot.views.render import province_in


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
        province=province_in(services.settings.province_name, lang), scope=scope, start=start,
        end=end, today=services.today(), lang=lang, tz=services.settings.tz,
    )
    book = ReportWorkbook(meta, services.directory, out)
    wanted = ReportFilter(scope.agency_ids, start, end)
    # An async generator (closed below even when the export fails half-way).
    pages = cast(
        "AsyncGenerator[list[ReportRow], None]",
        services.repos.reports.pages(wanted, services.settings.tz, page_size),
    )
    try:
        async with contextlib.aclosing(pages):
            # The next page is read while this one is written: SQLite and the writer
            # overlap instead of taking turns.
            fetch = asyncio.ensure_future(anext(pages, None))
            try:
                while (page := await fetch) is not None:
                    fetch = asyncio.ensure_future(anext(pages, None))
                    await asyncio.to_thread(book.add, page)
            finally:
                if not fetch.done():
                    fetch.cancel()
                    await asyncio.wait([fetch])
        await _unreported_sheet(services, scope, book)
        return await asyncio.to_thread(book.save)
    finally:
        book.discard()


async def _unreported_sheet(services: Services, scope: Scope, book: ReportWorkbook) -> None:
    """The units in scope that have not reported (as of today, whatever the period)."""
    days, near = services.settings.unreported_days, near_days(services)
    rows = await services.repos.assignments.unreported(
        since=services.clock.now() - timedelta(days=days),
        near=services.today() + timedelta(days=near),
        agency_ids=scope.agency_ids, limit=MAX_ROWS,
    )
    tz = services.settings.tz
    named = [(book.agency_name(row.agency_id), row,
              row.last_report.astimezone(tz).date() if row.last_report else None)
             for row in rows]
    named.sort(key=lambda item: (vi_sort_key(item[0]), item[1].deadline, item[1].task_id))
    await asyncio.to_thread(book.add_unreported, named, days, near)


async def export_bytes(
    services: Services, scope: Scope, *, start: date | None = None, end: date | None = None,
    lang: str = "vi",
) -> tuple[bytes, ExportResult]:
    """The workbook as bytes (for sending through Telegram)."""
    buffer = io.BytesIO()
    result = await export_report(services, scope, buffer, start=start, end=end, lang=lang)
    return buffer.getvalue(), result


