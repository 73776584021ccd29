"""``python -m bot extract FILE [--json]`` and ``python -m bot import FILE [--yes]``.

``extract`` only reads: the file and the agency directory file, never the database.
``extract -`` reads the notice's text from standard input (UTF-8, as a .txt file, with
the same size limit), so that a pasted or piped text needs no file.
``import`` opens the database, refuses a notice that was imported before (same number,
issue date and issuer; without a number, the same text), adds agencies that the
directory does not know as custom agencies (see :mod:`bot.notice_import`), and saves
everything in one transaction. A file that cannot be read is one Vietnamese line on
stderr and exit code 2, like every configuration problem.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.adapters.agency_file import load_directory_file
from bot.adapters.documents import MAX_BYTES, DocumentError, check_extension
from bot.adapters.files import FileRefused, read_regular_file
from bot.adapters.notice_reader import Reading, limit_params, read_notice_sync
from bot.cli.common import EXIT_CONFIG, Subparsers
from bot.core.agencies import Agency, AgencyDirectory
from bot.core.deadlines import Recurrence, format_date
from bot.extraction import ExtractedTask, Extraction, extraction_to_json
from bot.texts import plain
from bot.usecases.importing import (
    AgencyRef,
    ImportPlan,
    find_duplicate,
    lookup_agency,
    plan_import,
    save_plan,
    with_lead,
    without_task,
)
from config.settings import load_settings

EXIT_REFUSED = 1

Ask = Callable[[str], str]


class _Unreadable(Exception):
    """The notice file cannot be read; the message is the line to print."""


STDIN = "-"
"""The file name that means standard input (a piped or pasted notice)."""


def _file_bytes(path_text: str) -> bytes:
    """The file's bytes: a regular file within the size limit, read without blocking;
    ``-`` reads standard input as a .txt file, within the same limit."""
    if path_text == STDIN:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _Unreadable(_refusal(path_text, "too_large"))
        return data
    path = Path(path_text)
    try:
        check_extension(path.name)
        return read_regular_file(path, MAX_BYTES)
    except DocumentError as exc:
        raise _Unreadable(_refusal(path_text, exc.code)) from None
    except FileRefused as exc:
        raise _Unreadable(_refusal(path_text, exc.code)) from None


def _refusal(path_text: str, code: str) -> str:
    return plain(f"extract.error.{code}", path=path_text, **limit_params())


def _read(path_text: str, data: bytes, agencies: Sequence[Agency]) -> Reading:
    """Read and extract the notice in a child process (memory and time limited)."""
    filename = "stdin.txt" if path_text == STDIN else path_text
    try:
        return read_notice_sync(data=data, filename=filename, agencies=agencies)
    except DocumentError as exc:
        raise _Unreadable(_refusal(path_text, exc.code)) from None


# --- Rendering ----------------------------------------------------------------------


def _value(value: object) -> str:
    return plain("extract.unknown") if value is None or value == "" else str(value)


def _task_lines(task: ExtractedTask, lead: list[str], support: list[str]) -> list[str]:
    lines = [plain("extract.task", ordinal=task.ordinal, text=task.text)]
    lines.append(
        plain("extract.lead", names=", ".join(lead)) if lead else plain("extract.lead_missing")
    )
    if support:
        lines.append(plain("extract.support", names=", ".join(support)))
    if task.recurrence is not None and task.deadline is not None:
        period = Recurrence.from_text(task.recurrence).period
        lines.append(plain(
            "extract.recurring", period=plain(f"extract.period.{period}"),
            date=format_date(task.deadline), phrase=task.deadline_text or "",
        ))
    elif task.deadline is not None:
        lines.append(plain(
            "extract.deadline", date=format_date(task.deadline), phrase=task.deadline_text or ""
        ))
    else:
        lines.append(plain("extract.deadline_none"))
    return lines


def render_document(extraction: Extraction) -> list[str]:
    """The notice's metadata, one labelled line each."""
    doc = extraction.document
    return [
        plain("extract.doc_number", value=_value(doc.number)),
        plain("extract.doc_issuer", value=_value(doc.issuer)),
        plain("extract.doc_issued", value=_value(doc.issued_on and format_date(doc.issued_on))),
        plain("extract.doc_meeting",
              value=_value(doc.meeting_on and format_date(doc.meeting_on))),
        plain("extract.doc_signer", value=_value(doc.signer)),
        plain("extract.doc_title", value=_value(doc.title)),
    ]


def render_proposal(extraction: Extraction) -> str:
    """The readable proposal ``extract`` prints: metadata, then every task."""
    lines = render_document(extraction)
    lines.append("")
    if not extraction.tasks:
        lines.append(plain("extract.none"))
        return "\n".join(lines)
    lines.append(plain("extract.count", count=len(extraction.tasks)))
    for task in extraction.tasks:
        lines.append("")
        lines.extend(_task_lines(task, task.lead, task.support))
    unresolved = [w.split(":", 1)[1] for w in extraction.warnings
                  if w.startswith("unresolved_agency:")]
    if unresolved:
        lines.append("")
        lines.append(plain("extract.unresolved", names=", ".join(unresolved)))
    return "\n".join(lines)


