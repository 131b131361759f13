"""Fixtures for the desktop application's tests: offscreen Qt, isolated preferences."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import planner
from ui.editing.document import Document
from ui.qt import QSettings
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"
SEMI = SAMPLES / "semiconductor_equipment.xlsx"


@pytest.fixture(scope="session", autouse=True)
def english(qapp: object) -> None:
    """The window in English, as a user starts it: with the catalogue that gives English
    its plural forms ("1 warning", "55 warnings"), and garbage collected in the UI thread
    only (ui.common.collector), as the application does."""
    from ui.common import language
    from ui.common.collector import GarbageCollector

    language.install(qapp, "en")  # type: ignore[arg-type]
    GarbageCollector(qapp)  # type: ignore[arg-type]


@pytest.fixture
def japanese(qapp: object) -> Iterator[None]:
    """The window, and the engine with it, in Japanese for one test; English again
    afterwards (Qt's catalogues removed, ours for English put back)."""
    from planner.core import i18n
    from ui.common import language
    from ui.qt import QCoreApplication

    installed = language.install(qapp, "ja")  # type: ignore[arg-type]
    yield
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
    i18n.set_language("en")
    language.install(qapp, "en")  # type: ignore[arg-type]


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def recovery_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "recovery"
    folder.mkdir()
    return folder


@pytest.fixture
def doc(qapp: object) -> Document:
    return Document(planner.load(EV), EV)


@pytest.fixture
def window(qtbot: object, prefs: Preferences, recovery_dir: Path) -> Iterator[MainWindow]:
    w = MainWindow(Document(planner.load(EV), EV), prefs=prefs,
                   autosaver=Autosaver(recovery_dir))
    # pytest-qt closes its widgets before fixtures are finalised: close quietly from there
    qtbot.addWidget(w, before_close_func=_close_quietly)  # type: ignore[attr-defined]
    w.resize(1300, 850)
    w.show()
    yield w


def _close_quietly(w: MainWindow) -> None:
    """Close what a test left open (a completion popup), then the window, while the window
    is whole: a popup or editor deleted with its window crashed the process now and then.
    The document is marked clean first: an edit left unsaved would ask "Save changes?",
    the refused dialog would raise inside closeEvent, and shiboken keeps an error raised
    in a Qt override to report later, crashing the next test at its own teardown."""
    from ui.qt import QApplication

    w.doc.undo_stack.setClean()  # no prompt when the test ends
    for _ in range(5):
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    w.close()
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers would hang the suite: fail the test instead."""
    from ui.qt import QDialog, QFileDialog, QMessageBox

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected modal dialog: {args[1:3] if len(args) > 2 else args}")

    for name in ("question", "information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)
