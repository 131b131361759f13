"""What changed between two projects (planner.analysis.compare), as JSON for scripts and
as plain text grouped by kind for a reader (`planner compare`, docs/command-line.md)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from planner.analysis.compare import Comparison
from planner.core import formatting as fmt
from planner.core.i18n import N_, _, ngettext, pgettext
from planner.inputs.schema import SETTING_BY_KEY, sheet
from planner.outputs.reports import country_shown, table_lines

LISTED = 10  # ids named in a line of added or removed ones before the rest are counted
SHARE_NAMES = {"top_supplier_share": N_("top supplier"), "top_country_share": N_("top country"),
               "effective_top_share": N_("effective top country")}
CAP_NAMES = {"over_supplier_cap": N_("supplier cap"), "over_country_cap": N_("country cap")}


def compare_json(comparison: Comparison) -> dict[str, Any]:
    """`planner compare --json`: {"materials", "added", "removed", "products"}, in English
    words in every language."""
    return comparison.to_json()


def compare_text(comparison: Comparison, old_name: str, new_name: str) -> str:
    """The differences grouped by kind: materials' status, caps, cover and shares, the
    products, what was added and removed, the data and the settings."""
    c = comparison
    out = [_("What changed from {old} (as of {old_date}) to {new} (as of {new_date})").format(
        old=old_name, old_date=fmt.long_date(c.old_as_of), new=new_name,
        new_date=fmt.long_date(c.new_as_of))]
    if c.empty:
        out += ["", _("Nothing changed: the two projects have the same data and settings.")]
        return "\n".join(out)
    m = c.materials

    def rows_of(fields: tuple[str, ...]) -> pd.DataFrame:
        return m[m["field"].isin(fields).to_numpy(dtype=bool)]

    def name(item: object) -> str:
        return fmt.clip(c.names.get(str(item), ""), 28)

    status = rows_of(("status",))
    if len(status):
        rows = [[str(r["item_id"]), name(r["item_id"]), fmt.status_flag(str(r["old"])),
                 fmt.status_flag(str(r["new"]))] for r in _records(status)]
        out += ["", _("Materials newly below target or critical"),
                *table_lines([_("Item"), _("Name"), _("Was"), _("Now")], rows, set())]
    caps = rows_of(tuple(CAP_NAMES))
    if len(caps):
        rows = [[str(r["item_id"]), name(r["item_id"]), _(CAP_NAMES[r["field"]])]
                for r in _records(caps)]
        out += ["", _("Materials newly over a cap"),
                *table_lines([_("Item"), _("Name"), _("Cap")], rows, set())]
    cover = rows_of(("days_of_cover",))
    if len(cover):
        rows = [[str(r["item_id"]), name(r["item_id"]), _cover(r["old"]), _cover(r["new"]),
                 _change(float(r["new"]) - float(r["old"]), None)] for r in _records(cover)]
        out += ["", _("Days of cover that moved by more than {days} days").format(
                    days=fmt.setting_number(c.cover_days)),
                *table_lines([_("Item"), _("Name"), _("Was"), _("Now"), _("Change")],
                             rows, {2, 3, 4})]
    shares = rows_of(tuple(SHARE_NAMES))
    if len(shares):
        rows = [[str(r["item_id"]), name(r["item_id"]), _(SHARE_NAMES[r["field"]]),
                 f"{_top(r['field'], r['old_top'])} {fmt.share(r['old'])}".strip(),
                 f"{_top(r['field'], r['new_top'])} {fmt.share(r['new'])}".strip(),
                 _points(float(r["new"]) - float(r["old"]))]
                for r in _records(shares)]
        out += ["", _("Shares that moved by more than {points} percentage points").format(
                    points=fmt.setting_number(round(c.share_points * 100, 6))),
                *table_lines([_("Item"), _("Name"), _("Share"), _("Was"), _("Now"),
                              _("Change")], rows, {3, 4, 5})]
    if m.empty:
        out += ["", _("No material's status, caps, cover or shares moved beyond the "
                      "thresholds.")]
    if len(c.products):
        rows = [[str(r["item_id"]), fmt.clip(r["name"], 28), fmt.status_flag(str(r["old"])),
                 fmt.status_flag(str(r["new"])), fmt.text(r["material"])]
                for r in _records(c.products)]
        out += ["", _("Products whose worst status worsened"),
                *table_lines([_("Product"), _("Name"), _("Was"), _("Now"),
                              _("Worst material")], rows, set())]
    out += _added_removed(c)
    out += _data_lines(c)
    return "\n".join(out)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts (the cells of the comparison's object columns are
    plain Python values: text, bools and floats)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _top(field: str, top: object) -> str:
    """Whose share it is: a supplier's id, or a country as the report names it."""
    return fmt.text(top) if field == "top_supplier_share" else country_shown(top)


