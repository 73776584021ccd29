"""Joining rules (pure) and their storage: tokens, invite validity, redemption, requests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.access import Access
from bot.core.clock import ManualClock
from bot.core.joining import (
    DEFAULT_DAYS,
    DEFAULT_USES,
    Invite,
    InviteArgs,
    InviteArgsError,
    InviteProblem,
    RequestState,
    hash_token,
    invite_link,
    invite_problem,
    looks_like_token,
    new_token,
    page_of,
    parse_invite_args,
)
from bot.core.models import ChatType
from bot.usecases.services import Services

NOW = datetime(2024, 9, 23, 1, 0, tzinfo=UTC)


def _invite(**changes: object) -> Invite:
    base: dict[str, object] = dict(
        id=1, agency_id=3, max_uses=2, uses=0, expires_at=NOW + timedelta(days=1),
        created_by=1001, created_at=NOW,
    )
    base.update(changes)
    return Invite(**base)  # type: ignore[arg-type]


def test_tokens_are_long_random_url_safe_and_stored_only_as_hash() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert looks_like_token(token) and len(token) <= 64
        digest = hash_token(token)
        assert token not in digest and len(digest) == 64
    assert not looks_like_token("abc")
    assert not looks_like_token("x" * 20 + "<b>")
    assert invite_link("nhacviec_bot", "TOKEN_1234567890ab") == (
        "https://t.me/nhacviec_bot?start=TOKEN_1234567890ab"
    )


@pytest.mark.parametrize(
    ("invite", "at", "problem"),
    [
        (None, NOW, InviteProblem.UNKNOWN),
        (_invite(), NOW, None),
        (_invite(), NOW + timedelta(days=1), InviteProblem.EXPIRED),
        (_invite(uses=2), NOW, InviteProblem.USED_UP),
        (_invite(revoked_at=NOW, revoked_by=1001), NOW, InviteProblem.REVOKED),
        # Revoked wins over expired: the admin's explicit act is what the user should hear.
        (_invite(revoked_at=NOW, uses=5), NOW + timedelta(days=9), InviteProblem.REVOKED),
    ],
)
def test_invite_problem(invite: Invite | None, at: datetime, problem: InviteProblem | None) -> None:
    assert invite_problem(invite, at) == problem


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Sở", "Y", "tế"], InviteArgs("Sở Y tế", DEFAULT_USES, DEFAULT_DAYS)),
        (["Sở", "Y", "tế", "5"], InviteArgs("Sở Y tế", 5, DEFAULT_DAYS)),
        (["Sở", "LĐ-TB&XH", "30", "14"], InviteArgs("Sở LĐ-TB&XH", 30, 14)),
        (["y", "tế", "1", "2"], InviteArgs("y tế", 1, 2)),
    ],
)
def test_parse_invite_args(args: list[str], expected: InviteArgs) -> None:
    assert parse_invite_args(args) == expected


@pytest.mark.parametrize(
    ("args", "code"),
    [([], "usage"), (["10", "3"], "usage"), (["Sở", "Y", "tế", "0"], "bad_uses"),
     (["Sở", "Y", "tế", "5", "365"], "bad_days"), (["Sở", "Y", "tế", "9999"], "bad_uses"),
     (["Sở", "Y", "tế", "1000", "1000"], "bad_both")],
)
def test_parse_invite_args_errors(args: list[str], code: str) -> None:
    with pytest.raises(InviteArgsError) as caught:
        parse_invite_args(args)
    assert caught.value.code == code


def test_page_of_clamps() -> None:
    items = list(range(19))
    assert page_of(items, 0, 8) == (list(range(8)), 0, 3)
    assert page_of(items, 2, 8) == ([16, 17, 18], 2, 3)
    assert page_of(items, 9, 8) == ([16, 17, 18], 2, 3)
    assert page_of(items, -1, 8) == (list(range(8)), 0, 3)
    assert page_of([], 0, 8) == ([], 0, 1)


async def _agency_id(services: Services, name: str) -> int:
    resolution = services.directory.resolve(name)
    assert resolution is not None and resolution.current.id is not None
    return resolution.current.id


async def test_redeem_counts_uses_once_per_person_and_joins(
    services: Services, clock: ManualClock
) -> None:
    repos = services.repos
    agency = await _agency_id(services, "Sở Y tế")
    token = new_token()
    invite = await repos.invites.create(hash_token(token), agency, 2, NOW + timedelta(days=7), 1001)

    first = await repos.invites.redeem(hash_token(token), 5001)
    assert first.joined and first.problem is None and first.invite is not None
    assert first.invite.uses == 1
    assert await repos.memberships.is_member(5001, agency)
    chat = await repos.chats.get(5001)
    assert chat is not None and chat.type is ChatType.PRIVATE
    assert [s.chat_id for s in await repos.chats.subscribers(agency, nudges=True, summaries=True)] \
        == [5001]

    again = await repos.invites.redeem(hash_token(token), 5001)
    assert not again.joined and again.problem is None  # already a member: no use spent
    assert (await repos.invites.get(invite.id)).uses == 1  # type: ignore[union-attr]

    assert (await repos.invites.redeem(hash_token(token), 5002)).joined
    used_up = await repos.invites.redeem(hash_token(token), 5003)
    assert used_up.problem is InviteProblem.USED_UP and not used_up.joined
    assert not await repos.memberships.is_member(5003, agency)

    assert (await repos.invites.redeem(hash_token("forged-token-123456"), 5004)).problem \
        is InviteProblem.UNKNOWN


async def test_expiry_and_revocation_are_checked_at_redeem_time(
    services: Services, clock: ManualClock
) -> None:
    repos = services.repos
    agency = await _agency_id(services, "Sở Tư pháp")
    late, revoked = new_token(), new_token()
    await repos.invites.create(hash_token(late), agency, 5, NOW + timedelta(days=1), 1001)
    second = await repos.invites.create(hash_token(revoked), agency, 5, NOW + timedelta(days=3),
                                        1001)
    assert await repos.invites.revoke(second.id, 1001)
    assert not await repos.invites.revoke(second.id, 1001)
    assert [i.id for i in await repos.invites.active()] == [second.id - 1]
    clock.advance(timedelta(days=1))
    assert (await repos.invites.redeem(hash_token(late), 5001)).problem is InviteProblem.EXPIRED
    assert (await repos.invites.redeem(hash_token(revoked), 5001)).problem \
        is InviteProblem.REVOKED
    assert await repos.invites.active() == []
    assert await repos.memberships.agencies_of(5001) == []


async def test_join_request_is_decided_once(services: Services) -> None:
    repos = services.repos
    agency = await _agency_id(services, "Sở Tài chính")
    await repos.users.seen(5001, "Minh", None)
    request = await repos.join_requests.create(5001, agency)
    assert request is not None and request.state is RequestState.PENDING
    assert await repos.join_requests.create(5001, agency) is None  # one open request per agency
    assert [r.id for r in await repos.join_requests.pending_of(5001)] == [request.id]

    assert await repos.join_requests.decide(request.id, True, 1001)
    assert not await repos.join_requests.decide(request.id, False, 2002)  # second decision loses
    decided = await repos.join_requests.get(request.id)
    assert decided is not None and decided.state is RequestState.APPROVED
    assert decided.decided_by == 1001
    assert await repos.memberships.is_member(5001, agency)
    assert await repos.join_requests.pending_of(5001) == []

    rejected = await repos.join_requests.create(5001, await _agency_id(services, "Sở Y tế"))
    assert rejected is not None
    assert await repos.join_requests.decide(rejected.id, False, 1001)
    assert await repos.memberships.agencies_of(5001) == [agency]


async def test_leave_removes_membership_and_subscription(services: Services) -> None:
    repos = services.repos
    agency = await _agency_id(services, "Sở Xây dựng")
    assert await repos.joins.join(5001, agency, 1001)
    assert not await repos.joins.join(5001, agency, 1001)
    assert await repos.joins.leave(5001, agency)
    assert not await repos.joins.leave(5001, agency)
    assert await repos.chats.subscriptions_of_chat(5001) == []


def test_access_in_a_group_is_bounded_by_its_links() -> None:
    member = Access(7, False, False, frozenset({1, 2}))
    admin = Access(1001, True, True, frozenset())
    assert member.in_group(frozenset({2, 3})).agency_ids == {2}
    assert member.in_group(frozenset()).agency_ids == frozenset()
    narrowed = admin.in_group(frozenset({3}))
    assert narrowed.agency_ids == {3} and not narrowed.is_admin and not narrowed.is_super_admin
    assert admin.in_group(frozenset()).audience.value == "stranger"
