"""``python -m bot calendar YEAR``: the year's days off as the bot sees them (issue #14)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import run_cli


def test_calendar_2027_lists_days_off_then_make_up_days(tmp_path: Path) -> None:
    result = run_cli("calendar", "2027", env={"HOLIDAYS": "31/12/2027",
                                              "WORKDAYS": "09/01/2027"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ngày nghỉ lễ, Tết năm 2027")
    assert "01/01/2027 (thứ Sáu): Tết Dương lịch" in lines
    assert "06/02/2027 (thứ Bảy): Tết Nguyên Đán" in lines
    assert "03/05/2027 (thứ Hai): Ngày Quốc tế Lao động (nghỉ bù)" in lines
    assert "31/12/2027 (thứ Sáu): Ngày nghỉ thêm theo cấu hình HOLIDAYS" in lines
    days = [line for line in lines if line[:2].isdigit()]
    assert days.index("09/01/2027 (thứ Bảy)") > days.index("31/12/2027 (thứ Sáu): "
                                                           "Ngày nghỉ thêm theo cấu hình HOLIDAYS")
    assert "calendar" in run_cli("--help", cwd=tmp_path).stdout


def test_calendar_refuses_a_bad_year_or_setting_in_one_line(tmp_path: Path) -> None:
    for args, env, said in ((("calendar", "27"), {}, "Năm không hợp lệ"),
                            (("calendar", "2027"), {"WORKDAYS": "11/01/2027"}, "WORKDAYS")):
        result = run_cli(*args, env=env, cwd=tmp_path)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and said in result.stderr
        assert result.stdout == ""
