"""Agency names in running text: lists, grouped forms, titles, generic groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.agencies import AgencyDirectory, load_directory_file
from bot.extraction.mentions import AgencyFinder

ROOT = Path(__file__).resolve().parents[1]
DIRECTORY = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))

LISTS: list[tuple[str, list[str] | None, str]] = [
    # text, names found at position 0 (None: no agency there), what follows the list
    ("Sở Tài chính, Sở Xây dựng rà soát", ["Sở Tài chính", "Sở Xây dựng"], " rà soát"),
    ("Sở Tài chính tỉnh, Sở Y tế tỉnh chủ trì", ["Sở Tài chính", "Sở Y tế"], " chủ trì"),
    ("Bảo hiểm xã hội tỉnh và Sở Y tế trong việc", ["Bảo hiểm xã hội tỉnh", "Sở Y tế"],
     " trong việc"),
    ("các sở, ban, ngành, UBND các huyện, thị xã, thành phố tăng cường",
     ["Các sở, ban, ngành tỉnh", "UBND các xã, phường"], " tăng cường"),
    ("Các Sở: Công Thương, Tài chính, Xây dựng tập trung",
     ["Sở Công Thương", "Sở Tài chính", "Sở Xây dựng"], " tập trung"),
    ("UBND các phường: Yên Bái, Văn Phú rà soát",
     ["UBND phường Yên Bái", "UBND phường Văn Phú"], " rà soát"),
    ("Giám đốc Sở Lao động - TB&XH chỉ đạo", ["Sở Nội vụ"], " chỉ đạo"),
    ("Chủ tịch UBND các huyện, thành phố chịu trách nhiệm", ["UBND các xã, phường"],
     " chịu trách nhiệm"),
    ("ngành lao động – thương binh và xã hội trong công tác", ["Sở Nội vụ"], " trong công tác"),
    ("Ban Dân tộc tỉnh phối hợp", ["Sở Dân tộc và Tôn giáo"], " phối hợp"),
    ("Phòng LĐTBXH các huyện, tham mưu", ["Phòng LĐTBXH các huyện"], ", tham mưu"),
    ("các phòng chuyên môn, các đơn vị trực thuộc cần tập trung",
     ["Các phòng chuyên môn", "Các đơn vị trực thuộc"], " cần tập trung"),
    ("Trường Cao đẳng nghề Lạng Sơn tổ chức", ["Trường Cao đẳng nghề Lạng Sơn"], " tổ chức"),
    # Unit names the directory does not know, whose inner words also start verbs.
    ("Trung tâm Phát triển quỹ đất tỉnh chủ trì", ["Trung tâm Phát triển quỹ đất tỉnh"],
     " chủ trì"),
    ("Trung tâm Phát triển quỹ đất tỉnh và Sở Tài chính phát triển",
     ["Trung tâm Phát triển quỹ đất tỉnh", "Sở Tài chính"], " phát triển"),
    ("Quỹ Phát triển đất rà soát", ["Quỹ Phát triển đất"], " rà soát"),
    ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tổ chức",
     ["Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch"], " tổ chức"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông triển khai",
     ["Ban Quản lý dự án đầu tư xây dựng các công trình giao thông"], " triển khai"),
    ("Trung tâm Phục vụ hành chính công tiếp nhận", ["Trung tâm Phục vụ hành chính công"],
     " tiếp nhận"),
    ("Trung tâm Kiểm định chất lượng công trình xây dựng, Sở Xây dựng kiểm tra",
     ["Trung tâm Kiểm định chất lượng công trình xây dựng", "Sở Xây dựng"], " kiểm tra"),
    # A comma before another agency, a title or plain words still ends the name.
    ("Trung tâm Dịch vụ việc làm, Sở Nội vụ và Sở Y tế hướng dẫn",
     ["Trung tâm Dịch vụ việc làm", "Sở Nội vụ", "Sở Y tế"], " hướng dẫn"),
    ("Trung tâm Dịch vụ việc làm, Giám đốc Sở Y tế và Sở Nội vụ chủ trì",
     ["Trung tâm Dịch vụ việc làm", "Sở Y tế", "Sở Nội vụ"], " chủ trì"),
    ("Trung tâm Dịch vụ việc làm, Hà Nội tổ chức", ["Trung tâm Dịch vụ việc làm"],
     ", Hà Nội tổ chức"),
    # Generic groups are consumed but name nobody.
    ("các cơ quan, đơn vị liên quan tổng kết", [], " tổng kết"),
    ("các ngành đơn vị có liên quan tiếp tục", [], " tiếp tục"),
    # Not agencies: the issuing authority, bare field words, "Sở" without a name.
    ("UBND tỉnh xem xét", None, ""),
    ("Tài chính công khai", None, ""),
    ("Sở kết luận", None, ""),
    ("hồ sơ đất đai", None, ""),
]


@pytest.mark.parametrize(("text", "names", "rest"), LISTS)
def test_lists(text: str, names: list[str] | None, rest: str) -> None:
    found = AgencyFinder(DIRECTORY).many(text, 0)
    if names is None:
        assert found is None or not found.names
        return
    assert found is not None
    assert (found.names, text[found.end:]) == (names, rest)


def test_unresolved_names_are_collected() -> None:
    finder = AgencyFinder(DIRECTORY)
    finder.many("Trung tâm Dịch vụ việc làm tổ chức", 0)
    assert finder.unresolved == {"Trung tâm Dịch vụ việc làm"}


def test_without_directory_everything_is_as_written() -> None:
    found = AgencyFinder(None).many("Sở Lao động – Thương binh và Xã hội, Sở Tài chính chủ trì", 0)
    assert found is not None
    assert found.names == ["Sở Lao động – Thương binh và Xã hội", "Sở Tài chính"]


def test_mentions_counts_every_directory_name() -> None:
    text = "Sở LĐ-TB&XH phối hợp với Sở Tài chính; Sở Lao động – TBXH báo cáo UBND tỉnh."
    assert list(AgencyFinder(DIRECTORY).mentions(text)) == ["Sở Nội vụ", "Sở Tài chính",
                                                             "Sở Nội vụ"]
