"""Vietnamese texts (the reference catalogue). HTML; {name} are parameters.

Sections are grouped by feature so that each feature's wording can be read in one go.
"""

TEXTS: dict[str, str] = {
    # --- General --------------------------------------------------------------
    "error.generic": "Xin lỗi, đã có lỗi xảy ra khi xử lý yêu cầu. Vui lòng thử lại sau ít phút.",
    "error.storage_full": (
        "Xin lỗi, hệ thống hiện không lưu được dữ liệu (bộ nhớ máy chủ đã đầy hoặc gặp sự "
        "cố). Thao tác vừa rồi chưa được lưu; vui lòng thử lại sau."
    ),
    "error.not_allowed": "Xin lỗi, anh/chị không có quyền thực hiện thao tác này.",
    "error.admin_only": "Lệnh này chỉ dành cho quản trị viên (Văn phòng UBND tỉnh).",
    "error.members_only": (
        "Anh/chị chưa thuộc cơ quan nào trên hệ thống nên chưa xem được nhiệm vụ. "
        "Gửi /start để biết cách tham gia."
    ),
    "error.bad_button": (
        "Nút bấm này không hợp lệ hoặc đã hết hiệu lực. Vui lòng gửi lại lệnh (ví dụ /tasks) "
        "để có nút mới."
    ),
    "error.unknown_command": (
        "Không có lệnh {command}. Gửi /help để xem các lệnh anh/chị dùng được."
    ),
    "error.private_only": "Vui lòng dùng lệnh này trong tin nhắn riêng với bot.",
    # --- /start and /help ------------------------------------------------------
    "start.stranger": (
        "Xin chào {name}!\n\n"
        "Đây là <b>Nhắc việc</b>, công cụ theo dõi các nhiệm vụ được giao tại thông báo kết "
        "luận, ý kiến chỉ đạo của lãnh đạo tỉnh: nhắc cơ quan trước và sau thời hạn, nhận "
        "báo cáo tiến độ, gửi tổng hợp hằng tuần.\n\n"
        "Thông tin nhiệm vụ chỉ dành cho cán bộ của các cơ quan được giao. Để sử dụng, "
        "anh/chị vui lòng liên hệ Văn phòng UBND tỉnh để nhận link mời tham gia cơ quan của "
        "mình, hoặc gửi /join để chọn cơ quan và chờ Văn phòng UBND tỉnh duyệt.\n\n"
        "Mã Telegram của anh/chị: <code>{user_id}</code>"
    ),
    "start.member": (
        "Xin chào {name}!\n\n"
        "Anh/chị đang theo dõi nhiệm vụ của: {agencies}.\n"
        "Bot nhắc trước và sau thời hạn của từng nhiệm vụ, gửi bản tổng hợp vào {when}.\n\n"
        "{commands}"
    ),
    "start.admin": (
        "Xin chào {name}!\n\n"
        "Anh/chị là <b>quản trị viên</b> của Nhắc việc: ghi nhận thông báo kết luận, giao "
        "nhiệm vụ, quản lý cơ quan và người dùng, xem báo cáo toàn tỉnh.\n\n"
        "{commands}"
    ),
    "help.title.member": "<b>Các lệnh của anh/chị</b>",
    "help.title.admin": "<b>Các lệnh của quản trị viên</b>",
    "help.title.stranger": "<b>Các lệnh dùng được</b>",
    "help.line": "/{command} — {description}",
    "help.no_agency": "chưa thuộc cơ quan nào",
    # --- Command descriptions (menu and /help) -----------------------------------
    "cmd.start": "Giới thiệu và hướng dẫn bắt đầu",
    "cmd.help": "Danh sách lệnh",
    # --- CLI -----------------------------------------------------------------
    "cli.settings_error": "Cấu hình sai — {setting}: {message}",
    "cli.database_error": "Không mở được cơ sở dữ liệu: {message}",
    "cli.already_running": (
        "Bot đã đang chạy trên cơ sở dữ liệu {database} (tiến trình {pid}, khóa {lock}); "
        "không chạy thêm bản thứ hai"
    ),
    "cli.token_rejected": (
        "Telegram từ chối mã bot (401 Unauthorized): mã trong TELEGRAM_BOT_TOKEN sai hoặc đã "
        "bị thu hồi; lấy mã mới từ @BotFather rồi chạy lại"
    ),
    "cli.telegram_unreachable": (
        "Chưa kết nối được Telegram ({detail}); bot tiếp tục thử lại, lần sau sau {delay} giây"
    ),
    "cli.telegram_reached": "Đã kết nối được Telegram sau {attempts} lần thử.",
    "cli.db.write_failed": (
        "Không ghi được cơ sở dữ liệu {path} ({detail}): ổ đĩa đầy hoặc lỗi ghi. Bot vẫn chạy "
        "và trả lời; các thay đổi chưa được lưu cho tới khi ghi lại được (chỉ báo một lần)"
    ),
    "cli.db.write_recovered": "Đã ghi lại được cơ sở dữ liệu {path}.",
    "cli.db.not_regular": "{path} không phải một tệp (thư mục, thiết bị hay ống dẫn); kiểm tra DATABASE_PATH",
    "cli.db.cannot_open": "không mở được {path} ({detail}); kiểm tra DATABASE_PATH và quyền ghi thư mục",
    "cli.db.not_database": "{path} không phải cơ sở dữ liệu SQLite của bot hoặc đã hỏng ({detail}); kiểm tra DATABASE_PATH",
    "cli.db.damaged": (
        "{path} bị hỏng (kiểm tra quick_check: {detail}); bot không chạy trên dữ liệu hỏng — "
        "hãy khôi phục từ bản sao lưu"
    ),
    "cli.directory_error": "Danh mục cơ quan sai: {message}",
    "cli.directory_empty": (
        "tệp {path} không khai báo cơ quan nào (cần ít nhất một bảng [[agency]]); "
        "không có gì thay đổi trong cơ sở dữ liệu"
    ),
    "cli.file.missing": "không tìm thấy tệp {path}",
    "cli.file.not_regular": "{path} không phải một tệp thông thường (thư mục, thiết bị hay ống dẫn)",
    "cli.file.too_large": "tệp {path} lớn hơn {limit} MB",
    "cli.file.unreadable": "không đọc được tệp {path} ({detail})",
    "cli.file.binary": "tệp {path} không phải văn bản (có byte nhị phân)",
    "cli.file.not_utf8": (
        "tệp {path} không phải văn bản UTF-8 (byte lạ ở vị trí {offset}); hãy lưu lại dưới "
        "dạng UTF-8"
    ),
    "cli.backup_done": "Đã sao lưu {source} sang {dest} ({pages} trang).",
    "cli.backup.source_missing": "Không sao lưu: không tìm thấy cơ sở dữ liệu {source}.",
    "cli.backup.source_not_regular": "Không sao lưu: {source} không phải một tệp cơ sở dữ liệu.",
    "cli.backup.source_not_database": (
        "Không sao lưu: {source} không phải cơ sở dữ liệu SQLite đọc được ({detail})."
    ),
    "cli.backup.dest_is_database": (
        "Không sao lưu: {dest} chính là cơ sở dữ liệu đang dùng (hoặc một liên kết tới nó); "
        "hãy chọn một tệp khác."
    ),
    "cli.backup.dest_directory": (
        "Không sao lưu: {dest} là một thư mục; hãy ghi tên tệp, ví dụ {dest}/nhacviec.sqlite3."
    ),
    "cli.backup.dest_not_regular": (
        "Không sao lưu: {dest} đã có và không phải tệp thông thường (thiết bị, ống dẫn…); "
        "không có gì bị ghi."
    ),
    "cli.backup.dest_unwritable": "Không sao lưu: không ghi được vào thư mục của {dest} ({detail}).",
    "cli.backup.write_failed": (
        "Không sao lưu: ghi bản sao thất bại ({detail}), có thể ổ đĩa đã đầy; {dest} vẫn như cũ."
    ),
    "cli.backup.check_failed": (
        "Không sao lưu: bản sao không qua kiểm tra toàn vẹn ({detail}); cơ sở dữ liệu {source} "
        "có thể đã hỏng, {dest} vẫn như cũ."
    ),
    "cli.agencies_header": "{count} cơ quan (★ = đang hoạt động, → = cơ quan kế thừa):",
    "cli.agency_line": "{mark} {name}{short}{successor}  [{code}]",
    "cli.resolve_written": "Viết trong văn bản : {written}",
    "cli.resolve_named": "Cơ quan được nêu   : {named}{former}",
    "cli.resolve_current": "Cơ quan hiện nay   : {current}",
    "cli.resolve_former": " (tên cũ, đã sáp nhập/đổi tên)",
    "cli.resolve_unknown": "Không tìm thấy cơ quan nào khớp với \"{written}\" trong danh mục.",
    # --- Settings hints (operators) ----------------------------------------------
    "settings.telegram_bot_token": (
        "chưa có hoặc sai dạng. Mở Telegram, nhắn @BotFather lệnh /newbot để tạo bot và nhận "
        "token (dạng 123456789:ABC...), rồi đặt TELEGRAM_BOT_TOKEN=<token> trong tệp .env"
    ),
    "settings.database_path": "phải là đường dẫn một tệp SQLite (không để trống), ví dụ DATABASE_PATH=data/nhacviec.sqlite3",
    "settings.admin_ids": (
        "phải là các Telegram user id (số) cách nhau bởi dấu phẩy, "
        "ví dụ ADMIN_IDS=123456789,987654321"
    ),
    "settings.timezone": "phải là tên múi giờ IANA, ví dụ TIMEZONE=Asia/Ho_Chi_Minh",
    "settings.telegram_api_base_url": (
        "phải là địa chỉ gốc của máy chủ Bot API, không kèm /bot, "
        "ví dụ TELEGRAM_API_BASE_URL=http://127.0.0.1:8081"
    ),
    "settings.agencies_file": (
        "không đọc được tệp {path}; đặt AGENCIES_FILE là đường dẫn tới tệp TOML danh mục "
        "cơ quan, ví dụ AGENCIES_FILE=config/agencies.example.toml"
    ),
    "settings.log_level": "phải là DEBUG, INFO, WARNING hoặc ERROR",
    "settings.other": "giá trị không hợp lệ ({detail})",
    "settings.env_encoding": (
        "tệp không phải văn bản UTF-8; mở tệp và lưu lại với mã UTF-8 (trong Notepad: "
        "Save As, Encoding: UTF-8)"
    ),
}

TEXTS.update({
    # --- Task card and lists (bot/render.py) -------------------------------------
    "class.done_on_time": "Hoàn thành đúng hạn",
    "class.done_late": "Hoàn thành quá hạn",
    "class.in_progress": "Chưa hoàn thành, trong hạn",
    "class.overdue": "Chưa hoàn thành, quá hạn",
    "class.no_deadline": "Không có thời hạn",
    "class.cancelled": "Đã hủy",
    "status.open": "Đang thực hiện",
    "status.reported_done": "Đã báo cáo hoàn thành, chờ xác nhận",
    "status.done": "Đã hoàn thành",
    "status.cancelled": "Đã hủy",
    "due.days_left": "còn {days} ngày",
    "due.today": "đến hạn hôm nay",
    "due.days_overdue": "quá hạn {days} ngày",
    "due.none": "không có thời hạn",
    "due.recurring": "định kỳ",
    "card.title": "<b>Nhiệm vụ #{id}</b>{ordinal} {icon} {state}",
    "card.ordinal": " (mục {ordinal})",
    "card.source": "📄 <b>Văn bản:</b> {source}",
    "card.source_number": "Thông báo số {number}",
    "card.source_no_number": "Thông báo kết luận",
    "card.source_date": "ngày {date}",
    "card.lead": "🏢 <b>Cơ quan chủ trì:</b> {agencies}",
    "card.support": "🤝 <b>Cơ quan phối hợp:</b> {agencies}",
    "card.deadline": "⏰ <b>Thời hạn:</b> {deadline}",
    "card.deadline_phrase": "{date} (“{phrase}”)",
    "card.deadline_extended": "{date} (đã gia hạn; ban đầu “{phrase}”)",
    "card.deadline_extended_from": "{date} (đã gia hạn; ban đầu {old})",
    "card.deadline_left": "{deadline} — {left}",
    "card.deadline_units_open": "{deadline} (đơn vị chưa hoàn thành được gia hạn, hạn gần nhất {date})",
    "card.deadline_units_done": "{deadline} (đơn vị được gia hạn muộn nhất đến {date})",
    "card.completed": "✅ <b>Hoàn thành ngày:</b> {date}",
    "card.latest_done": "✅ <b>Báo cáo hoàn thành</b> ({date}, {who}): {text}",
    "card.latest_report": "📝 <b>Báo cáo tiến độ gần nhất</b> ({date}, {who}): {text}",
    "card.history": "🕘 <b>Quá trình thực hiện:</b>",
    "card.history_more": "  … và {count} mục cũ hơn",
    "card.event": "  • {at} — {what}{who}",
    "card.event_who": " ({who})",
    "card.not_found": "Không tìm thấy nhiệm vụ số {id}.",
    "card.usage": "Cách dùng: /task &lt;số nhiệm vụ&gt;, ví dụ /task 12",
    "card.no_access": "Nhiệm vụ #{id} không thuộc cơ quan của anh/chị nên anh/chị không xem được.",
    "event.created": "Giao nhiệm vụ",
    "event.progress": "Báo cáo tiến độ: {note}",
    "event.status": "Chuyển trạng thái: {old} → {new}",
    "event.deadline": "Điều chỉnh thời hạn: {old} → {new}",
    "event.text": "Điều chỉnh nội dung nhiệm vụ",
    "event.agencies": "Điều chỉnh cơ quan chủ trì, phối hợp",
    "event.done_reported": "Báo cáo hoàn thành: {note}",
    "event.done_confirmed": "Xác nhận hoàn thành, ngày hoàn thành {date}",
    "event.done_returned": "Chưa xác nhận hoàn thành, trả lại: {note}",
    "event.extension_requested": "Đề nghị gia hạn đến {new}: {note}",
    "event.extension_approved": "Chấp thuận gia hạn: {old} → {new}",
    "event.extension_rejected": "Không chấp thuận gia hạn: {note}",
    "event.extension_closed": (
        "Khép lại đề nghị gia hạn đến {new}: đã xác nhận hoàn thành, không cần gia hạn"
    ),
    "event.cancelled": "Hủy nhiệm vụ: {note}",
    "event.reopened": "Mở lại nhiệm vụ",
    "event.recurred": "Chuyển sang kỳ sau, thời hạn {new}",
    "event.closed": "Văn phòng kết thúc nhiệm vụ: {note}",
    "cmd.task": "Xem chi tiết một nhiệm vụ: /task <số>",
    "list.more": "… và {count} nhiệm vụ khác",
})

TEXTS.update({
    # --- Charts ----------------------------------------------------------------
    "chart.tasks": "Số nhiệm vụ",
    "chart.title_province": "Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì (đến {date})",
})

