"""End to end: an admin records a conclusion notice with /new, as in chat.

The fixture notice is modelled on a real one (a chairman's conclusions after a working
session with the former Department of Labour, Invalids and Social Affairs): agencies
written as officials write them, former names, several leads, deadlines such as
"trước ngày 30/9/2024", "trong năm 2025", "trong kỳ họp tháng 9/2024".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.drafts import DraftState, Step
from bot.core.models import ChatType, DeadlineKind, Role
from emulator import EmuUser, SentMessage
from tests.support.harness import BotHarness


@dataclass(frozen=True)
class Item:
    """One task of the fixture: what the admin types or taps, and what must be stored."""

    text: str
    lead: str  # typed; "@Label" taps the button
    support: tuple[str, ...]  # typed (one message) or "@Label" taps; () = none
    deadline: str  # typed; "@Label" taps
    lead_codes: tuple[str, ...]
    support_codes: tuple[str, ...]
    due: date | None
    kind: DeadlineKind = DeadlineKind.DATE


NOTICE: tuple[Item, ...] = (
    Item("Cập nhật kịp thời các quy định của Trung ương, tham mưu giải pháp phát triển ngành.",
         "Sở Lao động – Thương binh và Xã hội", (), "thường xuyên",
         ("so-noi-vu",), (), None, DeadlineKind.NONE),
    Item("Thực hiện hiệu quả công tác đào tạo nghề, giải quyết việc làm và xuất khẩu lao động.",
         "Sở LĐ-TB&XH", ("@Sở Giáo dục và Đào tạo",), "trong năm 2025",
         ("so-noi-vu",), ("so-giao-duc-dao-tao",), date(2025, 12, 31)),
    Item("Tham mưu UBND tỉnh trình HĐND tỉnh Nghị quyết hỗ trợ bà mẹ Việt Nam anh hùng.",
         "@Sở Nội vụ", ("Sở Tài chính",), "trong kỳ họp tháng 9/2024",
         ("so-noi-vu",), ("so-tai-chinh",), date(2024, 9, 30)),
    Item("Sửa chữa, nâng cấp các công trình nghĩa trang liệt sỹ trên địa bàn tỉnh.",
         "@Sở Nội vụ", ("Sở Tài chính; Sở Xây dựng",), "quý IV/2024",
         ("so-noi-vu",), ("so-tai-chinh", "so-xay-dung"), date(2024, 12, 31)),
    Item("Kiến nghị Bộ, ngành Trung ương bổ sung cơ chế đặc thù hỗ trợ nhà ở người có công.",
         "Sở KH&ĐT; Sở Xây dựng", (), "@Không có thời hạn",
         ("so-tai-chinh", "so-xay-dung"), (), None, DeadlineKind.NONE),
    Item("Tổng kết Đề án sửa chữa, nâng cấp mộ và nghĩa trang liệt sĩ giai đoạn 2021 - 2025.",
         "so noi vu", (), "trong năm 2025",
         ("so-noi-vu",), (), date(2025, 12, 31)),
    Item("Giải quyết kinh phí thực hiện Đề án trong năm 2024 và năm 2025 <kinh phí & vốn>.",
         "tai chinh", ("Sở LĐTBXH",), "@Giống nhiệm vụ trước: trong năm 2025",
         ("so-tai-chinh",), ("so-noi-vu",), date(2025, 12, 31)),
    Item("Số hóa hồ sơ lĩnh vực người có công trên phần mềm theo dõi của tỉnh.",
         "Sở Thông tin và Truyền thông", ("Sở Tài chính",), "trước ngày 30/9/2024",
         ("so-khoa-hoc-cong-nghe",), ("so-tai-chinh",), date(2024, 9, 30)),
    Item("Xây dựng Đề án thí điểm về xuất khẩu lao động, dạy nghề và giảm nghèo bền vững.",
         "Sở Nội vụ", ("@Sở Tài chính", "tư pháp"), "tháng 12/2024",
         ("so-noi-vu",), ("so-tai-chinh", "so-tu-phap"), date(2024, 12, 31)),
    Item("Báo cáo tiến độ giải ngân vốn Chương trình MTQG giảm nghèo bền vững.",
         "Sở Nội vụ", (), "hằng quý",
         ("so-noi-vu",), (), date(2024, 9, 30), DeadlineKind.RECURRING),
    Item("Đẩy nhanh tiến độ thực hiện Chương trình MTQG giảm nghèo bền vững năm 2024.",
         "UBND các huyện, thị xã, thành phố", ("Các sở, ban, ngành",), "ngày 20 tháng 10 năm 2024",
         ("ubnd-cac-xa-phuong",), ("cac-so-ban-nganh",), date(2024, 10, 20)),
    Item("Rà soát đối tượng bảo trợ xã hội, chi trả trợ cấp qua tài khoản.",
         "Sở Nội vụ", ("BHXH tỉnh",), "30/10",
         ("so-noi-vu",), ("bao-hiem-xa-hoi-tinh",), date(2024, 10, 30)),
    Item("Tuyên truyền chính sách người có công trên báo, đài.",
         "Đài PT-TH tỉnh", (), "6 tháng đầu năm 2025",
         ("bao-va-phat-thanh-truyen-hinh",), (), date(2025, 6, 30)),
    Item("Kiểm tra an toàn, vệ sinh lao động tại doanh nghiệp có nguy cơ cao.",
         "Sở Nội vụ", ("Sở Công Thương, Sở Y tế",), "+7",
         ("so-noi-vu",), ("so-cong-thuong", "so-y-te"), date(2024, 9, 30)),
    Item("Vận động nguồn lực xã hội cho Quỹ Đền ơn đáp nghĩa.",
         "Sở Nội vụ", ("Ủy ban MTTQ Việt Nam tỉnh",), "trước ngày 31/12/2024",
         ("so-noi-vu",), ("uy-ban-mttq-tinh",), date(2024, 12, 31)),
)


class Admin:
    """Drives the bot as the admin would and returns the bot's latest question."""

    def __init__(self, harness: BotHarness, user: EmuUser | None = None) -> None:
        self.h = harness
        self.user = user or harness.admin()

    def prompt(self) -> SentMessage:
        """The newest bot message in the private chat that still has live buttons."""
        with_buttons = [
            m for m in self.h.emu.messages(self.user.id) if m.inline_keyboard() and not m.deleted
        ]
        assert with_buttons, "no message with buttons"
        return with_buttons[-1]

    async def say(self, text: str) -> SentMessage:
        """Type ``text``; returns the bot's first reply."""
        reply = await self.h.ask(self.user, text)
        await self.h.emu.wait_idle(quiet=0.05, timeout=10)
        return reply

    async def tap(self, label: str) -> str | None:
        """Press the button ``label`` on the current question; returns the alert text."""
        answer = await self.h.press(self.user, self.prompt(), label)
        return answer.text

    async def answer(self, value: str) -> None:
        """"@Label" taps a button, anything else is typed."""
        if value.startswith("@"):
            await self.tap(value[1:])
        else:
            await self.say(value)

    def text(self) -> str:
        """Everything the bot said in the private chat so far."""
        return "\n".join(m.plain_text for m in self.h.emu.messages(self.user.id))


