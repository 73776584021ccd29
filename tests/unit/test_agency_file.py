"""The agency file is read like anything from outside (issue #17): a file with no agency,
a binary or non-UTF-8 file, a FIFO or a device is refused with one line naming it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import DirectoryError
from bot.usecases.services import Services
from config.settings import DEFAULT_AGENCIES_FILE, Settings, load_settings


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "không khai báo cơ quan nào"),
        (b"# only a comment\n", "không khai báo cơ quan nào"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "không phải văn bản"),
        ("[[agency]]\ncode = 'a'\nname = 'Sở Y tế Café'\n".encode().replace(
            "é".encode(), b"\xe9"), "không phải văn bản UTF-8"),
    ],
)
def test_a_bad_agency_file_is_one_line_naming_it(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "agencies.toml"
    path.write_bytes(content)
    with pytest.raises(DirectoryError) as info:
        load_directory_file(path)
    assert says in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_a_fifo_or_a_device_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "agencies.toml"
    os.mkfifo(fifo)
    with pytest.raises(DirectoryError, match="không phải một tệp thông thường"):
        load_directory_file(fifo)
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(DirectoryError, match="không phải một tệp thông thường"):
        load_directory_file(link)


async def test_an_empty_agency_file_deactivates_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    services = await Services.open(settings)
    active = sum(a.active for a in services.directory.agencies)
    await services.close()
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DirectoryError):
        await Services.open(settings.model_copy(update={"agencies_file": empty}))
    services = await Services.open(
        load_settings(database_path=settings.database_path, agencies_file=DEFAULT_AGENCIES_FILE)
    )
    try:
        assert sum(a.active for a in services.directory.agencies) == active > 20
    finally:
        await services.close()
