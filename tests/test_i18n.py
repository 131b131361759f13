"""The engine's languages: the choice of language, the catalogues kept complete and compiled,
and the command line in Japanese with the same figures as in English."""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import BASE

import planner
from planner import cli
from planner.core import i18n

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "resources" / "locale" / "ja" / "LC_MESSAGES" / "planner.po"
MO = PO.with_suffix(".mo")
SAMPLE = ROOT / "samples" / "ev_motors_wind.xlsx"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%%|%\(\w+\)s")


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "ja_JP.eucJP"}, "ja"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "ja_JP.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),  # LC_ALL wins over LANG
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
    ({"LANGUAGE": "fr:ja:en", "LANG": "en_US.UTF-8"}, "ja"),  # the first one we speak
    ({"LANGUAGE": "fr", "LANG": "ja_JP.UTF-8"}, "ja"),  # none spoken: the next variable
])
def test_the_language_comes_from_the_environment_as_gettext_reads_it(
        environ: dict[str, str], expected: str) -> None:
    assert i18n.language_from_environment(environ) == expected


def test_an_unknown_language_falls_back_to_english_instead_of_failing() -> None:
    assert i18n.set_language("xx_YY") == "en"
    assert i18n.set_language("ja-JP") == "ja"
    assert i18n._("wrote {file}") == "{file} を書き出しました"


def _extracted() -> dict[str, tuple[str, ...]]:
    """Every message marked in the engine's sources: msgid → its placeholders."""
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT / "planner"):
        singular = message[0] if isinstance(message, tuple) else message
        found[singular] = tuple(sorted(PLACEHOLDER.findall(singular)))
    return found


def _catalogue() -> dict[str, str]:
    with PO.open("rb") as stream:
        catalogue = read_po(stream)
    out = {}
    for message in catalogue:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        text = message.string[0] if isinstance(message.id, tuple) else message.string
        assert "fuzzy" not in message.flags, f"fuzzy (unchecked) translation: {key!r}"
        out[key] = text
    return out


def test_every_message_of_the_engine_has_its_japanese() -> None:
    """Run `make translations` after marking a string, then translate the new entries."""
    extracted, catalogue = _extracted(), _catalogue()
    assert extracted, "no marked message found"
    missing = [key for key in extracted if not catalogue.get(key)]
    assert not missing, f"{len(missing)} messages without Japanese, e.g. {missing[:5]}"


def test_each_translation_keeps_the_placeholders_of_its_source() -> None:
    """A placeholder lost or misspelt in Japanese would raise KeyError or drop a figure."""
    wrong = [(source, text) for source, text in _catalogue().items() if text
             and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source))]
    assert not wrong, wrong[:5]


def test_the_compiled_catalogue_is_the_one_of_the_sources() -> None:
    """The shipped .mo says what the .po says (`make translations` compiles it)."""
    with MO.open("rb") as stream:
        compiled = {(m.id[0] if isinstance(m.id, (tuple, list)) else m.id):
                    (m.string[0] if isinstance(m.id, (tuple, list)) else m.string)
                    for m in read_mo(stream) if m.id}
    assert compiled == {k: v for k, v in _catalogue().items() if v}


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_speaks_japanese_with_lang_and_english_without(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--lang", "ja", "check", SAMPLE)
    assert code == 0 and out.startswith("ev_motors_wind.xlsx: 問題ありません（品目 22 件")
    code, out, _err = run(capsys, "check", SAMPLE)
    assert code == 0 and out.startswith("ev_motors_wind.xlsx: valid (22 items")


def test_lang_may_follow_the_command_too(capsys: pytest.CaptureFixture[str]) -> None:
    """`planner check FILE --lang ja`, as people write options, is the same as before it."""
    code, out, _err = run(capsys, "check", SAMPLE, "--lang", "ja")
    assert code == 0 and out.startswith("ev_motors_wind.xlsx: 問題ありません（品目 22 件")
    code, out, _err = run(capsys, "check", SAMPLE, "--lang=en")
    assert code == 0 and out.startswith("ev_motors_wind.xlsx: valid (22 items")


def test_the_command_line_follows_lang_from_the_environment(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    code, out, _err = run(capsys, "check", SAMPLE)
    assert code == 0 and "問題ありません" in out
    code, out, _err = run(capsys, "--lang=en", "check", SAMPLE)  # the option wins
    assert code == 0 and "valid" in out


def test_the_help_is_translated(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--lang", "ja", "--help"])
    out = capsys.readouterr().out
    assert "ブック、CSV フォルダー、プロジェクトファイルを検査する" in out
    assert out.startswith("使い方: planner") and "\nオプション:\n" in out  # argparse's own


def test_a_usage_error_is_said_in_japanese_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--lang", "ja", "plan"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "planner plan: エラー: 次の引数を指定してください: file")
    with pytest.raises(SystemExit):
        cli.main(["plan"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "planner plan: error: the following arguments are required: file")


def test_switching_the_language_changes_no_figure(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON is for scripts: the same keys and numbers in either language."""
    _code, english, _err = run(capsys, "report", SAMPLE, "--json")
    _code, japanese, _err = run(capsys, "--lang", "ja", "report", SAMPLE, "--json")
    assert json.loads(japanese) == json.loads(english)


def test_a_compiled_catalogue_is_read_through_package_data() -> None:
    catalogue = i18n.catalogue("ja")
    assert catalogue.gettext("what stops") == "止まる供給元"
    assert isinstance(i18n.catalogue("en").gettext("x"), str)
    assert io.BytesIO(MO.read_bytes()).read(4) in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


def test_convert_writes_csv_for_excel_or_in_shift_jis_on_request(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        make_book: Callable[..., Path]) -> None:
    """UTF-8 with a byte order mark by default (Excel opens it right); cp932 on request, read
    back to the same project; a character Shift_JIS lacks refused at its cell."""
    sample = ROOT / "samples" / "motors_actuators_ja.xlsx"
    code, _out, _err = run(capsys, "convert", sample, "-o", tmp_path / "utf8")
    assert code == 0
    assert (tmp_path / "utf8" / "Items.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    code, _out, err = run(capsys, "convert", sample, "-o", tmp_path / "sjis", "--encoding",
                          "cp932")
    assert code == 1 and "Suppliers!B15" in err and "(CP932)" in err  # 份 is not in CP932
    assert not (tmp_path / "sjis" / "Items.csv").exists()
    sheets = copy.deepcopy(BASE)
    sheets["Items"][1][1] = "ネオジム磁石（Dy拡散）"
    book = make_book(sheets)
    code, _out, _err = run(capsys, "convert", book, "-o", tmp_path / "cp932", "--encoding",
                           "cp932")
    assert code == 0
    items = (tmp_path / "cp932" / "Items.csv").read_bytes()
    assert "ネオジム磁石（Dy拡散）".encode("cp932") in items
    assert planner.load(tmp_path / "cp932").tables["Items"].equals(
        planner.load(book).tables["Items"])
