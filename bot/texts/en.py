"""English texts: the same keys as ``vi.py``; a missing key falls back to Vietnamese."""

TEXTS: dict[str, str] = {
    # --- General --------------------------------------------------------------
    "error.generic": "Sorry, something went wrong while handling your request. Please try again in a few minutes.",
    "error.not_allowed": "Sorry, you are not allowed to do this.",
    "error.admin_only": "This command is for administrators (the Provincial People's Committee Office) only.",
    "error.members_only": (
        "You do not belong to any agency yet, so you cannot see tasks. "
        "Send /start to see how to join."
    ),
    "error.bad_button": "This button is invalid or has expired. Please open it again from the command.",
    "error.unknown_command": "Unknown command {command}. Send /help to see what you can use.",
    "error.private_only": "Please use this command in a private chat with the bot.",
    # --- /start and /help ------------------------------------------------------
    "start.stranger": (
        "Hello {name}!\n\n"
        "This is <b>Nhắc việc</b>, a bot that tracks the tasks assigned in the province's "
        "conclusion notices: it reminds agencies before and after deadlines, takes progress "
        "reports and sends weekly summaries.\n\n"
        "Task information is only for staff of the agencies concerned. To use the bot, please "
        "ask the Provincial People's Committee Office for an invitation link to your agency.\n\n"
        "Your Telegram id: <code>{user_id}</code>"
    ),
    "start.member": (
        "Hello {name}!\n\n"
        "You follow the tasks of: {agencies}.\n"
        "The bot reminds you before and after each deadline and sends a summary on Monday "
        "mornings.\n\n"
        "{commands}"
    ),
    "start.admin": (
        "Hello {name}!\n\n"
        "You are an <b>administrator</b> of Nhắc việc: record conclusion notices, assign tasks, "
        "manage agencies and users, and see province-wide reports.\n\n"
        "{commands}"
    ),
    "help.title.member": "<b>Your commands</b>",
    "help.title.admin": "<b>Administrator commands</b>",
    "help.title.stranger": "<b>Commands</b>",
    "help.line": "/{command} — {description}",
    "help.no_agency": "no agency yet",
    # --- Command descriptions (menu and /help) -----------------------------------
    "cmd.start": "Introduction and how to start",
    "cmd.help": "List of commands",
}

TEXTS.update({
    # --- Task card and lists (bot/render.py) -------------------------------------
    "class.done_on_time": "Done on time",
    "class.done_late": "Done late",
    "class.in_progress": "Not done, within deadline",
    "class.overdue": "Not done, overdue",
    "class.no_deadline": "No deadline",
    "class.cancelled": "Cancelled",
    "status.open": "In progress",
    "status.reported_done": "Reported done, awaiting confirmation",
    "status.done": "Done",
    "status.cancelled": "Cancelled",
    "due.days_left": "{days} days left",
    "due.today": "due today",
    "due.days_overdue": "{days} days overdue",
    "due.none": "no deadline",
    "due.recurring": "recurring",
    "card.title": "<b>Task #{id}</b>{ordinal} {icon} {state}",
    "card.ordinal": " (item {ordinal})",
    "card.source": "📄 <b>Document:</b> {source}",
    "card.source_number": "Notice no. {number}",
    "card.source_no_number": "Conclusion notice",
    "card.source_date": "of {date}",
    "card.lead": "🏢 <b>Lead:</b> {agencies}",
    "card.support": "🤝 <b>Supporting:</b> {agencies}",
    "card.deadline": "⏰ <b>Deadline:</b> {deadline}",
    "card.deadline_phrase": "{date} (“{phrase}”)",
    "card.deadline_left": "{deadline} — {left}",
    "card.completed": "✅ <b>Completed on:</b> {date}",
    "card.latest_report": "📝 <b>Latest report</b> ({date}, {who}): {text}",
    "card.history": "🕘 <b>History:</b>",
    "card.history_more": "  … and {count} older entries",
    "card.event": "  • {at} — {what}{who}",
    "card.event_who": " ({who})",
    "card.not_found": "Task {id} does not exist.",
    "card.usage": "Usage: /task &lt;task number&gt;, e.g. /task 12",
    "card.no_access": "Task #{id} does not belong to your agencies, so you cannot see it.",
    "event.created": "Task created",
    "event.progress": "Progress report: {note}",
    "event.status": "Status changed: {old} → {new}",
    "event.deadline": "Deadline changed: {old} → {new}",
    "event.text": "Task text edited",
    "event.agencies": "Lead/supporting agencies changed",
    "event.done_reported": "Reported done: {note}",
    "event.done_confirmed": "Completion confirmed",
    "event.done_returned": "Returned as not done: {note}",
    "event.extension_requested": "Asked for an extension to {new}: {note}",
    "event.extension_approved": "Extension approved: {old} → {new}",
    "event.extension_rejected": "Extension rejected: {note}",
    "event.cancelled": "Task cancelled: {note}",
    "event.reopened": "Task reopened",
    "event.recurred": "Rolled over to the next period, new deadline {new}",
    "cmd.task": "Show one task: /task <number>",
    "list.more": "… and {count} more tasks",
})