TEXTS.update({
    # --- Extractor: python -m bot extract / import -----------------------------------
    "extract.help": "đọc một thông báo kết luận (.txt, .docx, .pdf) và đề xuất các nhiệm vụ",
    "extract.help_file": "tệp thông báo: .txt, .docx hoặc .pdf (bản chọn/sao chép được chữ)",
    "extract.help_json": "in kết quả dạng JSON (để máy đọc)",
    "import.help": "đọc một thông báo kết luận và lưu các nhiệm vụ vào cơ sở dữ liệu",
    "import.help_yes": "lưu ngay, không hỏi (để nạp hàng loạt thông báo cũ)",
    "extract.error.missing": "Không tìm thấy tệp {path}.",
    "extract.error.unsupported_type":
        "Tệp {path} không đọc được: chỉ nhận tệp .txt, .docx hoặc .pdf.",
    "extract.error.too_large": "Tệp {path} quá lớn (tối đa {limit} MB).",
    "extract.error.unreadable": "Không mở được tệp {path} (không có quyền đọc hoặc là thư mục).",
    "extract.error.empty": "Tệp {path} không có nội dung.",
    "extract.error.binary": "Tệp {path} không phải tệp văn bản.",
    "extract.error.undecodable":
        "Tệp {path} không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.",
    "extract.error.corrupt": "Tệp {path} bị hỏng hoặc không đúng định dạng, không đọc được.",
    "extract.error.encrypted": "Tệp PDF {path} được đặt mật khẩu, không đọc được.",
    "extract.error.no_text_layer": (
        "Tệp PDF {path} là bản scan, chưa đọc được chữ; hãy dùng bản PDF chọn/sao chép được "
        "chữ, tệp .docx hoặc .txt."
    ),
    "extract.error.not_regular": "Tệp {path} không phải tệp thông thường (thư mục, thiết bị hay ống dẫn), không đọc.",
    "extract.error.too_big_unpacked": "Tệp {path} khi giải nén lớn hơn {unpacked} MB (giới hạn), không đọc tiếp.",
    "extract.error.too_many_parts": "Tệp {path} có hơn {parts} thành phần bên trong (giới hạn), không đọc.",
    "extract.error.too_complex": "Tệp {path} có hơn {elements} phần tử XML (giới hạn), quá phức tạp để đọc.",
    "extract.error.too_many_paragraphs": "Tệp {path} có hơn {paragraphs} đoạn (giới hạn), không phải một thông báo kết luận.",
    "extract.error.too_many_pages": "Tệp {path} có hơn {pages} trang (giới hạn), không đọc.",
    "extract.error.too_long": "Tệp {path} dài hơn {chars} ký tự (giới hạn), không đọc.",
    "extract.error.too_slow": "Tệp {path} cần hơn {seconds} giây để đọc và phân tích (giới hạn), đã dừng.",
    "extract.error.too_much_memory": "Tệp {path} cần hơn {memory} MB bộ nhớ để đọc (giới hạn), đã dừng.",
    "extract.error.failed": "Tệp {path} không đọc được (tiến trình đọc tệp dừng bất thường).",
    "extract.unknown": "(không rõ)",
    "extract.doc_number": "Số văn bản      : {value}",
    "extract.doc_issuer": "Cơ quan ban hành: {value}",
    "extract.doc_issued": "Ngày ban hành   : {value}",
    "extract.doc_meeting": "Ngày họp        : {value}",
    "extract.doc_signer": "Người ký        : {value}",
    "extract.doc_title": "Trích yếu       : {value}",
    "extract.count": "Đề xuất {count} nhiệm vụ:",
    "extract.none": "Không tìm thấy nhiệm vụ nào trong văn bản.",
    "extract.task": "{ordinal}. {text}",
    "extract.lead": "    Chủ trì   : {names}",
    "extract.lead_missing": "    Chủ trì   : (chưa xác định — cần chọn cơ quan)",
    "extract.support": "    Phối hợp  : {names}",
    "extract.deadline": "    Thời hạn  : {date} (“{phrase}”)",
    "extract.deadline_none": "    Thời hạn  : không có",
    "extract.recurring": "    Định kỳ   : {period}, hạn gần nhất {date} (“{phrase}”)",
    "extract.period.weekly": "hằng tuần",
    "extract.period.monthly": "hằng tháng",
    "extract.period.quarterly": "hằng quý",
    "extract.period.half_yearly": "6 tháng một lần",
    "extract.period.yearly": "hằng năm",
    "extract.unresolved": "Cơ quan chưa có trong danh mục (giữ nguyên như văn bản): {names}",
    "import.no_tasks": "Không tìm thấy nhiệm vụ nào trong {path}; không lưu gì.",
    "import.duplicate":
        "Thông báo này đã được nhập trước đây (kết luận #{id}{number}{issued}); không lưu lại.",
    "import.duplicate_number": ", số {number}",
    "import.duplicate_issued": ", ngày {date}",
    "import.new_agencies": "Sẽ thêm {count} cơ quan mới vào danh mục: {names}",
    "import.created_agencies": "Đã thêm {count} cơ quan mới vào danh mục: {names}",
    "import.without_lead":
        "Chưa xác định cơ quan chủ trì cho nhiệm vụ {ordinals}; không lưu gì. Chạy lại lệnh "
        "không có --yes để nhập tên cơ quan, hoặc nhập qua /import trong Telegram.",
    "import.ask_lead":
        "Nhiệm vụ {ordinal} chưa có cơ quan chủ trì. Nhập tên cơ quan (Enter để bỏ qua "
        "nhiệm vụ này): ",
    "import.lead_unknown": "  “{name}” chưa có trong danh mục: sẽ được thêm làm cơ quan mới.",
    "import.skipped": "  Bỏ qua nhiệm vụ {ordinal}.",
    "import.confirm": "Lưu thông báo này với {count} nhiệm vụ? [c/K] ",
    "import.cancelled": "Đã hủy, chưa lưu gì.",
    "import.saved": "Đã lưu kết luận #{id} với {count} nhiệm vụ (số nhiệm vụ {ids}).",
    # --- Nudges and weekly summaries (bot/nudges.py, bot/summary.py, bot/reminders.py) ---
    "nudge.head_before": "⏰ <b>Nhắc việc: nhiệm vụ #{id} còn {days} ngày đến hạn</b>",
    "nudge.head_due": "🔔 <b>Nhắc việc: hôm nay là hạn hoàn thành nhiệm vụ #{id}</b>",
    "nudge.head_overdue": "🔴 <b>Nhắc việc: nhiệm vụ #{id} đã quá hạn {days} ngày</b>",
    "nudge.agency": "🏢 Cơ quan chủ trì: <b>{agency}</b>",
    "nudge.deadline": "⏰ <b>Thời hạn:</b> {date}",
    "nudge.ask_before": (
        "Đề nghị quý cơ quan khẩn trương triển khai, bảo đảm hoàn thành đúng thời hạn và cập "
        "nhật tiến độ trên Nhắc việc."
    ),
    "nudge.ask_due": (
        "Đề nghị quý cơ quan hoàn thành và báo cáo kết quả trong ngày hôm nay; nếu chưa thể "
        "hoàn thành, báo cáo rõ lý do và đề nghị gia hạn."
    ),
    "nudge.ask_overdue": (
        "Đề nghị quý cơ quan khẩn trương hoàn thành và báo cáo kết quả; nếu chưa hoàn thành "
        "được, nêu rõ lý do và đề nghị gia hạn."
    ),
    "nudge.open": "📋 Xem nhiệm vụ #{id}",
    "nudge.open_short": "📋 #{id}",
    "nudge.digest_head": (
        "🔔 <b>Nhắc việc ngày {today}</b>\n{count} nhiệm vụ sắp đến hạn hoặc đã quá hạn cần "
        "quý cơ quan quan tâm:"
    ),
    "nudge.catchup_head": (
        "🔔 <b>Nhắc việc tổng hợp</b>\nDo hệ thống tạm gián đoạn, các lời nhắc từ ngày {since} "
        "đến nay được gộp lại trong tin này. Tình hình {count} nhiệm vụ tính đến ngày {today}:"
    ),
    "nudge.digest_agency": "🏢 <b>{agency}</b>",
    "nudge.digest_ask": "Bấm vào số nhiệm vụ bên dưới để xem chi tiết và cập nhật tiến độ.",
    "nudge.support_agency": "🤝 Cơ quan phối hợp: <b>{agency}</b> · chủ trì: {lead}",
    "nudge.ask_support_before": (
        "Nhiệm vụ sắp đến hạn; đề nghị quý cơ quan phối hợp chặt chẽ với cơ quan chủ trì và "
        "cập nhật tiến độ phần việc được giao."
    ),
    "nudge.ask_support_due": (
        "Hôm nay là hạn hoàn thành; đề nghị quý cơ quan phối hợp chặt chẽ với cơ quan chủ trì "
        "và cập nhật tiến độ phần việc được giao."
    ),
    "nudge.ask_support_overdue": (
        "Nhiệm vụ đã quá hạn; đề nghị quý cơ quan phối hợp với cơ quan chủ trì khẩn trương "
        "hoàn thành và cập nhật tiến độ phần việc được giao."
    ),
    "nudge.digest_support": "🤝 <b>{agency}</b> (phối hợp)",
    "summary.supported": "🤝 <b>Phối hợp thực hiện, chưa hoàn thành ({count}):</b>",
    "summary.unreached_head": (
        "📵 <b>Đơn vị chưa có ai nhận nhắc việc ({count}):</b> có nhiệm vụ đang thực hiện "
        "nhưng chưa có thành viên hay nhóm nào nhận tin. Gửi lời mời cho đơn vị:"
    ),
    "summary.unreached_row": "• {agency} — {count} nhiệm vụ: <code>/invite {agency}</code>",
    "summary.unreached_more": "… và {count} đơn vị khác.",
    "unreported.remind_head": (
        "📣 <b>Đề nghị báo cáo tiến độ — {agency}</b> (ngày {today})\nTrong {days} ngày qua, "
        "quý cơ quan chưa báo cáo tiến độ {count} nhiệm vụ sắp đến hạn hoặc đã quá hạn:"
    ),
    "unreported.remind_ask": (
        "Đề nghị quý cơ quan báo cáo tiến độ (bấm số nhiệm vụ bên dưới, chọn “Báo cáo tiến độ”) "
        "hoặc báo cáo kết quả nếu đã hoàn thành."
    ),
    "unreported.line": "• <b>#{id}</b> {text}\n     hạn {date}, {due} · {last}",
    "unreported.never": "chưa báo cáo lần nào",
    "unreported.last": "báo cáo gần nhất {date}",
    "unreported.head": (
        "📋 <b>Đơn vị chưa báo cáo tiến độ</b> (không báo cáo trong {days} ngày qua; nhiệm vụ "
        "đến hạn trong {near} ngày tới hoặc đã quá hạn), tính đến ngày {today}: {agencies} đơn "
        "vị, {count} nhiệm vụ."
    ),
    "unreported.agency": "🏢 <b>{agency}</b> ({count}):",
    "unreported.shared_head": "📌 <b>Nhiệm vụ giao nhiều đơn vị</b>:",
    "unreported.shared_line": (
        "• <b>#{id}</b> {text}\n     hạn {date}, {due} · <b>{count} đơn vị chưa báo cáo</b>: "
        "{names}{more} (/chuabaocao nhiệm vụ {id})"
    ),
    "unreported.shared_more": " và {count} đơn vị khác",
    "unreported.none_own": (
        "👍 Đến ngày {today}, {agency} không có nhiệm vụ nào đến hạn trong {near} ngày tới hoặc "
        "đã quá hạn mà chưa báo cáo tiến độ trong {days} ngày qua."
    ),
    "unreported.none": (
        "👍 Đến ngày {today}, mọi đơn vị có nhiệm vụ đến hạn trong {near} ngày tới hoặc đã quá "
        "hạn đều đã báo cáo tiến độ trong {days} ngày qua."
    ),
    "summary.head": (
        "📊 <b>Tổng hợp tuần {week} — {agency}</b>\n"
        "Tình hình thực hiện các nhiệm vụ cơ quan chủ trì, tính đến ngày {today}:"
    ),
    "summary.count": "{icon} {label}: <b>{count}</b>",
    "summary.total": "Tổng số: <b>{count}</b> nhiệm vụ",
    "summary.overdue": "🔴 <b>Quá hạn ({count}):</b>",
    "summary.due_soon": "⏰ <b>Đến hạn trong 7 ngày tới ({count}):</b>",
    "summary.completed": "✅ <b>Hoàn thành tuần trước ({week}): {count}</b>",
    "summary.all_clear": "👍 Không có nhiệm vụ quá hạn hoặc sắp đến hạn trong 7 ngày tới.",
    "summary.province_head": "📊 <b>Tổng hợp toàn tỉnh — tuần {week}</b>\nTình hình thực "
                             "hiện nhiệm vụ theo cơ quan chủ trì, tính đến ngày {today}:",
    "summary.province_legend": (
        "(🔴 chưa hoàn thành, quá hạn · 🟡 chưa hoàn thành, trong hạn · ✅ hoàn thành đúng hạn "
        "· ☑️ hoàn thành quá hạn · ⚪ không có thời hạn; cơ quan có nhiều nhiệm vụ quá hạn "
        "nhất xếp trước)"
    ),
    "summary.province_row": "{n}. <b>{agency}</b> ({total}): {cells}",
    "summary.province_empty": "Chưa có nhiệm vụ nào được giao.",
    "summary.province_totals": (
        "<b>Toàn tỉnh</b> (tính theo nhiệm vụ: nhiệm vụ giao nhiều đơn vị tính một lần, hoàn "
        "thành khi mọi đơn vị đã hoàn thành):"
    ),
    "cli.plan_header": "Dự kiến gửi vào {at} ({count} mục):",
    "cli.plan_none": "Không có tin nào sẽ được gửi vào {at}.",
    "cli.plan_line": "- {kind} · nhiệm vụ {task} · {agency} · hạn {due} → {chat}",
    "cli.plan_no_chat": "KHÔNG CÓ NHÓM/NGƯỜI NHẬN",
    "cli.plan_summary_line": "- {kind} · {agency} → {chat}",
    "cli.plan_unreached": "Đơn vị có nhiệm vụ đang thực hiện nhưng chưa có ai nhận nhắc việc ({count}):",
    "cli.plan_unreached_line": "- {agency} — {count} nhiệm vụ · mời: /invite {agency}",
    "cli.csv.empty": "tệp trống",
    "cli.csv.header": "dòng 1 phải ghi tên các cột: code,name,kind,short,aliases (bắt buộc có name)",
    "cli.csv.too_many": "hơn {limit} dòng: có đúng là danh sách cơ quan không?",
    "cli.csv.no_rows": "không có cơ quan nào dưới dòng tiêu đề",
    "cli.csv.line": "dòng {line}: {problem}",
    "cli.csv.no_name": "thiếu tên (cột name)",
    "cli.csv.name_too_long": "tên dài hơn {limit} ký tự",
    "cli.csv.unknown_kind": "không có loại “{kind}” (commune, ward, special_zone, department, provincial, local, central, other; hoặc xã, phường, đặc khu)",
    "cli.csv.collective": "tập thể (kind = group) được khai trong tệp danh mục, không nhập từ CSV",
    "cli.csv.kind_mismatch": "“{name}” là {unit}, cột kind lại ghi {kind}",
    "cli.csv.no_kind": "thiếu loại (cột kind), mà tên cũng không cho biết (Xã …, Phường …, Đặc khu …)",
    "cli.csv.too_many_aliases": "nhiều hơn {limit} tên khác",
    "cli.csv.bad_code": "mã “{code}” chỉ được gồm chữ, số, “.”, “_”, “-”, tối đa 64 ký tự",
    "cli.csv.duplicate_code": "mã “{value}” đã có ở dòng {line}",
    "cli.csv.duplicate_name": "tên “{value}” đã có ở dòng {line}",
    "cli.csv.quote": "một ô kéo dài sang các dòng sau: thiếu dấu ngoặc kép đóng (\")?",
    "cli.csv.broken": "không đọc được theo dạng CSV (một ô dài quá, hay dấu ngoặc kép sai)",
    "cli.import.empty": "danh sách trống",
    "cli.import.file_code": "mã “{code}” ({name}) thuộc tệp danh mục; hãy đặt mã khác cho dòng này",
    "cli.import.admin_code": "mã “{code}” ({name}) thuộc cơ quan do quản trị viên thêm; hãy đặt mã khác cho dòng này",
    "cli.import.twin": "“{name}” đã có trong danh mục (mã “{code}”); hãy bỏ nó khỏi tệp danh mục hoặc khỏi danh sách này",
    "cli.import.all_gone": "không cơ quan nào trong {count} cơ quan đã nhập trước đây có trong danh sách này; nhập sẽ ngừng hoạt động tất cả",
    "cli.import_bad": "{problem}",
    "cli.import_refused": "Không nhập danh sách {path}: {reason}",
    "cli.import_done": (
        "Đã nhập {path}: thêm {added}, cập nhật {updated}, giữ nguyên {unchanged}, "
        "ngừng hoạt động {deactivated} cơ quan; {members} lượt thành viên của các tập thể, "
        "{expanded} nhiệm vụ của tập thể được chia cho từng đơn vị. Khởi động lại bot để "
        "bot dùng danh mục mới."
    ),
    "cli.import_too_big": "Tệp {path} lớn hơn {limit} byte: đây có phải danh sách cơ quan không?",
    "cli.import_unreadable": "Không đọc được {path}: {reason}",
    "cli.import_not_utf8": "tệp không ở dạng UTF-8 (lưu lại từ Excel bằng “CSV UTF-8”)",
    "cli.plan_kind.before": "nhắc trước hạn",
    "cli.plan_kind.due": "nhắc đúng hạn",
    "cli.plan_kind.overdue": "nhắc quá hạn",
    "cli.plan_kind.support_before": "nhắc phối hợp (hạn rơi vào ngày nghỉ)",
    "cli.plan_kind.support_due": "nhắc phối hợp, đúng hạn",
    "cli.plan_kind.support_overdue": "nhắc phối hợp, quá hạn",
    "cli.plan_kind.summary": "tổng hợp tuần",
    "cli.plan_kind.province": "tổng hợp toàn tỉnh",
    "cli.bad_time": "Thời điểm không hợp lệ: \"{value}\". Ghi theo dạng \"2024-09-27 08:00\" "
                    "hoặc \"27/09/2024 08:00\".",
    "cli.summary_unknown": "Không tìm thấy cơ quan \"{name}\" trong danh mục.",
    "settings.nudge_offsets": (
        "phải là các số ngày trước hạn (số nguyên ≥ 0) cách nhau bởi dấu phẩy, "
        "ví dụ NUDGE_OFFSETS=7,3,1,0 (0 là nhắc vào đúng ngày hết hạn)"
    ),
    "settings.unreported_days": (
        "phải là số ngày (1 đến 90): đơn vị không báo cáo tiến độ trong chừng ấy ngày thì bị "
        "liệt kê là chưa báo cáo, ví dụ UNREPORTED_DAYS=7"
    ),
    "settings.overdue_every_days": (
        "phải là số ngày giữa hai lần nhắc khi đã quá hạn (0 đến 60; 0 là không nhắc), "
        "ví dụ OVERDUE_EVERY_DAYS=3"
    ),
    "settings.nudge_hour": "phải là giờ trong ngày dạng HH:MM, ví dụ NUDGE_HOUR=08:00",
    "settings.summary_weekday": (
        "phải là thứ trong tuần: 1 (thứ Hai) đến 7 (Chủ nhật), ví dụ SUMMARY_WEEKDAY=1"
    ),
    "settings.summary_hour": "phải là giờ trong ngày dạng HH:MM, ví dụ SUMMARY_HOUR=08:00",
    "settings.holidays": (
        "{value}. HOLIDAYS là các ngày nghỉ thêm ngoài lịch nghỉ lễ, Tết của Nhà nước (bot đã "
        "có sẵn lịch này), dạng dd/mm/yyyy cách nhau bởi dấu phẩy, tối đa 100 ngày, "
        "ví dụ HOLIDAYS=02/01/2026"
    ),
})

