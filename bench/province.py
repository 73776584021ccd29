"""A synthetic province, deterministic from a seed: agencies, people, chats, five years of tasks.

Full size is 34 departments and 100 communes, 5,000 users and 100,000 tasks over five
years with their history; every count scales with ``Scale.factor``. The shape follows
what provincial offices see: most old tasks done (some late), a tail of overdue ones,
a quarter without a deadline, recurring reports, extensions, cancelled tasks, progress
reports written by members of the lead agency. A tenth of the tasks go to "UBND các xã,
phường", i.e. to every commune, each with its own assignment (its own reports, state and
completion date). The agency directory goes through the real TOML file and sync;
everything else is bulk-loaded through :mod:`storage.bulk`.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot.core.clock import ManualClock
from bot.core.deadlines import Recurrence, format_date
from bot.core.normalize import fold
from bot.usecases.services import Services
from config.settings import Settings, load_settings
from storage.bulk import (
    AssignmentRow,
    BulkBatch,
    BulkLoader,
    ChatRow,
    ConclusionRow,
    EventRow,
    MembershipRow,
    SubscriptionRow,
    TaskAgencyRow,
    TaskRow,
    UserRow,
)
from storage.db import to_db_time

NOW = datetime(2025, 6, 2, 1, 0, tzinfo=UTC)
"""The benchmark's "now": Monday 02/06/2025 08:00 in Hanoi."""
TODAY = date(2025, 6, 2)
YEARS = 5
SUPER_ADMIN = 1001
USER_BASE = 200_000
GROUP_BASE = -1_000_000_000
COLLECTIVE_SHARE = 0.10
"""Share of the tasks addressed to "UBND các xã, phường": one assignment per commune."""
COLLECTIVE_CODE = "ubnd-cac-xa-phuong"
RECENT_DAYS = 365
"""Units of collective tasks issued this recently carry their own history (reports,
confirmations); older ones only their state, so that the data set stays a few hundred MB."""