async def _details(admin: Admin) -> None:
    await admin.say("/new")
    await admin.say("1234/TB-UBND")
    await admin.say("UBND tỉnh Quảng Ngãi")
    await admin.say("Lê Chí Phương")
    await admin.say("05/9/2024")
    await admin.say("23/8/2024")
    await admin.say("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở LĐ-TB&XH")


async def _record(admin: Admin, item: Item, first: bool) -> None:
    del first  # the first text answers "Nhiệm vụ 1", the others the "more tasks" question
    await admin.say(item.text)
    await admin.answer(item.lead)
    if not item.support:
        await admin.tap("Không có cơ quan phối hợp")
    else:
        for value in item.support:
            await admin.answer(value)
        if item.support[-1].startswith("@"):  # typed names move on by themselves
            await admin.tap(f"Tiếp tục ▶ ({len(item.support)} đã chọn)")
    await admin.answer(item.deadline)
    if item.kind is DeadlineKind.RECURRING and item.due is not None:
        # A recurring duty: followed from the current period, the one ticked.
        await admin.tap(f"✓ Kỳ này · {item.due:%d/%m/%Y}")


def _code(harness: BotHarness, agency_id: int) -> str:
    agency = harness.services.directory.by_id(agency_id)
    assert agency is not None
    return agency.code


