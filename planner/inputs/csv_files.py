"""CSV files and folders of CSV files, read as raw cells of the template's sheets.

Decoding (UTF-8, UTF-16 with or without a byte order mark, Shift_JIS as Japanese Excel
writes it, Windows-1252; a file mixing UTF-8 lines with others, or in any other encoding,
refused), the delimiter and the shape
checks (a NUL character, a quote never closed); the limits are planner.inputs.reading's,
read when a file is read, the same as for workbooks.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
from pathlib import Path

import numpy as np

from planner.core.errors import FileRefused
from planner.core.i18n import N_, _
from planner.inputs import reading
from planner.inputs.reading import QUOTED_START, RawBook, RawSheet
from planner.inputs.schema import SHEET_BY_KEY, normalise


def read_csv_folder(folder: Path) -> RawBook:
    book = RawBook(folder.name + "/")
    entries = [p for p in sorted(folder.iterdir()) if p.suffix.lower() == ".csv"]
    for path in entries:  # a sheet's file that is a folder: say so, not "missing sheet"
        if path.is_dir() and normalise(path.stem) in SHEET_BY_KEY:
            raise FileRefused(_("{folder}: {name} is a folder, not a CSV file; the {sheet} "
                                "sheet must be a CSV file of that name").format(
                                  folder=folder.name, name=path.name, sheet=path.stem))
    files = [p for p in entries if p.is_file()]
    by_stem: dict[str, str] = {}
    for path in files:  # "Items.csv" and "Items.CSV": one would replace the other unseen
        if (first := by_stem.setdefault(path.stem, path.name)) != path.name:
            raise FileRefused(_('{folder}: the files "{first}" and "{second}" are the same '
                                'sheet; keep one').format(folder=folder.name, first=first,
                                                          second=path.name))
    for path in files:
        if normalise(path.stem) not in SHEET_BY_KEY:  # ignored with a warning: unread,
            book.sheets[path.stem] = RawSheet(path.stem, [])  # as in a workbook
            continue
        sheet = read_csv_file(path)
        book.sheets[sheet.name] = sheet
    if not book.sheets:
        raise FileRefused(_("{folder}: the folder holds no CSV files (Items.csv, BOM.csv, "
                            "...)").format(folder=folder.name))
    return book


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "-be" when the head is mostly ASCII text in UTF-16 without a byte
    order mark (most of every other byte zero), as some exports write it; else None."""
    head = data[:256] if len(data) % 2 == 0 else b""
    if len(head) < 8:
        return None
    for encoding, zeros, text in (("utf-16-le", head[1::2], head[0::2]),
                                  ("utf-16-be", head[0::2], head[1::2])):
        if zeros.count(0) >= 0.6 * len(zeros) and text.count(0) <= 0.1 * len(text):
            return encoding
    return None


def _decode(data: bytes, name: str) -> str:
    if (bare := _utf16_without_bom(data)) is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(bare)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("utf-8-sig")
    if (line := _mixed_line(data)) is not None:
        raise FileRefused(_(
            "{name}: line {line} is not in UTF-8, unlike other lines of the file (two "
            "encodings mixed, as when lines are pasted from another file); correct the "
            "letters on that line and save the file as UTF-8").format(name=name,
                                                                      line=f"{line:,}"))
    # Excel on Windows saves "CSV" in the ANSI code page: in Japan Shift_JIS (Windows'
    # CP932), in western Europe Windows-1252. Japanese text is told by _japanese; other
    # code pages, read as Windows-1252, give other letters (Chinese ids turn into accented
    # ones, and two ids can fall together): refused.
    japanese = _japanese(data)
    if japanese is not None and (_KANA.search(japanese) or _common_kanji(japanese)):
        return japanese
    text = data.decode("cp1252", errors="replace")
    if (other := _other_encoding(data, text)) is not None:
        if other:
            raise FileRefused(_("{name}: the file is not in an encoding Stockpile Planner "
                                "reads ({encodings}); it looks like {other}: save it as "
                                "UTF-8").format(name=name, encodings=ACCEPTED_ENCODINGS,
                                                other=other))
        raise FileRefused(_("{name}: the file is not in an encoding Stockpile Planner reads "
                            "({encodings}): save it as UTF-8").format(
                              name=name, encodings=ACCEPTED_ENCODINGS))
    return text


