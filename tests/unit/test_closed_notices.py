"""An admin's notice once decided: the fact lines that go stale are rewritten. Pure."""

from __future__ import annotations

import pytest

from bot.texts import CATALOGS, t
from bot.usecases.acting import closed_notice


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_the_lines_a_closing_rewrites_are_the_notices_own(lang: str) -> None:
    """The closing finds a notice's deadline line by its opening words: the catalogue's
    line keys must open a line of the notices as they are composed."""
    request = str(t("act.notify.extension_requested", lang, task="#1", agencies="A", who="B",
                    at="01/01/2027 08:00", old="31/12/2026", new="07/01/2027", reason="C"))
    report = str(t("act.notify.done_reported", lang, task="#1", agencies="A", who="B",
                   at="01/01/2027 08:00", deadline="31/12/2026 — x", result="C",
                   date="01/01/2027", verdict="D", what="E"))
    assert "\n" + str(t("act.line.current_deadline", lang, old="31/12/2026")) + "\n" in request
    assert "\n" + str(t("act.line.deadline", lang, deadline="31/12/2026 — x")) + "\n" in report


def test_a_closed_notice_rewrites_the_stale_line_and_keeps_the_comment() -> None:
    text = "⏳ Đề nghị gia hạn\n#1\n\n⏰ Thời hạn hiện tại: 31/12/2026\n💬 Lý do: C"
    closed = closed_notice(text, "👍 Đã chấp thuận", "Người xử lý: Lan", False,
                           [("⏰ Thời hạn hiện tại: ", lambda rest: "⏰ Khi đề nghị: " + rest)],
                           "\n💬 Ý kiến: đủ")
    assert closed == ("👍 Đã chấp thuận\n#1\n\n⏰ Khi đề nghị: 31/12/2026\n💬 Lý do: C"
                      "\n💬 Ý kiến: đủ\n\nNgười xử lý: Lan")
