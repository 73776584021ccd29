"""End to end: /import — a pasted or uploaded notice becomes proposals the admin reviews."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.drafts import Step
from tests.e2e.test_e2e_new import Admin, _code, _subscribe
from tests.support.harness import BotHarness

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "conclusions"
if not SAMPLES.is_dir():
    SAMPLES = Path("/work/shared/conclusions")

NOTICE = """UỶ BAN NHÂN DÂN
TỈNH QUẢNG NGÃI

Số: 512/TB-UBND

Quảng Ngãi, ngày 16 tháng 9 năm 2024

THÔNG BÁO

Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Sở Lao động – Thương binh và \
Xã hội về công tác giảm nghèo

Ngày 10/9/2024, Phó Chủ tịch UBND tỉnh chủ trì làm việc với Sở Lao động – Thương binh và \
Xã hội. Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:

1. Giao Sở Lao động – Thương binh và Xã hội chủ trì, phối hợp với Sở Tài chính rà soát \
đối tượng hộ nghèo, hoàn thành trước ngày 30/10/2024.

2. Giao Sở Xây dựng chủ trì, phối hợp với Trung tâm Phát triển quỹ đất tỉnh khảo sát nhà \
ở cho người có công, trong năm 2025.

3. Tăng cường tuyên truyền về chính sách giảm nghèo trên các phương tiện thông tin đại chúng.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Phước Hiền
"""


async def test_paste_review_edit_skip_and_save(harness: BotHarness) -> None:
    await _subscribe(harness, -100201, "Sở Nội vụ", "so-noi-vu")
    # An official who reads the bot in English follows the same agency in a private chat.
    reader = harness.person(5077, "Reader")
    await harness.ask(reader, "/start")
    home = harness.services.directory.by_code("so-noi-vu")
    assert home is not None and home.id is not None
    await harness.services.repos.users.set_language(5077, "en")
    await harness.services.repos.chats.subscribe(5077, home.id, 1001)
    admin = Admin(harness)
    await admin.say("/import")
    assert "Dán toàn văn thông báo" in admin.prompt().plain_text
    reply = await admin.say(NOTICE)
    assert "3 nhiệm vụ đề xuất" in reply.plain_text
    assert "Đề xuất 1/3" in reply.plain_text
    assert "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính" in reply.plain_text
    await admin.tap("✅ Nhận")
    assert "Đề xuất 2/3" in admin.prompt().plain_text
    assert "(chưa có trong danh mục)" in admin.prompt().plain_text
    await admin.tap("✏️ Sửa")
    await admin.tap("Giữ nguyên")  # text
    await admin.tap("Giữ nguyên")  # lead
    # The name as the bot read it is ticked; it took two more words: untick, type it right.
    misread = next(label for label in admin.prompt().button_texts()
                   if label.startswith("✓ Trung tâm"))
    await admin.tap(misread)
    await admin.say("Trung tâm Phát triển quỹ đất tỉnh")
    await admin.tap("➕ Thêm mới: Trung tâm Phát triển quỹ đất tỉnh")
    await admin.tap("Giữ nguyên")  # deadline
    assert "Đề xuất 3/3" in admin.prompt().plain_text
    await admin.tap("⏭ Bỏ qua")
    preview = admin.prompt().plain_text
    assert "Các nhiệm vụ (2)" in preview and "Số: 512/TB-UBND ngày 16/09/2024" in preview
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    repos = harness.services.repos
    conclusion = await repos.conclusions.get(1)
    assert conclusion is not None and conclusion.number == "512/TB-UBND"
    assert conclusion.signer == "Trần Phước Hiền" and conclusion.source_text
    tasks = await repos.tasks.of_conclusion(1)
    assert [t.ordinal for t in tasks] == ["1", "2"]
    assert [_code(harness, a) for a in tasks[0].lead_ids] == ["so-noi-vu"]
    assert tasks[0].deadline == date(2024, 10, 30)
    assert tasks[0].deadline_text == "trước ngày 30/10/2024"
    assert _code(harness, tasks[1].support_ids[0]).startswith("custom-")
    assert tasks[1].deadline == date(2025, 12, 31)
    message = await harness.emu.wait_for_message(
        -100201, lambda m: "Nhiệm vụ mới" in m.plain_text, timeout=10)
    assert "#1" in message.plain_text
    english = await harness.emu.wait_for_message(
        5077, lambda m: "New tasks assigned" in m.plain_text, timeout=10)
    assert "#1" in english.plain_text and "Nhiệm vụ mới" not in english.plain_text


async def test_upload_checks_type_and_size_then_reads_the_file(harness: BotHarness) -> None:
    admin = Admin(harness)
    stranger = harness.person(5010, "Minh")
    reply = await harness.ask(stranger, "/import")
    assert "chỉ dành cho quản trị viên" in reply.plain_text
    await admin.say("/import")
    emu = harness.emu
    emu.send_document(admin.user, "thong-bao.exe", b"MZ\x00\x01")
    reply = await emu.wait_for_message(admin.user.id, timeout=10)
    assert "bot nhận tệp .docx, .pdf hoặc .txt" in reply.plain_text
    emu.send_document(admin.user, "thong-bao.txt", b"x" * 2_100_000)
    reply = await emu.wait_for_message(admin.user.id, timeout=10)
    assert "lớn quá 2 MB" in reply.plain_text
    record = await harness.services.repos.drafts.active_of(1001)
    assert record is not None and record.draft.step is Step.SOURCE
    emu.send_document(admin.user, "thong-bao.txt", NOTICE.encode("utf-8"), "text/plain")
    reply = await emu.wait_for_message(admin.user.id, timeout=15)
    assert "3 nhiệm vụ đề xuất" in reply.plain_text
    await admin.tap("✅ Nhận tất cả 3 đề xuất còn lại")
    record = await harness.services.repos.drafts.active_of(1001)
    # The second proposal names an agency missing from the directory, but has a lead.
    assert record is not None and record.draft.step is Step.PREVIEW
    assert len(record.draft.tasks) == 3


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample notices not available")
async def test_the_sample_notice_003_imports_fifteen_tasks(harness: BotHarness) -> None:
    sample = next(SAMPLES.glob("003_*.txt"))
    await _subscribe(harness, -100301, "Sở Nội vụ", "so-noi-vu")
    admin = Admin(harness)
    await admin.say("/import")
    harness.emu.send_document(admin.user, "003.txt", sample.read_bytes(), "text/plain")
    reply = await harness.emu.wait_for_message(admin.user.id, timeout=15)
    assert "15 nhiệm vụ đề xuất" in reply.plain_text
    await admin.tap("✅ Nhận tất cả 15 đề xuất còn lại")
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    tasks = await harness.services.repos.tasks.of_conclusion(1)
    assert len(tasks) == 15
    by_ordinal = {t.ordinal: t for t in tasks}
    assert by_ordinal["II.4"].deadline == date(2024, 9, 30)
    assert by_ordinal["III.3"].deadline == date(2024, 9, 30)
    assert [_code(harness, a) for a in by_ordinal["III.3"].lead_ids] == ["so-khoa-hoc-cong-nghe"]
    # Thirteen tasks for one agency still make one message (texts are shortened).
    await harness.emu.wait_for_message(-100301, lambda m: "Nhiệm vụ mới" in m.plain_text,
                                       timeout=10)
    await harness.emu.wait_idle(timeout=10)
    sent = [m for m in harness.emu.messages(-100301) if "Nhiệm vụ mới" in m.plain_text]
    assert len(sent) == 1


async def test_the_same_notice_is_not_saved_twice(harness: BotHarness) -> None:
    admin = Admin(harness)
    await admin.say("/import")
    await admin.say(NOTICE)
    await admin.tap("✅ Nhận tất cả 3 đề xuất còn lại")
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    # Pasted again: said as soon as it is read, and the draft goes.
    await admin.say("/import")
    reply = await admin.say(NOTICE)
    assert "Thông báo số 512/TB-UBND ngày 16/09/2024 đã được nhập ngày 23/09/2024" in (
        reply.plain_text)
    assert "#1, #2, #3" in reply.plain_text
    repos = harness.services.repos
    assert await repos.drafts.active_of(1001) is None
    # Typed again with /new: refused at Save, in one sentence.
    await admin.say("/new")
    for answer in ("512/TB-UBND", "UBND tỉnh Quảng Ngãi", "Trần Phước Hiền", "16/9/2024", "-",
                   "-", "Rà soát đối tượng hộ nghèo.", "Sở Nội vụ"):
        await admin.say(answer)
    await admin.tap("Không có cơ quan phối hợp")
    await admin.tap("Không có thời hạn")
    await admin.tap("✅ Xong, xem lại")
    alert = await admin.tap("💾 Lưu và giao nhiệm vụ")
    assert alert == (
        "Thông báo số 512/TB-UBND ngày 16/09/2024 đã được nhập ngày 23/09/2024 (các nhiệm vụ "
        "#1, #2, #3) nên không lưu lại. Nếu là văn bản khác, sửa số hiệu hoặc ngày ban hành; "
        "nếu không, hủy bản nháp.")
    assert await repos.conclusions.count() == 1 and await repos.tasks.count() == 3
    record = await repos.drafts.active_of(1001)
    assert record is not None and record.draft.step is Step.PREVIEW  # kept for a fix or Cancel


UNSURE = """UBND TỈNH QUẢNG NINH

