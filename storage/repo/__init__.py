"""Repositories: the only place with SQL besides migrations and the backup."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.clock import Clock
from storage.db import Database
from storage.repo.actions import TaskActionRepo
from storage.repo.admin import AdminAuditRepo
from storage.repo.agencies import AgencyRepo, ImportRefused, ImportReport, SyncReport
from storage.repo.assignments import AssignmentRepo, NudgeSubject
from storage.repo.chats import ChatRepo
from storage.repo.digests import DigestRepo
from storage.repo.drafts import DraftRepo
from storage.repo.joining import InviteRepo, JoinRepo, JoinRequestRepo, Redemption
from storage.repo.meta import MetaRepo
from storage.repo.outbox import OutboxRepo
from storage.repo.queries import TaskQueryRepo
from storage.repo.reports import ReportRepo
from storage.repo.tasks import ConclusionRepo, TaskRepo
from storage.repo.units import UnitRepo
from storage.repo.users import MembershipRepo, UserRepo
from storage.repo.waiting import WaitingRepo

__all__ = [
    "AdminAuditRepo",
    "AgencyRepo",
    "AssignmentRepo",
    "ChatRepo",
    "ConclusionRepo",
    "DigestRepo",
    "DraftRepo",
    "ImportRefused",
    "ImportReport",
    "InviteRepo",
    "JoinRepo",
    "JoinRequestRepo",
    "MembershipRepo",
    "MetaRepo",
    "NudgeSubject",
    "OutboxRepo",
    "Redemption",
    "ReportRepo",
    "Repos",
    "SyncReport",
    "TaskActionRepo",
    "TaskQueryRepo",
    "TaskRepo",
    "UnitRepo",
    "UserRepo",
    "WaitingRepo",
]


@dataclass
class Repos:
    """Every repository over one database, sharing one clock."""

    db: Database
    clock: Clock
    agencies: AgencyRepo = field(init=False)
    users: UserRepo = field(init=False)
    memberships: MembershipRepo = field(init=False)
    chats: ChatRepo = field(init=False)
    conclusions: ConclusionRepo = field(init=False)
    tasks: TaskRepo = field(init=False)
    units: UnitRepo = field(init=False)
    assignments: AssignmentRepo = field(init=False)
    outbox: OutboxRepo = field(init=False)
    meta: MetaRepo = field(init=False)
    joins: JoinRepo = field(init=False)
    invites: InviteRepo = field(init=False)
    join_requests: JoinRequestRepo = field(init=False)
    queries: TaskQueryRepo = field(init=False)
    actions: TaskActionRepo = field(init=False)
    drafts: DraftRepo = field(init=False)
    reports: ReportRepo = field(init=False)
    admin_audit: AdminAuditRepo = field(init=False)
    waiting: WaitingRepo = field(init=False)
    digests: DigestRepo = field(init=False)

    def __post_init__(self) -> None:
        self.agencies = AgencyRepo(self.db, self.clock)
        self.users = UserRepo(self.db, self.clock)
        self.memberships = MembershipRepo(self.db, self.clock)
        self.chats = ChatRepo(self.db, self.clock)
        self.conclusions = ConclusionRepo(self.db, self.clock)
        self.tasks = TaskRepo(self.db, self.clock)
        self.units = UnitRepo(self.db, self.clock)
        self.assignments = AssignmentRepo(self.db, self.clock)
        self.outbox = OutboxRepo(self.db, self.clock)
        self.meta = MetaRepo(self.db, self.clock)
        self.joins = JoinRepo(self.db, self.clock)
        self.invites = InviteRepo(self.db, self.clock)
        self.join_requests = JoinRequestRepo(self.db, self.clock)
        self.queries = TaskQueryRepo(self.db, self.clock)
        self.actions = TaskActionRepo(self.db, self.clock)
        self.drafts = DraftRepo(self.db, self.clock)
        self.reports = ReportRepo(self.db, self.clock)
        self.admin_audit = AdminAuditRepo(self.db, self.clock)
        self.waiting = WaitingRepo(self.db, self.clock)
        self.digests = DigestRepo(self.db, self.clock)
