"""Small widgets and helpers shared by the pages."""

from __future__ import annotations

from ui.qt import QFrame, QLabel, QVBoxLayout, QWidget


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
