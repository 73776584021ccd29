"""Precision and recall of the extractor on the real notices in ``../shared/conclusions``.

Run ``python -m bot.extractor_eval [DIR]``. The notices themselves are data kept
outside the project; only the hand-made answer key below lives here: for each notice,
the tasks a careful reader lists, each identified by a phrase from its opening words,
with its lead and supporting agencies (directory names after successor links) and its
deadline. A proposed task matches an expected one when that phrase occurs near the
start of its text; each side is matched at most once.

Three scores, each as precision (how much of what was proposed is right) and recall
(how much of what is expected was found):

* tasks: proposed tasks that match an expected task;
* leads: lead agencies, counted per task (an agency proposed as lead of a matched task
  that the key also names as lead is right; every lead on an unmatched task is wrong);
* deadlines: tasks with a deadline, right when the date equals the key's date.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.normalize import fold
from bot.extractor import ExtractedTask, extract

ROOT = Path(__file__).resolve().parents[1]
ENV_SAMPLES = "NHACVIEC_SAMPLES_DIR"


@dataclass(frozen=True)
class Expected:
    """One task of the answer key."""

    ordinal: str
    opening: str
    lead: tuple[str, ...]
    support: tuple[str, ...] = ()
    deadline: date | None = None


NOI_VU = "Sở Nội vụ"
TAI_CHINH = "Sở Tài chính"
GROUP_SO = "Các sở, ban, ngành tỉnh"
GROUP_XA = "UBND các xã, phường"
PHONG_HUYEN = "Phòng LĐTBXH các huyện"
UNITS_002 = ("Các phòng chuyên môn", "Các đơn vị trực thuộc", PHONG_HUYEN)

# Notice file-name prefix -> every task a careful reader lists in it. The Sở Lao động –
# Thương binh và Xã hội ("ngành Lao động – TB&XH") was merged into the Sở Nội vụ in 2025,
# the districts' UBND into the communes', the Sở Thông tin và Truyền thông into the Sở
# Khoa học và Công nghệ, the Sở Kế hoạch và Đầu tư into the Sở Tài chính.
GOLD: dict[str, list[Expected]] = {
    "000": [
        Expected("1", "Tiếp tục đẩy mạnh công tác tuyên truyền", (NOI_VU,)),
        Expected("2", "Chương trình mục tiêu quốc gia giảm nghèo bền vững", (NOI_VU,),
                 deadline=date(2023, 12, 31)),
        Expected("3", "Công tác bảo vệ, chăm sóc trẻ em", (NOI_VU,)),
        Expected("4", "Đối với công tác giáo dục nghề nghiệp", (NOI_VU,)),
        Expected("5", "Về công tác lao động, việc làm", (NOI_VU,)),
        Expected("6", "Từ năm 2024 trở về sau", (NOI_VU,)),
    ],
    "001": [
        Expected("1", "Tiếp tục rà soát, xác định đầy đủ", (NOI_VU,)),
        Expected("2", "Tăng cường phối hợp với các sở", (NOI_VU,), (GROUP_SO,)),
        Expected("3", "Tổ chức triển khai đầy đủ, kịp thời", (NOI_VU,)),
        Expected("4", "Đẩy mạnh triển khai Luật trẻ em", (NOI_VU,)),
        Expected("5", "Tăng cường công tác thanh tra", (NOI_VU,)),
    ],
    "002": [
        Expected("3.a.1", "Đảm bảo có giải pháp thực hiện mục tiêu giảm nghèo", (PHONG_HUYEN,),
                 deadline=date(2022, 7, 30)),
        Expected("3.a.2", "Tập trung điều tra, rà soát hộ nghèo", UNITS_002),
        Expected("3.a.3", "Tiếp tục thực hiện tốt các chính sách bảo trợ xã hội", UNITS_002),
        Expected("3.b", "Lĩnh vực giáo dục nghề nghiệp", UNITS_002),
        Expected("3.c.1", "Tập trung triển khai công tác đưa người lao động", UNITS_002),
        # Cites Kế hoạch số 101/KH-UBND ngày 28/4/2022: that date is no deadline.
        Expected("3.c.2", "Triển khai thu thập, lưu trữ", UNITS_002),
        Expected("3.d", "Lĩnh vực người có công", UNITS_002, (GROUP_XA,)),
        Expected("3.đ", "Công tác cai nghiện", UNITS_002),
        Expected("3.e", "Lĩnh vực Trẻ em, Bình đẳng giới", UNITS_002),
        Expected("3.g", "Công tác chuyển đổi số", UNITS_002),
    ],
    "003": [
        Expected("II.1", "Cập nhật thường xuyên và kịp thời", (NOI_VU,)),
        Expected("II.2", "Quan tâm thực hiện hiệu quả công tác đào tạo nghề", (NOI_VU,)),
        Expected("II.3", "Tập trung thực hiện hiệu quả công tác quản lý nhà nước", (NOI_VU,)),
        Expected("II.4", "Khẩn trương hoàn thành công tác tham mưu", (NOI_VU,),
                 deadline=date(2024, 9, 30)),
        Expected("II.5", "Tiếp tục quan tâm, thực hiện tốt hơn nữa", (NOI_VU,)),
        Expected("II.6", "Chủ trì, phối hợp với Sở Tài chính", (NOI_VU,), (TAI_CHINH,)),
        Expected("II.7", "Tiếp tục chủ động tham mưu triển khai", (NOI_VU,)),
        Expected("II.8.a", "Nghiêm túc thực hiện các nội dung", (NOI_VU,)),
        Expected("II.8.b", "Thường xuyên theo dõi, kiểm tra, đôn đốc", (NOI_VU,)),
        Expected("II.9", "Yêu cầu các sở, ban, ngành", (GROUP_SO, GROUP_XA), (NOI_VU,)),
        Expected("III.1", "Đối với nội dung kiến nghị Bộ Kế hoạch và Đầu tư",
                 (TAI_CHINH, "Sở Xây dựng")),
        Expected("III.2.a", "Thống nhất giao Sở Lao động", (NOI_VU,),
                 deadline=date(2025, 12, 31)),
        Expected("III.2.b", "Giao Sở Tài chính chủ trì", (TAI_CHINH,), (NOI_VU,),
                 deadline=date(2025, 12, 31)),
        Expected("III.3", "Giao Sở Thông tin và Truyền thông chủ trì",
                 ("Sở Khoa học và Công nghệ",), (TAI_CHINH,), deadline=date(2024, 9, 30)),
        Expected("III.4", "Đối với các đề xuất của thành viên dự họp", (NOI_VU,)),
    ],
    "004": [
        Expected("1", "toàn ngành tập trung quán triệt", (NOI_VU,),
                 deadline=date(2023, 12, 31)),
    ],
}


@dataclass(frozen=True)
class Count:
    """Right, proposed and expected items of one kind; they add up over notices."""

    expected: int
    proposed: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def __add__(self, other: Count) -> Count:
        return Count(
            self.expected + other.expected,
            self.proposed + other.proposed,
            self.matched + other.matched,
        )

    def describe(self) -> str:
        return (
            f"P {self.precision:.2f} R {self.recall:.2f} "
            f"({self.matched} right of {self.proposed} proposed, {self.expected} expected)"
        )


@dataclass(frozen=True)
class Score:
    """Task, lead and deadline counts for one notice or a whole set."""

    tasks: Count
    leads: Count
    deadlines: Count

    def __add__(self, other: Score) -> Score:
        return Score(
            self.tasks + other.tasks, self.leads + other.leads, self.deadlines + other.deadlines
        )


EMPTY = Score(Count(0, 0, 0), Count(0, 0, 0), Count(0, 0, 0))


def match_tasks(
    tasks: Sequence[ExtractedTask], gold: Sequence[Expected]
) -> dict[str, ExtractedTask]:
    """Expected ordinal -> the proposed task whose opening contains its phrase."""
    matched: dict[str, ExtractedTask] = {}
    free = list(tasks)
    for expected in gold:
        key = fold(expected.opening)
        for task in free:
            if key in fold(task.text[: len(expected.opening) + 80]):
                matched[expected.ordinal] = task
                free.remove(task)
                break
    return matched


def score(tasks: Sequence[ExtractedTask], gold: Sequence[Expected]) -> Score:
    """How the proposed tasks compare with the answer key, one to one."""
    pairs = match_tasks(tasks, gold)
    right_leads = 0
    right_deadlines = 0
    for expected in gold:
        task = pairs.get(expected.ordinal)
        if task is None:
            continue
        keys = {fold(name) for name in expected.lead}
        right_leads += len({fold(name) for name in task.lead} & keys)
        if expected.deadline is not None and task.deadline == expected.deadline:
            right_deadlines += 1
    return Score(
        tasks=Count(len(gold), len(tasks), len(pairs)),
        leads=Count(
            sum(len(e.lead) for e in gold), sum(len(set(t.lead)) for t in tasks), right_leads
        ),
        deadlines=Count(
            sum(1 for e in gold if e.deadline is not None),
            sum(1 for t in tasks if t.deadline is not None),
            right_deadlines,
        ),
    )


def samples_dir(argument: str | None = None) -> Path:
    """The sample folder: the argument, else $NHACVIEC_SAMPLES_DIR, else the first
    ``shared/conclusions`` beside the project or beside the folder of its worktree."""
    if argument:
        return Path(argument)
    env = os.environ.get(ENV_SAMPLES)
    if env:
        return Path(env)
    candidates = [ROOT.parent / "shared" / "conclusions",
                  ROOT.parent.parent / "shared" / "conclusions"]
    return next((path for path in candidates if path.is_dir()), candidates[0])


def sample_files(folder: Path) -> dict[str, Path]:
    """Answer-key prefix -> notice file, for the notices present in ``folder``."""
    found: dict[str, Path] = {}
    for prefix in GOLD:
        candidates = sorted(folder.glob(f"{prefix}_*.txt"))
        if candidates:
            found[prefix] = candidates[0]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = samples_dir(args[0] if args else None)
    files = sample_files(folder)
    if not files:
        print(f"no sample notices in {folder}", file=sys.stderr)
        return 1
    directory = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))
    total = EMPTY
    for prefix, path in files.items():
        result = score(extract(path.read_text(encoding="utf-8"), directory).tasks, GOLD[prefix])
        total = total + result
        print(path.name)
        print(f"  tasks     {result.tasks.describe()}")
        print(f"  leads     {result.leads.describe()}")
        print(f"  deadlines {result.deadlines.describe()}")
    print(f"TOTAL over {len(files)} notices")
    print(f"  tasks     {total.tasks.describe()}")
    print(f"  leads     {total.leads.describe()}")
    print(f"  deadlines {total.deadlines.describe()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
