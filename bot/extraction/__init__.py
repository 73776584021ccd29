"""Reading a notice: text -> document metadata and proposed tasks.

The extractor is pure and deliberately rule-based: an admin reviews every proposal
before it becomes a task, so the rules favour predictable behaviour that is easy to
explain over cleverness, and each proposal says why its lead and deadline were chosen.
Every rule follows a pattern of Vietnamese administrative writing (the layout of Nghị
định 30/2020/NĐ-CP, the way notices, letters and plans assign work), never one
document. The pipeline, one module per stage:

1. :mod:`~bot.extraction.lines`: layout noise out (markdown, page numbers, running
   headers, footnotes, OCR page markers), table rows in.
2. :mod:`~bot.extraction.blocks`: lines grouped into paragraphs and list items.
3. :mod:`~bot.extraction.header`: the frame of each document (header, title, body,
   closing, signature; a plan attached to its decision) and its metadata.
4. :mod:`~bot.extraction.outline`: items nested by their markers.
5. :mod:`~bot.extraction.tasks`: items and paragraphs -> tasks, with
   :mod:`~bot.extraction.classify` (what a paragraph is), :mod:`~bot.extraction.roles`
   and :mod:`~bot.extraction.mentions` (who), :mod:`~bot.extraction.dates` (when).

Every stage takes time proportional to its input, so the whole run is linear in the
length of the text.
"""

from bot.extraction.model import (
    ExtractedDocument,
    ExtractedTask,
    Extraction,
    extraction_to_json,
)
from bot.extraction.pipeline import extract

__all__ = [
    "ExtractedDocument",
    "ExtractedTask",
    "Extraction",
    "extract",
    "extraction_to_json",
]
