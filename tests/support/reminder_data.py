"""A realistic month for reminder tests: three agencies, seven tasks, a holiday.

Everything starts on Monday 23/09/2024 at 08:00 in Hanoi (the ``clock`` fixture). The
province lists Thursday 10/10/2024 as a public holiday.

=====  =========================  ==========  ===========================================
task   lead                       deadline    notes
=====  =========================  ==========  ===========================================
fin    Sở Tài chính               Fri 27/09   confirmed done on Fri 04/10 at 10:00
build  Sở Xây dựng                Sun 06/10   a weekend deadline; never done
plan   Sở Tài chính               Fri 11/10   its 1-day nudge falls on the holiday
weekly Sở Nội vụ (no chat)        Fri 27/09   weekly report; done Thu 26/09 10:00, rolls
none   Sở Nội vụ                  —           no deadline: never nudged
gone   Sở Xây dựng                Mon 30/09   cancelled at once: never nudged
late   Sở Tài chính               Mon 16/09   already overdue when entered
=====  =========================  ==========  ===========================================

Chats: group -100 "Tổ theo dõi STC" follows Sở Tài chính; Ms Hoa's private chat 2001
follows Sở Tài chính and Sở Xây dựng; group -200 follows Sở Xây dựng. Sở Nội vụ has no
chat, so the dry run must show its nudges as unreachable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.core.clock import ManualClock
from bot.core.models import ChatType, DeadlineKind, EventKind, NewConclusion, NewTask, TaskStatus
from bot.usecases.services import Services

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
HOLIDAY = date(2024, 10, 10)
GROUP_FIN = -100
GROUP_BUILD = -200
HOA = 2001


def local(day: date, hour: int = 8, minute: int = 0) -> datetime:
    """An aware instant in Hanoi."""
    return datetime.combine(day, time(hour, minute), tzinfo=HANOI)


@dataclass
class Month:
    """Ids of what :func:`seed` created."""

    fin: int
    build: int
    plan: int
    weekly: int
    none: int
    gone: int
    late: int
    agency_fin: int
    agency_build: int
    agency_home: int


async def seed(services: Services, *, chats: bool = True) -> Month:
    """Create the month's tasks (and chats) as of the services' clock."""
    directory = services.directory
    ids = {}
    for key, name in (("fin", "Sở Tài chính"), ("build", "Sở Xây dựng"), ("home", "Sở Nội vụ")):
        agency = directory.lookup(name)
        assert agency is not None and agency.id is not None
        ids[key] = agency.id
    conclusion = NewConclusion(
        number="123/TB-UBND", issuer="UBND tỉnh", issued_on=date(2024, 9, 20),
        title="Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với các sở, ngành",
    )

    def task(text: str, lead: str, deadline: date | None, ordinal: str,
             kind: DeadlineKind = DeadlineKind.DATE, recurrence: str | None = None) -> NewTask:
        return NewTask(text=text, lead_ids=(ids[lead],), ordinal=ordinal, deadline=deadline,
                       deadline_kind=kind if deadline or kind is DeadlineKind.RECURRING
                       else DeadlineKind.NONE, recurrence=recurrence)

    _, tasks = await services.repos.conclusions.create(conclusion, [
        task("Tham mưu phân bổ vốn đầu tư công năm 2025 cho các dự án trọng điểm & dự án "
             "chuyển tiếp", "fin", date(2024, 9, 27), "1"),
        task("Hoàn thiện hồ sơ điều chỉnh quy hoạch chung đô thị <Khu kinh tế>", "build",
             date(2024, 10, 6), "2"),
        task("Xây dựng kế hoạch tài chính 05 năm giai đoạn 2026-2030", "fin",
             date(2024, 10, 11), "3"),
        task("Báo cáo tình hình thực hiện nhiệm vụ vào thứ Sáu hằng tuần", "home",
             date(2024, 9, 27), "4", DeadlineKind.RECURRING, "weekly:4"),
        task("Theo dõi, đôn đốc việc sắp xếp tổ chức bộ máy", "home", None, "5"),
        task("Rà soát mặt bằng dự án đường tỉnh 291", "build", date(2024, 9, 30), "6"),
        task("Báo cáo quyết toán ngân sách năm 2023", "fin", date(2024, 9, 16), "7"),
    ], created_by=1001)
    await services.repos.tasks.set_status(tasks[5].id, TaskStatus.CANCELLED, 1001,
                                          EventKind.CANCELLED, "Không còn phù hợp")
    if chats:
        repos = services.repos
        await repos.chats.upsert(GROUP_FIN, ChatType.GROUP, "Tổ theo dõi STC")
        await repos.chats.upsert(GROUP_BUILD, ChatType.GROUP, "Tổ theo dõi SXD")
        await repos.chats.upsert(HOA, ChatType.PRIVATE, None)
        await repos.chats.subscribe(GROUP_FIN, ids["fin"], 1001)
        await repos.chats.subscribe(HOA, ids["fin"], 1001)
        await repos.chats.subscribe(HOA, ids["build"], 1001)
        await repos.chats.subscribe(GROUP_BUILD, ids["build"], 1001)
    fin, build, plan, weekly, none, gone, late = (t.id for t in tasks)
    return Month(fin, build, plan, weekly, none, gone, late, ids["fin"], ids["build"],
                 ids["home"])


async def weekly_report_done(services: Services, month: Month) -> None:
    """Sở Nội vụ reports its weekly report done: it rolls to the next Friday."""
    await services.repos.tasks.set_deadline(
        month.weekly, date(2024, 10, 4), "thứ Sáu hằng tuần", DeadlineKind.RECURRING,
        "weekly:4", 3001, event=EventKind.RECURRED,
    )


async def fin_done(services: Services, month: Month, on: date) -> None:
    """The office confirms Sở Tài chính's task done."""
    await services.repos.tasks.set_status(month.fin, TaskStatus.DONE, 1001,
                                          EventKind.DONE_CONFIRMED, completed_on=on)


def start_clock() -> ManualClock:
    """Monday 23/09/2024 08:00 in Hanoi."""
    return ManualClock(datetime(2024, 9, 23, 1, 0, tzinfo=UTC))
