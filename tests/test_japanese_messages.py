"""The engine speaks Japanese about its inputs (issue 14): messages about cells, files and
folders, the blank template workbook, and CSV folders written for Japanese Excel.

A message says the same thing at the same place in both languages: the bad corpus is
checked in English and in Japanese, line for line. A column is named by its Japanese name
with its canonical one beside it (員数（qty_per）); sheet!cell locations stay as they are.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import planner
from planner import cli
from planner.core import i18n
from planner.core.errors import ProjectFileError
from planner.inputs import parsing
from planner.inputs.blank_template import write_blank_template
from planner.inputs.files import export
from planner.inputs.schema import SHEETS, column_label, setting_label, sheet
from planner.inputs.template import write_csv_folder

BAD = Path(__file__).parent / "data" / "bad"
SAMPLE_JA = Path(__file__).parent.parent / "samples" / "motors_actuators_ja.xlsx"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """cli.main sets the language for the rest of the process: back to English."""
    yield
    i18n.set_language("en")


def check(capsys: pytest.CaptureFixture[str], path: Path, *lang: str) -> tuple[int, list[str]]:
    code = cli.main([*lang, "check", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err.splitlines()


def location(line: str) -> str:
    """Where a line of `planner check` says its problem is: "BOM!C7", "warning Demand!A2",
    "planner Items.csv" (a refused file), "" for the closing count."""
    line = re.sub(r"^(warning|警告): ", "warning ", line)
    if line.startswith("planner: "):
        return "planner " + line.removeprefix("planner: ").split(": ")[0]
    head, sep, _rest = line.partition(": ")
    return head if sep and (" " not in head.removeprefix("warning ")) else ""


# file -> a line of its Japanese check, as a pattern (the column as the checks name it)
JAPANESE_LINES = {
    "country_name.xlsx": r'Suppliers!C2: .*country.*は CN のような ISO 3166 の 2 文字の国コードで'
                         r'入力してください（入力値: "China"）。CN ではありませんか？',
    "csv_semicolon_decimal_comma": r'Stock!B2: .*on_hand.*は数値で入力してください。小数点は'
                                   r'ピリオドで 2000\.5 のように入力してください'
                                   r'（入力値: "2000,5"）',
    "kind_unknown.xlsx": r'Items!C3: .*kind.*は製品、部品、材料のいずれかで入力してください'
                         r'（入力値: "subassembly"）',
    "date_text.xlsx": r'Orders!D2: .*due_date.*は 2026-11-02 のような日付で入力してください'
                      r'（入力値: "next week"）',
    "invisible_characters.xlsx": r'警告: Demand!A2: .*item_id.*の "P1\\u200b" に見えない文字'
                                 r'（U\+200B zero width space）が含まれています。',
    "id_line_break.xlsx": r'.*に改行（U\+000A.*）が含まれています。コードは 1 行で入力し直して'
                          r'ください',
    "nan_and_infinity.xlsx": r'.*は有限の数値で入力してください（入力値: ',
    "encrypted.xlsx": r"planner: encrypted\.xlsx: パスワード付きのブックか、古い形式（\.xls）の"
                      r"ファイルです。Excel で開き、パスワードを付けずに \.xlsx 形式で保存して"
                      r"ください",
    "macros.xlsm": r"planner: macros\.xlsm: マクロを含むブックです。",
    "csv_unclosed_quote": r'planner: Items\.csv: \d+ 行目: この行で始まる引用符（"）が閉じられて'
                          r"いないため、以降のすべての行が 1 つの値として読み込まれます。",
    "csv_gb18030": r"planner: Items\.csv: Stockpile Planner が読み込める文字コード（UTF-8, "
                   r"UTF-16, Shift_JIS, Windows-1252）ではありません。UTF-8 で保存してください",
    "csv_mixed_encodings": r"planner: Suppliers\.csv: \d+ 行目だけがほかの行と違い UTF-8 ではありま"
                           r"せん",
    "dates_far_past.xlsx": r".*は 1900 年から 2200 年までの日付で入力してください（入力値: ",
}


@pytest.mark.parametrize("name", sorted(JAPANESE_LINES))
def test_a_bad_file_says_the_same_in_japanese_at_the_same_places(
        capsys: pytest.CaptureFixture[str], name: str) -> None:
    code_en, english = check(capsys, BAD / name)
    code_ja, japanese = check(capsys, BAD / name, "--lang", "ja")
    assert code_ja == code_en != 0
    assert len(japanese) == len(english)
    assert [location(line) for line in japanese] == [location(line) for line in english]
    assert any(re.fullmatch(JAPANESE_LINES[name] + ".*", line) for line in japanese), japanese
    if not english[0].startswith("planner: "):
        assert japanese[-1].endswith("件の問題が見つかりました。何も変更していません。")


def test_a_message_names_the_column_in_japanese_with_its_key_beside(japanese: None) -> None:
    _, _, messages = parsing.parse_numbers(["abc"])
    said = parsing.named(parsing.as_positive(messages[0]), column_label("BOM", "qty_per"))
    assert f"BOM!C7: {said}" == 'BOM!C7: 員数（qty_per）は正の数で入力してください（入力値: "abc"）'
    assert setting_label("horizon_days") == "計画期間（日）（horizon_days）"
    assert sheet("Stock").column("on_hand").label == "在庫数量（on_hand）"
    _, _, warned = parsing.parse_ids(["P1\u200b"])
    named = parsing.named(warned[0], column_label("Demand", "item_id"))
    assert parsing.is_warning(named)
    assert named.startswith('品目コード（item_id）の "P1\\u200b" に見えない文字')


def test_the_same_message_in_english_is_as_it_always_was() -> None:
    _, _, messages = parsing.parse_numbers(["abc", "6,5"])
    assert messages[0] == 'must be a number, got "abc"'
    assert parsing.named(parsing.as_positive(messages[1]), column_label("BOM", "qty_per")) == (
        'qty_per must be a positive number (write 6.5 with a decimal point), got "6,5"')
    assert parsing.named("is required", "kind") == "kind is required"
    assert column_label("BOM", "qty_per") == "qty_per"


# --- the blank template in Japanese ----------------------------------------------------------

FILLED = {  # sheet -> {column: value} written over the first example row, in both languages
    "Items": {"name": "Motor housing", "unit": "pcs", "category": "Metal"},
    "Suppliers": {"name": "Acme Castings"},
}


def _fill(path: Path) -> None:
    """Overwrite the example rows' texts (the same in both languages) and the other items'
    and supplier's names, as a user filling the template would."""
    wb = openpyxl.load_workbook(path)
    for name, values in FILLED.items():
        spec = sheet(name)
        ws = wb[spec.heading]
        for column, value in values.items():
            ws.cell(2, spec.column_names.index(column) + 1, value)
    items = sheet("Items")
    wb[items.heading].cell(3, items.column_names.index("name") + 1, "Copper")
    wb[items.heading].cell(3, items.column_names.index("unit") + 1, "kg")
    wb[items.heading].cell(3, items.column_names.index("category") + 1, "Metal")
    wb[items.heading].cell(4, items.column_names.index("name") + 1, "Recycled copper")
    wb[items.heading].cell(4, items.column_names.index("category") + 1, "Metal")
    suppliers = sheet("Suppliers")
    wb[suppliers.heading].cell(3, suppliers.column_names.index("name") + 1, "Acme Recycling")
    wb.save(path)