DEPARTMENTS: tuple[tuple[str, str | None], ...] = (
    ("Sở Nội vụ", None), ("Sở Tư pháp", None), ("Sở Tài chính", None),
    ("Sở Công Thương", None), ("Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
    ("Sở Xây dựng", None), ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VH,TT&DL"), ("Sở Y tế", None),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"), ("Sở Dân tộc và Tôn giáo", None),
    ("Sở Ngoại vụ", None), ("Thanh tra tỉnh", None), ("Văn phòng UBND tỉnh", None),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", None),
    ("Ban Quản lý các khu công nghiệp", "BQL các KCN"), ("Công an tỉnh", None),
    ("Bộ Chỉ huy Quân sự tỉnh", None), ("Đài Phát thanh và Truyền hình tỉnh", None),
    ("Báo tỉnh", None), ("Trường Chính trị tỉnh", None),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", "BQLDA Giao thông"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng", "BQLDA Dân dụng"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp", "BQLDA Nông nghiệp"),
    ("Bảo hiểm xã hội tỉnh", None), ("Thuế tỉnh", None), ("Kho bạc Nhà nước khu vực", None),
    ("Chi cục Hải quan khu vực", None), ("Ngân hàng Nhà nước chi nhánh tỉnh", None),
    ("Liên minh Hợp tác xã tỉnh", None), ("Quỹ Đầu tư phát triển tỉnh", None),
    ("Trung tâm Phục vụ hành chính công tỉnh", None), ("Thống kê tỉnh", None),
    ("Công ty Điện lực tỉnh", None),
)
_PLACE_1 = (
    "An", "Bình", "Phú", "Tân", "Hòa", "Long", "Thạnh", "Mỹ", "Vĩnh", "Đông", "Tây",
    "Hưng", "Phước", "Thuận", "Quang", "Trung", "Xuân", "Hiệp", "Thái", "Gia",
)
_PLACE_2 = (
    "Lợi", "Thạnh", "Hòa", "Phú", "Lộc", "Phước", "Mỹ", "Hưng", "Bình", "Thành",
    "Sơn", "Hải", "Điền", "Khánh", "Tiến", "Ninh", "Xuyên", "Quới", "Định", "Nghĩa",
)
_FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
)
_MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Thanh", "Ngọc", "Quang", "Thu", "Hữu", "Kim")
_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Lan",
    "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm",
    "Thảo", "Thắng", "Trang", "Tuấn", "Việt", "Yến",
)
_SIGNERS = ("Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Quang Minh", "Phạm Đức Long")
_TOPICS = (
    "giải ngân vốn đầu tư công", "chuyển đổi số trong cơ quan nhà nước",
    "cải cách thủ tục hành chính", "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "xây dựng nông thôn mới", "bồi thường, giải phóng mặt bằng dự án cao tốc",
    "an toàn thực phẩm", "phát triển du lịch năm", "thu ngân sách nhà nước",
    "sắp xếp đơn vị hành chính cấp xã", "xử lý chất thải rắn sinh hoạt",
    "phòng, chống dịch bệnh trên gia súc", "cấp giấy chứng nhận quyền sử dụng đất",
    "chương trình mục tiêu quốc gia giảm nghèo bền vững", "xây dựng nhà ở xã hội",
    "thu hút đầu tư vào các khu công nghiệp", "số hóa hồ sơ, kết quả giải quyết thủ tục",
    "phát triển kinh tế tập thể, hợp tác xã", "bảo đảm trật tự an toàn giao thông",
    "tuyển sinh đầu cấp và cơ sở vật chất trường học",
)
_VERBS = (
    "Chủ trì, phối hợp với các đơn vị liên quan tham mưu UBND tỉnh ban hành kế hoạch về",
    "Khẩn trương rà soát, báo cáo UBND tỉnh kết quả thực hiện",
    "Hướng dẫn các địa phương triển khai các giải pháp về",
    "Tổng hợp khó khăn, vướng mắc, đề xuất giải pháp tháo gỡ trong",
    "Tổ chức kiểm tra, đôn đốc việc thực hiện",
    "Xây dựng dự thảo đề án về",
    "Tham mưu UBND tỉnh sơ kết, đánh giá tình hình",
    "Đẩy nhanh tiến độ thực hiện",
)
_TAILS = (
    "; báo cáo kết quả về UBND tỉnh (qua Văn phòng UBND tỉnh).",
    " trên địa bàn tỉnh, bảo đảm đúng quy định.",
    ", kịp thời báo cáo những vấn đề vượt thẩm quyền.",
    ".",
    ", gửi Sở Tài chính tổng hợp.",
)
_PROGRESS = (
    "Đã tổ chức họp triển khai, đang hoàn thiện dự thảo kế hoạch.",
    "Đã gửi văn bản lấy ý kiến các sở, ngành; đang tổng hợp ý kiến góp ý.",
    "Đang khảo sát thực tế tại các địa phương, dự kiến hoàn thành trong tháng.",
    "Đã hoàn thành 70% khối lượng công việc.",
    "Đã trình UBND tỉnh dự thảo văn bản, chờ ý kiến chỉ đạo.",
    "Gặp khó khăn về kinh phí, đã đề nghị Sở Tài chính bố trí.",
)
_DONE = (
    "Đã ban hành Kế hoạch số {n}/KH-UBND.",
    "Đã có Báo cáo số {n}/BC gửi UBND tỉnh.",
    "Đã hoàn thành, kết quả gửi kèm theo.",
)
_EXTENSION = (
    "Khối lượng công việc lớn, cần thêm thời gian lấy ý kiến các địa phương.",
    "Chờ hướng dẫn của bộ, ngành Trung ương.",
)
_RECURRING = (
    ("Báo cáo định kỳ hằng tháng tình hình {topic}", Recurrence("monthly", day=20),
     "trước ngày 20 hằng tháng"),
    ("Báo cáo hằng quý kết quả thực hiện {topic}", Recurrence("quarterly", day=15),
     "trước ngày 15 tháng cuối quý"),
    ("Báo cáo 6 tháng và năm về {topic}", Recurrence("half_yearly"), "định kỳ 6 tháng"),
    ("Báo cáo hằng tuần tiến độ {topic}", Recurrence("weekly", weekday=3),
     "thứ Năm hằng tuần"),
    ("Báo cáo năm về {topic}", Recurrence("yearly", month=12, day=15),
     "trước ngày 15/12 hằng năm"),
)


