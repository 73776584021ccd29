"""Settings of nudges and summaries: defaults, accepted spellings, one-line hints."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings()
    assert settings.nudge_offsets == (7, 3, 1, 0)
    assert settings.overdue_every_days == 3
    assert settings.nudge_hour == time(8, 0)
    assert (settings.summary_weekday, settings.summary_hour) == (1, time(8, 0))
    assert settings.holidays == frozenset()


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUDGE_OFFSETS", "1, 5,0")
    monkeypatch.setenv("OVERDUE_EVERY_DAYS", "0")
    monkeypatch.setenv("NUDGE_HOUR", "7h30")
    monkeypatch.setenv("SUMMARY_WEEKDAY", "fri")
    monkeypatch.setenv("SUMMARY_HOUR", "16")
    monkeypatch.setenv("HOLIDAYS", "02/09/2025; 01/09/2025")
    settings = load_settings()
    assert settings.nudge_offsets == (5, 1, 0)
    assert settings.overdue_every_days == 0
    assert settings.nudge_hour == time(7, 30)
    assert (settings.summary_weekday, settings.summary_hour) == (5, time(16, 0))
    assert settings.holidays == {date(2025, 9, 2), date(2025, 9, 1)}


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("NUDGE_OFFSETS", "7,ba", "NUDGE_OFFSETS=7,3,1,0"),
        ("OVERDUE_EVERY_DAYS", "-1", "OVERDUE_EVERY_DAYS=3"),
        ("NUDGE_HOUR", "25:00", "NUDGE_HOUR=08:00"),
        ("SUMMARY_WEEKDAY", "8", "SUMMARY_WEEKDAY=1"),
        ("SUMMARY_HOUR", "sáng", "SUMMARY_HOUR=08:00"),
        ("HOLIDAYS", "2025-09-02", "dd/mm/yyyy"),
    ],
)
def test_malformed_values_name_the_setting_and_say_how(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, hint: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert info.value.setting == name
    assert hint in info.value.message
