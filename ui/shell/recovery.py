"""Autosave to a recovery file, and the offer to restore after a crash.

While a project has unsaved changes it is written every minute to the recovery folder
(one project file and a small JSON note of where it belongs). A clean save or a
deliberate discard removes them; what is left at the next start is a crash's leftover.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from planner.inputs import storage
from planner.inputs.project import Project
from ui.qt import QStandardPaths


def recovery_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(base or Path.home() / ".stockpile-planner") / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Recovered:
    project_file: Path
    note_file: Path
    original: Path | None
    name: str
    saved_at: str


class Autosaver:
    """Writes one document's recovery file; one per open document."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or recovery_folder()
        self.key = uuid.uuid4().hex[:12]

    @property
    def project_file(self) -> Path:
        return self.folder / f"{self.key}.stockpile"

    @property
    def note_file(self) -> Path:
        return self.folder / f"{self.key}.json"

    def save(self, project: Project, original: Path | None, name: str) -> None:
        storage.save(project, self.project_file)
        note = {"original": str(original) if original else None, "name": name,
                "saved_at": dt.datetime.now().isoformat(timespec="minutes")}
        tmp = self.note_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(note), encoding="utf-8")
        tmp.replace(self.note_file)

    def discard(self) -> None:
        for path in (self.project_file, self.note_file):
            with contextlib.suppress(OSError):
                path.unlink()


def leftovers(folder: Path | None = None) -> list[Recovered]:
    """Recovery files left by a session that did not end cleanly."""
    folder = folder or recovery_folder()
    storage.remove_stale_temporaries(folder)  # of an autosave killed half-way
    out = []
    for note_file in sorted(folder.glob("*.json")):
        project_file = note_file.with_suffix(".stockpile")
        try:
            note = json.loads(note_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not project_file.exists():
            continue
        original = Path(note["original"]) if note.get("original") else None
        out.append(Recovered(project_file, note_file, original, note.get("name", "Untitled"),
                             note.get("saved_at", "")))
    return out


def load_recovered(item: Recovered) -> Project:
    return storage.load(item.project_file)


def forget(item: Recovered) -> None:
    for path in (item.project_file, item.note_file):
        with contextlib.suppress(OSError):
            path.unlink()