@dataclass(frozen=True)
class Scale:
    """How big the province is; ``factor`` 1.0 is the full size, 0.1 ``--quick``."""

    factor: float
    departments: int
    communes: int
    users: int
    tasks: int
    fanout: int

    @classmethod
    def of(cls, factor: float) -> Scale:
        """Every count times ``factor``, with floors that keep the shape meaningful."""
        def scaled(full: int, floor: int) -> int:
            return max(floor, math.ceil(full * factor))

        return cls(
            factor=factor,
            departments=min(len(DEPARTMENTS), scaled(34, 3)),
            communes=scaled(100, 5),
            users=scaled(5_000, 30),
            tasks=scaled(100_000, 300),
            fanout=scaled(3_000, 30),
        )


@dataclass(frozen=True)
class Person:
    """A synthetic user the benchmark can act as."""

    user_id: int
    name: str
    agency_ids: tuple[int, ...]
    is_admin: bool = False


@dataclass
class Province:
    """What was built, as much as the measurements need to know."""

    settings: Settings
    people: list[Person]
    groups: list[tuple[int, str, int]]  # chat id, title, agency id
    agency_names: dict[int, str]
    sample_tasks: dict[int, list[int]]  # agency id -> some of the tasks it leads
    task_count: int = 0
    event_count: int = 0


