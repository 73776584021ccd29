"""The draft of a conclusion (pure moves, JSON), the picker helpers and the notice layout."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from bot.core.agencies import Agency, AgencyDirectory
from bot.core.clock import ManualClock
from bot.core.deadlines import parse_deadline
from bot.core.drafts import (
    META_STEPS,
    Draft,
    DraftError,
    DraftState,
    DraftTask,
    Step,
    task_text_problem,
)
from bot.core.models import Conclusion, DeadlineKind, Task, TaskStatus
from bot.core.pickers import (
    DateInputError,
    paginate,
    parse_document_date,
    parse_document_number,
    rank_agencies,
    resolve_names,
)
from bot.usecases.services import Services
from bot.views.notice import compose_assignments, render_preview

TODAY = date(2024, 9, 23)


def at(draft: Draft) -> Step:
    """The draft's step (a call, so type checkers do not pin it between moves)."""
    return draft.step


def _directory() -> AgencyDirectory:
    return AgencyDirectory([
        Agency("so-noi-vu", "Sở Nội vụ", id=1),
        Agency("so-tai-chinh", "Sở Tài chính", id=2),
        Agency("so-xay-dung", "Sở Xây dựng", id=3),
        Agency("so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch", short_name="Sở VH,TT&DL", id=4),
        Agency("so-ldtbxh", "Sở Lao động – Thương binh và Xã hội", short_name="Sở LĐ-TB&XH",
               successor="so-noi-vu", active=False, id=5),
        Agency("so-khdt", "Sở Kế hoạch và Đầu tư", successor="so-tai-chinh", active=False, id=6),
        Agency("ubnd-xa", "UBND các xã, phường", kind="local", id=7),
    ])


def _filled_task(draft: Draft, text: str, lead: int, deadline: str = "30/9/2024") -> None:
    draft.set_text(text)
    draft.choose_leads([lead])
    draft.supports_done()
    draft.set_deadline(parse_deadline(deadline, TODAY))
    if draft.step is Step.FIRST_PERIOD:  # a recurring duty: from the current period
        draft.skip()


def _through_meta(draft: Draft) -> None:
    draft.answer_meta("412/TB-UBND")
    draft.skip()
    draft.answer_meta("Lê Chí Phương")
    draft.answer_meta(date(2024, 9, 5))
    draft.skip()
    draft.answer_meta("Kết luận của Chủ tịch UBND tỉnh")


# ------------------------------------------------------------------ the draft


def test_a_draft_walks_the_questions_in_order() -> None:
    draft = Draft()
    seen = [at(draft)]
    _through_meta(draft)
    seen.append(at(draft))
    assert seen == [Step.NUMBER, Step.TASK_TEXT]
    assert (draft.number, draft.issuer, draft.signer) == ("412/TB-UBND", None, "Lê Chí Phương")
    assert draft.issued_on == date(2024, 9, 5) and draft.meeting_on is None
    draft.set_text("Tham mưu Nghị quyết hỗ trợ")
    assert at(draft) is Step.LEAD
    draft.choose_leads([1])
    assert at(draft) is Step.SUPPORT
    assert draft.toggle_support(2) is True
    assert draft.toggle_support(3) is True
    assert draft.toggle_support(3) is False
    with pytest.raises(DraftError):
        draft.toggle_support(1)  # the lead cannot also support
    draft.supports_done()
    draft.set_deadline(parse_deadline("trong kỳ họp tháng 9/2024", TODAY))
    assert at(draft) is Step.MORE
    task = draft.tasks[0]
    assert (task.lead_ids, task.support_ids) == ([1], [2])
    assert task.deadline == date(2024, 9, 30)
    assert task.deadline_text == "trong kỳ họp tháng 9/2024"
    draft.finish()
    assert at(draft) is Step.PREVIEW
    new_tasks = draft.to_new_tasks()
    assert new_tasks[0].ordinal == "1" and new_tasks[0].lead_ids == (1,)


