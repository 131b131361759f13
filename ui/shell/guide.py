"""Help → Guide (F1): the glossary and the definitions of every figure, searchable.

The text is docs/definitions.md, installed with the program (planner.core.resources), and
rendered as Markdown, so the guide, the documentation and the engine's tests share one
source. In Japanese it is docs/definitions.ja.md, written for Japanese buyers, with the same
sections in the same order: a section is found by its English anchor ("days-of-cover") in
either language, so links and callers need not know which one is shown.
"""

from __future__ import annotations

import re

from planner.core import i18n
from planner.core.resources import DOCS, definitions, resource_file
from ui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    Qt,
    QTextBrowser,
    QTextCursor,
    QUrl,
    QVBoxLayout,
    QWidget,
)

TRANSLATED = {"ja": "definitions.ja.md"}  # language -> the guide in it, beside definitions.md
_HEADING = re.compile(r"^#{2,3} (.+?)\s*$", re.MULTILINE)  # the sections the contents list


def guide_text(language: str | None = None) -> str:
    """The guide's Markdown in ``language`` (the window's by default); English when there
    is no guide in that language."""
    name = TRANSLATED.get(language or i18n.language())
    if name is None:
        return definitions()
    return resource_file(DOCS, name).read_text(encoding="utf-8")


def slug(heading: str) -> str:
    """A heading's anchor as Markdown renderers make it: "HHI (Herfindahl-Hirschman index)"
    -> "hhi-herfindahl-hirschman-index"."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


class GuideWindow(QWidget):
    """The guide: a list of its sections, the text, and a search box."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guide")
        self.setWindowTitle(self.tr("Stockpile Planner Guide"))
        self.resize(980, 720)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find in the guide (Enter: next)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.find_text(from_start=True))
        self.search.returnPressed.connect(self.find_text)
        self.found = QLabel(self)

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.language = i18n.language()  # of the text shown
        self.browser.setMarkdown(guide_text(self.language))
        self.contents = QListWidget(self)
        self.contents.setObjectName("guide_contents")
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._headings: dict[str, int] = {}  # anchor -> position of the heading
        self._fill_contents()
        if self.language in TRANSLATED:
            self._add_english_anchors(definitions())
        self.contents.currentItemChanged.connect(self._show_section)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.found)
        split = QSplitter(self)
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setSizes([260, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def _fill_contents(self) -> None:
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (2, 3):
                title = block.text()
                item = QListWidgetItem(("" if level == 2 else "    ") + title)
                item.setToolTip(title)
                item.setData(Qt.ItemDataRole.UserRole, block.position())
                if level == 2:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.contents.addItem(item)
                self._headings[slug(title)] = block.position()
            block = block.next()

    def _add_english_anchors(self, english: str) -> None:
        """Let the English anchors find the translated sections too: a translated guide has
        the English sections in the same order, and may add some at the end (a test checks
        it)."""
        positions = [self.contents.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.contents.count())]
        anchors = [slug(title) for title in _HEADING.findall(english)]
        if len(anchors) <= len(positions):
            for anchor, position in zip(anchors, positions, strict=False):
                self._headings.setdefault(anchor, int(position))

    def _show_section(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.go_to(int(item.data(Qt.ItemDataRole.UserRole)))

    def go_to(self, position: int) -> None:
        """Show the text from ``position`` (a heading) at the top."""
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        block = cursor.block()
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.setTextCursor(cursor)
        self.browser.verticalScrollBar().setValue(int(top))

    def section(self, anchor: str) -> bool:
        """Go to the section whose anchor is ``anchor`` ("days-of-cover"); False if none."""
        position = self._headings.get(anchor)
        if position is None:
            return False
        self.go_to(position)
        return True

    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and not url.path():
            self.section(url.fragment())

    def find_text(self, from_start: bool = False) -> bool:
        """Select the next place the search text appears (from the top if asked, or when
        the end is reached); says when it does not appear at all."""
        text = self.search.text()
        if not text:
            self.found.clear()
            return False
        if from_start:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        hit = self.browser.find(text)
        if not hit:  # past the last one: start again from the top
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            hit = self.browser.find(text)
        self.found.setText("" if hit else self.tr("Not found"))
        return bool(hit)


def open_guide(parent: QWidget, anchor: str = "") -> GuideWindow:
    """Show the guide window of ``parent`` (made once), at the section ``anchor``."""
    guide = parent.findChild(GuideWindow, "guide")
    if guide is None:
        guide = GuideWindow(parent)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    if anchor:
        guide.section(anchor)
    return guide


__all__ = ["GuideWindow", "guide_text", "open_guide", "slug"]