Số: 77/TB-UBND

THÔNG BÁO

Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 11/2027

Chủ tịch UBND tỉnh kết luận như sau:

1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát dự toán, hoàn thành trước \
ngày 30/12/2027.

2. Tăng cường công tác tuyên truyền về chuyển đổi số.

3. Giao Sở Nội vụ chủ trì tổng kết công tác thi đua, trong tháng 12/2027.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
"""


async def test_the_review_shows_doubtful_proposals_first_and_why_each_lead_was_chosen(
    harness: BotHarness,
) -> None:
    admin = Admin(harness)
    await admin.say("/import")
    reply = await admin.say(UNSURE)
    text = reply.plain_text
    # Item 2 names no agency: it is reviewed first, and the admin is told why.
    assert "Đề xuất 1/3" in text and "mục 2 trong văn bản" in text
    assert "Chưa xác định được cơ quan chủ trì" in text
    assert "bot chưa chắc chắn về cơ quan chủ trì" in text and "đưa lên xem trước" in text
    await admin.tap("⏭ Bỏ qua")
    second = admin.prompt().plain_text
    assert "Đề xuất 2/3" in second and "mục 1 trong văn bản" in second
    assert ("Căn cứ: cơ quan chủ trì ghi ngay trong nhiệm vụ; thời hạn ghi ngay trong "
            "nhiệm vụ") in second
    await admin.tap("✅ Nhận")
    await admin.tap("✅ Nhận")
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    tasks = await harness.services.repos.tasks.of_conclusion(1)
    assert [t.ordinal for t in tasks] == ["1", "3"]  # the notice's order, not the review's


CLUSTERS = """UBND TỈNH QUẢNG NINH

