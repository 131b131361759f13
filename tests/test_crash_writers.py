"""Every writer killed at random moments leaves the old output or the new one, whole.

- The template workbook (`planner convert X -o Y.xlsx`), the CSV folder (`-o FOLDER`), the
  PDF summary (`planner summary`) and the plan workbook (`planner plan -o`) are each
  written in a child process that is killed (SIGKILL) after a random delay within the
  measured duration of a write (adjusted as the trials go, so that about half the kills
  come before the rename), TRIALS times. What a reader then finds is the old output
  or the new one, equal to one of the two, and the next run of the same writer leaves no
  temporary file or folder. (The project file's own trials are in test_crash_safety.py.)
- A CSV folder export is all or nothing as a reader sees it: killed before every single
  step of its swap, in both ways of swapping (one exchange on Linux, two renames
  elsewhere), it leaves the old folder or the new one, and a set-aside folder is put back.
- A folder holding files other than the template's is refused, not swapped away.

With `pytest -s` each trial run prints its outcomes and durations.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_crash_safety import PRELOAD, synthetic

import planner
from planner.core import atomic
from planner.core.errors import ProjectFileError
from planner.inputs import files, template
from planner.inputs.project import Project
from planner.inputs.schema import SHEETS

TRIALS = 100
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and a fork server")
KILLED = 77  # the exit status of a child stopped at a chosen step
CSV_NAMES = [f"{spec.name}.csv" for spec in SHEETS]


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


# --- the writers --------------------------------------------------------------------------

def _zip_parts(path: Path) -> object:
    """A workbook as a reader finds it: every part but the one holding the time of
    writing; None when it is no whole workbook."""
    try:
        with zipfile.ZipFile(path) as book:
            return {i.filename: book.read(i) for i in book.infolist()
                    if i.filename != "docProps/core.xml"}
    except (OSError, zipfile.BadZipFile, EOFError):
        return None


def _pdf_text(path: Path) -> object:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         check=False)
    return run.stdout if run.returncode == 0 and path.stat().st_size > 0 else None


def _csv_files(path: Path) -> object:
    """A CSV folder as `planner check` reads it: its CSV files."""
    if not path.is_dir():
        return None
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.csv"))}


def _export(project: object, path: Path) -> None:
    assert isinstance(project, Project)
    files.export(project, path)  # what `planner convert` and the window's Save As call


def _summary(project: Project) -> object:
    from planner.results import Results

    return Results(project).summary()


def _write_summary(summary: object, path: Path) -> None:
    from planner.outputs.pdf import write_summary_pdf

    write_summary_pdf(summary, path)  # type: ignore[arg-type]


def _plan(project: Project) -> object:
    from planner.results import Results

    results = Results(project)
    return results.plan(), results.ranking()


def _write_plan(plan_and_ranking: object, path: Path) -> None:
    from planner.outputs.plan_workbook import write_plan_workbook

    assert isinstance(plan_and_ranking, tuple)
    plan, ranking = plan_and_ranking
    write_plan_workbook(plan, path, ranking=ranking)


@dataclass(frozen=True)
class Writer:
    target: str  # the file or folder written
    prepare: Callable[[Project], object]  # in the parent: what the writer is given
    write: Callable[[object, Path], None]
    seen: Callable[[Path], object]  # what a reader finds; None when nothing whole


WRITERS = {
    "template workbook": Writer("out.xlsx", lambda p: p, _export, _zip_parts),
    "CSV folder": Writer("csv", lambda p: p, _export, _csv_files),
    "PDF summary": Writer("summary.pdf", _summary, _write_summary, _pdf_text),
    "plan workbook": Writer("plan.xlsx", _plan, _write_plan, _zip_parts),
}


def _write_and_wait(kind: str, payload: object, target: str, scratch: str, ready: object,
                    took: object) -> None:
    """In the child: say when the write starts, write, say how long it took, then wait to
    be killed. Its system temporary files go to ``scratch`` (to be counted there)."""
    tempfile.tempdir = scratch
    if kind == "PDF summary":  # the painter's application, as `planner summary` makes it
        from ui.printing.summary import ensure_gui_application

        ensure_gui_application()
    ready.set()  # type: ignore[attr-defined]
    began = time.perf_counter()
    WRITERS[kind].write(payload, Path(target))
    took.value = time.perf_counter() - began  # type: ignore[attr-defined]
    time.sleep(60)


def _leftovers(folder: Path, target: Path) -> list[str]:
    """Everything beside the target, and anything hidden in it (a folder)."""
    names = [p.name for p in folder.iterdir() if p.name != target.name]
    if target.is_dir():
        names += [f"{target.name}/{p.name}" for p in target.iterdir() if p.name[0] == "."]
    return sorted(names)


@POSIX_ONLY
@pytest.mark.parametrize("kind", list(WRITERS))
def test_killing_a_writer_at_random_moments_leaves_the_old_or_the_new_output(
        kind: str, tmp_path: Path) -> None:
    writer = WRITERS[kind]
    old, new = synthetic(60, seed=11), synthetic(90, seed=12)
    old_payload, new_payload = writer.prepare(old), writer.prepare(new)
    folder, scratch = tmp_path / "out", tmp_path / "scratch"
    folder.mkdir()
    scratch.mkdir()
    target = folder / writer.target
    reference = tmp_path / f"new-{writer.target}"
    writer.write(new_payload, reference)
    writer.write(old_payload, target)
    new_seen, old_seen = writer.seen(reference), writer.seen(target)
    assert new_seen is not None and old_seen is not None and new_seen != old_seen
    if kind == "template workbook":  # the references read back as the projects
        assert planner.load(target).equals(old)
        assert planner.load(reference).equals(new)

    context = _context()

    def start() -> tuple[multiprocessing.process.BaseProcess, object]:
        ready, took = context.Event(), context.Value("d", -1.0)
        child = context.Process(target=_write_and_wait, args=(
            kind, new_payload, str(target), str(scratch), ready, took))
        child.start()
        assert ready.wait(60)
        return child, took

    durations = []
    for _ in range(5):  # the time a write takes in a child (which starts cold, as a command)
        child, took = start()
        deadline = time.monotonic() + 60
        while took.value < 0 and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.005)
        durations.append(took.value)  # type: ignore[attr-defined]
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(10)
        writer.write(old_payload, target)
    duration = statistics.median(durations)
    assert duration > 0

    rng = random.Random(kind)
    window = duration
    outcomes = {"old": 0, "new": 0}
    began = time.perf_counter()
    for trial in range(TRIALS):
        child, _took = start()
        time.sleep(rng.uniform(0, 2 * window))  # before, during or after the rename
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        seen = writer.seen(target)  # as a reader finds it: nothing recovered yet
        if seen == new_seen:
            outcomes["new"] += 1
        else:
            assert seen == old_seen, f"trial {trial}: neither the old nor the new output"
            outcomes["old"] += 1
        # on a busy machine writes take longer or shorter than measured: aim the kills so
        # that about half fall before the rename
        window *= 0.93 if seen == new_seen else 1.07
        # only the killed write's temporaries are there, and the next write removes them
        assert all(f".{child.pid}." in name for name in _leftovers(folder, target)), (
            trial, _leftovers(folder, target))
        writer.write(old_payload, target)  # the next run (and the old output again)
        assert _leftovers(folder, target) == []
        assert writer.seen(target) == old_seen
    elapsed = time.perf_counter() - began
    # nothing in the system's temporary folder either (XlsxWriter's rows on disk live in
    # a hidden folder beside the target, which the next write clears)
    left = sorted(p.name for p in scratch.iterdir())
    print(f"{kind}: {TRIALS} kills in {elapsed:.1f} s (a write takes {duration * 1000:.0f} "
          f"ms): {outcomes}")  # pytest -s
    assert outcomes["old"] >= 5 and outcomes["new"] >= 5, outcomes
    assert left == []


# --- the CSV folder, step by step -----------------------------------------------------------

STEPS = ("mkdir", "rename", "replace", "rmtree", "fsync", "exchange")


def _export_killed_at(project: Project, folder: str, step: int, swap: bool) -> None:
    """In the child: export, dying just before the ``step``-th change to the disk (or
    completing); ``swap`` False takes the two-rename way of swapping folders."""
    calls = 0

    def counted(function: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == step:
                os._exit(KILLED)
            return function(*args, **kwargs)
        return call

    for name in ("mkdir", "rename", "replace", "fsync"):
        setattr(os, name, counted(getattr(os, name)))
    shutil.rmtree = counted(shutil.rmtree)  # type: ignore[assignment]
    exchange = getattr(atomic, "exchange", None)
    atomic.exchange = counted(  # type: ignore[assignment]
        exchange if swap and exchange else (lambda a, b: False))
    files.export(project, Path(folder))
    os._exit(0)


@POSIX_ONLY
@pytest.mark.parametrize("swap", [True, False], ids=["exchange", "two renames"])
def test_a_csv_export_killed_before_any_step_leaves_the_old_or_the_new_folder(
        tmp_path: Path, swap: bool) -> None:
    if swap and not atomic.exchange(tmp_path, tmp_path):  # a no-op exchange: supported?
        pytest.skip("no renameat2 exchange on this system")
    old, new = synthetic(30, seed=13), synthetic(40, seed=14)
    parent = tmp_path / "exports"
    parent.mkdir()
    folder = parent / "csv"
    files.export(new, folder)
    new_seen = _csv_files(folder)
    files.export(old, folder)
    old_seen = _csv_files(folder)
    context = _context()
    outcomes = {"old": 0, "new": 0, "missing, put back": 0}
    for step in range(1, 200):
        child = context.Process(target=_export_killed_at, args=(new, str(folder), step, swap))
        child.start()
        child.join(60)
        seen = _csv_files(folder)  # as `planner check` would read it now
        if seen is None:
            assert not swap, f"step {step}: the folder is missing"
            assert [p.name for p in parent.iterdir() if p.name.endswith(".old")], step
            assert planner.load(folder).equals(old)  # reading it puts it back first
            seen = _csv_files(folder)
            assert seen == old_seen, f"step {step}: not put back"
            outcomes["missing, put back"] += 1
        elif seen == new_seen:
            outcomes["new"] += 1
        else:
            assert seen == old_seen, f"step {step}: neither the old nor the new folder"
            outcomes["old"] += 1
        files.export(old, folder)  # the next export removes what the killed one left
        assert sorted(p.name for p in parent.iterdir()) == ["csv"], step
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            CSV_NAMES), step
        assert _csv_files(folder) == old_seen
        if child.exitcode == 0:  # it got through every step
            break
        assert child.exitcode == KILLED
    else:
        pytest.fail("the export never completed")
    print(f"{'exchange' if swap else 'two renames'}: killed before each of {step - 1} steps: "
          f"{outcomes}")
    assert outcomes["old"] > 5 and outcomes["new"] >= 1, outcomes
    if not swap:
        assert outcomes["missing, put back"] >= 1, outcomes


@POSIX_ONLY
def test_recovery_puts_a_set_aside_folder_back_and_removes_dead_temporaries(
        tmp_path: Path) -> None:
    old = synthetic(20, seed=15)
    files.export(old, tmp_path / "keep")
    old_seen = _csv_files(tmp_path / "keep")
    dead, live = "999999999", str(os.getppid())
    (tmp_path / "keep").rename(tmp_path / f".csv.{dead}.old")  # killed between renames
    half = tmp_path / f".csv.{dead}.tmp"
    half.mkdir()
    (half / "Items.csv").write_text("item_id\n")
    busy = tmp_path / f".csv.{live}.tmp"  # an export under way in a live process
    busy.mkdir()
    template.recover_csv_folder(tmp_path / "csv")
    assert _csv_files(tmp_path / "csv") == old_seen
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["csv", busy.name])
    # a set-aside folder of a dead process beside a whole folder is the replaced one
    files.export(old, tmp_path / "keep")
    (tmp_path / "keep").rename(tmp_path / f".csv.{dead}.old")
    template.recover_csv_folder(tmp_path / "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["csv", busy.name])
    assert _csv_files(tmp_path / "csv") == old_seen


# --- what else is in the folder -------------------------------------------------------------

def test_a_folder_holding_other_files_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    project = synthetic(20, seed=16)
    files.export(project, folder)
    (folder / "README.txt").write_text("Exported every Monday\n")
    (folder / "notes").mkdir()
    (folder / "Prices 2025.csv").write_text("a,b\n")
    (folder / "z.txt").write_text("")
    before = _csv_files(folder)
    with pytest.raises(ProjectFileError) as info:
        files.export(synthetic(30, seed=17), folder)
    assert str(info.value) == (
        "could not write csv: the folder holds files other than the template's CSV files "
        "(Prices 2025.csv, README.txt, notes, and 1 more); write into an empty folder or a "
        "new one")
    assert _csv_files(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


def test_the_systems_own_files_are_kept_and_old_temporaries_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    files.export(synthetic(20, seed=18), folder)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "Thumbs.db").write_bytes(b"thumbs")
    (folder / ".Items.csv.999999999.tmp").write_text("item_id\n")  # a killed older export
    (folder / "Items.csv").rename(folder / "items.csv")  # in another case: still ours
    new = synthetic(25, seed=19)
    files.export(new, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [".DS_Store", "Thumbs.db", *CSV_NAMES])
    assert (folder / ".DS_Store").read_bytes() == b"\x00\x00\x00\x01Bud1"
    assert planner.load(folder).equals(new)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_to_a_folder_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "csv"
    files.export(synthetic(20, seed=20), real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    new = synthetic(25, seed=21)
    files.export(new, link)
    assert link.is_symlink()
    assert planner.load(real).equals(new)
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["csv"]
