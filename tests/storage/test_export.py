"""The Excel report: what leaders open must match the database, cell by cell."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.adapters.excel import HEADER_ROWS, LINE_HEIGHT, TASK_COLUMNS, ReportWorkbook, wrapped_lines
from bot.core.access import Access
from bot.core.clock import ManualClock
from bot.core.models import (
    DeadlineKind,
    EventKind,
    NewConclusion,
    NewTask,
    ReportFilter,
    TaskStatus,
)
from bot.core.reports import (
    ExportArgs,
    ExportArgsError,
    Scope,
    ScopeRefusal,
    agency_scope,
    decide_scope,
    parse_export_args,
    province_scope,
)
from bot.core.status import CLASS_ORDER, ClassCounts, classify_task
from bot.texts import plain
from bot.usecases.export import export_report
from bot.usecases.services import Services
from config.settings import Settings
from tests.support.report_seed import TODAY, agency_id, seed

ROOT = Path(__file__).resolve().parents[2]
CLASS_TEXTS = {plain(f"class.{cls.value}"): cls for cls in CLASS_ORDER}


def _task_rows(path: Path) -> tuple[list[str], list[dict[str, Any]], Any]:
    """Headers, data rows (as dicts of cells by header) and the task sheet."""
    book = load_workbook(path)
    sheet = book[plain("export.sheet_tasks")]
    headers = [cell.value for cell in sheet[HEADER_ROWS]]
    rows = [
        dict(zip(headers, row, strict=True))
        for row in sheet.iter_rows(min_row=HEADER_ROWS + 1)
    ]
    return headers, rows, sheet


def _summary(path: Path) -> dict[str, list[Any]]:
    """Summary rows by agency label: [total, count, share, count, share, ...]."""
    sheet = load_workbook(path)[plain("export.sheet_summary")]
    out: dict[str, list[Any]] = {}
    for row in sheet.iter_rows(min_row=HEADER_ROWS + 2, values_only=True):
        if row[1] and isinstance(row[2], int):
            out[row[1]] = list(row[2:])
    return out


def _counts(values: list[Any]) -> ClassCounts:
    return ClassCounts(*values[1::2])


async def test_province_export_matches_the_database(services: Services, tmp_path: Path) -> None:
    seeded = await seed(services, extra=60)
    out = tmp_path / "report.xlsx"
    result = await export_report(services, province_scope("vi"), out)
    tasks = {t.id: t for t in await services.repos.tasks.get_many(seeded.task_ids)}
    reported = [t for t in tasks.values() if t.status is not TaskStatus.CANCELLED]

    headers, rows, sheet = _task_rows(out)
    assert headers == [plain(key) for key, _ in TASK_COLUMNS]
    assert sheet.freeze_panes == f"A{HEADER_ROWS + 1}"
    assert "TỈNH" in str(sheet["A1"].value)
    assert plain("export.period_all") in str(sheet["A3"].value)
    assert "23/09/2024" in str(sheet["A3"].value)
    assert len(rows) == len(reported) == result.rows
    assert [row["STT"].value for row in rows] == list(range(1, len(rows) + 1))
    # Every row's class is the official class of that task today.
    for row in rows:
        task = tasks[row["Mã nhiệm vụ"].value]
        cls = classify_task(task, TODAY)
        assert cls is not None
        assert row["Tình trạng"].value.startswith(plain(f"class.{cls.value}"))
        deadline = row["Thời hạn"]
        if task.deadline is None:
            assert deadline.value is None
        else:
            assert deadline.is_date and deadline.number_format == "dd/mm/yyyy"
            assert deadline.value.date() == task.deadline
        done = row["Ngày hoàn thành"]
        if task.status is TaskStatus.DONE and task.completed_on:
            assert done.is_date and done.number_format == "dd/mm/yyyy"
            assert done.value.date() == task.completed_on
        else:
            assert done.value is None
    first = rows[0]
    assert first["Số văn bản"].value == "125/TB-VPUBND"
    assert first["Ngày văn bản"].is_date and first["Ngày văn bản"].value.date() == date(2024, 8, 30)
    assert first["Ngày văn bản"].number_format == "dd/mm/yyyy"
    assert first["Người ký văn bản"].value == "Phó Chủ tịch UBND tỉnh Lê Văn Phước"
    assert first["Nội dung nhiệm vụ"].value.startswith("1. Xây dựng kế hoạch")
    assert first["Nội dung nhiệm vụ"].alignment.wrap_text
    assert first["Cơ quan chủ trì"].value == "Sở Y tế"
    assert first["Cơ quan phối hợp"].value == "Sở Tài chính"
    # The latest of two progress reports, dated.
    latest = first["Báo cáo gần nhất (tiến độ hoặc hoàn thành)"].value
    assert latest == "23/09/2024: Đã ban hành kế hoạch số 12/KH-SYT."
    assert "Nhiệm vụ đã hủy." not in [row["Nội dung nhiệm vụ"].value for row in rows]
    pending = next(r for r in rows if "sốt xuất huyết" in r["Nội dung nhiệm vụ"].value)
    assert pending["Tình trạng"].value == (
        plain("class.overdue") + plain("export.awaiting_confirmation")
    )
    assert sheet.column_dimensions["F"].width == 60

    # The summary counts each lead agency like the SQL class counts, and each task once.
    summary = _summary(out)
    expected = await services.repos.tasks.class_counts(TODAY)
    former = {seeded.ldtbxh: "Sở Lao động – Thương binh và Xã hội (nay là Sở Nội vụ)"}
    by_name = {
        former.get(agency_id) or services.directory.by_id(agency_id).name:  # type: ignore[union-attr]
        counts for agency_id, counts in expected.items() if counts.total
    }
    total_label = plain("export.total_row")
    assert {k: _counts(v) for k, v in summary.items() if k != total_label} == by_name
    totals = await services.repos.tasks.class_totals(TODAY)
    assert _counts(summary[total_label]) == totals
    assert summary[total_label][0] == totals.total == len(rows)
    # Shares are real fractions shown as percents.
    y_te = summary["Sở Y tế"]
    assert y_te[2] == pytest.approx(y_te[1] / y_te[0])
    sheet2 = load_workbook(out)[plain("export.sheet_summary")]
    assert sheet2.cell(HEADER_ROWS + 2, 5).number_format == "0.0%"
    assert sheet2.freeze_panes == f"A{HEADER_ROWS + 2}"


async def test_agency_export_counts_lead_and_support_and_former_names(
    services: Services, tmp_path: Path
) -> None:
    seeded = await seed(services)
    noi_vu = services.directory.by_id(seeded.noi_vu)
    assert noi_vu is not None
    scope = agency_scope(services.directory, [noi_vu])
    assert scope.agency_ids is not None and seeded.ldtbxh in scope.agency_ids
    out = tmp_path / "noi-vu.xlsx"
    await export_report(services, scope, out)
    _, rows, sheet = _task_rows(out)
    texts = [row["Nội dung nhiệm vụ"].value for row in rows]
    # Led (alone or jointly), supported, and the former labour department's old task.
    assert texts == [
        "2. Rà soát, sắp xếp đội ngũ viên chức ngành y tế.",
        "3. Phối hợp Sở LĐ-TB&XH (cũ) hoàn thiện đề án giảm nghèo bền vững.",
        "I.1 Chi trả trợ cấp cho người có công.",
    ]
    assert "Sở Nội vụ" in str(sheet["A3"].value)
    summary = _summary(out)
    assert _counts(summary["Sở Nội vụ"]) == ClassCounts(done_late=1, in_progress=1)
    former = "Sở Lao động – Thương binh và Xã hội (nay là Sở Nội vụ)"
    assert _counts(summary[former]) == ClassCounts(overdue=1)
    assert rows[2]["Cơ quan chủ trì"].value == former
    assert plain("export.as_support", name="Sở Nội vụ") not in summary  # supports nothing

    y_te = services.directory.by_id(seeded.y_te)
    assert y_te is not None
    out = tmp_path / "y-te.xlsx"
    await export_report(services, agency_scope(services.directory, [y_te]), out)
    summary = _summary(out)
    assert _counts(summary["Sở Y tế"]) == ClassCounts(
        done_on_time=1, done_late=1, overdue=1, no_deadline=1
    )
    assert _counts(summary[plain("export.as_support", name="Sở Y tế")]) == ClassCounts(
        in_progress=1, overdue=1
    )


async def test_report_dates_are_the_provinces_days(
    services: Services, clock: ManualClock, tmp_path: Path
) -> None:
    """A report sent at 01:25 on 04/12 in Hanoi is 18:25 on 03/12 in UTC: the sheet says
    04/12, as the card and every message do."""
    y_te = agency_id(services, "Sở Y tế")
    _, tasks = await services.repos.conclusions.create(
        NewConclusion(number="9/TB-UBND"),
        [NewTask("Báo cáo công tác phòng dịch.", (y_te,), (), "1.", None, None,
                 DeadlineKind.NONE)], None)
    clock.set(datetime(2024, 12, 3, 18, 25, tzinfo=UTC))
    await services.repos.tasks.add_event(tasks[0].id, EventKind.PROGRESS, None, "Đã xong.")
    out = tmp_path / "report.xlsx"
    await export_report(services, province_scope("vi"), out)
    _, rows, _ = _task_rows(out)
    assert rows[0]["Báo cáo gần nhất (tiến độ hoặc hoàn thành)"].value == "04/12/2024: Đã xong."
    # A completion report later is the latest report then.
    clock.set(datetime(2024, 12, 5, 2, 0, tzinfo=UTC))
    await services.repos.tasks.add_event(tasks[0].id, EventKind.DONE_REPORTED, None,
                                         "Đã ban hành báo cáo số 5/BC-SYT.")
    await export_report(services, province_scope("vi"), out)
    _, rows, _ = _task_rows(out)
    assert rows[0]["Báo cáo gần nhất (tiến độ hoặc hoàn thành)"].value == (
        "05/12/2024: Đã ban hành báo cáo số 5/BC-SYT.")


async def test_period_takes_tasks_due_or_assigned_in_it(
    services: Services, tmp_path: Path
) -> None:
    await seed(services)
    out = tmp_path / "q3.xlsx"
    # Notice 125 (30/08) is in Q3; notice 40 (01/02) is not, nor are its deadlines.
    result = await export_report(
        services, province_scope("vi"), out, start=date(2024, 7, 1), end=date(2024, 9, 30)
    )
    _, rows, sheet = _task_rows(out)
    assert result.rows == len(rows) == 6
    assert "từ 01/07/2024 đến 30/09/2024" in str(sheet["A3"].value)
    # Q1: only the old task due 31/03 and assigned 01/02, plus the one assigned 01/02.
    result = await export_report(
        services, province_scope("vi"), tmp_path / "q1.xlsx", start=date(2024, 1, 1),
        end=date(2024, 3, 31),
    )
    assert result.rows == 2
    # Only an end: everything assigned or due until then.
    result = await export_report(
        services, province_scope("vi"), tmp_path / "to.xlsx", end=date(2024, 3, 31)
    )
    assert result.rows == 2
    result = await export_report(
        services, province_scope("vi"), tmp_path / "dec.xlsx", start=date(2024, 12, 1)
    )
    assert result.rows == 1  # "Tổng kết công tác năm" is due 31/12


async def test_pages_are_keyset_paginated_and_indexed(services: Services) -> None:
    seeded = await seed(services, extra=30)
    pages = [
        page async for page in services.repos.reports.pages(
            ReportFilter(), services.settings.tz, page_size=7
        )
    ]
    ids = [row.task_id for page in pages for row in page]
    assert all(len(page) <= 7 for page in pages)
    stored = await services.repos.tasks.get_many(seeded.task_ids)
    assert ids == [t.id for t in stored if t.status is not TaskStatus.CANCELLED]
    plan = " ".join(await services.repos.reports.explain(ReportFilter(), services.settings.tz))
    assert "USING INDEX tasks_conclusion" in plan
    # The latest report: the task's events by index (newest first), never a scan.
    assert "SEARCH task_events USING INDEX task_events_task" in plan
    assert "SCAN" not in plan


async def test_rows_are_as_tall_as_their_wrapped_text(
    services: Services, tmp_path: Path
) -> None:
    """Row heights survive streaming page by page (the writer drops them once written)."""
    await seed(services, extra=40)
    out = tmp_path / "heights.xlsx"
    result = await export_report(services, province_scope("vi"), out, page_size=7)
    _, rows, sheet = _task_rows(out)
    assert len(rows) == result.rows > 7 * 3
    widths = [width for _, width in TASK_COLUMNS]
    tall = 0
    for number, row in enumerate(rows, start=HEADER_ROWS + 1):
        lines = max(
            wrapped_lines(cell.value, width) if isinstance(cell.value, str) else 1
            for cell, width in zip(row.values(), widths, strict=True)
        )
        tall += lines > 1
        # Heights are kept in whole pixels (3/4 pt).
        assert sheet.row_dimensions[number].height == pytest.approx(
            lines * LINE_HEIGHT + 4, abs=0.5
        )
    assert tall  # the seed has wrapped texts, so the check above means something


async def test_failed_export_leaves_no_temporary_files(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(services, extra=20)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    pages = 0
    add = ReportWorkbook.add

    def failing_add(self: ReportWorkbook, rows: Any) -> None:
        nonlocal pages
        pages += 1
        if pages == 2:
            raise OSError("disk full")
        add(self, rows)

    monkeypatch.setattr(ReportWorkbook, "add", failing_add)
    out = tmp_path / "broken.xlsx"
    with pytest.raises(OSError, match="disk full"):
        await export_report(services, province_scope("vi"), out, page_size=5)
    assert pages == 2
    assert list(scratch.iterdir()) == []
    assert not out.exists()


def test_parse_export_args() -> None:
    assert parse_export_args([]) == ExportArgs()
    assert parse_export_args(["Sở", "Y", "tế"]) == ExportArgs("Sở Y tế")
    assert parse_export_args(["Sở", "Y", "tế", "1/7/2024", "30/09/2024"]) == ExportArgs(
        "Sở Y tế", date(2024, 7, 1), date(2024, 9, 30)
    )
    assert parse_export_args(["01-07-2024"]) == ExportArgs(None, date(2024, 7, 1))
    with pytest.raises(ExportArgsError) as bad:
        parse_export_args(["Sở", "Y", "tế", "31/02/2024"])
    assert bad.value.code == "export.bad_date"
    with pytest.raises(ExportArgsError) as reversed_period:
        parse_export_args(["30/09/2024", "01/07/2024"])
    assert reversed_period.value.code == "export.bad_period"
    with pytest.raises(ExportArgsError):
        parse_export_args(["1/7/2024", "Sở", "Y", "tế"])


async def test_decide_scope_server_side(services: Services) -> None:
    seeded = await seed(services)
    directory = services.directory
    admin = Access(1001, True, True, frozenset())
    member = Access(7, False, False, frozenset({seeded.y_te}))
    stranger = Access(8, False, False, frozenset())
    assert decide_scope(directory, admin, None, "vi") == province_scope("vi")
    own = decide_scope(directory, member, None, "vi")
    assert isinstance(own, Scope) and own.label == "Sở Y tế"
    assert isinstance(decide_scope(directory, member, "so y te", "vi"), Scope)
    refused = decide_scope(directory, member, "Sở Tài chính", "vi")
    assert refused == ScopeRefusal("export.not_your_agency", {"agency": "Sở Tài chính"})
    assert decide_scope(directory, stranger, None, "vi") == ScopeRefusal("error.members_only")
    assert decide_scope(directory, stranger, "Sở Y tế", "vi") == ScopeRefusal(
        "error.members_only"
    )
    # A former name leads to today's successor, for admins and its members.
    former = decide_scope(directory, admin, "Sở LĐ-TB&XH", "vi")
    assert isinstance(former, Scope) and former.label == "Sở Nội vụ"
    unknown = decide_scope(directory, admin, "Sở Không Có", "vi")
    assert isinstance(unknown, ScopeRefusal) and unknown.code.startswith("export.unknown_agency")


def test_wrapped_lines_estimate() -> None:
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("ngắn", 10) == 1
    assert wrapped_lines("một hai ba bốn năm sáu bảy tám chín mười", 10) == 5
    assert wrapped_lines("dòng một\ndòng hai", 40) == 2
    assert wrapped_lines("x" * 100, 10) == 10


def test_cli_export_writes_the_file(
    settings: Settings, clock: ManualClock, tmp_path: Path
) -> None:
    async def prepare() -> None:
        services = await Services.open(settings, clock)
        try:
            await seed(services)
        finally:
            await services.close()

    asyncio.run(prepare())
    out = tmp_path / "cli" / "bao-cao.xlsx"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ADMIN_"))}
    env.update(DATABASE_PATH=str(settings.database_path), PROVINCE_NAME="tỉnh An Giang")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--out", str(out), "--agency", "Sở LĐ-TB&XH",
         "--from", "01/01/2024", "--to", "31/12/2024"],
        capture_output=True, text=True, env=env, timeout=60, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "3 nhiệm vụ" in done.stdout and "Sở Nội vụ" in done.stdout
    _, rows, sheet = _task_rows(out)
    assert len(rows) == 3
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--out", str(out), "--from", "31/02/2024"],
        capture_output=True, text=True, env=env, timeout=60, cwd=ROOT,
    )
    assert bad.returncode == 2 and "--from" in bad.stderr and "Traceback" not in bad.stderr