def render_plan(plan: ImportPlan) -> str:
    """The proposal as ``import`` will save it (agencies as found in the database)."""
    lines = render_document(Extraction(plan.document, []))
    lines.append("")
    lines.append(plain("extract.count", count=len(plan.tasks)))
    for task in plan.tasks:
        lines.append("")
        lines.extend(_task_lines(
            task.source, [r.name for r in task.lead], [r.name for r in task.support]
        ))
    new = plan.new_agencies
    if new:
        lines.append("")
        lines.append(plain("import.new_agencies", count=len(new), names=", ".join(new)))
    return "\n".join(lines)


# --- Commands -----------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the proposal for one notice; nothing is saved."""
    try:
        data = _file_bytes(args.file)
        settings = load_settings()
        agencies = load_directory_file(settings.agencies_file)
        extraction = _read(args.file, data, agencies).extraction
    except _Unreadable as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    if args.json:
        print(json.dumps(extraction_to_json(extraction), ensure_ascii=False, indent=2))
    else:
        print(render_proposal(extraction))
    return 0


def _agree(answer: str) -> bool:
    return answer.strip().lower() in {"c", "co", "có", "y", "yes"}


def _fill_leads(plan: ImportPlan, directory: AgencyDirectory, ask: Ask) -> ImportPlan:
    """Ask for the lead of every task that has none; an empty answer skips the task."""
    for ordinal in plan.without_lead:
        answer = " ".join(ask(plain("import.ask_lead", ordinal=ordinal)).split())
        if not answer:
            print(plain("import.skipped", ordinal=ordinal))
            plan = without_task(plan, ordinal)
            continue
        agency = lookup_agency(directory, answer)
        if agency is None:
            print(plain("import.lead_unknown", name=answer))
        ref = AgencyRef(agency.name if agency else answer, agency)
        plan = with_lead(plan, ordinal, (ref,))
    return plan


def _input(prompt: str) -> str:
    """A line from the terminal; end of input counts as an empty answer."""
    try:
        return input(prompt)
    except EOFError:
        print()
        return ""


def cmd_import(args: argparse.Namespace, ask: Ask = _input) -> int:
    """Extract a notice and save it as a conclusion with its tasks."""
    from bot.usecases.services import Services

    try:
        data = _file_bytes(args.file)
    except _Unreadable as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    settings = load_settings()

    async def main() -> int:
        services = await Services.open(settings)
        try:
            try:
                reading = _read(args.file, data, services.directory.agencies)
            except _Unreadable as exc:
                print(exc, file=sys.stderr)
                return EXIT_CONFIG
            text, extraction = reading.text, reading.extraction
            if not extraction.tasks:
                print(plain("import.no_tasks", path=args.file), file=sys.stderr)
                return EXIT_REFUSED
            plan = plan_import(extraction, services.directory)
            same = await find_duplicate(services.repos, plan, text)
            if same is not None:
                print(plain(
                    "import.duplicate", id=same.id,
                    number=plain("import.duplicate_number", number=same.number)
                    if same.number else "",
                    issued=plain("import.duplicate_issued", date=format_date(same.issued_on))
                    if same.issued_on else "",
                ), file=sys.stderr)
                return EXIT_REFUSED
            if args.yes:
                if plan.without_lead:
                    print(plain("import.without_lead", ordinals=", ".join(plan.without_lead)),
                          file=sys.stderr)
                    return EXIT_REFUSED
            else:
                print(render_plan(plan))
                print()
                plan = _fill_leads(plan, services.directory, ask)
                if not plan.tasks or not _agree(ask(plain("import.confirm",
                                                          count=len(plan.tasks)))):
                    print(plain("import.cancelled"))
                    return EXIT_REFUSED
            conclusion, tasks, created = await save_plan(services.repos, plan, text, None)
            if created:
                print(plain("import.created_agencies", count=len(created),
                            names=", ".join(agency.name for agency in created)))
            first, last = min(task.id for task in tasks), max(task.id for task in tasks)
            print(plain("import.saved", id=conclusion.id, count=len(tasks),
                        ids=str(first) if first == last else f"{first}–{last}"))
            return 0
        finally:
            await services.close()

    return asyncio.run(main())


def register(sub: Subparsers) -> None:
    """Add ``extract`` and ``import`` to the command line."""
    extract_parser = sub.add_parser("extract", help=plain("extract.help"))
    extract_parser.add_argument("file", metavar="FILE", help=plain("extract.help_file"))
    extract_parser.add_argument("--json", action="store_true", help=plain("extract.help_json"))
    extract_parser.set_defaults(handler=cmd_extract)

    import_parser = sub.add_parser("import", help=plain("import.help"))
    import_parser.add_argument("file", metavar="FILE", help=plain("extract.help_file"))
    import_parser.add_argument("--yes", action="store_true", help=plain("import.help_yes"))
    import_parser.set_defaults(handler=cmd_import)

