"""End to end: what a commune official's walk through the bot found (walk B)."""

from __future__ import annotations

from bot.core.clock import ManualClock
from config.settings import Settings
from tests.e2e.test_e2e_new import Admin
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
