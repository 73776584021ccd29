"""Invitations, join requests, and the one way in: membership plus subscription."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.core.joining import Invite, InviteProblem, JoinRequest, RequestState, invite_problem
from storage.db import from_db_time, to_db_time
from storage.repo.base import Repo
from storage.repo.chats import ChatRepo
from storage.repo.users import MembershipRepo


@dataclass(frozen=True)
class Redemption:
    """Outcome of opening an invitation link."""

    invite: Invite | None
    problem: InviteProblem | None
    joined: bool  # False: refused (see ``problem``) or already a member


class JoinRepo(Repo):
    """Adding people to agencies and taking them out again, with their subscriptions."""

    async def join(self, user_id: int, agency_id: int, added_by: int | None) -> bool:
        """Make the user a member and subscribe their private chat; False if already a member.

        The private chat is created when missing (the user may have been approved before
        the bot ever saw their chat) but never reactivated: a user who blocked the bot
        stays unreachable until they write again.
        """
        async with self.db.transaction():
            added = await MembershipRepo(self.db, self.clock).add(user_id, agency_id, added_by)
            now = self.now_text()
            await self.db.execute(
                "INSERT OR IGNORE INTO chats(chat_id, type, created_at, updated_at)"
                " VALUES (?, 'private', ?, ?)",
                (user_id, now, now),
            )
            await ChatRepo(self.db, self.clock).subscribe(user_id, agency_id, added_by)
        return added

    async def leave(self, user_id: int, agency_id: int) -> bool:
        """Remove a membership and the private chat's subscription; False if not a member."""
        async with self.db.transaction():
            removed = await MembershipRepo(self.db, self.clock).remove(user_id, agency_id)
            await ChatRepo(self.db, self.clock).unsubscribe(user_id, agency_id)
        return removed


class InviteRepo(Repo):
    """Typed access to ``invites`` and ``invite_uses``."""

    async def create(
        self, token_hash: str, agency_id: int, max_uses: int, expires_at: datetime,
        created_by: int,
    ) -> Invite:
        """Store a new invitation under the hash of its token."""
        invite_id = await self.db.execute(
            "INSERT INTO invites(token_hash, agency_id, max_uses, expires_at, created_by,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (token_hash, agency_id, max_uses, to_db_time(expires_at), created_by,
             self.now_text()),
        )
        invite = await self.get(invite_id)
        assert invite is not None
        return invite

    async def get(self, invite_id: int) -> Invite | None:
        """One invitation by id."""
        row = await self.db.fetchone("SELECT * FROM invites WHERE id = ?", (invite_id,))
        return None if row is None else _invite(row)

    async def by_hash(self, token_hash: str) -> Invite | None:
        """The invitation whose token hashes to ``token_hash``."""
        row = await self.db.fetchone("SELECT * FROM invites WHERE token_hash = ?", (token_hash,))
        return None if row is None else _invite(row)

    async def active(self) -> list[Invite]:
        """Invitations that still work now: not revoked, not expired, not used up."""
        rows = await self.db.fetchall(
            "SELECT * FROM invites WHERE revoked_at IS NULL AND expires_at > ?"
            " AND uses < max_uses ORDER BY id",
            (self.now_text(),),
        )
        return [_invite(row) for row in rows]

    async def revoke(self, invite_id: int, by: int) -> bool:
        """Revoke an invitation; False when it was already revoked or does not exist."""
        changed = await self.db.execute_rowcount(
            "UPDATE invites SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
            (self.now_text(), by, invite_id),
        )
        return changed > 0

    async def redeem(self, token_hash: str, user_id: int) -> Redemption:
        """Use an invitation for ``user_id``, atomically: check, count the use, join.

        Someone already in the agency is told so without spending a use.
        """
        async with self.db.transaction():
            invite = await self.by_hash(token_hash)
            if invite is None:
                return Redemption(None, InviteProblem.UNKNOWN, False)
            memberships = MembershipRepo(self.db, self.clock)
            if await memberships.is_member(user_id, invite.agency_id):
                return Redemption(invite, None, False)
            problem = invite_problem(invite, self.now())
            if problem is not None:
                return Redemption(invite, problem, False)
            await self.db.execute(
                "INSERT OR IGNORE INTO invite_uses(invite_id, user_id, at) VALUES (?, ?, ?)",
                (invite.id, user_id, self.now_text()),
            )
            await self.db.execute("UPDATE invites SET uses = uses + 1 WHERE id = ?", (invite.id,))
            await JoinRepo(self.db, self.clock).join(user_id, invite.agency_id, invite.created_by)
            used = await self.get(invite.id)
        return Redemption(used, None, True)


