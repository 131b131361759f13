"""Words of the chart library (pyqtgraph) that our charts show, marked for our catalogue.

pyqtgraph asks Qt to translate its own menu and dialog texts in these contexts, but ships no
catalogue: listed here, ``pyside6-lupdate`` puts them in ours, and the right-click "Export..."
of a chart and its dialog read in the window's language. Nothing imports this module; it is
read by lupdate only. (The names of pyqtgraph's export formats and options are not passed
through Qt and stay as pyqtgraph writes them.)
"""

from ui.qt import QT_TRANSLATE_NOOP

WORDS = (
    QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),
    QT_TRANSLATE_NOOP("Form", "Export"),
    QT_TRANSLATE_NOOP("Form", "Item to export:"),
    QT_TRANSLATE_NOOP("Form", "Export format"),
    QT_TRANSLATE_NOOP("Form", "Export options"),
    QT_TRANSLATE_NOOP("Form", "Close"),
    QT_TRANSLATE_NOOP("Form", "Copy"),
)
