"""Pure rendering as readers meet it: Vietnamese name order, splits between blocks, honest
captions, the wording of «Nhắc ngay»."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.assignments import Unreported, group_unreported
from bot.core.status import ClassCounts
from bot.core.textlen import utf16_len
from bot.views.render import province_in, split_message
from bot.views.stats import chart_caption, stats_rows, summed
from bot.views.summary import render_province_summary, render_unreported_reminder
from bot.views.units import render_unreported_chat, unit_name

TODAY = date(2027, 1, 18)


def test_nhac_ngay_says_the_seven_days_are_about_reporting_not_about_being_overdue() -> None:
    item = Unreported(5, 1, date(2026, 12, 31), None, "Rà soát, báo cáo kết quả")
    text = render_unreported_reminder("UBND xã Quảng La", [item], [None], TODAY, 7, "vi")
    assert ("Trong 7 ngày qua, quý cơ quan chưa báo cáo tiến độ 1 nhiệm vụ sắp đến hạn hoặc "
            "đã quá hạn:") in text
    assert "quá hạn trong 7 ngày qua" not in text
    assert "18/01/2027" in text
    english = render_unreported_reminder("UBND xã Quảng La", [item], [None], TODAY, 7, "en")
    assert "In the last 7 days" in english and "overdue in the last" not in english


ROOT = Path(__file__).resolve().parents[2]
# The example directory, numbered as the database would number it.
DIRECTORY = AgencyDirectory([
    replace(agency, id=index) for index, agency in
    enumerate(load_directory_file(ROOT / "config" / "agencies.example.toml"), start=1)])
WARDS = ["UBND phường Hiệp Hòa", "UBND phường Hoàng Quế", "UBND phường Hoành Bồ",
         "UBND phường Hà An", "UBND phường Mông Dương", "UBND phường Mạo Khê",
         "UBND phường Yên Tử", "UBND phường Đông Mai", "UBND phường Cẩm Phả",
         "UBND phường Cao Xanh"]
IN_ORDER = ["UBND phường Cao Xanh", "UBND phường Cẩm Phả", "UBND phường Đông Mai",
            "UBND phường Hà An", "UBND phường Hiệp Hòa", "UBND phường Hoàng Quế",
            "UBND phường Hoành Bồ", "UBND phường Mạo Khê", "UBND phường Mông Dương",
            "UBND phường Yên Tử"]


def _ids(names: list[str]) -> list[int]:
    found = [DIRECTORY.lookup(name) for name in names]
    return [agency.id for agency in found if agency is not None and agency.id is not None]


def test_stats_and_the_province_table_break_ties_in_vietnamese_order() -> None:
    ids = _ids(WARDS)
    assert len(ids) == len(WARDS)
    same = {agency_id: ClassCounts(in_progress=2) for agency_id in ids}
    worse = _ids(["UBND xã Quảng La"])[0]
    same[worse] = ClassCounts(overdue=1, in_progress=1)
    rows = stats_rows(same, DIRECTORY)
    assert [name for name, _ in rows] == ["UBND xã Quảng La", *IN_ORDER]
    table = render_province_summary(rows, summed(rows), TODAY, "18/01–24/01/2027", "vi")
    listed = [line.split(". ", 1)[1].split(" (")[0] for line in table.split("\n")
              if line[:1].isdigit()]
    assert listed == ["<b>UBND xã Quảng La</b>", *(f"<b>{name}</b>" for name in IN_ORDER)]


def test_the_province_table_is_split_between_blocks_never_inside_one() -> None:
    """Whatever the number of rows, the totals block ("Toàn tỉnh:" and its counts) and each
    agency's row travel whole; a task's two lines are never parted either."""
    counts = ClassCounts(in_progress=2, overdue=1)
    for size in range(40, 160, 3):
        rows = [(f"UBND phường Thử Nghiệm Số {i}", counts) for i in range(size)]
        unreached = [(f"UBND xã Chưa Có Ai {i}", 2) for i in range(20)]
        text = render_province_summary(rows, summed(rows), TODAY, "18/01–24/01/2027", "vi",
                                       unreached)
        chunks = split_message(text)
        assert all(utf16_len(chunk) <= 4096 for chunk in chunks)
        totals = text[text.index("<b>Toàn tỉnh</b>"):text.index("nhiệm vụ", text.index(
            "Tổng số:")) + len("nhiệm vụ")]
        assert any(totals in chunk for chunk in chunks), size
        lines = [line for chunk in chunks for line in chunk.split("\n")]
        assert [line for line in lines if line] == [line for line in text.split("\n") if line]
    task_lines = "\n".join(f"🟡 <b>#{i}</b> Việc số {i} " + "x" * 60 + "\n     Sở Y tế · còn 3 ngày"
                           for i in range(200))
    for chunk in split_message(task_lines):
        assert not chunk.startswith(" ") and chunk.split("\n")[-1].startswith("     ")


def test_the_chart_caption_says_what_is_drawn() -> None:
    pending = ClassCounts(in_progress=2)
    many = [(f"UBND phường Số {i}", pending) for i in range(56)]
    shown, caption = chart_caption(many, TODAY, "vi")
    assert len(shown) == 20
    assert "quá hạn nhất" not in caption
    assert "20/56 cơ quan" in caption and "không có nhiệm vụ quá hạn" in caption
    few = [("Sở Y tế", ClassCounts(overdue=2)), ("Sở Tài chính", pending)]
    shown, caption = chart_caption(few, TODAY, "vi")
    assert len(shown) == 2 and "20 cơ quan" not in caption and "quá hạn nhất" not in caption
    some = [("Sở Y tế", ClassCounts(overdue=2)), *many]
    shown, caption = chart_caption(some, TODAY, "vi", week="18/01–24/01/2027")
    assert "20/57 cơ quan" in caption and "1 cơ quan có nhiệm vụ quá hạn" in caption
    assert "tuần 18/01–24/01/2027" in caption
    worst = [(f"Sở {i}", ClassCounts(overdue=1)) for i in range(30)]
    _, caption = chart_caption(worst, TODAY, "vi")
    assert "20 cơ quan có nhiều nhiệm vụ quá hạn nhất" in caption
    for rows in (many, few, some, worst):
        assert chart_caption(rows, TODAY, "en")[1]


def test_chuabaocao_lists_a_task_missing_from_many_units_once_with_their_names() -> None:
    """A directive to every commune used to repeat its text once per commune (20 times)."""
    shared = "UBND các xã, phường rà soát, báo cáo số hộ nghèo"
    rows = [Unreported(agency_id, 1, date(2027, 1, 10), None, shared)
            for agency_id in _ids(WARDS)]
    lone = _ids(["UBND xã Quảng La"])[0]
    rows.append(Unreported(lone, 2, date(2027, 1, 20), None, "Báo cáo công tác dân vận"))
    groups = [(unit_name(DIRECTORY, g.agency_id), g, [None] * len(g.items))
              for g in group_unreported(rows)]
    text = render_unreported_chat(groups, TODAY, 7, 7, "vi")
    assert text.count(shared) == 1
    assert "10 đơn vị chưa báo cáo</b>: " + ", ".join(IN_ORDER) in text
    assert "/chuabaocao nhiệm vụ 1" in text
    assert "11 đơn vị, 2 nhiệm vụ" in text  # tasks counted once
    # A task only one unit owes stays under that unit.
    assert "UBND xã Quảng La</b> (1):" in text and "Báo cáo công tác dân vận" in text
    assert "UBND phường Cao Xanh</b> (1):" not in text


def test_the_province_in_english_is_named_as_english_writes_it() -> None:
    assert province_in("tỉnh Quảng Ninh", "en") == "Quảng Ninh Province"
    assert province_in("Thành phố Hà Nội", "en") == "Hà Nội City"
    assert province_in("tỉnh Quảng Ninh", "vi") == "tỉnh Quảng Ninh"
    assert province_in("tỉnh", "en") == "tỉnh"  # the default: nothing to name