def test_back_undoes_one_step_at_a_time() -> None:
    draft = Draft()
    with pytest.raises(DraftError):
        draft.back()  # nothing before the first question
    draft.answer_meta("1/TB")
    draft.back()
    assert at(draft) is Step.NUMBER and draft.number == "1/TB"  # the answer is kept
    for _ in META_STEPS:
        draft.skip()
    assert at(draft) is Step.TASK_TEXT
    draft.back()
    assert at(draft) is Step.TITLE and draft.current is None
    draft.skip()
    draft.set_text("Nhiệm vụ một")
    draft.back()
    assert at(draft) is Step.TASK_TEXT and draft.current is not None
    draft.set_text("Nhiệm vụ một")
    draft.choose_leads([1])
    draft.back()
    assert at(draft) is Step.LEAD
    draft.choose_leads([2])
    draft.supports_done()
    draft.back()
    assert at(draft) is Step.SUPPORT
    draft.supports_done()
    draft.set_deadline(parse_deadline("không", TODAY))
    assert at(draft) is Step.MORE and len(draft.tasks) == 1
    draft.back()  # the finished task comes back to its deadline
    assert at(draft) is Step.DEADLINE and not draft.tasks
    assert draft.current is not None and draft.current.lead_ids == [2]


def test_edit_and_delete_from_the_preview() -> None:
    draft = Draft()
    _through_meta(draft)
    _filled_task(draft, "Một", 1)
    draft.start_task()
    _filled_task(draft, "Hai", 2, "trong năm 2025")
    draft.finish()
    draft.edit_task(1)
    assert at(draft) is Step.TASK_TEXT and draft.editing == 1
    draft.skip()  # keep the text
    draft.skip()  # keep the lead
    draft.toggle_support(3)
    draft.supports_done()
    draft.set_deadline(parse_deadline("hằng quý", TODAY))
    assert at(draft) is Step.FIRST_PERIOD  # a recurring duty: which period comes first
    draft.back()
    assert at(draft) is Step.DEADLINE
    draft.set_deadline(parse_deadline("hằng quý", TODAY))
    draft.choose_first_period(date(2024, 6, 30))
    assert at(draft) is Step.PREVIEW and len(draft.tasks) == 2
    edited = draft.tasks[1]
    assert edited.text == "Hai" and edited.lead_ids == [2] and edited.support_ids == [3]
    assert edited.deadline_kind is DeadlineKind.RECURRING and edited.recurrence == "quarterly:last"
    assert edited.deadline == date(2024, 6, 30)
    removed = draft.delete_task(0)
    assert removed.text == "Một" and [t.text for t in draft.tasks] == ["Hai"]
    draft.delete_task(0)
    assert at(draft) is Step.TASK_TEXT  # an empty draft goes back to typing a task
    with pytest.raises(DraftError):
        draft.finish()


def test_editing_the_details_from_the_preview_keeps_what_is_skipped() -> None:
    draft = Draft()
    _through_meta(draft)
    _filled_task(draft, "Một", 1)
    draft.finish()
    draft.edit_meta()
    draft.skip()  # keep the number
    draft.answer_meta("UBND tỉnh")
    for _ in range(4):
        draft.skip()
    assert at(draft) is Step.PREVIEW
    assert draft.number == "412/TB-UBND" and draft.issuer == "UBND tỉnh"


def test_moves_that_do_not_fit_the_step_are_refused() -> None:
    draft = Draft()
    with pytest.raises(DraftError):
        draft.set_text("x")
    with pytest.raises(DraftError):
        draft.answer_meta(date(2024, 1, 1))  # a date for the number
    _through_meta(draft)
    with pytest.raises(DraftError):
        draft.set_text("   ")
    with pytest.raises(DraftError):
        draft.edit_task(0)