TEXTS.update({
    # --- Joining: invitations, join requests, members, groups, /settings ------------
    "cmd.join": "Xin tham gia cơ quan của mình",
    "cmd.join_another": "Xin tham gia thêm cơ quan khác",
    "cmd.settings": "Bật/tắt nhắc việc, tổng hợp tuần; chọn ngôn ngữ",
    "cmd.settings_admin": "Bật/tắt bản tổng hợp báo cáo tiến độ (và nhắc việc của cơ quan mình, nếu có); chọn ngôn ngữ",
    "cmd.invite": "Tạo link mời: /invite <cơ quan> [số lần] [số ngày]",
    "cmd.invites": "Các link mời còn hiệu lực, thu hồi link",
    "cmd.members": "Thành viên của cơ quan: /members <cơ quan>",
    "cmd.link": "Liên kết nhóm với cơ quan (gửi trong nhóm): /link <cơ quan>",
    "cmd.unlink": "Bỏ liên kết nhóm (gửi trong nhóm): /unlink [cơ quan]",
    "agency.renamed": "ℹ️ {named} nay là <b>{current}</b> (sau sắp xếp bộ máy).\n\n",
    "agency.not_found": (
        "Không tìm thấy cơ quan nào khớp với «{written}». Vui lòng gõ lại tên cơ quan, "
        "ví dụ «Sở Y tế» hoặc «y tế»."
    ),
    "agency.choose": "Có nhiều cơ quan khớp với «{written}». Vui lòng chọn:",
    "agency.choose_more": (
        "Có nhiều cơ quan khớp với «{written}»; dưới đây là một số. Nếu không thấy cơ quan "
        "cần tìm, vui lòng gõ tên đầy đủ hơn."
    ),
    "agency.chosen": "Đã chọn: <b>{agency}</b>.",
    "invite.usage": (
        "Cách dùng: /invite &lt;cơ quan&gt; [số lần dùng] [số ngày hiệu lực]\n"
        "Ví dụ: /invite Sở Y tế 20 7 — link dùng được 20 lần trong 7 ngày."
    ),
    "invite.bad_uses": "Số lần dùng phải từ 1 đến {max_uses}.",
    "invite.bad_days": "Số ngày hiệu lực phải từ 1 đến {max_days}.",
    "invite.bad_both": (
        "Số lần dùng phải từ 1 đến {max_uses} và số ngày hiệu lực phải từ 1 đến {max_days}. "
        "Ví dụ: /invite Sở Y tế 20 7."
    ),
    "invite.created": (
        "{note}🔗 <b>Link mời tham gia {agency}</b> (link #{id})\n\n"
        "{link}\n\n"
        "• Dùng được tối đa {uses} lần, hết hạn lúc {expires}.\n"
        "• Chỉ gửi riêng cho cán bộ của cơ quan, không đăng công khai: ai mở link sẽ xem "
        "được nhiệm vụ của {agency}.\n"
        "• Nếu link bị lộ, bấm «Thu hồi» bên dưới hoặc dùng /invites."
    ),
    "invite.revoke_button": "🚫 Thu hồi link #{id}",
    "invite.revoked": "Đã thu hồi link #{id}.",
    "invite.already_revoked": "Link #{id} đã bị thu hồi trước đó.",
    "invite.revoked_note": "🚫 Link mời #{id} tham gia {agency} đã bị thu hồi, không còn dùng được.",
    "invites.none": "Hiện không có link mời nào còn hiệu lực. Tạo link mới bằng /invite &lt;cơ quan&gt;.",
    "invites.title": "<b>Link mời còn hiệu lực ({count})</b>",
    "invites.line": "#{id} · {agency} — đã dùng {uses}/{max_uses}, hết hạn {expires} (tạo bởi {by})",
    "invites.footer": (
        "\n"
        "Vì lý do bảo mật, link đã tạo không xem lại được; nếu cần, tạo link mới bằng "
        "/invite."
    ),
    "invite.problem.unknown": (
        "Link mời này không hợp lệ. Vui lòng kiểm tra lại link (cần mở đúng và đủ đường link) "
        "hoặc liên hệ Văn phòng UBND tỉnh để nhận link mới.\n\n"
        "Mã Telegram của anh/chị: <code>{user_id}</code>"
    ),
    "invite.problem.revoked": (
        "Link mời này đã bị thu hồi. Vui lòng liên hệ Văn phòng UBND tỉnh để nhận link mới, "
        "hoặc gửi /join để xin tham gia."
    ),
    "invite.problem.expired": (
        "Link mời này đã hết hạn. Vui lòng liên hệ Văn phòng UBND tỉnh để nhận link mới, "
        "hoặc gửi /join để xin tham gia."
    ),
    "invite.problem.used_up": (
        "Link mời này đã được dùng hết số lần cho phép. Vui lòng liên hệ Văn phòng UBND tỉnh "
        "để nhận link mới, hoặc gửi /join để xin tham gia."
    ),
    "invite.already_member": (
        "Anh/chị đã tham gia <b>{agency}</b> từ trước, không cần dùng lại link mời.\n\n"
        "{commands}"
    ),
    "invite.used": (
        "ℹ️ {who} (mã {user_id}) đã tham gia <b>{agency}</b> qua link #{id} "
        "(đã dùng {uses}/{max_uses})."
    ),
    "join.welcome": (
        "Xin chào {name}! Anh/chị đã tham gia <b>{agency}</b>.{also}\n\n"
        "Từ nay anh/chị xem được các nhiệm vụ cơ quan chủ trì hoặc phối hợp, báo cáo tiến "
        "độ, và nhận nhắc việc trước, sau thời hạn cùng bản tổng hợp vào {when}. Dùng "
        "/settings để tắt bớt thông báo hoặc đổi ngôn ngữ.\n\n"
        "{commands}"
    ),
    "join.also": "\nAnh/chị cũng đang theo dõi: {agencies}.",
    "join.pick": (
        "Anh/chị làm việc ở cơ quan nào? Chọn trong danh sách (trang {page}/{pages}) hoặc "
        "gõ tên cơ quan, ví dụ «y tế» hay «Sở NN&amp;MT».\n\n"
        "Yêu cầu sẽ được gửi tới Văn phòng UBND tỉnh để duyệt."
    ),
    "join.prev": "◀ Trang trước",
    "join.next": "Trang sau ▶",
    "join.none_found": (
        "Không tìm thấy cơ quan nào khớp với «{written}». Vui lòng gõ lại tên khác, hoặc "
        "gửi /join để chọn trong danh sách."
    ),
    "join.results": "{note}Kết quả cho «{written}». Bấm vào cơ quan của anh/chị để gửi yêu cầu:",
    "join.results_more": (
        "{note}Kết quả cho «{written}» (chưa đủ hết; gõ tên cụ thể hơn nếu không thấy). "
        "Bấm vào cơ quan của anh/chị để gửi yêu cầu:"
    ),
    "join.already_member": "Anh/chị đã tham gia {agency} từ trước.",
    "join.already_pending": "Yêu cầu tham gia {agency} của anh/chị đang chờ duyệt.",
    "join.too_many": (
        "Anh/chị đang có nhiều yêu cầu chờ duyệt. Vui lòng đợi quản trị viên xử lý trước khi "
        "gửi thêm."
    ),
    "join.sent": (
        "✉️ Đã gửi yêu cầu tham gia <b>{agency}</b> tới quản trị viên. Bot sẽ báo anh/chị "
        "ngay khi yêu cầu được duyệt."
    ),
    "request.admin": (
        "🙋 <b>Yêu cầu tham gia #{id}</b>\n"
        "Người gửi: {who}{handle}, mã <code>{user_id}</code>\n"
        "Cơ quan: <b>{agency}</b>\n"
        "Gửi lúc: {at}\n\n"
        "Khi được duyệt, người này xem được nhiệm vụ của cơ quan. Chỉ duyệt khi đã xác minh "
        "đúng là cán bộ của cơ quan."
    ),
    "request.approve": "✅ Duyệt",
    "request.reject": "❌ Từ chối",
    "request.approved": "✅ Đã duyệt bởi {by} lúc {at}.",
    "request.rejected": "❌ Đã từ chối bởi {by} lúc {at}.",
    "request.rejected_user": (
        "Yêu cầu tham gia <b>{agency}</b> của anh/chị chưa được chấp thuận. Nếu cần, vui lòng "
        "liên hệ Văn phòng UBND tỉnh."
    ),
    "members.usage": "Cách dùng: /members &lt;cơ quan&gt;, ví dụ /members Sở Y tế",
    "members.none": "<b>{agency}</b> chưa có thành viên nào. Mời cán bộ tham gia bằng /invite.",
    "members.title": "<b>Thành viên của {agency}</b> ({count})",
    "members.line": "{n}. {name}{handle} — mã {user_id}",
    "members.page": "Trang {page}/{pages}",
    "members.remove_button": "🗑 Xóa {name}",
    "members.not_member": "Người này không còn là thành viên của {agency}.",
    "members.confirm": (
        "Xóa <b>{name}</b> khỏi <b>{agency}</b>?\n\n"
        "Người này sẽ không xem được nhiệm vụ và không nhận nhắc việc của cơ quan nữa."
    ),
    "members.confirm_button": "🗑 Xóa khỏi cơ quan",
    "members.cancel_button": "↩ Quay lại",
    "members.removed": "Đã xóa {name} khỏi {agency}.",
    "members.removed_user": (
        "Anh/chị không còn là thành viên của <b>{agency}</b> trên Nhắc việc, nên sẽ không "
        "xem được nhiệm vụ và không nhận nhắc việc của cơ quan này nữa. Nếu có nhầm lẫn, "
        "vui lòng liên hệ Văn phòng UBND tỉnh."
    ),
    "group.hello": (
        "Xin chào! Tôi là <b>Nhắc việc</b>, bot theo dõi nhiệm vụ theo thông báo kết luận "
        "của lãnh đạo tỉnh.\n\n"
        "Để nhóm này nhận nhắc việc và tổng hợp hằng tuần của một cơ quan, quản trị viên "
        "Văn phòng UBND tỉnh gửi trong nhóm: /link &lt;tên cơ quan&gt;, ví dụ /link Sở Y tế."
    ),
    "group.only_in_group": "Vui lòng gửi lệnh này trong nhóm cần liên kết.",
    "group.admin_only": (
        "Chỉ quản trị viên của Nhắc việc (Văn phòng UBND tỉnh) mới liên kết hoặc bỏ liên kết "
        "nhóm được."
    ),
    "group.link_usage": "Cách dùng: /link &lt;cơ quan&gt;, ví dụ /link Sở Y tế",
    "group.linked": (
        "✅ Đã liên kết nhóm với <b>{agency}</b>: nhóm sẽ nhận nhắc việc và tổng hợp hằng "
        "tuần của cơ quan. Gửi /unlink để dừng."
    ),
    "group.already_linked": "Nhóm này đã được liên kết với <b>{agency}</b>.",
    "group.not_linked": "Nhóm này chưa được liên kết với cơ quan nào.",
    "group.not_linked_to": "Nhóm này không được liên kết với «{written}».",
    "group.unlinked": "Đã bỏ liên kết nhóm với: {agencies}. Nhóm sẽ không nhận nhắc việc của các cơ quan này nữa.",
    "prefs.title": "<b>Cài đặt thông báo</b>",
    "prefs.no_agencies": "Anh/chị chưa thuộc cơ quan nào nên chưa có thông báo để cài đặt.",
    "prefs.agency": "• <b>{agency}</b>: nhắc hạn {nudges}; tổng hợp tuần {summaries}",
    "prefs.on": "bật",
    "prefs.off": "tắt",
    "prefs.nudges_button": "🔔 Nhắc hạn {agency}: đang bật — bấm để tắt",
    "prefs.nudges_button_off": "🔕 Nhắc hạn {agency}: đang tắt — bấm để bật",
    "prefs.summaries_button": "📊 Tổng hợp tuần {agency}: đang bật — bấm để tắt",
    "prefs.summaries_button_off": "📊 Tổng hợp tuần {agency}: đang tắt — bấm để bật",
    "prefs.language": "\nNgôn ngữ / Language:",
    "prefs.lang.vi": "Tiếng Việt",
    "prefs.lang.en": "English",
    "prefs.language_set": "Đã chuyển sang tiếng Việt.",
    "prefs.saved": "Đã lưu cài đặt.",
    "prefs.not_member": "Anh/chị không còn là thành viên của {agency}.",
})

