"""The Japanese sample (samples/motors_actuators_ja.xlsx and its CSV folder): it reads clean,
the same from both forms, tells the story it was written for, and samples/build_samples.py
writes it again byte for byte; the other samples rebuild to the same sheets and CSV files."""

from __future__ import annotations

import importlib
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

import planner
from planner.core.resources import samples

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BOOK = SAMPLES / "motors_actuators_ja.xlsx"
FOLDER = SAMPLES / "motors_actuators_ja_csv"


@pytest.fixture(scope="module")
def builder() -> Iterator[ModuleType]:
    """samples/build_samples.py, which imports its data modules from its own folder."""
    sys.path.insert(0, str(SAMPLES))
    try:
        yield importlib.import_module("build_samples")
    finally:
        sys.path.remove(str(SAMPLES))


@pytest.mark.parametrize("path", [BOOK, FOLDER], ids=lambda p: p.name)
def test_reads_without_a_warning(path: Path) -> None:
    project = planner.load(path)
    assert project.warnings == []
    assert project.settings.currency == "JPY"
    assert project.settings.company == "株式会社 三遠モーター精工"


def test_the_workbook_and_the_csv_folder_read_the_same() -> None:
    book, folder = planner.load(BOOK), planner.load(FOLDER)
    assert book.equals(folder)
    assert "ジスプロシウム (Dyメタル 99.5%)" in book.items["name"].tolist()


def test_the_csv_files_start_with_a_byte_order_mark_for_excel() -> None:
    files = sorted(FOLDER.glob("*.csv"))
    assert len(files) == 11
    assert all(f.read_bytes().startswith(b"\xef\xbb\xbf") for f in files)


def test_the_figures_tell_the_samples_story() -> None:
    report = planner.compute(planner.load(BOOK))
    m = report.materials.set_index("item_id")
    for item in ("M-DY", "M-TB"):  # heavy rare earths: critical and Chinese
        assert m.loc[item, "status"] == "critical"
        assert m.loc[item, "top_country"] == "CN"
        assert m.loc[item, "top_country_share"] >= 0.75
        assert m.loc[item, "effective_top_share"] >= 0.8
        assert m.loc[item, "over_country_cap"]
    # a tenth of the Dy from a Tokyo trading house that does not say its origin: declared
    # Japanese, spread over world rare earth mine production (China 270 of 389.31 kt)
    assert m.loc["M-DY", "top_country_share"] == pytest.approx(0.75)
    assert m.loc["M-DY", "unknown_origin_share"] == pytest.approx(0.10)
    assert m.loc["M-DY", "effective_top_share"] == pytest.approx(0.75 + 0.10 * 270 / 389.31)
    assert m.loc["M-DY", "commodity"] == "Rare Earths"  # 鉱種 ジスプロシウム
    assert pd.isna(m.loc["M-FE", "commodity"])  # 鉱種 なし
    assert m.loc["M-NDPR", "status"] == "short"  # NdPr: short, but mostly Malaysian
    assert m.loc["M-NDPR", "top_country"] == "MY"
    assert not m.loc["M-NDPR", "over_country_cap"]
    assert set(m["status"]) == {"critical", "short", "ok"}
    assert m.loc["M-DY", "unit"] == "kg" and m.loc["C-ENC", "unit"] == "個"


def test_the_sample_is_offered_with_the_others() -> None:
    assert BOOK.name in [p.name for p in samples()]


def test_a_rebuild_writes_the_same_bytes(builder: ModuleType, tmp_path: Path) -> None:
    builder.build(builder.JA, tmp_path)
    assert (tmp_path / BOOK.name).read_bytes() == BOOK.read_bytes()
    written = sorted(p.name for p in (tmp_path / FOLDER.name).iterdir())
    assert written == sorted(p.name for p in FOLDER.iterdir())
    for name in written:
        assert (tmp_path / FOLDER.name / name).read_bytes() == (FOLDER / name).read_bytes()


def test_two_rebuilds_are_identical(builder: ModuleType, tmp_path: Path) -> None:
    """Not only the committed file: the dates openpyxl stamps are fixed on every build."""
    for where in ("a", "b"):
        (tmp_path / where).mkdir()
        builder.build(builder.EV, tmp_path / where)
    name = "ev_motors_wind.xlsx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "a" / name) as z:
        assert {info.date_time for info in z.infolist()} == {(2026, 11, 2, 0, 0, 0)}


@pytest.mark.parametrize("name", ["ev_motors_wind", "semiconductor_equipment"])
def test_the_other_samples_rebuild_the_same(builder: ModuleType, tmp_path: Path,
                                            name: str) -> None:
    """Their committed workbooks were saved before the dates were fixed: every member but
    the document properties (which hold the save time) must come out the same."""
    project = next(p for p in builder.PROJECTS if p["name"] == name)
    builder.build(project, tmp_path)

    def members(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}

    assert members(tmp_path / f"{name}.xlsx") == members(SAMPLES / f"{name}.xlsx")
    for csv in (SAMPLES / f"{name}_csv").iterdir():
        assert (tmp_path / f"{name}_csv" / csv.name).read_bytes() == csv.read_bytes()


def test_the_builder_refuses_an_unknown_sample(builder: ModuleType) -> None:
    with pytest.raises(SystemExit, match="no sample nope; samples: ev_motors_wind"):
        builder.main(["nope"])


def test_the_bundled_presets_match_materials_named_in_japanese() -> None:
    """A Japanese buyer names dysprosium ジスプロシウム: the export-control presets must still
    find it, or a preset stop would stop nothing."""
    from planner.analysis import presets as ps

    project = planner.load(BOOK)
    library = {p.id: p for p in ps.load_presets()}
    matched = {key: ps.matched_materials(project, library[key])["item_id"].tolist()
               for key in ("cn-rare-earths-2025", "cn-rare-earth-embargo-2010")}
    assert sorted(matched["cn-rare-earths-2025"]) == ["M-DY", "M-TB"]
    assert sorted(matched["cn-rare-earth-embargo-2010"]) == ["M-DY", "M-NDPR", "M-TB"]
