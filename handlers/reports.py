"""/export (Excel report) and /stats (counts with a chart): thin handlers over bot.export.

/export answers only in private chats: the file is for the person who asked. /stats also
works in a group, bounded like everything shown there by the agencies the group is linked
to (``context.access()`` narrows the access). Who may see what is decided on the server for
every call (:func:`bot.export.decide_scope`).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date

from telegram import InputFile, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, TelegramError

from bot.adapters.charts import chart_key, class_chart_png
from bot.core.dates import examples, fmt_date
from bot.core.reports import (
    ExportArgsError,
    ScopeRefusal,
    decide_scope,
    file_name,
    parse_export_args,
    period_label,
)
from bot.texts import Html, plain, t
from bot.usecases.export import export_bytes
from bot.views.render import echo, shorten, split_message
from bot.views.stats import StatsRows, chart_caption, render_stats, stats_rows
from handlers.context import BotContext

_RUNNING = "reports.exports_running"  # bot_data key: users whose export is being built


async def _show_progress(context: BotContext, chat_id: int, action: str) -> None:
    """Keep "sending a file…" on screen while a big report is built (it fades after 5 s)."""
    while True:
        with contextlib.suppress(TelegramError):
            await context.bot.send_chat_action(chat_id, action)
        await asyncio.sleep(4)


def _refusal(code: str, refusal: ScopeRefusal, lang: str) -> Html:
    """The refusal of a scope, quoting what was typed short."""
    params = dict(refusal.params)
    if "written" in params:
        params["written"] = echo(str(params["written"]))
    return t(code, lang, **params)


async def export_command(update: Update, context: BotContext) -> None:
    """/export [agency] [from] [to]: the .xlsx report, for what this person may see."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    services = context.services
    access = await context.access()
    lang = access.language
    if chat.type != ChatType.PRIVATE:
        await message.reply_text(t("error.private_only", lang))
        return
    if not (access.is_admin or access.is_member):
        await message.reply_text(t("error.members_only", lang))
        return
    try:
        args = parse_export_args(context.args or [])
    except ExportArgsError as exc:
        await message.reply_text(
            Html(t(exc.code, lang, **exc.params, **examples(services.today())) + "\n\n"
                 + t("export.usage", lang, **examples(services.today())))
        )
        return
    scope = decide_scope(services.directory, access, args.agency, lang)
    if isinstance(scope, ScopeRefusal):
        await message.reply_text(_refusal(scope.code, scope, lang))
        return
    running: set[int] = context.application.bot_data.setdefault(_RUNNING, set())
    if access.user_id in running:
        await message.reply_text(t("export.busy", lang))
        return
    running.add(access.user_id)
    typing = asyncio.create_task(_show_progress(context, chat.id, ChatAction.UPLOAD_DOCUMENT))
    try:
        data, result = await export_bytes(
            services, scope, start=args.start, end=args.end, lang=lang
        )
    finally:
        typing.cancel()
        running.discard(access.user_id)
    period = period_label(args.start, args.end, lang)
    label = shorten(scope.label, 300)
    if result.rows == 0:
        await message.reply_text(t("export.empty", lang, scope=label, period=period))
        return
    await context.bot.send_document(
        chat.id,
        InputFile(data, filename=file_name(scope, services.today())),
        caption=t(
            "export.caption", lang, scope=label, period=period, rows=result.rows,
            today=fmt_date(services.today()),
        ),
    )


async def stats_command(update: Update, context: BotContext) -> None:
    """/stats: counts per lead agency in the official classes, then the chart."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    services = context.services
    access = await context.access()
    lang = access.language
    if not (access.is_admin or access.is_member):
        # In a group, the access is already narrowed this to the group's linked agencies.
        unlinked = chat.type != ChatType.PRIVATE and not (
            await services.linked_agencies(chat.id)
        )
        await message.reply_text(t("group.not_linked" if unlinked else "error.members_only", lang))
        return
    today = services.today()
    written = " ".join(context.args or []).strip() or None
    if written is not None:  # one agency (a collective: its members), as /export takes it
        chosen = decide_scope(services.directory, access, written, lang)
        if isinstance(chosen, ScopeRefusal):
            code = ("stats.not_your_agency" if chosen.code == "export.not_your_agency"
                    else chosen.code)
            await message.reply_text(_refusal(code, chosen, lang))
            return
        ids = services.directory.with_members(chosen.agency_ids or ())
        rows = stats_rows(await services.class_counts(today, ids), services.directory, ids)
        totals = None
        scope = shorten(chosen.label, 300)
    elif access.is_admin:
        rows = stats_rows(await services.class_counts(today), services.directory)
        totals = await services.class_totals(today)
        scope = plain("export.scope_province", lang)
    else:
        own = sorted(access.agency_ids)
        rows = stats_rows(await services.class_counts(today, own), services.directory, own)
        totals = None
        scope = shorten(", ".join(
            agency.name for i in own if (agency := services.directory.by_id(i)) is not None
        ), 300)
    for chunk in split_message(render_stats(rows, totals, scope, today, lang)):
        await message.reply_text(Html(chunk))
    if not any(counts.total for _, counts in rows):
        return
    # Drawing takes from nothing (kept) to seconds (a province's first chart of the day):
    # the counts are on screen already, and nobody else's update waits for the drawing.
    context.application.create_task(
        _send_chart(context, chat.id, rows, today, lang), update=update, name="stats-chart"
    )


_CHART_IDS = "reports.chart_file_ids"  # bot_data: chart key -> file_id Telegram gave it
_CHART_IDS_KEPT = 512


async def _send_chart(
    context: BotContext, chat_id: int, rows: StatsRows, today: date, lang: str
) -> None:
    """Send the chart of ``rows``: by the file_id of an identical chart sent before, else
    drawn (in a thread) and uploaded, remembering the file_id Telegram gives it."""
    title = plain("chart.title_province", lang, date=fmt_date(today))
    rows, caption = chart_caption(rows, today, lang)  # the agencies the text lists first
    key = chart_key(rows, title, lang)
    sent_ids: dict[object, str] = context.application.bot_data.setdefault(_CHART_IDS, {})
    file_id = sent_ids.get(key)
    if file_id is not None:
        try:
            await context.bot.send_photo(chat_id, file_id, caption=caption)
            return
        except BadRequest:
            sent_ids.pop(key, None)  # Telegram no longer knows it: upload it again
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    png = await asyncio.to_thread(class_chart_png, rows, title, lang)
    sent = await context.bot.send_photo(
        chat_id, InputFile(png, filename="thong-ke.png"), caption=caption
    )
    if sent.photo:
        if len(sent_ids) >= _CHART_IDS_KEPT:
            sent_ids.clear()
        sent_ids[key] = sent.photo[-1].file_id
