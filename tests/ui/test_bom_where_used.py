"""Products & BOM: the where-used tables keep each row's id and name in sight while they
scroll right, as every other table of the window does."""

from __future__ import annotations

from ui.shell.main_window import MainWindow
from ui.shell.registry import PAGE_INDEX


def test_where_used_keeps_the_id_and_name_while_scrolling_right(
        window: MainWindow, qtbot: object) -> None:
    window.resize(1366, 768)
    index = PAGE_INDEX["bom_page"]
    window.nav.setCurrentRow(index)
    page = window.page(index)
    window.doc.select_item("M-GA")  # used in a power module, which two products consume
    qtbot.wait(20)  # type: ignore[attr-defined]
    for view, first in ((page.used_view, "C-PWRMOD"), (page.products_view, "P-EAX150")):
        view.setFixedWidth(260)  # too narrow for its three columns
        qtbot.wait(20)  # type: ignore[attr-defined]
        bar = view.horizontalScrollBar()
        assert bar.maximum() > 0
        bar.setValue(bar.maximum())  # the user drags the scroll bar to the right
        qtbot.wait(20)  # type: ignore[attr-defined]
        assert view.columnViewportPosition(0) < 0  # the id column has scrolled away
        # the id column is still drawn at the left edge, over the scrolled columns
        frozen = view.frozen
        assert frozen.isVisible()
        assert [frozen.isColumnHidden(c) for c in range(3)] == [False, False, True]
        cell = frozen.visualRect(frozen.model().index(0, 0))
        assert cell.left() == 0 and cell.width() > 40
        assert frozen.indexAt(cell.center()).data() == first