def _cover(value: object) -> str:
    """Days of cover: a number, or no limit for a use too small to count."""
    if not fmt.is_missing(value) and math.isinf(float(value)):  # type: ignore[arg-type]
        return _("no limit")
    return fmt.days(value)


def _change(value: float, digits: int | None) -> str:
    """A signed difference: +12 / -30 / -7.2 (``digits=None``: whole from 10 up, one
    decimal below, so that a move just over the threshold does not read as the threshold);
    blank when it has no number."""
    if not math.isfinite(value):
        return ""
    if digits is None:
        digits = 0 if abs(value) >= 10 else 1
    return f"{value:+,.{digits}f}"


def _points(value: float) -> str:
    """A signed difference of shares in percentage points: +10.0 / -5.5."""
    return _("{change} pt").format(change=_change(value * 100, 1))


def _ids(ids: list[str]) -> str:
    shown = pgettext("list separator", ", ").join(ids[:LISTED])
    if len(ids) <= LISTED:
        return shown
    return _("{listed} and {count} more").format(listed=shown,
                                                  count=fmt.count(len(ids) - LISTED))


def _added_removed(c: Comparison) -> list[str]:
    """One line per kind of thing added or removed: items, suppliers, sources."""
    def sources(pairs: list[list[str]]) -> list[str]:
        return [_("{item} from {supplier}").format(item=i, supplier=s) for i, s in pairs]

    a, r = c.added, c.removed
    lines = [
        (len(a["items"]), ngettext("{count} item added: {ids}.", "{count} items added: {ids}.",
                                   len(a["items"])), a["items"]),
        (len(a["suppliers"]), ngettext("{count} supplier added: {ids}.",
                                       "{count} suppliers added: {ids}.",
                                       len(a["suppliers"])), a["suppliers"]),
        (len(a["sources"]), ngettext("{count} source added: {ids}.",
                                     "{count} sources added: {ids}.",
                                     len(a["sources"])), sources(a["sources"])),
        (len(r["items"]), ngettext("{count} item removed: {ids}.",
                                   "{count} items removed: {ids}.", len(r["items"])),
         r["items"]),
        (len(r["suppliers"]), ngettext("{count} supplier removed: {ids}.",
                                       "{count} suppliers removed: {ids}.",
                                       len(r["suppliers"])), r["suppliers"]),
        (len(r["sources"]), ngettext("{count} source removed: {ids}.",
                                     "{count} sources removed: {ids}.",
                                     len(r["sources"])), sources(r["sources"])),
    ]
    out = [sentence.format(count=fmt.count(n), ids=_ids([str(i) for i in ids]))
           for n, sentence, ids in lines if n]
    return ["", *out] if out else []


def _data_lines(c: Comparison) -> list[str]:
    """How on-hand stock and open orders moved, the rows that differ sheet by sheet, and
    the settings that differ."""
    out = ["", _("On hand rose for {rose} and fell for {fell} of the materials in both.")
           .format(rose=fmt.count(c.on_hand.rose), fell=fmt.count(c.on_hand.fell)),
           _("Open orders due within the horizon rose for {rose} and fell for {fell} of the "
             "materials in both.").format(rose=fmt.count(c.open_orders.rose),
                                          fell=fmt.count(c.open_orders.fell))]
    rows = [[sheet(t).label, fmt.count(len(d.added)), fmt.count(len(d.removed)),
             fmt.count(len(d.changed))] for t, d in c.tables.items() if not d.same]
    if rows:
        out += ["", _("Rows that differ, sheet by sheet"),
                *table_lines([_("Sheet"), _("Added"), _("Removed"), _("Changed")], rows,
                             {1, 2, 3})]
    if c.settings:
        rows = [[SETTING_BY_KEY[key].label, _setting(old), _setting(new)]
                for key, old, new in c.settings]
        out += ["", _("Settings that differ"),
                *table_lines([_("Setting"), _("Was"), _("Now")], rows, set())]
    return out


def _setting(value: object) -> str:
    """A setting's value as entered: 2026-11-02 / 90 / 0.6 / EUR."""
    if isinstance(value, float):
        return fmt.setting_number(value)
    if hasattr(value, "isoformat"):
        return fmt.iso_date(value)
    return fmt.text(value)


__all__ = ["compare_json", "compare_text"]