async def _subscribe(harness: BotHarness, chat_id: int, title: str, *codes: str) -> None:
    repos = harness.services.repos
    await repos.chats.upsert(chat_id, ChatType.GROUP, title)
    harness.emu.add_bot_to_group(harness.emu.group(chat_id, title), harness.admin())
    for code in codes:
        agency = harness.services.directory.by_code(code)
        assert agency is not None and agency.id is not None
        await repos.chats.subscribe(chat_id, agency.id, 1001)


async def test_record_a_whole_notice_and_notify_each_chat_once(harness: BotHarness) -> None:
    await _subscribe(harness, -100101, "Sở Nội vụ", "so-noi-vu")
    await _subscribe(harness, -100102, "Sở Tài chính và Sở Xây dựng", "so-tai-chinh", "so-xay-dung")
    await _subscribe(harness, -100103, "Sở Ngoại vụ", "so-ngoai-vu")
    admin = Admin(harness)
    await _details(admin)
    for index, item in enumerate(NOTICE):
        await _record(admin, item, first=index == 0)
    await admin.tap("✅ Xong, xem lại")
    preview = admin.text().split("XEM LẠI VĂN BẢN TRƯỚC KHI LƯU")[-1]
    assert "Số: 1234/TB-UBND ngày 05/09/2024" in preview
    assert "Các nhiệm vụ (15)" in preview
    assert (
        "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính; thời hạn: 30/09/2024 "
        "(“trong kỳ họp tháng 9/2024”)."
    ) in preview
    assert "«Sở Lao động – Thương binh và Xã hội» nay là Sở Nội vụ" in admin.text()
    assert await harness.services.repos.conclusions.count() == 0  # nothing before Save
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    assert "Đã lưu thông báo số 1234/TB-UBND với 15 nhiệm vụ" in admin.text()

    repos = harness.services.repos
    conclusion = await repos.conclusions.get(1)
    assert conclusion is not None
    assert (conclusion.number, conclusion.issuer, conclusion.signer) == (
        "1234/TB-UBND", "UBND tỉnh Quảng Ngãi", "Lê Chí Phương")
    assert (conclusion.issued_on, conclusion.meeting_on) == (date(2024, 9, 5), date(2024, 8, 23))
    tasks = await repos.tasks.of_conclusion(conclusion.id)
    assert len(tasks) == len(NOTICE)
    for task, item in zip(tasks, NOTICE, strict=True):
        assert task.text == item.text
        assert tuple(_code(harness, a) for a in task.lead_ids) == item.lead_codes, item.text
        assert tuple(_code(harness, a) for a in task.support_ids) == item.support_codes, item.text
        assert (task.deadline, task.deadline_kind) == (item.due, item.kind), item.text
        events = await repos.tasks.events(task.id)
        assert [e.kind.value for e in events] == ["created"]
    assert tasks[2].deadline_text == "trong kỳ họp tháng 9/2024"
    assert tasks[9].recurrence == "quarterly:last"
    # "+7" is the admin's typing shortcut, not the notice's words: the date alone is kept.
    assert (tasks[13].deadline, tasks[13].deadline_text) == (date(2024, 9, 30), "30/09/2024")
    assert "“+7”" not in admin.text()

    for chat_id in (-100101, -100102):
        await harness.emu.wait_for_message(
            chat_id, lambda m: "Nhiệm vụ mới" in m.plain_text, timeout=10)
    await harness.emu.wait_idle(timeout=10)
    def assignments(chat_id: int) -> list[SentMessage]:
        return [m for m in harness.emu.messages(chat_id) if "Nhiệm vụ mới" in m.plain_text]

    home, finance = assignments(-100101), assignments(-100102)
    assert len(home) == 1 and len(finance) == 1
    assert not assignments(-100103)  # no task for that agency
    assert "Chủ trì thực hiện" in home[0].plain_text
    assert "#15" in home[0].plain_text
    assert "+7" not in home[0].plain_text  # agencies never see the shortcut as a phrase
    assert "&lt;" not in finance[0].plain_text and "<kinh phí & vốn>" in finance[0].plain_text
    outbox = await repos.outbox.for_chat(-100102)
    assert [m.dedupe_key for m in outbox if m.kind != "group_hello"] == [
        f"new:{conclusion.id}:-100102"
    ]
    draft = await repos.drafts.get(1)
    assert draft is not None and draft.state is DraftState.SAVED
    assert draft.conclusion_id == conclusion.id


