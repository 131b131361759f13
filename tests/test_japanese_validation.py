"""The checks of a project speak Japanese (issue 14): every file of the bad corpus gives, in
Japanese, as many lines as in English at the same places, with no English sentence left;
a few lines are pinned word for word. The text report names countries in Japanese, while
the JSON for scripts stays as it is in every language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner import cli
from planner.analysis.safety_stock import GIVEN, NO_LEAD_TIME, SERVICE_LEVEL, basis_label
from planner.core import i18n

DATA = Path(__file__).parent / "data"
BAD = json.loads((DATA / "bad" / "expected.json").read_text(encoding="utf-8"))
SAMPLE_JA = Path(__file__).parent.parent / "samples" / "motors_actuators_ja.xlsx"

# files whose line quotes words that are not ours: a library's or SQLite's own message
FOREIGN_WORDS = {"truncated.xlsx", "zip_bad_crc.xlsx", "shared_strings_missing.xlsx",
                 "missing_table.stockpile"}


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """cli.main sets the language for the rest of the process: back to English."""
    yield
    i18n.set_language("en")


def english_lines(entry: dict[str, object]) -> list[str]:
    """What `planner check` prints in English (tests/test_bad_corpus.py checks it)."""
    if "refused" in entry:
        return [f"planner: {entry['refused']}"]
    problems = [str(p) for p in entry["problems"]]  # type: ignore[attr-defined]
    return [*problems, "(count)"]


def japanese_lines(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    code = cli.main(["--lang", "ja", "check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "Traceback" not in err
    return err.splitlines()


def location(line: str) -> str:
    """Where a line says its problem is: "BOM!C7", "warning Demand!A2", "planner Items.csv"
    (a refused file), "" for the closing count."""
    if line.startswith("planner: "):
        return "planner " + re.split(r"[\s:!]", line.removeprefix("planner: "), maxsplit=1)[0]
    line = re.sub(r"^(warning|警告): ", "warning ", line)
    head, sep, _rest = line.partition(": ")
    return head if sep and " " not in head.removeprefix("warning ") else ""


# what a Japanese line may keep in Latin letters: quoted values, formulas, Unicode names of
# characters, the program's and encodings' names; then no two English words may follow
KEPT = [r'"[^"]*"', r"'[^']*'", r"=[^\s、。）]+", r"（U\+[0-9A-F]{4}[^）]*）",
        r"Stockpile Planner", r"UTF-8, UTF-16, Shift_JIS, Windows-1252"]
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}")


def english_left(line: str) -> str | None:
    text = line.split(": ", 1)[1] if line.startswith("planner: ") else line
    text = re.sub(r"^(警告: )?[^\s:]+!?[A-Z]*\d*: ", "", text)  # the location
    for pattern in KEPT:
        text = re.sub(pattern, "", text)
    found = ENGLISH.search(text)
    return found.group(0) if found else None


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_says_the_same_in_japanese_at_the_same_places(
        capsys: pytest.CaptureFixture[str], name: str) -> None:
    english = english_lines(BAD[name])
    japanese = japanese_lines(capsys, DATA / "bad" / name.rstrip("/"))
    assert len(japanese) == len(english), japanese
    assert [location(line) for line in japanese] == [location(line) for line in english]
    if "refused" not in BAD[name]:
        assert japanese[-1].endswith("件の問題が見つかりました。何も変更していません。")
    if name not in FOREIGN_WORDS:
        left = {line: english_left(line) for line in japanese}
        assert not any(left.values()), [(line, w) for line, w in left.items() if w]


def test_the_finder_of_english_finds_english() -> None:
    """The test above would pass with nothing translated if english_left found nothing."""
    assert english_left('BOM!C3: qty_per must be a positive number, got "abc"') is not None
    assert english_left("Sources: missing sheet Sources (a workbook needs Items)") is not None
    assert english_left('BOM!C3: 員数（qty_per）は正の数で入力してください'
                        '（入力値: "a b"）') is None


# file -> lines of its Japanese check, word for word
PINNED = {
    "number_text.xlsx": ['BOM!C3: 員数（qty_per）は正の数で入力してください（入力値: "abc"）'],
    "zero_where_positive.xlsx": [
        'BOM!C2: 員数（qty_per）は 0 より大きい数で入力してください（入力値: "0"）'],
    "negative.xlsx": [
        'BOM!D3: スクラップ率（%）（scrap_pct）は 0 以上の数で入力してください（入力値: "-1"）',
        'Stock!B2: 在庫数量（on_hand）は 0 以上の数で入力してください（入力値: "-5"）'],
    "missing_sheet.xlsx": [
        "Sources: 調達先（Sources）シートがありません（ブックには品目（Items）、需要（Demand）、"
        "在庫（Stock）、仕入先（Suppliers）、調達先（Sources）の各シートが必要です）"],
    "kind_unknown.xlsx": [
        'Items!C3: 区分（kind）は製品、部品、材料のいずれかで入力してください'
        '（入力値: "subassembly"）'],
    "shares_not_100.xlsx": [
        "Sources!C2: 品目 M1 の調達比率の合計が 0.9 で、1 になっていません（許容範囲: 1 ± 0.005）"],
    "bom_cycle.xlsx": ["BOM!A2: 部品表が循環しています: P1 → C1 → P1"],
    "duplicate_ids.xlsx": [
        "Items!A7: 品目コード（item_id）の M2 が重複しています（最初の行: 5 行目）",
        "Suppliers!A5: 仕入先コード（supplier_id）の S3 が重複しています（最初の行: 4 行目）"],
    "duplicate_rows.xlsx": [
        "Stock!A5: 品目 M3 の在庫の行が重複しています（最初の行: 4 行目）",
        "BOM!A6: 部品表の行 C1 / M2 が重複しています（最初の行: 4 行目）"],
    "duplicate_column.xlsx": ["Items!G1: 品名（name）の列が重複しています（B 列にもあります）"],
    "missing_column.xlsx": ["BOM!A1: 必須の列がありません: 員数（qty_per）"],
    "empty_sheet.xlsx": [
        "Stock!A1: シートが空です。品目コード（item_id）、在庫数量（on_hand）の見出し行が必要です"],
    "required_blank.xlsx": ["Items!B3: 品名（name）を入力してください"],
    "settings_twice.xlsx": [
        "Settings!A9: 基準通貨（currency）が 2 回設定されています（7 行目にもあります）",
        '警告: Settings!A10: 不明な設定 "colour" は読み込みませんでした'],
    "days_beyond_100_years.xlsx": [
        "Settings!B3: 計画期間（日）（horizon_days）は 36,500 日（100 年）以内で入力してください"
        '（入力値: "1000000"）'],
    "formula_without_result.xlsx": [
        "BOM!C3: 員数（qty_per）は計算結果が保存されていない数式（=0.15*2）です。Excel でブックを"
        "開いて保存してから取り込み直すか、値を直接入力してください"],
    "unknown_references.xlsx": [
        'Sources!B5: 仕入先 "S9" が仕入先（Suppliers）シートにありません',
        "警告: Orders!B2: 調達先（Sources）シートに品目 M3・仕入先 S7 の行がありません"],
    "merged_header.xlsx": [
        "BOM!D1: 見出しのセルが C1 と結合されているため、D 列には値がありますが列名がありません。"
        "見出しのセルの結合を解除し、各列に列名を入力してください"],
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_a_japanese_line_word_for_word(capsys: pytest.CaptureFixture[str], name: str) -> None:
    japanese = japanese_lines(capsys, DATA / "bad" / name)
    for line in PINNED[name]:
        assert line in japanese, japanese


def test_cross_sheet_checks_in_japanese(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    """Checks of a project file (no layout of a workbook): a rate, a service level and a
    requirement that overflows, each named with the column's Japanese name."""
    import planner
    from planner.inputs.files import export

    project = planner.load(SAMPLE_JA)  # in yen
    rates = project.tables["Rates"]
    rates.loc[0, "currency"] = "JPY"
    rates.loc[0, "rate"] = 2.0
    project.tables["Stock"].loc[0, "service_level"] = 0.3
    project.tables["BOM"].loc[0, "qty_per"] = 1e308
    export(project, tmp_path / "p.stockpile")
    lines = japanese_lines(capsys, tmp_path / "p.stockpile")
    assert any(re.fullmatch(r"Rates!B2: JPY はプロジェクトの通貨のため、レートは 1 にして"
                            r"ください（入力値: 2）", line) for line in lines), lines
    assert any(re.fullmatch(r"Stock!\w+: サービス率（service_level）は 50% 以上 100% 未満で"
                            r"入力してください（入力値: 30%）", line) for line in lines), lines
    assert any(re.fullmatch(r"BOM!\w+: 員数（qty_per）の値 1e308 により、\S+ の所要量が無限大に"
                            r"なります", line) for line in lines), lines


