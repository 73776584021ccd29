"""Reusable Telegram pieces for choosing agencies and reading deadlines.

/new uses them now; /import and task editing reuse them. A caller passes ``make``, a
function that turns an operation and its arguments into signed callback data for its
own action (so every flow keeps its own authorization), and gets keyboard rows back.
Operations used here: ``pick``/``tick`` <agency id>, ``page`` <n>, ``addnew``,
``noquery`` (show every agency again).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date

from telegram import InlineKeyboardButton

from bot.core.agencies import Agency, AgencyDirectory, Resolution
from bot.core.dates import examples
from bot.core.deadlines import Deadline, DeadlineError, parse_deadline
from bot.core.normalize import fold
from bot.core.pickers import PAGE_SIZE, Page, former_matches, paginate, rank_agencies
from bot.texts import Html, plain, t
from bot.views.render import echo, shorten

MakeButton = Callable[..., str]
Rows = list[list[InlineKeyboardButton]]

OP_PICK = "pk"
OP_TICK = "tk"
OP_PAGE = "pg"
OP_ADD_NEW = "an"
OP_ALL = "al"
_LABEL_WIDTH = 40


def agency_page(
    directory: AgencyDirectory,
    query: str,
    page: int,
    usage: dict[int, int],
    recent: Sequence[int] = (),
    exclude: Collection[int] = (),
) -> Page:
    """The agencies to show on this page of the picker."""
    ranked = [
        a for a in rank_agencies(directory, query, usage, recent)
        if a.id is not None and a.id not in exclude
    ]
    return paginate(ranked, page, PAGE_SIZE)


def agency_rows(
    page: Page,
    make: MakeButton,
    lang: str,
    *,
    ticked: Collection[int] | None = None,
    query: str = "",
    offer_new: str | None = None,
) -> Rows:
    """Agency buttons (one per row, ✓ when ticked), paging, "show all" and "add new".

    ``ticked`` None means a single choice (``pick``); a collection means multi-select
    (``tick``).
    """
    rows: Rows = []
    for agency in page.items:
        assert agency.id is not None
        name = agency.name if len(agency.name) <= _LABEL_WIDTH else agency.display
        label = shorten(name, _LABEL_WIDTH)
        if ticked is None:
            rows.append([InlineKeyboardButton(label, callback_data=make(OP_PICK, agency.id))])
        else:
            mark = "✓ " if agency.id in ticked else ""
            rows.append([InlineKeyboardButton(mark + label,
                                              callback_data=make(OP_TICK, agency.id))])
    if page.count > 1:
        nav: list[InlineKeyboardButton] = []
        if page.index > 0:
            nav.append(InlineKeyboardButton("◀", callback_data=make(OP_PAGE, page.index - 1)))
        nav.append(InlineKeyboardButton(f"{page.index + 1}/{page.count}",
                                        callback_data=make(OP_PAGE, page.index)))
        if page.index + 1 < page.count:
            nav.append(InlineKeyboardButton("▶", callback_data=make(OP_PAGE, page.index + 1)))
        rows.append(nav)
    extra: list[InlineKeyboardButton] = []
    if query:
        extra.append(InlineKeyboardButton(plain("pick.all", lang), callback_data=make(OP_ALL)))
    if offer_new:
        extra.append(InlineKeyboardButton(
            plain("pick.add_new", lang, name=shorten(offer_new, 48)),
            callback_data=make(OP_ADD_NEW),
        ))
    if extra:
        rows.append(extra)
    return rows


def filter_note(directory: AgencyDirectory, query: str, found: int, lang: str) -> list[Html]:
    """What the filter did: how many matched, and former names that now point elsewhere."""
    if not query:
        return []
    notes = [t("pick.filtered", lang, query=echo(query), count=found) if found
             else t("pick.none_found", lang, query=echo(query))]
    for former, current in former_matches(directory, query)[:3]:
        notes.append(t("pick.former", lang, former=former.name, current=current.name))
    return notes


def renamed_notes(resolutions: Sequence[Resolution], lang: str) -> list[Html]:
    """"«Sở LĐ-TB&XH» nay là Sở Nội vụ" for each typed former name."""
    notes = []
    for r in resolutions:
        if not r.renamed:
            continue
        if fold(r.written) == fold(r.named.name):
            notes.append(t("pick.renamed_same", lang, written=r.written, current=r.current.name))
        else:
            notes.append(t("pick.renamed", lang, written=r.written, former=r.named.name,
                           current=r.current.name))
    return notes


def agency_names(agencies: Sequence[Agency]) -> str:
    """Names joined for a message."""
    return ", ".join(a.name for a in agencies)


def read_deadline(text: str, today: date, lang: str) -> Deadline | Html:
    """The parsed deadline, or the message explaining why it was refused."""
    try:
        return parse_deadline(text, today)
    except DeadlineError as exc:
        params = {"date": "", "today": "", "max": "", "text": text, **examples(today),
                  **exc.params}
        return t(f"pick.deadline_error.{exc.code}", lang, **params)


def deadline_hint(lang: str, today: date) -> Html:
    """The forms a deadline may take, with examples officials recognise, made from today
    (an example the step would refuse as past teaches nothing)."""
    return t("pick.deadline_hint", lang, **examples(today))
