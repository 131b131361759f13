"""The window's theme: light, dark or high contrast, or whichever the desktop asks for.

A theme is one of ``planner.core.palette.SCHEMES``. Applying it sets the Fusion style, an
application palette made from the scheme and the style sheet (``resources/style.qss``, a
template filled with the scheme's colours), so no widget takes a colour from the desktop
that could clash with another the sheet sets. Views that paint colours of their own (the
charts, the table models) read ``current()`` when they draw and redraw on ``changed``.

"Follow the desktop" (the default) reads Qt's colour scheme and contrast preference and
follows their changes; when the platform does not say, the desktop's own palette decides.
Paper (the printed summary, the workbooks) stays light whatever the window shows.
"""

from __future__ import annotations

from string import Template
from typing import cast

from planner.core import palette
from planner.core.palette import Scheme
from planner.core.resources import resource, resource_path
from ui.qt import QT_TRANSLATE_NOOP, QApplication, QBrush, QColor, QObject, QPalette, Qt, Signal

SYSTEM = "system"
CHOICES = (SYSTEM, "light", "dark", "high contrast")  # the preference's values
LABELS: dict[str, str] = {  # translated where the View menu shows them (context "theme")
    SYSTEM: QT_TRANSLATE_NOOP("theme", "Follow the &Desktop"),
    "light": QT_TRANSLATE_NOOP("theme", "&Light"),
    "dark": QT_TRANSLATE_NOOP("theme", "Dar&k"),
    "high contrast": QT_TRANSLATE_NOOP("theme", "&High Contrast"),
}


class _Theme(QObject):
    """The theme in force; ``changed`` carries the new Scheme."""

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.choice = SYSTEM
        self.scheme: Scheme = palette.LIGHT
        self.desktop_dark: bool | None = None  # the desktop palette's, read before ours
        self.connected = False
        self.status_colours: dict[str, QColor] = {}
        self.problem_brushes: dict[str, QBrush] = {}
        self.problem_text = QColor(palette.LIGHT.problem_text)
        self._cache(palette.LIGHT)

    def _cache(self, scheme: Scheme) -> None:
        self.status_colours = {k: QColor(v) for k, v in scheme.status_text.items()}
        self.problem_brushes = {k: QBrush(QColor(v))
                                for k, v in scheme.problem_background.items()}
        self.problem_text = QColor(scheme.problem_text)


_theme: _Theme | None = None


def notifier() -> _Theme:
    """The object whose ``changed`` signal tells views to redraw in the new colours."""
    global _theme
    if _theme is None:
        _theme = _Theme()
    return _theme


def current() -> Scheme:
    """The scheme the window is drawn in now."""
    return notifier().scheme


def choice() -> str:
    """The theme chosen: ``SYSTEM`` or the name of a scheme."""
    return notifier().choice


def status_colour(status: str) -> QColor | None:
    """The text colour of a status word (``critical``...) in the current scheme."""
    return notifier().status_colours.get(status)


def problem_brush(warning: bool) -> QBrush:
    """The fill of a cell with an error, or with a warning."""
    return notifier().problem_brushes["warning" if warning else "error"]


def problem_text() -> QColor:
    """The text colour in a cell with a problem (it reads on both fills)."""
    return notifier().problem_text


def style_sheet(scheme: Scheme) -> str:
    """The application's style sheet in ``scheme``'s colours, with its arrow icons (drawn
    in the scheme's text colour: ``icons/arrow-up-<scheme>.svg``)."""
    template = Template(resource("style.qss").read_text(encoding="utf-8"))
    slug = scheme.name.replace(" ", "-")
    arrows = {f"arrow_{way}": resource_path("icons", f"arrow-{way}-{slug}.svg").as_posix()
              for way in ("up", "down")}
    return template.substitute(scheme.colours(), **arrows)


def qpalette(scheme: Scheme) -> QPalette:
    """An application palette of ``scheme``, for what the style sheet does not cover."""
    pal = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    colours = {
        role.Window: scheme.window, role.WindowText: scheme.text, role.Base: scheme.base,
        role.AlternateBase: scheme.alternate, role.Text: scheme.text,
        role.Button: scheme.button, role.ButtonText: scheme.text,
        role.BrightText: scheme.heading, role.Highlight: scheme.selection,
        role.HighlightedText: scheme.selection_text, role.ToolTipBase: scheme.tooltip,
        role.ToolTipText: scheme.tooltip_text, role.Link: scheme.link,
        role.LinkVisited: scheme.link, role.PlaceholderText: scheme.muted,
        role.Light: scheme.border, role.Midlight: scheme.border, role.Mid: scheme.rule,
        role.Dark: scheme.rule, role.Shadow: scheme.axis,
    }
    for r, c in colours.items():
        pal.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(scheme.disabled))
    return pal


def desktop_scheme(colour_scheme: Qt.ColorScheme | None = None) -> Scheme:
    """The scheme the desktop asks for: high contrast if it prefers more contrast, dark or
    light as its colour scheme (``colour_scheme``, else Qt's), else as its palette."""
    hints = QApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10 and later
    if accessibility is not None and (accessibility().contrastPreference()
                                      == Qt.ContrastPreference.HighContrast):
        return palette.HIGH_CONTRAST
    scheme = hints.colorScheme() if colour_scheme is None else colour_scheme
    if scheme == Qt.ColorScheme.Dark:
        return palette.DARK
    if scheme == Qt.ColorScheme.Light:
        return palette.LIGHT
    return palette.DARK if notifier().desktop_dark else palette.LIGHT


def apply(chosen: str, app: QApplication | None = None) -> Scheme:
    """Draw the application in the theme ``chosen`` (one of CHOICES; anything else follows
    the desktop) and tell the views; return the scheme now in force."""
    if app is None:
        app = cast(QApplication, QApplication.instance())
    theme = notifier()
    if theme.desktop_dark is None:  # the desktop's palette, before ours replaces it
        theme.desktop_dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    theme.choice = chosen if chosen in CHOICES else SYSTEM
    if not theme.connected:
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(_desktop_changed)
        accessibility = getattr(hints, "accessibility", None)
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(lambda *_: _desktop_changed())
        theme.connected = True
    scheme = desktop_scheme() if theme.choice == SYSTEM else palette.SCHEMES[theme.choice]
    _show(app, scheme)
    return scheme


def _desktop_changed(colour_scheme: Qt.ColorScheme | None = None) -> None:
    """The desktop switched between light and dark: follow it if the user lets it choose."""
    if notifier().choice == SYSTEM:
        _show(cast(QApplication, QApplication.instance()), desktop_scheme(colour_scheme))


def _show(app: QApplication, scheme: Scheme) -> None:
    theme = notifier()
    first = not app.property("stockpile_themed")
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if scheme == theme.scheme and not first:
        return
    theme.scheme = scheme
    theme._cache(scheme)
    app.setProperty("stockpile_themed", True)
    app.setPalette(qpalette(scheme))
    app.setStyleSheet(style_sheet(scheme))
    theme.changed.emit(scheme)