def _tables(project: planner.Project) -> dict[str, pd.DataFrame]:
    return {name: frame.reset_index(drop=True) for name, frame in project.tables.items()}


def test_the_japanese_template_reads_back_as_the_english_one(tmp_path: Path,
                                                              japanese: None) -> None:
    today = dt.date(2026, 11, 30)
    write_blank_template(tmp_path / "ja.xlsx", today)
    i18n.set_language("en")
    write_blank_template(tmp_path / "en.xlsx", today)
    i18n.set_language("ja")

    wb = openpyxl.load_workbook(tmp_path / "ja.xlsx")
    assert wb.sheetnames[0] == "記入方法"
    assert wb.sheetnames[1:] == ["リスト", "品目", "部品表", "需要", "需要予測", "在庫", "仕入先",
                                 "調達先", "発注残", "代替品", "為替レート", "設定"]
    assert [c.value for c in wb["部品表"][1]] == ["親品目コード", "子品目コード", "員数",
                                                "スクラップ率（%）"]
    assert wb["品目"]["A1"].font.name == "Yu Gothic"
    assert wb["品目"]["C2"].value == "製品"  # kind offered and written in Japanese
    assert wb["需要"]["C2"].value == "週"
    assert wb["部品表"]["C1"].comment.text.startswith("必須。0 より大きい数値。")
    assert "英語名: qty_per" in wb["部品表"]["C1"].comment.text
    assert wb["設定"]["A3"].value == "計画期間（日）"
    assert "計画の対象とする日数" in wb["設定"]["A3"].comment.text
    instructions = [c.value for row in wb["記入方法"].iter_rows() for c in row if c.value]
    assert "Stockpile Planner 入力テンプレート" in instructions
    assert any(str(v).startswith("灰色の斜体の行はサンプルです。") for v in instructions)
    kinds = [v for v in wb["品目"].data_validations.dataValidation
             if str(v.sqref).startswith("C2:")]
    assert kinds[0].formula1 == '"製品,部品,材料"'

    untouched = planner.load(tmp_path / "ja.xlsx")  # as written: valid, in English keys
    assert list(untouched.tables["Items"]["kind"]) == ["product", "material", "material"]
    assert untouched.tables["Items"]["name"].tolist() == ["サンプル製品", "サンプル材料",
                                                          "サンプル代替材料"]
    for language in ("en", "ja"):  # each workbook's sheets are named in its language
        i18n.set_language(language)
        _fill(tmp_path / f"{language}.xlsx")
    ja, en = planner.load(tmp_path / "ja.xlsx"), planner.load(tmp_path / "en.xlsx")
    assert ja.settings == en.settings
    for name, frame in _tables(en).items():
        pd.testing.assert_frame_equal(_tables(ja)[name], frame, check_like=False)
    assert not ja.warnings


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are not installed")
def test_libreoffice_opens_the_japanese_template(tmp_path: Path, japanese: None) -> None:
    write_blank_template(tmp_path / "template.xlsx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "template.xlsx")], check=True, capture_output=True,
                   timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "template.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    for shown in ("入力テンプレート", "品目コード", "員数", "サンプル製品", "設定"):
        assert shown in text


# --- CSV folders: UTF-8 with a byte order mark, or CP932 ------------------------------------

@pytest.fixture(scope="module")
def project_ja() -> planner.Project:
    return planner.load(SAMPLE_JA)


def _same(a: planner.Project, b: planner.Project) -> None:
    assert a.settings == b.settings
    for name in a.tables:
        pd.testing.assert_frame_equal(_tables(b)[name], _tables(a)[name])


def test_a_csv_folder_is_utf8_with_a_byte_order_mark_by_default(
        project_ja: planner.Project, tmp_path: Path) -> None:
    export(project_ja, tmp_path / "csv")
    for spec in SHEETS:
        data = (tmp_path / "csv" / f"{spec.name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf" + spec.column_names[0].encode())
    assert "モーター" in "".join(
        (tmp_path / "csv" / "Items.csv").read_text(encoding="utf-8-sig").splitlines()[1:])
    _same(project_ja, planner.load(tmp_path / "csv"))


def test_a_csv_folder_in_cp932_reads_back_the_same(tmp_path: Path) -> None:
    project = planner.load(SAMPLE_JA)
    suppliers = project.tables["Suppliers"]  # a Chinese name: 份 is not in CP932
    suppliers["name"] = suppliers["name"].str.replace("份", "分")
    export(project, tmp_path / "csv", encoding="cp932")
    data = (tmp_path / "csv" / "Items.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    names = data.decode("cp932")
    assert any("\u3040" <= ch <= "\u9fff" for ch in names)  # Japanese, as Shift_JIS
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _same(project, planner.load(tmp_path / "csv"))


def test_a_character_cp932_cannot_hold_is_refused_with_its_cell(tmp_path: Path,
                                                               japanese: None) -> None:
    project = planner.load(SAMPLE_JA)
    items = project.tables["Items"]
    items.loc[items.index[2], "name"] = "モーター 한국형"
    with pytest.raises(ProjectFileError) as info:
        write_csv_folder(project, tmp_path / "csv", encoding="cp932")
    assert str(info.value) == (
        'csv を書き込めませんでした: Items!B4（品名（name））の文字 "한"（U+D55C）は '
        "Shift_JIS（CP932）で表せません。別の文字に置き換えるか、CSV ファイルを UTF-8 で"
        "書き出してください")
    assert not (tmp_path / "csv").exists()  # nothing written, no "?" anywhere
    i18n.set_language("en")
    with pytest.raises(ProjectFileError, match=re.escape(
            'could not write csv: Items!B4 (name) holds "한" (U+D55C), which Shift_JIS '
            "(CP932) cannot encode; replace it, or write the CSV files in UTF-8")):
        write_csv_folder(project, tmp_path / "csv", encoding="cp932")
    write_csv_folder(project, tmp_path / "csv")  # UTF-8 holds it
    assert "모" not in (tmp_path / "csv" / "Items.csv").read_text(encoding="utf-8-sig")
    assert "한국형" in (tmp_path / "csv" / "Items.csv").read_text(encoding="utf-8-sig")
