"""The five real notices in ../shared/conclusions (skipped when the folder is absent).

They are data, not project code, so they are read in place and never copied here.
Each notice has an explicit table: ordinal -> (lead, support, deadline).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.normalize import fold
from bot.extraction import Extraction, extract, extraction_to_json
from bot.extractor_eval import EMPTY, GOLD, ROOT, match_tasks, samples_dir, score

SAMPLES = samples_dir()

pytestmark = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"sample notices not found in {SAMPLES}"
)

Row = tuple[list[str], list[str], date | None]

# The answer key of bot/extractor_eval.py as ordinal -> (lead, support, deadline).
EXPECTED: dict[str, dict[str, Row]] = {
    prefix: {e.ordinal: (list(e.lead), list(e.support), e.deadline) for e in tasks}
    for prefix, tasks in GOLD.items()
}

DEADLINE_TEXTS: dict[tuple[str, str], str] = {
    ("000", "2"): "trong năm 2023",
    ("002", "3.a.1"): "Thời gian 30/7/2022 thực hiện xong",
    ("003", "II.4"): "trong kỳ họp tháng 9/2024",
    ("003", "III.2.a"): "trong năm 2025",
    ("003", "III.3"): "trước ngày 30/9/2024",
}

DOCUMENTS: dict[str, dict[str, object]] = {
    "000": {"number": None, "issuer": "Văn phòng UBND tỉnh", "signer": "Mã Lan Xuân",
            "issued_on": None, "meeting_on": "2023-06-30"},
    "001": {"number": None, "issuer": None, "signer": None, "issued_on": "2018-01-24",
            "meeting_on": "2018-01-23"},
    "002": {"number": None, "issuer": "Sở Lao động - Thương binh và Xã hội",
            "signer": "Nguyễn Mạnh Cường", "issued_on": "2022-07-22", "meeting_on": "2022-07-19"},
    "003": {"number": None, "issuer": "UBND tỉnh Quảng Ngãi", "signer": "Lê Chí Phương",
            "issued_on": None, "meeting_on": "2024-08-23"},
    "004": {"number": None, "issuer": None, "signer": None, "issued_on": "2022-11-26",
            "meeting_on": "2022-11-26"},
}

TITLES: dict[str, tuple[str, str]] = {
    "000": ("Ý kiến của Phó Chủ tịch UBND tỉnh Lê Văn Phước", "phương hướng nhiệm vụ 6 tháng "
            "cuối năm 2023"),
    "001": ("Hội nghị trực tuyến triển khai công tác giảm nghèo", "người có công với cách mạng "
            "năm 2018"),
    "002": ("Kết luận tại Hội nghị sơ kết", "giảm nghèo giai đoạn 2021-2025"),
    "003": ("Kết luận của Chủ tịch UBND tỉnh Nguyễn Hoàng Giang",
            "Sở Lao động – Thương binh và Xã hội"),
    "004": ("Sở Lao động – Thương binh và Xã hội triển khai nhiệm vụ năm 2023",
            "nhiệm vụ năm 2023"),
}

# Text that must never leak into any task of the notice.
NEVER_IN_TASKS: dict[str, list[str]] = {
    "000": ["Nơi nhận", "CHÁNH VĂN PHÒNG", "Mã Lan Xuân", "thông báo đến các đơn vị",
            "Tham dự Hội nghị", "biểu dương"],
    "001": ["phát biểu tại hội nghị", "trao tặng cờ", "Hoàng Phúc", "đạt 109,3%",
            "Để thực hiện thắng lợi"],
    "002": ["Nơi nhận", "Lãnh đạo sở;", "Nguyễn Mạnh Cường", "13/14 hoạt động",
            "Đã tham mưu ban hành Nghị quyết 02/2022"],
    "003": ["Đánh giá chung", "ghi nhận, biểu dương", "Nay thông báo", "Lê Chí Phương",
            "CHÁNH VĂN PHÒNG", "KGVX", "cơ bản thống nhất"],
    "004": ["Số lượt xem", "Hoài Phương", "phát biểu chỉ đạo tại hội nghị", "778 tỷ đồng",
            "Năm 2023 phấn đấu"],
}


@pytest.fixture(scope="module")
def directory() -> AgencyDirectory:
    return AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))


@pytest.fixture(scope="module")
def extractions(directory: AgencyDirectory) -> dict[str, Extraction]:
    found: dict[str, Extraction] = {}
    for prefix in EXPECTED:
        files = sorted(SAMPLES.glob(f"{prefix}_*.txt"))
        if not files:
            pytest.skip(f"sample {prefix} missing")
        found[prefix] = extract(files[0].read_text(encoding="utf-8"), directory)
    return found


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_tasks_table(extractions: dict[str, Extraction], prefix: str) -> None:
    tasks = extractions[prefix].tasks
    actual = {task.ordinal: (task.lead, task.support, task.deadline) for task in tasks}
    assert actual == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_answer_key_matches_ordinals(extractions: dict[str, Extraction], prefix: str) -> None:
    """Each expected task is found by its opening words under the expected ordinal."""
    matched = match_tasks(extractions[prefix].tasks, GOLD[prefix])
    assert {ordinal: task.ordinal for ordinal, task in matched.items()} == {
        expected.ordinal: expected.ordinal for expected in GOLD[prefix]
    }


def test_precision_and_recall(extractions: dict[str, Extraction]) -> None:
    total = sum((score(extractions[p].tasks, GOLD[p]) for p in EXPECTED), start=EMPTY)
    assert (total.tasks.expected, total.tasks.precision, total.tasks.recall) == (37, 1.0, 1.0)
    assert (total.leads.expected, total.leads.precision, total.leads.recall) == (57, 1.0, 1.0)
    assert (total.deadlines.expected, total.deadlines.precision,
            total.deadlines.recall) == (7, 1.0, 1.0)


@pytest.mark.parametrize(("prefix", "ordinal"), sorted(DEADLINE_TEXTS))
def test_deadline_phrases(extractions: dict[str, Extraction], prefix: str, ordinal: str) -> None:
    task = next(t for t in extractions[prefix].tasks if t.ordinal == ordinal)
    assert task.deadline_text == DEADLINE_TEXTS[(prefix, ordinal)]


@pytest.mark.parametrize("prefix", sorted(DOCUMENTS))
def test_document_metadata(extractions: dict[str, Extraction], prefix: str) -> None:
    document = extraction_to_json(extractions[prefix])["document"]
    assert isinstance(document, dict)
    for key, value in DOCUMENTS[prefix].items():
        assert document[key] == value, key
    start, end = TITLES[prefix]
    title = document["title"]
    assert isinstance(title, str)
    assert title.startswith(start) and title.endswith(end)
    assert "*" not in title and "#" not in title and "\n" not in title


@pytest.mark.parametrize("prefix", sorted(NEVER_IN_TASKS))
def test_nothing_else_leaks_into_tasks(extractions: dict[str, Extraction], prefix: str) -> None:
    for task in extractions[prefix].tasks:
        for phrase in NEVER_IN_TASKS[prefix]:
            assert fold(phrase) not in fold(task.text), (task.ordinal, phrase)
        assert "\n" not in task.text and "  " not in task.text


def test_pdf_breaks_are_joined(extractions: dict[str, Extraction]) -> None:
    """A blank line in the middle of a sentence neither splits the task nor stays in it."""
    first = extractions["000"].tasks[0]
    assert "duy trì thường xuyên" in first.text
    assert "lượng lao động mất việc" in extractions["000"].tasks[4].text
    seventh = next(t for t in extractions["003"].tasks if t.ordinal == "II.7")
    assert "cho đối tượng người có công" in seventh.text


def test_news_directive_starts_after_the_leader_speaks(extractions: dict[str, Extraction]) -> None:
    task = extractions["004"].tasks[0]
    assert fold(task.text).startswith(fold("Trong năm 2023, toàn ngành tập trung quán triệt"))
    assert task.text.endswith("thương tích ở trẻ em…")
