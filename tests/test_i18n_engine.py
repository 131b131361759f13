"""The engine's own messages in Japanese: a bad workbook, a damaged project file, a failed
save, a preset's stop and a plan's parameters read in Japanese once the language is "ja",
and exactly as before in English."""

from __future__ import annotations

import copy
import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE

import planner
from planner.analysis.frontier import frontier_text
from planner.analysis.plan import PlanParameters
from planner.analysis.presets import find_preset, load_presets, preset_stop
from planner.analysis.scenario import ScenarioError, Stop
from planner.core import i18n
from planner.core.errors import InputError, Problem, ProjectFileError, summarised
from planner.inputs import files, storage

BAD = Path(__file__).parent / "data" / "bad"


def _problems(path: Path) -> dict[str, str]:
    with pytest.raises(InputError) as info:
        files.load(path)
    return {p.where: p.message for p in info.value.problems}


# --- a bad workbook: formulas whose saved value cannot be trusted -------------------------

NO_RESULT_JA = ("は計算結果が保存されていない数式（=0.15*2）です。"
                "Excel でブックを開いて保存してから取り込み直すか、値を直接入力してください")
DDE_JA = ("は別のプログラムから値を取得する数式（=cmd|'/c calc'!A0、DDE）です。"
          "値を直接入力してください")


def test_a_formula_without_a_saved_result_in_japanese(japanese: None) -> None:
    message = _problems(BAD / "formula_without_result.xlsx")["BOM!C3"]
    assert "qty_per" in message  # the column, however the checks name it
    assert message.endswith(NO_RESULT_JA)
    links = _problems(BAD / "external_links.xlsx")
    assert links["Stock!C2"].endswith(DDE_JA)
    assert links["Stock!B2"].endswith(
        "は別のブックを参照する数式（=[1]Stock!B2）で、保存されている値が最新でない可能性があり"
        "ます。値を直接入力してください")


def test_a_formula_without_a_saved_result_in_english() -> None:
    assert _problems(BAD / "formula_without_result.xlsx")["BOM!C3"] == (
        "qty_per is a formula (=0.15*2) without a saved result; open the workbook in Excel, "
        "save it and import it again, or type the value")
    assert _problems(BAD / "external_links.xlsx")["Stock!C2"] == (
        "safety_stock is a formula (=cmd|'/c calc'!A0) that asks another program for its "
        "value (DDE); type the value")


def test_the_summary_of_many_problems_and_the_warning_prefix(japanese: None) -> None:
    many = [Problem("BOM", f"qty_per: bad {i}", f"C{i}", column="qty_per") for i in range(13)]
    shown = summarised(many)
    assert shown[-1].message == "列 qty_per に同様の問題がほかに 3 件あります"
    assert str(Problem("Settings", "x", "B2", "warning")) == "警告: Settings!B2: x"
    assert str(InputError(many)).splitlines()[0] == "入力に 13 件の問題があります:"
    i18n.set_language("en")
    shown = summarised(many)
    assert shown[-1].message == "and 3 more like these in column qty_per"
    assert str(Problem("Settings", "x", "B2", "warning")) == "warning: Settings!B2: x"
    assert str(InputError(many)).splitlines()[0] == "13 problems in the input:"


# --- project files -------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "english", "japanese_text"), [
    ("cut_at_10_bytes.stockpile",
     "cut_at_10_bytes.stockpile: the file is cut short (10 bytes); it may have been copied "
     "or downloaded incompletely",
     "cut_at_10_bytes.stockpile: ファイルが途中で切れています（10 バイト）。コピーまたは"
     "ダウンロードが完了していない可能性があります"),
    ("generated_column.stockpile",
     "generated_column.stockpile: damaged or not a project file: the column "
     "Stock.safety_stock is computed, not stored",
     "generated_column.stockpile: ファイルが破損しているか、プロジェクトファイルではありません: "
     "列 Stock.safety_stock が保存された値ではなく計算列になっています"),
    ("empty_file.stockpile", "empty_file.stockpile: the file is empty",
     "empty_file.stockpile: ファイルが空です"),
])
def test_a_damaged_project_file(name: str, english: str, japanese_text: str) -> None:
    for language, expected in (("ja", japanese_text), ("en", english)):
        i18n.set_language(language)
        try:
            with pytest.raises(ProjectFileError) as info:
                storage.load(BAD / name)
        finally:
            i18n.set_language("en")
        assert str(info.value) == expected


