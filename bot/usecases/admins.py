"""Who administers the bot: granting and revoking the stored admin role, the audit trail.

Only super-admins (ADMIN_IDS) grant or revoke, and they cannot be revoked in chat; the
rule is re-checked here, whoever calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.access import Access
from bot.core.admin import UserRef
from bot.core.models import Role, User
from bot.core.waiting import Flow
from bot.usecases.services import Services
from storage.repo.admin import AuditEntry


class RoleProblem(StrEnum):
    """Why a grant or revoke is not done (message keys admin.<value>)."""

    NOT_SUPER = "super_only"
    ALREADY_SUPER = "already_super"
    ALREADY_ADMIN = "already_admin"
    CANNOT_REVOKE_SUPER = "cannot_revoke_super"
    NOT_ADMIN = "not_admin"


async def met(services: Services, user_id: int, full_name: str, username: str | None) -> User:
    """Someone named by a reply: remembered, so they can be named later by @username."""
    return await services.repos.users.seen(user_id, full_name, username)


async def find(services: Services, ref: UserRef) -> User | None:
    """A person the bot has met, by id or @username."""
    if ref.user_id is not None:
        return await services.repos.users.get(ref.user_id)
    assert ref.username is not None
    return await services.repos.users.by_username(ref.username)


async def grant(services: Services, access: Access, target: User) -> RoleProblem | None:
    """Make someone an admin (audited)."""
    if not access.is_super_admin:
        return RoleProblem.NOT_SUPER
    if services.is_super_admin(target.telegram_id):
        return RoleProblem.ALREADY_SUPER
    if target.role is Role.ADMIN:
        return RoleProblem.ALREADY_ADMIN
    async with services.db.transaction():
        await services.repos.users.set_role(target.telegram_id, Role.ADMIN)
        await services.repos.admin_audit.record(access.user_id, target.telegram_id, "grant")
    return None


async def revoke(services: Services, access: Access, target: User) -> RoleProblem | None:
    """Take admin rights away (audited); an unfinished task edit of theirs is dropped."""
    if not access.is_super_admin:
        return RoleProblem.NOT_SUPER
    if services.is_super_admin(target.telegram_id):
        return RoleProblem.CANNOT_REVOKE_SUPER
    if target.role is not Role.ADMIN:
        return RoleProblem.NOT_ADMIN
    async with services.db.transaction():
        await services.repos.users.set_role(target.telegram_id, Role.USER)
        await services.repos.waiting.clear(target.telegram_id, flow=Flow.EDIT)
        await services.repos.admin_audit.record(access.user_id, target.telegram_id, "revoke")
    return None


@dataclass(frozen=True)
class AdminList:
    """/admins: super-admins (as met, or None), granted admins with their latest grant."""

    supers: list[tuple[int, User | None]]
    granted: list[tuple[User, AuditEntry | None]]
    names: dict[int, str]


async def admin_list(services: Services) -> AdminList:
    """Who the admins are and who granted them."""
    repos = services.repos
    supers = [(i, await repos.users.get(i)) for i in sorted(services.settings.admin_ids)]
    granted = [u for u in await repos.users.admins()
               if not services.is_super_admin(u.telegram_id)]
    entries = [(u, await repos.admin_audit.latest(u.telegram_id)) for u in granted]
    names = await repos.users.names(e.actor_id for _, e in entries if e is not None)
    return AdminList(supers, entries, names)