def test_json_round_trip_keeps_everything() -> None:
    draft = Draft()
    _through_meta(draft)
    _filled_task(draft, "Sở LĐ-TB&XH <b>chủ trì</b>", 1, "hằng tuần")
    draft.start_task()
    draft.set_text("Hai")
    draft.choose_leads([2, 3])
    draft.query, draft.page, draft.pending_agency = "xúc tiến", 1, "Sở Xúc tiến"
    again = Draft.from_json(draft.to_json())
    assert again == draft
    with pytest.raises(ValueError):
        Draft.from_json('{"schema": 99}')


# ------------------------------------------------------------------ pickers


@pytest.mark.parametrize(
    ("typed", "codes", "unknown"),
    [
        ("Sở Tài chính", ["so-tai-chinh"], None),
        ("tai chinh", ["so-tai-chinh"], None),
        ("Sở Lao động - Thương binh và Xã hội", ["so-noi-vu"], None),
        ("Sở KH&ĐT; Sở Xây dựng", ["so-tai-chinh", "so-xay-dung"], None),
        ("Sở Văn hóa, Thể thao và Du lịch, Sở Nội vụ", ["so-van-hoa", "so-noi-vu"], None),
        ("UBND các xã, phường", ["ubnd-xa"], None),
        ("Sở Tài chính, Sở Xúc tiến", ["so-tai-chinh"], "Sở Xúc tiến"),
        ("Sở Nội vụ; Sở LĐTBXH", ["so-noi-vu"], None),  # same agency twice counts once
    ],
)
def test_typed_agency_names(typed: str, codes: list[str], unknown: str | None) -> None:
    match = resolve_names(typed, _directory())
    assert [r.current.code for r in match.found] == codes
    assert match.unknown == unknown


def test_former_name_resolution_says_it_was_renamed() -> None:
    match = resolve_names("Sở LĐ-TB&XH", _directory())
    assert match.complete and match.found[0].renamed
    assert match.found[0].named.code == "so-ldtbxh"