Số: 81/TB-UBND

THÔNG BÁO

Kết luận của Chủ tịch UBND tỉnh về phát triển cụm công nghiệp

Chủ tịch UBND tỉnh kết luận như sau:

1. Giao UBND các xã, phường có cụm công nghiệp rà soát hạ tầng cụm công nghiệp, báo cáo \
trước ngày 30/12/2027.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
"""


async def test_the_admin_ticks_the_units_of_a_qualified_collective(harness: BotHarness) -> None:
    directory = harness.services.directory
    group = directory.resolve("UBND các xã, phường có cụm công nghiệp")
    assert group is not None
    members = directory.members_of(group.current)
    # A ticked commune's group and an unticked one's: only the first hears of the task.
    await _subscribe(harness, -100301, "Ticked", members[0].code)
    await _subscribe(harness, -100302, "Not ticked", members[2].code)
    admin = Admin(harness)
    await admin.say("/import")
    reply = await admin.say(CLUSTERS)
    total = len(members)
    label = next(b for b in reply.button_texts() if b.startswith("☑"))
    assert f"0/{total}" not in label and f"{total}/{total}" in label  # all by default
    await admin.tap(label)
    assert "Đánh dấu các đơn vị được giao" in admin.prompt().plain_text
    await admin.tap("Bỏ chọn tất cả")
    refused = await admin.tap("✅ Xong")
    assert refused is not None and "ít nhất một đơn vị" in refused
    first, second = members[0].name, members[1].name
    await admin.tap(first)
    await admin.tap(second)
    assert f"✓ {first}" in admin.prompt().button_texts()
    await admin.tap("✅ Xong")
    proposal = admin.prompt().plain_text
    assert f"(2/{total} đơn vị)" in proposal
    await admin.tap("✅ Nhận")
    assert f"(2/{total} đơn vị)" in admin.prompt().plain_text  # the preview says it too
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    saved = harness.emu.messages(harness.admin().id)[-1].plain_text
    # The ticked commune nobody follows yet is named, with how to bring it in.
    assert "Đã gửi thông báo giao nhiệm vụ tới 1 nhóm/cán bộ" in saved
    assert f"1 đơn vị được giao chưa có ai theo dõi nên chưa nhận được thông báo: {second}" \
        in saved and "/invite" in saved
    (task,) = await harness.services.repos.tasks.of_conclusion(1)
    units = await harness.services.repos.units.of_task(task.id)
    assert sorted(u.agency_id for u in units) == sorted(
        m.id for m in members[:2] if m.id is not None)
    await harness.settle()
    told = [m for m in harness.emu.messages(-100301) if "Nhiệm vụ mới được giao" in m.plain_text]
    assert len(told) == 1
    assert "rà soát hạ tầng cụm công nghiệp" in told[0].plain_text
    assert f"Cơ quan: {first}" in told[0].plain_text
    assert not [m for m in harness.emu.messages(-100302) if "Nhiệm vụ mới" in m.plain_text]


OLD = """UBND TỈNH QUẢNG NINH

