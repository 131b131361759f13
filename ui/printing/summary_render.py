"""Drawing the exposure summary: one code path for the preview, the printer and the PDF.

Coordinates are in points (1/72 inch): the painter is scaled once per page, and fonts are
sized in pixels of that scaled space. The document is laid out first (blocks placed on
pages, the materials table split across pages with its header repeated), then painted,
so the footer can say "page 1 of 2". Colours and figures are the window's
(planner.core.palette, planner.core.formatting): China is the same red on paper as on the
dashboard. The palette stays apart in greyscale, and status is always written out too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.analysis.ordering import STATUSES
from planner.core import formatting as fmt
from planner.core import i18n, palette
from planner.core.errors import PlannerError
from planner.outputs.summary import G7_AMBITION, G7_CAP, Grid, ProductRisk, Summary
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QBrush,
    QColor,
    QCoreApplication,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QPointF,
    QRectF,
    Qt,
)

# the window's colours (planner.core.palette), as the painter takes them
INK = QColor(palette.TEXT)
MUTED = QColor(palette.MUTED)
RULE = QColor(palette.RULE)
ACCENT = QColor(palette.HEADING)
GRID = QColor(palette.GRID)
HEADER = QColor(palette.HEADER)
SHADE = QColor(palette.SHADE)
WHITE = QColor(palette.WHITE)
STATUS_FILL = {status: QColor(c) for status, c in palette.STATUS.items()}
STATUS_TEXT = {status: QColor(c) for status, c in palette.STATUS_TEXT.items()}
FONT_FAMILY = "DejaVu Sans"
# Fonts with Japanese glyphs, the first one installed drawing a Japanese summary (and its
# Latin text, so that both read alike). Named, not left to Qt's fallback, which may take
# a Chinese font whose kanji have Chinese shapes.
JAPANESE_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP",
                  "Source Han Sans", "IPAexGothic", "IPAPGothic", "IPAGothic",
                  "TakaoPGothic", "VL PGothic", "Yu Gothic", "Meiryo", "Hiragino Sans",
                  "Hiragino Kaku Gothic ProN", "MS PGothic")
JAPANESE_SAMPLE = "日本語の在庫日数"
MAX_CHART_ROWS = 16
SMALL_TABLE = 200.0  # points: a table no taller is not split across pages
_family = [FONT_FAMILY]  # the family the document being drawn takes (see use_font)


def font(size: int, bold: bool = False) -> QFont:
    f = QFont(_family[0])
    f.setPixelSize(size)
    f.setBold(bold)
    return f


def japanese_font_family() -> str | None:
    """The first of JAPANESE_FONTS installed with the glyphs, else None."""
    for family in JAPANESE_FONTS:
        f = QFont(family)
        f.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
        if f.exactMatch() and all(QFontMetricsF(f).inFont(ch) for ch in JAPANESE_SAMPLE):
            return family
    return None


def use_font(language: str) -> None:
    """Draw in a font that has the language's glyphs: DejaVu Sans for English, a Japanese
    font for Japanese. Without one the summary would print empty boxes, so that is an
    error that says what to install."""
    if language != "ja":
        _family[0] = FONT_FAMILY
        return
    family = japanese_font_family()
    if family is None:
        raise PlannerError(QCoreApplication.translate(
            "SummaryDocument",
            "Cannot draw the summary in Japanese: no font with Japanese characters is "
            "installed. Install one, such as Noto Sans CJK JP (the package fonts-noto-cjk "
            "on Debian and Ubuntu, google-noto-sans-cjk-fonts on Fedora) or IPAexGothic, "
            "then try again."))
    _family[0] = family


def tr(text: str) -> str:
    """A text of the summary in the window's language (for constants marked with
    QT_TRANSLATE_NOOP; literal texts call QCoreApplication.translate themselves)."""
    return QCoreApplication.translate("SummaryDocument", text)


@dataclass
class Block:
    height: float
    draw: Callable[[QPainter, float, float, float], None]  # painter, x, y, width
    keep_with_next: bool = False
    repeat: Block | None = None  # drawn first when this block starts a new page
    together: float = 0.0  # a small table's height from here on, kept on one page


class SummaryDocument:
    """Lays out and paints a :class:`Summary` on any paged device."""

    def __init__(self, summary: Summary):
        self.s = summary
        use_font(i18n.language())

    # --- public ----------------------------------------------------------------------
    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint every page on ``device``; returns the number of pages."""
        layout = device.pageLayout()
        dpi = device.logicalDpiX()
        rect = layout.paintRectPixels(dpi)
        k = dpi / 72.0
        width, height = rect.width() / k, rect.height() / k
        pages = self.layout(width, height - 24)  # room for the footer
        painter = QPainter(device)
        try:
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    device.newPage()
                painter.save()
                painter.scale(k, k)
                for y, block in page:
                    block.draw(painter, 0.0, y, width)
                self._footer(painter, width, height, number, len(pages))
                painter.restore()
        finally:
            painter.end()
        return len(pages)

    def layout(self, width: float, height: float) -> list[list[tuple[float, Block]]]:
        pages: list[list[tuple[float, Block]]] = [[]]
        y = 0.0
        blocks = self.blocks(width, height)
        for i, block in enumerate(blocks):
            need = max(block.height, block.together)
            if block.keep_with_next and i + 1 < len(blocks):
                following = blocks[i + 1]
                need += following.together or min(following.height, 60)
            if y + need > height and pages[-1]:
                pages.append([])
                y = 0.0
                if block.repeat is not None:
                    pages[-1].append((y, block.repeat))
                    y += block.repeat.height
            pages[-1].append((y, block))
            y += block.height
        return pages

    # --- blocks ------------------------------------------------------------------------
    def blocks(self, width: float, height: float) -> list[Block]:
        out = [self._title(), self._headline(width), self._charts(width)]
        out += self._table(width, height)
        if self.s.products:
            out.append(self._heading(QCoreApplication.translate(
                "SummaryDocument", "Products most at risk")))
            out += [self._product(p, width) for p in self.s.products]
        for grid in self.s.grids:
            out += self._grid(grid, width)
        for title, lines in self.s.sections:
            out.append(self._heading(title))
            out += [self._text_line(line) for line in lines]
        return out

    def _title(self) -> Block:
        s = self.s
        st = s.settings

        def draw(p: QPainter, x: float, y: float, w: float) -> None:
            p.setPen(ACCENT)
            p.setFont(font(18, True))
            p.drawText(QRectF(x, y, w, 24), Qt.AlignmentFlag.AlignLeft, s.title)
            p.setFont(font(10, True))
            p.drawText(QRectF(x, y + 2, w, 20), Qt.AlignmentFlag.AlignRight,
                       s.company or "")
            p.setPen(MUTED)
            p.setFont(font(8))
            line = QCoreApplication.translate(
                "SummaryDocument",
                "As of {date}  ·  horizon {horizon} days  ·  target {target} days of cover  ·  "
                "caps {supplier} per supplier, {country} per origin country  ·  {currency}"
            ).format(date=s.as_of, horizon=fmt.setting_number(st.horizon_days),
                     target=fmt.setting_number(st.target_days),
                     supplier=fmt.percent(st.max_supplier_share),
                     country=fmt.percent(st.max_country_share), currency=st.currency)
            p.drawText(QRectF(x, y + 26, w, 14), Qt.AlignmentFlag.AlignLeft, line)
            p.setPen(QPen(ACCENT, 1.2))
            p.drawLine(QPointF(x, y + 44), QPointF(x + w, y + 44))

        return Block(52, draw)

    def _headline(self, width: float) -> Block:
        h = self.s.headline
        n = h.materials
        dep = (f"{h.largest_country} {fmt.percent(h.largest_country_share)}"
               if h.largest_country else fmt.DASH)
        translate = QCoreApplication.translate
        g7 = {"above": translate("SummaryDocument", "over G7 60%"),
              "between": translate("SummaryDocument", "G7: 50–60%"),
              "below": translate("SummaryDocument", "under G7 50%")}[h.g7_level]
        below = (translate("SummaryDocument",
                           "of {count} materials below target cover ({critical} critical)")
                 if h.critical else
                 translate("SummaryDocument", "of {count} materials below target cover"))
        boxes = [
            (f"{h.below_target}", below.format(count=n, critical=h.critical),
             "bad" if h.critical else "warn" if h.below_target else ""),
            (f"{h.single_sourced}", translate("SummaryDocument", "single-sourced materials"),
             "warn" if h.single_sourced else ""),
            (f"{h.over_supplier_cap}", translate("SummaryDocument", "over the supplier cap"),
             "bad" if h.over_supplier_cap else ""),
            (f"{h.over_country_cap}", translate("SummaryDocument", "over the country cap"),
             "bad" if h.over_country_cap else ""),
            (dep, translate("SummaryDocument", "largest origin by value ({g7})").format(g7=g7),
             "bad" if h.g7_level == "above" else "warn" if h.g7_level == "between" else ""),
        ]

        def draw(p: QPainter, x: float, y: float, w: float) -> None:
            gap = 8.0
            bw = (w - gap * (len(boxes) - 1)) / len(boxes)
            for i, (value, caption, level) in enumerate(boxes):
                bx = x + i * (bw + gap)
                p.setPen(QPen(RULE, 0.8))
                p.setBrush(QBrush(SHADE))
                p.drawRoundedRect(QRectF(bx, y, bw, 54), 3, 3)
                if level:
                    p.fillRect(QRectF(bx, y, 3, 54), STATUS_FILL["critical" if level == "bad"
                                                                 else "short"])
                p.setPen(INK if not level else STATUS_TEXT["critical"] if level == "bad"
                         else STATUS_TEXT["short"])
                p.setFont(font(17, True))
                p.drawText(QRectF(bx + 9, y + 4, bw - 12, 22), Qt.AlignmentFlag.AlignLeft,
                           value)
                p.setPen(MUTED)
                p.setFont(font(7))
                p.drawText(QRectF(bx + 9, y + 27, bw - 12, 26),
                           Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, caption)

        return Block(66, draw)

    def _charts(self, width: float) -> Block:
        rows = self.s.materials.head(MAX_CHART_ROWS)
        row_h = 12.0
        chart_h = 44 + row_h * len(rows) + 26
        more = len(self.s.materials) - len(rows)

        def draw(p: QPainter, x: float, y: float, w: float) -> None:
            half = (w - 16) / 2
            self._cover_chart(p, rows, x, y, half, row_h)
            self._mix_chart(p, rows, x + half + 16, y, half, row_h)
            if more > 0:
                p.setPen(MUTED)
                p.setFont(font(7))
                p.drawText(QRectF(x, y + chart_h - 12, w, 10), Qt.AlignmentFlag.AlignLeft,
                           QCoreApplication.translate(
                               "SummaryDocument", "The {count} materials most at risk are "
                               "charted; {more} more are in the table.").format(
                                   count=len(rows), more=more))

        return Block(chart_h + 6, draw)

    def _chart_title(self, p: QPainter, x: float, y: float, w: float, title: str) -> None:
        p.setPen(ACCENT)
        p.setFont(font(9, True))
        p.drawText(QRectF(x, y, w, 14), Qt.AlignmentFlag.AlignLeft, title)

    def _label_width(self, rows: pd.DataFrame, w: float) -> float:
        metrics = QFontMetricsF(font(7))
        widest = max((metrics.horizontalAdvance(str(n)) for n in rows["name"]), default=40)
        return min(widest + 6, w * 0.42)

    def _row_label(self, p: QPainter, text: str, x: float, y: float, w: float,
                   h: float) -> None:
        p.setPen(INK)
        p.setFont(font(7))
        metrics = QFontMetricsF(p.font())
        p.drawText(QRectF(x, y, w - 4, h), Qt.AlignmentFlag.AlignRight
                   | Qt.AlignmentFlag.AlignVCenter,
                   metrics.elidedText(text, Qt.TextElideMode.ElideRight, w - 4))

    def _cover_chart(self, p: QPainter, rows: pd.DataFrame, x: float, y: float, w: float,
                     row_h: float) -> None:
        st = self.s.settings
        self._chart_title(p, x, y, w, QCoreApplication.translate(
            "SummaryDocument", "Days of cover against target"))
        label_w = self._label_width(rows, w)
        plot_x, plot_w = x + label_w, w - label_w - 8
        top = y + 30
        covers = [v for v in rows["days_of_cover"] if not math.isnan(v)]
        targets = [*list(rows["target_days"]), st.target_days]
        scale_max = max([*targets, *(min(c, 2.5 * max(targets)) for c in covers), 1.0]) * 1.08
        step = nice_step(scale_max)
        sx = plot_w / scale_max
        # grid
        p.setFont(font(6))
        bottom = top + row_h * len(rows)
        t = 0.0
        while t <= scale_max:
            gx = plot_x + t * sx
            p.setPen(QPen(GRID, 0.5))
            p.drawLine(QPointF(gx, top), QPointF(gx, bottom))
            p.setPen(MUTED)
            p.drawText(QRectF(gx - 20, bottom + 2, 40, 9), Qt.AlignmentFlag.AlignHCenter,
                       f"{t:g}")
            t += step
        p.drawText(QRectF(plot_x, bottom + 11, plot_w, 10), Qt.AlignmentFlag.AlignHCenter,
                   self.s.cover_axis)
        r: Any  # a row of itertuples
        for i, r in enumerate(rows.itertuples(index=False)):
            ry = top + i * row_h
            self._row_label(p, str(r.name), x, ry, label_w, row_h)
            if math.isnan(r.days_of_cover):
                p.setPen(MUTED)
                p.drawText(QRectF(plot_x + 3, ry, plot_w, row_h),
                           Qt.AlignmentFlag.AlignVCenter, fmt.word(fmt.NO_DEMAND))
                continue
            length = min(r.days_of_cover, scale_max) * sx
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(STATUS_FILL[r.status]))
            p.drawRect(QRectF(plot_x, ry + 2, max(length, 0.8), row_h - 4))
            if r.days_of_cover > scale_max:
                p.setPen(INK)
                p.setFont(font(6))
                p.drawText(QRectF(plot_x + length - 40, ry, 38, row_h),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           f"{fmt.days(r.days_of_cover)} ▸")
            # the material's own target
            tx = plot_x + r.target_days * sx
            p.setPen(QPen(INK, 1.3))
            p.drawLine(QPointF(tx, ry + 0.5), QPointF(tx, ry + row_h - 0.5))
        # project target
        tx = plot_x + st.target_days * sx
        pen = QPen(INK, 0.8, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(tx, top - 3), QPointF(tx, bottom))
        # legend, on its own line under the title
        ly = y + 17
        lx = x + w - 4
        p.setFont(font(6))
        for status in reversed(STATUSES):  # drawn right to left
            label = fmt.status_key(status)
            text_w = QFontMetricsF(p.font()).horizontalAdvance(label) + 2
            lx -= text_w
            p.setPen(MUTED)
            p.drawText(QRectF(lx, ly - 1, text_w, 8), Qt.AlignmentFlag.AlignLeft, label)
            lx -= 9
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(STATUS_FILL[status]))
            p.drawRect(QRectF(lx, ly, 7, 6))
            lx -= 6
        p.setPen(QPen(INK, 1.3))
        target = QCoreApplication.translate("SummaryDocument", "target")
        target_w = max(QFontMetricsF(p.font()).horizontalAdvance(target) + 4, 30)
        lx -= target_w + 4
        p.drawLine(QPointF(lx, ly - 1), QPointF(lx, ly + 7))
        p.setPen(MUTED)
        p.drawText(QRectF(lx + 3, ly - 1, target_w, 8), Qt.AlignmentFlag.AlignLeft, target)

    def _mix_chart(self, p: QPainter, rows: pd.DataFrame, x: float, y: float, w: float,
                   row_h: float) -> None:
        st = self.s.settings
        self._chart_title(p, x, y, w, QCoreApplication.translate(
            "SummaryDocument", "Origin-country mix of supply"))
        label_w = self._label_width(rows, w)
        plot_x, plot_w = x + label_w, w - label_w - 8
        top = y + 30
        mix = self.s.country_mix
        by_item = {k: g for k, g in mix.groupby("item_id", sort=False)}
        bottom = top + row_h * len(rows)
        p.setFont(font(6))
        for t in (0, 0.25, 0.5, 0.75, 1.0):
            gx = plot_x + t * plot_w
            p.setPen(QPen(GRID, 0.5))
            p.drawLine(QPointF(gx, top), QPointF(gx, bottom))
            p.setPen(MUTED)
            p.drawText(QRectF(gx - 20, bottom + 2, 40, 9), Qt.AlignmentFlag.AlignHCenter,
                       fmt.percent(t))
        p.drawText(QRectF(plot_x, bottom + 11, plot_w, 10), Qt.AlignmentFlag.AlignHCenter,
                   QCoreApplication.translate("SummaryDocument",
                                              "share of supply by origin country"))
        labels: list[tuple[QRectF, str, str]] = []  # (segment, colour, code)
        r: Any  # a row of itertuples
        for i, r in enumerate(rows.itertuples(index=False)):
            ry = top + i * row_h
            self._row_label(p, str(r.name), x, ry, label_w, row_h)
            group = by_item.get(r.item_id)
            if group is None:
                p.setPen(MUTED)
                p.drawText(QRectF(plot_x + 3, ry, plot_w, row_h),
                           Qt.AlignmentFlag.AlignVCenter,
                           QCoreApplication.translate("SummaryDocument", "no sources"))
                continue
            cx = plot_x
            for code, share in zip(group["origin_country"], group["share"], strict=True):
                seg = share * plot_w
                colour = palette.country_colour(code)
                p.setPen(QPen(WHITE, 0.6))
                p.setBrush(QColor(colour))
                p.drawRect(QRectF(cx, ry + 1.5, seg, row_h - 3))
                if seg > 16:
                    labels.append((QRectF(cx, ry, seg, row_h), colour, str(code)))
                cx += seg
        cap_x = plot_x + st.max_country_share * plot_w
        p.setPen(QPen(WHITE, 2.2))  # a halo, so the line shows on China's dark red too
        p.drawLine(QPointF(cap_x, top), QPointF(cap_x, bottom))
        p.setPen(QPen(STATUS_TEXT["critical"], 0.9, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(cap_x, top - 3), QPointF(cap_x, bottom))
        # the country codes over the cap line, each on a patch of its segment's colour
        p.setFont(font(6, True))
        metrics = QFontMetricsF(p.font())
        for rect, colour, code in labels:
            patch_w = metrics.horizontalAdvance(code) + 4
            p.fillRect(QRectF(rect.center().x() - patch_w / 2, rect.top() + 2.5, patch_w,
                              rect.height() - 5), QColor(colour))
            p.setPen(QColor(palette.text_on(colour)))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, code)
        p.setFont(font(6))
        p.drawText(QRectF(cap_x - 40, top - 11, 80, 8), Qt.AlignmentFlag.AlignHCenter,
                   QCoreApplication.translate("SummaryDocument", "cap {cap}").format(
                       cap=fmt.percent(st.max_country_share)))

    def _heading(self, title: str) -> Block:
        def draw(p: QPainter, x: float, y: float, w: float) -> None:
            p.setPen(ACCENT)
            p.setFont(font(10, True))
            p.drawText(QRectF(x, y + 6, w, 14), Qt.AlignmentFlag.AlignLeft, title)
            p.setPen(QPen(RULE, 0.6))
            p.drawLine(QPointF(x, y + 21), QPointF(x + w, y + 21))

        return Block(25, draw, keep_with_next=True)

    TABLE = (  # title (translated where drawn), key, width weight, alignment
        (QT_TRANSLATE_NOOP("SummaryDocument", "Material"), "name", 2.7, "l"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Cover"), "days_of_cover", 0.9, "r"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "w/ orders"), "days_of_cover_with_orders", 1.0,
         "r"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Target"), "target_days", 0.8, "r"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Status"), "status", 1.6, "l"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Top supplier"), "top_supplier", 1.4, "l"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Share"), "top_supplier_share", 0.7, "r"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Origin"), "top_country", 0.7, "l"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Share"), "top_country_share", 0.7, "r"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "HHI"), "supplier_hhi", 0.8, "r"),
        (QT_TRANSLATE_NOOP("SummaryDocument", "Over cap"), "_breach", 1.0, "l"),
    )

    def _table(self, width: float, height: float) -> list[Block]:
        m = self.s.materials
        row_h = 12.5
        translate = QCoreApplication.translate
        both = translate("SummaryDocument", "both")
        supplier = translate("SummaryDocument", "supplier")
        country = translate("SummaryDocument", "country")
        titles = [tr(str(c[0])) for c in self.TABLE]

        def cells(r: Any) -> list[str]:  # a row of itertuples
            breach = (both if r.over_supplier_cap and r.over_country_cap else supplier
                      if r.over_supplier_cap else country if r.over_country_cap else "")
            return [str(r.name), fmt.days(r.days_of_cover),
                    fmt.days(r.days_of_cover_with_orders), fmt.number(r.target_days),
                    fmt.status_label(r.status), fmt.text(r.top_supplier),
                    fmt.share(r.top_supplier_share) or fmt.DASH,
                    fmt.text(r.top_country),
                    fmt.share(r.top_country_share) or fmt.DASH,
                    fmt.hhi(r.supplier_hhi), breach]

        rows = [(cells(r), str(r.status)) for r in m.itertuples(index=False)]
        widths = fitted_widths(titles, [v for v, _s in rows], [c[2] for c in self.TABLE],
                               width)

        def header(p: QPainter, x: float, y: float, w: float) -> None:
            p.fillRect(QRectF(x, y, w, row_h + 2), HEADER)
            p.setPen(ACCENT)
            p.setFont(font(7, True))
            cx = x
            for title, (_t, _k, _w, align), cw in zip(titles, self.TABLE, widths,
                                                      strict=True):
                p.drawText(QRectF(cx + 3, y, cw - 6, row_h + 2), _align(align), title)
                cx += cw

        def row_drawer(values: list[str], status: str, shade: bool
                       ) -> Callable[[QPainter, float, float, float], None]:
            def draw(p: QPainter, x: float, y: float, w: float) -> None:
                if shade:
                    p.fillRect(QRectF(x, y, w, row_h), SHADE)
                cx = x
                metrics = QFontMetricsF(font(7))
                for i, ((_t, key, _w, align), cw) in enumerate(zip(self.TABLE, widths,
                                                                   strict=True)):
                    text = values[i]
                    bold = key == "status" and status != "ok"
                    p.setFont(font(7, bold))
                    p.setPen(STATUS_TEXT.get(status, INK) if bold else INK)
                    p.drawText(QRectF(cx + 3, y, cw - 6, row_h), _align(align),
                               metrics.elidedText(text, Qt.TextElideMode.ElideRight, cw - 6))
                    cx += cw
                p.setPen(QPen(GRID, 0.4))
                p.drawLine(QPointF(x, y + row_h), QPointF(x + w, y + row_h))
            return draw

        head = Block(row_h + 2, header, keep_with_next=True)
        blocks = [self._heading(translate("SummaryDocument", "Materials by risk ({count})"
                                          ).format(count=len(rows))), head]
        for i, (values, status) in enumerate(rows):
            blocks.append(Block(row_h, row_drawer(values, status, i % 2 == 1), repeat=head))
        return blocks

    def _grid(self, grid: Grid, width: float) -> list[Block]:
        """A small table: heading, header row, rows, and a note under it."""
        row_h = 12.5
        widths = fitted_widths([t for t, _w, _a in grid.columns], grid.rows,
                               [w for _t, w, _a in grid.columns], width)

        def header(p: QPainter, x: float, y: float, w: float) -> None:
            p.fillRect(QRectF(x, y, w, row_h + 2), HEADER)
            p.setPen(ACCENT)
            p.setFont(font(7, True))
            cx = x
            for (title, _w, align), cw in zip(grid.columns, widths, strict=True):
                p.drawText(QRectF(cx + 3, y, cw - 6, row_h + 2), _align(align), title)
                cx += cw

        detail_w = width - 15

        def detail_height(detail: str) -> float:
            """The height of a row's detail line, wrapped to the table's width."""
            if not detail:
                return 0.0
            return QFontMetricsF(font(6)).boundingRect(
                QRectF(0, 0, detail_w, 1000), Qt.TextFlag.TextWordWrap, detail).height() + 2

        def row_drawer(values: list[str], shade: bool, detail: str
                       ) -> Callable[[QPainter, float, float, float], None]:
            extra = detail_height(detail)
            height = row_h + extra

            def draw(p: QPainter, x: float, y: float, w: float) -> None:
                if shade:
                    p.fillRect(QRectF(x, y, w, height), SHADE)
                if detail:
                    p.setFont(font(6))
                    p.setPen(STATUS_TEXT["critical"])
                    p.drawText(QRectF(x + 12, y + row_h - 2, w - 15, extra),
                               Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, detail)
                p.setFont(font(7))
                p.setPen(INK)
                metrics = QFontMetricsF(p.font())
                cx = x
                for value, (_t, _w, align), cw in zip(values, grid.columns, widths,
                                                      strict=True):
                    p.drawText(QRectF(cx + 3, y, cw - 6, row_h), _align(align),
                               metrics.elidedText(value, Qt.TextElideMode.ElideRight, cw - 6))
                    cx += cw
                p.setPen(QPen(GRID, 0.4))
                p.drawLine(QPointF(x, y + height), QPointF(x + w, y + height))
            return draw

        head = Block(row_h + 2, header, keep_with_next=True)
        blocks = [self._heading(grid.title), head]
        details = grid.details or [""] * len(grid.rows)
        blocks += [Block(row_h + detail_height(d), row_drawer(r, i % 2 == 1, d), repeat=head)
                   for i, (r, d) in enumerate(zip(grid.rows, details, strict=True))]
        if grid.note:
            blocks.append(self._note(grid.note, width))
        total = sum(b.height for b in blocks[1:])
        if total <= SMALL_TABLE:  # a small table stays with its note, on one page
            head.together = total
        return blocks

    def _note(self, text: str, width: float) -> Block:
        """A note under a table, wrapped to the page's width (at least two lines high, as
        the notes have always been, more when it needs them)."""
        needed = QFontMetricsF(font(7)).boundingRect(
            QRectF(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, text).height()
        height = max(22.0, needed + 1)

        def draw(p: QPainter, x: float, y: float, w: float) -> None:
            p.setPen(MUTED)
            p.setFont(font(7))
            p.drawText(QRectF(x, y + 3, w, height), Qt.AlignmentFlag.AlignLeft
                       | Qt.TextFlag.TextWordWrap, text)

        return Block(height + 4, draw)

    def _product(self, product: ProductRisk, width: float) -> Block:
        """A product, its status, and why (wrapped, never cut: the reasons are the
        point)."""
        text = (QCoreApplication.translate("SummaryDocument", "; ").join(product.reasons)
                if product.reasons else QCoreApplication.translate(
                    "SummaryDocument", "no purchased materials"))
        reasons_h = QFontMetricsF(font(7)).boundingRect(
            QRectF(0, 0, width - 9, 1000), Qt.TextFlag.TextWordWrap, text).height()
        reasons_h = max(reasons_h, 11.0)

        def draw(p: QPainter, x: float, y: float, w: float) -> None:
            status = product.status
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(STATUS_FILL.get(status, RULE)))
            p.drawRect(QRectF(x, y + 3, 4, 9 + reasons_h))
            p.setPen(INK)
            p.setFont(font(8, True))
            metrics = QFontMetricsF(p.font())
            name = metrics.elidedText(str(product.name), Qt.TextElideMode.ElideRight, w - 90)
            p.drawText(QRectF(x + 9, y + 1, w - 90, 12), Qt.AlignmentFlag.AlignLeft, name)
            p.setFont(font(7, True))
            p.setPen(MUTED if status == "ok" else STATUS_TEXT.get(status, MUTED))
            p.drawText(QRectF(x + w - 80, y + 1, 80, 12), Qt.AlignmentFlag.AlignRight,
                       fmt.status_label(status))
            p.setFont(font(7))
            p.setPen(MUTED)
            p.drawText(QRectF(x + 9, y + 13, w - 9, reasons_h + 1),
                       Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, text)

        return Block(16 + reasons_h, draw)

    def _text_line(self, line: str) -> Block:
        def draw(p: QPainter, x: float, y: float, w: float) -> None:
            p.setPen(INK)
            p.setFont(font(7))
            p.drawText(QRectF(x, y, w, 12), Qt.AlignmentFlag.AlignLeft, line)

        return Block(12, draw)

    def _footer(self, p: QPainter, w: float, h: float, number: int, total: int) -> None:
        p.setPen(QPen(RULE, 0.6))
        p.drawLine(QPointF(0, h - 16), QPointF(w, h - 16))
        p.setPen(MUTED)
        p.setFont(font(7))
        translate = QCoreApplication.translate
        left = "Stockpile Planner" + (f"  ·  {self.s.company}" if self.s.company else "") + (
            translate("SummaryDocument",
                      "  ·  as of {date}  ·  G7 marks: {cap} by 2030, ambition {ambition}"
                      ).format(date=self.s.as_of, cap=fmt.percent(G7_CAP),
                               ambition=fmt.percent(G7_AMBITION)))
        p.drawText(QRectF(0, h - 13, w, 12), Qt.AlignmentFlag.AlignLeft, left)
        p.drawText(QRectF(0, h - 13, w, 12), Qt.AlignmentFlag.AlignRight,
                   translate("SummaryDocument", "Page {page} of {pages}").format(
                       page=number, pages=total))


def fitted_widths(titles: list[str], rows: list[list[str]], weights: list[float],
                  width: float) -> list[float]:
    """Column widths for a table ``width`` wide: every column but the first as wide as its
    title (bold) or its widest value, so that no figure is cut ("100.0% → 100…"), and the
    first (the names) the rest, and at least 70% of their weight's share (the others
    shrink alike when there is not room for all)."""
    bold = QFontMetricsF(font(7, True))  # values too: a status is drawn in bold
    need = [max(bold.horizontalAdvance(t) for t in [title, *(r[i] for r in rows)]) + 8
            for i, title in enumerate(titles)]
    least = 0.7 * weights[0] / sum(weights) * width  # the names keep most of their share
    others = sum(need[1:])
    if width - others >= least:
        return [width - others, *need[1:]]
    return [least, *(n * (width - least) / others for n in need[1:])]


def _align(code: str) -> Qt.AlignmentFlag:
    return (Qt.AlignmentFlag.AlignRight if code == "r" else Qt.AlignmentFlag.AlignLeft
            ) | Qt.AlignmentFlag.AlignVCenter


def nice_step(span: float) -> float:
    """A round grid step giving four to eight lines over ``span``."""
    raw = span / 6
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude
