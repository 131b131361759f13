"""The corpus's CSV and project-file cases: the broken ones (each next to what
`planner check` prints) and the awkward ones that must load, with the helpers only they
use. Assembled in make_bad_corpus.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from corpus_helpers import (
    COUNTRY,
    FRACTION,
    MISSING,
    Case,
    base,
    changed,
    csv_folder,
    csv_folder_with,
    csv_text,
    damaged_project,
    declared_pages,
    many,
    project_file,
    raw,
    set_cell,
)


def _items_only(path: Path) -> None:
    path.write_text(csv_text(base(), "Items"), encoding="utf-8")


def _mixed_line_endings(path: Path) -> None:
    lines = csv_text(base(), "Items").split("\r\n")
    path.write_bytes(("\r\n".join(lines[:2]) + "\n" + "\n".join(lines[2:4]) + "\r"
                      + "\r\n".join(lines[4:])).encode())


def _items_with(*rows: str, encoding: str = "utf-8") -> bytes:
    """BASE's Items.csv with these lines (CRLF ends added) after its own."""
    return (csv_text(base(), "Items") + "".join(row + "\r\n" for row in rows)).encode(encoding)


def _items_lines(change: Callable[[list[str]], object]) -> bytes:
    """BASE's Items.csv (UTF-8) with its lines changed in place."""
    lines = csv_text(base(), "Items").split("\r\n")
    change(lines)
    return "\r\n".join(lines).encode()


def _replace_line(number: int, old: str, new: str) -> Callable[[list[str]], None]:
    def change(lines: list[str]) -> None:
        assert old in lines[number - 1], (old, lines[number - 1])
        lines[number - 1] = lines[number - 1].replace(old, new)
    return change


def _mixed_encodings(path: Path) -> None:
    """Suppliers.csv in UTF-8, but for a line pasted from a Windows-1252 file."""
    path.write_bytes(csv_text(changed(set_cell("Suppliers", 3, 1, "Müller & Söhne")),
                              "Suppliers").encode()
                     + "S4,Gröber Metall AG,AT\r\n".encode("cp1252")
                     + "S5,Société Générale des Métaux,FR\r\n".encode())


def _items_folder(path: Path) -> None:
    """Items.csv saved into a folder of that name."""
    data = path.read_bytes()
    path.unlink()
    path.mkdir()
    (path / "Items.csv").write_bytes(data)


