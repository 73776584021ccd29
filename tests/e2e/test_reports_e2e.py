"""/export and /stats through the emulator, as admins, members and strangers use them."""

from __future__ import annotations

import io
import re
import struct

from openpyxl import load_workbook

from bot.adapters.charts import class_chart_figure
from bot.adapters.excel import HEADER_ROWS
from bot.core.models import TaskStatus
from bot.texts import plain
from bot.views.stats import stats_rows
from tests.support.harness import BotHarness
from tests.support.report_seed import TODAY, seed

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _rows_in(document: bytes, sheet_key: str = "export.sheet_tasks") -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(document))[plain(sheet_key)]
    return list(sheet.iter_rows(min_row=HEADER_ROWS + 1, values_only=True))


async def test_admin_exports_the_province_and_an_agency(harness: BotHarness) -> None:
    await seed(harness.services)
    admin = harness.admin()
    reply = await harness.emu.ask(admin, "/export", timeout=20)
    assert reply.document is not None, reply
    assert reply.document.file_name == "nhiem-vu_toan-tinh_2024-09-23.xlsx"
    assert "toàn tỉnh" in reply.plain_text and "8" in reply.plain_text
    assert len(_rows_in(reply.document.content)) == 8

    reply = await harness.emu.ask(admin, "/export Sở LĐ-TB&XH 01/01/2024 31/12/2024", timeout=20)
    assert reply.document is not None, reply
    assert "Sở Nội vụ" in reply.plain_text and "từ 01/01/2024 đến 31/12/2024" in reply.plain_text
    assert len(_rows_in(reply.document.content)) == 3

    reply = await harness.ask(admin, "/export Sở Không Tồn Tại")
    assert reply.document is None and "Không tìm thấy cơ quan" in reply.plain_text
    reply = await harness.ask(admin, "/export 31/02/2024")
    assert reply.document is None and "31/02/2024" in reply.plain_text
    assert "/export" in reply.plain_text  # usage follows the error
    reply = await harness.ask(admin, "/export Sở Tài chính 01/01/2030")
    assert reply.document is None and "Không có nhiệm vụ nào" in reply.plain_text


async def test_member_exports_only_their_agency(harness: BotHarness) -> None:
    seeded = await seed(harness.services)
    await harness.services.repos.memberships.add(2001, seeded.y_te, None)
    member = harness.person(2001, "Bình")
    reply = await harness.emu.ask(member, "/export", timeout=20)
    assert reply.document is not None, reply
    assert reply.document.file_name == "nhiem-vu_so-y-te_2024-09-23.xlsx"
    rows = _rows_in(reply.document.content)
    # Led or supported by Sở Y tế: tasks 1-5 and 7 of the first notice (6 is cancelled).
    assert len(rows) == 6
    assert all("Sở Y tế" in f"{row[6]} {row[7]}" for row in rows)

    # Another agency: refused, no file, nothing leaks.
    reply = await harness.ask(member, "/export Sở Tài chính")
    assert reply.document is None
    assert "chỉ xuất được báo cáo của cơ quan mình" in reply.plain_text
    assert "Tổng kết công tác năm" not in reply.plain_text


async def test_stranger_gets_no_report_and_no_stats(harness: BotHarness) -> None:
    await seed(harness.services)
    stranger = harness.person(5005, "Khách")
    for command in ("/export", "/export Sở Y tế", "/stats"):
        reply = await harness.ask(stranger, command)
        assert reply.document is None and reply.photo is None
        assert "chưa thuộc cơ quan nào" in reply.plain_text
    await harness.emu.wait_idle(timeout=10)
    chat = harness.emu.private_chat(stranger)
    assert all(m.document is None and m.photo is None for m in harness.emu.messages(chat))


async def test_admin_stats_text_and_chart(harness: BotHarness) -> None:
    await seed(harness.services)
    admin = harness.admin()
    chat = harness.emu.private_chat(admin)
    harness.emu.send_text(admin, "/stats")
    text, photo = await harness.emu.wait_for_messages(chat, 2, timeout=20)
    assert "Tình hình thực hiện nhiệm vụ" in text.plain_text
    assert "Toàn tỉnh: 8 nhiệm vụ" in text.plain_text
    # Worst first: most overdue, then most done late, then most tasks.
    names = [
        line.split(":")[0] for line in text.plain_text.splitlines()
        if re.fullmatch(r".+: \d+ nhiệm vụ", line)
    ]
    assert names[:2] == ["Sở Y tế", "Sở Tài chính"] and names[-1] == "Sở Nội vụ"
    assert len(names) == 4
    assert photo.photo is not None
    content = photo.photo.content
    assert content.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", content[16:24])
    assert 800 <= width <= 1400 and 280 <= height <= 2000
    assert photo.photo.width == width


