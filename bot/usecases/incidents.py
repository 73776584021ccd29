"""Telling the super-admins that the bot failed, without flooding them or leaking anything.

An error that reaches the error handler is a bug or an outage the operator should know of
before users call. The super-admins (ADMIN_IDS) get one note per kind of error (exception
type and the place in the code) per hour, through the outbox in one transaction with the
record of when that kind was last reported (``meta``), so two failing updates at once
cannot both report it. The note names what kind of update failed (a command, a button's
action, a message…) and never a person: no names, ids or texts of anyone.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.core.dates import fmt_datetime
from bot.core.models import NewOutboxMessage
from bot.core.payloads import message_payload
from bot.texts import Html, t
from bot.usecases.services import Services
from storage.db import from_db_time, to_db_time

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=1)
"""A kind of error is reported at most once in this long."""
UPDATE_KINDS = ("command", "button", "text", "file", "photo", "member", "job", "other")


@dataclass(frozen=True)
class Incident:
    """What may be told about a failure: nothing personal.

    ``error`` is the exception's type, ``where`` the innermost place of the project's code
    (``handlers/queries.py:_show``); ``update`` is one of :data:`UPDATE_KINDS` with its
    ``detail`` (a known command's name, a button's action code, a job's name) and where it
    came from (``chat``: "private", "group" or "").
    """

    error: str
    where: str
    update: str
    detail: str = ""
    chat: str = ""

    @property
    def kind(self) -> str:
        """Short stable digest of (type, place): the unit of "once per hour"."""
        return hashlib.sha256(f"{self.error}|{self.where}".encode()).hexdigest()[:16]


def _describe(incident: Incident, lang: str) -> Html:
    update = incident.update if incident.update in UPDATE_KINDS else "other"
    said = t(f"incident.update.{update}", lang, detail=incident.detail)
    if incident.chat in ("private", "group"):
        said = Html(said + t(f"incident.chat.{incident.chat}", lang))
    return said


async def report(services: Services, incident: Incident) -> int:
    """Queue the note to every super-admin unless this kind was reported within the hour
    (then only count it, for the next note); how many messages were queued."""
    repos = services.repos
    now = services.clock.now()
    key = f"incident.{incident.kind}"
    admins = sorted(set(services.settings.admin_ids))
    if not admins:
        return 0
    async with services.db.transaction():
        stored = await repos.meta.get(key)
        last, repeated = None, 0
        if stored:
            try:
                record = json.loads(stored)
                last, repeated = from_db_time(str(record["at"])), int(record["repeated"])
            except (ValueError, KeyError, TypeError):
                last, repeated = None, 0
        if last is not None and now - last < WINDOW:
            await repos.meta.set(key, json.dumps({"at": to_db_time(last),
                                                  "repeated": repeated + 1}))
            return 0
        await repos.meta.set(key, json.dumps({"at": to_db_time(now), "repeated": 0}))
        languages = await repos.users.languages(admins)
        at = fmt_datetime(now, services.settings.tz)
        messages = []
        for admin_id in admins:
            lang = languages.get(admin_id, "vi")
            again = t("incident.repeated", lang, count=repeated) if repeated else Html("")
            text = t("incident.report", lang, error=incident.error, where=incident.where,
                     update=_describe(incident, lang), at=at, repeated=again)
            messages.append(NewOutboxMessage(
                f"incident:{incident.kind}:{to_db_time(now)}:{admin_id}", admin_id, "incident",
                message_payload(text)))
        return await repos.outbox.enqueue(messages)
