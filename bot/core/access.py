"""Who may do what. Pure rules over plain data; handlers ask, never decide themselves."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.models import Task


class Audience(StrEnum):
    """Kinds of people the bot talks to, from least to most trusted."""

    STRANGER = "stranger"
    MEMBER = "member"
    ADMIN = "admin"


@dataclass(frozen=True)
class Access:
    """What the server knows about the person behind an update."""

    user_id: int
    is_super_admin: bool
    is_admin: bool
    agency_ids: frozenset[int]
    language: str = "vi"

    @property
    def is_member(self) -> bool:
        """Belongs to at least one agency."""
        return bool(self.agency_ids)

    @property
    def audience(self) -> Audience:
        """The most trusted audience this person belongs to."""
        if self.is_admin:
            return Audience.ADMIN
        return Audience.MEMBER if self.is_member else Audience.STRANGER

    def in_group(self, linked_agency_ids: frozenset[int]) -> Access:
        """What this person may do in a group linked to ``linked_agency_ids``.

        Whatever the bot shows in a group is read by everyone there, so the group's links
        bound it: a member sees only their agencies that the group is linked to, an admin
        sees the linked agencies (not the whole province), and nobody acts as admin there.
        """
        visible = linked_agency_ids if self.is_admin else self.agency_ids & linked_agency_ids
        return Access(
            user_id=self.user_id, is_super_admin=False, is_admin=False,
            agency_ids=frozenset(visible), language=self.language,
        )

    def may_view(self, task: Task) -> bool:
        """Admins see every task; members see tasks of their agencies (lead, unit of a
        collective lead, or support)."""
        return self.is_admin or bool(
            self.agency_ids.intersection(task.agency_ids)
            or self.agency_ids.intersection(task.unit_ids)
        )

    def is_lead_of(self, task: Task) -> bool:
        """Member of one of the task's lead agencies, or of a unit holding an assignment
        (a member of a collective lead): may report done and ask for more time, for its
        own unit."""
        return bool(self.agency_ids.intersection(task.lead_ids)
                    or self.agency_ids.intersection(task.unit_ids))

    def is_support_of(self, task: Task) -> bool:
        """Member of one of the task's supporting agencies (may report progress)."""
        return bool(self.agency_ids.intersection(task.support_ids))


def audience_allows(have: Audience, need: Audience) -> bool:
    """Whether someone of audience ``have`` may use something meant for ``need``."""
    order = [Audience.STRANGER, Audience.MEMBER, Audience.ADMIN]
    return order.index(have) >= order.index(need)
