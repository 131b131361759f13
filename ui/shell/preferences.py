"""Typed access to the user's preferences (QSettings), in one place."""

from __future__ import annotations

from pathlib import Path

from ui.common import language as languages
from ui.qt import QByteArray, QSettings

MAX_RECENT = 8


class Preferences:
    def __init__(self, settings: QSettings | None = None):
        self.q = settings or QSettings("Stockpile Planner", "Stockpile Planner")

    def _get(self, key: str, default: object, kind: type) -> object:
        value = self.q.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def recent_files(self) -> list[Path]:
        value = self.q.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [Path(v) for v in (value or []) if v]

    def add_recent(self, path: Path) -> None:
        paths = [p for p in self.recent_files if p != path]
        self.q.setValue("files/recent", [str(p) for p in [path, *paths][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        self.q.setValue("files/recent", [str(p) for p in self.recent_files if p != path])

    @property
    def last_folder(self) -> str:
        return str(self._get("files/last_folder", "", str))

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self.q.setValue("files/last_folder", folder)

    @property
    def autosave_seconds(self) -> int:
        return int(self._get("files/autosave_seconds", 60, int))  # type: ignore[arg-type]

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self.q.value("window/geometry"), self.q.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    @property
    def last_page(self) -> int:
        return int(self._get("window/page", 0, int))  # type: ignore[arg-type]

    @last_page.setter
    def last_page(self, page: int) -> None:
        self.q.setValue("window/page", page)

    @property
    def theme(self) -> str:
        """The window's theme: "system" (follow the desktop), "light", "dark" or
        "high contrast"."""
        value = str(self._get("window/theme", "system", str))
        return value if value in ("system", "light", "dark", "high contrast") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.q.setValue("window/theme", value)

    @property
    def language(self) -> str:
        """The window's language: "system" (the desktop's), "en" or "ja"."""
        value = str(self._get("window/language", languages.SYSTEM, str))
        return value if value in languages.CHOICES else languages.SYSTEM

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("window/language", value)

    # --- mappings of other programs' exports, by the layout of the export ------------
    @staticmethod
    def _mapping_key(layout: str) -> str:
        return "mappings/" + "".join(c if c.isalnum() else "_" for c in layout)

    def remembered_mapping(self, layout: str) -> str | None:
        """The mapping (its JSON text) last used for an export of this layout
        (planner.inputs.mapping.layout_key), kept with the preferences, never in a
        project: next month's export of the same layout opens with it."""
        value = self.q.value(self._mapping_key(layout))
        return str(value) if value else None

    def remember_mapping(self, layout: str, text: str) -> None:
        self.q.setValue(self._mapping_key(layout), text)
