"""Shared fixture data for the officials tests: three agencies, their members and tasks.

The ``clock`` fixture says Monday 23/09/2024, so the deadlines below are chosen around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.models import DeadlineKind, NewConclusion, NewTask, Task
from bot.usecases.services import Services

NOI_VU = "so-noi-vu"
TAI_CHINH = "so-tai-chinh"
XAY_DUNG = "so-xay-dung"

MEMBER_A = 2001  # Sở Nội vụ
MEMBER_B = 2002  # Sở Tài chính
MEMBER_C = 2003  # Sở Xây dựng
STRANGER = 2009


@dataclass
class Seeded:
    """Ids of what :func:`seed` created, by role in the tests."""

    a: int
    b: int
    c: int
    tasks: dict[str, Task]


def agency_id(services: Services, code: str) -> int:
    """Database id of a directory agency."""
    agency = services.directory.by_code(code)
    assert agency is not None and agency.id is not None
    return agency.id


async def seed(services: Services) -> Seeded:
    """Members of three agencies and a conclusion with tasks in every state of interest."""
    a, b, c = (agency_id(services, code) for code in (NOI_VU, TAI_CHINH, XAY_DUNG))
    for user_id, name, agency in ((MEMBER_A, "Hùng", a), (MEMBER_B, "Mai", b),
                                  (MEMBER_C, "Quang", c)):
        await services.repos.users.seen(user_id, name, None)
        await services.repos.memberships.add(user_id, agency, added_by=1001)
    specs = {
        "digital": NewTask(
            "Đẩy mạnh chuyển đổi số, số hóa hồ sơ thủ tục hành chính tại Sở LĐ-TB&XH cũ",
            (a,), (b,), "1", date(2024, 9, 20), "trước ngày 20/9/2024", DeadlineKind.DATE),
        "land": NewTask("Rà soát quy hoạch sử dụng đất đai giai đoạn 2021-2030", (a,), (),
                        "2", date(2024, 9, 10), None, DeadlineKind.DATE),
        "budget": NewTask("Báo cáo tình hình giải ngân vốn đầu tư công", (b,), (a,), "3",
                          date(2024, 9, 30), "30/9", DeadlineKind.DATE),
        "conference": NewTask("Tổ chức hội nghị tổng kết công tác cải cách hành chính",
                              (a,), (), "4"),
        "monthly": NewTask("Báo cáo định kỳ tình hình thực hiện hằng tháng", (a,), (), "5",
                           date(2024, 9, 30), "hằng tháng", DeadlineKind.RECURRING,
                           "monthly:last"),
        "building": NewTask("Kiểm tra an toàn các công trình xây dựng", (c,), (), "6",
                            date(2024, 9, 25), None, DeadlineKind.DATE),
        "later": NewTask("Hoàn thiện đề án vị trí việc làm", (a,), (), "7",
                         date(2024, 10, 15), "15/10", DeadlineKind.DATE),
    }
    _, tasks = await services.repos.conclusions.create(
        NewConclusion(number="123/TB-UBND", issued_on=date(2024, 9, 5),
                      title="Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 9"),
        list(specs.values()), created_by=1001,
    )
    return Seeded(a, b, c, dict(zip(specs, tasks, strict=True)))