def test_ranking_puts_this_drafts_then_busy_then_departments_first() -> None:
    directory = _directory()
    ranked = rank_agencies(directory, "", usage={3: 10, 2: 4}, recent=[4])
    assert [a.id for a in ranked] == [4, 3, 2, 1, 7]  # former agencies are not offered
    assert [a.id for a in rank_agencies(directory, "lao dong", {})] == [1]
    page = paginate(ranked, 5, size=2)
    assert page.index == 2 and page.count == 3 and [a.id for a in page.items] == [7]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("23/8/2024", date(2024, 8, 23)),
        ("23.08.2024", date(2024, 8, 23)),
        ("2024-08-23", date(2024, 8, 23)),
        ("ngày 23 tháng 8 năm 2024", date(2024, 8, 23)),
        ("23/8", date(2024, 8, 23)),
        ("5/9/24", date(2024, 9, 5)),
    ],
)
def test_document_dates(typed: str, expected: date) -> None:
    assert parse_document_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [("hôm qua", "unrecognized"), ("31/2/2024", "invalid"), ("1/1/2030", "future")],
)
def test_document_dates_refused(typed: str, code: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_document_date(typed, TODAY)
    assert caught.value.code == code


# ------------------------------------------------------------------ layout


def test_preview_is_laid_out_like_a_notice_and_escapes_user_text() -> None:
    draft = Draft()
    _through_meta(draft)
    draft.set_text("Rà soát <hồ sơ> & báo cáo")
    draft.choose_leads([1])
    draft.toggle_support(2)
    draft.supports_done()
    draft.set_deadline(parse_deadline("trước ngày 30/9/2024", TODAY))
    draft.finish()
    text = render_preview(draft, _directory(), "vi")
    assert "Số: <b>412/TB-UBND</b> ngày 05/09/2024" in text
    assert "Rà soát &lt;hồ sơ&gt; &amp; báo cáo" in text
    assert (
        "Giao <b>Sở Nội vụ</b> chủ trì, phối hợp với Sở Tài chính; "
        "thời hạn: 30/09/2024 (“trước ngày 30/9/2024”)."
    ) in text


def _task(task_id: int, lead: tuple[int, ...], support: tuple[int, ...]) -> Task:
    now = datetime(2024, 9, 23, tzinfo=UTC)
    return Task(task_id, 1, str(task_id), task_id, f"Nhiệm vụ {task_id}", date(2024, 9, 30),
                "30/9/2024", DeadlineKind.DATE, None, TaskStatus.OPEN, None, now, now,
                lead, support)


def test_each_chat_gets_its_tasks_with_its_role() -> None:
    now = datetime(2024, 9, 23, tzinfo=UTC)
    conclusion = Conclusion(1, "412/TB-UBND", None, None, None, None, None, None, None, now)
    tasks = [_task(10, (1,), (2,)), _task(11, (2,), ()), _task(12, (3,), ())]
    messages = compose_assignments(
        conclusion, tasks, {-1: {1}, -2: {2}, -3: {7}, -4: {1, 2}}, _directory()
    )
    assert set(messages) == {-1, -2, -4}  # nothing for a chat without new tasks
    text, ids = messages[-2]
    assert ids == [11, 10]  # lead role first
    lead_part, support_part = text.split("Phối hợp thực hiện")
    assert "#11" in lead_part and "#10" in support_part and "chủ trì: Sở Nội vụ" in support_part
    assert messages[-4][1] == [10, 11]


# ------------------------------------------------------------------ storage


async def test_stored_drafts_refuse_stale_writes(services: Services, clock: ManualClock) -> None:
    repo = services.repos.drafts
    record = await repo.create(1001, Draft())
    assert (await repo.active_of(1001)) == record
    draft = record.draft
    draft.answer_meta("1/TB")
    saved = await repo.save(record, draft)
    assert saved is not None and saved.revision == record.revision + 1
    assert await repo.save(record, draft) is None  # based on the old revision
    stored = await repo.get(record.id)
    assert stored is not None and stored.draft.number == "1/TB"
    with pytest.raises(sqlite3.IntegrityError):  # one active draft per admin
        await repo.create(1001, Draft())
    assert await repo.close(saved, DraftState.CANCELLED)
    assert not await repo.close(saved, DraftState.SAVED)
    assert await repo.active_of(1001) is None
    await repo.set_prompt(record.id, 77)
    assert await repo.prompt_of(record.id) == 77
    assert await repo.create(1001, Draft(tasks=[DraftTask("x", [1])]))


def test_doubtful_proposals_are_reviewed_first_and_saved_in_the_notices_order() -> None:
    sure = DraftTask(text="A", lead_ids=[1], ordinal="1", lead_source="written")
    guessed = DraftTask(text="B", lead_ids=[2], ordinal="2", lead_source="guessed")
    leadless = DraftTask(text="C", ordinal="3")
    draft = Draft(step=Step.SOURCE)
    draft.load_proposals([sure, guessed, leadless])
    assert [p.ordinal for p in draft.proposals] == ["2", "3", "1"]
    draft.accept()  # 2
    draft.skip_proposal()  # 3
    draft.accept()  # 1
    assert [t.ordinal for t in draft.tasks] == ["1", "2"]
    again = Draft.from_json(draft.to_json())
    assert [(t.ordinal, t.lead_source, t.source_index) for t in again.tasks] == [
        ("1", "written", 0), ("2", "guessed", 1)]


def test_a_passed_deadline_is_reviewed_first_and_counted_in_the_preview() -> None:
    def dated(ordinal: str, due: date) -> DraftTask:
        return DraftTask(text=f"Việc {ordinal}", lead_ids=[1], ordinal=ordinal,
                         lead_source="written", deadline=due,
                         deadline_kind=DeadlineKind.DATE)

    ahead, passed = dated("1", date(2024, 12, 31)), dated("2", date(2024, 6, 30))
    yesterday = dated("3", date(2024, 9, 22))
    assert passed.past_due(TODAY) and not ahead.past_due(TODAY)
    assert not dated("4", TODAY).past_due(TODAY)  # due today is not passed yet
    draft = Draft(step=Step.SOURCE)
    draft.load_proposals([ahead, passed, yesterday], TODAY)
    assert [p.ordinal for p in draft.proposals] == ["2", "3", "1"]
    while draft.step is Step.REVIEW:
        draft.accept()
    assert [index for index, _ in draft.past_due_tasks(TODAY)] == [1, 2]
    text = render_preview(draft, _directory(), "vi", TODAY)
    assert "2 nhiệm vụ có thời hạn đã qua</b> (2, 3)" in text
    assert "đã qua" not in render_preview(draft, _directory(), "vi", date(2024, 6, 1))


@pytest.mark.parametrize(("typed", "number"), [
    ("512/TB-UBND", "512/TB-UBND"), ("12/KH-UBND", "12/KH-UBND"), ("45-KL/TU", "45-KL/TU"),
    ("512", "512"), ("01/2024/NQ-HĐND", "01/2024/NQ-HĐND"), ("Số: 615 / TB-VP", "615/TB-VP"),
    ("123456789012345678901234567890", None), ("1234567/TB", None), ("12/9/2024", None),
    ("Thông báo kết luận", None), ("512/TB-UBND ngày 5/9", None), ("/TB-UBND", None),
    ("512/", None), ("²", None), ("٣٤/TB-UBND", None), ("1/" + "A" * 40, None),
])
def test_a_document_number_has_the_shape_of_one(typed: str, number: str | None) -> None:
    assert parse_document_number(typed) == number


@pytest.mark.parametrize(("typed", "problem"), [
    ("", "empty"), ("   ", "empty"), (".", "no_words"), ("ok", "no_words"),
    ("12345", "no_words"), ("a b", "no_words"), ("Rà soát", None),
    ("Rà soát dữ liệu dân cư", None),
])
def test_a_task_text_needs_words(typed: str, problem: str | None) -> None:
    assert task_text_problem(typed) == problem


def test_document_dates_must_be_possible() -> None:
    draft = Draft(step=Step.ISSUED_ON)
    assert draft.date_problem(date(2024, 9, 24), TODAY) == "issued_future"
    assert draft.date_problem(TODAY, TODAY) is None
    draft.step = Step.MEETING_ON
    assert draft.date_problem(date(2024, 9, 24), TODAY) == "meeting_future"
    draft.issued_on = date(2024, 9, 5)
    assert draft.date_problem(date(2024, 9, 6), TODAY) == "meeting_after_issue"
    assert draft.date_problem(date(2024, 9, 5), TODAY) is None


def test_ticking_a_collectives_members_from_the_preview() -> None:
    draft = Draft(step=Step.SOURCE)
    draft.load_proposals([DraftTask(text="Rà soát", lead_ids=[50], ordinal="1")])
    draft.accept()
    assert draft.step is Step.PREVIEW
    with pytest.raises(DraftError):
        draft.start_ticking(99, 0)  # not a lead of the task
    draft.start_ticking(50, 0)
    draft.toggle_member(2, [1, 2, 3])
    assert draft.ticked_task.members == {50: [1, 3]}
    draft.tick_all([1, 2, 3], on=False)
    with pytest.raises(DraftError):
        draft.done_ticking([1, 2, 3])  # at least one
    draft.toggle_member(3, [1, 2, 3])
    draft.done_ticking([1, 2, 3])
    assert draft.step is Step.PREVIEW and draft.tasks[0].members == {50: [3]}
    assert draft.tasks[0].to_new_task(1).members == ((50, (3,)),)
    again = Draft.from_json(draft.to_json())
    assert again.tasks[0].members == {50: [3]}
    draft.start_ticking(50, 0)
    draft.tick_all([1, 2, 3], on=True)
    draft.done_ticking([1, 2, 3])
    assert draft.tasks[0].members == {}  # every member: the default, nothing stored
