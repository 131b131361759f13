"""Japanese workbooks and CSV files: sheet names, headers and setting keys in Japanese (the
template's aliases), Japanese kinds, periods and dates, and CSV files in Shift_JIS (CP932,
as Japanese Excel saves them) read to the same project as their English or UTF-8 twins."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from conftest import write_book

import planner
from planner import cli
from planner.core.errors import FileRefused, InputError
from planner.inputs.choices import parse_choices
from planner.inputs.parsing import parse_dates
from planner.inputs.reading import read_book
from planner.inputs.schema import SETTINGS, SHEETS, alias_table, normalise

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WORKBOOK = SAMPLES / "ev_motors_wind.xlsx"
CSV_FOLDER = SAMPLES / "ev_motors_wind_csv"
JAPANESE_SHEETS = {s.name: s.aliases[0] for s in SHEETS}
JAPANESE_SETTINGS = {s.key: s.aliases[0] for s in SETTINGS}
# names that a Japanese company would type, in kana and kanji (kanji alone in some)
NAMES = ["駆動用モータ", "ネオジム磁石", "酸化ネオジム・プラセオジム", "電気銅", "北辰物産株式会社",
         "包頭希土有限公司", "東北電解鉄工業株式会社", "巻線（平角線）", "個"]


def _japanese_header(sheet: str, column: str, variant: int) -> str:
    """A column's Japanese name: the first alias, or another one in turn."""
    spec = next(s for s in SHEETS if s.name == sheet)
    aliases = spec.column(column).aliases
    return aliases[variant % len(aliases)]


def _japanese_rows(sheet: str, rows: list[list[str]], variant: int = 0) -> list[list[str]]:
    """The rows of a template sheet with its header (and setting keys) in Japanese."""
    out = [[_japanese_header(sheet, normalise(h), variant + j) for j, h in enumerate(rows[0])]]
    for row in rows[1:]:
        row = list(row)
        if sheet == "Settings" and row and row[0] in JAPANESE_SETTINGS:
            row[0] = JAPANESE_SETTINGS[row[0]]
        out.append(row)
    return out


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _write_csv(path: Path, rows: list[list[str]], encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def _japanese_folder(target: Path, encoding: str, with_names: bool) -> Path:
    """The CSV sample as Japanese Excel would save it: Japanese file names and headers,
    and (with_names) Japanese item and supplier names, in ``encoding``."""
    target.mkdir(parents=True)
    for path in sorted(CSV_FOLDER.glob("*.csv")):
        rows = _read_csv(path)
        if with_names and path.stem in ("Items", "Suppliers"):
            for k, row in enumerate(rows[1:]):
                row[1] = f"{NAMES[k % len(NAMES)]}{k}"
        _write_csv(target / f"{JAPANESE_SHEETS[path.stem]}.csv",
                   _japanese_rows(path.stem, rows), encoding)
    return target


def _report_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, object]:
    capsys.readouterr()
    assert cli.main(["report", "--json", str(path)]) == 0
    out, _ = capsys.readouterr()
    return json.loads(out)  # type: ignore[no-any-return]


