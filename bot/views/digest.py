"""The office's digest of progress reports, as Telegram HTML. Pure.

One message lists the reports of a period grouped by task (the task once, then each
report under it), so an admin reads the day's news in one place instead of one message
per report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.agencies import AgencyDirectory
from bot.core.models import Task
from bot.texts import Html, t
from bot.views.render import agency_names, shorten


@dataclass(frozen=True)
class DigestLine:
    """One progress report as the digest shows it (``at``: local "dd/mm HH:MM")."""

    at: str
    who: str
    agency: str
    note: str
    has_file: bool


def render_digest(
    groups: Sequence[tuple[Task, Sequence[DigestLine]]], directory: AgencyDirectory,
    total: int, since: str, until: str, lang: str,
) -> Html:
    """The digest: title with the count and the period, each task with its reports, and
    how many more reports there were than listed."""
    parts = [t("digest.title", lang, count=total, since=since, until=until)]
    listed = 0
    for task, lines in groups:
        parts.append(t("digest.task", lang, id=task.id, text=shorten(task.text, 160),
                       lead=Html(agency_names(task.lead_ids, directory))))
        for line in lines:
            listed += 1
            who = t("digest.who_agency", lang, who=line.who, agency=line.agency) \
                if line.agency else t("digest.who", lang, who=line.who)
            parts.append(t("digest.report", lang, at=line.at, who=who,
                           note=shorten(line.note, 300),
                           file=t("digest.file", lang) if line.has_file else ""))
    if total > listed:
        parts.append(t("digest.more", lang, count=total - listed))
    parts.append(t("digest.footer", lang))
    return Html("\n".join(parts))
