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


def country_name(code: str) -> str:
    """The name of the country with ISO 3166-1 alpha-2 ``code`` ("CN": China / 中国); the
    code itself when it is no country's."""
    import pycountry

    key = str(code).strip().upper()
    country = pycountry.countries.get(alpha_2=key) if len(key) == 2 else None
    if country is None:
        return str(code)
    common = getattr(country, "common_name", None)
    lang = language()
    if lang == "en":
        return str(common or country.name)
    if lang == "ja" and key in JAPANESE:
        return JAPANESE[key]
    catalogue = _catalogue(lang)
    if common:
        shown = catalogue.gettext(common)
        if shown != common:
            return shown
    return catalogue.gettext(country.name)