def test_a_cp932_csv_folder_reads_as_its_utf8_twins(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Shift_JIS (CP932), UTF-8 and UTF-8 with a byte order mark: the same project and the
    same report, to the last figure."""
    folders = {encoding: _japanese_folder(tmp_path / encoding / "project", encoding, True)
               for encoding in ("cp932", "utf-8", "utf-8-sig")}
    assert (folders["cp932"] / "品目.csv").read_bytes() != (
        folders["utf-8"] / "品目.csv").read_bytes()
    projects = {encoding: planner.load(folder) for encoding, folder in folders.items()}
    items = projects["cp932"].tables["Items"]
    assert items["name"].iloc[0] == f"{NAMES[0]}0"
    assert projects["cp932"].equals(projects["utf-8"])
    assert projects["cp932"].equals(projects["utf-8-sig"])
    reports = {encoding: _report_json(capsys, folder) for encoding, folder in folders.items()}
    assert reports["cp932"] == reports["utf-8"] == reports["utf-8-sig"]
    assert reports["cp932"]["materials"]


def test_japanese_csv_headers_read_as_the_english_sample(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8": the sample's names (Saarhütte, Alaşımları) are not in CP932."""
    folder = _japanese_folder(tmp_path / "ja", "utf-8-sig", with_names=False)
    assert planner.load(folder).equals(planner.load(CSV_FOLDER))


def _japanese_workbook(target: Path, variant: int) -> Path:
    """The workbook sample with its sheets, headers and setting keys renamed in Japanese
    (variant 0: the first alias of each; others: the other aliases in turn)."""
    wb = openpyxl.load_workbook(WORKBOOK)
    for ws in wb.worksheets:
        if ws.title not in JAPANESE_SHEETS:
            continue
        name = ws.title
        for j, cell in enumerate(ws[1]):
            if cell.value is not None:
                cell.value = _japanese_header(name, normalise(cell.value), variant + j)
        if name == "Settings":
            for (cell,) in ws.iter_rows(min_row=2, max_col=1):
                if cell.value in JAPANESE_SETTINGS:
                    cell.value = JAPANESE_SETTINGS[cell.value]
        ws.title = (JAPANESE_SHEETS[name] if variant == 0 else
                    next(s for s in SHEETS if s.name == name).aliases[-1])
    wb.save(target)
    return target


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_a_workbook_in_japanese_reads_as_the_english_sample(tmp_path: Path,
                                                            variant: int) -> None:
    path = _japanese_workbook(tmp_path / "ja.xlsx", variant)
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert "Items" not in names and "Sources" not in names
    project = planner.load(path)
    assert project.equals(planner.load(WORKBOOK))
    assert not [p for p in project.warnings if "unknown" in p.message]


def test_headers_are_matched_whatever_their_width_spaces_and_case() -> None:
    for header in ("リードタイム（日）", "リードタイム (日)", "リードタイム　（日）", "ﾘｰﾄﾞﾀｲﾑ(日)",
                   "リードタイム日", " リードタイム\n（日）", "LT", "ｌｔ（日）"):
        assert normalise(header) == "lead_time_days", header
    assert normalise("品目　コード") == normalise("品目コード") == "item_id"
    assert normalise("品目ｉｄ") == normalise("品目ID") == "item_id"
    assert normalise("ｉｔｅｍ＿ｉｄ") == "item_id"
    assert normalise("スクラップ率（％）") == "scrap_pct"
    assert normalise("部品表") == "bom" and normalise("為替レート") == "rates"
    assert normalise("基準日") == "as_of_date"
    # two unknown Japanese names stay two names (they were both "")
    assert normalise("メモ") != normalise("備考")


def test_every_column_and_setting_has_a_japanese_name() -> None:
    for spec in SHEETS:
        assert spec.aliases, spec.name
        for column in spec.columns:
            assert column.aliases, (spec.name, column.name)
            assert all(normalise(a) == column.name for a in column.aliases)
            # the name written is Japanese, not a code such as LT
            assert not column.aliases[0].isascii()
    for setting in SETTINGS:
        assert setting.aliases and all(normalise(a) == setting.key for a in setting.aliases)


def test_the_alias_table_lists_every_name() -> None:
    table = alias_table()
    assert table.startswith("| sheet | column or setting |")
    for spec in SHEETS:
        assert f"| **{spec.name}** | | **{', '.join(spec.aliases)}** |" in table
        for column in spec.columns:
            assert f"| | {column.name} | {', '.join(column.aliases)} |" in table
    assert "| | as_of_date (a key) | 基準日" in table


def _sheets() -> dict[str, list[list[object]]]:
    """A small valid project in Japanese, as rows."""
    return {
        "品目": [["品目コード", "品名", "区分", "単位", "単価"],
               ["P1", "駆動用モータ", "製品", "個", 120000],
               ["C1", "磁石", "部品", "kg", None],
               ["M1", "酸化ネオジム", "原材料", "kg", 9000]],
        "部品表": [["親品目コード", "子品目コード", "員数", "スクラップ率（%）"],
                ["P1", "C1", 1, None], ["C1", "M1", 0.3, 2]],
        "需要": [["品目コード", "数量", "期間"], ["P1", 700, "週"]],
        "在庫": [["品目コード", "在庫数量", "安全在庫"], ["M1", 2000, 500]],
        "仕入先": [["仕入先コード", "仕入先名", "国コード"], ["S1", "包頭希土有限公司", "CN"]],
        "調達先": [["品目コード", "仕入先コード", "調達比率", "リードタイム（日）"],
                ["M1", "S1", "１００％", 45]],
        "発注残": [["品目コード", "仕入先コード", "発注残数量", "納期"],
                ["M1", "S1", "１２，０００", "2026年12月1日"],
                ["M1", "S1", 500, "2026/11/30"]],
        "設定": [["項目", "値"], ["基準日", "２０２６年１１月２日"], ["計画期間（日）", 90]],
    }


def test_japanese_kinds_periods_numbers_and_dates(tmp_path: Path) -> None:
    project = planner.load(write_book(tmp_path / "ja.xlsx", _sheets()))
    assert list(project.tables["Items"]["kind"]) == ["product", "component", "material"]
    assert list(project.tables["Demand"]["per"]) == ["week"]
    orders = project.tables["Orders"]
    assert list(orders["quantity"]) == [12000.0, 500.0]
    assert [d.date() for d in orders["due_date"]] == [dt.date(2026, 12, 1),
                                                      dt.date(2026, 11, 30)]
    assert project.tables["Sources"]["share"].iloc[0] == 1.0
    assert project.settings.as_of_date == dt.date(2026, 11, 2)


def test_japanese_choices() -> None:
    kinds, _, messages = parse_choices(["製品", "完成品", "部品", "半製品", "材料", "原材料",
                                        "原料", "　製品　", "ＰＲＯＤＵＣＴ", "商品"], "kind")
    assert kinds[:9] == ["product", "product", "component", "component", "material",
                         "material", "material", "product", "product"]
    assert messages == {9: 'kind must be one of product, component, material, got "商品"'}
    periods, _, messages = parse_choices(["日", "毎日", "週", "毎週", "月", "毎月", "年", "毎年",
                                          "１日", "1 か月", "1ヶ月", "年間", "ＷＥＥＫ"], "per")
    assert periods == ["day", "day", "week", "week", "month", "month", "year", "year", "day",
                       "month", "month", "year", "week"]
    assert messages == {}
    # most cells unknown: the other path, case and width folded in every cell
    periods, _, messages = parse_choices(["ＤＡＹ", "１週間", "毎月", "x"], "per")
    assert periods == ["day", "week", "month", None] and list(messages) == [3]


def test_japanese_dates() -> None:
    values = ["2026/11/30", "2026年11月30日", "2026年1月5日", "２０２６年１月５日",
              "２０２６／０１／０５", "2026 年 1 月 5 日", "2026/1/5 0:00", "2026/1/5 0:00:00"]
    days, _, messages = parse_dates(values)
    assert messages == {}
    assert [str(d)[:10] for d in days] == ["2026-11-30"] * 2 + ["2026-01-05"] * 6
    _, _, messages = parse_dates(["2026年2月30日", "令和8年1月5日", "2026年1月5日(月)"])
    assert sorted(messages) == [0, 1, 2]


def test_a_column_named_twice_in_two_languages_is_an_error_at_its_cell(
        tmp_path: Path) -> None:
    sheets = _sheets()
    for r, row in enumerate(sheets["調達先"]):
        row.append("比率" if r == 0 else "100%")
    with pytest.raises(InputError) as caught:
        planner.load(write_book(tmp_path / "twice.xlsx", sheets))
    lines = [str(p) for p in caught.value.problems]
    assert "Sources!E1: column share appears twice (also in column C)" in lines, lines
    sheets = _sheets()
    sheets["品目"][0][4] = "Item ID"  # an English header beside its Japanese name
    with pytest.raises(InputError) as caught:
        planner.load(write_book(tmp_path / "twice_en.xlsx", sheets))
    lines = [str(p) for p in caught.value.problems]
    assert "Items!E1: column item_id appears twice (also in column A)" in lines, lines


def _items_csv(folder: Path, text: str, encoding: str) -> Path:
    folder.mkdir()
    (folder / "Items.csv").write_bytes(text.encode(encoding))
    return folder


HEADER = "item_id,name,kind,unit\r\n"


@pytest.mark.parametrize("names", [
    ["ネオジム酸化物", "ネオジウム金属"],  # kana
    ["北辰物産株式会社", "寧波微電機有限公司"],  # kanji alone, bytes all in Windows-1252 too
    ["巻線", "電磁鋼板"],
    ["山田金属", "個"],
])
def test_shift_jis_csv_files_are_read(tmp_path: Path, names: list[str]) -> None:
    text = HEADER + "".join(f"M{k},{n},material,kg\r\n" for k, n in enumerate(names))
    book = read_book(_items_csv(tmp_path / "ja", text, "cp932"))
    assert [r[1] for r in book.sheets["Items"].rows[1:]] == names


@pytest.mark.parametrize("names", [
    ["O’Brien’s Metals", "Acme’s Copper Works", "Rocky’s Tools"],
    ["d’économie"],
    ["Käse & Söhne Maschinenbau", "Gießerei Köln"],
    ["Müller & Söhne Straße", "Œuvre – “café” 10 €"],
])
def test_windows_1252_files_are_not_taken_for_shift_jis(tmp_path: Path,
                                                        names: list[str]) -> None:
    """The first two decode as CP932 too, to kanji amid ASCII letters ("O達rien痴",
    "d帝conomie"): still read as Windows-1252."""
    text = HEADER + "".join(f"M{k},{n},material,kg\r\n" for k, n in enumerate(names))
    book = read_book(_items_csv(tmp_path / "latin", text, "cp1252"))
    assert [r[1] for r in book.sheets["Items"].rows[1:]] == names


@pytest.mark.parametrize(("encoding", "named"), [("euc_jp", "EUC-JP"), ("gb18030", "")])
def test_other_east_asian_encodings_are_still_refused(tmp_path: Path, encoding: str,
                                                      named: str) -> None:
    names = (["ネオジム酸化物", "ジスプロシウム金属"] if encoding == "euc_jp" else
             ["氧化镨钕", "金属镝"])
    text = HEADER + "".join(f"M{k},{n},material,kg\r\n" for k, n in enumerate(names))
    with pytest.raises(FileRefused) as caught:
        read_book(_items_csv(tmp_path / encoding, text, encoding))
    looks = f"; it looks like {named}" if named else ""
    assert str(caught.value) == (
        "Items.csv: the file is not in an encoding Stockpile Planner reads (UTF-8, UTF-16, "
        f"Shift_JIS, Windows-1252){looks}: save it as UTF-8")


def test_a_japanese_csv_folder_names_its_problems_by_template_sheet(tmp_path: Path) -> None:
    """A kind the program does not know, in a Shift_JIS file named 品目.csv: located."""
    folder = tmp_path / "ja"
    folder.mkdir()
    for name, rows in _sheets().items():
        rows = [list(r) for r in rows]
        if name == "品目":
            rows[3][2] = "商品"
        _write_csv(folder / f"{name}.csv", [["" if v is None else str(v) for v in r]
                                            for r in rows], "cp932")
    with pytest.raises(InputError) as caught:
        planner.load(folder)
    lines = [str(p) for p in caught.value.problems]
    assert 'Items!C4: kind must be one of product, component, material, got "商品"' in lines


def test_every_alias_matches_in_its_nfkc_form() -> None:
    """The aliases are written as people type them; each matches in its NFKC form too."""
    for spec in SHEETS:
        for column in spec.columns:
            for alias in column.aliases:
                assert normalise(unicodedata.normalize("NFKC", alias)) == column.name
    assert not [a for s in SHEETS for a in s.aliases if re.search(r"\s", a)]


def test_the_readme_lists_the_japanese_names_the_reader_accepts() -> None:
    """The table of Japanese sheet, column and setting names in the README is the schema's
    own (schema.alias_table): regenerate it there when an alias changes."""
    from planner.inputs.schema import alias_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert alias_table().strip() in readme