TEXTS.update({
    # --- Officials: task lists (/tasks /overdue /upcoming /done /find) -------------
    "cmd.tasks": "Nhiệm vụ đang thực hiện, việc gấp nhất trước",
    "cmd.overdue": "Nhiệm vụ đã quá hạn",
    "cmd.upcoming": "Nhiệm vụ sắp đến hạn: /upcoming [số ngày, mặc định 7]",
    "cmd.done": "Nhiệm vụ hoàn thành trong 30 ngày qua",
    "cmd.find": "Tìm nhiệm vụ theo nội dung, gõ không dấu cũng được: /find <từ khóa>",
    "tl.scope_province": "toàn tỉnh",
    "tl.head.open": "📋 <b>Nhiệm vụ đang thực hiện</b> — {scope}: {total} nhiệm vụ",
    "tl.head.overdue": "🔴 <b>Nhiệm vụ quá hạn</b> — {scope}: {total} nhiệm vụ",
    "tl.head.upcoming": "⏰ <b>Nhiệm vụ đến hạn trong {days} ngày tới</b> — {scope}: {total} nhiệm vụ",
    "tl.head.done": "✅ <b>Nhiệm vụ hoàn thành trong {days} ngày qua</b> — {scope}: {total} nhiệm vụ",
    "tl.head.find": "🔎 <b>Kết quả tìm “{query}”</b> — {scope}: {total} nhiệm vụ",
    "tl.empty.open": "Không có nhiệm vụ nào đang thực hiện.",
    "tl.empty.overdue": "Không có nhiệm vụ nào quá hạn. 👍",
    "tl.empty.upcoming": "Không có nhiệm vụ nào đến hạn trong {days} ngày tới.",
    "tl.empty.done": "Chưa có nhiệm vụ nào được xác nhận hoàn thành trong {days} ngày qua.",
    "tl.empty.find": "Không tìm thấy nhiệm vụ nào có “{query}”. Thử ít từ hơn hoặc từ khác.",
    "tl.page": "Trang {page}/{pages}",
    "tl.hint": "Bấm số nhiệm vụ để xem chi tiết, báo cáo tiến độ hoặc đề nghị gia hạn.",
    "tl.prev": "« Trang trước",
    "tl.next": "Trang sau »",
    "tl.find_narrow": "Có nhiều kết quả; vui lòng tìm với từ khóa cụ thể hơn để thu hẹp.",
    "tl.upcoming_usage": "Cách dùng: /upcoming [số ngày từ 1 đến 366], ví dụ /upcoming 14",
    "tl.find_usage": "Cách dùng: /find &lt;từ khóa&gt;, ví dụ /find so hoa (gõ không dấu cũng được)",
    "tl.done_when": "hoàn thành {date} ({verdict})",
    "tl.done_on_time": "đúng hạn",
    "tl.done_late": "trễ hạn {days} ngày",
    "tl.done_no_deadline": "không có thời hạn",
    # --- Officials: acting on a task and admins' decisions --------------------------
    "act.btn.progress": "📝 Báo cáo tiến độ",
    "act.btn.done": "✅ Báo cáo hoàn thành",
    "act.btn.extend": "⏳ Đề nghị gia hạn",
    "act.btn.confirm": "✅ Xác nhận hoàn thành",
    "act.btn.return": "↩️ Trả lại",
    "act.btn.approve": "👍 Chấp thuận gia hạn",
    "act.btn.reject": "👎 Không chấp thuận",
    "act.btn.cancel": "Hủy",
    "act.btn.file": "📎 Tệp kèm báo cáo gần nhất",
    "act.btn.view": "Xem nhiệm vụ #{id}",
    "act.refuse.not_found": "Không tìm thấy nhiệm vụ #{id}.",
    "act.refuse.no_access": "Nhiệm vụ #{id} không thuộc cơ quan của anh/chị nên anh/chị không thao tác được.",
    "act.refuse.not_lead": (
        "Cơ quan của anh/chị là cơ quan phối hợp của nhiệm vụ #{id} nên chỉ báo cáo tiến độ; "
        "việc báo cáo hoàn thành và đề nghị gia hạn do cơ quan chủ trì thực hiện."
    ),
    "act.refuse.not_admin": "Chỉ quản trị viên (Văn phòng UBND tỉnh) mới được quyết định việc này.",
    "act.refuse.cancelled": "Nhiệm vụ #{id} đã bị hủy, không thực hiện được thao tác này.",
    "act.refuse.closed": (
        "Nhiệm vụ #{id} đã hoàn thành (Văn phòng đã xác nhận hoặc đã đóng nhiệm vụ) nên không "
        "còn thao tác này."
    ),
    "act.refuse.awaiting": (
        "Nhiệm vụ #{id} đã được báo cáo hoàn thành và đang chờ Văn phòng UBND tỉnh xác nhận."
    ),
    "act.refuse.no_deadline": "Nhiệm vụ #{id} không có thời hạn nên không cần đề nghị gia hạn.",
    "act.refuse.recurring": (
        "Nhiệm vụ #{id} là nhiệm vụ định kỳ, mỗi kỳ có thời hạn riêng nên không đề nghị gia "
        "hạn được."
    ),
    "act.refuse.extension_pending": "Nhiệm vụ #{id} đã có đề nghị gia hạn đang chờ quyết định.",
    "act.refuse.decided": (
        "Báo cáo hoặc đề nghị này của nhiệm vụ #{id} đã được xử lý trước đó; không có gì "
        "thay đổi."
    ),
    "act.refuse.settled": (
        "Đề nghị gia hạn này không còn chờ quyết định: phần việc của đơn vị đề nghị (nhiệm vụ "
        "#{id}) đã được xác nhận hoàn thành."
    ),
    "act.refuse.stale": "Nút này không còn hiệu lực. Vui lòng mở lại nhiệm vụ bằng /task {id}.",
    "act.task_line": "<b>Nhiệm vụ #{id}</b>: {text}",
    "act.verdict.on_time": "đúng hạn",
    "act.verdict.late": "trễ hạn {days} ngày",
    "act.verdict.no_deadline": "nhiệm vụ không có thời hạn",
    "act.open_private": "Bot cần nhắn riêng cho anh/chị: vui lòng mở trò chuyện với bot, bấm Start (Bắt đầu), rồi bấm lại nút này.",
    "act.asked_in_private": "Bot đã nhắn riêng cho anh/chị, vui lòng trả lời trong đó.",
    "act.cancel_stale": "Câu hỏi này đã kết thúc trước đó (đã trả lời hoặc đã hủy); nội dung anh/chị đã gửi vẫn được giữ nguyên.",
    "act.cancelled": "Đã hủy.",
    "act.cancelled_prompt": "Đã hủy. Không có nội dung nào được ghi nhận.",
    "act.confirmed_toast": "Đã xác nhận hoàn thành nhiệm vụ #{id}; cơ quan chủ trì đã được thông báo.",
    "act.approved_toast": (
        "Đã chấp thuận gia hạn nhiệm vụ #{id}; cơ quan chủ trì đã được thông báo."
    ),
    "act.ask.progress": (
        "📝 Báo cáo tiến độ — {task}\n\n"
        "Vui lòng gửi nội dung báo cáo trong tin nhắn tiếp theo. Có thể gửi kèm tệp (văn bản, "
        "ảnh): đính kèm tệp và ghi nội dung vào phần chú thích.\n"
        "<i>Bot sẽ chờ câu trả lời của anh/chị trong {minutes} phút.</i>"
    ),
    "act.ask.done": (
        "✅ Báo cáo hoàn thành — {task}\n\n"
        "Vui lòng gửi kết quả thực hiện ngắn gọn (ví dụ: số, ngày văn bản báo cáo hoặc sản "
        "phẩm đã hoàn thành). Báo cáo sẽ được gửi Văn phòng UBND tỉnh xác nhận.\n"
        "<i>Bot sẽ chờ câu trả lời của anh/chị trong {minutes} phút.</i>"
    ),
    "act.ask.extension_date": (
        "⏳ Đề nghị gia hạn — {task}\n\n"
        "Thời hạn hiện tại: <b>{deadline}</b>. Vui lòng gửi thời hạn đề nghị, ví dụ "
        "<code>{ex_day}</code>, <code>{ex_dm}</code> hoặc <code>+14</code> (thêm 14 ngày, tức "
        "đến {ex_plus}).\n"
        "<i>Bot sẽ chờ câu trả lời của anh/chị trong {minutes} phút.</i>"
    ),
    "act.ask.extension_reason": (
        "Thời hạn đề nghị cho nhiệm vụ #{id}: <b>{date}</b>.\n"
        "Vui lòng gửi lý do đề nghị gia hạn."
    ),
    "act.ask.return_note": (
        "↩️ Trả lại báo cáo hoàn thành — {task}\n\n"
        "Vui lòng gửi ý kiến (lý do chưa xác nhận hoàn thành); {who} sẽ nhận được ý kiến này.\n"
        "<i>Bot sẽ chờ câu trả lời của anh/chị trong {minutes} phút.</i>"
    ),
    "act.ask.reject_note": (
        "👎 Không chấp thuận gia hạn — {task}\n\n"
        "Vui lòng gửi lý do; {who} sẽ nhận được ý kiến này.\n"
        "<i>Bot sẽ chờ câu trả lời của anh/chị trong {minutes} phút.</i>"
    ),
    "act.file_caption": "📎 Tệp báo cáo tiến độ nhiệm vụ #{id}: {note}",
    "act.kind.progress": "báo cáo tiến độ",
    "act.kind.done_result": "báo cáo hoàn thành",
    "act.kind.extension_date": "đề nghị gia hạn",
    "act.kind.extension_reason": "đề nghị gia hạn",
    "act.kind.return_note": "trả lại báo cáo hoàn thành",
    "act.kind.reject_note": "không chấp thuận gia hạn",
    "act.input.expired": (
        "Thao tác {what} nhiệm vụ #{id} đã quá {minutes} phút nên tin nhắn này chưa được ghi "
        "nhận. Vui lòng mở lại nhiệm vụ (/task {id}) và bấm nút một lần nữa."
    ),
    "act.input.need_text": "Vui lòng gửi nội dung bằng chữ (hoặc bấm Hủy ở tin nhắn trước).",
    "act.progress.need_text": "Đã nhận tệp. Vui lòng gửi thêm vài dòng nội dung báo cáo đi kèm tệp này.",
    "act.progress.saved": "Đã ghi nhận báo cáo tiến độ nhiệm vụ #{id}. Cảm ơn anh/chị!",
    "act.progress.saved_file": (
        "Đã ghi nhận báo cáo tiến độ nhiệm vụ #{id} kèm tệp. Cảm ơn anh/chị!"
    ),
    "act.done.sent": "Đã gửi báo cáo hoàn thành nhiệm vụ #{id} tới Văn phòng UBND tỉnh. Anh/chị sẽ nhận được thông báo khi báo cáo được xác nhận hoặc trả lại.",
    "act.extension.sent": "Đã gửi đề nghị gia hạn nhiệm vụ #{id} đến {new} tới Văn phòng UBND tỉnh. Anh/chị sẽ nhận được thông báo khi có quyết định.",
    "act.date.empty": "Vui lòng gửi thời hạn đề nghị, ví dụ {ex_day}.",
    "act.date.unrecognized": "Bot chưa hiểu thời hạn “{text}”. Vui lòng gửi một ngày cụ thể, ví dụ {ex_day} hoặc +14.",
    "act.date.invalid_date": "Ngày “{date}” không có trên lịch. Vui lòng gửi lại, ví dụ {ex_day}.",
    "act.date.past": "Ngày {date} đã qua (hôm nay là {today}). Vui lòng gửi một ngày sau hôm nay.",
    "act.date.no_such_quarter": "«{text}»: một năm chỉ có bốn quý, từ quý I đến quý IV (ví dụ quý {ex_quarter}).",
    "act.date.too_far": "Thời hạn {date} quá xa. Vui lòng gửi một ngày gần hơn.",
    "act.date.not_a_date": "Gia hạn cần một ngày cụ thể, ví dụ {ex_day}. Vui lòng gửi lại.",
    "act.date.not_later": "Thời hạn đề nghị phải sau thời hạn hiện tại ({deadline}). Vui lòng gửi lại.",
    "act.notify.done_reported": (
        "🕓 <b>Báo cáo hoàn thành, chờ xác nhận</b>\n{task}\n\n"
        "🏢 {agencies} — {who}, {at}\n"
        "⏰ Thời hạn: {deadline}\n"
        "📝 Kết quả: {result}\n\n"
        "Nếu xác nhận, {what} được tính hoàn thành ngày {date} ({verdict}); nếu thực tế "
        "hoàn thành vào ngày khác, bấm «📅 Hoàn thành ngày khác»."
    ),
    "act.notify.extension_requested": (
        "⏳ <b>Đề nghị gia hạn</b>\n{task}\n\n"
        "🏢 {agencies} — {who}, {at}\n"
        "⏰ Thời hạn hiện tại: {old}\n"
        "➡️ Đề nghị gia hạn đến: <b>{new}</b>\n"
        "💬 Lý do: {reason}"
    ),
    "act.notify.confirmed": "✅ <b>Đã xác nhận hoàn thành</b>\n{task}\n\nHoàn thành ngày {date} ({verdict}).",
    "act.notify.recurred": (
        "✅ <b>Đã xác nhận hoàn thành kỳ này</b>\n{task}\n\n"
        "Hoàn thành ngày {date} ({verdict}). Kỳ tiếp theo: hạn <b>{next}</b>."
    ),
    "act.notify.returned": (
        "↩️ <b>Báo cáo hoàn thành chưa được xác nhận</b>\n{task}\n\n"
        "💬 Ý kiến của Văn phòng UBND tỉnh: {note}\n"
        "Nhiệm vụ tiếp tục được theo dõi; thời hạn: {deadline}."
    ),
    "act.notify.approved": (
        "👍 <b>Chấp thuận gia hạn</b>\n"
        "{task}\n\n"
        "Thời hạn mới: <b>{new}</b> (thời hạn cũ: {old})."
    ),
    "act.notify.rejected": (
        "👎 <b>Không chấp thuận gia hạn</b>\n"
        "{task}\n\n"
        "Thời hạn giữ nguyên: <b>{old}</b> (đề nghị gia hạn đến: {new}).\n"
        "💬 Lý do: {note}"
    ),
    "act.done.admin_returned": "Đã trả lại báo cáo hoàn thành nhiệm vụ #{id}; cơ quan chủ trì được thông báo kèm ý kiến của anh/chị.",
    "act.done.admin_rejected": (
        "Đã gửi ý kiến không chấp thuận gia hạn nhiệm vụ #{id}; cơ quan chủ trì được thông "
        "báo kèm lý do."
    ),
    # --- /new: recording a conclusion in chat; pick.*: agency and deadline pickers ---
    "cmd.new": "Ghi nhận thông báo kết luận mới, từng bước (hoặc /ketluan)",
    "new.intro.new": (
        "📝 <b>Ghi nhận thông báo kết luận</b>\n"
        "Bot sẽ hỏi lần lượt thông tin văn bản, rồi từng nhiệm vụ. Mục nào không có thì bấm "
        "<b>Bỏ qua</b>; nhầm thì bấm <b>Quay lại</b>. Bản nháp được lưu sau mỗi bước."
    ),
    "new.intro.import": (
        "📥 <b>Nhập thông báo kết luận từ văn bản</b>\n"
        "Bot đọc văn bản và đề xuất từng nhiệm vụ (cơ quan chủ trì, phối hợp, thời hạn) để "
        "anh/chị <b>Nhận</b>, <b>Sửa</b> hoặc <b>Bỏ qua</b>; không có gì được lưu trước khi "
        "anh/chị bấm <b>Lưu và giao nhiệm vụ</b>."
    ),
    "cmd.import": "Nhập thông báo kết luận từ văn bản dán vào hoặc tệp .docx/.pdf/.txt",
    "new.import.ask": (
        "Dán toàn văn thông báo vào đây, hoặc gửi tệp <b>.docx</b>, <b>.pdf</b> (bản "
        "chọn/sao chép được chữ; bản scan chưa đọc được) hoặc <b>.txt</b>, tối đa {limit} MB."
    ),
    "new.import.received": "Đã nhận {chars} ký tự. Dán tiếp phần còn lại (nếu có), hoặc bấm <b>Đọc văn bản</b>.",
    "new.import.read": "📖 Đã đọc «{name}»: <b>{count} nhiệm vụ đề xuất</b>. Xem lại từng nhiệm vụ:",
    "new.import.nothing": "📖 Bot không tìm thấy nhiệm vụ nào trong văn bản này. Anh/chị có thể nhập tay từng nhiệm vụ.",
    "new.import.proposal": "<b>Đề xuất {index}/{total}</b> (mục {ordinal} trong văn bản):",
    "new.import.unknown": (
        "⚠️ Cơ quan ghi «chưa có trong danh mục» sẽ được thêm vào danh mục khi lưu. Nếu bot "
        "đọc sai tên, bấm <b>Sửa</b> để chọn cơ quan khác."
    ),
    "new.import.no_lead": "⚠️ Chưa xác định được cơ quan chủ trì: bấm <b>Sửa</b> để chọn.",
    "new.import.taken": "✅ Đã nhận {count} nhiệm vụ.",
    "new.import.stopped": "Dừng ở nhiệm vụ chưa có cơ quan chủ trì:",
    "new.import.not_waiting": "Bot chưa chờ tệp lúc này. Vui lòng trả lời câu hỏi hiện tại, hoặc gửi /import để nhập văn bản mới.",
    "new.import.doc_error.unsupported_type": "Tệp «{name}» không đọc được: bot nhận tệp .docx, .pdf hoặc .txt.",
    "new.import.doc_error.too_large": "Tệp «{name}» lớn quá {limit} MB. Vui lòng gửi tệp nhỏ hơn hoặc dán nội dung.",
    "new.import.doc_error.unreadable": "Không tải được tệp «{name}». Vui lòng gửi lại.",
    "new.import.doc_error.empty": "Tệp «{name}» không có nội dung.",
    "new.import.doc_error.binary": (
        "Tệp «{name}» không phải tệp văn bản. Vui lòng gửi .docx, .pdf hoặc dán nội dung."
    ),
    "new.import.doc_error.undecodable": (
        "Tệp «{name}» không dùng bảng mã Unicode (UTF-8) nên bot không đọc được. Vui lòng "
        "lưu lại với bảng mã UTF-8 hoặc dán nội dung."
    ),
    "new.import.doc_error.corrupt": "Tệp «{name}» bị hỏng, bot không mở được.",
    "new.import.doc_error.encrypted": "Tệp «{name}» có mật khẩu, bot không mở được.",
    "new.import.doc_error.no_text_layer": (
        "Tệp PDF «{name}» là bản scan, bot chưa đọc được chữ trong đó. Vui lòng gửi bản "
        ".docx, bản PDF chọn/sao chép được chữ, hoặc dán nội dung."
    ),
    "new.import.doc_error.not_regular": (
        "Tệp «{name}» không phải tệp thông thường nên bot không đọc."
    ),
    "new.import.doc_error.too_big_unpacked": (
        "Tệp «{name}» khi giải nén lớn hơn {unpacked} MB nên bot không đọc. Vui lòng dán nội "
        "dung."
    ),
    "new.import.doc_error.too_many_parts": (
        "Tệp «{name}» có hơn {parts} thành phần bên trong nên bot không đọc. Vui lòng dán "
        "nội dung."
    ),
    "new.import.doc_error.too_complex": (
        "Tệp «{name}» có cấu trúc quá phức tạp (hơn {elements} thành phần định dạng) nên bot "
        "không đọc. Vui lòng dán nội dung."
    ),
    "new.import.doc_error.too_many_paragraphs": (
        "Tệp «{name}» có hơn {paragraphs} đoạn, không phải một thông báo kết luận."
    ),
    "new.import.doc_error.too_many_pages": "Tệp «{name}» có hơn {pages} trang nên bot không đọc.",
    "new.import.doc_error.too_long": "Tệp «{name}» dài hơn {chars} ký tự nên bot không đọc.",
    "new.import.doc_error.too_slow": (
        "Tệp «{name}» cần hơn {seconds} giây để đọc nên bot đã dừng. Vui lòng dán nội dung."
    ),
    "new.import.doc_error.too_much_memory": (
        "Tệp «{name}» cần hơn {memory} MB bộ nhớ để đọc nên bot đã dừng. Vui lòng dán nội "
        "dung."
    ),
    "new.import.doc_error.failed": (
        "Tệp «{name}» không đọc được (đọc tệp bị lỗi). Vui lòng gửi lại hoặc dán nội dung."
    ),
    "new.import.paste_error.too_long": "Nội dung đã dán dài hơn {chars} ký tự nên bot không đọc.",
    "new.import.paste_error.too_many_paragraphs": (
        "Nội dung đã dán có hơn {paragraphs} đoạn, không phải một thông báo kết luận."
    ),
    "new.import.paste_error.too_slow": (
        "Nội dung đã dán cần hơn {seconds} giây để đọc nên bot đã dừng."
    ),
    "new.import.paste_error.too_much_memory": (
        "Nội dung đã dán cần hơn {memory} MB bộ nhớ để đọc nên bot đã dừng."
    ),
    "new.import.paste_error.failed": (
        "Nội dung đã dán không đọc được (đọc văn bản bị lỗi). Vui lòng dán lại."
    ),
    "new.btn.read": "📖 Đọc văn bản",
    "new.btn.accept": "✅ Nhận",
    "new.btn.edit": "✏️ Sửa",
    "new.btn.skip_proposal": "⏭ Bỏ qua",
    "new.btn.accept_rest": "✅ Nhận tất cả {count} đề xuất còn lại",
    "new.step.source": "chờ văn bản",
    "new.step.review": "xem đề xuất",
    "new.ask.number": "<b>Bước {index}/{total}.</b> Số hiệu văn bản? (ví dụ: 412/TB-UBND)",
    "new.ask.issuer": "<b>Bước {index}/{total}.</b> Cơ quan ban hành? (ví dụ: UBND {province})",
    "new.ask.signer": "<b>Bước {index}/{total}.</b> Người ký? (ví dụ: Lê Chí Phương)",
    "new.ask.issued_on": "<b>Bước {index}/{total}.</b> Ngày ban hành? (ví dụ: {ex_issued})",
    "new.ask.meeting_on": "<b>Bước {index}/{total}.</b> Ngày họp, làm việc? (ví dụ: {ex_meeting})",
    "new.ask.title": (
        "<b>Bước {index}/{total}.</b> Trích yếu văn bản? (ví dụ: Kết luận của Chủ tịch UBND "
        "tỉnh tại buổi làm việc với Sở Nội vụ)"
    ),
    "new.ask.current": "Hiện tại: <i>{value}</i>",
    "new.ask.task_text": "<b>Nhiệm vụ {number}.</b> Gõ (hoặc dán) nội dung nhiệm vụ:",
    "new.ask.task_text_hint": (
        "Mẹo: dán nguyên đoạn trong văn bản; cơ quan chủ trì, phối hợp và thời hạn được hỏi "
        "ở bước sau."
    ),
    "new.ask.lead": (
        "<b>Cơ quan chủ trì</b> nhiệm vụ «{text}»?\n"
        "Chọn bên dưới, hoặc gõ tên/viết tắt để lọc (ví dụ: <i>tài chính</i>, <i>KH&amp;ĐT</i>). "
        "Nhiều cơ quan chủ trì: ngăn cách bằng dấu chấm phẩy (;)."
    ),
    "new.ask.support": (
        "<b>Cơ quan phối hợp</b> với {lead}?\n"
        "Bấm để chọn hoặc bỏ chọn (✓), gõ tên để lọc, hoặc gõ luôn tên các cơ quan; chọn "
        "xong bấm <b>Tiếp tục</b>."
    ),
    "new.ask.support_chosen": "Đã chọn: {chosen}",
    "new.ask.support_none_yet": "Chưa chọn cơ quan phối hợp nào.",
    "new.ask.offer_new": "Nếu «{name}» là cơ quan chưa có trong danh mục, bấm nút ➕ để thêm mới.",
    "new.ask.deadline": "<b>Thời hạn</b> của nhiệm vụ «{text}»?",
    "new.ask.more_done": "✅ Đã ghi <b>nhiệm vụ {number}</b>: {text}\n    → {assignment}",
    "new.ask.more": "Gõ luôn nội dung nhiệm vụ tiếp theo, hoặc bấm <b>Xong</b> để xem lại toàn bộ.",
    "new.btn.back": "↩ Quay lại",
    "new.btn.cancel": "✖ Hủy",
    "new.btn.skip": "Bỏ qua",
    "new.btn.keep": "Giữ nguyên",
    "new.btn.no_deadline": "Không có thời hạn",
    "new.btn.same_deadline": "Giống nhiệm vụ trước: {phrase}",
    "new.btn.add_task": "➕ Thêm nhiệm vụ",
    "new.btn.finish": "✅ Xong, xem lại",
    "new.btn.save": "💾 Lưu và giao nhiệm vụ",
    "new.btn.edit_task": "✏️ Sửa một nhiệm vụ",
    "new.btn.delete_task": "🗑 Xóa một nhiệm vụ",
    "new.btn.edit_meta": "📝 Sửa thông tin văn bản",
    "new.btn.no_support": "Không có cơ quan phối hợp",
    "new.btn.support_done": "Tiếp tục ▶ ({count} đã chọn)",
    "new.btn.resume": "▶️ Tiếp tục bản nháp",
    "new.btn.discard": "🗑 Hủy bản nháp",
    "new.btn.cancel_yes": "Đúng, hủy bản nháp",
    "new.btn.cancel_no": "Không, nhập tiếp",
    "new.btn.delete_yes": "🗑 Xóa nhiệm vụ {number}",
    "new.resume": (
        "Anh/chị đang có một <b>bản nháp chưa xong</b>: «{title}», {tasks} nhiệm vụ, đang ở bước "
        "<i>{step}</i>. Tiếp tục từ chỗ đã dừng, hay hủy bản nháp?"
    ),
    "new.step.number": "số hiệu văn bản",
    "new.step.issuer": "cơ quan ban hành",
    "new.step.signer": "người ký",
    "new.step.issued_on": "ngày ban hành",
    "new.step.meeting_on": "ngày họp",
    "new.step.title": "trích yếu",
    "new.step.task_text": "nội dung nhiệm vụ",
    "new.step.lead": "cơ quan chủ trì",
    "new.step.support": "cơ quan phối hợp",
    "new.step.deadline": "thời hạn",
    "new.step.more": "thêm nhiệm vụ",
    "new.step.preview": "xem lại trước khi lưu",
    "new.no_draft": "Không có bản nháp nào đang mở. Gửi /new để ghi nhận thông báo kết luận mới.",
    "new.date_error.unrecognized": "Bot chưa hiểu ngày «{text}». Vui lòng gõ dạng ngày/tháng/năm, ví dụ {ex_issued} (hoặc bấm Bỏ qua).",
    "new.date_error.invalid": "Ngày «{text}» không có trên lịch. Vui lòng kiểm tra lại.",
    "new.date_error.future": (
        "Ngày «{text}» quá xa so với hôm nay, có thể đã gõ nhầm năm. Vui lòng kiểm tra lại."
    ),
    "new.blank_meta": "Tin nhắn trống. Vui lòng gõ câu trả lời, hoặc dùng nút dưới câu hỏi.",
    "new.number_error": (
        "«{text}» không phải số hiệu văn bản. Vui lòng gõ số (tối đa 6 chữ số) kèm ký hiệu, "
        "ví dụ 512/TB-UBND hoặc 45-KL/TU; không có số hiệu thì bấm Bỏ qua."
    ),
    "new.date_error.issued_future": (
        "Ngày ban hành {date} chưa tới (hôm nay là {today}): văn bản đã ban hành không thể "
        "mang ngày sau hôm nay. Vui lòng kiểm tra lại."
    ),
    "new.date_error.meeting_after_issue": (
        "Ngày họp {date} sau ngày ban hành văn bản ({issued}): thông báo kết luận ban hành "
        "sau cuộc họp. Vui lòng gõ lại ngày họp, hoặc gõ - nếu văn bản không ghi."
    ),
    "new.date_error.meeting_future": (
        "Ngày họp {date} chưa tới (hôm nay là {today}): chỉ ghi nhận kết luận của cuộc họp "
        "đã diễn ra. Vui lòng kiểm tra lại."
    ),
    "new.task_text_error.empty": (
        "Chưa có nội dung nhiệm vụ. Vui lòng gõ hoặc dán nội dung nhiệm vụ, ví dụ: Rà soát, "
        "cập nhật dữ liệu dân cư lên nền tảng số của tỉnh."
    ),
    "new.task_text_error.no_words": (
        "«{text}» chưa phải nội dung nhiệm vụ. Vui lòng gõ nội dung bằng lời (ít nhất hai "
        "từ), ví dụ: Rà soát, cập nhật dữ liệu dân cư lên nền tảng số của tỉnh."
    ),
    "new.too_long": "Nội dung dài quá {limit} ký tự. Vui lòng rút gọn rồi gửi lại.",
    "new.too_long_split": (
        "Nội dung dài {length} ký tự, quá giới hạn {limit} ký tự nên chưa được nhận. Nếu "
        "Telegram tách tin nhắn dài thành nhiều phần, phần tiếp theo cũng không được nhận. "
        "Vui lòng rút gọn rồi gửi lại."
    ),
    "new.too_long_tail": (
        "Phần này là đoạn cuối của nội dung dài vừa gửi (Telegram tự tách tin nhắn dài) nên "
        "cũng không được nhận. Vui lòng gửi nội dung nhiệm vụ dưới {limit} ký tự trong một tin."
    ),
    "new.deadline_ok": "⏰ Thời hạn: {deadline}",
    "new.use_buttons": "Vui lòng chọn bằng các nút bên dưới tin nhắn gần nhất.",
    "new.stale": "Nút này thuộc một bước đã qua. Vui lòng dùng tin nhắn mới nhất của bot.",
    "new.lead_ok": "🏢 Cơ quan chủ trì: {names}",
    "new.support_ok": "🤝 Cơ quan phối hợp: {names}",
    "new.not_your_draft": "Nút này thuộc bản nháp của người khác; anh/chị không thao tác được.",
    "new.closed": "Bản nháp này đã được lưu hoặc đã hủy. Gửi /new để ghi nhận thông báo mới.",
    "new.duplicate": (
        "{notice} đã được nhập ngày {saved} (các nhiệm vụ {tasks}) nên không lưu lại. Nếu là "
        "văn bản khác, sửa số hiệu hoặc ngày ban hành; nếu không, hủy bản nháp."
    ),
    "new.cancelled": "Đã hủy bản nháp. Không có gì được lưu. Gửi /new khi cần ghi nhận lại.",
    "new.pick_edit": "✏️ <b>Sửa nhiệm vụ nào?</b> Chọn theo số mục trong thông báo.",
    "new.pick_delete": "🗑 <b>Xóa nhiệm vụ nào?</b> Chọn theo số mục trong thông báo.",
    "new.confirm_delete": "❓ <b>Xóa nhiệm vụ {number}</b> «{text}» khỏi bản nháp?",
    "new.deleted": "🗑 Đã xóa nhiệm vụ {number}: {text}",
    "new.saved_past_due": (
        "⚠️ {count} nhiệm vụ quá hạn ngay từ khi lưu ({tasks}) vì thời hạn đã qua: các cơ quan "
        "được giao sẽ nhận nhắc quá hạn. Để đổi thời hạn, gửi /task {first} rồi bấm "
        "<b>⏰ Đổi thời hạn</b>."
    ),
    "new.saved_number": "thông báo số {number}",
    "new.saved_no_number": "thông báo kết luận",
    "new.saved": (
        "💾 Đã lưu {conclusion} với <b>{count} nhiệm vụ</b>: {tasks}.\n"
        "{sent}\n"
        "Xem từng nhiệm vụ bằng lệnh /task &lt;số&gt;, ví dụ /task {first}."
    ),
    "new.deadline.recurring": "{phrase} (định kỳ)",
    "new.deadline.recurring_first": "{phrase} (định kỳ; kỳ đầu hạn {first})",
    "new.deadline.none_phrase": "{phrase} (không có thời hạn cụ thể)",
    "new.deadline.none": "không có",
    "new.deadline.date_phrase": "{date} (“{phrase}”)",
    "new.assign.with_support": "Giao <b>{lead}</b> chủ trì, phối hợp với {support}; thời hạn: {deadline}.",
    "new.assign.lead_only": "Giao <b>{lead}</b> chủ trì; thời hạn: {deadline}.",
    "new.preview.title": "📄 <b>XEM LẠI VĂN BẢN TRƯỚC KHI LƯU</b>",
    "new.preview.number": "Số: <b>{number}</b>",
    "new.preview.issued_on": "ngày {date}",
    "new.preview.issuer": "Cơ quan ban hành: {issuer}",
    "new.preview.signer": "Người ký: {signer}",
    "new.preview.meeting_on": "Ngày họp: {date}",
    "new.preview.tasks": "<b>Các nhiệm vụ ({count}):</b>",
    "new.preview.past_due": (
        "⚠️ <b>{count} nhiệm vụ có thời hạn đã qua</b> ({numbers}): khi lưu, các cơ quan được "
        "giao sẽ bị nhắc ngay là quá hạn. Để đổi thời hạn, bấm <b>Sửa một nhiệm vụ</b>, chọn "
        "nhiệm vụ rồi gõ thời hạn mới ở bước thời hạn."
    ),
    "new.preview.check": (
        "Kiểm tra lại rồi bấm <b>Lưu và giao nhiệm vụ</b>; có thể sửa hoặc xóa từng nhiệm vụ "
        "trước khi lưu."
    ),
    "new.source.number": "Thông báo số {number}",
    "new.source.no_number": "Thông báo kết luận",
    "new.source.date": "ngày {date}",
    "new.notify.title": "📌 <b>Nhiệm vụ mới được giao ({count})</b>",
    "new.notify.source": "📄 {source}",
    "new.notify.agencies": "🏢 Cơ quan: {agencies}",
    "new.notify.lead": "<b>Chủ trì thực hiện:</b>",
    "new.notify.support": "<b>Phối hợp thực hiện:</b>",
    "new.notify.task": "• <b>#{id}</b> {text}",
    "new.notify.deadline": "⏰ Thời hạn: {deadline}",
    "new.notify.led_by": "cơ quan chủ trì: {lead}",
    "new.notify.footer": "Bấm vào số nhiệm vụ bên dưới (hoặc gửi /task &lt;số&gt;) để xem chi tiết và báo cáo tiến độ.",
    "new.notify.open": "#{id}",
    "pick.all": "Hiện tất cả cơ quan",
    "pick.add_new": "➕ Thêm mới: {name}",
    "pick.filtered": "🔎 Lọc theo «{query}»: {count} cơ quan.",
    "pick.none_found": "🔎 Không có cơ quan nào khớp «{query}» trong danh mục.",
    "pick.former": "ℹ️ {former} nay là <b>{current}</b>: nhiệm vụ sẽ giao cho {current}.",
    "pick.renamed": "ℹ️ «{written}» là tên cũ ({former}); cơ quan hiện nay là <b>{current}</b> — đã chọn {current}.",
    "pick.renamed_same": "ℹ️ «{written}» nay là <b>{current}</b> (sau sắp xếp bộ máy) — đã chọn {current}.",
    "pick.gone": "Cơ quan này không còn trong danh mục. Vui lòng chọn lại.",
    "pick.already_known": "«{name}» đã có trong danh mục, dùng luôn cơ quan này.",
    "pick.added": "➕ Đã thêm cơ quan mới «{name}» vào danh mục.",
    "pick.deadline_hint": (
        "Gõ như trong văn bản, ví dụ: <i>{ex_day}</i>, <i>trước ngày {ex_day}</i>, "
        "<i>tháng {ex_month}</i>, <i>quý {ex_quarter}</i>, <i>trong năm {ex_year}</i>, <i>trong kỳ "
        "họp tháng {ex_month}</i>, <i>+7</i> (7 ngày nữa), <i>hằng quý</i>; hoặc bấm <b>Không có "
        "thời hạn</b>."
    ),
    "pick.deadline_error.empty": "Chưa có thời hạn. Vui lòng gõ thời hạn hoặc bấm Không có thời hạn.",
    "pick.deadline_error.unrecognized": "Bot chưa hiểu thời hạn «{text}».",
    "pick.deadline_error.no_such_quarter": "«{text}»: một năm chỉ có bốn quý, từ quý I đến quý IV (ví dụ quý {ex_quarter}).",
    "pick.deadline_error.invalid_date": "Ngày «{date}» không có trên lịch. Vui lòng kiểm tra lại.",
    "pick.deadline_error.past": "Ngày {date} đã qua (hôm nay là {today}). Vui lòng gõ một thời hạn từ hôm nay trở đi.",
    "pick.deadline_error.too_far": (
        "Thời hạn {date} xa quá 10 năm, có thể đã gõ nhầm. Vui lòng kiểm tra lại."
    ),
})

