"""The extractor never raises and does work in proportion to the text.

Speed itself is measured by ``python -m bench.extraction``, not here: a timed unit test
would fail on a busy machine. Here the work is counted instead: how many characters
the deadline search reads and how many times an agency name is looked for, which a
quadratic rule would make grow faster than the text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.extraction.dates as dates_module
from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.deadlines import find_deadline
from bot.extraction import extract, extraction_to_json
from bot.extraction.mentions import AgencyFinder

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "notices"
DIRECTORY = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))
SAMPLES = sorted(FIXTURES.glob("*.txt"))
SOURCES = {None, "written", "heading", "section", "document", "guessed"}

# Characters that mean something to one stage or another, and some that mean nothing.
_ALPHABET = st.sampled_from([
    *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĐHIVXTSỞ0123456789 \t\n\n\f|-+*#:;.,()/“”'’",
    "\u200b", "\u00ad", "\x1e", "\x1f", "\r", "ạ", "ấ", "ờ", "ử", "ỹ", "¹", "…", "–", "•",
])
_TOKENS = st.sampled_from([
    "Giao", "Sở Nội vụ", "chủ trì", "phối hợp với", "Sở Tài chính", "trước ngày", "30/6/2026",
    "hằng tháng", "quý III/2026", "Kính gửi:", "V/v", "THÔNG BÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH",
    "Số:", "Nơi nhận:", "./.", "1.", "a)", "- ", "+ ", "II.", "Điều 3.", "| STT | Nội dung |",
    "| Cơ quan chủ trì | Thời gian hoàn thành |", "\n", "\n\n", "\f", "UBND các xã, phường",
    "Đề nghị", "===== Trang 2 =====", "(Kèm theo Quyết định số 1/QĐ-UBND)", "Trân trọng./.",
    "Công ty Điện lực", "có hiệu lực từ ngày 01/7/2026", "trong thời hạn 06 tháng kể từ ngày",
])


def _check(text: str) -> None:
    ex = extract(text, DIRECTORY)
    data = extraction_to_json(ex)
    json.dumps(data, ensure_ascii=False)
    ordinals = [task.ordinal for task in ex.tasks]
    assert len(ordinals) == len(set(ordinals))
    for task in ex.tasks:
        assert task.text and task.ordinal
        assert all(isinstance(name, str) and name for name in (*task.lead, *task.support))
        assert task.lead_source in SOURCES and task.deadline_source in SOURCES
        assert (task.lead_source is None) == (not task.lead)
        assert (task.deadline_source is None) == (
            task.deadline is None and task.recurrence is None and task.deadline_text is None
        )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.text(max_size=400),
    st.text(_ALPHABET, max_size=600),
    st.lists(_TOKENS, max_size=60).map(" ".join),
    st.lists(_TOKENS, max_size=60).map("".join),
))
def test_random_text_never_raises(text: str) -> None:
    _check(text)


@st.composite
def _mangled(draw: st.DrawFn) -> str:
    """A fixture with some characters and lines deleted, repeated, swapped or inserted."""
    text = draw(st.sampled_from(SAMPLES)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if not text:
            break
        at = draw(st.integers(min_value=0, max_value=len(text) - 1))
        size = draw(st.integers(min_value=1, max_value=200))
        action = draw(st.sampled_from(["delete", "repeat", "insert", "lines", "truncate"]))
        if action == "delete":
            text = text[:at] + text[at + size:]
        elif action == "repeat":
            text = text[:at + size] + text[at:at + size] + text[at + size:]
        elif action == "insert":
            text = text[:at] + draw(st.text(_ALPHABET, max_size=40)) + text[at:]
        elif action == "lines":
            lines = text.split("\n")
            draw(st.randoms()).shuffle(lines)
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mangled())
def test_mangled_documents_never_raise(text: str) -> None:
    _check(text)


def test_not_a_string_gives_an_empty_proposal() -> None:
    assert extract(None, DIRECTORY).tasks == []  # type: ignore[arg-type]


# --- Work in proportion to the text ------------------------------------------------------


def _numbered(count: int) -> str:
    return "\n".join(f"{n}. Giao Sở Y tế rà soát trạm y tế xã số {n} trước ngày 30/6/2026."
                     for n in range(1, count + 1))


def _one_letter(count: int) -> str:
    return "a\n\n" * count


def _blank_pairs(count: int) -> str:
    return "Giao Sở Y tế rà soát\n\n\n\nx\n\n" * count


def _one_line(count: int) -> str:
    return "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát trước ngày 30/6. " * count


def _notices(count: int) -> str:
    text = (FIXTURES / "agency_sections.txt").read_text(encoding="utf-8")
    return "\n".join([text] * count)


SHAPES: list[tuple[str, Callable[[int], str], int]] = [
    ("numbered items", _numbered, 500),
    ("one-letter paragraphs", _one_letter, 2000),
    ("blank-line pairs", _blank_pairs, 500),
    ("one endless line", _one_line, 300),
    ("a book of notices", _notices, 10),
]


def _work(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters the deadline search reads plus agency look-ups, for one extraction."""
    read = 0
    looked = 0
    one = AgencyFinder.one

    def counting_find(text: str, *args: object, **kwargs: object) -> object:
        nonlocal read
        read += len(text)
        return find_deadline(text, *args, **kwargs)  # type: ignore[arg-type]

    def counting_one(self: AgencyFinder, text: str, pos: int) -> object:
        nonlocal looked
        looked += 1
        return one(self, text, pos)

    with monkeypatch.context() as patch:
        patch.setattr(dates_module, "find_deadline", counting_find)
        patch.setattr(AgencyFinder, "one", counting_one)
        extract(text, DIRECTORY)
    return read + looked


@pytest.mark.parametrize(("name", "make", "count"), SHAPES, ids=[s[0] for s in SHAPES])
def test_work_grows_in_proportion_to_the_text(
    name: str, make: Callable[[int], str], count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, large = make(count), make(count * 8)
    per_char_small = _work(small, monkeypatch) / len(small)
    per_char_large = _work(large, monkeypatch) / len(large)
    assert per_char_large <= per_char_small * 1.25 + 0.01, (name, per_char_small, per_char_large)


def test_ten_thousand_numbered_items_are_ten_thousand_tasks() -> None:
    """Five-digit item numbers still continue the list (a register of 10,001 items)."""
    ex = extract(_numbered(10_001), DIRECTORY)
    assert len(ex.tasks) == 10_001
    assert ex.tasks[-1].ordinal == "10001" and ex.tasks[-1].lead == ["Sở Y tế"]