# Characters of Japanese text as CP932 decodes it: kana, kanji, full-width forms and
# Japanese punctuation. A file in Windows-1252 decoded as CP932 gives kanji (an accented
# small letter and the letter after it: "ä" and "s" are one kanji) and half-width katakana
# (a capital with an accent alone), but hardly ever kana, which take lead bytes 0x81 to
# 0x83 ("‚" and "ƒ" in Windows-1252, with bytes after them that text rarely has).
_JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
_KANA = re.compile(r"[\u3001-\u3002\u300c-\u300f\u3041-\u30ff]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")  # CP932's user-defined characters


def _japanese(data: bytes) -> str | None:
    """The bytes decoded as CP932 (Shift_JIS with Windows' additions, as Japanese Excel
    saves CSV) when they are that and hold Japanese text; else None. Whether they are
    Japanese rather than another code page is for the caller to tell (_KANA, and the
    detector's guess when the bytes read as Windows-1252 too)."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    if _PRIVATE_USE.search(text) or not _JAPANESE.search(text):
        return None
    return text


_KANJI = re.compile(r"[\u4e00-\u9fff]")
_HALF_WIDTH_KATAKANA = re.compile(r"[\uff61-\uff9f]")
_LAST_COMMON_KANJI = b"\x98\x72"  # the last of JIS level 1, in CP932 (腕)


def _common_kanji(text: str) -> bool:
    """Whether text decoded as CP932 reads as Japanese written in kanji: most of its
    kanji of JIS level 1 (the 2,965 common ones) and away from ASCII letters, some with a
    second byte beyond ASCII, and no half-width katakana.

    Other code pages decoded as CP932 give half-width katakana (a byte from 0xA1 to 0xDF
    alone) and kanji of level 2 or beyond (lead bytes from 0xE0): Chinese, Korean and
    EUC-JP text has both. Windows-1252 gives them for accented letters, and kanji of level
    1 for its quotes and dashes (0x88 to 0x98), with the letter after them as second byte,
    inside a word: "O’Brien’s" is "O達rien痴", "d’économie" "d珍conomie".
    """
    if _HALF_WIDTH_KATAKANA.search(text):
        return False
    common = wide = by_letters = count = 0
    for found in itertools.islice(_KANJI.finditer(text, 0, 2**18), 4096):
        code = found[0].encode("cp932")
        count += 1
        common += code <= _LAST_COMMON_KANJI
        wide += code[1] >= 0x80
        at = found.start()
        by_letters += (text[at - 1:at].isascii() and text[at - 1:at].isalpha()) or (
            text[at + 1:at + 2].isascii() and text[at + 1:at + 2].isalpha())
    return count > 0 and wide > 0 and 2 * common >= count and 2 * by_letters < count


# Decoded as UTF-8 with each byte that is not UTF-8 kept as a lone surrogate (U+DC80 to
# U+DCFF): a character beyond ASCII that UTF-8 decoded, and a byte that it could not. In a
# single-byte code page, bytes that decode as UTF-8 side by side are rare ("ß“"), and a
# whole line of them without another byte beyond ASCII rarer.
_DECODED = re.compile(r"[^\x00-\x7f\udc80-\udcff]")
_NOT_DECODED = re.compile(r"[\udc80-\udcff]")


def _mixed_line(data: bytes) -> int | None:
    """The 1-based line of the first byte that is not UTF-8, when some other line holds
    text beyond ASCII that is all valid UTF-8: the file mixes UTF-8 with another encoding.
    None when no line does (a file wholly in another encoding)."""
    text = data.decode("utf-8", "surrogateescape")
    newline = "\n" if "\n" in text else "\r"
    at = 0
    while (found := _DECODED.search(text, at)) is not None:
        start = text.rfind(newline, 0, found.start()) + 1
        end = text.find(newline, found.end())
        end = len(text) if end < 0 else end
        if _NOT_DECODED.search(text, start, end) is None:
            first = _NOT_DECODED.search(text)
            return _line_of(text, first.start()) if first else None
        at = end
    return None


ACCEPTED_ENCODINGS = "UTF-8, UTF-16, Shift_JIS, Windows-1252"
# code pages whose letters Windows-1252 shares or that mean the same bytes for the file's
# text: a German file is often taken for Windows-1250, and read right as Windows-1252
_LATIN = frozenset({"ascii", "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2",
                    "cp1254", "iso8859_9", "cp1257", "iso8859_13", "iso8859_4", "iso8859_3",
                    "iso8859_10", "iso8859_14", "iso8859_16", "mac_roman", "mac_latin2",
                    "mac_iceland", "mac_turkish", "cp850", "cp858", "cp437", "cp1258",
                    "utf_8"})
_GB, _BIG5, _KOREAN = N_("GB18030 (Chinese)"), N_("Big5 (Chinese)"), N_("EUC-KR (Korean)")
_CYRILLIC = N_("a Cyrillic code page")
# translated where shown (_encoding_name)
_ENCODING_NAMES = {"cp932": "Shift_JIS", "shift_jis": "Shift_JIS", "shift_jis_2004": "Shift_JIS",
                   "shift_jisx0213": "Shift_JIS", "euc_jp": "EUC-JP", "euc_jis_2004": "EUC-JP",
                   "iso2022_jp": "ISO-2022-JP", "gb2312": _GB, "gbk": _GB, "gb18030": _GB,
                   "hz": _GB, "big5": _BIG5, "big5hkscs": _BIG5, "cp950": _BIG5,
                   "cp949": _KOREAN, "euc_kr": _KOREAN, "johab": _KOREAN,
                   "koi8_r": N_("KOI8-R (Russian)"), "koi8_u": N_("KOI8-U (Ukrainian)"),
                   "tis_620": N_("TIS-620 (Thai)"), "cp874": N_("Windows-874 (Thai)"),
                   "mac_cyrillic": _CYRILLIC, "iso8859_5": _CYRILLIC, "cp866": _CYRILLIC,
                   "kz1048": _CYRILLIC, "ptcp154": _CYRILLIC}
_SNIFF_BYTES = 2**18  # enough text to tell a code page, quick on a file of 200 MB


def _other_encoding(data: bytes, text: str) -> str | None:
    """The name of the encoding the bytes look like when it is not Windows-1252 (nor one
    whose letters read the same); "" when it is not, but the detector cannot tell which
    it is; None when they plausibly are Windows-1252."""
    import charset_normalizer  # imported on the rare file that is not UTF-8 or UTF-16

    undefined = "\ufffd" in text  # bytes Windows-1252 leaves undefined (0x81, 0x8D, ...)
    sample = data[:_SNIFF_BYTES]
    found = charset_normalizer.from_bytes(sample)
    best = found.best()
    if best is None:
        return _("binary data or an unknown encoding") if undefined else None
    encoding = best.encoding
    if encoding in _LATIN and not undefined:
        return None
    with contextlib.suppress(UnicodeDecodeError, LookupError):
        if not undefined and sample.decode(encoding) == sample.decode("cp1252"):
            return None
    # Chinese text in GB18030 is as plausible in Korean EUC-KR, byte for byte: an encoding
    # is named only when those that read the bytes nearly as well are of its script
    scripts = {_SCRIPTS.get(m.encoding, m.encoding) for m in found
               if m.chaos <= best.chaos + _CLOSE}
    return _encoding_name(encoding) if len(scripts) == 1 else ""


_CLOSE = 0.02  # charset-normalizer's "chaos" (the share of odd text) that tells nothing
_SCRIPTS = {encoding: script for script, encodings in (
    ("Japanese", "cp932 shift_jis shift_jis_2004 shift_jisx0213 euc_jp euc_jis_2004 "
                 "iso2022_jp"),
    ("Chinese", "gb2312 gbk gb18030 hz big5 big5hkscs cp950"),
    ("Korean", "cp949 euc_kr johab"),
    ("Cyrillic", "cp1251 koi8_r koi8_u mac_cyrillic iso8859_5 cp866 kz1048 ptcp154"),
    ("Thai", "tis_620 cp874")) for encoding in encodings.split()}


def _encoding_name(encoding: str) -> str:
    """An encoding as a message names it: "Shift_JIS", "Windows-1251"."""
    if encoding.startswith("cp125"):
        return f"Windows-{encoding[2:]}"
    return _(_ENCODING_NAMES[encoding]) if encoding in _ENCODING_NAMES else (
        encoding.upper().replace("_", "-"))


def read_csv_file(path: Path) -> RawSheet:
    size = path.stat().st_size
    if size > reading.MAX_FILE_BYTES:
        raise FileRefused(_("{name}: the file is {size} MB; the limit is {limit} MB").format(
            name=path.name, size=f"{size / 2**20:,.0f}",
            limit=f"{reading.MAX_FILE_BYTES / 2**20:,.0f}"))
    data = path.read_bytes()
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff") and (
            _utf16_without_bom(data) is None):
        raise FileRefused(_("{name}: not a text CSV file").format(name=path.name))
    text = _decode(data, path.name)
    if (nul := text.find("\x00")) >= 0:  # kept inside a value by the csv module
        raise FileRefused(_("{name}: line {line} holds a NUL character (a zero byte), which "
                            "text never holds; the file may be damaged: export it again"
                            ).format(name=path.name, line=f"{_line_of(text, nul):,}"))
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    _check_csv_shape(path.name, text, delimiter)
    rows: list[list[object]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for r in reader:
            rows.append([_unquote(v) for v in r])
    except csv.Error as exc:  # a field beyond the csv module's limit
        row = len(rows) + 1
        if "field limit" in str(exc):
            raise FileRefused(_("{name}!row {row}: a field is longer than {limit} "
                                "characters").format(name=path.name, row=f"{row:,}",
                                                     limit=f"{csv.field_size_limit():,}")
                              ) from None
        raise FileRefused(_("{name}!row {row}: the line cannot be read as CSV ({error})"
                            ).format(name=path.name, row=f"{row:,}", error=exc)) from None
    if len(rows) > reading.MAX_ROWS:
        raise FileRefused(_("{name}: {rows} rows; the limit is {limit}").format(
            name=path.name, rows=f"{len(rows):,}", limit=f"{reading.MAX_ROWS:,}"))
    if reader.line_num > len(rows):  # some value holds a line break
        _check_quotes(path.name, text, delimiter, rows)
    return RawSheet(path.stem, rows)


def _line_of(text: str, index: int) -> int:
    """The 1-based line of ``text[index]``, lines ending at CR LF, LF or CR alone."""
    return (text.count("\n", 0, index) + text.count("\r", 0, index)
            - text.count("\r\n", 0, index) + 1)


_BREAK = re.compile(r"\r\n|\r|\n")  # a line's end, as the csv module reads lines


def _check_quotes(name: str, text: str, delimiter: str, rows: list[list[object]]) -> None:
    """Refuse a quote that swallows the lines after it into one value: never closed (the
    value runs to the end of the file), or closed only lines later by another quote
    (the value holds lines that look like rows of the file). A value over a few lines
    (a note typed with Alt+Enter in Excel) is read as it is."""
    # a line of the value holding as many fields as the header (or three) was a row
    need = max(len(rows[0]) - 1, 2)
    line = 1  # where the row starts
    for i, row in enumerate(rows):
        texts = [str(v) for v in row]
        starts, at = [], line  # where each value starts
        for v in texts:
            starts.append(at)
            at += len(_BREAK.findall(v)) if "\n" in v or "\r" in v else 0
        if i == len(rows) - 1 and texts and _BREAK.search(texts[-1].rstrip("\r\n")):
            _check_closed(name, text, delimiter, line, starts[-1])  # over lines, to the end
        for v, start in zip(texts, starts, strict=True):
            parts = _BREAK.split(v) if "\n" in v or "\r" in v else [v]
            if any(part.count(delimiter) >= need for part in parts[1:]):
                raise FileRefused(_(
                    '{name}: line {line}: a quote (") opened on this line closes only on line '
                    "{closed}, so the lines between are read as one value; close the quote on "
                    "its own line or delete it").format(
                        name=name, line=f"{start:,}", closed=f"{start + len(parts) - 1:,}"))
        line = at + 1


def _check_closed(name: str, text: str, delimiter: str, line: int, opened: int) -> None:
    """Refuse the last row, which starts on ``line`` and whose last value (starting on
    line ``opened``) runs over lines to the end of the file, when that value's quote is
    never closed (its last line break, alone, may be swallowed: the value is the same)."""
    offset = sum(map(len, itertools.islice(io.StringIO(text, newline=""), line - 1)))
    try:
        for _row in csv.reader(io.StringIO(text[offset:], newline=""), delimiter=delimiter,
                               strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise FileRefused(_(
                '{name}: line {line}: a quote (") opened on this line is never closed, so '
                "every line after it is read as one value; close the quote or delete it"
            ).format(name=name, line=f"{opened:,}")) from None


def _check_csv_shape(name: str, text: str, delimiter: str) -> None:
    """Refuse, before the csv module makes a list per row and a string per field, a file
    of millions of lines or a line of millions of fields (a few MB of commas)."""
    newline = "\n" if "\n" in text else "\r"
    lines = text.count(newline) + (not text.endswith(newline))  # a last line break ends one
    if lines > reading.MAX_ROWS:
        raise FileRefused(_("{name}: {lines} lines; the limit is {limit} rows").format(
            name=name, lines=f"{lines:,}", limit=f"{reading.MAX_ROWS:,}"))
    if text.count(delimiter) < reading.MAX_COLUMNS:
        return
    a = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    widest, line = _widest_line(a, ord(delimiter), ord(newline))
    if widest + 1 > reading.MAX_COLUMNS:  # quoted delimiters count too: an upper bound
        raise FileRefused(_("{name}: line {line} has {fields} fields; the limit is {limit} "
                            "columns").format(name=name, line=f"{line + 1:,}",
                                              fields=f"{widest + 1:,}",
                                              limit=f"{reading.MAX_COLUMNS:,}"))


def _widest_line(a: np.ndarray, delimiter: int, newline: int, chunk: int = 4 * 2**20
                 ) -> tuple[int, int]:
    """(most delimiters on one line, that line's 0-based number), in bounded memory."""
    best = best_line = line = carry = 0  # carry: delimiters of the line still open
    for start in range(0, len(a), chunk):
        part = a[start:start + chunk]
        count = np.cumsum(part == delimiter, dtype=np.int64)
        breaks = np.flatnonzero(part == newline)
        if len(breaks) == 0:
            carry += int(count[-1])
            continue
        at = count[breaks]
        per_line = np.diff(at, prepend=0)
        per_line[0] += carry
        i = int(per_line.argmax())
        if per_line[i] > best:
            best, best_line = int(per_line[i]), line + i
        line += len(breaks)
        carry = int(count[-1] - at[-1])
    if carry > best:
        best, best_line = carry, line
    return best, best_line


def _unquote(value: str) -> str:
    """Undo the apostrophe that guards a formula-like value in CSV files we write.

    The writer also guards a value that itself starts with an apostrophe before such a
    character (template.csv_text), so that every text survives the round trip.
    """
    if len(value) > 1 and value[0] == "'" and value[1] in QUOTED_START:
        return value[1:]
    return value
