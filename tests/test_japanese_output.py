"""The engine's outputs in Japanese: the text reports, the plan workbook, the requests for
quotation and the printed summary, written and read back (openpyxl, LibreOffice, poppler).
English stays as it was (the other tests of these outputs), and the figures are the same
in both languages."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

import planner
from planner.analysis.plan import make_plan
from planner.analysis.scenario import rank
from planner.cli import main
from planner.core import formatting as fmt
from planner.core import i18n
from planner.outputs.plan_workbook import write_plan_workbook
from planner.outputs.rfq import write_rfq_workbooks

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "motors_actuators_ja.xlsx"
EV = Path(__file__).resolve().parents[1] / "samples" / "ev_motors_wind.xlsx"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    try:
        assert main(list(args)) == 0
    finally:
        i18n.set_language("en")  # --lang ja sets the engine's language for the process
    return capsys.readouterr().out


# --- figures -------------------------------------------------------------------------

def test_yen_without_decimals_and_other_currencies_keep_their_code(japanese: None) -> None:
    assert fmt.money(1234567.4, "JPY") == "¥1,234,567"
    assert fmt.money(1234567.4, "jpy") == "¥1,234,567"
    assert fmt.price(3800, "JPY") == "¥3,800"
    assert fmt.money(1234567.4, "EUR") == "EUR 1,234,567"
    assert fmt.price(0.0425, "EUR") == "EUR 0.0425"
    i18n.set_language("en")
    assert fmt.money(1234567.4, "JPY") == "JPY 1,234,567"
    assert fmt.price(3800, "JPY") == "JPY 3,800"


def test_dates_in_both_japanese_forms(japanese: None) -> None:
    day = dt.date(2026, 11, 30)
    assert fmt.date(day) == "2026/11/30"  # tables
    assert fmt.long_date(day) == "2026年11月30日"  # running text and headings
    assert fmt.iso_date(day) == "2026-11-30"  # file names, scripts
    i18n.set_language("en")
    assert (fmt.date(day), fmt.long_date(day)) == ("2026-11-30", "2026-11-30")


def test_words_and_statuses_in_japanese(japanese: None) -> None:
    assert fmt.days(float("nan")) == "需要なし"
    assert fmt.survival(None) == "持ちこたえる"
    assert fmt.day(None) == "なし"
    assert fmt.day(46) == "46 日目"
    assert [fmt.status_label(s) for s in ("critical", "short", "ok")] == [
        "危険", "目標未達", "目標達成"]
    assert fmt.status_flag("critical") == "危険"
    assert fmt.days(float("nan"), missing=fmt.DASH) == fmt.DASH  # a dash stays a dash


def test_clip_and_padding_count_display_columns() -> None:
    assert fmt.display_width("テルビウム Tb") == 13
    assert fmt.ljust("電解鉄", 8) == "電解鉄  "
    assert fmt.rjust("5", 3) == "  5"
    clipped = fmt.clip("ネオジム・プラセオジム酸化物 (NdPr酸化物)", 28)
    assert clipped.endswith("…") and width(clipped) <= 28


# --- text reports --------------------------------------------------------------------

def test_report_in_japanese_aligns_columns_by_display_width(
        capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--lang", "ja", "report", str(SAMPLE))
    lines = out.splitlines()
    assert "2026年11月2日 時点" in lines[0]
    header = next(line for line in lines if line.startswith("品目"))
    rule = lines[lines.index(header) + 1]
    assert set(rule.replace(" ", "")) == {"-"}
    status_at = width(header[: header.index("状況")])
    rows = [line for line in lines[lines.index(rule) + 1:] if line.startswith(("M-", "C-"))]
    assert len(rows) == 10
    for row in rows:
        # every status starts in the same display column, Japanese names before it or not
        starts = [width(row[: row.index(word)]) for word in ("目標未達", "目標達成", "危険")
                  if word in row]
        assert starts == [status_at], row
        assert width(row) <= width(rule)
    assert "材料 10 件：危険 2 件" in out


def test_english_report_of_the_japanese_sample_aligns_too(
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(capsys, "report", str(SAMPLE)).splitlines()
    header = next(line for line in lines if line.startswith("Item"))
    status_at = width(header[: header.index("Status")])
    rows = [line for line in lines if line.startswith(("M-", "C-"))]
    for row in rows:
        word = next(w for w in ("CRITICAL", "SHORT", "ok") if f"  {w} " in row)
        assert width(row[: row.index(f"  {word} ") + 2]) == status_at, row


@pytest.mark.parametrize("command", [["report", "--json"], ["plan", "--json"],
                                     ["scenario", "--rank", "--json"]])
def test_same_figures_in_both_languages(capsys: pytest.CaptureFixture[str],
                                        command: list[str]) -> None:
    english = json.loads(run(capsys, command[0], str(SAMPLE), *command[1:]))
    japanese = json.loads(run(capsys, "--lang", "ja", command[0], str(SAMPLE), *command[1:]))
    assert english == japanese


def test_plan_and_scenario_text_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--lang", "ja", "scenario", str(SAMPLE), "--stop", "country:CN",
              "--days", "90")
    assert "2026年11月2日 から 90 日間" in out
    assert "耐久日数" in out and "影響売上高" in out


# --- the plan workbook and the requests for quotation ---------------------------------

def test_plan_workbook_in_japanese(japanese: None, tmp_path: Path) -> None:
    project = planner.load(SAMPLE)
    plan = make_plan(project)
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, path, ranking=rank(project))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["概要", "発注明細", "在庫日数", "供給リスク", "途絶リスク"]
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in wb.sheetnames)
    lines = wb["発注明細"]
    headers = [c.value for c in lines[1]]
    assert headers[:5] == ["発注期限", "対応", "遅延日数", "品目", "名称"]
    assert "今すぐ発注" in [c.value for c in lines["B"]]
    countries = [c.value for c in wb["概要"]["B"]]  # the country mix names them in Japanese
    assert "中国" in countries and "China" not in countries
    assert any(isinstance(c.value, str) and "に欠品し" in c.value for c in lines[
        openpyxl.utils.get_column_letter(headers.index("警告") + 1)])
    # the Japanese font on headers, texts and numbers; dates and yen in Japanese forms
    assert {lines.cell(1, 1).font.name, lines.cell(2, 5).font.name,
            lines.cell(2, 3).font.name} == {"Yu Gothic"}
    assert lines.cell(2, 1).number_format.startswith("yyyy/mm/dd")
    cost = headers.index("金額") + 1
    assert lines.cell(2, cost).number_format.startswith('"¥"#,##0')
    # Japanese texts take twice the width of their characters
    name_width = wb["概要"].column_dimensions["A"].width
    assert name_width is not None
    summary = [c.value for row in wb["概要"].iter_rows(max_col=1) for c in row]
    assert "調達計画 — 株式会社 三遠モーター精工" in summary
    assert "合計" in summary
    cover = wb["在庫日数"]
    item_col = [c.value for c in cover["A"]]
    assert item_col[0] == "品目"
    header_cells = {c.value: c.column_letter for c in cover[1]}
    target = cover.column_dimensions[header_cells["目標在庫日数"]].width
    assert target >= width("目標在庫日数")  # ≥ 12: not counted as 6 characters


def test_english_workbook_keeps_its_font(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(make_plan(planner.load(EV)), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Summary", "Order lines"]
    assert wb["Order lines"].cell(1, 1).font.name == "Calibri"
    assert wb["Order lines"].cell(2, 1).number_format.startswith("yyyy-mm-dd")


def test_requests_for_quotation_in_japanese(japanese: None, tmp_path: Path) -> None:
    plan = make_plan(planner.load(SAMPLE))
    written = write_rfq_workbooks(plan, tmp_path / "rfq", date=dt.date(2026, 11, 30))
    ws = openpyxl.load_workbook(written[0])["見積依頼書"]
    assert ws["A1"].value == "見積依頼書"
    assert [ws.cell(r, 1).value for r in range(2, 6)] == ["依頼元", "宛先", "日付", "明細数"]
    assert [c.value for c in ws[8]][:4] == ["行", "当社照会番号", "品目", "名称"]
    assert ws["A1"].font.name == "Yu Gothic"
    assert "2026年11月30日" in ws.oddHeader.right.text


def libreoffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice is needed (apt-get install libreoffice-calc-nogui)"
    return exe


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_libreoffice_opens_the_japanese_workbook(japanese: None, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(make_plan(planner.load(SAMPLE)), path)
    profile = (tmp_path / "lo").as_uri()
    result = subprocess.run(
        [libreoffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / "plan.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    text = pdf_text(pdf)
    for shown in ("調達計画 — 株式会社 三遠モーター精工", "発注期限", "今すぐ発注",
                  "テルビウム", "¥236,806,665", "1 / ", "ページ"):
        assert shown in text, shown


# --- the printed summary -------------------------------------------------------------

def summary_command(out: Path, env: dict[str, str] | None = None
                    ) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.pop("QT_QPA_PLATFORM", None)
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "planner", "--lang", "ja", "summary",
                           str(SAMPLE), "-o", str(out)], capture_output=True, text=True,
                          env=environ, timeout=180)


def test_summary_pdf_in_japanese_embeds_a_japanese_font(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = summary_command(out)
    assert result.returncode == 0, result.stderr
    # Qt maps some kanji back to their look-alike Kangxi radicals (月 as U+2F49) in the
    # text layer: compared as NFKC, which folds those back
    text = unicodedata.normalize("NFKC", pdf_text(out))
    for heading in ("供給リスクサマリー", "2026年11月2日 時点", "リスク順の材料（10 件）",
                    "在庫日数と目標", "原産国別の調達構成", "リスクの高い製品",
                    "調達計画による変化", "途絶リスク", "目標未達", "1 / 2 ページ"):
        assert unicodedata.normalize("NFKC", heading) in text, heading
    assert "□" not in text
    assert "中国 (CN)" in text and "China" not in text  # the disruption ranking's countries
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    japanese = [line for line in fonts if "NotoSansCJK" in line]
    assert japanese and all(line.split()[-5] == "yes" for line in japanese)  # embedded


def test_summary_without_a_japanese_font_says_what_to_install(tmp_path: Path) -> None:
    """A machine with only DejaVu Sans: no tofu boxes, a message naming the fonts."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("needs DejaVu Sans where Debian installs it")
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{dejavu}</dir>'
                      f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
                      encoding="utf-8")
    out = tmp_path / "summary.pdf"
    result = summary_command(out, {"FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert "fonts-noto-cjk" in result.stderr and "Noto Sans CJK JP" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