async def test_member_stats_lists_their_agencies(harness: BotHarness) -> None:
    seeded = await seed(harness.services)
    await harness.services.repos.memberships.add(2002, seeded.y_te, None)
    await harness.services.repos.memberships.add(2002, seeded.tai_chinh, None)
    member = harness.person(2002, "Chi")
    chat = harness.emu.private_chat(member)
    harness.emu.send_text(member, "/stats")
    text, photo = await harness.emu.wait_for_messages(chat, 2, timeout=20)
    assert "Sở Y tế: 4 nhiệm vụ" in text.plain_text
    assert "Sở Tài chính: 2 nhiệm vụ" in text.plain_text
    assert "Sở Nội vụ" not in text.plain_text and "Toàn tỉnh" not in text.plain_text
    assert photo.photo is not None and photo.photo.content.startswith(PNG_SIGNATURE)


async def test_chart_has_one_bar_per_agency_and_class(harness: BotHarness) -> None:
    await seed(harness.services)
    services = harness.services
    rows = stats_rows(await services.repos.tasks.class_counts(TODAY), services.directory)
    assert len(rows) == 4  # Y tế, Nội vụ, Tài chính, the former labour department
    figure = class_chart_figure(rows, "t")
    containers = figure.axes[0].containers
    assert len(containers) == 5
    assert all(len(container) == len(rows) for container in containers)
    # The stacked widths add up to each agency's total.
    widths = [sum(c[i].get_width() for c in containers) for i in range(len(rows))]
    assert widths == [counts.total for _, counts in rows]


async def test_export_is_private_and_group_stats_follow_the_links(harness: BotHarness) -> None:
    seeded = await seed(harness.services)
    admin = harness.admin()
    group = harness.emu.group(-4001, "Tổ công tác Sở Y tế")
    harness.emu.add_bot_to_group(group, admin)
    await harness.emu.wait_idle(timeout=10)
    reply = await harness.ask(admin, "/export", chat=group)
    assert reply.document is None and "tin nhắn riêng" in reply.plain_text
    reply = await harness.ask(admin, "/stats", chat=group)
    assert reply.photo is None and "chưa được liên kết" in reply.plain_text

    # Linked to Sở Y tế: even the admin sees only Sở Y tế there, never the province.
    await harness.services.repos.chats.subscribe(group.id, seeded.y_te, admin.id)
    harness.emu.send_text(admin, "/stats", chat=group)
    text, photo = await harness.emu.wait_for_messages(group, 2, timeout=20)
    assert "Sở Y tế: 4 nhiệm vụ" in text.plain_text
    assert "Sở Tài chính" not in text.plain_text and "Toàn tỉnh" not in text.plain_text
    assert photo.photo is not None


async def test_stats_counts_follow_changes_and_the_chart_is_sent_again_by_file_id(
    harness: BotHarness,
) -> None:
    """Counts are kept per revision of the tasks, the chart per picture: a repeated /stats
    re-sends Telegram's file_id; a change shows at once; a forgotten file_id is re-uploaded."""
    seeded = await seed(harness.services)
    admin = harness.admin()
    chat = harness.emu.private_chat(admin)
    harness.emu.send_text(admin, "/stats")
    text, first = await harness.emu.wait_for_messages(chat, 2, timeout=20)
    assert first.photo is not None
    harness.emu.send_text(admin, "/stats")
    again_text, again = await harness.emu.wait_for_messages(chat, 2, timeout=20)
    assert again_text.plain_text == text.plain_text
    assert again.photo is not None and again.photo.content == first.photo.content
    uploads = [r for r in harness.emu.requests if r.method == "sendPhoto"]
    assert len(uploads) == 2 and uploads[0].files and not uploads[1].files
    assert uploads[1].params["photo"] == first.photo.file_id

    # A task is cancelled: the next /stats counts it no more, and draws a new chart.
    await harness.services.repos.tasks.set_status(
        seeded.task_ids[3], TaskStatus.CANCELLED, admin.id
    )
    harness.emu.send_text(admin, "/stats")
    changed_text, changed = await harness.emu.wait_for_messages(chat, 2, timeout=20)
    assert "Toàn tỉnh: 7 nhiệm vụ" in changed_text.plain_text
    assert "Toàn tỉnh: 8 nhiệm vụ" in text.plain_text
    assert changed.photo is not None and changed.photo.content != first.photo.content

    # Telegram no longer knows the file_id: the chart is drawn and uploaded again.
    harness.emu.inject_fault("sendPhoto", "bad_request")
    harness.emu.send_text(admin, "/stats")
    _, last = await harness.emu.wait_for_messages(chat, 2, timeout=20)
    assert last.photo is not None and last.photo.content == changed.photo.content
    calls = [r for r in harness.emu.requests if r.method == "sendPhoto"]
    assert [bool(r.files) for r in calls] == [True, False, True, False, True]
