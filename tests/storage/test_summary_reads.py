"""A weekly summary read the fast way (SQL counts, only listable tasks) says the same.

The benchmark made ``agency_summary_text`` stop loading every task an agency ever led;
this compares it with composing over all of them, on a small synthetic province.
"""

from __future__ import annotations

from pathlib import Path

from bench.province import NOW, TODAY, Scale, build_province
from bot.core.clock import ManualClock
from bot.core.models import AgencyRole
from bot.usecases.reminders import _week_label, agency_summary_text
from bot.usecases.services import Services
from bot.views.summary import compose_agency_summary, render_agency_summary


async def test_fast_summary_matches_summary_over_all_tasks(tmp_path: Path) -> None:
    province = await build_province(tmp_path, Scale.of(0.004), seed=11)
    services = await Services.open(province.settings, ManualClock(NOW))
    try:
        compared = 0
        for agency_id, name in sorted(province.agency_names.items()):
            everything = await services.repos.tasks.find(
                agency_ids=[agency_id], role=AgencyRole.LEAD
            )
            agency = services.directory.by_id(agency_id)
            assert agency is not None
            slow = compose_agency_summary(agency_id, agency.name, everything, TODAY)
            expected = render_agency_summary(slow, services.directory, _week_label(TODAY), "vi")
            text, task_ids = await agency_summary_text(services, agency_id, TODAY)
            assert text == expected, name
            assert task_ids == slow.task_ids, name
            compared += bool(everything)
        assert compared >= 5
    finally:
        await services.close()
