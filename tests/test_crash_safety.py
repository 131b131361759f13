"""Crashes, full disks and read-only folders never cost a project.

- A process saving a project over an existing one is killed (SIGKILL) at random moments,
  over and over: the file always opens intact as the old or the new project, and the
  temporary file of a killed save is removed by the next save. A kill stops the process,
  not the machine: the page cache survives it, so this shows the rename is atomic, not
  that fsync reaches the platter (storage.save fsyncs the file and its folder for that).
- A full disk or a folder that refuses files, at every step of a save or an export, is
  reported in one sentence and leaves the previous file as it was.

The window's side (autosave recovery after the application is killed, a failed save
keeping the edits) is in tests/ui/test_ui_crash_recovery.py.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import planner
from planner.core.errors import ProjectFileError
from planner.inputs import storage, template
from planner.inputs.project import Project, Settings
from planner.inputs.schema import sheet

TRIALS = 100
# What the fork server imports once, for every child of this file and test_crash_writers.py
# (the first test to start a child starts the server): a child then starts in milliseconds.
PRELOAD = ["planner.inputs.storage", "planner.inputs.files", "planner.outputs.pdf",
           "planner.outputs.plan_workbook", "planner.results", "ui.printing.summary",
           "xlsxwriter", "pandas", "numpy", "test_crash_safety", "test_crash_writers"]


def synthetic(n_items: int, seed: int) -> Project:
    """A valid project of n_items materials and products with a BOM, sources and orders."""
    rng = np.random.default_rng(seed)
    ids = [f"I{seed}-{i:05d}" for i in range(n_items)]
    kinds = np.where(np.arange(n_items) < n_items // 10, "product", "material")
    suppliers = [f"S{i:03d}" for i in range(50)]
    products = [i for i, k in zip(ids, kinds, strict=True) if k == "product"]
    materials = [i for i, k in zip(ids, kinds, strict=True) if k == "material"]
    bom_children = rng.choice(materials, size=(len(products), 4))
    n_orders = min(100, len(materials))
    tables = {
        "Items": {"item_id": ids, "name": [f"Item {i} – grade {seed}" for i in ids],
                  "kind": list(kinds), "unit": ["kg"] * n_items,
                  "unit_price": rng.uniform(1, 500, n_items), "category": [None] * n_items},
        "BOM": {"parent_id": np.repeat(products, 4).tolist(),
                "child_id": bom_children.ravel().tolist(),
                "qty_per": rng.uniform(0.01, 5, 4 * len(products)),
                "scrap_pct": [np.nan] * (4 * len(products))},
        "Demand": {"item_id": products, "quantity": rng.uniform(1, 100, len(products)),
                   "per": ["week"] * len(products)},
        "Stock": {"item_id": materials, "on_hand": rng.uniform(0, 1e5, len(materials)),
                  "safety_stock": [np.nan] * len(materials),
                  "target_days": [np.nan] * len(materials)},
        "Suppliers": {"supplier_id": suppliers, "name": [f"Supplier {s}" for s in suppliers],
                      "country": ["CN", "DE", "JP", "US", "CL"] * 10},
        "Sources": {"item_id": materials, "supplier_id": rng.choice(suppliers,
                                                                    len(materials)).tolist(),
                    "share": [1.0] * len(materials),
                    "unit_price": rng.uniform(1, 500, len(materials)),
                    "lead_time_days": rng.uniform(1, 90, len(materials)),
                    "capacity_per_month": [np.nan] * len(materials),
                    "moq": [np.nan] * len(materials), "origin_country": [None] * len(materials),
                    "time_to_recover_days": [np.nan] * len(materials)},
        "Orders": {"item_id": materials[:n_orders], "supplier_id": ["S000"] * n_orders,
                   "quantity": [10.0] * n_orders,
                   "due_date": [np.datetime64("2026-12-01", "s")] * n_orders},
    }
    frames = {name: pd.DataFrame({c: pd.Series(v, dtype=sheet(name).column(c).dtype)
                                  for c, v in data.items()}) for name, data in tables.items()}
    # drop duplicate BOM lines the random draw may have made
    frames["BOM"] = frames["BOM"].drop_duplicates(["parent_id", "child_id"]
                                                  ).reset_index(drop=True)
    return Project(frames, Settings(company=f"Synthetic {seed}"))


def _save_and_wait(project: Project, target: str, ready: object) -> None:
    """In the child: say when the save starts, save, then wait to be killed."""
    ready.set()  # type: ignore[attr-defined]
    storage.save(project, Path(target))
    time.sleep(60)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".saving"))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and a fork server")
def test_killing_a_save_at_random_moments_never_damages_the_file(tmp_path: Path) -> None:
    old, new = synthetic(800, seed=1), synthetic(1500, seed=2)
    folder = tmp_path / "projects"
    folder.mkdir()
    target = folder / "plan.stockpile"
    storage.save(old, tmp_path / "old.stockpile")
    old_bytes = (tmp_path / "old.stockpile").read_bytes()
    started = time.perf_counter()
    storage.save(new, tmp_path / "timing.stockpile")
    duration = time.perf_counter() - started

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    rng = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for trial in range(TRIALS):
        target.write_bytes(old_bytes)  # the project as it was before this save
        ready = context.Event()
        child = context.Process(target=_save_and_wait, args=(new, str(target), ready))
        child.start()
        assert ready.wait(30)
        time.sleep(rng.uniform(0, 2.5 * duration))  # before, during or after the rename
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        loaded = storage.load(target)
        if loaded.equals(new):
            outcomes["new"] += 1
        else:
            assert loaded.equals(old), f"trial {trial}: neither the old nor the new project"
            outcomes["old"] += 1
        # at most the killed save's temporary file: the previous one was cleaned up
        leftovers = _temporaries(folder)
        assert len(leftovers) <= 1, leftovers
        assert leftovers in ([], [f".plan.stockpile.{child.pid}.saving"])
        # and it is never taken for a project: not a *.stockpile, not in a recovery list
        assert sorted(p.name for p in folder.glob("*.stockpile")) == ["plan.stockpile"]
    print(f"{TRIALS} kills: {outcomes}")  # shown with pytest -s
    # the kills fell before and after the rename
    assert outcomes["old"] >= 5 and outcomes["new"] >= 5, outcomes
    storage.save(new, target)  # the next save, in a live process, clears what was left
    assert _temporaries(folder) == []
    assert storage.load(target).equals(new)


def test_a_live_saves_temporary_file_is_left_alone(tmp_path: Path) -> None:
    """Another process still saving (its pid is alive) keeps its temporary file."""
    project = synthetic(50, seed=3)
    target = tmp_path / "p.stockpile"
    live = tmp_path / f".p.stockpile.{os.getppid()}.saving"  # our parent: alive
    dead = tmp_path / ".p.stockpile.999999999.saving"  # beyond any pid
    other = tmp_path / ".q.stockpile.999999999.saving"  # another file's
    odd = tmp_path / f".p.stockpile.{'9' * 30}.saving"  # no pid: left alone
    for path in (live, dead, other, odd):
        path.write_bytes(b"partial")
    storage.save(project, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, other.name, odd.name, "p.stockpile"])
    storage.remove_stale_temporaries(tmp_path)  # any file's: the recovery folder's way
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, odd.name, "p.stockpile"])


# --- a full disk, a read-only folder ----------------------------------------------------

@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, bytes, Project]:
    """A project file on disk, and an edited project not yet saved."""
    path = tmp_path / "p.stockpile"
    project = synthetic(200, seed=4)
    storage.save(project, path)
    edited = project.copy()
    edited.tables["Stock"].loc[0, "on_hand"] = 1.0
    return path, path.read_bytes(), edited


def _fail(error: BaseException) -> object:
    def fail(*args: object, **kwargs: object) -> None:
        raise error
    return fail


FULL = OSError(errno.ENOSPC, "No space left on device")
READ_ONLY = OSError(errno.EROFS, "Read-only file system")


@pytest.mark.parametrize(("where", "error", "why"), [
    ("fsync", FULL, "the disk is full"),
    ("replace", READ_ONLY, "the folder or file is read-only"),
    ("connect", sqlite3.OperationalError("unable to open database file"),
     "a file cannot be created in the folder (is it read-only?)"),
    ("connect", sqlite3.OperationalError("attempt to write a readonly database"),
     "the folder or file is read-only"),
    ("execute", sqlite3.OperationalError("database or disk is full"), "the disk is full"),
])
def test_a_save_that_cannot_be_written_changes_nothing(
        saved: tuple[Path, bytes, Project], monkeypatch: pytest.MonkeyPatch, where: str,
        error: BaseException, why: str) -> None:
    path, before, edited = saved
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", _fail(error))
    elif where == "replace":
        monkeypatch.setattr(os, "replace", _fail(error))
    elif where == "connect":
        monkeypatch.setattr(storage.sqlite3, "connect", _fail(error))
    else:
        real = storage.sql_values
        calls: list[object] = []

        def fill(frame: pd.DataFrame) -> object:
            calls.append(frame)
            if len(calls) == 4:
                raise error
            return real(frame)
        monkeypatch.setattr(storage, "sql_values", fill)
    with pytest.raises(ProjectFileError) as info:
        storage.save(edited, path)
    assert str(info.value) == (f"could not save p.stockpile: {why}; the file on disk was not "
                               "changed")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["p.stockpile"]
    assert planner.load(path).stock["on_hand"].iloc[0] != 1.0


def test_a_workbook_export_on_a_full_disk_leaves_the_previous_workbook(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = synthetic(200, seed=5)
    path = tmp_path / "out.xlsx"
    template.write_workbook(project, path)
    before = path.read_bytes()
    import xlsxwriter

    def half_written(self: xlsxwriter.Workbook) -> None:
        Path(self.filename).write_bytes(b"PK\x03\x04 a quarter of a workbook")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(xlsxwriter.Workbook, "close", half_written)
    with pytest.raises(ProjectFileError, match=r"^could not write out\.xlsx: the disk is full$"):
        template.write_workbook(synthetic(300, seed=6), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


@pytest.mark.parametrize("fail_at", [1, 5, 8])
def test_a_csv_export_on_a_full_disk_changes_no_file(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     fail_at: int) -> None:
    """The eight CSV files are all written before any is renamed: a disk that fills up
    while writing the n-th leaves the previous eight, not a mixture."""
    folder = tmp_path / "csv"
    first = synthetic(100, seed=7)
    template.write_csv_folder(first, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_open = Path.open
    opened: list[Path] = []

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if self.name.endswith(".tmp"):
            opened.append(self)
            if len(opened) == fail_at:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(self, *args, **kwargs)
    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(ProjectFileError, match=r"^could not write \w+\.csv: the disk is full$"):
        template.write_csv_folder(synthetic(120, seed=8), folder)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert planner.load(folder).equals(first)
    assert [p.name for p in tmp_path.iterdir()] == ["csv"]  # no temporary folder either