class JoinRequestRepo(Repo):
    """Typed access to ``join_requests`` and the admin messages showing each one."""

    async def create(self, user_id: int, agency_id: int) -> JoinRequest | None:
        """A new pending request; None when one is already pending for that agency."""
        changed = await self.db.execute_rowcount(
            "INSERT OR IGNORE INTO join_requests(user_id, agency_id, created_at)"
            " VALUES (?, ?, ?)",
            (user_id, agency_id, self.now_text()),
        )
        if not changed:
            return None
        row = await self.db.fetchone(
            "SELECT * FROM join_requests WHERE user_id = ? AND agency_id = ?"
            " AND state = 'pending'",
            (user_id, agency_id),
        )
        assert row is not None
        return _request(row)

    async def get(self, request_id: int) -> JoinRequest | None:
        """One request."""
        row = await self.db.fetchone("SELECT * FROM join_requests WHERE id = ?", (request_id,))
        return None if row is None else _request(row)

    async def pending_of(self, user_id: int) -> list[JoinRequest]:
        """A person's requests still waiting for a decision."""
        rows = await self.db.fetchall(
            "SELECT * FROM join_requests WHERE user_id = ? AND state = 'pending' ORDER BY id",
            (user_id,),
        )
        return [_request(row) for row in rows]

    async def decide(self, request_id: int, approve: bool, by: int) -> bool:
        """Record the first admin decision (and join on approval); False if already decided."""
        state = RequestState.APPROVED if approve else RequestState.REJECTED
        async with self.db.transaction():
            changed = await self.db.execute_rowcount(
                "UPDATE join_requests SET state = ?, decided_by = ?, decided_at = ?"
                " WHERE id = ? AND state = 'pending'",
                (state.value, by, self.now_text(), request_id),
            )
            if not changed:
                return False
            if approve:
                request = await self.get(request_id)
                assert request is not None
                await JoinRepo(self.db, self.clock).join(request.user_id, request.agency_id, by)
        return True

    async def add_message(self, request_id: int, chat_id: int, message_id: int) -> None:
        """Remember an admin message about the request, to update it after the decision."""
        await self.db.execute(
            "INSERT OR IGNORE INTO join_request_messages(request_id, chat_id, message_id)"
            " VALUES (?, ?, ?)",
            (request_id, chat_id, message_id),
        )

    async def messages(self, request_id: int) -> list[tuple[int, int]]:
        """(chat id, message id) of every admin message about the request."""
        rows = await self.db.fetchall(
            "SELECT chat_id, message_id FROM join_request_messages WHERE request_id = ?"
            " ORDER BY chat_id, message_id",
            (request_id,),
        )
        return [(row[0], row[1]) for row in rows]


def _time(text: str | None) -> datetime | None:
    return from_db_time(text) if text else None


def _invite(row: sqlite3.Row) -> Invite:
    return Invite(
        id=row["id"],
        agency_id=row["agency_id"],
        max_uses=row["max_uses"],
        uses=row["uses"],
        expires_at=from_db_time(row["expires_at"]),
        created_by=row["created_by"],
        created_at=from_db_time(row["created_at"]),
        revoked_at=_time(row["revoked_at"]),
        revoked_by=row["revoked_by"],
    )


def _request(row: sqlite3.Row) -> JoinRequest:
    return JoinRequest(
        id=row["id"],
        user_id=row["user_id"],
        agency_id=row["agency_id"],
        state=RequestState(row["state"]),
        created_at=from_db_time(row["created_at"]),
        decided_by=row["decided_by"],
        decided_at=_time(row["decided_at"]),
    )