def write_directory(path: Path, scale: Scale) -> None:
    """The agency directory file: departments first, then communes and wards."""
    lines = ["# Synthetic province for the benchmark (generated).", ""]
    for name, short in DEPARTMENTS[: scale.departments]:
        lines += ["[[agency]]", f'code = "{_code(name)}"', f'name = "{name}"']
        if short:
            lines.append(f'short = "{short}"')
        lines += ['kind = "department"', ""]
    for name in _commune_names(scale.communes):
        kind = "ward" if name.startswith("UBND phường") else "commune"
        lines += ["[[agency]]", f'code = "{_code(name)}"', f'name = "{name}"',
                  f'kind = "{kind}"', ""]
    lines += ["[[agency]]", f'code = "{COLLECTIVE_CODE}"', 'name = "UBND các xã, phường"',
              'kind = "group"', 'member_kinds = ["commune", "ward"]', ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _code(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


def _commune_names(count: int) -> list[str]:
    names: list[str] = []
    for index in range(count):
        first = _PLACE_1[index % len(_PLACE_1)]
        second = _PLACE_2[(index // len(_PLACE_1) + index) % len(_PLACE_2)]
        if first == second:
            second = _PLACE_2[(index + 7) % len(_PLACE_2)]
        prefix = "UBND phường" if index % 4 == 0 else "UBND xã"
        names.append(f"{prefix} {first} {second}")
    seen: set[str] = set()
    unique: list[str] = []
    for name in names:
        while name in seen:
            name += " Mới"
        seen.add(name)
        unique.append(name)
    return unique


def _utc(day: date, hour: int = 9) -> str:
    """A local working-hour instant on ``day`` as stored UTC text (Hanoi is UTC+7)."""
    return to_db_time(datetime.combine(day, time(hour, 0), tzinfo=UTC) - timedelta(hours=7))


class _Generator:
    """Rows of the province in batches, so that memory stays flat whatever the size."""

    def __init__(self, scale: Scale, seed: int, agency_ids: list[int],
                 department_ids: list[int], agency_names: dict[int, str],
                 collective_id: int) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.agency_ids = agency_ids
        self.department_ids = department_ids
        self.commune_ids = [a for a in agency_ids if a not in set(department_ids)]
        self.collective_id = collective_id
        self.agency_names = agency_names
        self.members: dict[int, list[int]] = {a: [] for a in agency_ids}
        self.admins: list[int] = [SUPER_ADMIN]
        self.people: list[Person] = []
        self.groups: list[tuple[int, str, int]] = []
        self.sample_tasks: dict[int, list[int]] = {a: [] for a in agency_ids}
        self._seen_per_agency: dict[int, int] = dict.fromkeys(agency_ids, 0)
        # Busy departments (finance, planning) get more tasks, as in real notices.
        weights = [1.0 / (1 + rank) ** 0.6 for rank in range(len(department_ids))]
        self.dept_weights = weights

    # ------------------------------------------------------------------ people

    def people_batch(self) -> BulkBatch:
        """Users, memberships, private chats, agency groups and subscriptions."""
        rng, start = self.rng, _utc(TODAY - timedelta(days=365 * YEARS))
        users: list[UserRow] = []
        memberships: list[MembershipRow] = []
        chats: list[ChatRow] = []
        subs: list[SubscriptionRow] = []
        used_names: set[str] = set()
        admin_count = max(2, self.scale.users // 500)
        for index in range(self.scale.users):
            user_id = USER_BASE + index
            name = self._name(used_names)
            is_admin = index < admin_count
            username = f"cb{user_id}" if rng.random() < 0.6 else None
            language = "en" if rng.random() < 0.03 else "vi"
            users.append(UserRow(user_id, name, username, "admin" if is_admin else "user",
                                 language, start))
            chats.append(ChatRow(user_id, "private", None, start))
            agencies: list[int] = []
            if is_admin:
                self.admins.append(user_id)
            else:
                # Roughly 60% of staff sit in departments, the rest in communes.
                pool = self.department_ids if rng.random() < 0.6 else self.commune_ids
                agencies.append(rng.choice(pool))
                if rng.random() < 0.08:
                    other = rng.choice(self.agency_ids)
                    if other not in agencies:
                        agencies.append(other)
            for agency_id in agencies:
                self.members[agency_id].append(user_id)
                memberships.append(MembershipRow(user_id, agency_id, SUPER_ADMIN, start))
                subs.append(SubscriptionRow(
                    user_id, agency_id, int(rng.random() > 0.1), int(rng.random() > 0.05),
                    None, start,
                ))
            self.people.append(Person(user_id, name, tuple(agencies), is_admin))
        for index, agency_id in enumerate(self.agency_ids):
            if rng.random() < 0.15:  # some agencies never linked a group
                continue
            chat_id = GROUP_BASE - index
            title = f"Nhóm nhắc việc {self.agency_names[agency_id]}"
            chats.append(ChatRow(chat_id, "supergroup", title, start))
            subs.append(SubscriptionRow(chat_id, agency_id, 1, 1, SUPER_ADMIN, start))
            self.groups.append((chat_id, title, agency_id))
        return BulkBatch(users=users, memberships=memberships, chats=chats, subscriptions=subs)

    def _name(self, used: set[str]) -> str:
        rng = self.rng
        while True:
            name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
            if name not in used or len(used) > 4000:
                used.add(name)
                return name

    # ------------------------------------------------------------------ tasks

    def task_batches(self, batch_size: int = 4_000) -> Iterator[BulkBatch]:
        """Conclusions with their tasks, agencies and history, oldest first."""
        rng = self.rng
        total = self.scale.tasks
        span = 365 * YEARS
        first_day = TODAY - timedelta(days=span)
        task_id = conclusion_id = 0
        conclusions: list[ConclusionRow] = []
        tasks: list[TaskRow] = []
        links: list[TaskAgencyRow] = []
        units: list[AssignmentRow] = []
        events: list[EventRow] = []
        while task_id < total:
            conclusion_id += 1
            size = min(total - task_id, rng.randint(3, 17))
            # Spread evenly over five years (conclusion k at k/n of the span), with jitter.
            issued = first_day + timedelta(
                days=min(span - 1, int(span * task_id / total) + rng.randint(0, 6))
            )
            topic = rng.choice(_TOPICS)
            signer = rng.choice(_SIGNERS)
            number = f"{rng.randint(1, 900)}/TB-UBND"
            creator = rng.choice(self.admins)
            title = f"Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về {topic}"
            conclusions.append(ConclusionRow(
                conclusion_id, number, "UBND tỉnh", signer, issued.isoformat(),
                (issued - timedelta(days=rng.randint(1, 5))).isoformat(), title,
                f"THÔNG BÁO\n{title}\n(ngày {format_date(issued)})", creator, _utc(issued),
            ))
            for position in range(1, size + 1):
                task_id += 1
                self._task(task_id, conclusion_id, position, issued, topic, creator,
                           tasks, links, units, events)
            if len(tasks) >= batch_size:
                yield BulkBatch(conclusions=conclusions, tasks=tasks, task_agencies=links,
                                assignments=units, task_events=events)
                conclusions, tasks, links, units, events = [], [], [], [], []
        if tasks:
            yield BulkBatch(conclusions=conclusions, tasks=tasks, task_agencies=links,
                            assignments=units, task_events=events)

    def _lead(self) -> int:
        rng = self.rng
        if rng.random() < 0.7 or not self.commune_ids:
            return rng.choices(self.department_ids, self.dept_weights)[0]
        return rng.choice(self.commune_ids)

    def _actor(self, agency_id: int) -> int | None:
        members = self.members.get(agency_id)
        return self.rng.choice(members) if members else None

    def _task(
        self, task_id: int, conclusion_id: int, position: int, issued: date, topic: str,
        creator: int, tasks: list[TaskRow], links: list[TaskAgencyRow],
        units: list[AssignmentRow], events: list[EventRow],
    ) -> None:
        rng = self.rng
        collective = bool(self.commune_ids) and rng.random() < COLLECTIVE_SHARE
        lead = self.collective_id if collective else self._lead()
        leads = [lead]
        if not collective and rng.random() < 0.05:
            second = self._lead()
            if second != lead:
                leads.append(second)
        supports = [a for a in rng.sample(self.agency_ids, k=rng.choice((0, 0, 1, 2, 3)))
                    if a not in leads]
        created = _utc(issued, 10)
        events.append(EventRow(task_id, "created", creator, created, None, "{}"))
        kind_roll = rng.random()
        recurrence: str | None = None
        deadline: date | None = None
        deadline_text: str | None = None
        if kind_roll < 0.10:
            template, rec, phrase = rng.choice(_RECURRING)
            text = template.format(topic=topic) + ", " + phrase + "."
            recurrence, deadline_text, kind = rec.to_text(), phrase, "recurring"
            # Most old duties have ended (last occurrence long past); the others come round.
            age = (TODAY - issued).days
            if age > 365 and rng.random() < 0.75:
                anchor = issued + timedelta(days=rng.randint(30, age - 90))
            else:
                anchor = max(issued, TODAY - timedelta(days=rng.randint(0, 45)))
            deadline = rec.next_due(anchor)
        else:
            text = f"{rng.choice(_VERBS)} {topic}{rng.choice(_TAILS)}"
            if kind_roll < 0.72:
                kind = "date"
                deadline = issued + timedelta(days=rng.choice((7, 10, 15, 30, 30, 45, 60, 90,
                                                              120, 180, 365)))
                deadline_text = (
                    f"trước ngày {format_date(deadline)}" if rng.random() < 0.7
                    else f"trong tháng {deadline.month}/{deadline.year}"
                )
            else:
                kind = "none"
        status, completed = self._outcome(issued, deadline, kind, rng)
        due = deadline.isoformat() if deadline else None
        live = int(status != "cancelled")
        if collective:
            self._units(task_id, issued, status, completed, due, live, kind, created,
                        units, events)
        else:
            if deadline is not None and kind == "date" and rng.random() < 0.08:
                self._extension(task_id, issued, deadline, lead, events)
            self._history(task_id, issued, status, completed, lead, events)
            # Each named lead is a unit in the task's own state.
            unit_status = "open" if status == "cancelled" else status
            done = completed.isoformat() if completed and status == "done" else None
            units.extend(
                AssignmentRow(task_id, a, None, unit_status, due, done, live,
                              int(live and unit_status != "done"), created, created)
                for a in leads)
            self._keep_sample(lead, task_id)
        updated = events[-1].at
        tasks.append(TaskRow(
            task_id, conclusion_id, f"{position}.", position, text, fold(text),
            due, deadline_text, kind, recurrence,
            status, completed.isoformat() if completed else None, created, updated,
        ))
        links.extend(TaskAgencyRow(task_id, a, "lead") for a in leads)
        links.extend(TaskAgencyRow(task_id, a, "support") for a in supports)

    def _units(
        self, task_id: int, issued: date, status: str, completed: date | None, due: str | None,
        live: int, kind: str, created: str, units: list[AssignmentRow], events: list[EventRow],
    ) -> None:
        """A task to every commune: each commune's own state and, for recent tasks, history.

        A done task: every commune done, the last on the task's completion day. An open one:
        communes done (more of them once the deadline has passed), some waiting for the
        office, the rest open. Waiting for the office: done or waiting, at least one waiting.
        """
        rng = self.rng
        recent = (TODAY - issued).days <= RECENT_DAYS
        last = len(self.commune_ids) - 1
        deadline = date.fromisoformat(due) if due else None
        overdue = deadline is not None and deadline < TODAY
        share_done = 0.6 if overdue else 0.25
        if status == "cancelled":
            events.append(EventRow(task_id, "cancelled", SUPER_ADMIN,
                                   _utc(min(TODAY, issued + timedelta(days=30)), 16),
                                   "Không còn phù hợp", json.dumps({"old": "open",
                                                                    "new": "cancelled"})))
        span = max(1, ((completed or TODAY) - issued).days)
        for index, commune in enumerate(self.commune_ids):
            unit, day = "open", None
            if status == "done":
                unit = "done"
                day = completed if index == last else issued + timedelta(
                    days=rng.randint(1, span))
            elif status == "reported_done":
                unit = "reported_done" if index == last or rng.random() < 0.3 else "done"
            elif status == "open" and kind != "recurring" and index != last:
                roll = rng.random()  # (the last commune stays open: so is the task)
                if roll < share_done:
                    unit = "done"
                elif roll < share_done + 0.05:
                    unit = "reported_done"
            if unit == "done" and day is None:
                day = issued + timedelta(days=rng.randint(1, span))
            units.append(AssignmentRow(
                task_id, commune, self.collective_id, unit, due,
                day.isoformat() if day else None, live,
                int(live and unit != "done"), created, created,
            ))
            if live and status in ("open", "reported_done"):
                self._keep_sample(commune, task_id)
            if not recent:
                continue
            for _ in range(rng.choice((0, 1, 1, 2)) if unit != "done" else 0):
                when = issued + timedelta(days=rng.randint(1, span))
                if when <= TODAY:
                    events.append(EventRow(task_id, "progress", self._actor(commune),
                                           _utc(when, 14), rng.choice(_PROGRESS), "{}",
                                           commune))
            if unit in ("done", "reported_done"):
                when = day or min(TODAY, issued + timedelta(days=rng.randint(1, span)))
                note = rng.choice(_DONE).format(n=rng.randint(10, 999))
                events.append(EventRow(task_id, "done_reported", self._actor(commune),
                                       _utc(when, 15), note, "{}", commune))
                if unit == "done":
                    events.append(EventRow(
                        task_id, "done_confirmed", SUPER_ADMIN, _utc(when, 16), None,
                        json.dumps({"completed_on": when.isoformat()}), commune))

    def _keep_sample(self, agency_id: int, task_id: int, size: int = 40) -> None:
        """Reservoir sampling: a uniform sample of each agency's tasks, in constant memory."""
        seen = self._seen_per_agency[agency_id] = self._seen_per_agency[agency_id] + 1
        sample = self.sample_tasks[agency_id]
        if len(sample) < size:
            sample.append(task_id)
        else:
            slot = self.rng.randrange(seen)
            if slot < size:
                sample[slot] = task_id

    @staticmethod
    def _outcome(
        issued: date, deadline: date | None, kind: str, rng: random.Random
    ) -> tuple[str, date | None]:
        """Status and completion day, in the proportions of a real province."""
        roll = rng.random()
        age = (TODAY - issued).days
        if kind == "recurring":
            if deadline is not None and deadline < TODAY - timedelta(days=60):
                return ("cancelled", None) if roll < 0.3 else ("done", deadline)
            return "open", None
        if deadline is None:
            done_share = 0.8 if age > 365 else 0.25
            if roll < done_share:
                return "done", issued + timedelta(days=rng.randint(5, min(300, max(5, age - 1))))
            if roll < done_share + 0.04:
                return "cancelled", None
            return "open", None
        if deadline < TODAY:
            if (TODAY - deadline).days > 365:
                # Yearly reviews close or cancel what is long overdue; a few stay open.
                if roll < 0.01:
                    return "open", None
                roll = 0.01 + roll * 0.87
            if roll < 0.64:
                return "done", issued + timedelta(days=rng.randint(1, (deadline - issued).days))
            if roll < 0.86:
                late = min((TODAY - deadline).days - 1, rng.randint(1, 90))
                return "done", deadline + timedelta(days=max(1, late))
            if roll < 0.89:
                return "cancelled", None
            if roll < 0.92:
                return "reported_done", None
            return "open", None
        if roll < 0.2 and age > 1:
            return "done", issued + timedelta(days=rng.randint(1, age))
        if roll < 0.26:
            return "reported_done", None
        return "open", None

    def _extension(
        self, task_id: int, issued: date, deadline: date, lead: int, events: list[EventRow]
    ) -> None:
        rng = self.rng
        asked = min(deadline, TODAY) - timedelta(days=rng.randint(1, 5))
        asked = max(asked, issued)
        new = deadline + timedelta(days=rng.choice((15, 30, 60)))
        reason = rng.choice(_EXTENSION)
        data = json.dumps({"proposed": new.isoformat(), "reason": reason}, ensure_ascii=False)
        events.append(EventRow(task_id, "extension_requested", self._actor(lead), _utc(asked),
                               reason, data, lead))
        if asked + timedelta(days=2) <= TODAY:
            approved = rng.random() < 0.7
            events.append(EventRow(
                task_id, "extension_approved" if approved else "extension_rejected",
                SUPER_ADMIN, _utc(asked + timedelta(days=2)), None, data, lead,
            ))

    def _history(
        self, task_id: int, issued: date, status: str, completed: date | None, lead: int,
        events: list[EventRow],
    ) -> None:
        rng = self.rng
        end = completed or TODAY
        span = max(1, (end - issued).days)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            day = issued + timedelta(days=rng.randint(1, span))
            if day > TODAY:
                continue
            events.append(EventRow(task_id, "progress", self._actor(lead), _utc(day, 14),
                                   rng.choice(_PROGRESS), "{}", lead))
        if status in ("done", "reported_done"):
            day = completed or min(TODAY, issued + timedelta(days=rng.randint(1, span)))
            note = rng.choice(_DONE).format(n=rng.randint(10, 999))
            events.append(EventRow(task_id, "done_reported", self._actor(lead), _utc(day, 15),
                                   note, "{}", lead))
            if status == "done":
                events.append(EventRow(
                    task_id, "done_confirmed", SUPER_ADMIN, _utc(day, 16), None,
                    json.dumps({"old": "reported_done", "new": "done"}), lead,
                ))
        elif status == "cancelled":
            day = min(TODAY, issued + timedelta(days=rng.randint(1, span)))
            events.append(EventRow(task_id, "cancelled", SUPER_ADMIN, _utc(day, 16),
                                   "Không còn phù hợp", json.dumps({"old": "open",
                                                                    "new": "cancelled"})))


async def build_province(workdir: Path, scale: Scale, seed: int) -> Province:
    """Create the database in ``workdir`` and fill it; returns what measurements need.

    The settings carry a placeholder token: the benchmark points them at its emulator.
    """
    directory = workdir / "agencies.toml"
    write_directory(directory, scale)
    settings = load_settings(
        telegram_bot_token="123456:BENCH-placeholder",
        database_path=workdir / "nhacviec.sqlite3",
        admin_ids=str(SUPER_ADMIN),
        agencies_file=directory,
    )
    services = await Services.open(settings, ManualClock(NOW))
    try:
        agencies = await services.repos.agencies.list_all()
        # Collectives are addressees, never workplaces: nobody joins one, no group follows it.
        names = {a.id: a.display for a in agencies if a.id is not None and a.kind != "group"}
        ids = sorted(names)
        departments = [a.id for a in agencies if a.id is not None and a.kind == "department"]
        collective = services.directory.by_code(COLLECTIVE_CODE)
        assert collective is not None and collective.id is not None
        generator = _Generator(scale, seed, ids, sorted(departments), names, collective.id)
        loader = BulkLoader(services.db)
        await loader.write(generator.people_batch())
        tasks = events = 0
        for batch in generator.task_batches():
            await loader.write(batch)
            tasks += len(batch.tasks)
            events += len(batch.task_events)
        return Province(
            settings=settings, people=generator.people, groups=generator.groups,
            agency_names=names, sample_tasks=generator.sample_tasks, task_count=tasks,
            event_count=events,
        )
    finally:
        await services.close()
