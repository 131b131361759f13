"""Country names follow the engine's language: the English names are the ones the window
showed before (pycountry's common name, else its ISO name), and in Japanese every code of
ISO 3166-1 has a Japanese name, the usual one in business for the few the catalogue
writes formally."""

from __future__ import annotations

import re

import pycountry

from planner.core import i18n
from planner.core.countries import country_name
from planner.inputs import choices


def test_english_names_are_unchanged() -> None:
    for country in pycountry.countries:
        assert country_name(country.alpha_2) == choices.country_name(country.alpha_2)
    assert country_name("CN") == "China"
    assert country_name("KR") == "South Korea"
    assert country_name("cn") == "China"
    assert country_name("XX") == "XX"  # no country's code: shown as it is


def test_japanese_names(japanese: None) -> None:
    expected = {"CN": "中国", "JP": "日本", "US": "米国", "KR": "韓国", "TW": "台湾",
                "VN": "ベトナム", "AU": "オーストラリア", "RU": "ロシア",
                "CD": "コンゴ民主共和国", "DE": "ドイツ", "TZ": "タンザニア", "GE": "ジョージア"}
    assert {code: country_name(code) for code in expected} == expected
    assert country_name("XX") == "XX"


def test_every_country_has_a_japanese_name(japanese: None) -> None:
    latin = re.compile(r"[A-Za-z]{3,}")
    english = [c.alpha_2 for c in pycountry.countries if latin.search(country_name(c.alpha_2))]
    assert english == []


def test_language_switch_is_followed() -> None:
    i18n.set_language("ja")
    try:
        assert country_name("CN") == "中国"
    finally:
        i18n.set_language("en")
    assert country_name("CN") == "China"
