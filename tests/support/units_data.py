"""Shared data for the tests of units: four officials of the sample directory's units.

The sample directory's "UBND các xã, phường" stands for the 54 communes, wards and special
zones of tỉnh Quảng Ninh; the ``clock`` fixture says Monday 23/09/2024 08:00 in Hanoi.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.access import Access
from bot.core.models import DeadlineKind, NewConclusion, NewTask, Task
from bot.usecases.services import Services

TODAY = date(2024, 9, 23)
ADMIN = 1001
QUANG_LA, HONG_GAI, CAI_CHIEN = 3101, 3102, 3103  # one official of each commune
FINANCE = 3201  # an official of Sở Tài chính


def agency(services: Services, code: str) -> int:
    found = services.directory.by_code(code)
    assert found is not None and found.id is not None
    return found.id


@dataclass
class World:
    everyone: int  # "UBND các xã, phường"
    quang_la: int
    hong_gai: int
    cai_chien: int
    finance: int
    health: int


async def world(services: Services) -> World:
    w = World(agency(services, "ubnd-cac-xa-phuong"), agency(services, "xa-quang-la"),
              agency(services, "phuong-hong-gai"), agency(services, "xa-cai-chien"),
              agency(services, "so-tai-chinh"), agency(services, "so-y-te"))
    for user, unit in ((QUANG_LA, w.quang_la), (HONG_GAI, w.hong_gai),
                       (CAI_CHIEN, w.cai_chien), (FINANCE, w.finance)):
        await services.repos.users.seen(user, f"Cán bộ {user}", None)
        await services.repos.memberships.add(user, unit, added_by=ADMIN)
    return w


async def save(services: Services, *tasks: NewTask) -> list[Task]:
    _, saved = await services.repos.conclusions.create(
        NewConclusion(number="45/TB-UBND", issued_on=date(2024, 9, 20)), list(tasks),
        created_by=ADMIN)
    return saved


async def admin(services: Services) -> Access:
    return await services.access(ADMIN)


def dated(text: str, lead: tuple[int, ...], due: date, **more: object) -> NewTask:
    return NewTask(text=text, lead_ids=lead, deadline=due, deadline_kind=DeadlineKind.DATE,
                   **more)  # type: ignore[arg-type]
