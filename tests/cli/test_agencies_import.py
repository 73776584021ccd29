"""``python -m bot agencies import FILE``: a province's list of units from CSV."""

from __future__ import annotations

from pathlib import Path

from bot.usecases.services import Services
from config.settings import load_settings
from tests.cli.test_cli import run_cli


def _env(tmp_path: Path) -> dict[str, str]:
    return {"DATABASE_PATH": str(tmp_path / "db.sqlite3")}


async def test_import_adds_units_that_collectives_then_stand_for(tmp_path: Path) -> None:
    csv = tmp_path / "don-vi.csv"
    csv.write_text("code,name,kind\nqn-t1,Phường Thử Nghiệm Một,\n"
                   "qn-t2,Xã Thử Nghiệm Hai,\n", encoding="utf-8")
    result = run_cli("agencies", "import", str(csv), env=_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "thêm 2" in result.stdout and "ngừng hoạt động 0" in result.stdout
    listed = run_cli("agencies", env=_env(tmp_path), cwd=tmp_path)
    assert "UBND phường Thử Nghiệm Một" in listed.stdout
    settings = load_settings(database_path=tmp_path / "db.sqlite3")
    services = await Services.open(settings)
    try:
        everyone = services.directory.by_code("ubnd-cac-xa-phuong")
        assert everyone is not None
        members = {m.code for m in services.directory.members_of(everyone)}
        assert {"qn-t1", "qn-t2"} <= members and len(members) == 56
        stored = await services.db.fetchval(
            "SELECT count(*) FROM agency_members WHERE group_id = ?", (everyone.id,))
        assert stored == 56
        found = services.directory.resolve("xã Thử Nghiệm Hai")
        assert found is not None and found.current.code == "qn-t2"
    finally:
        await services.close()
    # The next list drops one unit: it is deactivated (tasks may point to it), not deleted.
    csv.write_text("code,name,kind\nqn-t1,Phường Thử Nghiệm Một,\n", encoding="utf-8")
    result = run_cli("agencies", "import", str(csv), env=_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 0 and "ngừng hoạt động 1" in result.stdout
    # A restart (the TOML sync) leaves imported units alone.
    assert run_cli("agencies", env=_env(tmp_path), cwd=tmp_path).returncode == 0
    services = await Services.open(settings)
    try:
        one, two = (services.directory.by_code(c) for c in ("qn-t1", "qn-t2"))
        assert one is not None and one.active and two is not None and not two.active
    finally:
        await services.close()
    # A list sharing nothing with the units imported before would deactivate them all.
    csv.write_text("name\nPhường Khác Hẳn\n", encoding="utf-8")
    result = run_cli("agencies", "import", str(csv), env=_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "ngừng hoạt động tất cả" in result.stderr


def test_bad_lists_are_refused_with_a_line_per_problem(tmp_path: Path) -> None:
    env = _env(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,kind\n,Phường Một,\n,,ward\n,Xã Hai,ward\n", encoding="utf-8")
    result = run_cli("agencies", "import", str(bad), env=env, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("bad.csv: dòng 3") and "dòng 4" in lines[1]
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = run_cli("agencies", "import", str(empty), env=env, cwd=tmp_path)
    assert result.returncode == 2 and "tệp trống" in result.stderr
    # A unit the agency file already has, or a code of the file: refused, nothing written.
    twin = tmp_path / "twin.csv"
    twin.write_text("code,name\nnew-1,Phường Mới\nx9,Phường Hồng Gai\nso-y-te,Phường Ba\n",
                    encoding="utf-8")
    result = run_cli("agencies", "import", str(twin), env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert "“UBND phường Hồng Gai” đã có trong danh mục" in result.stderr
    assert "mã “so-y-te” (Sở Y tế) thuộc tệp danh mục" in result.stderr
    listed = run_cli("agencies", env=env, cwd=tmp_path)
    assert "Phường Mới" not in listed.stdout
    missing = run_cli("agencies", "import", str(tmp_path / "nope.csv"), env=env, cwd=tmp_path)
    assert missing.returncode == 2 and "nope.csv" in missing.stderr
    usage = run_cli("agencies", "import", env=env, cwd=tmp_path)
    assert usage.returncode == 2 and "tệp CSV" in usage.stderr


def test_a_quote_left_open_is_refused_not_imported_as_one_long_name(tmp_path: Path) -> None:
    """Excel never writes it, a hand edit does: the open quote swallows the next rows into
    one cell ("Xã Một,commune\\nXã Hai,commune"), which must not become an agency."""
    csv = tmp_path / "don-vi.csv"
    csv.write_text('name,kind\n"Xã Thử Nghiệm Một,commune\nXã Thử Nghiệm Hai,commune\n',
                   encoding="utf-8")
    result = run_cli("agencies", "import", str(csv), env=_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "dòng 2" in lines[0] and "ngoặc kép" in lines[0], result.stderr
    listed = run_cli("agencies", env=_env(tmp_path), cwd=tmp_path)
    assert "Thử Nghiệm" not in listed.stdout


def test_a_cell_past_the_csv_field_limit_is_one_line(tmp_path: Path) -> None:
    csv = tmp_path / "don-vi.csv"
    csv.write_text("name,kind\nXã Một,commune\nXã " + "A" * 200_000 + ",commune\n",
                   encoding="utf-8")
    result = run_cli("agencies", "import", str(csv), env=_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "dòng 3" in lines[0], result.stderr
