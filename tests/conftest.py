"""Shared fixtures: settings on a temporary database, opened services, a manual clock."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import hypothesis
import pytest
from hypothesis.database import DirectoryBasedExampleDatabase

from bot.core.clock import ManualClock
from bot.usecases.services import Services
from config.settings import Settings, load_settings
from tests.support.harness import BotHarness, start_harness

# Property tests, one policy for the whole suite. No per-example deadline: extraction of a
# long generated notice takes milliseconds alone but far more on a loaded machine, and a
# timing failure is no counterexample. ``too_slow`` likewise. The example database has an
# absolute path because every test runs in its own temporary directory (``clean_env``), so a
# failure found once is replayed first next time; ``print_blob`` prints the reproduction.
# ``HYPOTHESIS_PROFILE=thorough`` explores 3000 examples per property (run it when touching
# the extractor or the deadline finder).
hypothesis.settings.register_profile(
    "nhacviec",
    max_examples=200,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
    print_blob=True,
    database=DirectoryBasedExampleDatabase(
        Path(__file__).resolve().parents[1] / ".hypothesis" / "examples"
    ),
)
hypothesis.settings.register_profile(
    "thorough", parent=hypothesis.settings.get_profile("nhacviec"), max_examples=3000
)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "nhacviec"))

# Settings must come from the test, never from a developer's .env or environment.
_ENV_NAMES = (
    "TELEGRAM_BOT_TOKEN", "DATABASE_PATH", "ADMIN_IDS", "TIMEZONE", "TELEGRAM_API_BASE_URL",
    "AGENCIES_FILE", "LOG_LEVEL",
    "NUDGE_OFFSETS", "OVERDUE_EVERY_DAYS", "NUDGE_HOUR", "SUMMARY_WEEKDAY", "SUMMARY_HOUR",
    "HOLIDAYS", "WORKDAYS", "REPORT_DIGEST_AT", "PROVINCE_NAME", "UNREPORTED_DAYS",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Each test starts from an empty environment in its own working directory."""
    for name in _ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def clock() -> ManualClock:
    """A clock at Monday 23/09/2024 08:00 in Hanoi (01:00 UTC)."""
    return ManualClock(datetime(2024, 9, 23, 1, 0, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a temporary database with one super-admin."""
    return load_settings(
        telegram_bot_token="123456:TEST-token",
        database_path=tmp_path / "db" / "nhacviec.sqlite3",
        admin_ids="1001",
    )


@pytest.fixture
async def services(settings: Settings, clock: ManualClock) -> AsyncIterator[Services]:
    """Opened services (migrated database, synced directory)."""
    opened = await Services.open(settings, clock)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def harness(settings: Settings, clock: ManualClock) -> AsyncIterator[BotHarness]:
    """The real bot polling a fresh emulator, on the temporary database."""
    async with start_harness(settings, clock) as running:
        yield running
