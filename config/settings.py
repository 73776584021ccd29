"""Settings from the environment and ``.env``, validated once at start-up.

A wrong setting must stop the bot with one line that names the setting and says how to
fix it (exit code 2), never with a traceback; see :func:`load_settings`.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

import config
from bot.texts import CATALOGS, plain

DEFAULT_AGENCIES_FILE = Path(config.__file__).resolve().parent / "agencies.example.toml"


class SettingsError(Exception):
    """A setting is missing or malformed; ``str(exc)`` is the one line to show."""

    def __init__(self, setting: str, message: str) -> None:
        super().__init__(f"{setting}: {message}")
        self.setting = setting
        self.message = message


_TOKEN = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{1,200}")

# SUMMARY_WEEKDAY accepts ISO numbers (1 = Monday) and these names.
_WEEKDAYS = {
    "mon": 1, "monday": 1, "t2": 1, "thu2": 1,
    "tue": 2, "tuesday": 2, "t3": 2, "thu3": 2,
    "wed": 3, "wednesday": 3, "t4": 3, "thu4": 3,
    "thu": 4, "thursday": 4, "t5": 4, "thu5": 4,
    "fri": 5, "friday": 5, "t6": 5, "thu6": 5,
    "sat": 6, "saturday": 6, "t7": 6, "thu7": 6,
    "sun": 7, "sunday": 7, "cn": 7,
}


class Settings(BaseSettings):
    """Every setting the bot reads. The README table documents each one."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    database_path: Path = Path("data/nhacviec.sqlite3")
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    timezone: str = "Asia/Ho_Chi_Minh"
    telegram_api_base_url: str | None = None
    agencies_file: Path = DEFAULT_AGENCIES_FILE
    log_level: str = "INFO"
    # --- Nudges and weekly summaries ------------------------------------------
    nudge_offsets: Annotated[tuple[int, ...], NoDecode] = (7, 3, 1, 0)
    overdue_every_days: int = Field(default=3, ge=0, le=60)
    nudge_hour: time = time(8, 0)
    summary_weekday: int = 1
    summary_hour: time = time(8, 0)
    # Added to the official calendar of the ``holidays`` package (bot.adapters.holidays_vn):
    # days off it lacks, and Saturdays (Sundays) worked in exchange for a day off.
    holidays: Annotated[frozenset[date], NoDecode] = frozenset()
    workdays: Annotated[frozenset[date], NoDecode] = frozenset()
    # Local times of the office's digest of progress reports, on working days; () = off.
    report_digest_at: Annotated[tuple[time, ...], NoDecode] = (time(16, 30),)
    # A unit with a task near or past its deadline and no report for this many days is
    # listed by /chuabaocao (and reminded by its "Nhắc ngay" button).
    unreported_days: int = Field(default=7, ge=1, le=90)
    # --- Reports ----------------------------------------------------------------
    province_name: str = "tỉnh"

    @field_validator("province_name", mode="before")
    @classmethod
    def _province_name(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = " ".join(value.split())
            if not value or len(value) > 80:
                raise ValueError("province_name")
        return value

    @field_validator("database_path", mode="before")
    @classmethod
    def _database_path(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            raise ValueError("database_path")  # Path("") is the working directory
        return value

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _token(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            # Digits, a colon, then URL-safe characters (what @BotFather issues). A newline
            # or space inside would end up in every request's URL.
            if _TOKEN.fullmatch(value) is None:
                raise ValueError("token")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: Any) -> Any:
        if isinstance(value, int):
            return [value]
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            ids = []
            for part in parts:
                if not part:
                    continue
                if not part.lstrip("-").isdigit():
                    raise ValueError("admin_ids")
                ids.append(int(part))
            return ids
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("timezone") from exc
        return value

    @field_validator("telegram_api_base_url", mode="before")
    @classmethod
    def _base_url(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().rstrip("/")
            if not value:
                return None
            if not value.startswith(("http://", "https://")) or "/bot" in value.split("//", 1)[1]:
                raise ValueError("base_url")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().upper()
            if value not in logging.getLevelNamesMapping():
                raise ValueError("log_level")
        return value

    @field_validator("nudge_offsets", mode="before")
    @classmethod
    def _nudge_offsets(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            if not parts or not all(p.isdigit() for p in parts):
                raise ValueError("nudge_offsets")
            value = [int(p) for p in parts]
        if isinstance(value, (list, tuple)):
            if not value or any(not isinstance(v, int) or v < 0 or v > 365 for v in value):
                raise ValueError("nudge_offsets")
            return tuple(sorted(set(value), reverse=True))
        return value

    @field_validator("nudge_hour", "summary_hour", mode="before")
    @classmethod
    def _hour(cls, value: Any) -> Any:
        return _parse_hour(value)

    @field_validator("report_digest_at", mode="before")
    @classmethod
    def _digest_times(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value.strip().lower() in ("", "0", "off", "tat", "tắt"):
                return ()
            value = [p for p in value.replace(";", ",").split(",") if p.strip()]
        if isinstance(value, (list, tuple)):
            if len(value) > MAX_DIGESTS:
                raise ValueError("report_digest_at")
            hours = {_parse_hour(v) for v in value}
            if not all(isinstance(hour, time) for hour in hours):
                raise ValueError("report_digest_at")
            return tuple(sorted(hours))
        return value

    @field_validator("summary_weekday", mode="before")
    @classmethod
    def _weekday(cls, value: Any) -> Any:
        if isinstance(value, str):
            key = value.strip().lower()
            if key in _WEEKDAYS:
                return _WEEKDAYS[key]
            if not key.isdigit():
                raise ValueError("summary_weekday")
            value = int(key)
        if isinstance(value, int) and not 1 <= value <= 7:
            raise ValueError("summary_weekday")
        return value

    @field_validator("holidays", mode="before")
    @classmethod
    def _holidays(cls, value: Any) -> Any:
        return _date_list(value)

    @field_validator("workdays", mode="before")
    @classmethod
    def _workdays(cls, value: Any, info: ValidationInfo) -> Any:
        days = _date_list(value)
        for day in sorted(days):
            if day.weekday() < 5:  # a weekday is a working day already: a typo
                raise ValueError(plain("settings.date.weekday", day=_fmt(day),
                                       weekday=plain(f"weekday.{day.isoweekday()}")))
            if day in info.data.get("holidays", ()):
                raise ValueError(plain("settings.date.both", day=_fmt(day)))
        return days

    @property
    def tz(self) -> ZoneInfo:
        """The province's timezone."""
        return ZoneInfo(self.timezone)

    @property
    def token(self) -> str | None:
        """The bot token in clear, or None when it is not set."""
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None

    def require_token(self) -> str:
        """The token, or a SettingsError that says how to get one."""
        token = self.token
        if token is None:
            raise SettingsError("TELEGRAM_BOT_TOKEN", plain("settings.telegram_bot_token"))
        return token


def _parse_hour(value: Any) -> Any:
    """``8``, ``8h``, ``08:00``, ``7h30`` -> a time of day (other types pass through)."""
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})(?:[:h](\d{2}))?\s*", value)
        if match is None or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
            raise ValueError("hour")
        return time(int(match.group(1)), int(match.group(2) or 0))
    return value


MAX_DIGESTS = 6
"""At most this many digests of progress reports a day."""
MAX_DAYS = 100
"""At most this many dates in HOLIDAYS or WORKDAYS (a year has about a dozen)."""
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _date_list(value: Any) -> frozenset[date]:
    """``dd/mm/yyyy`` dates separated by commas (or semicolons), bounded; a ValueError
    carries the first entry that is not one, for the one-line message."""
    if isinstance(value, (set, frozenset, list, tuple)):
        parts = [v if isinstance(v, date) else str(v) for v in value]
    elif isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    else:
        raise ValueError(plain("settings.date.bad", value=str(value)[:40]))
    if len(parts) > MAX_DAYS:
        raise ValueError(plain("settings.date.too_many", count=len(parts), limit=MAX_DAYS))
    days = set()
    for part in parts:
        if isinstance(part, date):
            day = part
        else:
            try:
                day = datetime.strptime(part, "%d/%m/%Y").date()
            except ValueError:
                raise ValueError(plain("settings.date.bad", value=part[:40])) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(plain("settings.date.year", day=_fmt(day), first=FIRST_YEAR,
                                   last=LAST_YEAR))
        days.add(day)
    return frozenset(days)


def load_settings(**overrides: Any) -> Settings:
    """Read the settings; raise SettingsError naming the first bad one."""
    try:
        settings = Settings(**overrides)
    except UnicodeDecodeError:  # .env saved as UTF-16 (Notepad's "Unicode") or windows-1258
        raise SettingsError(".env", plain("settings.env_encoding")) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        key = f"settings.{field}"
        # Some validators raise ValueError(<what is wrong with which entry>), in words.
        error = first.get("ctx", {}).get("error")
        value = str(error) if isinstance(error, ValueError) else ""
        if key in CATALOGS["vi"] and field != "agencies_file":
            hint = plain(key, value=value)
        else:
            hint = plain("settings.other", detail=first["msg"])
        raise SettingsError(field.upper(), hint) from None
    if not settings.agencies_file.is_file():
        raise SettingsError(
            "AGENCIES_FILE", plain("settings.agencies_file", path=settings.agencies_file)
        )
    return settings
