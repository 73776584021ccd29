"""``python -m bot extract`` on hostile files (issue #17): a FIFO or a link to a device is
refused at once, a bomb by the limit it hit; one line, exit 2, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.test_cli import run_cli
from tests.unit.test_documents_hostile import docx_of


def _one_line(tmp_path: Path, name: str, says: str) -> None:
    result = run_cli("extract", name, cwd=tmp_path)  # run_cli's own timeout: 60 s
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_fifo_named_txt_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.txt")
    _one_line(tmp_path, "x.txt", "không phải tệp thông thường")


@pytest.mark.parametrize(("name", "target"), [("zero.txt", "/dev/zero"),
                                              ("random.docx", "/dev/urandom")])
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path, name: str, target: str) -> None:
    (tmp_path / name).symlink_to(target)
    _one_line(tmp_path, name, "không phải tệp thông thường")


def test_a_docx_bomb_names_the_limit(tmp_path: Path) -> None:
    (tmp_path / "bom.docx").write_bytes(
        docx_of(b"<w:p><w:r><w:t>" + b"a" * 25_000_000 + b"</w:t></w:r></w:p>")
    )
    _one_line(tmp_path, "bom.docx", "khi giải nén lớn hơn 20 MB")
