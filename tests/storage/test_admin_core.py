"""Pure rules of the admin tools and their storage (no Telegram)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.admin import PendingKind, TaskOp, UserRef, allowed_ops, parse_user_ref
from bot.core.agencies import AgencyDirectory
from bot.core.clock import ManualClock
from bot.core.models import NewConclusion, NewTask, TaskStatus
from bot.core.waiting import Flow
from bot.usecases.services import Services

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def directory() -> AgencyDirectory:
    agencies = load_directory_file(ROOT / "config" / "agencies.example.toml")
    return AgencyDirectory([replace(a, id=i) for i, a in enumerate(agencies, start=1)])


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        ("123456789", UserRef(user_id=123456789)),
        (" 42 ", UserRef(user_id=42)),
        ("@lan_vp", UserRef(username="lan_vp")),
        ("lan_vp", UserRef(username="lan_vp")),
        ("0", None),
        ("-5", None),
        ("@ab", None),  # too short for a Telegram username
        ("lan vp", None),
        ("@1abc", None),
        ("", None),
    ],
)
def test_parse_user_ref(arg: str, expected: UserRef | None) -> None:
    assert parse_user_ref(arg) == expected


async def test_allowed_ops_follow_the_task_state(services: Services) -> None:
    lead = services.directory.resolve("Sở Tài chính")
    assert lead is not None and lead.current.id is not None
    _, (task,) = await services.repos.conclusions.create(
        NewConclusion(), [NewTask(text="Việc", lead_ids=(lead.current.id,))], None
    )
    assert allowed_ops(task) == (TaskOp.TEXT, TaskOp.AGENCIES, TaskOp.DEADLINE, TaskOp.CANCEL)
    for status, ops in [
        (TaskStatus.REPORTED_DONE, (TaskOp.TEXT, TaskOp.AGENCIES, TaskOp.DEADLINE,
                                    TaskOp.CANCEL)),
        (TaskStatus.CANCELLED, (TaskOp.REOPEN,)),
        (TaskStatus.DONE, (TaskOp.REOPEN,)),
    ]:
        assert allowed_ops(replace(task, status=status)) == ops


async def test_pending_input_round_trip_and_nonce_guard(
    services: Services, clock: ManualClock
) -> None:
    repo = services.repos.waiting
    first = await repo.put(1001, Flow.EDIT, PendingKind.DEADLINE.value, None,
                           {"prompt": [1001, 7]}, nonce="aaaa")
    assert first.kind == PendingKind.DEADLINE.value and first.data == {"prompt": [1001, 7]}
    assert not first.expired(clock.now())
    # replaces, one per admin
    await repo.put(1001, Flow.EDIT, PendingKind.TEXT.value, None, nonce="bbbb")
    assert not await repo.clear(1001, nonce="aaaa")  # an older prompt cannot clear the newer
    current = await repo.get(1001)
    assert current is not None and current.nonce == "bbbb"
    clock.advance(timedelta(minutes=31))
    assert current.expired(clock.now())
    assert await repo.clear(1001, nonce="bbbb")
    assert await repo.get(1001) is None


async def test_admin_audit_is_append_only_history(services: Services) -> None:
    audit = services.repos.admin_audit
    await audit.record(1001, 5001, "grant")
    await audit.record(1001, 5001, "revoke")
    latest = await audit.latest(5001)
    assert latest is not None and latest.action == "revoke"
    assert [e.action for e in await audit.history()] == ["grant", "revoke"]
    assert await audit.latest(9999) is None
    assert date(2024, 9, 23) == latest.at.date()
