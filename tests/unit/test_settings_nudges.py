"""Nudge and summary settings: defaults and accepted spellings (bad values: test_settings)."""

from __future__ import annotations

from datetime import date, time

import pytest

from config.settings import load_settings


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

