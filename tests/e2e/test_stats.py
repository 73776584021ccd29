"""/stats and the weekly province summary for many agencies: the most overdue one by one."""

from __future__ import annotations

import html
from datetime import date

from bot.core.status import ClassCounts
from bot.usecases.services import Services
from bot.views.stats import SHOWN, render_stats, summed
from tests.support.harness import BotHarness
from tests.support.report_seed import TODAY


def _rows(count: int) -> list[tuple[str, ClassCounts]]:
    return [(f"Sở số {i} & Cộng sự", ClassCounts(i, 1, 2, count - i, 0)) for i in range(count)]


def test_many_agencies_list_the_first_and_sum_the_rest() -> None:
    rows = _rows(SHOWN + 5)
    totals = summed(rows)
    text = render_stats(rows, totals, "toàn tỉnh", date(2025, 6, 2), "vi")
    plain_text = text.replace("<b>", "").replace("</b>", "")
    for name, _ in rows[:SHOWN]:
        assert f"{name.replace('&', '&amp;')}:" in plain_text
    assert f"{rows[SHOWN][0].replace('&', '&amp;')}:" not in plain_text
    rest = summed(rows[SHOWN:])
    assert rest.total == sum(c.total for _, c in rows[SHOWN:])
    assert f"… và 5 cơ quan khác: {rest.total} nhiệm vụ" in plain_text
    assert f"✅ {rest.done_on_time} · ☑️ {rest.done_late} · 🟡 {rest.in_progress}" in plain_text
    assert "/export" in plain_text and f"Toàn tỉnh: {totals.total} nhiệm vụ" in plain_text


def test_few_agencies_are_all_listed() -> None:
    rows = _rows(SHOWN)
    text = render_stats(rows, None, "Sở số 1", date(2025, 6, 2), "en")
    assert "other agencies" not in text and text.count(" tasks\n") == SHOWN


async def test_province_stats_for_many_agencies_in_one_message_and_a_top_chart(
    harness: BotHarness,
) -> None:
    from bot.core.models import DeadlineKind, NewConclusion, NewTask

    services = harness.services
    # Every agency that is a unit itself: a collective's task counts for its members.
    ids = [a.id for a in services.directory.agencies
           if a.id is not None and a.active and not a.is_collective]
    assert len(ids) > SHOWN
    await services.repos.conclusions.create(
        NewConclusion(number="7/TB", issued_on=TODAY, title="Kết luận"),
        [NewTask(text=f"Việc {i}", lead_ids=(agency,), deadline=TODAY,
                 deadline_kind=DeadlineKind.DATE) for i, agency in enumerate(ids)],
        created_by=1001,
    )
    admin = harness.admin()
    chat = harness.emu.private_chat(admin)
    harness.emu.send_text(admin, "/stats")
    text, chart = await harness.emu.wait_for_messages(chat, 2, timeout=20)
    assert f"và {len(ids) - SHOWN} cơ quan khác: {len(ids) - SHOWN} nhiệm vụ" in text.plain_text
    assert chart.photo is not None
    # Nothing is overdue (every task is due today): the caption does not say "most
    # overdue", and counts the agencies drawn among all.
    assert chart.caption == (f"📈 Biểu đồ {SHOWN}/{len(ids)} cơ quan chủ trì đứng đầu bảng "
                             f"(không có nhiệm vụ quá hạn), đến ngày {TODAY:%d/%m/%Y}; bảng "
                             "đầy đủ từng cơ quan: /export.")


async def test_weekly_province_chart_draws_the_same_top_agencies(services: Services) -> None:
    """The admins' weekly table lists every agency; its chart, like /stats', the first 20."""
    from bot.core.models import DeadlineKind, NewConclusion, NewTask
    from bot.usecases.reminders import Planned, summary_messages

    # Every agency that is a unit itself: a collective's task counts for its members.
    ids = [a.id for a in services.directory.agencies
           if a.id is not None and a.active and not a.is_collective]
    await services.repos.conclusions.create(
        NewConclusion(number="7/TB", issued_on=TODAY, title="Kết luận"),
        [NewTask(text=f"Việc {i}", lead_ids=(agency,), deadline=TODAY,
                 deadline_kind=DeadlineKind.DATE) for i, agency in enumerate(ids)],
        created_by=1001,
    )
    planned = [Planned("province", None, None, 1001, None, TODAY)]
    messages = await summary_messages(services, planned, TODAY, TODAY)
    (chart,) = [m for m in messages if m.kind == "province_chart"]
    caption = chart.payload["caption"]
    assert caption.startswith(f"📈 Biểu đồ {SHOWN}/{len(ids)} cơ quan chủ trì đứng đầu bảng")
    assert "không có nhiệm vụ quá hạn" in caption and "quá hạn nhất" not in caption
    table = "".join(str(m.payload.get("text", "")) for m in messages if m.kind == "province")
    names = [a.name for a in services.directory.agencies if a.id in ids]
    assert len(names) > SHOWN and all(html.escape(name) in table for name in names)


async def test_an_english_admins_weekly_chart_is_drawn_in_english(services: Services) -> None:
    """Each admin's chart speaks their language (the English admin got a Vietnamese one)."""
    from bot.core.models import DeadlineKind, NewConclusion, NewTask
    from bot.usecases.reminders import Planned, summary_messages

    await services.repos.users.seen(1002, "Anna", None)
    await services.repos.users.set_language(1002, "en")
    lead = next(a.id for a in services.directory.agencies if a.id is not None and a.active
                and not a.is_collective)
    await services.repos.conclusions.create(
        NewConclusion(number="8/TB", issued_on=TODAY, title="Kết luận"),
        [NewTask(text="Việc", lead_ids=(lead,), deadline=TODAY,
                 deadline_kind=DeadlineKind.DATE)], created_by=1001)
    planned = [Planned("province", None, None, chat, None, TODAY) for chat in (1001, 1002)]
    messages = await summary_messages(services, planned, TODAY, TODAY)
    charts = {m.chat_id: m.payload for m in messages if m.kind == "province_chart"}
    assert charts[1001]["photo"] != charts[1002]["photo"]  # two pictures, one per language
    assert charts[1002]["caption"].startswith("📈")
    assert "Biểu đồ" not in charts[1002]["caption"]