TEXTS.update({
    # --- Reports: /export (Excel) and /stats ----------------------------------------
    "settings.province_name": (
        "phải là tên tỉnh/thành phố ghi trên tiêu đề báo cáo (tối đa 80 ký tự), "
        "ví dụ PROVINCE_NAME=tỉnh An Giang"
    ),
    "cmd.export": "Xuất báo cáo Excel: /export [cơ quan] [từ ngày] [đến ngày]",
    "cmd.stats": "Thống kê nhiệm vụ theo cơ quan, kèm biểu đồ: /stats [cơ quan]",
    "export.usage": (
        "Cách dùng: /export [cơ quan] [từ ngày] [đến ngày], ngày dạng dd/mm/yyyy.\n"
        "Ví dụ: /export Sở Y tế {ex_from} {ex_to}\n"
        "Kỳ báo cáo gồm các nhiệm vụ có thời hạn hoặc được giao trong khoảng thời gian đó."
    ),
    "export.bad_date": "Ngày “{text}” không hợp lệ. Vui lòng ghi ngày dạng dd/mm/yyyy, ví dụ {ex_today}.",
    "export.bad_period": "Ngày bắt đầu ({start}) phải trước hoặc bằng ngày kết thúc ({end}).",
    "export.unknown_agency": "Không tìm thấy cơ quan “{written}” trong danh mục.",
    "export.unknown_agency_hint": "Không tìm thấy cơ quan “{written}”. Có phải anh/chị muốn: {hints}?",
    "stats.not_your_agency": (
        "Anh/chị chỉ xem được thống kê của cơ quan mình; {agency} không thuộc cơ quan của "
        "anh/chị. Gửi /stats để xem."
    ),
    "export.not_your_agency": (
        "Anh/chị chỉ xuất được báo cáo của cơ quan mình; {agency} không thuộc cơ quan "
        "của anh/chị."
    ),
    "export.busy": "Báo cáo trước của anh/chị đang được lập, vui lòng chờ nhận tệp rồi hãy yêu cầu tiếp.",
    "export.empty": "Không có nhiệm vụ nào của {scope} trong kỳ báo cáo ({period}).",
    "export.caption": "📊 Báo cáo tình hình thực hiện nhiệm vụ — {scope}\nKỳ báo cáo: {period}. Số nhiệm vụ: {rows}. Số liệu tính đến ngày {today}.",
    "export.scope_province": "toàn tỉnh",
    "export.period_between": "từ {start} đến {end}",
    "export.period_from": "từ {start}",
    "export.period_until": "đến {end}",
    "export.period_all": "không giới hạn thời gian",
    "export.sheet_tasks": "Danh sách nhiệm vụ",
    "export.sheet_summary": "Tổng hợp",
    "export.sheet_unreported": "Chưa báo cáo",
    "export.subtitle_unreported": "DANH SÁCH ĐƠN VỊ CHƯA BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ",
    "export.unreported_note": (
        "Nhiệm vụ chưa hoàn thành, đến hạn trong {near} ngày tới hoặc đã quá hạn, mà đơn vị "
        "thực hiện chưa báo cáo tiến độ trong {days} ngày qua (tính đến ngày {today}, không "
        "phụ thuộc kỳ báo cáo)."
    ),
    "export.unreported_none": "Không có đơn vị nào chậm báo cáo tiến độ.",
    "export.col.unit": "Đơn vị thực hiện",
    "export.col.units_done": "Đơn vị đã hoàn thành",
    "export.col.due_state": "Còn lại / quá hạn",
    "export.col.last_report": "Báo cáo gần nhất",
    "export.units_done": "{done}/{total} đơn vị",
    "export.title": "Ủy ban nhân dân {province}",
    "export.subtitle_tasks": "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO TẠI CÁC THÔNG BÁO KẾT LUẬN",
    "export.subtitle_summary": "TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN",
    "export.scope_line": "Cơ quan: {scope} — Kỳ báo cáo: {period} — Số liệu tính đến ngày {today}",
    "export.col.stt": "STT",
    "export.col.task_id": "Mã nhiệm vụ",
    "export.col.doc_number": "Số văn bản",
    "export.col.doc_date": "Ngày văn bản",
    "export.col.doc_signer": "Người ký văn bản",
    "export.col.text": "Nội dung nhiệm vụ",
    "export.col.lead": "Cơ quan chủ trì",
    "export.col.support": "Cơ quan phối hợp",
    "export.col.deadline": "Thời hạn",
    "export.col.class": "Tình trạng",
    "export.col.report": "Báo cáo gần nhất (tiến độ hoặc hoàn thành)",
    "export.col.completed": "Ngày hoàn thành",
    "export.col.agency": "Cơ quan",
    "export.col.total": "Tổng số nhiệm vụ",
    "export.col.count": "Số lượng",
    "export.col.percent": "Tỷ lệ",
    "export.units_extended_open": " (đơn vị chưa hoàn thành được gia hạn, hạn gần nhất {date})",
    "export.units_extended_done": " (đơn vị được gia hạn muộn nhất đến {date})",
    "export.awaiting_confirmation": " (đã báo hoàn thành, chờ xác nhận)",
    "export.former_agency": "{name} (nay là {current})",
    "export.as_support": "{name} (phối hợp)",
    "export.total_row": "Tổng cộng (mỗi nhiệm vụ tính một lần)",
    "export.summary_note": (
        "Ghi chú: mỗi nhiệm vụ được tính cho cơ quan chủ trì; nhiệm vụ có nhiều cơ quan chủ "
        "trì được tính cho từng cơ quan, nên tổng các dòng có thể lớn hơn dòng Tổng cộng. "
        "Nhiệm vụ giao cho một tập thể (ví dụ “UBND các xã, phường”) tính một dòng cho tập "
        "thể đó; /stats và bản tổng hợp tuần tính riêng từng đơn vị được giao, nên số liệu một "
        "cơ quan ở hai nơi có thể khác nhau. Báo cáo của một cơ quan là một đơn vị được giao "
        "thì tính phần việc của chính đơn vị đó (thời hạn, ngày hoàn thành của đơn vị), như "
        "/stats. "
        "Dòng “(phối hợp)” đếm các nhiệm vụ cơ quan tham gia phối hợp. Nhiệm vụ đã báo hoàn "
        "thành nhưng chưa được Văn phòng UBND tỉnh xác nhận vẫn tính là chưa hoàn thành; "
        "nhiệm vụ đã hủy không được tính."
    ),
    "export.cli_description": (
        "Xuất báo cáo tình hình thực hiện nhiệm vụ ra tệp Excel: danh sách nhiệm vụ và bảng "
        "tổng hợp theo cơ quan. Kỳ báo cáo (--from/--to, dạng dd/mm/yyyy) gồm các nhiệm vụ "
        "có thời hạn hoặc được giao trong khoảng thời gian đó."
    ),
    "export.cli_done": "Đã ghi {path}: {rows} nhiệm vụ ({scope}, {period}).",
    "export.cli_bad_date": "{option}: ngày “{text}” không hợp lệ, cần dạng dd/mm/yyyy.",
    "stats.title": "📊 <b>Tình hình thực hiện nhiệm vụ</b> — {scope}\n(cơ quan chủ trì, tính đến ngày {today})",
    "stats.legend": "✅ hoàn thành đúng hạn · ☑️ hoàn thành quá hạn · 🟡 chưa hoàn thành, trong hạn · 🔴 chưa hoàn thành, quá hạn · ⚪ không có thời hạn",
    "stats.line": "<b>{name}</b>: {total} nhiệm vụ\n   ✅ {done_on_time} · ☑️ {done_late} · 🟡 {in_progress} · 🔴 {overdue} · ⚪ {no_deadline}",
    "stats.total": "<b>Toàn tỉnh</b>: {total} nhiệm vụ — hoàn thành {done} ({done_pct}), quá hạn {overdue}",
    "stats.rest": "… và <b>{count} cơ quan khác</b>: {total} nhiệm vụ\n   ✅ {done_on_time} · ☑️ {done_late} · 🟡 {in_progress} · 🔴 {overdue} · ⚪ {no_deadline}\nBảng đầy đủ từng cơ quan: /export",
    "stats.empty": "Chưa có nhiệm vụ nào để thống kê.",
    # The chart's caption says what is drawn: every agency, or the first of the table.
    "chart.caption.all": "📈 Biểu đồ tình hình thực hiện nhiệm vụ theo cơ quan chủ trì",
    "chart.caption.worst": (
        "📈 Biểu đồ {shown} cơ quan có nhiều nhiệm vụ quá hạn nhất (trong {total} cơ quan chủ trì)"
    ),
    "chart.caption.some": (
        "📈 Biểu đồ {shown}/{total} cơ quan chủ trì đứng đầu bảng ({late} cơ quan có nhiệm vụ "
        "quá hạn)"
    ),
    "chart.caption.none": (
        "📈 Biểu đồ {shown}/{total} cơ quan chủ trì đứng đầu bảng (không có nhiệm vụ quá hạn)"
    ),
    "chart.caption.today": "{head}, đến ngày {today}.",
    "chart.caption.today_rest": "{head}, đến ngày {today}; bảng đầy đủ từng cơ quan: /export.",
    "chart.caption.week": "{head}, tuần {week} (đến ngày {today}).",
    "chart.caption.week_rest": "{head}, tuần {week} (đến ngày {today}); bảng trên có đủ các cơ quan.",
})