Số: 41/TB-UBND

THÔNG BÁO

Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về công tác giảm nghèo

Chủ tịch UBND tỉnh kết luận như sau:

1. Giao Sở Tài chính chủ trì rà soát dự toán kinh phí giảm nghèo, hoàn thành trước \
ngày 30/12/2024.

2. Giao Sở Nội vụ chủ trì tổng hợp danh sách hộ nghèo, hoàn thành trước ngày 30/6/2024.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
"""


async def test_a_deadline_already_passed_is_marked_first_and_counted_before_saving(
    harness: BotHarness,
) -> None:
    # An old notice recorded late: its passed deadline is kept (it may be what the office
    # wants), but the review marks it, shows it first, and the preview counts it.
    admin = Admin(harness)
    await admin.say("/import")
    reply = await admin.say(OLD)
    text = reply.plain_text
    assert "Đề xuất 1/2" in text and "mục 2 trong văn bản" in text
    assert "⚠️ Thời hạn đã qua: 30/06/2024 (hôm nay là 23/09/2024)" in text
    assert "nhắc quá hạn" in text and "thời hạn đã qua) được đưa lên xem trước" in text
    await admin.tap("✅ Nhận")
    second = admin.prompt().plain_text
    assert "Đề xuất 2/2" in second and "Thời hạn đã qua" not in second
    await admin.tap("✅ Nhận")
    preview = admin.prompt().plain_text
    assert ("⚠️ 1 nhiệm vụ có thời hạn đã qua (2): khi lưu, các cơ quan được giao sẽ bị nhắc "
            "ngay là quá hạn.") in preview
    assert "Sửa một nhiệm vụ" in preview
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    saved = harness.emu.messages(admin.user.id)[-1].plain_text
    assert "Đã lưu thông báo số 41/TB-UBND" in saved
    assert ("⚠️ 1 nhiệm vụ quá hạn ngay từ khi lưu (#2) vì thời hạn đã qua: các cơ quan được "
            "giao sẽ nhận nhắc quá hạn. Để đổi thời hạn, gửi /task 2 rồi bấm ⏰ Đổi thời hạn."
            ) in saved
    tasks = await harness.services.repos.tasks.of_conclusion(1)
    assert [(t.ordinal, t.deadline) for t in tasks] == [
        ("1", date(2024, 12, 30)), ("2", date(2024, 6, 30))]
