"""Pure rules of the admin tools: whom a /grant_admin names, what a pending edit is.

Roles: super-admins are listed in ADMIN_IDS and cannot be granted or revoked in chat;
only super-admins grant or revoke the stored admin role, so a granted admin can never
spread or keep rights the super-admins did not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.core.models import Task, TaskStatus

"""How long the bot waits for the text an admin was asked for before forgetting it."""

_USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")


@dataclass(frozen=True)
class UserRef:
    """A user named in a command argument: by numeric id or by @username."""

    user_id: int | None = None
    username: str | None = None


def parse_user_ref(arg: str) -> UserRef | None:
    """``"123456"`` → id, ``"@lan_vp"``/``"lan_vp"`` → username; anything else → None."""
    text = arg.strip()
    if re.fullmatch(r"[0-9]{1,15}", text):  # ASCII: int() would also read "١٢٣"
        number = int(text)
        return UserRef(user_id=number) if number > 0 else None
    match = _USERNAME.match(text)
    return UserRef(username=match.group(1)) if match else None


class TaskOp(StrEnum):
    """What an admin can do to a saved task from its card."""

    TEXT = "t"
    AGENCIES = "a"
    DEADLINE = "d"
    CANCEL = "c"
    REOPEN = "r"
    CLOSE = "f"  # the office closes a task of several units with a note, whatever they say


EDIT_OPS = (TaskOp.TEXT, TaskOp.AGENCIES, TaskOp.DEADLINE)


def allowed_ops(task: Task) -> tuple[TaskOp, ...]:
    """Operations that make sense in the task's current state.

    Open tasks (including done-but-unconfirmed ones) can be edited or cancelled, and a task
    of several units closed with a note (a task of one unit is confirmed on its report, as
    it always was); a cancelled or done task can only be reopened — edit it after
    reopening, so that its history reads in order.
    """
    if task.is_open:
        if len(task.unit_ids) > 1:
            return (*EDIT_OPS, TaskOp.CANCEL, TaskOp.CLOSE)
        return (*EDIT_OPS, TaskOp.CANCEL)
    if task.status in (TaskStatus.CANCELLED, TaskStatus.DONE):
        return (TaskOp.REOPEN,)
    return ()


class PendingKind(StrEnum):
    """The text the bot is waiting for from one admin."""

    TEXT = "text"
    DEADLINE = "deadline"
    LEAD = "lead"
    SUPPORT = "support"
    CANCEL_REASON = "cancel_reason"
    CLOSE_NOTE = "close_note"

