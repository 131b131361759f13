"""The engine's language: its messages, reports and workbooks in English or Japanese.

The engine translates through gettext. Its catalogues are written with Babel
(``make translations``: ``pybabel extract`` from the sources, ``update`` of each
``resources/locale/<lang>/LC_MESSAGES/planner.po``, ``compile`` to the ``.mo`` shipped as
package data); English is the source text and needs no catalogue. The window translates its
own strings through Qt and tells the engine which language it chose (``set_language``), so
that a message from a check reads in the window's language.

How strings are marked, so that extraction finds them:

- ``_("...")`` for a message made at the time it is shown: ``_("{where}: {column} must be a
  positive number").format(where=..., column=...)``; whole sentences with named
  placeholders, never fragments joined together (word order differs in Japanese).
- ``ngettext(singular, plural, n)`` where a count is part of the sentence.
- ``N_("...")`` marks a constant defined at import time (a column title, a label); it is
  translated with ``_()`` where it is shown, because the language may be chosen later.
- ``pgettext(context, "...")`` where one English word needs two Japanese ones.

No Qt here: ``planner`` never imports the window's toolkit.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache

from planner.core.resources import resource

LANGUAGES = {"en": "English", "ja": "日本語"}  # code → the language's name in itself
DEFAULT = "en"
DOMAIN = "planner"

_state: dict[str, object] = {"language": DEFAULT, "catalogue": gettext.NullTranslations()}


def normalise(code: str | None) -> str | None:
    """A language code as the program knows it ("ja" for "ja_JP.UTF-8", "ja-JP" or
    "Japanese"), or None when it is not one of LANGUAGES."""
    if not code:
        return None
    head = code.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    names = {"japanese": "ja", "english": "en"}
    head = names.get(head, head)
    return head if head in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it: the first of LANGUAGE
    (a colon-separated list), LC_ALL, LC_MESSAGES and LANG that is set; English when that
    is none of ours ("C", "POSIX", "fr_FR.UTF-8")."""
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if not value:
            continue
        if variable == "LANGUAGE":  # a preference list; the first one we have wins
            for entry in value.split(":"):
                if (code := normalise(entry)) is not None:
                    return code
            continue
        return normalise(value) or DEFAULT
    return DEFAULT


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (none for English, the source language); read
    once, since catalogues never change while the program runs."""
    if language == DEFAULT:
        return gettext.NullTranslations()
    with resource("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo").open("rb") as stream:
        return gettext.GNUTranslations(stream)


def set_language(code: str | None = None) -> str:
    """Speak ``code`` from now on ("en", "ja"; None: the environment's). Returns the
    language chosen. Unknown codes fall back to English rather than fail: a user's
    ``LANG`` must never stop the program."""
    language = normalise(code) if code else language_from_environment()
    language = language or DEFAULT
    _state["language"] = language
    _state["catalogue"] = catalogue(language)
    return language


def language() -> str:
    """The language messages are written in now: "en" or "ja"."""
    return str(_state["language"])


def japanese() -> bool:
    """Whether messages are written in Japanese now (some layouts differ: no spaces
    between sentences, wider columns)."""
    return language() == "ja"


def _catalogue() -> gettext.NullTranslations:
    found = _state["catalogue"]
    assert isinstance(found, gettext.NullTranslations)
    return found


def _(message: str) -> str:
    """``message`` in the current language."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language (Japanese has one)."""
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where ``context`` tells two uses apart."""
    return _catalogue().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a constant for extraction; translate it with ``_()`` where it is shown."""
    return message
