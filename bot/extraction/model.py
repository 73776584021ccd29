"""The extractor's public data: what a notice says about itself and the tasks it assigns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# Where a task's lead or deadline was read from; see :class:`ExtractedTask`.
Source = Literal["written", "heading", "section", "document", "guessed"]

WRITTEN: Source = "written"
HEADING: Source = "heading"
SECTION: Source = "section"
DOCUMENT: Source = "document"
GUESSED: Source = "guessed"

# The letters Vietnamese documents number with (no f, j, w, z).
LETTERS = tuple("abcdđeghiklmnopqrstuvxy")


@dataclass
class ExtractedDocument:
    """Metadata of the notice; any field may be missing in a real document."""

    number: str | None = None
    issuer: str | None = None
    signer: str | None = None
    issued_on: date | None = None
    meeting_on: date | None = None
    title: str | None = None


@dataclass
class ExtractedTask:
    """A proposed task; names are directory canonical names when resolvable.

    ``deadline`` is the (first) due date; ``deadline_text`` the phrase it was read
    from; ``recurrence`` is set for recurring duties, in the storage form of
    :meth:`bot.deadlines.Recurrence.to_text` ("quarterly:last", "weekly:4",
    "yearly:12-15"), which ``Recurrence.from_text`` reads back.

    ``lead_source`` and ``deadline_source`` say why the lead and the deadline were
    chosen, so the reviewer checks the doubtful ones first (None when there is none):

    * ``"written"``: in the task's own text ("Giao Sở Y tế …", "trước ngày 30/6/2026");
    * ``"heading"``: from the agency heading the task sits under ("1. Sở Tài chính:"),
      a firm deadline of that heading, or the row's column or field ("Cơ quan chủ trì",
      "Thời gian hoàn thành", "- Đơn vị chủ trì: …");
    * ``"section"``: the default a paragraph announcing the items sets ("Sở Nội vụ tập
      trung thực hiện các nhiệm vụ sau:"), or the closing line that dates a whole list
      ("Báo cáo kết quả … trước ngày 15/12/2026");
    * ``"document"``: who the document is about or addressed to: a letter's "Kính
      gửi", the agency the meeting was held with (leads only);
    * ``"guessed"``: the agency a news report mentions most (leads only).
    """

    ordinal: str
    text: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None
    recurrence: str | None = None
    lead_source: Source | None = None
    deadline_source: Source | None = None


@dataclass
class Extraction:
    """The extractor's proposal; ``warnings`` are short codes for logs, not UI text."""

    document: ExtractedDocument
    tasks: list[ExtractedTask]
    warnings: list[str] = field(default_factory=list)


def extraction_to_json(ex: Extraction) -> dict[str, object]:
    """The JSON shape the CLI prints and the review screen consumes (dates as ISO).

    ``lead_source`` and ``deadline_source`` were added after the first release; every
    other key keeps its meaning.
    """
    doc = ex.document
    return {
        "document": {
            "number": doc.number,
            "issuer": doc.issuer,
            "signer": doc.signer,
            "issued_on": _iso(doc.issued_on),
            "meeting_on": _iso(doc.meeting_on),
            "title": doc.title,
        },
        "tasks": [
            {
                "ordinal": task.ordinal,
                "text": task.text,
                "lead": list(task.lead),
                "support": list(task.support),
                "deadline": _iso(task.deadline),
                "deadline_text": task.deadline_text,
                "recurrence": task.recurrence,
                "lead_source": task.lead_source,
                "deadline_source": task.deadline_source,
            }
            for task in ex.tasks
        ],
    }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
