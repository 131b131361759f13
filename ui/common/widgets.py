"""Small widgets and helpers shared by the pages."""

from __future__ import annotations

from ui.qt import QFrame, QLabel, Qt, QTableView, QVBoxLayout, QWidget

SAMPLE_ROWS = 200  # rows measured when fitting columns: never ResizeToContents on a big table


def fit_columns(view: QTableView, max_width: int = 280) -> None:
    """Size columns to their header and the first rows' text, cheaply."""
    model = view.model()
    if model is None:
        return
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    rows = min(model.rowCount(), SAMPLE_ROWS)
    for c in range(model.columnCount()):
        title = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        width = metrics.horizontalAdvance(title) + 28
        for r in range(rows):
            text = model.data(model.index(r, c))
            if text:
                width = max(width, metrics.horizontalAdvance(str(text)) + 16)
        header.resizeSection(c, min(width, max_width))


class Card(QFrame):
    """A headline figure: a big number with a caption under it."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.value = QLabel("–", self)
        self.value.setObjectName("cardValue")
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("cardCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, level: str = "", tip: str = "") -> None:
        """Show ``value``; level is "", "warn" or "bad" (the style sheet colours it)."""
        self.value.setText(value)
        self.value.setProperty("level", level)
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        self.setToolTip(tip)