TEXTS.update({
    # --- Admin tools: roles (/admins, /grant_admin, /revoke_admin) and task editing ---
    "cmd.admins": "Danh sách quản trị viên",
    "cmd.grant_admin": "Cấp quyền quản trị (chỉ quản trị viên cấp cao)",
    "cmd.revoke_admin": "Thu hồi quyền quản trị (chỉ quản trị viên cấp cao)",
    "admin.super_only": (
        "Chỉ quản trị viên cấp cao (khai báo trong ADMIN_IDS) mới được cấp hoặc thu hồi quyền "
        "quản trị. Anh/chị vui lòng liên hệ một quản trị viên cấp cao — gửi /admins để xem danh sách."
    ),
    "admin.usage_grant": (
        "Cách cấp quyền quản trị — chọn một trong ba cách:\n"
        "• trả lời (reply) một tin nhắn của người đó bằng lệnh /grant_admin\n"
        "• /grant_admin &lt;mã Telegram&gt;, ví dụ /grant_admin 123456789\n"
        "• /grant_admin @tên_người_dùng (người đó phải đã nhắn cho bot)"
    ),
    "admin.usage_revoke": (
        "Cách thu hồi quyền quản trị — chọn một trong ba cách:\n"
        "• trả lời (reply) một tin nhắn của người đó bằng lệnh /revoke_admin\n"
        "• /revoke_admin &lt;mã Telegram&gt;, ví dụ /revoke_admin 123456789\n"
        "• /revoke_admin @tên_người_dùng"
    ),
    "admin.unknown_user": (
        "Bot chưa gặp người dùng {who}. Nhờ người đó mở bot và gửi /start (bot sẽ cho biết mã "
        "Telegram của họ), rồi thử lại."
    ),
    "admin.target_bot": "Không thể cấp hoặc thu hồi quyền quản trị cho một bot.",
    "admin.already_super": (
        "{who} là quản trị viên cấp cao (khai báo trong ADMIN_IDS), không cần cấp thêm quyền."
    ),
    "admin.cannot_revoke_super": (
        "{who} là quản trị viên cấp cao (khai báo trong ADMIN_IDS). Quyền này không thu hồi "
        "được trong chat; muốn thu hồi, hãy sửa ADMIN_IDS trong cấu hình rồi khởi động lại bot."
    ),
    "admin.already_admin": "{who} đã là quản trị viên, không có gì thay đổi.",
    "admin.not_admin": "{who} không phải là quản trị viên, không có gì thay đổi.",
    "admin.granted": "✅ Đã cấp quyền quản trị cho {who}.{notice}",
    "admin.revoked": "✅ Đã thu hồi quyền quản trị của {who}.{notice}",
    "admin.notified": " Bot đã báo cho người đó.",
    "admin.not_notified": (
        " Bot chưa nhắn được cho người đó (có thể họ chưa mở bot); họ sẽ thấy quyền mới khi gửi "
        "/start."
    ),
    "admin.you_granted": (
        "Anh/chị vừa được {by} cấp quyền <b>quản trị viên</b> Nhắc việc: ghi nhận thông báo kết "
        "luận, sửa nhiệm vụ, xem báo cáo toàn tỉnh. Gửi /help để xem các lệnh quản trị."
    ),
    "admin.you_revoked": (
        "Quyền quản trị viên Nhắc việc của anh/chị đã được {by} thu hồi. Gửi /help để xem các "
        "lệnh anh/chị vẫn dùng được."
    ),
    "admin.who": "{name}{username} — mã {id}",
    "admin.who_username": " (@{username})",
    "admin.list_super": "<b>Quản trị viên cấp cao</b> (khai báo trong ADMIN_IDS):",
    "admin.list_granted": "<b>Quản trị viên được cấp quyền</b>:",
    "admin.list_line": "• {who}",
    "admin.list_granted_line": "• {who}, cấp bởi {by} ngày {date}",
    "admin.list_none": "• (chưa có ai)",
    "admin.list_rule": (
        "Chỉ quản trị viên cấp cao được cấp hoặc thu hồi quyền: /grant_admin, /revoke_admin "
        "(trả lời tin nhắn của người đó, hoặc kèm mã Telegram hay @tên)."
    ),
    # --- Editing a saved task from its card -------------------------------------------
    "edit.admin_only": (
        "Xin lỗi, thao tác này chỉ dành cho quản trị viên (Văn phòng UBND tỉnh). Không có gì "
        "thay đổi."
    ),
    "edit.button.text": "✏️ Sửa nội dung",
    "edit.button.agencies": "🏢 Đổi cơ quan",
    "edit.button.deadline": "⏰ Đổi thời hạn",
    "edit.button.cancel": "🚫 Hủy nhiệm vụ",
    "edit.button.reopen": "↩️ Mở lại nhiệm vụ",
    "edit.button.abort": "✖️ Thôi, không sửa",
    "edit.button.abort_close": "✖️ Thôi, không đóng",
    "edit.button.abort_cancel": "✖️ Thôi, không hủy",
    "edit.button.keep_lead": "Giữ nguyên cơ quan chủ trì",
    "edit.button.keep_support": "Giữ nguyên cơ quan phối hợp",
    "edit.button.no_deadline": "Không có thời hạn",
    "edit.button.no_support": "Không có cơ quan phối hợp",
    "edit.button.add_new": "➕ Thêm vào danh mục",
    "edit.button.retype": "✏️ Nhập lại",
    "edit.prompt.text": (
        "✏️ <b>Sửa nội dung nhiệm vụ #{id}</b>\n"
        "Nội dung hiện tại:\n<i>{text}</i>\n\n"
        "Gửi nội dung mới trong một tin nhắn."
    ),
    "edit.prompt.deadline": (
        "⏰ <b>Đổi thời hạn nhiệm vụ #{id}</b>\n"
        "Thời hạn hiện tại: {deadline}\n\n"
        "Gửi thời hạn mới. {hint}"
    ),
    "edit.prompt.lead": (
        "🏢 <b>Đổi cơ quan của nhiệm vụ #{id}</b>\n"
        "Cơ quan chủ trì hiện tại: {lead}\n"
        "Cơ quan phối hợp hiện tại: {support}\n\n"
        "<b>Bước 1/2:</b> gửi tên cơ quan chủ trì (viết tắt cũng được, ví dụ «Sở TC»). Nhiều "
        "cơ quan thì mỗi cơ quan một dòng hoặc cách nhau bởi dấu chấm phẩy."
    ),
    "edit.prompt.support": (
        "{renamed}Cơ quan chủ trì mới: {lead}\n\n"
        "<b>Bước 2/2:</b> gửi tên các cơ quan phối hợp (mỗi cơ quan một dòng hoặc cách nhau "
        "bởi dấu chấm phẩy), hoặc bấm «Không có cơ quan phối hợp».\n"
        "Cơ quan phối hợp hiện tại: {support}"
    ),
    "edit.prompt.cancel": (
        "🚫 <b>Hủy nhiệm vụ #{id}</b>\n"
        "Gửi lý do hủy trong một tin nhắn, ví dụ: «Đã được thay thế bởi Thông báo số …». "
        "Nhiệm vụ không bị xóa: lý do được ghi vào quá trình thực hiện và nhiệm vụ có thể "
        "được mở lại sau."
    ),
    "edit.prompt.unknown": (
        "{renamed}Không tìm thấy trong danh mục cơ quan: {names}.{suggestions}\n\n"
        "Bấm «Thêm vào danh mục» nếu đúng là cơ quan mới, hoặc «Nhập lại» để gửi lại tên."
    ),
    "edit.suggestions": "\nCó phải anh/chị muốn nói: {names}?",
    "edit.none": "không có",
    "edit.need_lead": (
        "Nhiệm vụ cần ít nhất một cơ quan chủ trì. Vui lòng gửi tên cơ quan chủ trì, hoặc "
        "bấm «Giữ nguyên cơ quan chủ trì»."
    ),
    "edit.empty_text": (
        "Nội dung không được để trống. Vui lòng gửi nội dung mới, hoặc bấm «Thôi, không sửa»."
    ),
    "edit.empty_reason": (
        "Vui lòng gửi lý do hủy nhiệm vụ (không được để trống), hoặc bấm «Thôi, không hủy»."
    ),
    "edit.same_text": (
        "Nội dung mới giống hệt nội dung hiện tại. Gửi nội dung khác, hoặc bấm «Thôi, không "
        "sửa»."
    ),
    "edit.same_deadline": (
        "Thời hạn này trùng với thời hạn hiện tại ({deadline}). Gửi thời hạn khác, hoặc bấm "
        "«Thôi, không sửa»."
    ),
    "edit.done.text": "✅ Đã sửa nội dung nhiệm vụ #{id}.",
    "edit.done.deadline": "✅ Đã đổi thời hạn nhiệm vụ #{id}: {old} → {new}.",
    "edit.done.agencies": "✅ Đã đổi cơ quan của nhiệm vụ #{id}.",
    "edit.done.cancel": "✅ Đã hủy nhiệm vụ #{id}. Lý do đã được ghi vào quá trình thực hiện.",
    "edit.done.reopen": "✅ Đã mở lại nhiệm vụ #{id}.",
    "edit.no_change": "Không có gì thay đổi: nhiệm vụ #{id} vẫn như cũ.",
    "edit.aborted": "Đã thôi, nhiệm vụ #{id} không thay đổi.",
    "edit.added_agencies": "➕ Đã thêm vào danh mục: {names}.",
    "edit.expired": (
        "Thao tác sửa nhiệm vụ #{id} đã hết hạn (quá {minutes} phút không có trả lời) nên "
        "bot không ghi nhận tin nhắn này. Gửi /task {id} và bấm lại nút nếu vẫn muốn sửa."
    ),
    "edit.abandoned": (
        "ℹ️ Đã bỏ dở thao tác sửa nhiệm vụ #{id} vì anh/chị chuyển sang lệnh khác; nhiệm vụ không "
        "thay đổi."
    ),
    "edit.stale_state": (
        "Nút này đã cũ: nhiệm vụ #{id} hiện ở trạng thái «{state}» nên không làm được thao "
        "tác này. Gửi /task {id} để xem thông tin mới nhất."
    ),
    "edit.stale_prompt": (
        "Nút này thuộc một thao tác đã xong, đã thôi hoặc đã hết hạn. Gửi /task và số nhiệm vụ "
        "để bắt đầu lại."
    ),
})

TEXTS.update({
    # --- Polish: usability fixes after the review walk-through ---------------------
    # usability fixes after the review walk-through
    "act.dropped.progress": (
        "Đã hủy báo cáo tiến độ nhiệm vụ #{id} vì anh/chị gửi lệnh khác; chưa có nội dung "
        "nào được ghi nhận. Bấm lại nút trên nhiệm vụ nếu cần."
    ),
    "act.dropped.done_result": (
        "Đã hủy báo cáo hoàn thành nhiệm vụ #{id} vì anh/chị gửi lệnh khác; chưa có nội dung "
        "nào được ghi nhận. Bấm lại nút trên nhiệm vụ nếu cần."
    ),
    "act.dropped.extension_date": (
        "Đã hủy đề nghị gia hạn nhiệm vụ #{id} vì anh/chị gửi lệnh khác; chưa có đề nghị "
        "nào được gửi. Bấm lại nút trên nhiệm vụ nếu cần."
    ),
    "act.dropped.extension_reason": (
        "Đã hủy đề nghị gia hạn nhiệm vụ #{id} vì anh/chị gửi lệnh khác; chưa có đề nghị "
        "nào được gửi. Bấm lại nút trên nhiệm vụ nếu cần."
    ),
    "act.dropped.return_note": (
        "Đã hủy việc trả lại báo cáo hoàn thành nhiệm vụ #{id} vì anh/chị gửi lệnh khác; "
        "báo cáo vẫn chờ xác nhận. Bấm lại nút trên thông báo nếu cần."
    ),
    "act.dropped.reject_note": (
        "Đã hủy việc không chấp thuận gia hạn nhiệm vụ #{id} vì anh/chị gửi lệnh khác; đề "
        "nghị gia hạn vẫn chờ quyết định. Bấm lại nút trên thông báo nếu cần."
    ),
    # /invite
    "invite.renamed": (
        "ℹ️ {named} nay là <b>{current}</b> (sau sắp xếp bộ máy); link mời dưới đây dành "
        "cho {current}.\n\n"
    ),
    "invite.collective": (
        "«{agency}» là tên gọi chung của nhiều cơ quan, không có thành viên riêng nên không "
        "tạo link mời được. Vui lòng tạo link cho từng cơ quan cụ thể, ví dụ /invite Sở Y tế."
    ),
    # when the weekly summary goes out (SUMMARY_WEEKDAY, SUMMARY_HOUR)
    "summary.when": "{hour} {weekday} hằng tuần",
    "weekday.1": "thứ Hai",
    "weekday.2": "thứ Ba",
    "weekday.3": "thứ Tư",
    "weekday.4": "thứ Năm",
    "weekday.5": "thứ Sáu",
    "weekday.6": "thứ Bảy",
    "weekday.7": "Chủ nhật",
    # task lists
    "tl.hint_view": "Bấm số nhiệm vụ để xem chi tiết.",
    "tl.role_support": "Chủ trì: {lead} · {support} phối hợp",
    # an admin's notice once decided
    "act.closed.confirmed": "✅ <b>Đã xác nhận hoàn thành</b>",
    "act.closed.returned": "↩️ <b>Đã trả lại báo cáo hoàn thành</b>",
    "act.closed.approved": "👍 <b>Đã chấp thuận gia hạn đến {date}</b>",
    "act.closed.rejected": "👎 <b>Không chấp thuận gia hạn</b>",
    "act.line.deadline": "⏰ Thời hạn: {deadline}",
    "act.line.current_deadline": "⏰ Thời hạn hiện tại: {old}",
    "act.line.deadline_asked": "⏰ Thời hạn khi đề nghị: {old}",
    "act.decided_by": "Người xử lý: {who}, {at}",
    # groups (/task N, the open-task button, /help)
    "group.card_elsewhere": (
        "Nhóm này chỉ nhận thông tin của {agencies}; nhiệm vụ #{id} không hiển thị ở đây. "
        "Vui lòng xem trong tin nhắn riêng với bot."
    ),
    "group.card_members_only": (
        "Nhiệm vụ #{id} chỉ hiển thị cho cán bộ của {agencies} đã tham gia Nhắc việc. "
        "Vui lòng nhắn riêng cho bot (gửi /start) để biết cách tham gia."
    ),
    "group.card_unlinked": (
        "Nhóm này chưa được liên kết với cơ quan nào nên không hiển thị nhiệm vụ #{id}. "
        "Vui lòng xem trong tin nhắn riêng với bot."
    ),
    "help.title.group": "<b>Các lệnh dùng được trong nhóm</b>",
    "help.group_private": (
        "Các lệnh khác (tìm nhiệm vụ, báo cáo tiến độ, cài đặt…) dùng trong tin nhắn "
        "riêng với bot: {link}"
    ),
    # free text with nothing pending
    "error.not_understood": "Bot chưa hiểu tin nhắn này. Gửi /help để xem các lệnh anh/chị dùng được.",
    "error.not_understood_member": (
        "Bot chưa ghi nhận tin nhắn này. Để báo cáo tiến độ, gửi /tasks, chọn nhiệm vụ rồi bấm "
        "«📝 Báo cáo tiến độ» và gửi lại nội dung. Gửi /help để xem các lệnh anh/chị dùng được."
    ),
    # weekly summary of an agency that leads no task
    "summary.support_only": (
        "📊 <b>Tổng hợp tuần {week} — {agency}</b>\n"
        "Đến ngày {today}, {agency} không chủ trì nhiệm vụ nào; đang phối hợp thực hiện "
        "{count} nhiệm vụ: {ids}."
    ),
    "cli.summary_nothing": (
        "{agency} không chủ trì và không phối hợp nhiệm vụ nào đang thực hiện: tuần này "
        "không gửi tổng hợp."
    ),
})

