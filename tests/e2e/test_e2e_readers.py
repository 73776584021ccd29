"""End to end: examples from the configured province; /help and /chuabaocao speak to each reader."""

from __future__ import annotations

from pathlib import Path

from bot.core.access import Audience
from bot.core.clock import ManualClock
from config.settings import Settings
from handlers.menu import _bot_commands
from tests.e2e.test_e2e_new import Admin
from tests.e2e.test_e2e_units_chat import _province, province_settings
from tests.support.harness import start_harness


async def test_the_issuer_example_names_the_configured_province(
    settings: Settings, clock: ManualClock
) -> None:
    ninh = settings.model_copy(update={"province_name": "tỉnh Quảng Ninh"})
    async with start_harness(ninh, clock) as harness:
        admin = Admin(harness)
        await admin.say("/new")
        await admin.say("412/TB-UBND")
        question = admin.prompt().plain_text
        assert "Cơ quan ban hành? (ví dụ: UBND tỉnh Quảng Ninh)" in question
        assert "Quảng Ngãi" not in admin.text()


async def test_help_and_chuabaocao_speak_to_each_reader(
    tmp_path: Path, clock: ManualClock
) -> None:
    """The admin finds /chuabaocao among the reports; a member's /help and menu offer to
    join another agency (not "their own", which they belong to); a member whose agency has
    reported hears about their agency, not about "every unit"."""
    async with start_harness(province_settings(tmp_path), clock) as harness:
        p = await _province(harness)
        text = (await harness.ask(p.admin, "/help")).plain_text
        assert (text.index("Báo cáo") < text.index("/chuabaocao") < text.index("Người dùng")
                < text.index("Chung"))
        # The admin's /settings holds the digest, not "nhắc việc, tổng hợp tuần".
        assert "/settings — Bật/tắt bản tổng hợp báo cáo tiến độ" in text
        assert "/settings — Bật/tắt nhắc việc, tổng hợp tuần" in (
            await harness.ask(p.finance, "/help")).plain_text
        member_help = (await harness.ask(p.finance, "/help")).plain_text
        assert "Xin tham gia cơ quan của mình" not in member_help
        assert "/join — Xin tham gia thêm cơ quan khác" in member_help
        menu = {c.command: c.description for c in _bot_commands(Audience.MEMBER, "vi")}
        assert menu["join"] == "Xin tham gia thêm cơ quan khác"
        stranger = {c.command: c.description for c in _bot_commands(Audience.STRANGER, "vi")}
        assert stranger["join"] == "Xin tham gia cơ quan của mình"
        empty = (await harness.ask(p.finance, "/chuabaocao")).plain_text
        assert "mọi đơn vị" not in empty
        assert empty.startswith("👍 Đến ngày 23/09/2024, Sở Tài chính không có nhiệm vụ nào "
                                "đến hạn trong 7 ngày tới hoặc đã quá hạn mà chưa báo cáo")
