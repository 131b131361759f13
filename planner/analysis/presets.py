"""Preset disruption scenarios from real export controls (resources/scenarios.json).

A preset names a country, a length, a cut and keywords. It is matched to a project's
purchased items by whole words in their name or category, and becomes a :class:`Stop`
limited to those items: their sources of that origin stop, nothing else does. A licence
regime rather than an embargo adds the day the licence review ends and the approved
fraction (``licence_review_days``, ``approved``): from that day that part of the stopped
deliveries resumes. ``likelihood_per_year`` (optional) is how often a year the stop is
expected, for sizing stockpiles (planner.analysis.stockpile). A preset may instead (or as
well) carry a price spike (``price``: target, factor, days; planner.analysis.price_spike).
The file is data that users may edit; a broken file is refused with a message naming the
entry.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

import pandas as pd

from planner.analysis.compute import Report, compute
from planner.analysis.price_spike import PriceSpike, spike_materials
from planner.analysis.scenario import ScenarioError, Stop
from planner.core.i18n import _, japanese
from planner.core.resources import resource
from planner.inputs.project import Project
from planner.inputs.reading import MAX_FILE_BYTES
from planner.inputs.validation import MAX_DAYS

PRESETS_FILE = "scenarios.json"  # bundled in planner.resources


@dataclass(frozen=True)
class Preset:
    """A stop (country, days, cut, keywords; a licence review optionally), a price spike
    (``price``), or both. A price-only preset has no country and no keywords; its days
    are the spike's."""

    id: str
    title: str
    country: str
    days: int
    cut: float
    keywords: tuple[str, ...]
    announced: str = ""
    effective: str = ""
    measure: str = ""  # what was decided, and by whom
    assumption: str = ""  # where days and cut come from
    # the same in Japanese ("" where the file has none: the English is shown)
    title_ja: str = ""
    measure_ja: str = ""
    assumption_ja: str = ""
    licence_review_days: int | None = None  # the day the licence review ends
    approved: float = 0.0  # the part of the stopped deliveries resumed from that day
    price: PriceSpike | None = None
    # how often a year the stop is expected (planner.analysis.stockpile); None: the
    # country-stop likelihood of Settings
    likelihood_per_year: float | None = None

    @property
    def stops(self) -> bool:
        """Whether the preset stops deliveries (else it is a price spike only)."""
        return bool(self.country)

    @property
    def shown_title(self) -> str:
        """The title in the current language (planner.core.i18n)."""
        return self._shown(self.title, self.title_ja)

    @property
    def shown_measure(self) -> str:
        """What was decided, in the current language."""
        return self._shown(self.measure, self.measure_ja)

    @property
    def shown_assumption(self) -> str:
        """Where days and cut come from, in the current language."""
        return self._shown(self.assumption, self.assumption_ja)

    @staticmethod
    def _shown(english: str, in_japanese: str) -> str:
        return in_japanese if in_japanese and japanese() else english

    @property
    def pattern(self) -> re.Pattern[str]:
        """Any keyword as a whole word, any case, plural allowed, space matching - or _."""
        words = (r"[\s_-]+".join(re.escape(w) for w in k.split()) for k in self.keywords)
        return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(words) + r")(?:e?s)?(?![A-Za-z0-9])",
                          re.IGNORECASE)