TEXTS.update({
    # --- /cancel and the one question the bot waits for -----------------------------
    "cmd.cancel": "Hủy thao tác đang chờ anh/chị trả lời",
    "cancel.nothing": "Hiện không có thao tác nào đang chờ anh/chị trả lời, nên không có gì để hủy.",
    "cancel.act.progress": "Đã hủy báo cáo tiến độ nhiệm vụ #{id}; chưa có nội dung nào được ghi nhận.",
    "cancel.act.done_result": "Đã hủy báo cáo hoàn thành nhiệm vụ #{id}; chưa có nội dung nào được ghi nhận.",
    "cancel.act.extension_date": "Đã hủy đề nghị gia hạn nhiệm vụ #{id}; chưa có đề nghị nào được gửi.",
    "cancel.act.extension_reason": "Đã hủy đề nghị gia hạn nhiệm vụ #{id}; chưa có đề nghị nào được gửi.",
    "cancel.act.return_note": "Đã hủy việc trả lại báo cáo hoàn thành nhiệm vụ #{id}; báo cáo vẫn chờ xác nhận.",
    "cancel.act.reject_note": "Đã hủy việc không chấp thuận gia hạn nhiệm vụ #{id}; đề nghị vẫn chờ quyết định.",
    "cancel.edit": "Đã hủy thao tác sửa nhiệm vụ #{id}; nhiệm vụ không thay đổi.",
    "new.paused": "Bản nháp thông báo đang nhập được tạm dừng (không mất gì); gửi /new hoặc /import để tiếp tục.",
    "cancel.new_kept": (
        "Đã dừng ghi nhận thông báo. Bản nháp ({tasks} nhiệm vụ đã nhận, {proposals} đề xuất "
        "đọc từ văn bản) chưa bị xóa để không mất công nhập: gửi /new để tiếp tục, hoặc để "
        "hủy hẳn bản nháp."
    ),
    "cancel.new": "Đã hủy bản nháp thông báo kết luận ({tasks} nhiệm vụ đã nhập); không có gì được lưu. Gửi /new hoặc /import khi cần ghi nhận lại.",
    "cancel.join": "Đã dừng tìm cơ quan. Gửi /join khi anh/chị muốn xin tham gia.",
    "join.need_name": "Vui lòng gõ tên cơ quan của anh/chị (ví dụ: Sở Tài chính), hoặc gửi /cancel để thôi.",
    "error.stray_file": (
        "Bot chỉ đọc tệp khi đang chờ tệp: gửi /import để nhập một thông báo kết luận, hoặc "
        "bấm «Báo cáo tiến độ» trên nhiệm vụ rồi gửi tệp kèm báo cáo."
    ),
    "error.edited": (
        "Bot không đọc tin nhắn đã sửa, nên chưa thay đổi gì. Nếu cần, vui lòng gửi lại nội "
        "dung trong một tin nhắn mới."
    ),
})

TEXTS.update({
    # --- Working calendar (issue #14): settings and `python -m bot calendar` --------
    "settings.workdays": (
        "{value}. WORKDAYS là các ngày thứ Bảy, Chủ nhật phải đi làm bù theo thông báo của "
        "Chính phủ, dạng dd/mm/yyyy cách nhau bởi dấu phẩy, tối đa 100 ngày, "
        "ví dụ WORKDAYS=10/01/2026"
    ),
    "settings.date.bad": "\"{value}\" không phải ngày dạng dd/mm/yyyy",
    "settings.date.too_many": "có {count} ngày, nhiều hơn {limit} ngày cho phép",
    "settings.date.year": "{day} nằm ngoài các năm {first}–{last}",
    "settings.date.weekday": "{day} là {weekday}, vốn đã là ngày làm việc",
    "settings.date.both": "{day} có cả trong HOLIDAYS",
    "cli.calendar.extra_holiday": "Ngày nghỉ thêm theo cấu hình HOLIDAYS",
    "cli.calendar.header": "Ngày nghỉ lễ, Tết năm {year} ({count} ngày):",
    "cli.calendar.day": "{date} ({weekday}): {name}",
    "cli.calendar.workdays": "Ngày làm việc bù ({count} ngày):",
    "cli.calendar.workday": "{date} ({weekday})",
    "cli.calendar.no_workdays": "Không có ngày làm việc bù.",
    "cli.calendar.source": (
        "Nguồn: lịch Việt Nam của gói holidays {version}, thêm HOLIDAYS và WORKDAYS trong "
        "cấu hình. Khi Chính phủ thông báo hoán đổi ngày làm việc mà danh sách trên chưa có, "
        "ghi ngày nghỉ vào HOLIDAYS và ngày làm bù vào WORKDAYS."
    ),
    "cli.calendar.bad_year": (
        "Năm không hợp lệ: \"{value}\". Ghi năm từ {first} đến {last}, "
        "ví dụ: python -m bot calendar 2027"
    ),
})

TEXTS.update({
    # --- Telegram conventions (issue #14): the bot's profile, error reports ---------
    "bot.description": (
        "Nhắc việc theo dõi các nhiệm vụ lãnh đạo tỉnh giao trong thông báo kết luận, ý kiến "
        "chỉ đạo: nhắc cơ quan trước và sau thời hạn, nhận báo cáo tiến độ, đề nghị gia hạn "
        "và gửi tổng hợp hằng tuần.\n\n"
        "Dành cho cán bộ các sở, ban, ngành, địa phương được Văn phòng UBND tỉnh mời tham gia. "
        "Bấm «Bắt đầu» để xem cách tham gia."
    ),
    "bot.short_description": (
        "Theo dõi, nhắc hạn nhiệm vụ trong thông báo kết luận của lãnh đạo tỉnh."
    ),
    "incident.report": (
        "⚠️ <b>Bot gặp lỗi khi xử lý một yêu cầu</b>\n"
        "Lỗi: <code>{error}</code> tại <code>{where}</code>\n"
        "Yêu cầu: {update}\n"
        "Lúc: {at}{repeated}\n\n"
        "Người dùng đã được báo có lỗi và đề nghị thử lại. Chi tiết kỹ thuật có trong nhật ký "
        "(log) của máy chủ. Lỗi cùng loại sẽ không được báo lại trong vòng 1 giờ."
    ),
    "incident.repeated": "\nLỗi này đã lặp lại {count} lần kể từ lần báo trước.",
    "incident.update.command": "lệnh {detail}",
    "incident.update.button": "bấm nút (mã thao tác {detail})",
    "incident.update.text": "tin nhắn chữ",
    "incident.update.file": "tệp gửi lên",
    "incident.update.photo": "ảnh gửi lên",
    "incident.update.member": "bot được thêm vào hoặc rời khỏi một nhóm",
    "incident.update.job": "việc chạy định kỳ «{detail}»",
    "incident.update.other": "một cập nhật khác từ Telegram",
    "incident.chat.private": ", trong tin nhắn riêng",
    "incident.chat.group": ", trong một nhóm",
})

TEXTS.update({
    # --- Told when it concerns them (issue #14): digests, change notices, lists in groups
    "settings.report_digest_at": (
        "phải là giờ gửi bản tổng hợp báo cáo tiến độ trong ngày làm việc, dạng HH:MM cách "
        "nhau bởi dấu phẩy (tối đa 6 lần), ví dụ REPORT_DIGEST_AT=16:30; để trống là không gửi"
    ),
    "prefs.digest": "• Tổng hợp báo cáo tiến độ của các cơ quan (gửi lúc {times} ngày làm việc): {state}",
    "prefs.digest_unset": "• Tổng hợp báo cáo tiến độ: đang tắt cho toàn hệ thống (cấu hình REPORT_DIGEST_AT).",
    "prefs.digest_button": "📝 Tổng hợp báo cáo tiến độ: đang bật — bấm để tắt",
    "prefs.digest_button_off": "📝 Tổng hợp báo cáo tiến độ: đang tắt — bấm để bật",
    "digest.title": "📝 <b>Báo cáo tiến độ mới: {count} báo cáo</b>\nTừ {since} đến {until}",
    "digest.task": "\n<b>#{id}</b> {text}\n🏢 Cơ quan chủ trì: {lead}",
    "digest.report": "• {at} — {who}: {note}{file}",
    "digest.who": "{who}",
    "digest.who_agency": "{who} ({agency})",
    "digest.file": " 📎 có tệp kèm theo",
    "digest.more": "\n… và {count} báo cáo khác; xem từng nhiệm vụ bằng /task &lt;số&gt;.",
    "digest.footer": (
        "\nBấm số nhiệm vụ bên dưới để xem chi tiết. Tắt hoặc bật bản tổng hợp này trong /settings."
    ),
    "edit.notify.text": (
        "✏️ <b>Văn phòng UBND tỉnh đã sửa nội dung nhiệm vụ</b>\n{task}\n\n"
        "Nội dung mới: {new}"
    ),
    "edit.notify.deadline": (
        "⏰ <b>Văn phòng UBND tỉnh đã đổi thời hạn nhiệm vụ</b>\n{task}\n\n"
        "Thời hạn cũ: {old}\nThời hạn mới: {new}"
    ),
    "edit.notify.deadline_kept": (
        "⏰ <b>Văn phòng UBND tỉnh đã đổi thời hạn nhiệm vụ</b>\n{task}\n\n"
        "Thời hạn chung: {old} → {new}\n"
        "Thời hạn đã gia hạn cho {units} giữ nguyên: {own}"
    ),
    "edit.notify.extended_old": "{date} (đã gia hạn)",
    "edit.notify.agencies": (
        "🏢 <b>Văn phòng UBND tỉnh đã đổi cơ quan thực hiện nhiệm vụ</b>\n"
        "{task}\n\n"
        "Cơ quan chủ trì: {lead}\n"
        "Cơ quan phối hợp: {support}\n"
        "Trước đây — cơ quan chủ trì: {old_lead}; cơ quan phối hợp: {old_support}{dropped}"
    ),
    "edit.notify.no_support": "không có",
    "edit.notify.dropped": (
        "\n\n{agencies} không còn tham gia thực hiện nhiệm vụ này; bot sẽ thôi nhắc về "
        "nhiệm vụ này."
    ),
    "edit.notify.cancelled": (
        "🚫 <b>Văn phòng UBND tỉnh đã hủy nhiệm vụ</b>\n{task}\n\n"
        "Lý do: {reason}\nBot sẽ thôi nhắc về nhiệm vụ này."
    ),
    "edit.notify.reopened_awaiting": (
        "↩️ <b>Văn phòng UBND tỉnh đã mở lại nhiệm vụ</b>\n{task}\n\n"
        "Báo cáo hoàn thành của đơn vị đang chờ Văn phòng xác nhận."
    ),
    "edit.notify.reopened": (
        "↩️ <b>Văn phòng UBND tỉnh đã mở lại nhiệm vụ</b>\n{task}\n\n"
        "Nhiệm vụ được tiếp tục theo dõi; thời hạn: {deadline}."
    ),
    "group.lists_members_only": (
        "Danh sách nhiệm vụ của {agencies} chỉ hiển thị cho cán bộ của các cơ quan này đã "
        "tham gia Nhắc việc. Vui lòng nhắn riêng cho bot (gửi /start) để biết cách tham gia."
    ),
})