def test_where_a_safety_stock_comes_from_in_both_languages() -> None:
    assert [basis_label(b) for b in (GIVEN, SERVICE_LEVEL, NO_LEAD_TIME, None)] == [
        "given", "service level", "no lead time", ""]
    i18n.set_language("ja")
    assert [basis_label(b) for b in (GIVEN, SERVICE_LEVEL, NO_LEAD_TIME)] == [
        "入力値", "サービス率から算出", "リードタイムなし"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.main(list(args)) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return out


def test_the_japanese_report_names_countries_and_the_json_stays(
        capsys: pytest.CaptureFixture[str]) -> None:
    english = run(capsys, "report", str(SAMPLE_JA))
    japanese = run(capsys, "--lang", "ja", "report", str(SAMPLE_JA))
    dependence = [line for line in japanese.splitlines() if line.startswith("国への依存度")]
    assert dependence and "日本 " in dependence[0] and "中国 " in dependence[0], japanese
    assert " JP " not in dependence[0]
    assert re.search(r"^M-TB .* 中国 ", japanese, re.M), japanese
    assert "Country dependence by value (JPY): JP " in english  # English keeps the codes
    assert re.search(r"^M-TB .* CN ", english, re.M)

    i18n.set_language("en")
    as_json = run(capsys, "report", "--json", str(SAMPLE_JA))
    assert run(capsys, "--lang", "ja", "report", "--json", str(SAMPLE_JA)) == as_json
    assert json.loads(as_json)["materials"][0]["top_country"] in {"CN", "JP", "MY", "TH", "VN"}


def test_the_japanese_risk_ranking_names_countries_and_its_json_stays(
        capsys: pytest.CaptureFixture[str]) -> None:
    japanese = run(capsys, "--lang", "ja", "scenario", "--rank", str(SAMPLE_JA))
    assert re.search(r"country:CN\s+中国\s", japanese), japanese
    i18n.set_language("en")
    english = run(capsys, "scenario", "--rank", str(SAMPLE_JA))
    assert re.search(r"country:CN\s+China\s", english), english
    as_json = run(capsys, "scenario", "--rank", "--json", str(SAMPLE_JA))
    assert run(capsys, "--lang", "ja", "scenario", "--rank", "--json", str(SAMPLE_JA)) == as_json
    names = {s["key"]: s["name"] for s in json.loads(as_json)["stops"] if s["by"] == "country"}
    assert names["CN"] == "China"
