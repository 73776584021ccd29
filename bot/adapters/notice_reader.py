"""Reading and extracting a notice in a child process, with a memory limit and a timeout.

A hostile file (a zip bomb, millions of paragraphs, text the extractor is slow on) must
not reach the bot's memory nor hold up other users: /import read and extracted inside
the update handler, and PTB handles updates one at a time, so a stranger's /help waited
minutes behind an admin's upload. Here the file's bytes (or a pasted text) and the agency
directory go to ``python -m bot.adapters.notice_reader`` on its stdin; the child limits
its own address space (``RLIMIT_AS``) and CPU time before reading anything, reads within
:class:`~bot.adapters.documents.Limits`, runs the extractor and writes the result on its
stdout. The parent waits without blocking the event loop and kills the child after
:data:`CHILD_TIMEOUT` seconds. Every failure becomes a :class:`DocumentError` whose code
says which limit was hit.
"""

from __future__ import annotations

import asyncio
import io
import os
import pickle
import resource
import subprocess
import sys
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bot
from bot.adapters.documents import DocumentError, Limits, check_text, read_document_bytes
from bot.core.agencies import Agency, AgencyDirectory
from bot.extraction import Extraction, extract

CHILD_TIMEOUT = 30.0
"""Seconds for reading and extracting one notice, child start-up included."""
CHILD_MEMORY = 512 * 1024 * 1024
"""Address space of the child (RLIMIT_AS); its resident peak on the worst files is
measured by ``python -m bench.documents``."""
MAX_CHILDREN = 2
"""Children at once per bot process (two cores; admins' uploads are rare)."""
_MAX_OUTPUT = 64 * 1024 * 1024

_ROOT = str(Path(bot.__file__).resolve().parent.parent)


@dataclass(frozen=True)
class Reading:
    """The notice's text and what the extractor proposes from it."""

    text: str
    extraction: Extraction


