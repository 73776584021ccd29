"""Known tasks for report tests: every official class, reports, cancellations, a merger.

Today is Monday 23/09/2024 (the ``clock`` fixture). Agencies come from the example
directory; "Sở Lao động – Thương binh và Xã hội" is a former agency whose duties moved to
"Sở Nội vụ".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.models import DeadlineKind, EventKind, NewConclusion, NewTask, TaskStatus
from bot.usecases.services import Services

TODAY = date(2024, 9, 23)


@dataclass
class Seeded:
    """Agency ids the tests talk about."""

    y_te: int
    noi_vu: int
    tai_chinh: int
    ldtbxh: int  # former agency, successor Sở Nội vụ
    task_ids: list[int]


def agency_id(services: Services, name: str) -> int:
    """The database id of the agency the name resolves to (without following successors)."""
    found = services.directory.resolve(name)
    assert found is not None and found.named.id is not None, name
    return found.named.id


async def seed(services: Services, extra: int = 0) -> Seeded:
    """Two notices with hand-picked tasks, then ``extra`` random ones."""
    y_te = agency_id(services, "Sở Y tế")
    noi_vu = agency_id(services, "Sở Nội vụ")
    tai_chinh = agency_id(services, "Sở Tài chính")
    ldtbxh = agency_id(services, "Sở Lao động - Thương binh và Xã hội")
    repos = services.repos
    first = [
        # done on time, with a progress report
        NewTask("Xây dựng kế hoạch tiêm chủng mở rộng năm 2024.", (y_te,), (tai_chinh,),
                "1.", TODAY - timedelta(days=10), "trước ngày 13/9/2024", DeadlineKind.DATE),
        # done late
        NewTask("Rà soát, sắp xếp đội ngũ viên chức ngành y tế.", (y_te, noi_vu), (),
                "2.", TODAY - timedelta(days=20), None, DeadlineKind.DATE),
        # in progress (deadline ahead), agency name with & in the text
        NewTask("Phối hợp Sở LĐ-TB&XH (cũ) hoàn thiện đề án giảm nghèo bền vững.", (noi_vu,),
                (y_te,), "3.", TODAY + timedelta(days=7), None, DeadlineKind.DATE),
        # overdue
        NewTask("Tham mưu bố trí kinh phí sửa chữa trạm y tế xã.", (tai_chinh,), (y_te,),
                "4.", TODAY - timedelta(days=3), None, DeadlineKind.DATE),
        # no deadline
        NewTask("Theo dõi, đôn đốc thực hiện chính sách bảo hiểm y tế.", (y_te,), (),
                "5.", None, None, DeadlineKind.NONE),
        # cancelled: never reported
        NewTask("Nhiệm vụ đã hủy.", (y_te,), (), "6.", TODAY, None, DeadlineKind.DATE),
        # reported done, not confirmed: still overdue
        NewTask("Báo cáo tình hình dịch sốt xuất huyết.", (y_te,), (), "7.",
                TODAY - timedelta(days=1), None, DeadlineKind.DATE),
    ]
    _, tasks1 = await repos.conclusions.create(
        NewConclusion(number="125/TB-VPUBND", signer="Phó Chủ tịch UBND tỉnh Lê Văn Phước",
                      issued_on=date(2024, 8, 30), title="Kết luận về công tác y tế"),
        first, None,
    )
    await repos.tasks.add_event(tasks1[0].id, EventKind.PROGRESS, None, "Đã trình UBND tỉnh.")
    await repos.tasks.add_event(tasks1[0].id, EventKind.PROGRESS, None,
                                "Đã ban hành kế hoạch số 12/KH-SYT.")
    await repos.tasks.set_status(tasks1[0].id, TaskStatus.DONE, None,
                                 completed_on=TODAY - timedelta(days=12))
    await repos.tasks.set_status(tasks1[1].id, TaskStatus.DONE, None,
                                 completed_on=TODAY - timedelta(days=2))
    await repos.tasks.set_status(tasks1[5].id, TaskStatus.CANCELLED, None)
    await repos.tasks.set_status(tasks1[6].id, TaskStatus.REPORTED_DONE, None)
    second = [
        # an old task of the former labour department: belongs to Sở Nội vụ's report
        NewTask("Chi trả trợ cấp cho người có công.", (ldtbxh,), (), "I.1",
                date(2024, 3, 31), None, DeadlineKind.DATE),
        NewTask("Tổng kết công tác năm.", (tai_chinh,), (), "I.2",
                date(2024, 12, 31), None, DeadlineKind.DATE),
    ]
    _, tasks2 = await repos.conclusions.create(
        NewConclusion(number="40/TB-UBND", signer="Chủ tịch UBND tỉnh",
                      issued_on=date(2024, 2, 1)),
        second, None,
    )
    ids = [t.id for t in tasks1 + tasks2]
    if extra:
        rng = random.Random(7)
        pool = [y_te, noi_vu, tai_chinh, ldtbxh]
        extras = []
        for n in range(extra):
            deadline = TODAY + timedelta(days=rng.randint(-40, 40)) if rng.random() < 0.8 else None
            extras.append(NewTask(
                f"Nhiệm vụ ngẫu nhiên {n}", (rng.choice(pool),), (rng.choice(pool),),
                f"{n + 1}.", deadline, None,
                DeadlineKind.DATE if deadline else DeadlineKind.NONE,
            ))
        _, tasks3 = await repos.conclusions.create(NewConclusion(number="7/TB-UBND"), extras, None)
        for task in tasks3:
            status = rng.choice(list(TaskStatus))
            if status is not TaskStatus.OPEN:
                done = TODAY - timedelta(days=rng.randint(0, 60))
                await repos.tasks.set_status(
                    task.id, status, None,
                    completed_on=done if status is TaskStatus.DONE else None,
                )
        ids += [t.id for t in tasks3]
    return Seeded(y_te, noi_vu, tai_chinh, ldtbxh, ids)
