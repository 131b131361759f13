"""Hardening II (issue 11): an output is never its own input; a PDF on a full disk is not
reported as written; every duration is bounded; a pipe, a device, a socket, a file the user
may not read and a presets file nested too deep are refused in words; no writer prints a
traceback when the disk fills.

Full disks are real where the machine allows it: each run gets a small tmpfs of its own in
a private mount namespace (``unshare``: as root, or in a user namespace), which vanishes
with the run. Elsewhere the file size limit (RLIMIT_FSIZE) makes the same writes fail.
Runs that the code before these changes would let eat the memory or block for ever go
through a subprocess with a memory limit and a timeout.
"""

from __future__ import annotations

import copy
import errno
import functools
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BASE, Sheets, write_book

import planner
from planner import cli
from planner.analysis.presets import load_presets, preset_stop
from planner.analysis.scenario import ScenarioError, Stop
from planner.core.errors import ProjectFileError
from planner.inputs.validation import MAX_DAYS
from planner.outputs.summary import Summary

LINUX = sys.platform.startswith("linux")
PAGE = 4096
MEMORY_LIMIT = 4 * 2**30  # for runs that the old code let grow without end


def main(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def written(capsys: pytest.CaptureFixture[str], *args: object) -> None:
    code, _, err = main(capsys, *args)
    assert code == 0, err


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(*args: object, prefix: Sequence[str] = (), timeout: float = 60
        ) -> subprocess.CompletedProcess[str]:
    """`python -m planner ARGS` with the memory limited (Linux)."""
    return subprocess.run([*prefix, sys.executable, "-m", "planner", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, check=False,
                          preexec_fn=_limit_memory if LINUX else None)


@pytest.fixture
def good(make_book: Callable[..., Path]) -> Path:
    return make_book(copy.deepcopy(BASE), "good.xlsx")


@pytest.fixture
def old(make_book: Callable[..., Path]) -> Path:
    """Another version of the project, to write the older outputs from."""
    sheets: Sheets = copy.deepcopy(BASE)
    sheets["Stock"][1][1] = 2500
    return make_book(sheets, "old.xlsx")


# --- 1. an output is never its own input -------------------------------------------------

def _alias(kind: str, source: Path) -> Path:
    """``source`` under another name of the kind asked for."""
    folder = source.parent
    if kind == "same":
        return source
    if kind == "spelled":
        (folder / "sub").mkdir()
        return folder / "sub" / ".." / source.name
    if kind == "symlink":
        (folder / "copy.xlsx").symlink_to(source)
        return folder / "copy.xlsx"
    if kind == "hardlink":
        os.link(source, folder / "copy.xlsx")
        return folder / "copy.xlsx"
    assert kind == "folder-symlink"
    (folder / "alias").symlink_to(folder, target_is_directory=True)
    return folder / "alias" / source.name


@pytest.mark.parametrize("kind", ["same", "spelled", "symlink", "hardlink", "folder-symlink"])
@pytest.mark.parametrize("command", ["summary", "plan", "convert"])
def test_no_command_writes_over_its_input(capsys: pytest.CaptureFixture[str], good: Path,
                                          command: str, kind: str) -> None:
    before = good.read_bytes()
    output = _alias(kind, good)
    code, out, err = main(capsys, command, good, "-o", output)
    assert (code, out) == (2, "")
    assert err == f"planner {command}: the output would overwrite the input {good}\n"
    assert good.read_bytes() == before and not good.is_symlink()
    assert output.is_symlink() == (kind == "symlink")


def test_the_same_through_a_link_to_the_input(capsys: pytest.CaptureFixture[str], good: Path
                                              ) -> None:
    link = good.with_name("link.xlsx")
    link.symlink_to(good)
    before = good.read_bytes()
    code, _, err = main(capsys, "summary", link, "-o", good)
    assert code == 2
    assert err == f"planner summary: the output would overwrite the input {link}\n"
    assert good.read_bytes() == before


def test_a_csv_folder_is_not_written_over_its_own_files(
        capsys: pytest.CaptureFixture[str], good: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    written(capsys, "convert", good, "-o", folder)
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    (tmp_path / "csv-alias").symlink_to(folder, target_is_directory=True)
    for source, output in ((folder, folder), (folder, tmp_path / "csv-alias"),
                           (folder / "Items.csv", folder)):
        code, _, err = main(capsys, "convert", source, "-o", output)
        assert code == 2
        assert err == f"planner convert: the output would overwrite the input {source}\n"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files
    # writing beside the input files, into the same folder, is fine
    code, _, _ = main(capsys, "convert", folder, "-o", folder / "book.xlsx")
    assert code == 0
    assert planner.load(folder / "book.xlsx").equals(planner.load(good))


# --- 2. the PDF summary onto a full disk ------------------------------------------------

@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    from planner.results import Results

    path = write_book(tmp_path_factory.mktemp("pdf") / "good.xlsx", copy.deepcopy(BASE))
    return Results(planner.load(path)).summary()


def _old_pdf(path: Path) -> bytes:
    data = b"%PDF-1.4\n% an older summary\n1 0 obj << /Type /Page >> endobj\n%%EOF\n"
    path.write_bytes(data)
    return data


def test_a_pdf_the_renderer_could_not_write_is_refused(
        summary: Summary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's PDF writer says nothing when its writes fail (here: onto /dev/full)."""
    from planner.outputs.pdf import write_summary_pdf
    from ui.qt import QPdfWriter

    target = "/dev/full" if Path("/dev/full").exists() else os.devnull  # nothing is kept
    monkeypatch.setattr("ui.printing.summary.QPdfWriter", lambda name: QPdfWriter(target))
    path = tmp_path / "s.pdf"
    before = _old_pdf(path)
    with pytest.raises(ProjectFileError) as info:
        write_summary_pdf(summary, path)
    assert str(info.value) == "could not write s.pdf: the PDF could not be written completely"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.pdf"]


@pytest.mark.parametrize(("free", "why"), [
    (10**9, "the PDF could not be written completely"), (0, "the disk is full")])
def test_a_short_pdf_is_refused(summary: Summary, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch, free: int, why: str) -> None:
    """A renderer that stopped half-way: no trailer; the disk's free space names why."""
    from planner.outputs import pdf
    from ui.printing.summary import render_pdf

    def half(summary: Summary, path: Path, size: str, title: str) -> int:
        pages = render_pdf(summary, path, size, title)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return pages

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(pdf, "summary_renderer", lambda: half)
    monkeypatch.setattr("shutil.disk_usage", lambda folder: usage._replace(free=free))
    path = tmp_path / "s.pdf"
    before = _old_pdf(path)
    with pytest.raises(ProjectFileError) as info:
        pdf.write_summary_pdf(summary, path)
    assert str(info.value) == f"could not write s.pdf: {why}"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.pdf"]


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4\n%%EOF\n"], ids=["empty", "no-page"])
def test_an_empty_or_pageless_pdf_is_refused(tmp_path: Path, data: bytes) -> None:
    from planner.outputs.pdf import check_pdf

    tmp = tmp_path / ".s.pdf.tmp"
    tmp.write_bytes(data)
    with pytest.raises(ProjectFileError, match="could not be written completely"):
        check_pdf(tmp, tmp_path / "s.pdf")


# --- on a small disk: every writer (items 2 and 5) ---------------------------------------

@functools.cache
def _namespace() -> tuple[str, ...] | None:
    """The command giving a child a mount namespace of its own where it may mount a tmpfs
    (None where there is none: not Linux, no unshare, no user namespaces)."""
    unshare = shutil.which("unshare")
    if not LINUX or unshare is None:
        return None
    prefix = ((unshare, "--mount", "--propagation", "private") if os.geteuid() == 0 else
              (unshare, "--user", "--map-root-user", "--mount"))
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run([*prefix, "sh", "-c", 'mount -t tmpfs -o size=4k tmpfs "$0"',
                                folder], capture_output=True, timeout=30, check=False)
    return prefix if probe.returncode == 0 else None


# mount a tmpfs of $1 bytes on $2, put the older files of $3 on it, run planner, copy what
# is on the disk afterwards to $4 (the tmpfs vanishes with the namespace)
ON_A_TMPFS = """
mount -t tmpfs -o "size=$1" tmpfs "$2" || exit 97
cp -a "$3/." "$2/" || exit 98
shift 4
"$0" -m planner "$@"
code=$?
cp -a "$DISK/." "$AFTER/"
exit $code
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    files: dict[str, bytes]  # what the disk holds afterwards, by path inside it


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _size(folder: Path, pages: bool) -> int:
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(-(-s // PAGE) * PAGE for s in sizes) if pages else max(sizes, default=0)


def on_a_small_disk(tmp_path: Path, seeds: Path, room: int, args: Sequence[object]) -> Run:
    """Run planner ARGS, whose output is in tmp_path/"disk", with the older files of
    ``seeds`` on that disk and ``room`` bytes more (with no tmpfs: each file limited to
    ``room`` bytes)."""
    disk, after = tmp_path / "disk", tmp_path / "after"
    for folder in (disk, after):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    prefix = _namespace()
    if prefix is not None:
        size = max(PAGE, _size(seeds, pages=True) + room // PAGE * PAGE)
        result = subprocess.run(
            [*prefix, "sh", "-c", ON_A_TMPFS, sys.executable, str(size), str(disk),
             str(seeds), str(after), *map(str, args)], capture_output=True, text=True,
            timeout=180, check=False, env={**os.environ, "DISK": str(disk),
                                           "AFTER": str(after)})
        assert result.returncode not in (97, 98), result.stderr
    else:
        import resource
        import signal

        def limit() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

        shutil.copytree(seeds, disk, dirs_exist_ok=True)
        result = subprocess.run([sys.executable, "-m", "planner", *map(str, args)],
                                capture_output=True, text=True, timeout=180, check=False,
                                preexec_fn=limit)
        after = disk
    return Run(result.returncode, result.stdout, result.stderr, _files(after))


WRITERS = {  # command, output inside the disk, name in the message
    "workbook": (["convert"], "o.xlsx", "o.xlsx"),
    "project file": (["convert"], "o.stockpile", "o.stockpile"),
    "csv folder": (["convert"], "csv", r"\w+\.csv"),
    "plan workbook": (["plan"], "p.xlsx", "p.xlsx"),
    "pdf summary": (["summary"], "s.pdf", "s.pdf"),
}


@pytest.mark.skipif(not LINUX, reason="RLIMIT_FSIZE and tmpfs are Linux's")
@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_on_a_full_disk_says_so_in_one_line(
        capsys: pytest.CaptureFixture[str], good: Path, old: Path, tmp_path: Path,
        writer: str) -> None:
    """Out of room at the start, half-way and near the end: exit 1, one line on standard
    error and nothing on standard output (no "wrote"), the older files byte for byte and
    no temporary file left."""
    command, name, shown = WRITERS[writer]
    seeds, full = tmp_path / "seeds", tmp_path / "full"
    seeds.mkdir()
    full.mkdir()
    written(capsys, *command, old, "-o", seeds / name)
    written(capsys, *command, good, "-o", full / name)
    tmpfs = _namespace() is not None
    needed = _size(full, pages=tmpfs)
    # a page short at most: the same PDF differs by a few bytes from one run to the next
    rooms = sorted({1 if tmpfs else 0, needed // 2, min(needed - PAGE, needed * 3 // 4)}
                   - {needed})
    word = "save" if name.endswith(".stockpile") else "write"
    for room in rooms:
        result = on_a_small_disk(tmp_path, seeds, room, [*command, good, "-o",
                                                         tmp_path / "disk" / name])
        where = f"{writer} with {room} bytes of room"
        assert (result.code, result.out) == (1, ""), (where, result.out, result.err)
        assert re.fullmatch(rf"planner: could not {word} {shown}: [^\n]+\n", result.err), (
            where, result.err)
        if tmpfs:  # the one reason there is
            assert re.fullmatch(rf"planner: could not {word} {shown}: the disk is full"
                                r"(; the file on disk was not changed)?\n", result.err), (
                where, result.err)
        assert result.files == _files(seeds), where


# --- 3. runaway durations -----------------------------------------------------------------

@pytest.mark.parametrize(("what", "days"), [
    (["--stop", "country:CN"], "1000000000"), (["--preset", "cn-gallium-germanium-2023"],
                                               "1000000000"),
    (["--rank"], "1e9"), (["--rank"], "99999999999999999999")])
def test_a_stop_of_a_billion_days_is_refused(good: Path, what: list[str], days: str) -> None:
    result = run("scenario", good, *what, "--days", days)
    assert result.returncode == 2, result.stderr
    assert result.stderr.endswith(
        f"planner scenario: error: argument --days: a stop lasts at most 36,500 days "
        f"(100 years), got {days}\n")


@pytest.mark.parametrize("days", ["2.5", "nan", "inf", "ninety"])
def test_a_stop_is_a_whole_number_of_days(capsys: pytest.CaptureFixture[str], good: Path,
                                          days: str) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["scenario", str(good), "--rank", "--days", days])
    assert info.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"argument --days: expected a whole number of days, got {days!r}\n")


def test_the_longest_stop_runs(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    code, out, _ = main(capsys, "scenario", good, "--stop", "country:CN", "--days", "36500",
                        "--json")
    assert code == 0
    assert json.loads(out)["stop"]["days"] == MAX_DAYS == 36_500


def _presets_file(path: Path, days: object) -> Path:
    entry = {"id": "long", "title": "A long stop", "country": "CN", "days": days,
             "keywords": ["gallium"]}
    path.write_text(json.dumps({"presets": [entry]}))
    return path


@pytest.mark.parametrize("what", [["--preset", "long"], ["--list-presets"]])
def test_a_presets_file_with_a_billion_days_is_refused(good: Path, tmp_path: Path,
                                                       what: list[str]) -> None:
    presets = _presets_file(tmp_path / "presets.json", 10**9)
    result = run("scenario", good, *what, "--presets-file", presets)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"planner scenario: {presets}: preset 1 (long): days must be at "
                             "most 36,500 (100 years), got 1,000,000,000\n")


def test_a_preset_of_a_hundred_years_loads_and_no_stop_is_longer(good: Path, tmp_path: Path
                                                                 ) -> None:
    preset, = load_presets(_presets_file(tmp_path / "presets.json", 36_500))
    project = planner.load(good)
    assert preset_stop(project, preset).days == 36_500
    with pytest.raises(ScenarioError, match="at most 36,500"):
        preset_stop(project, preset, days=10**9)
    with pytest.raises(ScenarioError, match=r"at most 36,500 .* got a number of 100 digits"):
        load_presets(_presets_file(tmp_path / "huge.json", 10**99))
    huge = tmp_path / "huger.json"  # more digits than Python reads into an integer
    huge.write_text(_presets_file(huge, 1).read_text().replace('"days": 1', '"days": 1'
                                                               + "0" * 5000))
    with pytest.raises(ScenarioError, match="cannot read the preset scenarios"):
        load_presets(huge)


@pytest.mark.parametrize(("option", "value"), [("--horizon-days", "1e9"),
                                               ("--target-days", "99999999999999999999")])
def test_plan_parameters_in_days_are_bounded(capsys: pytest.CaptureFixture[str], good: Path,
                                             option: str, value: str) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["plan", str(good), "--json", option, value])
    assert info.value.code == 2
    assert "must be at most 36,500 days (100 years)" in capsys.readouterr().err


def test_the_window_takes_no_longer_stop_and_keeps_a_long_one(good: Path) -> None:
    from ui.editing.document import Document
    from ui.pages.scenario_controls import StopControls
    from ui.printing.summary import ensure_gui_application

    ensure_gui_application()
    controls = StopControls(Document(planner.load(good), good))
    try:
        assert controls.days.maximum() == MAX_DAYS
        controls.days.setValue(10**9)
        assert controls.days.value() == MAX_DAYS
        # a stop of the ranking (a time to recover of 13 years) is shown as it ran
        controls.refresh()
        controls.show_stop(Stop("country", "CN", 5000, 1.0, name="China"))
        assert controls.request().days == 5000
    finally:
        controls.deleteLater()


# --- 4. everyday conditions are not bugs ----------------------------------------------------

def test_a_presets_file_nested_too_deep(capsys: pytest.CaptureFixture[str], good: Path,
                                        tmp_path: Path) -> None:
    presets = tmp_path / "deep.json"
    presets.write_text('{"presets": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, _, err = main(capsys, "scenario", good, "--list-presets", "--presets-file", presets)
    assert code == 2
    assert err == (f"planner scenario: {presets}: cannot read the preset scenarios: the file "
                   "is nested too deeply\n")


@pytest.mark.skipif(not LINUX, reason="/dev/zero and FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_presets_file_that_is_no_file(good: Path, tmp_path: Path, kind: str) -> None:
    presets = tmp_path / "presets.json"
    if kind == "fifo":
        os.mkfifo(presets)
    else:
        presets.symlink_to("/dev/zero")
    result = run("scenario", good, "--list-presets", "--presets-file", presets)
    assert result.returncode == 2
    assert result.stderr == f"planner scenario: {presets} is not a regular file\n"


def _not_a_file(kind: str, folder: Path) -> tuple[Path, str]:
    """A path of ``kind`` in ``folder`` and the name the message gives it."""
    if kind.startswith("fifo"):
        path = folder / f"input.{kind.removeprefix('fifo-')}"
        os.mkfifo(path)
        return path, path.name
    if kind == "device":
        return Path("/dev/zero"), "zero"
    if kind == "device-named-csv":
        (folder / "zero.csv").symlink_to("/dev/zero")
        return folder / "zero.csv", "zero.csv"
    if kind == "socket":
        path = folder / "s.xlsx"
        with socket.socket(socket.AF_UNIX) as s:
            s.bind(str(path))
        return path, path.name
    assert kind == "fifo in a csv folder"
    (folder / "csv").mkdir()
    (folder / "csv" / "Demand.csv").write_text("item_id,quantity,per\n")
    os.mkfifo(folder / "csv" / "Items.csv")
    return folder / "csv", "csv/Items.csv"


@pytest.mark.skipif(not LINUX, reason="FIFOs, /dev/zero and Unix sockets")
@pytest.mark.parametrize("kind", ["fifo-xlsx", "fifo-stockpile", "fifo-csv", "device",
                                  "device-named-csv", "socket", "fifo in a csv folder"])
def test_an_input_that_is_no_file_is_refused_unread(kind: str) -> None:
    """Reading a pipe without a writer never ends, nor does reading /dev/zero."""
    with tempfile.TemporaryDirectory() as folder:  # a short path, as a socket needs
        path, shown = _not_a_file(kind, Path(folder))
        result = run("check", path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"planner: {shown} is not a regular file or folder\n"


@functools.cache
def _as_nobody() -> tuple[str, ...] | None:
    """For root, whom permissions do not stop: the command running a child as nobody."""
    setpriv = shutil.which("setpriv")
    if not LINUX or os.geteuid() != 0 or setpriv is None:
        return None
    prefix = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
    probe = subprocess.run([*prefix, sys.executable, "-c", "import planner"],
                           capture_output=True, timeout=60, check=False)
    return prefix if probe.returncode == 0 else None


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user may enter (pytest's own are the owner's only)."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("kind", ["workbook", "project file", "csv folder", "csv file"])
def test_an_input_that_may_not_be_read(capsys: pytest.CaptureFixture[str], good: Path,
                                       shared_folder: Path, monkeypatch: pytest.MonkeyPatch,
                                       kind: str) -> None:
    """chmod 000 for real: as this user, or as nobody when the tests run as root; only
    where neither can be done is the refusal of the system imitated."""
    folder = shared_folder
    shutil.copy(good, folder / "good.xlsx")
    written(capsys, "convert", good, "-o", folder / "p.stockpile")
    written(capsys, "convert", good, "-o", folder / "csv")
    path, locked, shown = {
        "workbook": (folder / "good.xlsx", folder / "good.xlsx", "good.xlsx"),
        "project file": (folder / "p.stockpile", folder / "p.stockpile", "p.stockpile"),
        "csv folder": (folder / "csv", folder / "csv", "csv"),
        "csv file": (folder / "csv", folder / "csv" / "Items.csv", "csv/Items.csv"),
    }[kind]
    for p in folder.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    locked.chmod(0)
    expected = f"planner: cannot read {shown}: permission denied\n"
    nobody = _as_nobody()
    if os.name == "posix" and os.geteuid() != 0:
        code, out, err = main(capsys, "check", path)
    elif nobody is not None:
        result = run("check", path, prefix=nobody)
        code, out, err = result.returncode, result.stdout, result.stderr
    else:  # root without a way to be someone else: the system's answer, imitated
        def refuse(real: Callable[..., object]) -> Callable[..., object]:
            def call(target: object, *args: object, **kwargs: object) -> object:
                if Path(os.fsdecode(target)) == locked:  # type: ignore[arg-type]
                    raise PermissionError(errno.EACCES, "Permission denied", str(target))
                return real(target, *args, **kwargs)
            return call
        monkeypatch.setattr(os, "open", refuse(os.open))
        monkeypatch.setattr(os, "scandir", refuse(os.scandir))
        code, out, err = main(capsys, "check", path)
    assert (code, out, err) == (1, "", expected)
    assert stat.S_IMODE(locked.stat().st_mode) == 0