def limit_params(limits: Limits | None = None, lang: str = "vi", *,
                 timeout: float = CHILD_TIMEOUT, memory: int = CHILD_MEMORY) -> dict[str, str]:
    """The limits as the refusal texts name them ({limit} MB, {paragraphs}…)."""
    limits = limits or Limits()
    sep = "." if lang == "vi" else ","

    def number(value: float) -> str:
        return f"{int(value):,}".replace(",", sep)

    return {
        "limit": number(limits.max_bytes // 1_000_000),
        "unpacked": number(limits.max_unpacked // 1_000_000),
        "parts": number(limits.max_parts),
        "elements": number(limits.max_elements),
        "paragraphs": number(limits.max_paragraphs),
        "pages": number(limits.max_pages),
        "chars": number(limits.max_chars),
        "seconds": number(timeout),
        "memory": number(memory // (1024 * 1024)),
    }


def _command(timeout: float, memory: int) -> list[str]:
    return [sys.executable, "-m", "bot.adapters.notice_reader", str(memory),
            str(int(timeout) + 5)]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
    return env


def request_bytes(data: bytes | None, filename: str, text: str | None,
                  agencies: Sequence[Agency], limits: Limits, *, extract: bool = True) -> bytes:
    """What the child reads on its stdin (``extract=False``: reading only, for the bench)."""
    return pickle.dumps({"data": data, "filename": filename, "text": text,
                         "agencies": list(agencies), "limits": limits, "extract": extract})


def child_command(timeout: float = CHILD_TIMEOUT, memory: int = CHILD_MEMORY) -> list[str]:
    """The child's command line (its environment: :func:`child_environment`)."""
    return _command(timeout, memory)


def child_environment() -> dict[str, str]:
    """The environment that lets the child import this project's code."""
    return _environment()


def _answer(returncode: int | None, output: bytes, timed_out: bool) -> Reading:
    if timed_out:
        raise DocumentError("too_slow")
    if returncode != 0 or not output:
        # -SIGKILL/-SIGXCPU: out of CPU time; -SIGSEGV/-SIGABRT: a library out of memory.
        if returncode in (-9, -24):
            raise DocumentError("too_slow")
        raise DocumentError("too_much_memory" if returncode in (-6, -11) else "failed")
    answer = _Unpickler(io.BytesIO(output)).load()
    if answer[0] == "error":
        raise DocumentError(str(answer[1]))
    return Reading(text=answer[1], extraction=answer[2])


def read_notice_sync(
    *, data: bytes | None = None, filename: str = "", text: str | None = None,
    agencies: Sequence[Agency], limits: Limits | None = None,
    timeout: float = CHILD_TIMEOUT, memory: int = CHILD_MEMORY,
) -> Reading:
    """Read ``data`` (a file named ``filename``) or ``text`` and extract it, in a child."""
    request = request_bytes(data, filename, text, agencies, limits or Limits())
    try:
        done = subprocess.run(
            _command(timeout, memory), input=request, capture_output=True,
            timeout=timeout, env=_environment(), check=False,
        )
    except subprocess.TimeoutExpired:  # run() killed the child
        return _answer(None, b"", timed_out=True)
    return _answer(done.returncode, done.stdout[:_MAX_OUTPUT], timed_out=False)


_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


async def read_notice(
    *, data: bytes | None = None, filename: str = "", text: str | None = None,
    agencies: Sequence[Agency], limits: Limits | None = None,
    timeout: float = CHILD_TIMEOUT, memory: int = CHILD_MEMORY,  # noqa: ASYNC109
) -> Reading:
    """:func:`read_notice_sync` without blocking the event loop; at most
    :data:`MAX_CHILDREN` at once. Cancelling it kills the child."""
    request = request_bytes(data, filename, text, agencies, limits or Limits())
    slots = _slots.setdefault(asyncio.get_running_loop(), asyncio.Semaphore(MAX_CHILDREN))
    async with slots:
        proc = await asyncio.create_subprocess_exec(
            *_command(timeout, memory), stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
            env=_environment(),
        )
        try:
            output, _ = await asyncio.wait_for(proc.communicate(request), timeout)
        except TimeoutError:
            return _answer(None, b"", timed_out=True)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
    return _answer(proc.returncode, output[:_MAX_OUTPUT], timed_out=False)


class _Unpickler(pickle.Unpickler):
    """Only the project's own result types come back from the child."""

    _BUILTINS = frozenset({"set", "frozenset", "object"})

    def find_class(self, module: str, name: str) -> Any:
        if (module.startswith("bot.") or module == "datetime"
                or (module == "builtins" and name in self._BUILTINS)
                or (module == "copyreg" and name == "_reconstructor")):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a notice reading")


# --- the child -----------------------------------------------------------------------


def _limit(memory: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it has no file to write


def _work(request: dict[str, Any]) -> tuple[Any, ...]:
    limits: Limits = request["limits"]
    text: str | None = request["text"]
    try:
        if text is None:
            text = read_document_bytes(request["data"], request["filename"], limits)
        else:
            check_text(text, limits)
        if not request.get("extract", True):
            return ("ok", text, None)
        extraction = extract(text, AgencyDirectory(request["agencies"]))
    except DocumentError as exc:
        return ("error", exc.code)
    except MemoryError:
        return ("error", "too_much_memory")
    except RecursionError:
        return ("error", "corrupt")
    return ("ok", text, extraction)


_OUT_OF_MEMORY = pickle.dumps(("error", "too_much_memory"))  # made before the limit


def main(argv: Sequence[str]) -> int:
    """The child: limit itself, read the request from stdin, answer on stdout."""
    _limit(int(argv[0]), int(argv[1]))
    try:
        payload = pickle.dumps(_work(pickle.load(sys.stdin.buffer)))
    except MemoryError:
        payload = _OUT_OF_MEMORY
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