TEXTS.update({
    # --- Issue #14: what officials tripped over -----------------------------------------
    # a finished or cancelled task in a list or a summary: no countdown
    "line.done": "hạn {deadline} · hoàn thành {date}",
    "line.done_no_deadline": "hoàn thành {date}",
    "line.awaiting": "đã báo hoàn thành, chờ xác nhận",
    "line.units_extended": "{deadline} (đơn vị chưa hoàn thành được gia hạn, hạn gần nhất {date}), {left}",
    "line.cancelled": "đã hủy",
    # /new: a document detail that has a value (after "Quay lại", or edited from the preview)
    "new.ask.current_meta": (
        "Hiện tại: <i>{value}</i>\nBấm <b>Giữ nguyên</b>, gõ nội dung khác để thay, hoặc gõ "
        "dấu <code>-</code> nếu muốn để trống."
    ),
    # a name the notice gives that the directory lacks (added when the draft is saved)
    "new.agency_new": "{name} (chưa có trong danh mục)",
    "new.btn.new_ticked": "✓ {name} (mới)",
    # /import: the notice just read was saved before (told at once, the draft is dropped)
    "new.import.earlier": (
        "⚠️ {notice} đã được nhập ngày {saved}, gồm các nhiệm vụ {tasks}. Bot không nhập lại "
        "để tránh giao trùng nhiệm vụ; bản nháp đã được hủy. Xem lại nhiệm vụ: /task {first}."
    ),
    # a recurring duty entered late: the period it is followed from (bug 7)
    "new.ask.first_period": (
        "🔁 <b>Kỳ đầu tiên</b> của nhiệm vụ định kỳ «{text}» ({phrase})?\n"
        "Mỗi lần Văn phòng UBND tỉnh xác nhận hoàn thành, nhiệm vụ chuyển sang kỳ sau. Mặc "
        "định theo dõi từ kỳ hiện tại (hạn {current}); nếu kỳ trước chưa được báo cáo, chọn "
        "kỳ trước."
    ),
    "new.import.first_period": (
        "🔁 Nhiệm vụ định kỳ, theo dõi từ kỳ có hạn {date}. Nếu kỳ trước chưa được báo cáo, "
        "chọn kỳ trước:"
    ),
    "new.period.before2": "2 kỳ trước · {date}",
    "new.period.before": "Kỳ trước · {date}",
    "new.period.current": "Kỳ này · {date}",
    "new.period.next": "Kỳ sau · {date}",
    "new.step.first_period": "kỳ đầu tiên",
    # the office confirms the real completion date; grants an extension to its own date
    "act.btn.confirm_on": "📅 Hoàn thành ngày khác",
    "act.btn.approve_to": "📅 Gia hạn đến ngày khác",
    "act.btn.on_today": "Hôm nay · {date}",
    "act.btn.on_reported": "Ngày báo cáo · {date}",
    "act.ask.done_date": (
        "📅 Ngày hoàn thành thực tế — {task}\n\n"
        "Thời hạn: {deadline}. Bấm một ngày bên dưới, hoặc gửi ngày hoàn thành thực tế, ví dụ "
        "<code>{ex_issued}</code>.\n"
        "<i>Bot sẽ chờ câu trả lời của anh/chị trong {minutes} phút.</i>"
    ),
    "act.ask.approve_date": (
        "📅 Gia hạn đến ngày khác — {task}\n\n"
        "Thời hạn hiện tại: <b>{deadline}</b>; {who} đề nghị gia hạn đến "
        "<b>{asked}</b>. Vui lòng gửi thời hạn mới, ví dụ <code>{ex_day}</code> hoặc "
        "<code>+14</code> (thêm 14 ngày, tức đến {ex_plus}).\n"
        "<i>Bot sẽ chờ câu trả lời của anh/chị trong {minutes} phút.</i>"
    ),
    "act.ask.approve_note": (
        "Thời hạn mới của nhiệm vụ #{id}: <b>{date}</b>.\nVui lòng gửi ý kiến cho {who} (ví "
        "dụ lý do chọn thời hạn này), hoặc gửi «-» nếu không có ý kiến."
    ),
    "act.done_date.unrecognized": (
        "Bot chưa hiểu ngày «{text}». Vui lòng gửi ngày dạng ngày/tháng/năm, ví dụ {ex_issued}."
    ),
    "act.done_date.invalid": "Ngày «{text}» không có trên lịch. Vui lòng kiểm tra lại.",
    "act.done_date.future": "Ngày hoàn thành không thể sau hôm nay ({today}). Vui lòng gửi lại.",
    "act.done.admin_confirmed": (
        "Đã xác nhận hoàn thành nhiệm vụ #{id}, ngày hoàn thành {date}; cơ quan chủ trì đã "
        "được thông báo."
    ),
    "act.done.admin_approved": (
        "Đã chấp thuận gia hạn nhiệm vụ #{id} đến {date}; cơ quan chủ trì đã được thông báo."
    ),
    "act.done.admin_approved_unit": (
        "Đã chấp thuận gia hạn phần việc của {unit} (nhiệm vụ #{id}) đến {date}; đơn vị đã "
        "được thông báo."
    ),
    "act.approved_toast_unit": (
        "Đã chấp thuận gia hạn phần việc của {unit} (nhiệm vụ #{id}) đến {date}; đơn vị đã "
        "được thông báo."
    ),
    "act.who.lead": "cơ quan chủ trì",
    "act.what.task": "nhiệm vụ",
    "act.what.part": "phần việc",
    "act.notify.extension_settled": (
        "\nĐề nghị gia hạn đến {new} không cần xem xét nữa vì {what} đã hoàn thành."
    ),
    "act.closed.by_closing": (
        "✅ <b>Tính hoàn thành ngày {date} (ngày báo cáo)</b>: Văn phòng đã đóng nhiệm vụ."
    ),
    "act.closed.task_closed": (
        "☑️ <b>Đề nghị gia hạn đã khép lại</b>: Văn phòng đã đóng nhiệm vụ."
    ),
    "act.closed.settled": (
        "☑️ <b>Đề nghị gia hạn đã khép lại</b>: nhiệm vụ đã được xác nhận hoàn thành nên không "
        "cần gia hạn."
    ),
    "act.closed.settled_unit": (
        "☑️ <b>Đề nghị gia hạn đã khép lại</b>: phần việc của {unit} đã được xác nhận hoàn "
        "thành nên không cần gia hạn."
    ),
    "act.what.unit": "phần việc của {unit}",
    "act.confirmed_toast_unit": (
        "Đã xác nhận hoàn thành phần việc của {unit} (nhiệm vụ #{id}); đơn vị đã được thông "
        "báo."
    ),
    "act.done.admin_confirmed_unit": (
        "Đã xác nhận hoàn thành phần việc của {unit} (nhiệm vụ #{id}), ngày hoàn thành {date}; "
        "đơn vị đã được thông báo."
    ),
    "act.done.admin_returned_unit": (
        "Đã trả lại báo cáo hoàn thành phần việc của {unit} (nhiệm vụ #{id}); đơn vị được "
        "thông báo kèm ý kiến của anh/chị."
    ),
    "act.done.admin_rejected_unit": (
        "Đã gửi ý kiến không chấp thuận gia hạn phần việc của {unit} (nhiệm vụ #{id}); đơn "
        "vị được thông báo kèm lý do."
    ),
    "act.notify.approved_other": (
        "👍 <b>Chấp thuận gia hạn</b>\n{task}\n\n"
        "Thời hạn mới: <b>{new}</b> (cơ quan đề nghị: {asked}; thời hạn cũ: {old}).{comment}"
    ),
    "act.notify.comment": "\n💬 Ý kiến của Văn phòng UBND tỉnh: {note}",
    "act.kind.done_date": "xác nhận ngày hoàn thành",
    "act.kind.approve_date": "gia hạn đến ngày khác",
    "act.kind.approve_note": "gia hạn đến ngày khác",
    "cancel.act.done_date": (
        "Đã hủy việc xác nhận ngày hoàn thành nhiệm vụ #{id}; báo cáo vẫn chờ xác nhận."
    ),
    "cancel.act.approve_date": (
        "Đã hủy việc gia hạn nhiệm vụ #{id} đến ngày khác; đề nghị gia hạn vẫn chờ quyết định."
    ),
    "cancel.act.approve_note": (
        "Đã hủy việc gia hạn nhiệm vụ #{id} đến ngày khác; đề nghị gia hạn vẫn chờ quyết định."
    ),
    "act.dropped.done_date": (
        "Đã hủy việc xác nhận ngày hoàn thành nhiệm vụ #{id} vì anh/chị gửi lệnh khác; báo "
        "cáo vẫn chờ xác nhận. Bấm lại nút trên thông báo nếu cần."
    ),
    "act.dropped.approve_date": (
        "Đã hủy việc gia hạn nhiệm vụ #{id} đến ngày khác vì anh/chị gửi lệnh khác; đề nghị "
        "gia hạn vẫn chờ quyết định. Bấm lại nút trên thông báo nếu cần."
    ),
    "act.dropped.approve_note": (
        "Đã hủy việc gia hạn nhiệm vụ #{id} đến ngày khác vì anh/chị gửi lệnh khác; đề nghị "
        "gia hạn vẫn chờ quyết định. Bấm lại nút trên thông báo nếu cần."
    ),
    # /new: saving with nobody to tell; the question under "✖ Hủy"
    "new.saved_sent": "Đã gửi thông báo giao nhiệm vụ tới {chats} nhóm/cán bộ theo dõi các cơ quan liên quan.",
    "new.saved_unreached": (
        "{count} đơn vị được giao chưa có ai theo dõi nên chưa nhận được thông báo: {names}{more}. "
        "Mời cán bộ tham gia bằng /invite &lt;tên cơ quan&gt;."
    ),
    "new.saved_unreached_more": " và {count} đơn vị khác",
    "new.saved_nobody": (
        "Chưa có nhóm hay cán bộ nào theo dõi các cơ quan được giao nên chưa ai nhận được "
        "thông báo giao nhiệm vụ. Mời cán bộ từng cơ quan tham gia bằng /invite &lt;tên cơ "
        "quan&gt;; khi tham gia, họ xem được các nhiệm vụ này và được nhắc hạn."
    ),
    "new.confirm_cancel": (
        "❓ <b>Hủy bản nháp này?</b> Thông tin văn bản và {tasks} nhiệm vụ đã nhập sẽ bị bỏ, "
        "không có gì được lưu."
    ),
    # /help in a private chat: commands grouped by what they are for, then how to begin
    "help.section.record": "📝 <b>Ghi nhận</b>",
    "help.section.follow": "📋 <b>Theo dõi</b>",
    "help.section.report": "📊 <b>Báo cáo</b>",
    "help.section.people": "👥 <b>Người dùng</b>",
    "help.section.general": "⚙️ <b>Chung</b>",
    "help.begin.admin": (
        "<b>Bắt đầu:</b> gửi /import rồi dán toàn văn thông báo kết luận (hoặc gửi tệp .docx, "
        ".pdf); bot đề xuất từng nhiệm vụ để anh/chị duyệt, rồi lưu và giao. Sau đó mời cán "
        "bộ các cơ quan bằng /invite &lt;tên cơ quan&gt; để họ nhận nhiệm vụ và được nhắc hạn."
    ),
    "help.begin.member": (
        "<b>Bắt đầu:</b> gửi /tasks để xem nhiệm vụ của cơ quan; bấm số nhiệm vụ để báo cáo "
        "tiến độ, báo cáo hoàn thành hoặc đề nghị gia hạn."
    ),
    # a deadline after its label ("Thời hạn: không có"), and a recurring duty's nudge, which
    # cannot ask for an extension (each period has its own deadline)
    "due.none_short": "không có",
    "nudge.ask_due_recurring": (
        "Đề nghị quý cơ quan hoàn thành và báo cáo kết quả kỳ này trong ngày hôm nay; nếu chưa "
        "thể hoàn thành, báo cáo rõ lý do."
    ),
    "nudge.ask_overdue_recurring": (
        "Đề nghị quý cơ quan khẩn trương hoàn thành và báo cáo kết quả kỳ này; nếu chưa hoàn "
        "thành được, báo cáo rõ lý do."
    ),
})

TEXTS.update({
    # --- /import review: why a proposal's lead and deadline were chosen (issue #16) ----
    "new.import.source.line": "ℹ️ Căn cứ: {parts}.",
    "new.import.source.lead": "cơ quan chủ trì {why}",
    "new.import.source.deadline": "thời hạn {why}",
    "new.import.source.written": "ghi ngay trong nhiệm vụ",
    "new.import.source.heading": "theo đề mục hoặc cột của văn bản",
    "new.import.source.section": "theo đoạn giao việc chung của phần",
    "new.import.source.document": "theo nơi nhận của văn bản",
    "new.import.source.guessed": "do bot đoán",
    "new.import.guessed_lead": "⚠️ Cơ quan chủ trì do bot đoán (văn bản không ghi rõ): vui lòng kiểm tra, bấm <b>Sửa</b> nếu chưa đúng.",
    "new.import.doubtful_first": (
        "Các nhiệm vụ cần kiểm tra (bot chưa chắc chắn về cơ quan chủ trì, hoặc thời hạn đã "
        "qua) được đưa lên xem trước; khi lưu, nhiệm vụ vẫn theo thứ tự trong văn bản."
    ),
    "new.import.past_due": (
        "⚠️ Thời hạn đã qua: {date} (hôm nay là {today}). Nếu lưu như vậy, nhiệm vụ bị tính "
        "quá hạn ngay và cơ quan được giao nhận nhắc quá hạn; bấm <b>Sửa</b> để đổi thời hạn "
        "nếu cần."
    ),
})

TEXTS.update({
    # --- Choosing the units of a qualified collective ("… có cụm công nghiệp") ---------
    "new.btn.members": "☑ Đơn vị thuộc {agency}{task}: {chosen}/{total}",
    "new.btn.members_done": "✅ Xong",
    "new.btn.members_all": "Chọn tất cả",
    "new.btn.members_none": "Bỏ chọn tất cả",
    "new.members.ask": (
        "Nhiệm vụ «{text}» giao cho <b>{agency}</b>. Đánh dấu các đơn vị được giao (đang chọn "
        "{chosen}/{total}); mỗi đơn vị được chọn sẽ báo cáo riêng. Bấm <b>Xong</b> khi chọn xong."
    ),
    "new.members.page": "Trang {page}/{pages}.",
    "new.members.none": "Vui lòng chọn ít nhất một đơn vị.",
    "new.members.chosen": " ({chosen}/{total} đơn vị)",
})

# Tasks to several units in chat (#15): the card, the list of units, closing, /chuabaocao,
# the supporting agencies' switch.
TEXTS.update({
    "units.card.progress": "📊 <b>{done}/{total} đơn vị đã hoàn thành</b>{awaiting}",
    "units.card.awaiting": " · {count} đơn vị chờ xác nhận",
    "units.card.closed": "; {count} đơn vị đóng theo ý kiến của Văn phòng",
    "units.card.mine": "📌 <b>Đơn vị của anh/chị:</b> {agency}",
    "units.card.more_decisions": (
        "🕓 Còn {count} báo cáo hoàn thành hoặc đề nghị gia hạn khác đang chờ Văn phòng xử lý; "
        "xử lý xong các nút dưới đây rồi mở lại nhiệm vụ để xem tiếp."
    ),
    "units.btn.list": "📋 Đơn vị chưa hoàn thành ({count})",
    "units.btn.confirm": "✅ Xác nhận hoàn thành — {agency}",
    "units.btn.return": "↩️ Trả lại — {agency}",
    "units.btn.confirm_on": "📅 Hoàn thành ngày khác — {agency}",
    "units.btn.approve": "👍 Chấp thuận gia hạn — {agency}",
    "units.btn.reject": "👎 Không chấp thuận — {agency}",
    "units.btn.approve_to": "📅 Gia hạn đến ngày khác — {agency}",
    "units.page.head": (
        "📋 <b>Nhiệm vụ #{id}</b> — {text}\nĐơn vị chưa hoàn thành: <b>{left}/{total}</b>"
    ),
    "tl.units": " · {done}/{total} đơn vị xong",
    "units.page.line": "• {agency} — {state}",
    "units.page.page": "Trang {page}/{pages}",
    "units.page.none": "✅ Tất cả các đơn vị đã hoàn thành.",
    "units.state.not_reported": "chưa báo cáo",
    "units.state.reported": "đã báo cáo tiến độ {date}",
    "units.state.awaiting": "đã báo hoàn thành, chờ xác nhận",
    "units.state.extended": "đã gia hạn đến {date}",
    "units.state.overdue": "quá hạn {days} ngày",
    "card.event_unit": "[{agency}] ",
    "edit.button.close": "✅ Đóng nhiệm vụ",
    "edit.prompt.close": (
        "✅ <b>Đóng nhiệm vụ #{id}</b>\n"
        "Nhiệm vụ sẽ được tính là hoàn thành ngày {today}; các đơn vị chưa hoàn thành được đóng "
        "cùng và bot thôi nhắc.{awaiting}\nGửi ghi chú trong một tin nhắn, ví dụ: «Đã tổng hợp đủ "
        "kết quả toàn tỉnh tại Báo cáo số …». Ghi chú được lưu vào lịch sử và gửi tới các đơn vị."
    ),
    "edit.prompt.close_awaiting": (
        "\n{count} đơn vị đã báo hoàn thành, chờ xác nhận: tính hoàn thành theo ngày báo "
        "cáo."
    ),
    "edit.empty_note": "Vui lòng gửi ghi chú đóng nhiệm vụ (không được để trống), hoặc bấm «Thôi».",
    "edit.done.close": "✅ Đã đóng nhiệm vụ #{id}. Ghi chú đã được ghi vào lịch sử.",
    "edit.done.close_units": (
        "✅ Đã đóng nhiệm vụ #{id}; {count} đơn vị chưa hoàn thành được đóng cùng. Ghi chú đã "
        "được ghi vào lịch sử."
    ),
    "edit.notify.closed": (
        "✅ <b>Văn phòng UBND tỉnh đã kết thúc nhiệm vụ</b>\n{task}\n\n"
        "{done}Ghi chú: {note}{stop}"
    ),
    "edit.notify.closed_task": "Nhiệm vụ được tính là hoàn thành ngày {date}.\n",
    "edit.notify.closed_own": "Phần việc của đơn vị được tính là hoàn thành ngày {date}.\n",
    "edit.notify.closed_stop": "\nBot sẽ thôi nhắc về nhiệm vụ này.",
    "cmd.chuabaocao": "Đơn vị chưa báo cáo tiến độ, nhắc ngay: /chuabaocao [cơ quan | nhiệm vụ số]",
    "unreported.usage": (
        "Cách dùng:\n/chuabaocao — {whole}\n/chuabaocao &lt;tên cơ quan&gt; — một cơ quan "
        "(viết tắt, không dấu cũng được)\n/chuabaocao nhiệm vụ &lt;số&gt; — một nhiệm vụ, "
        "ví dụ /chuabaocao nhiệm vụ 12"
    ),
    "unreported.whole.province": "toàn tỉnh",
    "unreported.whole.own": "các cơ quan của anh/chị",
    "unreported.scope.agency": "🔎 Phạm vi: {agency}",
    "unreported.scope.task": "🔎 Phạm vi: nhiệm vụ #{id} — {text}",
    "unreported.not_yours": (
        "Anh/chị chỉ xem được tình hình báo cáo của cơ quan mình ({agencies}). Gửi /chuabaocao "
        "để xem."
    ),
    "unreported.unit_line": "• {agency} — hạn {date}, {due} · {last}",
    "unreported.more_agencies": (
        "… và {count} đơn vị khác. Xem riêng từng cơ quan: /chuabaocao &lt;tên cơ quan&gt;; "
        "danh sách đầy đủ ở sheet «Chưa báo cáo» của /export. «Nhắc ngay» nhắc tất cả."
    ),
    "unreported.btn.remind": "🔔 Nhắc ngay",
    "unreported.reminded": (
        "🔔 <b>Nhắc báo cáo tiến độ</b> {scope}: {agencies} đơn vị chưa báo cáo.\n"
        "• Đã gửi nhắc: <b>{queued}</b> tin nhắn."
    ),
    "unreported.reminded_zero": (
        "🔔 <b>Nhắc báo cáo tiến độ</b> {scope}: {agencies} đơn vị chưa báo cáo.\n"
        "• Không có tin nhắn nhắc mới."
    ),
    "unreported.reminded_already": "• Đã nhắc trong hôm nay, không gửi lại: {count} nơi nhận.",
    "unreported.reminded_nothing": (
        "👍 Không còn đơn vị nào chậm báo cáo {scope}; không có gì để nhắc."
    ),
    "unreported.reminded_scope.province": "(toàn tỉnh)",
    "unreported.reminded_scope.own": "(các cơ quan của anh/chị)",
    "unreported.reminded_scope.agency": "({agency})",
    "unreported.reminded_scope.task": "(nhiệm vụ #{id})",
    "unreported.unreached_head": (
        "📵 <b>Chưa có ai nhận tin ({count} đơn vị)</b> — không nhắc được; gửi lời mời cho "
        "đơn vị:"
    ),
    "unreported.unreached_row": "• {agency}: <code>/invite {agency}</code>",
    "unreported.unreached_row_member": "• {agency}",
    "unreported.unreached_member_tail": "Đề nghị liên hệ Văn phòng UBND tỉnh để được mời tham gia.",
    "prefs.agency_units": (
        "• <b>{agency}</b>: nhắc hạn {nudges}; tổng hợp tuần {summaries}; nhắc việc với "
        "nhiệm vụ phối hợp {support}"
    ),
    "prefs.support_with_nudges": "bật (khi nhắc hạn bật)",
    "prefs.support_button": "🤝 Nhắc việc với nhiệm vụ phối hợp ({agency}): đang bật — bấm để tắt",
    "prefs.support_button_off": (
        "🤝 Nhắc việc với nhiệm vụ phối hợp ({agency}): đang tắt — bấm để bật"
    ),
})
