"""``python -m bench.documents [--json]``: what the worst notices cost to read (issue #17).

Builds hostile files in a temporary folder (a .docx bomb, millions of empty paragraphs, a
paragraph of half a million runs, the largest text the limits let through, a long PDF, a
PDF whose page stream unpacks to megabytes, an endless .txt) and reads each one as the
bot does: in the reader's child process (``python -m bot.adapters.notice_reader``) with
its memory limit, first reading only, then reading and extracting. For each it prints the
outcome (the refusal's code, or "ok"), the wall time and the child's peak resident
memory (``wait4``'s ``ru_maxrss``), against the targets: reading < 5 s and < 200 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import pickle
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from bot.adapters.agency_file import load_directory_file
from bot.adapters.documents import Limits
from bot.adapters.notice_reader import (
    CHILD_TIMEOUT,
    child_command,
    child_environment,
    request_bytes,
)
from config.settings import DEFAULT_AGENCIES_FILE

TARGET_SECONDS = 5.0
TARGET_MB = 200.0
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(write_body: Callable[[io.RawIOBase], None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(f'<?xml version="1.0"?><w:document {W}><w:body>'.encode())
            write_body(body)  # type: ignore[arg-type]
            body.write(b"</w:body></w:document>")
    return out.getvalue()


def _repeat(piece: bytes, count: int) -> Callable[[io.RawIOBase], None]:
    def write(body: io.RawIOBase) -> None:
        block = piece * max(1, 1_000_000 // len(piece))
        done = 0
        while done < count:
            take = min(count - done, len(block) // len(piece))
            body.write(block[: take * len(piece)])
            done += take
    return write


def _pdf(pages: int, line: str, lines_per_page: int) -> bytes:
    """A PDF of ``pages`` pages of real text (Helvetica), made without a PDF library."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for _ in range(pages):
        text = "".join(f"({line}) Tj T* " for _ in range(lines_per_page))
        stream = f"BT /F1 9 Tf 12 TL 40 800 Td {text} ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content, font))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def _pdf_flate_bomb(unpacked: int) -> bytes:
    import zlib

    stream = zlib.compress(b"BT /F1 9 Tf 40 800 Td (a) Tj ET\n" + b" " * unpacked, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ]
    return _pdf_file(objects)


def cases() -> list[tuple[str, str, bytes]]:
    """(name, file name, content) of each hostile file, at most the CLI's 5 MB."""
    limits = Limits()
    notice_line = "Giao Sở Nội vụ chủ trì rà soát vị trí việc làm, hoàn thành trước 30/9/2026."
    paragraph = f"<w:p><w:r><w:t>{notice_line}</w:t></w:r></w:p>".encode()
    return [
        ("docx, 1 GB of text in 1 MB", "bomb.docx",
         _docx(_repeat(b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>", 1_000_000))),
        ("docx, 3 million empty paragraphs", "empty.docx", _docx(_repeat(b"<w:p/>", 3_000_000))),
        ("docx, one paragraph of 600,000 runs", "runs.docx",
         _docx(_repeat(b"<w:r><w:t>a</w:t></w:r>", 600_000))),
        ("docx, paragraphs up to the limits", "full.docx",
         _docx(_repeat(paragraph, limits.max_chars // (len(notice_line) + 2) - 10))),
        ("pdf, pages up to the limit", "long.pdf", _pdf(limits.max_pages, notice_line, 15)),
        ("pdf, a page stream of 200 MB", "flate.pdf", _pdf_flate_bomb(200_000_000)),
        ("txt, 5 MB of one-letter paragraphs", "letters.txt", b"a\n\n" * 1_600_000),
    ]


_WRAPPER = """
import sys
from bot.adapters.notice_reader import main
try:
    main(sys.argv[1:])
finally:
    status = open("/proc/self/status").read()
    sys.stderr.write(status.split("VmHWM:")[1].split()[0])
"""


@dataclass
class Measure:
    """One file read by one child."""

    case: str
    extract: bool
    outcome: str
    seconds: float
    peak_mb: float
    met: bool


def measure(name: str, filename: str, data: bytes, *, extract: bool) -> Measure:
    """Read ``data`` in a fresh child (with extraction or not); time it and its memory."""
    agencies = load_directory_file(DEFAULT_AGENCIES_FILE)
    request = request_bytes(data, filename, None, agencies, Limits(), extract=extract)
    started = time.monotonic()
    # The child's own peak: VmHWM of its memory since exec, written by a wrapper around the
    # child's main (wait4's ru_maxrss would include this process's size at the fork).
    command = [sys.executable, "-c", _WRAPPER, *child_command()[3:]]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=child_environment())
    timer = threading.Timer(CHILD_TIMEOUT, proc.kill)
    timer.start()
    try:
        assert proc.stdin is not None and proc.stdout is not None
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.write(request)
            proc.stdin.close()
        output = proc.stdout.read()
        assert proc.stderr is not None
        peak = proc.stderr.read().decode("ascii", "replace").strip()
        proc.wait()
    finally:
        timer.cancel()
    seconds = time.monotonic() - started
    answer = pickle.loads(output) if output else ("error", f"killed ({proc.returncode})")
    outcome = "ok" if answer[0] == "ok" else str(answer[1])
    peak_mb = int(peak) / 1024 if peak.isdigit() else float("nan")
    # Extraction's time is the extractor's (its own issue); the targets are the reading's.
    met = peak_mb < TARGET_MB and (extract or seconds < TARGET_SECONDS)
    return Measure(name, extract, outcome, round(seconds, 2), round(peak_mb, 1), met)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the files, read each one twice (reading only, then with extraction)."""
    parser = argparse.ArgumentParser(prog="python -m bench.documents", description=__doc__)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    results: list[Measure] = []
    for name, filename, data in cases():
        print(f"{name}: {len(data) / 1e6:.2f} MB file", file=sys.stderr)
        for extract in (False, True):
            results.append(measure(name, filename, data, extract=extract))
    if args.json:
        print(json.dumps({"targets": {"seconds": TARGET_SECONDS, "peak_mb": TARGET_MB},
                          "results": [asdict(r) for r in results]}, ensure_ascii=False))
        return 0
    print(f"{'file':40} {'step':16} {'outcome':22} {'s':>6} {'MB':>7}  target")
    for r in results:
        step = "read + extract" if r.extract else "read"
        print(f"{r.case:40} {step:16} {r.outcome:22} {r.seconds:6.2f} {r.peak_mb:7.1f}  "
              f"{'met' if r.met else 'MISSED'}")
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
