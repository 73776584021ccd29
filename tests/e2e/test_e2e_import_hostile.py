"""/import with hostile files (issue #17): the file is downloaded, read and extracted off
the update loop, so other users are answered meanwhile; each refusal is one line naming
the limit that was hit."""

from __future__ import annotations

import asyncio
import time

from tests.e2e.test_e2e_import import NOTICE
from tests.e2e.test_e2e_new import Admin
from tests.support.harness import BotHarness
from tests.unit.test_documents_hostile import docx_of


async def test_a_slow_upload_does_not_hold_up_other_users(harness: BotHarness) -> None:
    emu = harness.emu
    admin = Admin(harness)
    await admin.say("/import")
    emu.inject_fault("getFile", "slow", delay=4.0)
    emu.send_document(admin.user, "thong-bao.txt", NOTICE.encode("utf-8"), "text/plain")
    await asyncio.sleep(0.3)  # the upload is being handled
    stranger = harness.person(5401, "Khách")
    started = time.monotonic()
    reply = await harness.ask(stranger, "/help")
    assert time.monotonic() - started < 2.5, "the stranger waited for the admin's file"
    assert "/start" in reply.plain_text
    proposal = await emu.wait_for_message(
        admin.user.id, lambda m: "đề xuất" in m.plain_text, timeout=20
    )
    assert "3 nhiệm vụ đề xuất" in proposal.plain_text


async def test_a_docx_bomb_is_one_line_naming_the_limit(harness: BotHarness) -> None:
    admin = Admin(harness)
    await admin.say("/import")
    bomb = docx_of(b"<w:p><w:r><w:t>" + b"a" * 25_000_000 + b"</w:t></w:r></w:p>")
    harness.emu.send_document(admin.user, "bom.docx", bomb)
    reply = await harness.emu.wait_for_message(admin.user.id, timeout=20)
    assert reply.plain_text == (
        "Tệp «bom.docx» khi giải nén lớn hơn 20 MB nên bot không đọc. Vui lòng dán nội dung."
    )


async def test_ten_thousand_empty_paragraphs_are_refused_by_count(harness: BotHarness) -> None:
    admin = Admin(harness)
    await admin.say("/import")
    harness.emu.send_document(admin.user, "rong.docx", docx_of(b"<w:p/>" * 200_000))
    reply = await harness.emu.wait_for_message(admin.user.id, timeout=20)
    assert "hơn 10.000 đoạn" in reply.plain_text
    # The draft still waits for a notice: a good one is read after the refusal.
    await admin.say(NOTICE)
    proposal = await harness.emu.wait_for_message(
        admin.user.id, lambda m: "đề xuất" in m.plain_text, timeout=20
    )
    assert "3 nhiệm vụ đề xuất" in proposal.plain_text
