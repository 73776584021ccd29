"""Settings: defaults, parsing, and one clear line for every malformed value."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import DEFAULT_AGENCIES_FILE, SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings()
    assert settings.token is None
    assert settings.database_path == Path("data/nhacviec.sqlite3")
    assert settings.admin_ids == []
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.telegram_api_base_url is None
    assert settings.agencies_file == DEFAULT_AGENCIES_FILE
    assert settings.log_level == "INFO"


def test_values_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", " 123:abc_DEF-1 ")
    monkeypatch.setenv("ADMIN_IDS", "11, 22,33,")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.token == "123:abc_DEF-1"
    assert settings.admin_ids == [11, 22, 33]
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081"
    assert settings.log_level == "DEBUG"


def test_values_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("ADMIN_IDS=7\nTIMEZONE=Asia/Bangkok\n", encoding="utf-8")
    settings = load_settings()
    assert settings.admin_ids == [7]
    assert settings.timezone == "Asia/Bangkok"


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("ADMIN_IDS", "12,abc", "ADMIN_IDS=123456789"),
        ("TIMEZONE", "Hanoi/Nowhere", "Asia/Ho_Chi_Minh"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "@BotFather"),
        ("TELEGRAM_BOT_TOKEN", "123456:abc\nLOG_LEVEL=DEBUG", "@BotFather"),
        ("TELEGRAM_BOT_TOKEN", "123456:abc def", "@BotFather"),
        ("TELEGRAM_BOT_TOKEN", "١٢٣:abc", "@BotFather"),
        ("TELEGRAM_API_BASE_URL", "127.0.0.1:8081", "không kèm /bot"),
        ("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot123", "không kèm /bot"),
        ("LOG_LEVEL", "LOUD", "DEBUG, INFO"),
        ("AGENCIES_FILE", "missing.toml", "missing.toml"),
        # Nudges and summaries (their defaults and spellings: test_settings_nudges.py).
        ("NUDGE_OFFSETS", "7,ba", "NUDGE_OFFSETS=7,3,1,0"),
        ("OVERDUE_EVERY_DAYS", "-1", "OVERDUE_EVERY_DAYS=3"),
        ("NUDGE_HOUR", "25:00", "NUDGE_HOUR=08:00"),
        ("SUMMARY_WEEKDAY", "8", "SUMMARY_WEEKDAY=1"),
        ("SUMMARY_HOUR", "sáng", "SUMMARY_HOUR=08:00"),
        ("HOLIDAYS", "2025-09-02", "dd/mm/yyyy"),
    ],
)
def test_malformed_setting_names_itself(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, hint: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert info.value.setting == name
    assert hint in info.value.message
    assert "\n" not in str(info.value)


def test_missing_token_explains_botfather() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings().require_token()
    assert info.value.setting == "TELEGRAM_BOT_TOKEN"
    assert "@BotFather" in info.value.message