def test_a_save_on_a_full_disk(load_rows: Callable[..., planner.Project], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch, japanese: None) -> None:
    project = load_rows(copy.deepcopy(BASE))

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "replace", full)
    path = tmp_path / "p.stockpile"
    with pytest.raises(ProjectFileError) as info:
        storage.save(project, path)
    assert str(info.value) == ("p.stockpile を保存できませんでした: ディスクの空き容量が不足して"
                               "います。ディスク上のファイルは変更されていません")
    i18n.set_language("en")
    with pytest.raises(ProjectFileError) as info:
        storage.save(project, path)
    assert str(info.value) == ("could not save p.stockpile: the disk is full; the file on "
                               "disk was not changed")


# --- presets, stops and plans -------------------------------------------------------------

def test_a_preset_speaks_the_language(load_rows: Callable[..., planner.Project],
                                      japanese: None) -> None:
    project = load_rows(copy.deepcopy(BASE))
    preset = find_preset(load_presets(), "cn-gallium-germanium-2023")
    assert preset.shown_title == "中国：ガリウム・ゲルマニウムの輸出許可制（2023年）"
    assert preset.shown_measure.startswith("商務部・税関総署公告2023年第23号：")
    assert preset_stop(project, preset).name == preset.shown_title
    with pytest.raises(ScenarioError) as info:
        preset_stop(project, preset, days=40_000)
    assert str(info.value) == "days は最長 36,500 日（100 年）です（入力値: 40,000）"
    i18n.set_language("en")
    assert preset.shown_title == preset.title == (
        "China: gallium and germanium export licences (2023)")
    assert preset_stop(project, preset).name == preset.title
    with pytest.raises(ScenarioError) as info:
        preset_stop(project, preset, days=40_000)
    assert str(info.value) == "days must be at most 36,500 (100 years), got 40,000"


def test_every_bundled_preset_has_its_japanese() -> None:
    for preset in load_presets():
        assert preset.title_ja and preset.measure_ja and preset.assumption_ja, preset.id


def test_a_stop_written_wrongly(japanese: None) -> None:
    with pytest.raises(ScenarioError) as info:
        Stop.parse("CN", 30)
    assert str(info.value) == ("供給途絶は country:国コード または supplier:仕入先ID の形式で"
                               "指定してください（入力値: 'CN'）")
    i18n.set_language("en")
    with pytest.raises(ScenarioError) as info:
        Stop.parse("CN", 30)
    assert str(info.value) == "a stop is written country:CODE or supplier:ID, got 'CN'"


def test_plan_parameters_out_of_range(load_rows: Callable[..., planner.Project],
                                      japanese: None) -> None:
    settings = load_rows(copy.deepcopy(BASE)).settings
    with pytest.raises(InputError) as info:
        PlanParameters.of(settings, horizon_days=0, max_country_share=1.5)
    assert [str(p) for p in info.value.problems] == [
        "Settings: horizon_days は 0 より大きい値にしてください（入力値: 0）",
        "Settings: max_country_share は 0〜1 の範囲で指定してください（入力値: 1.5）"]
    i18n.set_language("en")
    with pytest.raises(InputError) as info:
        PlanParameters.of(settings, horizon_days=0, max_country_share=1.5)
    assert [str(p) for p in info.value.problems] == [
        "Settings: horizon_days must be greater than zero, got 0",
        "Settings: max_country_share must be between 0 and 1, got 1.5"]


def test_the_frontier_table_lines_up_in_japanese(japanese: None) -> None:
    import pandas as pd
    table = pd.DataFrame({"max_country_share": [0.6], "total_cost": [1234.0],
                          "top_country": ["CN"], "top_country_share": [0.6]})
    head, columns, row = frontier_text(table, "USD").splitlines()
    assert head == "依存度削減コスト: 国別上限比率ごとの調達計画"
    assert columns == " 上限     合計金額（USD）  最大の原産国（購入額に占める比率）"
    assert row == "  60%               1,234  CN 60%"