def _other_database(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Ada', '555-0100')")
    con.commit()
    con.close()


def bad_csv_folders() -> list[Case]:
    """Broken CSV files and folders of them."""
    return [
        # --- CSV ---
        Case("Items.csv", "one CSV file instead of a folder of them", _items_only,
             [f"Demand: missing sheet Demand {MISSING}",
              f"Stock: missing sheet Stock {MISSING}",
              f"Suppliers: missing sheet Suppliers {MISSING}",
              f"Sources: missing sheet Sources {MISSING}",
              "warning: Settings: no Settings sheet; using the defaults and today as the "
              "as-of date"]),
        Case("csv_semicolon_decimal_comma/", "German Excel: cp1252, semicolons, decimal "
             "commas", lambda p: csv_folder(changed(many(
                 set_cell("Sources", 2, 2, "0,6"), set_cell("Sources", 3, 2, "0,4"),
                 set_cell("Stock", 2, 1, "2000,5"), set_cell("Suppliers", 3, 1, "Müller & Söhne")
             )), "cp1252", ";")(p),
             ['Stock!B2: on_hand must be a number (write 2000.5 with a decimal point), got '
              '"2000,5"',
              f'Sources!C2: share {FRACTION} (write 0.6 with a decimal point), got "0,6"',
              f'Sources!C3: share {FRACTION} (write 0.4 with a decimal point), got "0,4"']),
        Case("csv_utf16_tab/", "Excel's 'Unicode text': UTF-16 with tabs, a country name",
             csv_folder(changed(set_cell("Suppliers", 3, 2, "Deutschland")), "utf-16-le",
                        "\t", b"\xff\xfe"),
             [f'Suppliers!C3: country {COUNTRY}, got "Deutschland"']),
        Case("csv_long_field/", "a name of 200,000 characters in Items.csv (beyond the csv "
             "module's limit)", lambda p: (csv_folder(base())(p), (p / "Items.csv").write_text(
                 csv_text(changed(set_cell("Items", 4, 1, "x" * 200_000)), "Items"),
                 encoding="utf-8")),
             refused="Items.csv!row 4: a field is longer than 131,072 characters"),
        Case("csv_binary/", "Items.csv that is binary data",
             lambda p: (csv_folder(base())(p), (p / "Items.csv").write_bytes(
                 b"\x00\x01\x02\x03PK" * 64)),
             refused="Items.csv: not a text CSV file"),
        Case("csv_missing_files/", "only Items.csv and Demand.csv",
             csv_folder({k: v for k, v in base().items() if k in ("Items", "Demand")}),
             [f"Stock: missing sheet Stock {MISSING}",
              f"Suppliers: missing sheet Suppliers {MISSING}",
              f"Sources: missing sheet Sources {MISSING}",
              "warning: Settings: no Settings sheet; using the defaults and today as the "
              "as-of date"]),
        Case("csv_empty_items/", "an Items.csv of 0 bytes", csv_folder_with("Items.csv", b""),
             ["Items!A1: the sheet is empty; it needs a header row with item_id, name, kind, "
              "unit"]),
        Case("csv_euc_jp/", "Items.csv in EUC-JP (Japanese Unix programs) with Japanese "
             "names", csv_folder_with("Items.csv", csv_text(changed(many(
                 set_cell("Items", 4, 1, "ネオジム酸化物"),
                 set_cell("Items", 5, 1, "ジスプロシウム金属"))), "Items").encode("euc_jp")),
             refused="Items.csv: the file is not in an encoding Stockpile Planner reads "
             "(UTF-8, UTF-16, Shift_JIS, Windows-1252); it looks like EUC-JP: save it as UTF-8"),
        Case("csv_mixed_encodings/", "Suppliers.csv in UTF-8 but for one line pasted from a "
             "Windows-1252 file (read as Windows-1252, Müller became MÃ¼ller)",
             csv_folder_with("Suppliers.csv", _mixed_encodings),
             refused="Suppliers.csv: line 5 is not in UTF-8, unlike other lines of the file "
             "(two encodings mixed, as when lines are pasted from another file); correct the "
             "letters on that line and save the file as UTF-8"),
        Case("csv_gb18030/", "Items.csv in GB18030 (Chinese), whose bytes read as Korean "
             "EUC-KR as well: no encoding named", csv_folder_with("Items.csv", csv_text(
                 changed(many(set_cell("Items", 4, 1, "氧化镨钕"),
                              set_cell("Items", 5, 1, "金属镝"))), "Items").encode("gb18030")),
             refused="Items.csv: the file is not in an encoding Stockpile Planner reads "
             "(UTF-8, UTF-16, Shift_JIS, Windows-1252): save it as UTF-8"),
        Case("csv_unclosed_quote/", "a quote opened in Items.csv and never closed: the lines "
             "after it would be one name", csv_folder_with("Items.csv", _items_lines(
                 _replace_line(3, "NdFeB magnet set", '"NdFeB magnet set'))),
             refused='Items.csv: line 3: a quote (") opened on this line is never closed, so '
             "every line after it is read as one value; close the quote or delete it"),
        Case("csv_quote_closed_lines_later/", "a quote opened in Items.csv and closed by "
             "another stray quote two lines later", csv_folder_with("Items.csv", _items_lines(
                 many(_replace_line(3, "NdFeB magnet set", '"NdFeB magnet set'),
                      _replace_line(5, "rare earths", 'rare earths"')))),
             refused='Items.csv: line 3: a quote (") opened on this line closes only on line '
             "5, so the lines between are read as one value; close the quote on its own line "
             "or delete it"),
        Case("csv_nul_after_4_kb/", "a NUL byte on line 82 of Items.csv, after 4 KB of text",
             csv_folder_with("Items.csv", _items_with(
                 *(f"X{i},Extra material {i:02} for the stock count,material,kg,1,other"
                   for i in range(75)), "M4,Cob\0alt,material,kg,30,base metals")),
             refused="Items.csv: line 82 holds a NUL character (a zero byte), which text never "
             "holds; the file may be damaged: export it again"),
        Case("csv_items_folder/", "Items.csv is a folder (the file saved into a folder of "
             "its name)", csv_folder_with("Items.csv", _items_folder),
             refused="csv_items_folder: Items.csv is a folder, not a CSV file; the Items sheet "
             "must be a CSV file of that name"),
    ]


def bad_project_files() -> list[Case]:
    """Damaged and hostile project files."""
    return [
        # --- project files ---
        Case("newer_version.stockpile", "saved by a newer program (format 6)",
             project_file("UPDATE meta SET value = '6' WHERE key = 'schema_version';"),
             refused="newer_version.stockpile was saved by a newer version of Stockpile "
             "Planner (project file format 6; this version reads up to 5). Update the "
             "program to open it."),
        Case("unknown_version.stockpile", "a format that is not a number",
             project_file("UPDATE meta SET value = 'two' WHERE key = 'schema_version';"),
             refused="unknown_version.stockpile: unknown project file format 'two'"),
        Case("text_in_numbers.stockpile", "edited outside the program: text in a REAL column",
             project_file("UPDATE stock SET on_hand = 'plenty' WHERE position = 0;"),
             refused="text_in_numbers.stockpile: the project file is damaged (stock.on_hand "
             "holds 'plenty')"),
        Case("missing_table.stockpile", "edited outside the program: the bom table dropped",
             project_file("DROP TABLE bom;"),
             refused="missing_table.stockpile: the project file is damaged (no such table: "
             "bom)"),
        Case("unusable_values.stockpile", "edited outside the program: values the template "
             "would refuse", project_file(
                 "UPDATE items SET kind = 'banana' WHERE position = 2;"
                 "UPDATE bom SET qty_per = -1 WHERE position = 1;"
                 "UPDATE sources SET share = 5 WHERE position = 3;"
                 "UPDATE settings SET value = '0' WHERE key = 'horizon_days';"
                 "UPDATE items SET name = NULL WHERE position = 0;"),
             ['Items!C4: kind must be one of product, component, material, got "banana"',
              'BOM!C3: qty_per must be greater than zero, got "-1"',
              'Sources!C5: share must be between 0 and 1 (write 5% for a percentage), got "5"',
              'Settings!B3: horizon_days must be greater than zero, got "0"',
              "Items!B2: name is required"]),
        Case("not_sqlite.stockpile", "a text file named .stockpile",
             raw(csv_text(base(), "Items").encode()),
             refused="not_sqlite.stockpile: not a Stockpile Planner project file"),
        Case("other_database.stockpile", "another program's SQLite database",
             lambda p: _other_database(p),
             refused="other_database.stockpile: not a Stockpile Planner project file"),
        Case("view_instead_of_table.stockpile", "edited outside the program: the stock "
             "table replaced by a view of the same columns", project_file(
                 "DROP TABLE stock; CREATE VIEW stock AS SELECT 0 AS position, 'M1' AS "
                 "item_id, 1.0 AS on_hand, 0.0 AS safety_stock, NULL AS target_days;"),
             refused="view_instead_of_table.stockpile: damaged or not a project file: the "
             "table Stock is a view"),
        Case("recursive_view.stockpile", "the bom table replaced by a view over a recursive "
             "query that never ends: refused before it is read", project_file(
                 "DROP TABLE bom; CREATE VIEW bom AS WITH RECURSIVE n(k) AS (SELECT 0 UNION "
                 "ALL SELECT k + 1 FROM n) SELECT k AS position, 'P1' AS parent_id, 'C1' AS "
                 "child_id, 1.0 AS qty_per, NULL AS scrap_pct FROM n;"),
             refused="recursive_view.stockpile: damaged or not a project file: the table BOM "
             "is a view"),
        Case("generated_column.stockpile", "safety_stock computed from on_hand (a generated "
             "column)", project_file(
                 "ALTER TABLE stock RENAME TO old; CREATE TABLE stock (position INTEGER "
                 "PRIMARY KEY, item_id TEXT, on_hand REAL, safety_stock REAL GENERATED ALWAYS "
                 "AS (on_hand / 4) VIRTUAL, target_days REAL); INSERT INTO stock (position, "
                 "item_id, on_hand, target_days) SELECT position, item_id, on_hand, "
                 "target_days FROM old; DROP TABLE old;"),
             refused="generated_column.stockpile: damaged or not a project file: the column "
             "Stock.safety_stock is computed, not stored"),
        Case("virtual_table.stockpile", "the suppliers table replaced by a full-text index "
             "(a virtual table)", project_file(
                 "DROP TABLE suppliers; CREATE VIRTUAL TABLE suppliers USING fts5(position, "
                 "supplier_id, name, country);"),
             refused="virtual_table.stockpile: damaged or not a project file: the table "
             "Suppliers is a virtual table"),
        Case("negative_version.stockpile", "format -1",
             project_file("UPDATE meta SET value = '-1' WHERE key = 'schema_version';"),
             refused="negative_version.stockpile: unknown project file format -1"),
        Case("setting_text.stockpile", "edited outside the program: text as horizon_days",
             project_file("UPDATE settings SET value = 'soon' WHERE key = 'horizon_days';"),
             refused="setting_text.stockpile: the project file is damaged (setting "
             "horizon_days holds 'soon')"),
        Case("due_date_text.stockpile", "edited outside the program: text as a due date",
             project_file("UPDATE orders SET due_date = 'next week';"),
             refused="due_date_text.stockpile: the project file is damaged (orders.due_date "
             "holds 'next week')"),
        Case("empty_file.stockpile", "a project file of 0 bytes", raw(b""),
             refused="empty_file.stockpile: the file is empty"),
        Case("cut_at_10_bytes.stockpile", "only the start of SQLite's signature",
             damaged_project(lambda data: data[:10]),
             refused="cut_at_10_bytes.stockpile: the file is cut short (10 bytes); it may have "
             "been copied or downloaded incompletely"),
        Case("truncated_4_kib.stockpile", "the first 4 KiB of a project file",
             damaged_project(lambda data: data[:4096]),
             refused="truncated_4_kib.stockpile: the file is cut short (4,096 of its 10,240 "
             "bytes); it may have been copied or downloaded incompletely"),
        Case("declared_size_4_gib.stockpile", "a header claiming 8,388,608 pages (4 GiB) for "
             "a file of 10 KB", damaged_project(lambda data: declared_pages(data, 2**23)),
             refused="declared_size_4_gib.stockpile: the file is cut short (10,240 of its "
             "4,294,967,296 bytes); it may have been copied or downloaded incompletely"),
        Case("missing_column.stockpile", "edited outside the program: the column "
             "stock.item_id dropped", project_file("ALTER TABLE stock DROP COLUMN item_id;"),
             refused="missing_column.stockpile: the project file is damaged (the table stock "
             "has no column item_id)"),
        Case("no_schema_version.stockpile", "the meta table without its schema_version row",
             project_file("DELETE FROM meta WHERE key = 'schema_version';"),
             refused="no_schema_version.stockpile: the project file does not say its format "
             "(the meta table has no schema_version); it is damaged or was not written by "
             "Stockpile Planner"),
        Case("unseen_ids.stockpile", "edited outside the program: an id with a right-to-left "
             "override, another with a line break", project_file(
                 "UPDATE items SET item_id = 'M2' || char(8238) WHERE item_id = 'M2'; "
                 "UPDATE suppliers SET supplier_id = 'S' || char(10) || '3' "
                 "WHERE supplier_id = 'S3';"),
             ['Items!A5: item_id "M2\\u202e" contains a bidirectional control character '
              "(U+202E right-to-left override); ids must read the same everywhere, retype it",
              'Suppliers!A4: supplier_id "S\\u000a3" contains a line break (U+000A); an id '
              "must be on one line, retype it"]),
    ]


def good_csv_folders() -> list[Case]:
    """CSV folders that load: other encodings and delimiters, extra files and fields."""
    return [
        Case("csv_cp1252_semicolon/", "German Excel's CSV: cp1252 with semicolons",
             csv_folder(base(), "cp1252", ";")),
        Case("csv_extra_file_long_field/", "an extra Notes.csv with a field of 200,000 "
             "characters: ignored, unread", lambda p: (csv_folder(base())(p), (
                 p / "Notes.csv").write_text(f'a,"{"x" * 200_000}"\r\n', encoding="utf-8")),
             warnings=["warning: Notes: unknown sheet ignored"]),
        Case("csv_utf8_bom_tab/", "UTF-8 with a byte order mark, tab separated",
             csv_folder(base(), "utf-8", "\t", b"\xef\xbb\xbf")),
        Case("csv_utf16_tab/", "Excel's 'Unicode text': UTF-16 with tabs",
             csv_folder(base(), "utf-16-le", "\t", b"\xff\xfe")),
        Case("csv_utf16_without_bom/", "UTF-16 without a byte order mark",
             csv_folder(base(), "utf-16-le", ",")),
        Case("csv_extra_field/", "a Demand line with a field beyond the header",
             csv_folder(changed(lambda s: s["Demand"][1].append("per the forecast"))),
             warnings=["warning: Demand!D1: column D has values but no header; ignored"]),
    ]


def good_project_files() -> list[Case]:
    """Project files that load though another program touched them."""
    return [
        # --- project files ---
        Case("wal_journal_mode.stockpile", "left in WAL journal mode by another SQLite "
             "program, without a -wal file", project_file(wal=True)),
        Case("with_trigger.stockpile", "triggers that would empty items on a change: the file "
             "is only read, nothing fires", project_file(
                 "CREATE TRIGGER wipe AFTER UPDATE ON meta BEGIN DELETE FROM items; END;"
                 "CREATE TRIGGER wipe_too AFTER INSERT ON stock BEGIN DELETE FROM items; "
                 "END;")),
        Case("extra_column.stockpile", "a column the program does not know, added outside "
             "it: ignored", project_file(
                 "ALTER TABLE stock ADD COLUMN counted_by TEXT; UPDATE stock SET counted_by = "
                 "'Ada';")),
        Case("declared_row_counts.stockpile", "statistics claiming 2,000,000,000 rows in "
             "every table: rows are counted, not taken from them",
             project_file("ANALYZE; UPDATE sqlite_stat1 SET stat = '2000000000 1';")),
    ]


def more_good_csv_folders() -> list[Case]:
    """More CSV folders that load: byte order marks, file names, line ends, quotes,
    optional sheets left out."""
    return [
        # --- CSV ---
        Case("csv_utf8_bom_comma/", "UTF-8 with a byte order mark, commas, a name with "
             "umlauts", csv_folder(changed(set_cell("Suppliers", 3, 1, "Müller & Söhne")),
                                   "utf-8", ",", b"\xef\xbb\xbf"),
             same_as_base=False),
        Case("csv_utf16_be/", "UTF-16 big-endian with a byte order mark",
             csv_folder(base(), "utf-16-be", ",", b"\xfe\xff")),
        Case("csv_japanese_file_name/", "an extra メモ.csv (a note, in Shift_JIS): ignored, "
             "unread", csv_folder_with("メモ.csv", "備考,在庫確認済み\r\n".encode("cp932")),
             warnings=["warning: メモ: unknown sheet ignored"]),
        Case("csv_extra_text_file/", "a README.txt beside the CSV files",
             csv_folder_with("README.txt", b"Exported from the ERP on 2026-11-02\r\n")),
        Case("csv_upper_case_extension/", "Stock.CSV, as some programs name it",
             csv_folder_with("Stock.csv", lambda path: path.rename(path.with_suffix(".CSV")))),
        Case("csv_mixed_line_endings/", "Items.csv with CRLF, LF and CR line ends (edited "
             "in several programs)", csv_folder_with("Items.csv", _mixed_line_endings)),
        Case("csv_cr_line_endings/", "Items.csv with CR line ends only (classic Mac)",
             csv_folder_with("Items.csv", csv_text(base(), "Items").replace("\r\n", "\r")
                             .encode())),
        Case("csv_blank_lines/", "a blank line after every line of Items.csv",
             csv_folder_with("Items.csv", csv_text(base(), "Items").replace("\r\n", "\r\n\r\n")
                             .encode())),
        Case("csv_quotes_inside_field/", 'a name with quotes inside an unquoted field: '
             'NdFeB "magnet" set', csv_folder_with("Items.csv", csv_text(base(), "Items")
                                                   .replace("NdFeB magnet set",
                                                            'NdFeB "magnet" set').encode()),
             same_as_base=False),
        Case("csv_orders_header_only/", "Orders.csv with its header and no rows",
             csv_folder_with("Orders.csv", b"item_id,supplier_id,quantity,due_date\r\n"),
             same_as_base=False),
        Case("csv_orders_empty_file/", "an Orders.csv of 0 bytes (Orders is optional)",
             csv_folder_with("Orders.csv", b""), same_as_base=False),
        Case("csv_without_settings/", "no Settings.csv",
             csv_folder_with("Settings.csv", None),
             warnings=["warning: Settings: no Settings sheet; using the defaults and today as "
                       "the as-of date"], same_as_base=False),
    ]
