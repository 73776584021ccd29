"""One benchmark run: build the province, start the emulator, measure, tear down."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import random
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from telegram import Update

from bench import features
from bench.measure import (
    EchoFloor,
    FanoutTarget,
    Inject,
    Pace,
    Percentiles,
    RunningClock,
    chart_round_trip,
    fanout,
    fanout_messages,
    group_chat,
    one_round_trip,
    percentiles,
    watch_finished,
)
from bench.memory import note
from bench.province import NOW, SUPER_ADMIN, Person, Province, Scale, build_province
from bot.runtime.app import build_application, running
from bot.usecases.acting import OPEN_TASK
from emulator import BotAPIEmulator, EmuUser
from handlers.context import app_services, wake_sender

log = logging.getLogger("bench")

COMMANDS = ("tasks", "task", "stats", "button")
"""Latency keys, in the order of the report; "echo" is the floor."""
BLOCK = 20
"""Samples per turn when the echo floor and the bot alternate."""


@dataclass(frozen=True)
class Options:
    """What to run: size factor, samples per measurement, seed."""

    factor: float = 1.0
    samples: int = 200
    warmup: int = 5
    seed: int = 20250602


def _actors(province: Province, rng: random.Random, count: int) -> list[Person]:
    """Who sends commands: members of busy and quiet agencies, and a few admins."""
    members = [p for p in province.people if p.agency_ids and not p.is_admin]
    admins = [p for p in province.people if p.is_admin]
    chosen = rng.sample(members, k=min(len(members), count - max(1, count // 10)))
    chosen += admins[: max(1, count // 10)]
    chosen.append(Person(SUPER_ADMIN, "Lan", (), True))
    rng.shuffle(chosen)
    return chosen


def _visible_task(province: Province, person: Person, rng: random.Random) -> int:
    """A task this person may open (any task for an admin)."""
    pools = [province.sample_tasks[a] for a in person.agency_ids if province.sample_tasks[a]]
    if not pools:
        pools = [tasks for tasks in province.sample_tasks.values() if tasks]
    return rng.choice(rng.choice(pools))


def _fanout_targets(province: Province, count: int) -> list[FanoutTarget]:
    """Weekly-summary recipients in the order a producer walks agencies: group, then members."""
    members: dict[int, list[int]] = {}
    for person in province.people:
        for agency_id in person.agency_ids:
            members.setdefault(agency_id, []).append(person.user_id)
    groups = {agency_id: chat_id for chat_id, _, agency_id in province.groups}
    targets: list[FanoutTarget] = []
    for agency_id, name in sorted(province.agency_names.items()):
        chats = ([groups[agency_id]] if agency_id in groups else []) + members.get(agency_id, [])
        targets += [FanoutTarget(chat_id, agency_id, name) for chat_id in chats]
    if len(targets) < count:
        raise ValueError(f"the province has only {len(targets)} subscribed chats for {count}")
    return targets[:count]


async def run(options: Options) -> dict[str, Any]:
    """Everything, in one process; returns the report as a JSON-ready dict."""
    scale = Scale.of(options.factor)
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="nhacviec-bench-") as folder:
        started = time.perf_counter()
        province = await build_elsewhere(Path(folder), scale, options.seed)
        log.info(
            "province built in %.1f s: %d agencies, %d users, %d tasks, %d events",
            time.perf_counter() - started, len(province.agency_names), len(province.people),
            province.task_count, province.event_count,
        )
        note("province build")
        async with AsyncExitStack() as stack:
            emu = await stack.enter_async_context(BotAPIEmulator())
            return await _measure(emu, province, scale, options, rng)


async def build_elsewhere(folder: Path, scale: Scale, seed: int) -> Province:
    """The synthetic province, built by a child process into ``folder``.

    The generator is the rig, not the bot: its Python rows for 100,000 tasks and 413,000
    events left ~22 MB resident in this process, which ``peak_rss_mb`` would have charged
    to the bot. Only the small :class:`Province` (people, groups, sample task ids) comes
    back; the bot then opens the database the child wrote, as it would open its own.
    """
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no copied heap
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return await asyncio.get_running_loop().run_in_executor(
            pool, _build_province_sync, folder, scale, seed
        )


def _build_province_sync(folder: Path, scale: Scale, seed: int) -> Province:
    """Runs in the child process."""
    return asyncio.run(build_province(folder, scale, seed))


async def _measure(
    emu: BotAPIEmulator, province: Province, scale: Scale, options: Options, rng: random.Random
) -> dict[str, Any]:
    actors = _actors(province, rng, 40)
    emu_users = {p.user_id: emu.user(p.user_id, p.name, language_code="vi") for p in actors}
    targets = _fanout_targets(province, scale.fanout)
    # Fan-out recipients have opened the bot (private) or added it (groups) earlier;
    # the echo Application starts by dropping these set-up updates.
    titles = {chat_id: title for chat_id, title, _ in province.groups}
    names = {p.user_id: p.name for p in province.people}
    inviter = emu.user(SUPER_ADMIN, "Lan", username="lan_vp")
    for target in {t.chat_id for t in targets}:
        if target < 0:
            emu.add_bot_to_group(group_chat(emu, target, titles[target]), inviter)
        else:
            emu.send_text(emu.user(target, names[target]), "/start")

    # The echo floor first takes the emulator with drop_pending_updates, skipping the
    # set-up updates above; then the bot starts (timed) and the two take turns.
    note("emulator set-up")
    echo = EchoFloor(emu)
    await echo.start()
    try:
        await echo.poll(drop_pending=True)
        await echo.pause()
        return await _with_bot(emu, echo, province, scale, options, rng, actors, emu_users,
                               targets)
    finally:
        await echo.stop()


async def _with_bot(
    emu: BotAPIEmulator, echo: EchoFloor, province: Province, scale: Scale, options: Options,
    rng: random.Random, actors: list[Person], emu_users: dict[int, EmuUser],
    targets: list[FanoutTarget],
) -> dict[str, Any]:
    settings = province.settings.model_copy(update={
        "telegram_bot_token": SecretStr(emu.token), "telegram_api_base_url": emu.root_url,
    })
    clock = RunningClock(NOW)
    began = time.perf_counter()
    app = build_application(settings, clock)
    finished = watch_finished(app)
    async with running(app):
        await emu.wait_for_poll(timeout=60)
        startup_s = round(time.perf_counter() - began, 3)
        log.info("bot started in %.2f s", startup_s)
        note("bot start-up")
        services = app_services(app)
        assert app.updater is not None

        latency: dict[str, Percentiles | None] = {}
        available = {
            "tasks": features.has_command(app, "tasks"),
            "task": features.has_command(app, "task"),
            "stats": features.has_command(app, "stats"),
            "button": True,
        }
        samples: dict[str, list[float]] = {name: [] for name in COMMANDS if available[name]}
        floor: list[float] = []
        charts: list[float] = []  # /stats: until its chart arrived (reported, not a target)
        log.info("latency: %d samples each of %s and the echo floor, in alternating blocks",
                 options.samples, ", ".join(samples))
        first = True
        pace = Pace()
        while len(floor) < options.samples:
            size = min(BLOCK, options.samples - len(floor))
            skip = options.warmup if first else 0  # warm-up rounds are not counted
            # The echo's turn, then the bot's, so that both see the same machine load.
            await app.updater.stop()
            await echo.poll()
            floor += (await echo.samples(list(emu_users.values()), skip + size, pace))[skip:]
            await echo.pause()
            await app.updater.start_polling(
                poll_interval=0.0, timeout=10, allowed_updates=Update.ALL_TYPES
            )
            await emu.wait_for_poll(timeout=10)
            for round_ in range(skip + size):
                person = actors[rng.randrange(len(actors))]
                user = emu_users[person.user_id]
                task_id = _visible_task(province, person, rng)
                for name in samples:
                    inject = _injector(emu, services, user, name, task_id)
                    if name == "stats":
                        elapsed, chart = await chart_round_trip(emu, finished, inject, pace=pace)
                        if round_ >= skip:
                            charts.append(chart)
                    else:
                        elapsed = await one_round_trip(emu, finished, inject, pace=pace)
                    if round_ >= skip:
                        samples[name].append(elapsed)
            first = False
        for name in COMMANDS:
            latency[name] = percentiles(samples[name]) if name in samples else None
        echo_p = percentiles(floor)
        # The rest reads no recorded call: the emulator's record of ~2,800 of them (the rig's
        # memory, not the bot's) goes before the bot's heavier phases.
        emu.forget_requests()
        note("latency samples")

        log.info("plan and weekly summaries at %s", NOW.isoformat())
        plan = await features.plan_ms(services, NOW)
        note("plan")
        summary = await features.summary_ms(services, NOW)
        note("weekly summaries")

        log.info("fan-out: %d messages", len(targets))
        task_ids = province.sample_tasks
        fan = await fanout(
            emu, services, lambda: wake_sender(app),
            fanout_messages(targets, services, "23/2025", task_ids),
            limit_s=max(60.0, 4.0 * len(targets) / 30),
        )
        note("fan-out")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    measured = [p.p95 for p in latency.values() if p is not None]
    ratio = round(max(measured) / echo_p.p95, 2) if measured and echo_p.p95 > 0 else None
    return {
        "latency": {
            **{name: (p.to_json() if p is not None else None) for name, p in latency.items()},
            "echo": echo_p.to_json(),
            # Until /stats' chart arrived: after the answer, outside the update, so not a
            # handler latency and not in the ratio; shown so that nobody has to guess it.
            "stats_chart": percentiles(charts).to_json() if len(charts) >= 2 else None,
        },
        "latency_ratio_p95": ratio,
        "plan_ms": plan,
        "summary_ms": summary,
        "fanout": fan,
        "startup_s": startup_s,
        "peak_rss_mb": round(peak, 1),
    }


def _injector(
    emu: BotAPIEmulator, services: Any, user: EmuUser, name: str, task_id: int
) -> Inject:
    """The update a person sends for one measured interaction."""
    if name == "tasks":
        return lambda: emu.send_text(user, "/tasks")
    if name == "stats":
        return lambda: emu.send_text(user, "/stats")
    if name == "task":
        return lambda: emu.send_text(user, f"/task {task_id}")

    def press() -> Any:
        # The "open task" button as lists, nudges and summaries carry it, pressed on
        # the last message the bot sent this person.
        message = emu.messages(emu.private_chat(user))[-1]
        return emu.press_button(user, message, data=services.button(OPEN_TASK, task_id))

    return press


def main_async(options: Options) -> dict[str, Any]:
    """Run the benchmark on a fresh event loop."""
    return asyncio.run(run(options))