async def test_strangers_and_other_admins_are_refused_and_nothing_changes(
    harness: BotHarness,
) -> None:
    stranger = harness.person(5001, "Minh")
    reply = await harness.ask(stranger, "/new")
    assert "chỉ dành cho quản trị viên" in reply.plain_text
    reply = await harness.ask(stranger, "/ketluan")
    assert "chỉ dành cho quản trị viên" in reply.plain_text
    admin = Admin(harness)
    await admin.say("/new")
    await admin.say("99/TB-UBND")
    repos = harness.services.repos
    before = await repos.drafts.active_of(1001)
    assert before is not None and before.draft.step is Step.ISSUER
    prompt = admin.prompt()
    for label, data in prompt.buttons():
        assert data is not None
        update = harness.emu.press_button(stranger, prompt, data=data)
        answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
        assert "chỉ dành cho quản trị viên" in (answer.text or ""), label
    forged_data = f"nd:{before.id}:{before.revision}:sk~AAAAAAAA"
    forged = harness.emu.press_button(stranger, prompt, data=forged_data)
    answer = await harness.emu.wait_for_callback_answer(forged, timeout=10)
    assert "không hợp lệ" in (answer.text or "")
    # Another admin pressing a forwarded button of this draft is refused too.
    other = harness.person(5002, "Hải")
    await harness.ask(other, "/start")
    await repos.users.set_role(5002, Role.ADMIN)
    update = harness.emu.press_button(other, prompt, data=prompt.buttons()[0][1])
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert "bản nháp của người khác" in (answer.text or "")
    reply = await harness.ask(stranger, "Sở Tài chính")
    assert "Gửi /help" in reply.plain_text  # the ordinary answer to free text
    after = await repos.drafts.active_of(1001)
    assert after == before
    assert await repos.conclusions.count() == 0
    # The admin's own stale button (an earlier step) is refused politely.
    skip = dict(prompt.buttons())["Bỏ qua"]
    await admin.tap("Bỏ qua")
    update = harness.emu.press_button(admin.user, prompt, data=skip)
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert "bước đã qua" in (answer.text or "")
    current = await repos.drafts.active_of(1001)
    assert current is not None and current.draft.step is Step.SIGNER


async def test_a_restart_in_the_middle_keeps_the_draft(harness: BotHarness) -> None:
    admin = Admin(harness)
    await _details(admin)
    await _record(admin, NOTICE[2], first=True)
    await admin.say(NOTICE[7].text)
    await admin.say("Sở Thông tin và Truyền thông")
    assert "Cơ quan phối hợp với Sở Khoa học và Công nghệ" in admin.prompt().plain_text
    await harness.restart()
    # The question on screen is stored: the answer typed after the restart is taken as is.
    reply = await admin.say("Sở Tài chính")
    assert "Cơ quan phối hợp: Sở Tài chính" in reply.plain_text
    assert "Thời hạn của nhiệm vụ" in reply.plain_text
    await admin.say("trước ngày 30/9/2024")
    await harness.restart()
    await admin.tap("✅ Xong, xem lại")  # buttons from before the restart still work
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    tasks = await harness.services.repos.tasks.of_conclusion(1)
    assert [t.text for t in tasks] == [NOTICE[2].text, NOTICE[7].text]
    assert tasks[1].deadline == date(2024, 9, 30)
    assert [_code(harness, a) for a in tasks[1].support_ids] == ["so-tai-chinh"]


