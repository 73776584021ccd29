"""Precision and recall of task detection on the real notices in ``../shared/conclusions``.

Run ``python -m bot.extractor_eval [DIR]``. The notices themselves are data kept
outside the project; only the hand-made answer key below lives here: for each notice,
the tasks a careful reader finds, each identified by a phrase from its opening words.
A proposed task matches an expected one when that phrase occurs near the start of its
text; each side is matched at most once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.agencies import AgencyDirectory, load_directory_file
from bot.extractor import ExtractedTask, extract
from bot.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
ENV_SAMPLES = "NHACVIEC_SAMPLES_DIR"

# Notice file-name prefix -> (ordinal, opening phrase) of every task it contains.
GOLD: dict[str, list[tuple[str, str]]] = {
    "000": [
        ("1", "Tiếp tục đẩy mạnh công tác tuyên truyền"),
        ("2", "Chương trình mục tiêu quốc gia giảm nghèo bền vững"),
        ("3", "Công tác bảo vệ, chăm sóc trẻ em"),
        ("4", "Đối với công tác giáo dục nghề nghiệp"),
        ("5", "Về công tác lao động, việc làm"),
        ("6", "Từ năm 2024 trở về sau"),
    ],
    "001": [
        ("1", "Tiếp tục rà soát, xác định đầy đủ"),
        ("2", "Tăng cường phối hợp với các sở"),
        ("3", "Tổ chức triển khai đầy đủ, kịp thời"),
        ("4", "Đẩy mạnh triển khai Luật trẻ em"),
        ("5", "Tăng cường công tác thanh tra"),
    ],
    "002": [
        ("3.a.1", "Đảm bảo có giải pháp thực hiện mục tiêu giảm nghèo"),
        ("3.a.2", "Tập trung điều tra, rà soát hộ nghèo"),
        ("3.a.3", "Tiếp tục thực hiện tốt các chính sách bảo trợ xã hội"),
        ("3.b", "Lĩnh vực giáo dục nghề nghiệp"),
        ("3.c.1", "Tập trung triển khai công tác đưa người lao động"),
        ("3.c.2", "Triển khai thu thập, lưu trữ"),
        ("3.d", "Lĩnh vực người có công"),
        ("3.đ", "Công tác cai nghiện"),
        ("3.e", "Lĩnh vực Trẻ em, Bình đẳng giới"),
        ("3.g", "Công tác chuyển đổi số"),
    ],
    "003": [
        ("II.1", "Cập nhật thường xuyên và kịp thời"),
        ("II.2", "Quan tâm thực hiện hiệu quả công tác đào tạo nghề"),
        ("II.3", "Tập trung thực hiện hiệu quả công tác quản lý nhà nước"),
        ("II.4", "Khẩn trương hoàn thành công tác tham mưu"),
        ("II.5", "Tiếp tục quan tâm, thực hiện tốt hơn nữa"),
        ("II.6", "Chủ trì, phối hợp với Sở Tài chính"),
        ("II.7", "Tiếp tục chủ động tham mưu triển khai"),
        ("II.8.a", "Nghiêm túc thực hiện các nội dung"),
        ("II.8.b", "Thường xuyên theo dõi, kiểm tra, đôn đốc"),
        ("II.9", "Yêu cầu các sở, ban, ngành"),
        ("III.1", "Đối với nội dung kiến nghị Bộ Kế hoạch và Đầu tư"),
        ("III.2.a", "Thống nhất giao Sở Lao động"),
        ("III.2.b", "Giao Sở Tài chính chủ trì"),
        ("III.3", "Giao Sở Thông tin và Truyền thông chủ trì"),
        ("III.4", "Đối với các đề xuất của thành viên dự họp"),
    ],
    "004": [
        ("1", "toàn ngành tập trung quán triệt"),
    ],
}


@dataclass(frozen=True)
class Score:
    """Matches between proposed and expected tasks for one notice or a whole set."""

    expected: int
    proposed: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.expected + other.expected,
            self.proposed + other.proposed,
            self.matched + other.matched,
        )


def match_tasks(
    tasks: Sequence[ExtractedTask], gold: Sequence[tuple[str, str]]
) -> dict[str, ExtractedTask]:
    """Expected ordinal -> the proposed task whose opening contains its phrase."""
    matched: dict[str, ExtractedTask] = {}
    free = list(tasks)
    for ordinal, phrase in gold:
        key = fold(phrase)
        for task in free:
            if key in fold(task.text[: len(phrase) + 80]):
                matched[ordinal] = task
                free.remove(task)
                break
    return matched


def score(tasks: Sequence[ExtractedTask], gold: Sequence[tuple[str, str]]) -> Score:
    """How many proposed tasks match the answer key, one to one."""
    return Score(len(gold), len(tasks), len(match_tasks(tasks, gold)))


def samples_dir(argument: str | None = None) -> Path:
    """The sample folder: the argument, else $NHACVIEC_SAMPLES_DIR, else ../shared/conclusions."""
    if argument:
        return Path(argument)
    env = os.environ.get(ENV_SAMPLES)
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "conclusions"


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
    total = Score(0, 0, 0)
    for prefix, path in files.items():
        result = score(extract(path.read_text(encoding="utf-8"), directory).tasks, GOLD[prefix])
        total = total + result
        print(
            f"{path.name}: expected {result.expected}, proposed {result.proposed}, "
            f"matched {result.matched}, precision {result.precision:.2f}, "
            f"recall {result.recall:.2f}"
        )
    print(
        f"TOTAL: expected {total.expected}, proposed {total.proposed}, matched {total.matched}, "
        f"precision {total.precision:.3f}, recall {total.recall:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
