"""Joining an agency: invitations, join requests and the office's decisions, /members.

Admin-only actions re-check ``access.is_admin`` here, whatever the button showed: buttons
can be forwarded, replayed after a decision or crafted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.core.access import Access
from bot.core.agencies import Agency
from bot.core.joining import (
    MAX_PENDING_REQUESTS,
    Invite,
    InviteProblem,
    JoinRequest,
    hash_token,
    looks_like_token,
    new_token,
)
from bot.core.models import User
from bot.core.waiting import Flow
from bot.usecases.services import Services


class NotAllowed(Exception):
    """An admin-only action asked by someone who is not an admin (now)."""


def _admin(access: Access) -> None:
    if not access.is_admin:
        raise NotAllowed(access.user_id)


# ------------------------------------------------------------------ invitations


async def issue_invite(
    services: Services, access: Access, agency: Agency, uses: int, days: int
) -> tuple[Invite, str]:
    """A new invitation link for one agency; only a hash of its token is stored."""
    _admin(access)
    assert agency.id is not None
    token = new_token()
    expires = services.clock.now() + timedelta(days=days)
    invite = await services.repos.invites.create(
        hash_token(token), agency.id, uses, expires, access.user_id)
    return invite, token


async def active_invites(services: Services) -> tuple[list[Invite], dict[int, str]]:
    """Links that still work, and the names of their creators."""
    invites = await services.repos.invites.active()
    names = await services.repos.users.names(i.created_by for i in invites)
    return invites, names


async def revoke_invite(
    services: Services, access: Access, invite_id: int | None
) -> tuple[Invite | None, bool]:
    """Revoke a link: (the invitation, whether this press revoked it)."""
    _admin(access)
    invite = await services.repos.invites.get(invite_id) if invite_id is not None else None
    if invite is None:
        return None, False
    return invite, await services.repos.invites.revoke(invite.id, access.user_id)


@dataclass(frozen=True)
class Redeemed:
    """An invitation opened: the invite (None when unusable), the problem, whether joined."""

    invite: Invite | None
    problem: InviteProblem | None
    joined: bool


async def redeem(services: Services, user_id: int, token: str) -> Redeemed:
    """Open an invitation link: membership and subscription of the private chat, once."""
    if not looks_like_token(token):
        return Redeemed(None, InviteProblem.UNKNOWN, False)
    redemption = await services.repos.invites.redeem(hash_token(token), user_id)
    return Redeemed(redemption.invite, redemption.problem, redemption.joined)


# ------------------------------------------------------------------ join requests


class RequestRefusal(StrEnum):
    """Why a join request is not filed."""

    TOO_MANY = "too_many"
    ALREADY_PENDING = "already_pending"


async def request_to_join(
    services: Services, user_id: int, agency_id: int
) -> JoinRequest | RequestRefusal:
    """File a request (at most :data:`MAX_PENDING_REQUESTS` open per person)."""
    async with services.db.transaction():
        if len(await services.repos.join_requests.pending_of(user_id)) >= MAX_PENDING_REQUESTS:
            return RequestRefusal.TOO_MANY
        request = await services.repos.join_requests.create(user_id, agency_id)
        if request is None:
            return RequestRefusal.ALREADY_PENDING
        await services.repos.waiting.clear(user_id, flow=Flow.JOIN)
        return request


async def request_sent(services: Services, request_id: int, chat_id: int,
                       message_id: int) -> None:
    """Remember an admin's copy of a request, to show the decision on it later."""
    await services.repos.join_requests.add_message(request_id, chat_id, message_id)


async def join_request(services: Services, request_id: int | None) -> JoinRequest | None:
    """A request by id."""
    if request_id is None:
        return None
    return await services.repos.join_requests.get(request_id)


async def decide_request(
    services: Services, access: Access, request_id: int, approve: bool
) -> tuple[JoinRequest, bool]:
    """Approve or reject; the first decision counts: (the request now, whether this one did)."""
    _admin(access)
    decided = await services.repos.join_requests.decide(request_id, approve, access.user_id)
    request = await services.repos.join_requests.get(request_id)
    assert request is not None
    return request, decided


async def request_copies(services: Services, request_id: int) -> list[tuple[int, int]]:
    """(chat, message) of every admin's copy of a request."""
    return await services.repos.join_requests.messages(request_id)


# ------------------------------------------------------------------ people


async def user(services: Services, user_id: int) -> User | None:
    """A person the bot has met."""
    return await services.repos.users.get(user_id)


async def names(services: Services, user_ids: list[int]) -> dict[int, str]:
    """Display names ("Nguyễn Văn A (@a)"), the id for people never met."""
    return await services.repos.users.names(user_ids)


async def members(services: Services, agency_id: int) -> list[User]:
    """An agency's members."""
    return await services.repos.memberships.members_of(agency_id)


async def is_member(services: Services, user_id: int, agency_id: int) -> bool:
    """Whether the person belongs to the agency."""
    return await services.repos.memberships.is_member(user_id, agency_id)


async def remove_member(services: Services, access: Access, user_id: int,
                        agency_id: int) -> bool:
    """The office takes someone out of an agency (their chat stops receiving its news)."""
    _admin(access)
    return await services.repos.joins.leave(user_id, agency_id)


async def start_search(services: Services, user_id: int) -> None:
    """After /join: the next text is the agency's name."""
    await services.repos.waiting.put(user_id, Flow.JOIN, "agency")