async def test_new_after_a_restart_offers_to_continue_or_discard(harness: BotHarness) -> None:
    admin = Admin(harness)
    await admin.say("/new")
    await admin.say("7/TB-UBND")
    await harness.restart()
    reply = await admin.say("/new")
    assert "bản nháp chưa xong" in reply.plain_text
    await admin.tap("🗑 Hủy bản nháp")
    assert "Số hiệu văn bản" in admin.prompt().plain_text  # a fresh draft
    repos = harness.services.repos
    old = await repos.drafts.get(1)
    assert old is not None and old.state is DraftState.CANCELLED
    fresh = await repos.drafts.active_of(1001)
    assert fresh is not None and fresh.draft.number is None


async def test_back_cancel_mistakes_and_a_new_agency(harness: BotHarness) -> None:
    admin = Admin(harness)
    await admin.say("/new")
    await admin.say("5/TB-UBND")
    await admin.tap("Bỏ qua")
    await admin.tap("↩ Quay lại")
    assert "Cơ quan ban hành" in admin.prompt().plain_text
    await admin.say("UBND tỉnh")
    await admin.tap("Bỏ qua")
    reply = await admin.say("hôm qua")
    assert "chưa hiểu ngày" in reply.plain_text
    await admin.say("31/8/2024")
    await admin.tap("Bỏ qua")
    await admin.tap("Bỏ qua")
    await admin.say("Rà soát quy hoạch")
    await admin.tap("↩ Quay lại")
    assert "Gõ (hoặc dán) nội dung nhiệm vụ" in admin.prompt().plain_text
    await admin.say("Rà soát quy hoạch khu xúc tiến")
    reply = await admin.say("Trung tâm Xúc tiến Đầu tư")
    assert "Không có cơ quan nào khớp" in reply.plain_text
    await admin.tap("➕ Thêm mới: Trung tâm Xúc tiến Đầu tư")
    assert "Đã thêm cơ quan mới «Trung tâm Xúc tiến Đầu tư»" in admin.text()
    await admin.tap("Không có cơ quan phối hợp")
    reply = await admin.say("30/2/2025")
    assert "không có trên lịch" in reply.plain_text
    reply = await admin.say("trước ngày 1/9/2024")
    assert "đã qua" in reply.plain_text
    await admin.say("trước ngày 30/9/2024")
    await admin.tap("↩ Quay lại")  # the finished task comes back to its deadline
    assert "Thời hạn của nhiệm vụ" in admin.prompt().plain_text
    await admin.say("tháng 10/2024")
    await admin.tap("✅ Xong, xem lại")
    await admin.tap("🗑 Xóa một nhiệm vụ")
    assert "Xóa nhiệm vụ nào?" in admin.prompt().plain_text
    await admin.tap("1")
    assert "Xóa nhiệm vụ 1 «Rà soát quy hoạch khu xúc tiến» khỏi bản nháp?" in (
        admin.prompt().plain_text)
    await admin.tap("🗑 Xóa nhiệm vụ 1")
    assert "Đã xóa nhiệm vụ 1" in admin.text()
    await admin.tap("✖ Hủy")
    question = admin.prompt()
    assert "Hủy bản nháp này?" in question.plain_text  # the question comes with its buttons
    await admin.tap("Không, nhập tiếp")
    assert "Hủy bản nháp này?" not in admin.prompt().plain_text
    await admin.tap("✖ Hủy")
    await admin.tap("Đúng, hủy bản nháp")
    assert "Đã hủy bản nháp" in admin.text()
    repos = harness.services.repos
    assert await repos.conclusions.count() == 0 and await repos.tasks.count() == 0
    assert await repos.drafts.active_of(1001) is None
    agency = harness.services.directory.resolve("Trung tâm Xúc tiến Đầu tư")
    assert agency is not None and agency.current.code.startswith("custom-")