def load_presets(path: Path | str | None = None) -> list[Preset]:
    """The presets in ``path`` (default: the bundled scenarios.json), in file order."""
    source: Path | Traversable = Path(path) if path is not None else resource(PRESETS_FILE)
    if path is None:
        path = PRESETS_FILE
    else:
        _check_file(Path(path))
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except RecursionError:  # [[[[...]]]] nested a hundred thousand deep
        raise ScenarioError(_("{path}: cannot read the preset scenarios: the file is nested "
                              "too deeply").format(path=path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: bad JSON, an
        # integer of thousands of digits
        raise ScenarioError(_("{path}: cannot read the preset scenarios: {error}").format(
            path=path, error=exc)) from exc
    entries = data.get("presets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ScenarioError(_("{path}: expected an object with a list \"presets\"").format(
            path=path))
    presets: list[Preset] = []
    for i, entry in enumerate(entries, start=1):
        where = _("{path}: preset {number}").format(path=path, number=i)
        if not isinstance(entry, dict):
            raise ScenarioError(_("{where}: expected an object").format(where=where))
        price = _price(entry, where) if "price" in entry else None
        required = ("id", "title") if price is not None and "country" not in entry else (
            "id", "title", "country", "days", "keywords")
        missing = [k for k in required if k not in entry]
        if missing:
            raise ScenarioError(_("{where}: missing {keys}").format(
                where=where, keys=", ".join(missing)))
        if price is not None and "country" not in entry:
            entry = {**entry, "country": "", "days": price.days, "keywords": []}
        days, cut, keywords = entry["days"], entry.get("cut", 1.0), entry["keywords"]
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise ScenarioError(_("{where} ({id}): days must be a whole number ≥ 1").format(
                where=where, id=entry["id"]))
        if days > MAX_DAYS:
            raise ScenarioError(f"{where} ({entry['id']}): {_too_long(days)}")  # a location
        if not isinstance(cut, int | float) or isinstance(cut, bool) or not 0 < cut <= 1:
            raise ScenarioError(_("{where} ({id}): cut must be above 0 and at most 1").format(
                where=where, id=entry["id"]))
        if entry["country"] and not (
                isinstance(keywords, list) and keywords
                and all(isinstance(k, str) and k.strip() for k in keywords)):
            raise ScenarioError(_("{where} ({id}): keywords must be a list of words").format(
                where=where, id=entry["id"]))
        review, approved = _licence(entry, where, days)
        likelihood = entry.get("likelihood_per_year")
        if likelihood is not None and (not isinstance(likelihood, int | float)
                                       or isinstance(likelihood, bool)
                                       or not 0 <= likelihood <= 1):
            raise ScenarioError(_("{where} ({id}): likelihood_per_year must be a fraction "
                                  "from 0 to 1").format(where=where, id=entry["id"]))
        presets.append(Preset(
            str(entry["id"]), str(entry["title"]), str(entry["country"]).upper(), days,
            float(cut), tuple(k.strip() for k in keywords), str(entry.get("announced", "")),
            str(entry.get("effective", "")), str(entry.get("measure", "")),
            str(entry.get("assumption", "")), str(entry.get("title_ja", "")),
            str(entry.get("measure_ja", "")), str(entry.get("assumption_ja", "")),
            review, approved, price,
            None if likelihood is None else float(likelihood)))
    ids = [p.id.lower() for p in presets]
    if len(set(ids)) != len(ids):
        raise ScenarioError(_("{path}: preset ids must be unique").format(path=path))
    return presets


def _licence(entry: dict[str, object], where: str, days: int) -> tuple[int | None, float]:
    """The optional licence review of a preset: (day it ends, approved fraction)."""
    review, approved = entry.get("licence_review_days"), entry.get("approved", 0.0)
    if review is not None and (not isinstance(review, int) or isinstance(review, bool)
                               or not 0 <= review <= days):
        raise ScenarioError(_("{where} ({id}): licence_review_days must be a whole number "
                              "from 0 to the preset's {days} days").format(
                                  where=where, id=entry["id"], days=days))
    if (not isinstance(approved, int | float) or isinstance(approved, bool)
            or not 0 <= approved <= 1):
        raise ScenarioError(_("{where} ({id}): approved must be a fraction from 0 to 1")
                            .format(where=where, id=entry["id"]))
    if approved and review is None:
        raise ScenarioError(_("{where} ({id}): approved needs licence_review_days, the day "
                              "the licence review ends").format(where=where, id=entry["id"]))
    return review, float(approved)


def _price(entry: dict[str, object], where: str) -> PriceSpike:
    """A preset's price spike: {"target": ..., "factor": ..., "days": ...}."""
    price = entry["price"]
    if not (isinstance(price, dict) and {"target", "factor", "days"} <= set(price)
            and isinstance(price["target"], str)):
        raise ScenarioError(_("{where} ({id}): price must be an object with target, factor "
                              "and days, e.g. {example}").format(
                                  where=where, id=entry.get("id", "?"),
                                  example='{"target": "commodity:Rare Earths", "factor": 5, '
                                          '"days": 365}'))
    try:
        factor = price["factor"]
        return PriceSpike(price["target"].strip(),
                          float(factor) if isinstance(factor, int) and not isinstance(
                              factor, bool) else factor, price["days"])
    except ScenarioError as exc:
        raise ScenarioError(f"{where} ({entry.get('id', '?')}): {exc}") from None


def _check_file(path: Path) -> None:
    """A presets file must be a regular file of a sane size: reading a FIFO or /dev/zero
    would never end."""
    try:
        info = path.stat()
    except OSError:
        return  # reading it says why
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError(_("{path} is not a regular file").format(path=path))
    if info.st_size > MAX_FILE_BYTES:
        raise ScenarioError(_("{path}: the file is {size} MB; the limit is {limit} MB").format(
            path=path, size=f"{info.st_size / 2**20:,.0f}",
            limit=f"{MAX_FILE_BYTES / 2**20:,.0f}"))


def _too_long(days: int) -> str:
    digits = len(str(days))
    shown = (f"{days:,}" if digits <= 20
             else _("a number of {digits} digits").format(digits=f"{digits:,}"))
    return _("days must be at most {limit} (100 years), got {shown}").format(
        limit=f"{MAX_DAYS:,.0f}", shown=shown)


def find_preset(presets: list[Preset], name: str) -> Preset:
    """The preset whose id is ``name`` (any case)."""
    for p in presets:
        if p.id.lower() == name.strip().lower():
            return p
    raise ScenarioError(_("no preset {name}; presets: {ids}").format(
        name=repr(name), ids=", ".join(p.id for p in presets)))


def matched_materials(project: Project, preset: Preset, report: Report | None = None
                      ) -> pd.DataFrame:
    """The purchased items a preset matches: item_id, name, category, keyword (as found;
    for a price-only preset, the spike's target)."""
    report = report if report is not None else compute(project)
    m = report.materials[["item_id", "name"]]
    category = project.items.drop_duplicates("item_id").set_index("item_id")["category"]
    m = m.assign(category=m["item_id"].map(category).astype("string"))
    if not preset.stops:
        assert preset.price is not None
        chosen = spike_materials(project, report, preset.price)
        return m.assign(keyword=pd.Series(preset.price.target, index=m.index,
                                          dtype="string"))[chosen].reset_index(drop=True)
    pattern = preset.pattern
    name_hit = m["name"].fillna("").str.extract(f"({pattern.pattern})", flags=re.I)[0]
    cat_hit = m["category"].fillna("").str.extract(f"({pattern.pattern})", flags=re.I)[0]
    keyword = cat_hit.fillna(name_hit)
    return m.assign(keyword=keyword.astype("string"))[keyword.notna()].reset_index(drop=True)


def preset_stop(project: Project, preset: Preset, days: int | None = None,
                cut: float | None = None, report: Report | None = None) -> Stop:
    """The stop a preset makes on this project: its country, only its matched materials,
    with its licence review (the review day kept within a shorter stop)."""
    if not preset.stops:
        raise ScenarioError(_("{id} is a price spike, not a stop: run it with planner "
                              "scenario FILE --preset {id}").format(id=preset.id))
    if days is not None and days > MAX_DAYS:
        raise ScenarioError(_too_long(days))
    ids = matched_materials(project, preset, report)["item_id"]
    length = preset.days if days is None else days
    review = preset.licence_review_days
    if review is not None and review > length:  # the stop ends before the review does
        review = None
    return Stop("country", preset.country, length, preset.cut if cut is None else cut,
                frozenset(ids.astype(str)), preset.shown_title, review,
                preset.approved if review is not None else 0.0)


def preset_price(preset: Preset, days: int | None = None) -> PriceSpike | None:
    """A preset's price spike (``days`` in place of its length), or None."""
    if preset.price is None:
        return None
    return preset.price if days is None else PriceSpike(preset.price.target,
                                                        preset.price.factor, days)
