"""The corpus of broken inputs (tests/data/bad) and of awkward ones that must load
(tests/data/good): every file through `planner check`, with exactly its expected lines.

The files and both manifests are built by tests/data/make_bad_corpus.py, which says what
each case is and why its message reads as it does; the window's import is tested on the
same files in tests/ui/test_ui_corpus.py.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import planner
from planner import cli

DATA = Path(__file__).resolve().parent / "data"
BAD = json.loads((DATA / "bad" / "expected.json").read_text(encoding="utf-8"))
GOOD = json.loads((DATA / "good" / "expected.json").read_text(encoding="utf-8"))


def expected_stderr(entry: dict[str, object]) -> str:
    """What `planner check` prints on stderr for a bad file."""
    if "refused" in entry:
        return f"planner: {entry['refused']}\n"
    problems = list(entry["problems"])  # type: ignore[call-overload]
    errors = sum(not p.startswith("warning: ") for p in problems)
    return "".join(p + "\n" for p in problems) + (
        f"{errors} problem{'s' if errors != 1 else ''} found; nothing was changed.\n")


def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = cli.main(["check", str(path)])
    gc.collect()  # a writer or reader left half-open would complain now, not later
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_corpus_is_complete_and_small() -> None:
    assert len(BAD) >= 100 and len(GOOD) >= 40
    on_disk = {p.name for p in (DATA / "bad").iterdir()} - {"expected.json"}
    assert on_disk == {name.rstrip("/") for name in BAD}
    assert {p.name for p in (DATA / "good").iterdir()} - {"expected.json"} == {
        name.rstrip("/") for name in GOOD}
    size = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert size < 2 * 2**20


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_gives_exactly_its_expected_lines(capsys: pytest.CaptureFixture[str],
                                                     name: str) -> None:
    code, out, err = check(capsys, DATA / "bad" / name.rstrip("/"))
    assert (code, out) == (1, "")
    assert err == expected_stderr(BAD[name])


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_good_file_loads_with_its_warnings(capsys: pytest.CaptureFixture[str],
                                            name: str) -> None:
    code, out, err = check(capsys, DATA / "good" / name.rstrip("/"))
    assert code == 0
    assert out.startswith(f"{name.rstrip('/')}: valid (")
    assert err == "".join(w + "\n" for w in GOOD[name]["warnings"])


def test_good_files_read_as_the_base_project() -> None:
    sys.path.insert(0, str(DATA))
    try:
        from make_bad_corpus import base
    finally:
        sys.path.remove(str(DATA))
    from planner.inputs.reading import RawBook, RawSheet
    from planner.inputs.validation import build_project

    expected = build_project(RawBook("base", {k: RawSheet(k, v) for k, v in base().items()}))
    for name, entry in GOOD.items():
        project = planner.load(DATA / "good" / name.rstrip("/"))
        assert project.equals(expected) == entry["same_as_base"], name


def test_no_traceback_or_stray_output_in_a_real_process() -> None:
    """Every bad file checked in one `python` process: besides the lines each check prints
    (captured per file), the process writes nothing, not even at exit (an "Exception
    ignored" from a writer or reader left open would show there)."""
    script = """
import contextlib, io, json, sys
from pathlib import Path
from planner import cli
folder = Path(sys.argv[1])
results = {}
for name in json.loads((folder / "expected.json").read_text(encoding="utf-8")):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["check", str(folder / name.rstrip("/"))])
    results[name] = [code, err.getvalue()]
sys.stdout.write(json.dumps(results))
"""
    done = subprocess.run([sys.executable, "-c", script, str(DATA / "bad")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stderr == ""
    results = json.loads(done.stdout)
    assert results == {name: [1, expected_stderr(entry)] for name, entry in BAD.items()}


def _same(a: Path, b: Path) -> bool:
    """Same file or folder, as far as a reader can tell: equal bytes, or equal members of
    a zip archive (compression may differ between zlib builds), or an equal SQL dump."""
    if a.is_dir() or b.is_dir():
        return (a.is_dir() and b.is_dir() and sorted(p.name for p in a.iterdir())
                == sorted(p.name for p in b.iterdir())
                and all(_same(p, b / p.name) for p in a.iterdir()))
    x, y = a.read_bytes(), b.read_bytes()
    if x == y:
        return True
    if zipfile.is_zipfile(a) and zipfile.is_zipfile(b):
        with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
            return za.namelist() == zb.namelist() and all(
                za.read(n) == zb.read(n) for n in za.namelist())
    if x.startswith(b"SQLite format 3\x00") and y.startswith(b"SQLite format 3\x00"):
        return _dump(a) == _dump(b)
    return False


def _dump(path: Path) -> list[str] | bytes:
    """A database's SQL dump; for a damaged one (cut short), which has none, its bytes
    but for the number of the SQLite version that wrote them (header bytes 96-99)."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    except sqlite3.DatabaseError:
        data = path.read_bytes()
        return data[:96] + data[100:]
    finally:
        con.close()


def test_the_script_rebuilds_the_committed_corpus(tmp_path: Path) -> None:
    sys.path.insert(0, str(DATA))
    try:
        from make_bad_corpus import build
    finally:
        sys.path.remove(str(DATA))
    manifests = build(tmp_path)
    assert manifests == {"bad": BAD, "good": GOOD}
    for kind in ("bad", "good"):
        differ = [p.name for p in (DATA / kind).iterdir()
                  if not _same(p, tmp_path / kind / p.name)]
        assert differ == [], f"run python tests/data/make_bad_corpus.py to rebuild {differ}"
