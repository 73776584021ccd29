"""Deadlines typed in chat and deadlines found in running text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.deadlines import (
    Deadline,
    DeadlineError,
    DeadlineKind,
    Recurrence,
    find_deadline,
    format_date,
    is_shortcut,
    parse_deadline,
)
from bot.core.models import Task, TaskStatus
from bot.views.notice import deadline_words
from bot.views.render import deadline_text

TODAY = date(2024, 6, 15)  # a Saturday

# --- parse_deadline: dates --------------------------------------------------------

DATES: list[tuple[str, date]] = [
    ("30/9/2024", date(2024, 9, 30)),
    ("30/09/2024", date(2024, 9, 30)),
    ("30-9-2024", date(2024, 9, 30)),
    ("30.9.2024", date(2024, 9, 30)),
    ("2024-09-30", date(2024, 9, 30)),
    ("30/9/24", date(2024, 9, 30)),
    ("30/9", date(2024, 9, 30)),  # still ahead this year
    ("15/6", date(2024, 6, 15)),  # today counts
    ("30/5", date(2025, 5, 30)),  # already past this year -> next year
    ("29/2", date(2028, 2, 29)),  # next 29/2 on or after today
    ("trước ngày 30/9/2024", date(2024, 9, 30)),
    ("Trước ngày 30/9/2024.", date(2024, 9, 30)),
    ("hạn 30/9/2024", date(2024, 9, 30)),
    ("Hạn: 30/9/2024", date(2024, 9, 30)),
    ("chậm nhất ngày 30/9/2024", date(2024, 9, 30)),
    ("ngày 30 tháng 9 năm 2024", date(2024, 9, 30)),
    ("ngay 30 thang 9 nam 2024", date(2024, 9, 30)),
    ("tháng 9/2024", date(2024, 9, 30)),
    ("thang 9/2024", date(2024, 9, 30)),
    ("THÁNG 9/2024", date(2024, 9, 30)),
    ("9/2024", date(2024, 9, 30)),
    ("trong tháng 9 năm 2024", date(2024, 9, 30)),
    ("tháng 9", date(2024, 9, 30)),
    ("tháng 3", date(2025, 3, 31)),  # March is over -> next year
    ("tháng 6", date(2024, 6, 30)),  # the current month still counts
    ("trước tháng 9/2024", date(2024, 8, 31)),  # before September = end of August
    ("quý III/2024", date(2024, 9, 30)),
    ("quý 3/2024", date(2024, 9, 30)),
    ("quý 3 năm 2024", date(2024, 9, 30)),
    ("quy 3", date(2024, 9, 30)),
    ("quý IV", date(2024, 12, 31)),
    ("quý 1", date(2025, 3, 31)),
    ("6 tháng đầu năm 2025", date(2025, 6, 30)),
    ("06 tháng cuối năm 2025", date(2025, 12, 31)),
    ("6 tháng cuối năm 2025", date(2025, 12, 31)),
    ("năm 2025", date(2025, 12, 31)),
    ("trong năm 2025", date(2025, 12, 31)),
    ("trước năm 2026", date(2025, 12, 31)),
    ("cuối năm", date(2024, 12, 31)),
    ("+7", date(2024, 6, 22)),
    ("+ 0", date(2024, 6, 15)),
    ("7 ngày", date(2024, 6, 22)),
    ("trong 7 ngày", date(2024, 6, 22)),
    ("trong vòng 10 ngày", date(2024, 6, 25)),
    ("2 tuần", date(2024, 6, 29)),
    ("1 tháng", date(2024, 7, 15)),
    ("  30/9/2024  ", date(2024, 9, 30)),
    ("**30/9/2024**", date(2024, 9, 30)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_deadline_dates(text: str, expected: date) -> None:
    deadline = parse_deadline(text, TODAY)
    assert deadline.kind is DeadlineKind.DATE
    assert deadline.due == expected
    assert deadline.recurrence is None
    assert deadline.phrase == deadline.phrase.strip() and deadline.phrase


NO_DEADLINE = ["thường xuyên", "Thường xuyên.", "không", "Không", "không có", "khong co",
               "không thời hạn", "-", "–", "không có thời hạn"]


@pytest.mark.parametrize("text", NO_DEADLINE)
def test_parse_deadline_none(text: str) -> None:
    deadline = parse_deadline(text, TODAY)
    assert deadline.kind is DeadlineKind.NONE
    assert deadline.due is None


RECURRING: list[tuple[str, str, date]] = [
    ("hằng tuần", "weekly:last", date(2024, 6, 16)),
    ("hàng tuần", "weekly:last", date(2024, 6, 16)),
    ("hằng tuần, trước 16 giờ 00 ngày thứ Sáu", "weekly:4", date(2024, 6, 21)),
    ("hàng tuần vào thứ 2", "weekly:0", date(2024, 6, 17)),
    ("hằng tháng", "monthly:last", date(2024, 6, 30)),
    ("trước ngày 25 hằng tháng", "monthly:25", date(2024, 6, 25)),
    ("hằng quý", "quarterly:last", date(2024, 6, 30)),
    ("định kỳ hằng quý", "quarterly:last", date(2024, 6, 30)),
    ("Định kỳ hàng quý.", "quarterly:last", date(2024, 6, 30)),
    ("6 tháng một lần", "half_yearly:last", date(2024, 6, 30)),
    ("hằng nửa năm", "half_yearly:last", date(2024, 6, 30)),
    ("hằng năm", "yearly:last", date(2024, 12, 31)),
    ("báo cáo năm trước ngày 15/12", "yearly:12-15", date(2024, 12, 15)),
    ("hang nam truoc ngay 10/1", "yearly:1-10", date(2025, 1, 10)),
]


@pytest.mark.parametrize(("text", "stored", "first_due"), RECURRING)
def test_parse_deadline_recurring(text: str, stored: str, first_due: date) -> None:
    deadline = parse_deadline(text, TODAY)
    assert deadline.kind is DeadlineKind.RECURRING
    assert deadline.recurrence is not None
    assert deadline.recurrence.to_text() == stored
    assert deadline.due == first_due


REJECTED: list[tuple[str, str]] = [
    ("", "empty"),
    ("   ", "empty"),
    ("31/2/2025", "invalid_date"),
    ("30/13/2024", "invalid_date"),
    ("32/1/2025", "invalid_date"),
    ("ngày 31 tháng 4 năm 2025", "invalid_date"),
    ("tháng 13/2024", "invalid_date"),
    ("31/2", "invalid_date"),
    ("1/1/2024", "past"),
    ("14/6/2024", "past"),
    ("tháng 5/2024", "past"),
    ("năm 2023", "past"),
    ("năm 2040", "too_far"),
    ("1/1/2035", "too_far"),
    ("abc xyz", "unrecognized"),
    ("sớm nhất có thể", "unrecognized"),
    ("30/9 hoặc 15/10", "unrecognized"),
    ("30/9/2024 abc", "unrecognized"),
    ("ngày mai nhé", "unrecognized"),
]


@pytest.mark.parametrize(("text", "code"), REJECTED)
def test_parse_deadline_rejects(text: str, code: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, TODAY)
    assert caught.value.code == code


def test_errors_carry_params_not_ui_text() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("31/2/2025", TODAY)
    assert caught.value.params == {"date": "31/2/2025"}
    with pytest.raises(DeadlineError) as past:
        parse_deadline("1/1/2024", TODAY)
    assert past.value.params == {"date": "01/01/2024", "today": "15/06/2024"}


def test_phrase_is_kept_as_written() -> None:
    assert parse_deadline("  Trước ngày 30/9/2024. ", TODAY).phrase == "Trước ngày 30/9/2024"


def test_format_date() -> None:
    assert format_date(date(2024, 9, 3)) == "03/09/2024"


# --- Recurrence ------------------------------------------------------------------

NEXT_DUE: list[tuple[Recurrence, date, date]] = [
    (Recurrence("weekly", weekday=4), date(2024, 6, 14), date(2024, 6, 21)),  # strictly after
    (Recurrence("weekly", weekday=4), date(2024, 6, 13), date(2024, 6, 14)),
    (Recurrence("weekly"), date(2024, 6, 15), date(2024, 6, 16)),
    (Recurrence("monthly"), date(2024, 1, 31), date(2024, 2, 29)),
    (Recurrence("monthly", day=31), date(2024, 4, 1), date(2024, 4, 30)),
    (Recurrence("monthly", day=10), date(2024, 6, 10), date(2024, 7, 10)),
    (Recurrence("quarterly"), date(2024, 6, 30), date(2024, 9, 30)),
    (Recurrence("quarterly", day=15), date(2024, 1, 5), date(2024, 3, 15)),
    (Recurrence("half_yearly"), date(2024, 7, 1), date(2024, 12, 31)),
    (Recurrence("half_yearly"), date(2024, 12, 31), date(2025, 6, 30)),
    (Recurrence("yearly"), date(2024, 12, 31), date(2025, 12, 31)),
    (Recurrence("yearly", day=15, month=12), date(2024, 12, 15), date(2025, 12, 15)),
    (Recurrence("yearly", day=29, month=2), date(2025, 1, 1), date(2025, 2, 28)),
]


@pytest.mark.parametrize(("rule", "after", "due"), NEXT_DUE)
def test_recurrence_next_due(rule: Recurrence, after: date, due: date) -> None:
    assert rule.next_due(after) == due


ROUND_TRIP = ["weekly:4", "weekly:last", "monthly:last", "monthly:15", "quarterly:last",
              "quarterly:20", "half_yearly:last", "yearly:12-15", "yearly:last", "yearly:6-last"]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_recurrence_text_round_trip(text: str) -> None:
    assert Recurrence.from_text(text).to_text() == text


@pytest.mark.parametrize(
    "text",
    ["", "daily", "weekly:7", "weekly:x", "monthly:0", "monthly:32", "yearly:13-1", "yearly:2-30",
     "yearly:15", "quarterly:-1", "weekly:4:5", "monthly:last extra"],
)
def test_recurrence_from_text_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        Recurrence.from_text(text)


def test_bare_period_means_last_day() -> None:
    assert Recurrence.from_text("quarterly") == Recurrence("quarterly")


# --- find_deadline in running text -----------------------------------------------

REF = date(2024, 9, 1)

FOUND: list[tuple[str, date | None, str | None]] = [
    ("thời gian hoàn thành trước ngày 30/9/2024.", date(2024, 9, 30), "trước ngày 30/9/2024"),
    ("Thời gian 30/7/2022 thực hiện xong.", date(2022, 7, 30),
     "Thời gian 30/7/2022 thực hiện xong"),
    ("trình HĐND tỉnh trong kỳ họp tháng 9/2024; đảm bảo kịp thời", date(2024, 9, 30),
     "trong kỳ họp tháng 9/2024"),
    ("tổng kết giai đoạn 2021 - 2025 trong năm 2025; đề xuất giai đoạn 2026 - 2030.",
     date(2025, 12, 31), "trong năm 2025"),
    ("phấn đấu giải ngân 100% vốn trong năm 2023 (kể cả nguồn vốn năm 2022 chuyển sang).",
     date(2023, 12, 31), "trong năm 2023"),
    ("giải quyết kinh phí trong năm 2024 và năm 2025.", date(2025, 12, 31),
     "trong năm 2024 và năm 2025"),
    ("hoàn thành trước ngày 20 tháng 10 năm 2024", date(2024, 10, 20),
     "trước ngày 20 tháng 10 năm 2024"),
    ("ban hành kế hoạch trong tháng 6/2026", date(2026, 6, 30), "trong tháng 6/2026"),
    ("báo cáo UBND tỉnh trước ngày 15/12", date(2024, 12, 15), "trước ngày 15/12"),  # doc year
    ("đến hết ngày 31/10/2024", date(2024, 10, 31), "đến hết ngày 31/10/2024"),
    ("từ ngày 1/10/2024 đến ngày 31/12/2024", date(2024, 12, 31), "đến ngày 31/12/2024"),
    ("tổ chức hội thảo ngày 12/10/2024, báo cáo trước ngày 30/10/2024", date(2024, 10, 30),
     "trước ngày 30/10/2024"),
    ("trong quý IV/2024", date(2024, 12, 31), "trong quý IV/2024"),
    ("tổ chức ngày 12/10/2024", date(2024, 10, 12), "ngày 12/10/2024"),
    # Spans counted from the document's date (1/9/2024, a Sunday).
    ("hoàn thành trong vòng 30 ngày.", date(2024, 10, 1), "trong vòng 30 ngày"),
    ("báo cáo trong thời hạn 5 ngày làm việc kể từ ngày ký", date(2024, 9, 6),
     "trong thời hạn 5 ngày làm việc kể từ ngày ký"),
    ("trong 2 tuần", date(2024, 9, 15), "trong 2 tuần"),
    ("trong 30 ngày, chậm nhất trước ngày 20/9/2024", date(2024, 9, 20), "trước ngày 20/9/2024"),
    # Not deadlines.
    ("theo Kế hoạch số 101/KH-UBND ngày 28/4/2022 của UBND tỉnh.", None, None),
    ("thực hiện Nghị quyết số 11/2024/NQ-QH15 về cơ chế đặc thù", None, None),
    ("Từ năm 2024 trở về sau, ngành xây dựng chỉ tiêu", None, None),
    ("triển khai nhiệm vụ 6 tháng cuối năm 2023", None, None),
    ("Chương trình giảm nghèo bền vững năm 2024", None, None),
    ("giai đoạn 2021-2025", None, None),
    ("chỉ đạo thực hiện trong thời gian đến", None, None),
    ("đã thực hiện xong 13/14 hoạt động", None, None),
    ("tầm nhìn đến năm 2030", None, None),
    ("tổ chức 3/5 hội nghị", None, None),
    ("Quyết định 1234/QĐ-UBND, ngày 5/6/2024 về việc", None, None),
    ("Nghị quyết ngày 12/3/2024 của HĐND tỉnh", None, None),
    ("như kết luận tại cuộc họp ngày 23/8/2024", None, None),
    # Forms of letters and Party documents.
    ("chậm nhất ngày 15/9/2024 báo cáo kết quả", date(2024, 9, 15), "chậm nhất ngày 15/9/2024"),
    ("ban hành chính sách trong kỳ họp cuối năm 2024.", date(2024, 12, 31),
     "trong kỳ họp cuối năm 2024"),
    ("trình cấp có thẩm quyền ban hành trong Quý III năm 2024.", date(2024, 9, 30),
     "trong Quý III năm 2024"),
    # A law named with its date is cited, not due.
    ("đúng quy định của Luật Xây dựng ngày 18/6/2014", None, None),
    ("theo Luật Tổ chức chính quyền địa phương ngày 16/6/2025; bảo đảm tiến độ", None, None),
    # A law whose title lists its fields with commas.
    ("thực hiện đúng Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 29/6/2024",
     None, None),
    # A period that qualifies a noun ("kế hoạch hằng năm": an annual plan) does not recur,
    # and a yearly duty without its day has none: the firm date in its clause counts.
    ("xây dựng kế hoạch thanh tra hàng năm đối với hoạt động khoáng sản", None, None),
    ("Hàng năm tổng hợp, đánh giá tình hình vi phạm, đề xuất biện pháp xử lý", None, None),
    ("định kỳ hằng năm gửi về Bộ Xây dựng để tổng hợp", None, None),
    ("lồng ghép vào kế hoạch 5 năm và hằng năm, trình trước ngày 30/9/2024",
     date(2024, 9, 30), "trước ngày 30/9/2024"),
    # A report due at a meeting of the issuing body is due that month; a meeting held
    # before the document is only referred to.
    ("tổng hợp, báo cáo UBND tỉnh kết quả tại phiên họp thường kỳ tháng 10/2024",
     date(2024, 10, 31), "tại phiên họp thường kỳ tháng 10/2024"),
    ("như đã kết luận tại phiên họp thường kỳ tháng 7/2024", None, None),
]


@pytest.mark.parametrize(("text", "due", "phrase"), FOUND)
def test_find_deadline(text: str, due: date | None, phrase: str | None) -> None:
    found = find_deadline(text, REF)
    if due is None:
        assert found is None
        return
    assert found is not None
    assert found.kind is DeadlineKind.DATE
    assert (found.due, found.phrase) == (due, phrase)


RECURRING_FOUND: list[tuple[str, str, date]] = [
    ("Định kỳ hằng quý báo cáo UBND tỉnh kết quả thực hiện.", "quarterly:last", date(2024, 9, 30)),
    ("hằng tuần, trước 16 giờ 00 ngày thứ Sáu gửi báo cáo về Sở Nội vụ", "weekly:4",
     date(2024, 9, 6)),
    ("gửi báo cáo năm trước ngày 15/12 về UBND tỉnh", "yearly:12-15", date(2024, 12, 15)),
    ("báo cáo trước ngày 20 hằng tháng", "monthly:20", date(2024, 9, 20)),
    ("gửi về Bộ Y tế trước ngày 30 tháng 6 hằng năm", "yearly:6-30", date(2025, 6, 30)),
    ("trước 16 giờ 00 ngày thứ Sáu hằng tuần báo cáo tiến độ", "weekly:4", date(2024, 9, 6)),
    # A duty, not a noun's period, even right after a plan: "báo cáo … hằng quý".
    ("Báo cáo kết quả thực hiện kế hoạch về Sở Tài chính hằng quý", "quarterly:last",
     date(2024, 9, 30)),
    ("Báo cáo kết quả thực hiện kế hoạch hằng quý về UBND tỉnh", "quarterly:last",
     date(2024, 9, 30)),
    ("lập kế hoạch hằng năm, gửi trước ngày 15 tháng 12 hằng năm", "yearly:12-15",
     date(2024, 12, 15)),
]


@pytest.mark.parametrize(("text", "stored", "due"), RECURRING_FOUND)
def test_find_recurring(text: str, stored: str, due: date) -> None:
    found = find_deadline(text, REF)
    assert found is not None and found.recurrence is not None
    assert found.kind is DeadlineKind.RECURRING
    assert (found.recurrence.to_text(), found.due) == (stored, due)


def test_a_firm_date_in_another_clause_beats_a_routine() -> None:
    text = "Tổng hợp báo cáo gửi UBND tỉnh trước ngày 20/9/2024; hằng tuần cập nhật lịch công tác."
    found = find_deadline(text, REF)
    assert found is not None
    assert (found.kind, found.due, found.phrase) == (
        DeadlineKind.DATE, date(2024, 9, 20), "trước ngày 20/9/2024"
    )


def test_yearless_date_rolls_into_next_year_when_far_behind_the_document() -> None:
    found = find_deadline("báo cáo trước ngày 15/1", date(2024, 12, 20))
    assert found is not None and found.due == date(2025, 1, 15)


def test_yearless_date_without_reference_is_not_guessed() -> None:
    assert find_deadline("báo cáo trước ngày 15/12", None) is None


def test_excluded_dates_need_a_completion_cue() -> None:
    meeting = date(2024, 8, 23)
    assert find_deadline("như đã nêu ngày 23/8/2024", REF, exclude={meeting}) is None
    found = find_deadline("hoàn thành trước ngày 23/8/2024", REF, exclude={meeting})
    assert found is not None and found.due == meeting


def test_recurring_without_reference_has_no_due() -> None:
    found = find_deadline("định kỳ hằng quý báo cáo", None)
    expected = Deadline(DeadlineKind.RECURRING, None, "định kỳ hằng quý", Recurrence("quarterly"))
    assert found == expected


# --- Properties ----------------------------------------------------------------

_PIECES = st.sampled_from([
    "trước ngày", "hạn", "30/9", "31/2/2025", "tháng", "quý", "III", "năm", "2024", "hằng", "tuần",
    "thứ Sáu", "+", "-", "/", ".", "ngày", "13", "0", "99999999", "không", "6 tháng", "đầu", " ",
])


@given(st.one_of(st.text(max_size=40), st.lists(_PIECES, max_size=8).map(" ".join)),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_parse_deadline_only_raises_deadline_error(text: str, today: date) -> None:
    try:
        deadline = parse_deadline(text, today)
    except DeadlineError as error:
        assert error.code in {"empty", "unrecognized", "no_such_quarter", "invalid_date", "past",
                              "too_far"}
    else:
        if deadline.kind is DeadlineKind.DATE:
            assert deadline.due is not None and deadline.due >= today
        if deadline.kind is DeadlineKind.RECURRING:
            assert deadline.recurrence is not None and deadline.due is not None
            assert Recurrence.from_text(deadline.recurrence.to_text()) == deadline.recurrence


@given(st.text(max_size=80), st.one_of(st.none(), st.dates()))
def test_find_deadline_never_crashes(text: str, reference: date | None) -> None:
    find_deadline(text, reference)


def test_a_span_counts_from_the_effective_date_when_the_document_states_it() -> None:
    text = "ban hành danh mục trong thời hạn 06 tháng kể từ ngày Nghị định có hiệu lực."
    found = find_deadline(text, REF, effective=date(2024, 7, 1))
    assert found is not None
    assert (found.due, found.phrase) == (
        date(2025, 1, 1), "trong thời hạn 06 tháng kể từ ngày Nghị định có hiệu lực"
    )
    # Without that day the span gives nothing: never a guess from the document's date.
    assert find_deadline(text, REF) is None
    assert find_deadline("hoàn thành trong 02 tháng kể từ ngày ký", REF) is not None


@pytest.mark.parametrize(("stored", "today", "expected"), [
    ("quarterly:last", date(2024, 12, 9),
     [date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), date(2025, 3, 31)]),
    ("quarterly:last", date(2024, 12, 31),
     [date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), date(2025, 3, 31)]),
    ("monthly:15", date(2024, 3, 16),
     [date(2024, 2, 15), date(2024, 3, 15), date(2024, 4, 15), date(2024, 5, 15)]),
    ("weekly:4", date(2024, 9, 23),
     [date(2024, 9, 13), date(2024, 9, 20), date(2024, 9, 27), date(2024, 10, 4)]),
    ("yearly:12-15", date(2025, 1, 2),
     [date(2023, 12, 15), date(2024, 12, 15), date(2025, 12, 15), date(2026, 12, 15)]),
])
def test_periods_around_today(stored: str, today: date, expected: list[date]) -> None:
    """A duty entered late: the periods its first one may be, the current one third."""
    recurrence = Recurrence.from_text(stored)
    assert recurrence.periods(today) == expected
    assert recurrence.current_due(today) == expected[2]


def test_a_plus_shortcut_keeps_the_date_not_the_shortcut_as_a_phrase() -> None:
    typed = parse_deadline("+3", TODAY)
    assert (typed.due, typed.phrase) == (date(2024, 6, 18), "18/06/2024")
    assert parse_deadline("2 tuần", TODAY).phrase == "2 tuần"  # words, kept as typed
    assert is_shortcut(" + 3 ") and not is_shortcut("trước ngày 3/7") and not is_shortcut(None)
    # Tasks stored by older versions with "+3" as their phrase show the date alone.
    assert deadline_words(DeadlineKind.DATE, date(2024, 6, 18), "+3", "vi") == "18/06/2024"
    assert "“" in deadline_words(DeadlineKind.DATE, date(2024, 9, 30), "quý III/2024", "vi")
    stamp = datetime(2024, 6, 15, tzinfo=UTC)
    task = Task(id=1, conclusion_id=1, text="Rà soát", lead_ids=(1,), support_ids=(),
                ordinal="1", position=1, deadline=date(2024, 6, 18), deadline_text="+3",
                deadline_kind=DeadlineKind.DATE, recurrence=None, status=TaskStatus.OPEN,
                completed_on=None, created_at=stamp, updated_at=stamp)
    assert "+3" not in deadline_text(task, TODAY, "vi")


def test_a_quarter_that_does_not_exist_is_named_as_such() -> None:
    """"quý V/2026" is a typo of a quarter, not an unknown phrase: the answer says so."""
    from bot.core.deadlines import DeadlineError, parse_deadline
    from handlers.pickers import read_deadline

    for typed in ("quý V/2026", "quy 5 nam 2026", "trước quý VI"):
        with pytest.raises(DeadlineError) as caught:
            parse_deadline(typed, date(2026, 12, 4))
        assert caught.value.code == "no_such_quarter", typed
    answer = read_deadline("quý V/2026", date(2026, 12, 4), "vi")
    assert isinstance(answer, str)
    assert "một năm chỉ có bốn quý" in answer and "quý I/2027" in answer
    assert parse_deadline("quý IV/2027", date(2026, 12, 4)).due == date(2027, 12, 31)
