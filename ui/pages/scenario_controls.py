"""The Scenarios page's controls: what stops (a country, a supplier or a preset), for how
long, how much of it; a line saying what that hits; Run (or Enter).

The lists are filled from the project: origin countries found in the report's effective
sources (a country reached only by look-through included), suppliers found in its sources
(with how many materials each supplies) and the presets of
resources/scenarios.json (with how many materials each matches here).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.analysis.presets import (
    Preset,
    find_preset,
    load_presets,
    matched_materials,
    preset_stop,
)
from planner.analysis.scenario import ScenarioError, Stop
from planner.core import formatting as fmt
from planner.core.countries import country_name
from planner.core.errors import PlannerError
from planner.inputs.validation import MAX_DAYS
from ui.editing.document import Document
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QComboBox,
    QCoreApplication,
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


@dataclass(frozen=True)
class Request:
    """What the user asked for, kept to re-run it when the project changes: a preset is
    matched again, a country or supplier looked up again."""

    mode: str  # country, supplier or preset
    key: str  # a country code, a supplier id or a preset id
    days: int
    cut: float


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
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

    # --- what is asked -----------------------------------------------------------------
    def request(self) -> Request:
        """The stop chosen; ScenarioError if there is nothing to choose."""
        mode = str(self.mode.currentData())
        key = self.boxes[mode].currentData()
        if key is None:
            nothing = NOTHING_TO_STOP.get(mode)
            raise ScenarioError(QCoreApplication.translate("StopControls", nothing) if nothing
                                else self.presets_error or self.tr("No preset scenarios to run."))
        return Request(mode, str(key), self.days.value(), self.cut.value() / 100)

    def stop_for(self, request: Request) -> Stop:
        """The engine's Stop for ``request`` on the project as it is now."""
        if request.mode == "preset":
            preset = find_preset(self.presets, request.key)
            return preset_stop(self.doc.project, preset, request.days, request.cut,
                               self.doc.report)
        name = (country_name(request.key) if request.mode == "country" else
                supplier_name(self.doc, request.key))
        return Stop(request.mode, request.key, request.days,  # type: ignore[arg-type]
                    request.cut, name=name)

    def show_stop(self, stop: Stop) -> None:
        """Set the controls to ``stop`` (a ranked one, run from the ranking)."""
        self.mode.setCurrentIndex([m for m, _ in MODES].index(stop.by))
        box = self.boxes[stop.by]
        if box.findData(stop.key) < 0:
            box.addItem(f"{stop.name} ({stop.key})" if stop.name else stop.key, stop.key)
        box.setCurrentIndex(box.findData(stop.key))
        self.days.setValue(stop.days)
        self.cut.setValue(round(stop.cut * 100))

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
        self.describe()

    def describe(self) -> None:
        """One line under the controls: what the chosen stop hits, or what a preset is."""
        mode = str(self.mode.currentData())
        key = self.boxes[mode].currentData()
        report = self.doc.report
        self.hint.setToolTip("")
        if mode == "preset":
            preset = self._preset(key)
            if preset is None:
                self.hint.setText(self.presets_error or self.tr("No preset scenarios."))
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
            self.hint.setText(
                self.tr("Stops {materials} from {country}. {assumption}").format(
                    materials=listed, country=country, assumption=assumption) if names else
                self.tr("Matches no material of this project from {country}. {assumption}")
                .format(country=country, assumption=assumption))
            measure = (self.tr("Announced {date}: {measure}").format(
                date=preset.announced, measure=preset.shown_measure) if preset.announced
                else preset.shown_measure)
            self.hint.setToolTip(measure + "\n\n" + self.tr(
                "Presets live in resources/scenarios.json; edit the file to change their "
                "keywords, length or cut."))
            return
        if key is None or report is None:
            self.hint.setText("")
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
                text += " " + self.tr("For %n material(s), a part comes from look-through "
                                      "(an origin you do not know, spread over the world's "
                                      "producers).", None, k)
            self.hint.setText(text)
        else:
            origins = sorted(rows["origin_country"].dropna().astype(str).unique())
            self.hint.setText(self.tr(
                "Every source of this supplier, whatever the origin: {materials} from "
                "{countries}.").format(materials=materials,
                                       countries=", ".join(origins) or self.tr("no country")))

    def _mode_changed(self) -> None:
        mode = str(self.mode.currentData())
        for m, box in self.boxes.items():
            box.setVisible(m == mode)
        if mode == "preset":
            self._preset_chosen()
        self.describe()

    def _preset_chosen(self) -> None:
        """A preset brings its own length and cut (which the user may then change)."""
        preset = self._preset(self.boxes["preset"].currentData())
        if preset is not None and self.mode.currentData() == "preset":
            self.days.setValue(preset.days)
            self.cut.setValue(round(preset.cut * 100))

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
