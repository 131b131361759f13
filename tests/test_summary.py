"""The printed exposure summary: rendered to PDF headlessly and read back with pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import planner
from planner.analysis.plan import make_plan
from planner.core.formatting import status_label
from planner.outputs.summary import build_summary, headline

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BOOKS = [SAMPLES / "ev_motors_wind.xlsx", SAMPLES / "semiconductor_equipment.xlsx"]

assert shutil.which("pdftotext"), "poppler-utils is needed (.ci/run installs it)"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")))


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("size", ["a4", "letter"])
def test_summary_command_writes_a_readable_pdf(book: Path, size: str, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must find its own way without a display
    run = subprocess.run([sys.executable, "-m", "planner", "summary", str(book), "-o",
                          str(out), "--page-size", size], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert 1 <= pages(out) <= 2
    text = pdf_text(out)
    project = planner.load(book)
    report = planner.compute(project)
    h = headline(report)
    assert project.settings.company in text
    assert f"As of {report.as_of.isoformat()}" in text
    assert f"of {h.materials} materials below" in text
    assert f"{h.largest_country} {h.largest_country_share:.0%}" in text
    assert f"Materials by risk ({h.materials})" in text
    assert f"Page 1 of {pages(out)}" in text
    # every material is in the table with its cover and its top supplier
    for r in report.materials.itertuples():
        assert r.top_supplier in text
    first = build_summary(project, report).materials.iloc[0]
    line = next(line for line in text.splitlines() if line.strip().startswith(
        first["name"][:20]) and first["top_supplier"] in line)
    assert f"{first['days_of_cover']:,.0f}" in line
    assert status_label(first["status"]) in line
    # the motor sample plans by month: its cover chart says so, the other's is flat
    axis = ("days of cover along the monthly forecast" if len(project.forecast) else
            "days of cover (stock on hand ÷ daily use)")
    assert axis in text


def test_headline_figures_follow_the_report() -> None:
    report = planner.compute(planner.load(BOOKS[0]))
    m = report.materials
    h = headline(report)
    assert h.materials == len(m)
    assert h.below_target == int(((m["daily_use"] > 0) & (m["status"] != "ok")).sum())
    assert h.single_sourced == int((m["suppliers"] == 1).sum())
    assert h.over_supplier_cap == int(m["over_supplier_cap"].sum())
    assert h.over_country_cap == int(m["over_country_cap"].sum())
    assert h.largest_country_share == report.country_dependence.max()


def test_summary_refuses_an_unwritable_folder(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "planner", "summary", str(BOOKS[0]), "-o",
                          str(tmp_path / "missing" / "s.pdf")], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 1
    assert "the folder does not exist" in run.stderr and "Traceback" not in run.stderr


def test_a_long_project_flows_onto_more_pages_with_the_header_repeated(tmp_path: Path) -> None:
    from planner.inputs import editing

    project = planner.load(BOOKS[1])
    items = project.items
    extra = items[items["kind"] == "material"]
    rows = pd.concat([extra.assign(item_id=extra["item_id"] + f"-{k}") for k in range(6)],
                     ignore_index=True)
    editing.insert_rows(project, "Items", len(items), rows)
    from planner.outputs.pdf import write_summary_pdf
    from planner.results import Results

    out = tmp_path / "long.pdf"
    n = write_summary_pdf(Results(project).summary(), out)
    assert n == pages(out) >= 2
    text = pdf_text(out)
    assert text.count("Top supplier") >= 2  # the table header repeated on the next page
    assert f"Page {n} of {n}" in text


def test_summary_shows_what_the_plan_changes_and_the_disruption_ranking(tmp_path: Path
                                                                        ) -> None:
    from planner.analysis.plan import make_plan
    from planner.analysis.scenario import rank
    from planner.outputs.pdf import write_summary_pdf
    from planner.results import Results

    project = planner.load(BOOKS[0])
    report = planner.compute(project)
    out = tmp_path / "s.pdf"
    write_summary_pdf(Results(project).summary(), out)
    text = pdf_text(out)
    assert "What the procurement plan changes" in text
    plan = make_plan(project)
    assert f"{len(plan.lines):,} order lines, {plan.currency} {plan.total_cost:,.0f} in all" in (
        " ".join(text.split()))
    biggest = plan.materials[plan.materials["planned"] > 0].sort_values(
        "cost", ascending=False).iloc[0]
    assert f"{biggest['planned']:,.0f} {biggest['unit']}" in text
    ranking = rank(project, report=report)
    top = ranking.stops.iloc[0]
    line = next(line for line in text.splitlines()
                if line.lstrip().startswith(str(top["by"])) and str(top["key"]) in line)
    assert f"{top['revenue_at_risk']:,.0f}" in line
    assert line.endswith("100.0%")  # the risk index reads as on screen, not 1.00
    # one form in the index column: "100%" stood above "6.4%" and "0%"
    rows = [line for line in text.splitlines()
            if line.lstrip().startswith(("supplier ", "country "))]
    assert rows and all(re.search(r"\s(<0\.1|\d{1,3}\.\d)%$", r) for r in rows), rows


def test_summary_writes_statuses_and_counts_one_way_and_wraps_long_notes(tmp_path: Path
                                                                         ) -> None:
    from planner.outputs.pdf import write_summary_pdf
    from planner.results import Results

    project = planner.load(BOOKS[0])
    out = tmp_path / "s.pdf"
    write_summary_pdf(Results(project).summary(), out)
    text = pdf_text(out)
    assert "(s)" not in text  # plurals through fmt.count: "5 materials"
    assert "CRITICAL" not in text and "SHORT" not in text
    assert "critical" in text and "short of target" in text
    # a note too long for one line is wrapped, never cut with an ellipsis
    assert not any("Still over a cap" in line and line.rstrip().endswith("…")
                   for line in text.splitlines())
    flat = " ".join(text.split())
    assert "other suppliers can deliver 828 kg over the horizon" in flat


def test_shares_and_reasons_are_printed_whole(tmp_path: Path) -> None:
    """In the semiconductor sample "100.0% → 100…" was cut in the plan's table and a
    product's reasons ended in "Tellurium …": figures are never cut, reasons wrap."""
    semi = BOOKS[1]
    out = tmp_path / "summary.pdf"
    run = subprocess.run([sys.executable, "-m", "planner", "summary", str(semi), "-o",
                          str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    text = pdf_text(out)
    plan = make_plan(planner.load(semi))
    # every row the plan's table prints shows its shares whole (the table shows the first
    # rows only when the page is full)
    shown = 0
    for m in plan.materials.itertuples():
        row = next((line for line in text.splitlines()
                    if line.startswith(str(m.name)[:14]) and "→" in line), None)
        if row is None:
            continue
        shown += 1
        assert (f"{m.top_supplier_share_before:.1%} → "
                f"{m.top_supplier_share_after:.1%}") in row
        assert "…" not in row
    assert shown >= 5
    reasons = " ".join(text.split("Products most at risk", 1)[1].split(
        "What the procurement plan changes", 1)[0].split())
    assert "…" not in reasons
    assert "Tellurium 5N: 100% from JP" in reasons
