"""What a commune official's walk through the bot found in pure rendering (walk B)."""

from __future__ import annotations

from datetime import date

from bot.core.assignments import Unreported
from bot.views.summary import render_unreported_reminder

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
