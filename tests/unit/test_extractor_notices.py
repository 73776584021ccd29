"""The fifteen real documents of ../shared (skipped when the folder is absent).

They are data, not project code, so they are read in place and never copied here. The
answer key lives in bot/extractor_eval.py; this test holds its figures and checks what
the key does not score: ordinals and the provenance of leads.
"""

from __future__ import annotations

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.extraction import ExtractedTask, Extraction, extract
from bot.extractor_eval import (
    EMPTY,
    NOTICES_GOLD,
    ROOT,
    Score,
    all_files,
    answer_key,
    match_tasks,
    notices_dir,
    score,
)

FILES = all_files()

pytestmark = pytest.mark.skipif(
    not any(prefix in FILES for prefix in NOTICES_GOLD),
    reason=f"real documents not found in {notices_dir()}",
)


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    directory = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))
    return {prefix: extract(path.read_text(encoding="utf-8"), directory)
            for prefix, path in FILES.items()}


def _figures(result: Score) -> list[float]:
    return [result.tasks.precision, result.tasks.recall, result.leads.precision,
            result.leads.recall, result.deadlines.precision, result.deadlines.recall]


def test_every_document_is_keyed_and_present(extractions: dict[str, Extraction]) -> None:
    assert sorted(extractions) == sorted(answer_key())


@pytest.mark.parametrize("prefix", sorted(answer_key()))
def test_figures_per_document(extractions: dict[str, Extraction], prefix: str) -> None:
    result = score(extractions[prefix].tasks, answer_key()[prefix])
    assert min(_figures(result)) >= 0.95, result


def test_total_figures(extractions: dict[str, Extraction]) -> None:
    key = answer_key()
    total = sum((score(extractions[p].tasks, key[p]) for p in extractions), start=EMPTY)
    assert (total.tasks.expected, total.leads.expected, total.deadlines.expected) == (142, 196, 20)
    assert min(_figures(total)) >= 0.95, total


@pytest.mark.parametrize("prefix", sorted(NOTICES_GOLD))
def test_ordinals_as_the_document_counts(extractions: dict[str, Extraction], prefix: str) -> None:
    matched = match_tasks(extractions[prefix].tasks, NOTICES_GOLD[prefix])
    assert {ordinal: task.ordinal for ordinal, task in matched.items()} == {
        expected.ordinal: expected.ordinal for expected in NOTICES_GOLD[prefix]
    }


def _task(extraction: Extraction, ordinal: str) -> ExtractedTask:
    return next(task for task in extraction.tasks if task.ordinal == ordinal)


PROVENANCE: list[tuple[str, str, str | None, str | None]] = [
    # document, ordinal, lead source, deadline source
    ("d01", "1", "written", None),  # "Bộ Tài chính báo cáo …"
    ("d05", "5.a", "document", None),  # "Đề nghị tham khảo …": the letter's addressee
    ("d07", "2", "written", "written"),  # "Giao Bộ trưởng Bộ … trước ngày 23/5/2022"
    ("d08", "1", "written", "written"),  # "… trong Quý III năm 2021"
    ("d09", "III.1.3.a", "heading", "written"),  # under "1.3. Đơn vị duy trì …:"
    ("d10", "III.2.1", "heading", "heading"),  # "- Đơn vị chủ trì: …", "- Thời gian …"
    ("d10", "V.8.a", "heading", None),  # "Chỉ đạo Trung tâm …" under "8. Sở Xây dựng"
    ("d10", "V.19.a", "written", None),  # "Đề nghị UBND Thành phố Hồ Chí Minh, …"
]


@pytest.mark.parametrize(("prefix", "ordinal", "lead_source", "deadline_source"), PROVENANCE)
def test_why_lead_and_deadline_were_chosen(
    extractions: dict[str, Extraction], prefix: str, ordinal: str, lead_source: str | None,
    deadline_source: str | None,
) -> None:
    task = _task(extractions[prefix], ordinal)
    assert (task.lead_source, task.deadline_source) == (lead_source, deadline_source)


def test_the_letter_with_one_paragraph_gives_its_task(extractions: dict[str, Extraction]) -> None:
    """The case issue 16 opens with: one directive paragraph, no numbering, one ministry."""
    tasks = extractions["d02"].tasks
    assert [(t.ordinal, t.lead) for t in tasks] == [("1", ["Bộ Tài nguyên và Môi trường"])]


def test_the_guideline_assigns_nothing(extractions: dict[str, Extraction]) -> None:
    assert extractions["d06"].tasks == []