TEXTS.update({
    # --- Charts ----------------------------------------------------------------
    "chart.tasks": "Tasks",
    "chart.title_province": "Task status by lead agency (as of {date})",
})

TEXTS.update({
    # --- Extractor: python -m bot extract / import -----------------------------------
    "extract.help": "read a conclusion notice (.txt, .docx, .pdf) and propose its tasks",
    "extract.help_file": "the notice: .txt, .docx or .pdf with a text layer",
    "extract.help_json": "print the result as JSON (for machines)",
    "import.help": "read a conclusion notice and save its tasks in the database",
    "import.help_yes": "save without asking (to load a backlog of existing notices)",
    "extract.error.missing": "File {path} not found.",
    "extract.error.unsupported_type": "Cannot read {path}: only .txt, .docx and .pdf files.",
    "extract.error.too_large": "File {path} is too large (at most {limit} MB).",
    "extract.error.unreadable": "Cannot open {path} (no read permission, or a folder).",
    "extract.error.empty": "File {path} is empty.",
    "extract.error.binary": "File {path} is not text (it looks binary).",
    "extract.error.undecodable": "File {path} is not UTF-8 text; save it as UTF-8.",
    "extract.error.corrupt": "File {path} is damaged or not in its format; cannot read it.",
    "extract.error.encrypted": "PDF {path} is password-protected; cannot read it.",
    "extract.error.no_text_layer":
        "PDF {path} has no text layer (a scanned image); use a PDF with text, .docx or .txt.",
    "extract.unknown": "(unknown)",
    "extract.doc_number": "Number     : {value}",
    "extract.doc_issuer": "Issued by  : {value}",
    "extract.doc_issued": "Issued on  : {value}",
    "extract.doc_meeting": "Meeting on : {value}",
    "extract.doc_signer": "Signed by  : {value}",
    "extract.doc_title": "Title      : {value}",
    "extract.count": "{count} proposed tasks:",
    "extract.none": "No tasks found in the document.",
    "extract.task": "{ordinal}. {text}",
    "extract.lead": "    Lead      : {names}",
    "extract.lead_missing": "    Lead      : (not found — choose an agency)",
    "extract.support": "    Support   : {names}",
    "extract.deadline": "    Deadline  : {date} (“{phrase}”)",
    "extract.deadline_none": "    Deadline  : none",
    "extract.recurring": "    Recurring : {period}, next due {date} (“{phrase}”)",
    "extract.period.weekly": "weekly",
    "extract.period.monthly": "monthly",
    "extract.period.quarterly": "quarterly",
    "extract.period.half_yearly": "every 6 months",
    "extract.period.yearly": "yearly",
    "extract.unresolved": "Agencies not in the directory (kept as written): {names}",
    "import.no_tasks": "No tasks found in {path}; nothing saved.",
    "import.duplicate":
        "This notice was imported before (conclusion #{id}{number}{issued}); not saved again.",
    "import.duplicate_number": ", number {number}",
    "import.duplicate_issued": ", dated {date}",
    "import.new_agencies": "{count} new agencies will be added to the directory: {names}",
    "import.created_agencies": "Added {count} new agencies to the directory: {names}",
    "import.without_lead":
        "No lead agency for task(s) {ordinals}; nothing saved. Run again without --yes to "
        "type the agency, or import through /import in Telegram.",
    "import.ask_lead": "Task {ordinal} has no lead agency. Type its name (Enter skips the task): ",
    "import.lead_unknown": "  “{name}” is not in the directory: it will be added as new.",
    "import.skipped": "  Skipped task {ordinal}.",
    "import.confirm": "Save this notice with {count} tasks? [y/N] ",
    "import.cancelled": "Cancelled, nothing saved.",
    "import.saved": "Saved conclusion #{id} with {count} tasks (task numbers {ids}).",
})

TEXTS.update({
    # --- Officials: task lists (/tasks /overdue /upcoming /done /find) -------------
    "cmd.tasks": "Open tasks, most urgent first",
    "cmd.overdue": "Overdue tasks",
    "cmd.upcoming": "Tasks due soon: /upcoming [days, default 7]",
    "cmd.done": "Tasks completed in the last 30 days",
    "cmd.find": "Search tasks by text, diacritics optional: /find <words>",
    "tl.scope_province": "whole province",
    "tl.head.open": "📋 <b>Open tasks</b> — {scope}: {total} tasks",
    "tl.head.overdue": "🔴 <b>Overdue tasks</b> — {scope}: {total} tasks",
    "tl.head.upcoming": "⏰ <b>Tasks due in the next {days} days</b> — {scope}: {total} tasks",
    "tl.head.done": "✅ <b>Tasks completed in the last {days} days</b> — {scope}: {total} tasks",
    "tl.head.find": "🔎 <b>Results for “{query}”</b> — {scope}: {total} tasks",
    "tl.empty.open": "No open tasks.",
    "tl.empty.overdue": "No overdue tasks. 👍",
    "tl.empty.upcoming": "No tasks due in the next {days} days.",
    "tl.empty.done": "No task was confirmed done in the last {days} days.",
    "tl.empty.find": "No task contains “{query}”. Try fewer or other words.",
    "tl.page": "Page {page}/{pages}",
    "tl.hint": "Press a task number to see it, report progress or ask for more time.",
    "tl.prev": "« Previous",
    "tl.next": "Next »",
    "tl.find_narrow": "Many results; please search with more specific words.",
    "tl.upcoming_usage": "Usage: /upcoming [days from 1 to 366], e.g. /upcoming 14",
    "tl.find_usage": "Usage: /find &lt;words&gt;, e.g. /find so hoa (diacritics optional)",
    "tl.done_when": "completed {date} ({verdict})",
    "tl.done_on_time": "on time",
    "tl.done_late": "{days} days late",
    "tl.done_no_deadline": "no deadline",
    # --- Officials: acting on a task and admins' decisions --------------------------
    "act.btn.progress": "📝 Report progress",
    "act.btn.done": "✅ Done",
    "act.btn.extend": "⏳ Ask for more time",
    "act.btn.confirm": "✅ Confirm done",
    "act.btn.return": "↩️ Return",
    "act.btn.approve": "👍 Approve extension",
    "act.btn.reject": "👎 Reject",
    "act.btn.cancel": "Cancel",
    "act.btn.file": "📎 Latest report's file",
    "act.btn.view": "Open task #{id}",
    "act.refuse.not_found": "Task #{id} does not exist (it may have been deleted).",
    "act.refuse.no_access": "Task #{id} does not belong to your agencies, so you cannot act on it.",
    "act.refuse.not_lead": "Your agency only supports task #{id}: you may report progress; reporting it done or asking for more time is for the lead agency.",
    "act.refuse.not_admin": "Only admins (the provincial office) may decide this.",
    "act.refuse.cancelled": "Task #{id} was cancelled.",
    "act.refuse.closed": "Task #{id} is already confirmed done.",
    "act.refuse.awaiting": "Task #{id} was reported done and awaits the provincial office's confirmation.",
    "act.refuse.no_deadline": "Task #{id} has no deadline, so there is nothing to extend.",
    "act.refuse.recurring": "Task #{id} recurs; each period has its own deadline, which cannot be extended.",
    "act.refuse.extension_pending": "Task #{id} already has an extension request awaiting a decision.",
    "act.refuse.decided": "This request on task #{id} was already decided; nothing changed.",
    "act.refuse.stale": "This button is no longer valid. Please open the task again with /task {id}.",
    "act.task_line": "<b>Task #{id}</b>: {text}",
    "act.verdict.on_time": "on time",
    "act.verdict.late": "{days} days late",
    "act.verdict.no_deadline": "task without deadline",
    "act.open_private": "The bot needs to message you privately: open a chat with the bot, press Start, then press this button again.",
    "act.asked_in_private": "The bot sent you a private message; please answer there.",
    "act.cancelled": "Cancelled.",
    "act.confirmed_toast": "Confirmed done.",
    "act.approved_toast": "Extension approved.",
    "act.ask.progress": (
        "📝 Progress report — {task}\n\n"
        "Please send the report in your next message. You may attach a file (document, "
        "photo): attach it and write the report in its caption.\n"
        "<i>The bot waits {minutes} minutes.</i>"
    ),
    "act.ask.done": (
        "✅ Report done — {task}\n\n"
        "Please send a short result (e.g. the number and date of the report or what was "
        "delivered). The provincial office will confirm it.\n"
        "<i>The bot waits {minutes} minutes.</i>"
    ),
    "act.ask.extension_date": (
        "⏳ More time — {task}\n\n"
        "Current deadline: <b>{deadline}</b>. Please send the proposed deadline, e.g. "
        "<code>31/10/2024</code>, <code>30/11</code> or <code>+14</code> (14 days from today).\n"
        "<i>The bot waits {minutes} minutes.</i>"
    ),
    "act.ask.extension_reason": "Proposed deadline for task #{id}: <b>{date}</b>.\nPlease send the reason.",
    "act.ask.return_note": (
        "↩️ Return the done report — {task}\n\n"
        "Please send your note (why it is not done yet); the lead agency will receive it.\n"
        "<i>The bot waits {minutes} minutes.</i>"
    ),
    "act.ask.reject_note": (
        "👎 Reject the extension — {task}\n\n"
        "Please send the reason; the lead agency will receive it.\n"
        "<i>The bot waits {minutes} minutes.</i>"
    ),
    "act.file_caption": "📎 Progress report file of task #{id}: {note}",
    "act.kind.progress": "progress report",
    "act.kind.done_result": "done report",
    "act.kind.extension_date": "extension request",
    "act.kind.extension_reason": "extension request",
    "act.kind.return_note": "return of a done report",
    "act.kind.reject_note": "extension rejection",
    "act.input.expired": (
        "Your {what} for task #{id} waited more than {minutes} minutes, so this message was "
        "not recorded. Please open the task again (/task {id}) and press the button again."
    ),
    "act.input.need_text": "Please send it as text (or press Cancel on the previous message).",
    "act.progress.need_text": "File received. Please send a few lines of report to go with it.",
    "act.progress.saved": "Progress report on task #{id} recorded. Thank you!",
    "act.progress.saved_file": "Progress report on task #{id} recorded with its file. Thank you!",
    "act.done.sent": "Your done report on task #{id} was sent to the provincial office. You will be told when it is confirmed or returned.",
    "act.extension.sent": "Your request to extend task #{id} to {new} was sent to the provincial office. You will be told of the decision.",
    "act.date.empty": "Please send the proposed deadline, e.g. 31/10/2024.",
    "act.date.unrecognized": "The bot did not understand “{text}”. Please send a date, e.g. 31/10/2024 or +14.",
    "act.date.invalid_date": "There is no such date as “{date}”. Please send it again, e.g. 31/10/2024.",
    "act.date.past": "{date} is past (today is {today}). Please send a later date.",
    "act.date.too_far": "{date} is too far ahead. Please send an earlier date.",
    "act.date.not_a_date": "An extension needs one date, e.g. 31/10/2024. Please send it again.",
    "act.date.not_later": "The proposed deadline must be after the current one ({deadline}). Please send it again.",
    "act.notify.done_reported": (
        "🕓 <b>Reported done, awaiting confirmation</b>\n{task}\n\n"
        "🏢 {agencies} — {who}, {at}\n"
        "⏰ Deadline: {deadline}\n"
        "📝 Result: {result}\n\n"
        "If confirmed, the task counts as done on {date} ({verdict})."
    ),
    "act.notify.extension_requested": (
        "⏳ <b>Extension request</b>\n{task}\n\n"
        "🏢 {agencies} — {who}, {at}\n"
        "⏰ Current deadline: {old}\n"
        "➡️ Asked for: <b>{new}</b>\n"
        "💬 Reason: {reason}"
    ),
    "act.notify.confirmed": "✅ <b>Confirmed done</b>\n{task}\n\nDone on {date} ({verdict}).",
    "act.notify.recurred": (
        "✅ <b>This period confirmed done</b>\n{task}\n\n"
        "Done on {date} ({verdict}). Next period: due <b>{next}</b>."
    ),
    "act.notify.returned": (
        "↩️ <b>Done report not confirmed</b>\n{task}\n\n"
        "💬 The provincial office says: {note}\n"
        "The task stays open; deadline: {deadline}."
    ),
    "act.notify.approved": "👍 <b>Extension approved</b>\n{task}\n\nNew deadline: <b>{new}</b> (was {old}).",
    "act.notify.rejected": (
        "👎 <b>Extension rejected</b>\n{task}\n\n"
        "The deadline stays <b>{old}</b> (asked: {new}).\n💬 Reason: {note}"
    ),
    "act.decided.confirmed": "✅ Confirmed done — {who}, {at}",
    "act.decided.returned": "↩️ Returned — {who}, {at}",
    "act.decided.approved": "👍 Extension approved — {who}, {at}",
    "act.decided.rejected": "👎 Extension rejected — {who}, {at}",
    "act.done.admin_confirmed": "Confirmed. The lead agency was told:\n\n{body}",
    "act.done.admin_returned": "The done report on task #{id} was returned; the lead agency was told, with your note.",
    "act.done.admin_approved": "Task #{id} extended to {new}; the lead agency was told.",
    "act.done.admin_rejected": "Extension of task #{id} rejected; the lead agency was told, with your reason.",
})
