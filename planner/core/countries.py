"""Country names for people, in the language the engine speaks (planner.core.i18n).

The names come from pycountry: its short common name where it has one ("South Korea",
"Taiwan", "Vietnam"), else its ISO 3166 name. In Japanese they come from the ISO 3166
catalogue pycountry ships (``iso3166-1``), with a few entries replaced by the names a
Japanese reader expects (the catalogue's オーストラリア連邦 and ロシア連邦 are formal
names seldom used in business; グルジア was renamed ジョージア in 2015).
"""

from __future__ import annotations

import gettext
from functools import cache

from planner.core.i18n import language

# Japanese names used in business and in the news, where the catalogue's differ
JAPANESE = {
    "AU": "オーストラリア",
    "BN": "ブルネイ",
    "ER": "エリトリア",
    "GE": "ジョージア",
    "KG": "キルギス",
    "MN": "モンゴル",
    "RU": "ロシア",
    "VA": "バチカン",
}


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    """pycountry's ISO 3166 catalogue for ``lang`` (no translation if it has none)."""
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                               fallback=True)


def country_name(code: str, lang: str | None = None) -> str:
    """The name of the country with ISO 3166-1 alpha-2 ``code`` ("CN": China / 中国) in
    ``lang`` (the engine's language when None); the code itself when it is no country's.
    Scripts' output (``--json``) asks for ``lang="en"`` so that it never changes language."""
    return _name(str(code), language() if lang is None else lang)


@cache
def _name(code: str, lang: str) -> str:
    """country_name for one language, kept: tables name the same few countries many times."""
    import pycountry

    key = code.strip().upper()
    country = pycountry.countries.get(alpha_2=key) if len(key) == 2 else None
    if country is None:
        return code
    common = getattr(country, "common_name", None)
    if lang == "en":
        return str(common or country.name)
    if lang == "ja" and key in JAPANESE:
        return JAPANESE[key]
    catalogue = _catalogue(lang)
    if common:
        shown = catalogue.gettext(common)
        if shown != common:
            return shown
    return str(catalogue.gettext(country.name))