async def test_another_command_pauses_the_draft_and_new_brings_it_back(
    harness: BotHarness,
) -> None:
    admin = Admin(harness)
    await admin.say("/new")
    await admin.say("8/TB-UBND")
    question = admin.prompt()
    reply = await admin.say("/help")
    assert "/new" in reply.plain_text  # the other command is answered as usual
    assert not question.inline_keyboard()  # the paused question lost its buttons
    reply = await admin.say("xin chào")
    assert "bản nháp" not in reply.plain_text  # free text is left to other features
    reply = await admin.say("/ketluan")
    assert "bản nháp chưa xong" in reply.plain_text
    await admin.tap("▶️ Tiếp tục bản nháp")
    assert "Cơ quan ban hành" in admin.prompt().plain_text
    await admin.say("UBND tỉnh")
    record = await harness.services.repos.drafts.active_of(1001)
    assert record is not None
    assert (record.draft.number, record.draft.issuer) == ("8/TB-UBND", "UBND tỉnh")


async def test_bad_details_and_task_texts_are_refused_and_the_question_stays(
    harness: BotHarness,
) -> None:
    admin = Admin(harness)
    repos = harness.services.repos

    async def step() -> Step:
        record = await repos.drafts.active_of(1001)
        assert record is not None
        return record.draft.step

    await admin.say("/new")
    for bad in ("123456789012345678901234567890", "Thông báo kết luận", "12/9/2024"):
        reply = await admin.say(bad)
        assert "không phải số hiệu văn bản" in reply.plain_text, bad
        assert "512/TB-UBND" in reply.plain_text
        assert await step() is Step.NUMBER  # refused: the same question waits
    await admin.say("Số: 615 / TB-VP")  # the correction answers the number, not the issuer
    assert await step() is Step.ISSUER
    await admin.say("Văn phòng UBND tỉnh")
    await admin.say("Nguyễn Văn B")
    reply = await admin.say("30/9/2024")  # today is 23/09/2024
    assert reply.plain_text.startswith("Ngày ban hành 30/09/2024 chưa tới (hôm nay là 23/09/2024)")
    assert await step() is Step.ISSUED_ON
    await admin.say("5/9/2024")
    reply = await admin.say("10/9/2024")
    assert "Ngày họp 10/09/2024 sau ngày ban hành văn bản (05/09/2024)" in reply.plain_text
    assert await step() is Step.MEETING_ON
    await admin.say("23/8/2024")
    await admin.say("Kết luận của Chủ tịch UBND tỉnh về chuyển đổi số")
    assert await step() is Step.TASK_TEXT
    reply = await admin.say("   ")
    assert "Chưa có nội dung nhiệm vụ" in reply.plain_text
    assert "nút" not in reply.plain_text  # this step has no buttons to choose with
    for bad in (".", "ok", "12345"):
        reply = await admin.say(bad)
        assert f"«{bad}» chưa phải nội dung nhiệm vụ" in reply.plain_text, bad
        assert await step() is Step.TASK_TEXT
    await admin.say("Rà soát dữ liệu dân cư")
    assert await step() is Step.LEAD
    record = await repos.drafts.active_of(1001)
    assert record is not None
    draft = record.draft
    assert (draft.number, draft.issuer, draft.signer) == (
        "615/TB-VP", "Văn phòng UBND tỉnh", "Nguyễn Văn B")
    assert (draft.issued_on, draft.meeting_on) == (date(2024, 9, 5), date(2024, 8, 23))
    assert draft.current is not None and draft.current.text == "Rà soát dữ liệu dân cư"


async def test_a_kept_meeting_date_after_a_changed_issue_date_is_refused(
    harness: BotHarness,
) -> None:
    admin = Admin(harness)
    await _details(admin)  # issued 05/09/2024, meeting 23/08/2024
    await _record(admin, NOTICE[2], first=True)
    await admin.tap("✅ Xong, xem lại")
    await admin.tap("📝 Sửa thông tin văn bản")
    for _ in range(3):
        await admin.tap("Giữ nguyên")
    await admin.say("20/8/2024")  # issued now before the meeting kept so far
    assert "Ngày họp" in admin.prompt().plain_text
    alert = await admin.tap("Giữ nguyên")
    assert alert is not None and "Ngày họp 23/08/2024 sau ngày ban hành văn bản (20/08/2024)" \
        in alert
    await admin.say("19/8/2024")
    assert "Trích yếu" in admin.prompt().plain_text
