"""The window's language: Qt's translators for our strings and Qt's own dialogs, and the
engine told the same language, so that a check's message reads like the menus around it.

The window's strings are translated through Qt (``self.tr()`` in a widget,
``QCoreApplication.translate(context, text)`` elsewhere, ``QT_TRANSLATE_NOOP`` for constants):
``make translations`` runs ``pyside6-lupdate`` over ``ui/`` into
``resources/translations/stockpile_planner_<lang>.ts`` and ``pyside6-lrelease`` into the
``.qm`` shipped as package data. Qt's own catalogue (``qtbase_<lang>.qm``, shipped with
PySide6) translates the standard dialogs' buttons. The engine's strings go through gettext
(``planner.core.i18n``).

The language is read once at start: the preference ("system", "en", "ja"), or for
"system" the desktop's languages in order. Changing it takes effect at the next start,
as in most desktop programs, so that no window is left half in one language.
"""

from __future__ import annotations

from planner.core import i18n
from planner.core.resources import resource_path
from ui.qt import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

SYSTEM = "system"
CHOICES = (SYSTEM, *i18n.LANGUAGES)  # system, en, ja
CATALOGUE = "stockpile_planner_{language}.qm"


def desktop_language() -> str:
    """The first of the desktop's languages that the program speaks, else English."""
    for name in QLocale.system().uiLanguages():
        if (code := i18n.normalise(name)) is not None:
            return code
    return i18n.language_from_environment()


def chosen(preference: str) -> str:
    """The language a preference means: itself, or the desktop's for "system"."""
    return i18n.normalise(preference) or desktop_language()


def install(app: QObject, language: str) -> list[QTranslator]:
    """Translate the application into ``language`` (the engine too). Returns the
    translators installed; a catalogue that cannot be loaded leaves those strings in English
    rather than stop the program."""
    language = i18n.set_language(language)
    QLocale.setDefault(QLocale(language))
    installed = []
    qt_own = QTranslator(app)
    if language != i18n.DEFAULT and qt_own.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt_own)
        installed.append(qt_own)
    ours = QTranslator(app)  # for English: the plural forms of "%n …" sentences only
    if ours.load(str(resource_path("translations", CATALOGUE.format(language=language)))):
        QCoreApplication.installTranslator(ours)
        installed.append(ours)
    return installed
