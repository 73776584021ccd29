"""Joining an agency: invitation tokens, their validity, join requests. Pure rules.

Government task data must not reach strangers, and anyone on Telegram can message the
bot. An invitation is therefore a long random token (only its hash is stored, so a copy
of the database does not hand out working links) that expires, has a use limit and can
be revoked; everything else goes through an admin's explicit approval.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from bot.core.numbers import looks_numeric, parse_number

DEFAULT_USES = 20
DEFAULT_DAYS = 7
MAX_USES = 500
MAX_DAYS = 90
TOKEN_BYTES = 24  # 192 bits, 32 url-safe characters: fits Telegram's 64-char start parameter
MAX_PENDING_REQUESTS = 3  # per person, so a stranger cannot flood the admins
PAGE_SIZE = 8

_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

T = TypeVar("T")


class InviteProblem(StrEnum):
    """Why an invitation cannot be used (each has its own message)."""

    UNKNOWN = "unknown"  # forged, mistyped or never existed
    REVOKED = "revoked"
    EXPIRED = "expired"
    USED_UP = "used_up"


class RequestState(StrEnum):
    """Life of a join request: one admin decision ends it."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Invite:
    """A stored invitation (the token itself is never stored)."""

    id: int
    agency_id: int
    max_uses: int
    uses: int
    expires_at: datetime
    created_by: int
    created_at: datetime
    revoked_at: datetime | None = None
    revoked_by: int | None = None


@dataclass(frozen=True)
class JoinRequest:
    """Someone asked to join an agency without an invitation."""

    id: int
    user_id: int
    agency_id: int
    state: RequestState
    created_at: datetime
    decided_by: int | None = None
    decided_at: datetime | None = None


@dataclass(frozen=True)
class InviteArgs:
    """What ``/invite <agency> [uses] [days]`` asked for."""

    agency: str
    uses: int = DEFAULT_USES
    days: int = DEFAULT_DAYS


class InviteArgsError(ValueError):
    """The /invite arguments are unusable; ``code`` names the message to show."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def new_token() -> str:
    """A fresh unguessable invitation token (url-safe, valid as a /start parameter)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """What the database keeps instead of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(text: str) -> bool:
    """Cheap shape check before touching the database."""
    return bool(_TOKEN_SHAPE.match(text))


def invite_link(bot_username: str, token: str) -> str:
    """The t.me deep link that opens the bot with ``/start <token>``."""
    return f"https://t.me/{bot_username}?start={token}"


def invite_problem(invite: Invite | None, now: datetime) -> InviteProblem | None:
    """Why the invitation cannot be used at ``now``, or None when it can."""
    if invite is None:
        return InviteProblem.UNKNOWN
    if invite.revoked_at is not None:
        return InviteProblem.REVOKED
    if now >= invite.expires_at:
        return InviteProblem.EXPIRED
    if invite.uses >= invite.max_uses:
        return InviteProblem.USED_UP
    return None


def parse_invite_args(args: Sequence[str]) -> InviteArgs:
    """``Sở Y tế 20 7`` -> agency "Sở Y tế", 20 uses, 7 days (trailing numbers are optional)."""
    words = list(args)
    numbers: list[int] = []
    while words and len(numbers) < 2 and looks_numeric(words[-1]):
        word = words.pop()
        if not word.isascii():  # "²", "١": meant as a number, but not one we read
            raise InviteArgsError("usage")
        # Out of range either way; a 30-digit count must not reach int() unbounded.
        numbers.insert(0, parse_number(word, high=10**9) or MAX_USES + MAX_DAYS + 1)
    agency = " ".join(words).strip()
    if not agency:
        raise InviteArgsError("usage")
    uses = numbers[0] if numbers else DEFAULT_USES
    days = numbers[1] if len(numbers) > 1 else DEFAULT_DAYS
    bad_uses, bad_days = not 1 <= uses <= MAX_USES, not 1 <= days <= MAX_DAYS
    if bad_uses and bad_days:
        raise InviteArgsError("bad_both")
    if bad_uses:
        raise InviteArgsError("bad_uses")
    if bad_days:
        raise InviteArgsError("bad_days")
    return InviteArgs(agency=agency, uses=uses, days=days)


def page_of(items: Sequence[T], page: int, size: int = PAGE_SIZE) -> tuple[list[T], int, int]:
    """Items of page ``page`` (clamped), the page actually shown and the page count."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 0), pages - 1)
    return list(items[page * size:(page + 1) * size]), page, pages
