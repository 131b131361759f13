"""The Scenarios page's controls: what stops (a country, a supplier or a preset), for how
long, how much of it; a line saying what that hits; Run (or Enter). A second row adds a
licence review (from its last day a part of the cut deliveries resumes) and a price spike
(a material, commodity or category at F times its price), run with the stop (on the
stopped sources only) or alone.

The lists are filled from the project: origin countries found in the report's effective
sources (a country reached only by look-through included), suppliers found in its sources
(with how many materials each supplies) and the presets of
resources/scenarios.json (with how many materials each matches here).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from planner.analysis.commodity_names import commodity_name
from planner.analysis.presets import (
    Preset,
    find_preset,
    load_presets,
    matched_materials,
    preset_stop,
)
from planner.analysis.price_spike import MAX_FACTOR, PriceSpike
from planner.analysis.scenario import ScenarioError, Stop
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.errors import PlannerError
from planner.inputs.validation import MAX_DAYS
from ui.editing.document import Document
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

MODES = (("country", QT_TRANSLATE_NOOP("StopControls", "a country")),
         ("supplier", QT_TRANSLATE_NOOP("StopControls", "a supplier")),
         ("preset", QT_TRANSLATE_NOOP("StopControls", "a preset")))
NOTHING_TO_STOP = {
    "country": QT_TRANSLATE_NOOP("StopControls", "The project has no origin countries to stop."),
    "supplier": QT_TRANSLATE_NOOP("StopControls", "The project has no suppliers to stop."),
}
# a price spike: none, on the stopped sources only, or alone (no stop)
PRICE_MODES = (("off", QT_TRANSLATE_NOOP("StopControls", "No price spike")),
               ("stop", QT_TRANSLATE_NOOP("StopControls", "Price spike on the stop")),
               ("alone", QT_TRANSLATE_NOOP("StopControls", "Price spike alone")))
HINT_LINES = 2  # the hint under the controls is cut to this many lines
REVIEW_DAY = 63  # MOFCOM reviews dual-use licences within 45 working days
APPROVED = 25  # percent
PRICE_FACTOR = 5.0
PRICE_DAYS = 365


@dataclass(frozen=True)
class Request:
    """What the user asked for, kept to re-run it when the project changes: a preset is
    matched again, a country or supplier looked up again."""

    mode: str  # country, supplier or preset
    key: str  # a country code, a supplier id or a preset id ("" with a price spike alone)
    days: int
    cut: float
    review_day: int | None = None  # a licence review ends on this day (None: no review)
    approved: float = 0.0  # the part of the cut deliveries resumed from that day
    price: PriceSpike | None = None
    price_alone: bool = False  # the price spike without the stop


class StopControls(QWidget):
    """One row: "Stop deliveries from [a country] [China (CN)] for [90 days] cutting
    [100 %] [Run]", a hint under it, and a line for an error."""

    runRequested = Signal()

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.presets: list[Preset] = []
        self.presets_error = ""
        self.mode = QComboBox(self)
        for mode, text in MODES:
            self.mode.addItem(QCoreApplication.translate("StopControls", text), mode)
        self.boxes = {mode: QComboBox(self) for mode, _ in MODES}
        for box in self.boxes.values():
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(34)
            box.setMaximumWidth(560)
            box.currentIndexChanged.connect(self.describe)
        self.boxes["preset"].currentIndexChanged.connect(self._preset_chosen)
        self.days = QSpinBox(self)
        # as long as any duration may be (a time to recover, a preset's days): a stop run
        # from the ranking keeps its length, and nothing longer can be typed
        self.days.setRange(1, int(MAX_DAYS))
        self.days.setValue(90)
        self.days.setSuffix(self.tr(" days"))
        self.days.setToolTip(self.tr("How long the deliveries stop, from the as-of date"))
        self.cut = QSpinBox(self)
        self.cut.setRange(1, 100)
        self.cut.setValue(100)
        self.cut.setSuffix(" %")
        self.cut.setToolTip(self.tr("The part of the hit sources' deliveries and open orders "
                                    "that is lost (100 %: all of it)"))
        self.run_button = QPushButton(self.tr("Run"), self)
        self.run_button.setToolTip(self.tr("Project the stock of every material the stop hits "
                                           "(Enter)"))
        self.run_button.clicked.connect(self.runRequested)
        self.busy = QLabel(self.tr("Running…"), self)
        self.busy.setObjectName("muted")
        self.busy.hide()
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(QLabel(self.tr("Stop deliveries from"), self))
        row.addWidget(self.mode)
        for box in self.boxes.values():
            row.addWidget(box, 1)
        row.addWidget(QLabel(self.tr("for"), self))
        row.addWidget(self.days)
        row.addWidget(QLabel(self.tr("cutting"), self))
        row.addWidget(self.cut)
        row.addWidget(self.run_button)
        row.addWidget(self.busy)
        row.addStretch(0)
        self._price_from_preset = False  # the price spike was set by a preset
        second = QHBoxLayout()
        second.setSpacing(8)
        self._licence_row(second)
        second.addSpacing(8)
        self._price_row(second)
        second.addStretch(1)
        self._hint_text = self._hint_tip = ""
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("scenarioError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addLayout(second)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.days.valueChanged.connect(self._days_changed)
        self._mode_changed()
        self._enable()

    def _licence_row(self, row: QHBoxLayout) -> None:
        """[Licence review] [until day 63] [25% approved]."""
        self.review = QCheckBox(self.tr("Licence review"), self)
        self.review.setToolTip(self.tr(
            "A licence regime rather than an embargo: when the licence review ends, the "
            "approved share of the cut deliveries resumes. MOFCOM reviews dual-use export "
            "licences within 45 working days, about 63 calendar days."))
        self.review.toggled.connect(self._enable)
        self.review_day = QSpinBox(self)
        self.review_day.setRange(0, self.days.value())
        self.review_day.setValue(min(REVIEW_DAY, self.days.value()))
        self._review_wanted = REVIEW_DAY
        self.review_day.valueChanged.connect(self._review_day_typed)
        affix(self.review_day, self.tr("until day {value}"))  # 63 日目まで in Japanese
        self.review_day.setToolTip(self.tr("The day the licence review ends, from the as-of "
                                           "date (at most the stop's length)"))
        self.approved = QSpinBox(self)
        self.approved.setRange(0, 100)
        self.approved.setValue(APPROVED)
        affix(self.approved, self.tr("{value}% approved"))
        self.approved.setToolTip(self.tr("The share of the cut deliveries that resumes once "
                                         "the licence review ends"))
        for widget in (self.review, self.review_day, self.approved):
            row.addWidget(widget)

    def _price_row(self, row: QHBoxLayout) -> None:
        """[Price spike on the stop] [Rare Earths (commodity)] [× 5.0] [for 365 days]."""
        self.price_mode = QComboBox(self)
        for mode, text in PRICE_MODES:
            self.price_mode.addItem(QCoreApplication.translate("StopControls", text), mode)
        self.price_mode.setToolTip(self.tr(
            "A price spike: the extra cost of buying the requirement at a raised price, on "
            "the stopped sources only or, alone, on every source"))
        self.price_mode.currentIndexChanged.connect(self._enable)
        self.target = QComboBox(self)
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(14)
        line = self.target.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("item ID"))
        # a name chosen from the list is shown from its start, not scrolled to its end
        self.target.currentIndexChanged.connect(self._target_from_start)
        self.target.setToolTip(self.tr("What gets dearer: a commodity or a category of the "
                                       "project, or an item ID typed in"))
        self.factor = QDoubleSpinBox(self)
        self.factor.setRange(1.1, MAX_FACTOR)
        self.factor.setDecimals(1)
        self.factor.setSingleStep(0.5)
        self.factor.setValue(PRICE_FACTOR)
        self.factor.setPrefix("× ")
        self.factor.setToolTip(self.tr("The price factor: 5 buys at five times the price"))
        self.price_days = QSpinBox(self)
        self.price_days.setRange(1, int(MAX_DAYS))
        self.price_days.setValue(PRICE_DAYS)
        affix(self.price_days, self.tr("for {value} days"))
        self.price_days.setToolTip(self.tr("How long the prices stay raised, from the as-of "
                                           "date"))
        for widget in (self.price_mode, self.target, self.factor, self.price_days):
            row.addWidget(widget)

    # --- what is asked -----------------------------------------------------------------
    def request(self) -> Request:
        """What is chosen; ScenarioError if there is nothing to choose."""
        mode = str(self.mode.currentData())
        key = self.boxes[mode].currentData()
        price, alone = self._price_chosen()
        if key is None and not alone:
            nothing = NOTHING_TO_STOP.get(mode)
            raise ScenarioError(QCoreApplication.translate("StopControls", nothing) if nothing
                                else self.presets_error or self.tr("No preset scenarios to run."))
        review = self.review.isChecked() and not alone
        return Request(mode, "" if key is None else str(key), self.days.value(),
                       self.cut.value() / 100,
                       self.review_day.value() if review else None,
                       self.approved.value() / 100 if review else 0.0, price, alone)

    def _price_chosen(self) -> tuple[PriceSpike | None, bool]:
        """The price spike asked for (None: none) and whether it runs alone."""
        mode = str(self.price_mode.currentData())
        if mode == "off":
            return None, False
        return PriceSpike(self.target_spec(), float(self.factor.value()),
                          self.price_days.value()), mode == "alone"

    def target_spec(self) -> str:
        """The spike's target as the engine takes it: a listed commodity or category
        (commodity:NAME, category:NAME), else the text typed (an item ID, or
        commodity:NAME / category:NAME written out)."""
        text = self.target.currentText().strip()
        at = self.target.findText(text, Qt.MatchFlag.MatchFixedString)
        if at >= 0 and self.target.itemData(at):
            return str(self.target.itemData(at))
        return text

    def stop_for(self, request: Request) -> Stop | None:
        """The engine's Stop for ``request`` on the project as it is now (None for a price
        spike alone); a licence review chosen in the controls replaces a preset's."""
        if request.price_alone:
            return None
        if request.mode == "preset":
            preset = find_preset(self.presets, request.key)
            if not preset.stops:
                raise ScenarioError(self.tr("{title} is a price spike, not a stop: run it as "
                                            "a price spike alone.").format(
                                                title=preset.shown_title))
            stop = preset_stop(self.doc.project, preset, request.days, request.cut,
                               self.doc.report)
        else:
            name = (country_name(request.key) if request.mode == "country" else
                    supplier_name(self.doc, request.key))
            stop = Stop(request.mode, request.key, request.days,  # type: ignore[arg-type]
                        request.cut, name=name)
        return dataclasses.replace(stop, review_day=request.review_day,
                                   approved=request.approved)

    def show_stop(self, stop: Stop) -> None:
        """Set the controls to ``stop`` (a ranked one, run from the ranking): no licence
        review, no price spike, as the ranking stopped it."""
        self.mode.setCurrentIndex([m for m, _ in MODES].index(stop.by))
        box = self.boxes[stop.by]
        if box.findData(stop.key) < 0:
            box.addItem(f"{stop.name} ({stop.key})" if stop.name else stop.key, stop.key)
        box.setCurrentIndex(box.findData(stop.key))
        self.days.setValue(stop.days)
        self.cut.setValue(round(stop.cut * 100))
        self.review.setChecked(stop.review_day is not None)
        if stop.review_day is not None:
            self.review_day.setValue(stop.review_day)
            self.approved.setValue(round(stop.approved * 100))
        self.price_mode.setCurrentIndex(0)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # --- the lists ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Fill the country, supplier and preset lists from the project, keeping what
        was chosen."""
        doc = self.doc
        report = doc.report
        src = report.sources if report is not None else None
        countries: list[tuple[str, str]] = []
        suppliers: list[tuple[str, str]] = []
        if src is not None and len(src):
            # the effective origins: a country reached only by look-through can stop too
            eff = report.effective_sources if report is not None else None
            eff = src if eff is None else eff[eff["share"].to_numpy(dtype=float) > 0]
            per_country = (eff.dropna(subset=["origin_country"])
                           .groupby("origin_country", observed=True)["item_id"].nunique())
            order = sorted(per_country.items(), key=lambda kv: (-kv[1], str(kv[0])))
            countries = [(str(c), self.tr("{name} ({code}) · {count} material(s)", None, n)
                          .format(name=country_name(str(c)), code=c, count=fmt.count(n)))
                         for c, n in order]
            per_supplier = src.groupby("supplier_id", observed=True)["item_id"].nunique()
            s = doc.project.suppliers.dropna(subset=["supplier_id"]).drop_duplicates(
                "supplier_id")
            named = sorted(((str(i), n if isinstance(n, str) and n else str(i))
                            for i, n in zip(s["supplier_id"], s["name"], strict=True)),
                           key=lambda kv: kv[1].lower())
            suppliers = [(i, self.tr("{name} ({code}) · {count} material(s)", None, k)
                          .format(name=n, code=i, count=fmt.count(k)))
                         for i, n in named
                         for k in (int(per_supplier.get(i, 0)),)]
        fill(self.boxes["country"], countries)
        fill(self.boxes["supplier"], suppliers)
        try:
            self.presets, self.presets_error = load_presets(), ""
        except PlannerError as exc:
            self.presets, self.presets_error = [], str(exc)
        presets = []
        for p in self.presets:
            n = len(matched_materials(doc.project, p, report)) if report is not None else 0
            text = (self.tr("{title} · {count} material(s)", None, n).format(
                title=p.shown_title, count=fmt.count(n)) if n else
                self.tr("{title} · no match").format(title=p.shown_title))
            presets.append((p.id, text))
        fill(self.boxes["preset"], presets)
        self._fill_targets()
        self.describe()

    def _fill_targets(self) -> None:
        """The price spike's targets: the project's commodities (most materials first),
        then its categories; an item ID may be typed instead. The text typed is kept."""
        report = self.doc.report
        entries: list[tuple[str, str]] = []
        if report is not None and len(report.materials):
            counts = report.materials["commodity"].dropna().astype(str).value_counts()
            for name in sorted(counts.index, key=lambda c: (-counts[c], c)):
                entries.append((f"commodity:{name}", self.tr("{name} (commodity)").format(
                    name=commodity_name(name))))
        items = self.doc.project.items
        if len(items):
            categories = sorted({str(c) for c in items["category"].dropna() if str(c).strip()},
                                key=str.casefold)
            entries += [(f"category:{c}", self.tr("{name} (category)").format(name=c))
                        for c in categories]
        typed = self.target.currentText()
        listed = self.target.currentIndex() >= 0 and typed == self.target.itemText(
            self.target.currentIndex())
        chosen = self.target.currentData() if listed else None
        self.target.blockSignals(True)
        self.target.clear()
        for data, text in entries:
            self.target.addItem(text, data)
        where = self.target.findData(chosen) if chosen is not None else -1
        if where >= 0 or (not typed and entries):
            self.target.setCurrentIndex(max(where, 0))
        else:
            self.target.setCurrentIndex(-1)
            self.target.setEditText(typed)
        self.target.blockSignals(False)
        self._target_from_start()

    def _target_from_start(self) -> None:
        line = self.target.lineEdit()
        if line is not None and not line.hasFocus():
            line.setCursorPosition(0)

    def set_target(self, target: str) -> None:
        """Choose ``target`` (commodity:NAME, category:NAME or an item ID)."""
        by, _sep, name = target.partition(":")
        at = self.target.findData(target)
        if at < 0 and by.lower() in ("commodity", "category"):  # listed in another case
            at = next((i for i in range(self.target.count())
                       if str(self.target.itemData(i)).casefold() == target.casefold()), -1)
        if at < 0 and by.lower() == "commodity":  # not a commodity of this project
            self.target.addItem(self.tr("{name} (commodity)").format(
                name=commodity_name(name)), target)
            at = self.target.count() - 1
        if at >= 0:
            self.target.setCurrentIndex(at)
        else:
            self.target.setCurrentIndex(-1)
            self.target.setEditText(target)

    def describe(self) -> None:
        """One line under the controls: what the chosen stop hits, or what a preset is;
        at most HINT_LINES lines, the whole of it in the tooltip."""
        self._hint_text, self._hint_tip = "", ""
        self._describe()
        self._fit_hint()

    def _set_hint(self, text: str) -> None:
        self._hint_text = text

    def _fit_hint(self) -> None:
        """Cut the hint to HINT_LINES lines of its width (a preset's assumption runs to
        several hundred characters, which would squeeze the chart on a small screen)."""
        text = self._hint_text
        width = max(self.hint.width(), self.width(), 300)
        shown = self.hint.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, int(width * HINT_LINES * 0.88))
        self.hint.setText(shown)
        tip = self._hint_tip
        self.hint.setToolTip(text + ("\n\n" + tip if tip else "") if shown != text else tip)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_hint()

    def _describe(self) -> None:
        mode = str(self.mode.currentData())
        key = self.boxes[mode].currentData()
        report = self.doc.report
        self._hint_tip = ""
        if mode == "preset":
            preset = self._preset(key)
            if preset is None:
                self._set_hint(self.presets_error or self.tr("No preset scenarios."))
                return
            matched = (matched_materials(self.doc.project, preset, report)
                       if report is not None else None)
            names = [str(n) for n in matched["name"]] if matched is not None else []
            listed = self.tr(", ", "between names in a list").join(names[:4])
            if len(names) > 4:
                listed = self.tr("{names} and {count} more").format(
                    names=listed, count=len(names) - 4)
            country = country_name(preset.country)
            assumption = preset.shown_assumption
            if not preset.stops:
                self._set_hint(
                    self.tr("A price spike on {materials}. {assumption}").format(
                        materials=listed, assumption=assumption) if names else
                    self.tr("A price spike that matches no material of this project. "
                            "{assumption}").format(assumption=assumption))
            else:
                self._set_hint(
                    self.tr("Stops {materials} from {country}. {assumption}").format(
                        materials=listed, country=country, assumption=assumption) if names
                    else self.tr("Matches no material of this project from {country}. "
                                 "{assumption}").format(country=country, assumption=assumption))
            measure = (self.tr("Announced {date}: {measure}").format(
                date=preset.announced, measure=preset.shown_measure) if preset.announced
                else preset.shown_measure)
            self._hint_tip = (measure + "\n\n" + self.tr(
                "Presets live in resources/scenarios.json; edit the file to change their "
                "keywords, length or cut."))
            return
        if key is None or report is None:
            self._set_hint("")
            return
        # a country stop hits the effective rows (look-through), as the engine stops them
        src = report.sources
        if mode == "country" and report.effective_sources is not None:
            src = report.effective_sources
        column = "origin_country" if mode == "country" else "supplier_id"
        rows = src[(src[column] == key).fillna(False).to_numpy(dtype=bool)]
        if mode == "country":
            rows = rows[rows["share"].to_numpy(dtype=float) > 0]
        n = rows["item_id"].nunique()
        materials = self.tr("{count} material(s)", None, n).format(count=fmt.count(n))
        if mode == "country":
            n = rows["supplier_id"].nunique()
            text = self.tr(
                "Every source whose material comes from {country}, whoever sells it: "
                "{materials} through {suppliers}.").format(
                    country=country_name(key), materials=materials,
                    suppliers=self.tr("{count} supplier(s)", None, n).format(
                        count=fmt.count(n)))
            k = (rows.loc[rows["looked_through"].to_numpy(dtype=bool), "item_id"].nunique()
                 if "looked_through" in rows else 0)
            if k:
                text = fmt.sentences(text, self.tr(
                    "For %n material(s), a part comes from look-through (an origin you do "
                    "not know, spread over the world's producers).", None, k))
            self._set_hint(text)
        else:
            origins = sorted(rows["origin_country"].dropna().astype(str).unique())
            self._set_hint(self.tr(
                "Every source of this supplier, whatever the origin: {materials} from "
                "{countries}.").format(materials=materials,
                                       countries=", ".join(origins) or self.tr("no country")))

    def _mode_changed(self) -> None:
        mode = str(self.mode.currentData())
        for m, box in self.boxes.items():
            box.setVisible(m == mode)
        if mode == "preset":
            self._preset_chosen()
        elif self._price_from_preset:  # a preset's price spike goes with the preset
            self._price_from_preset = False
            self.price_mode.setCurrentIndex(0)
        self._enable()
        self.describe()

    def _preset_chosen(self) -> None:
        """A preset brings its own length and cut, its licence review and its price
        spike (which the user may then change); a price spike alone runs alone."""
        preset = self._preset(self.boxes["preset"].currentData())
        if preset is None or self.mode.currentData() != "preset":
            return
        self.days.setValue(preset.days)
        self.cut.setValue(round(preset.cut * 100))
        self.review.setChecked(preset.licence_review_days is not None)
        if preset.licence_review_days is not None:
            self.review_day.setValue(preset.licence_review_days)
            self.approved.setValue(round(preset.approved * 100))
        if preset.price is not None:
            self.set_target(preset.price.target)
            self.factor.setValue(float(preset.price.factor))
            self.price_days.setValue(preset.price.days)
            self.price_mode.setCurrentIndex(self.price_mode.findData(
                "stop" if preset.stops else "alone"))
            self._price_from_preset = True
        elif self._price_from_preset:
            self._price_from_preset = False
            self.price_mode.setCurrentIndex(0)
        self._enable()

    def _days_changed(self, days: int) -> None:
        """The licence review ends within the stop; the day chosen comes back when the
        stop is made long enough again (typing 180 passes through 1 and 18)."""
        wanted = self._review_wanted
        self.review_day.setMaximum(days)
        self.review_day.setValue(min(wanted, days))
        self._review_wanted = wanted

    def _review_day_typed(self, day: int) -> None:
        self._review_wanted = day

    def _enable(self) -> None:
        """Fields that do not apply are greyed: the review's without a review, the
        stop's with a price spike alone, the price spike's without one. A preset that
        is a price spike only cannot be run without it."""
        price = str(self.price_mode.currentData())
        alone = price == "alone"
        stop: tuple[QWidget, ...] = (self.days, self.cut, self.review)
        for widget in stop:
            widget.setEnabled(not alone)
        reviewed = self.review.isChecked() and not alone
        for widget in (self.review_day, self.approved):
            widget.setEnabled(reviewed)
        spike: tuple[QWidget, ...] = (self.target, self.factor, self.price_days)
        for widget in spike:
            widget.setEnabled(price != "off")
        preset = (self._preset(self.boxes["preset"].currentData())
                  if self.mode.currentData() == "preset" else None)
        self.price_mode.setEnabled(preset is None or preset.stops)

    def _preset(self, preset_id: object) -> Preset | None:
        try:
            return find_preset(self.presets, str(preset_id)) if preset_id else None
        except PlannerError:
            return None

    def keyPressEvent(self, event: object) -> None:
        # combo boxes and spin boxes pass Enter on (as they do to a dialog's default button)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            self.runRequested.emit()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


def affix(box: QSpinBox, template: str) -> None:
    """A spin box's prefix and suffix from one sentence with {value} ("until day {value}",
    "{value} 日目まで"), so that a language puts the number where it belongs."""
    before, _at, after = template.partition("{value}")
    box.setPrefix(before)
    box.setSuffix(after)


def fill(box: QComboBox, entries: list[tuple[str, str]]) -> None:
    """Replace a combo's entries (data, text), keeping the chosen one if still there."""
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    for data, text in entries:
        box.addItem(text, data)
    where = box.findData(chosen) if chosen is not None else -1
    box.setCurrentIndex(where if where >= 0 else (0 if entries else -1))
    box.blockSignals(False)


def supplier_name(doc: Document, supplier_id: str) -> str:
    s = doc.project.suppliers
    names = s.loc[s["supplier_id"] == supplier_id, "name"].dropna()
    return str(names.iloc[0]) if len(names) else ""
