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
    # --- Nudges and weekly summaries (bot/nudges.py, bot/summary.py, bot/reminders.py) ---
    "nudge.head_before": "⏰ <b>Reminder: task #{id} is due in {days} days</b>",
    "nudge.head_due": "🔔 <b>Reminder: task #{id} is due today</b>",
    "nudge.head_overdue": "🔴 <b>Reminder: task #{id} is {days} days overdue</b>",
    "nudge.agency": "🏢 Lead agency: <b>{agency}</b>",
    "nudge.deadline": "⏰ <b>Deadline:</b> {date}",
    "nudge.ask_before": "Please make sure it is done on time and keep its progress up to date.",
    "nudge.ask_due": (
        "Please complete it and report today; if that is not possible, explain why and ask "
        "for an extension."
    ),
    "nudge.ask_overdue": (
        "Please complete it as soon as possible, report the result, or explain the delay and "
        "propose a new deadline."
    ),
    "nudge.open": "📋 Open task #{id}",
    "nudge.open_short": "📋 #{id}",
    "nudge.digest_head": "🔔 <b>Reminders for {today}</b>\n{count} tasks are due soon or overdue:",
    "nudge.catchup_head": (
        "🔔 <b>Catch-up reminder</b>\nThe service was interrupted, so the reminders since {since} "
        "are combined here. State of {count} tasks as of {today}:"
    ),
    "nudge.digest_agency": "🏢 <b>{agency}</b>",
    "nudge.digest_ask": "Press a task number below to see it and update its progress.",
    "summary.head": "📊 <b>Weekly summary {week} — {agency}</b>\nTasks this agency leads, "
                    "as of {today}:",
    "summary.count": "{icon} {label}: <b>{count}</b>",
    "summary.total": "Total: <b>{count}</b> tasks",
    "summary.overdue": "🔴 <b>Overdue ({count}):</b>",
    "summary.due_soon": "⏰ <b>Due within 7 days ({count}):</b>",
    "summary.completed": "✅ <b>Completed last week, {start}–{end} ({count}):</b>",
    "summary.all_clear": "👍 Nothing overdue or due within the next 7 days.",
    "summary.province_head": "📊 <b>Province summary — week {week}</b>\nTasks per lead agency "
                             "as of {today}:",
    "summary.province_legend": (
        "(🔴 overdue · 🟡 within deadline · ✅ on time · ☑️ done late · ⚪ no deadline; "
        "most overdue first)"
    ),
    "summary.province_row": "{n}. <b>{agency}</b> ({total}): {cells}",
    "summary.province_empty": "No tasks assigned yet.",
    "summary.province_totals": "<b>Province:</b>",
    "summary.chart_caption": "📈 Tasks per lead agency, week {week} (as of {today}).",
})
