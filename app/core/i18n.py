"""The one message catalogue for everything staff and office managers read (Qt-free).

Strings are written in English in the code and looked up through `_()` / `ngettext()`
in gettext catalogues: resources/translations/<lang>/LC_MESSAGES/pastewarden.po, compiled
to .mo by scripts/translations.py when the app is built or tested. Plural forms come from
the catalogue's own Plural-Forms rule, never from an English "s".

The tray app picks one language at start (`use`: the policy's `agent.language`, else the
OS's); the CLI never calls `use`, so it stays English. `using(lang)` switches language for
the current thread or task only (e.g. an audit report exported in another language while
the window keeps its own). A language without a compiled catalogue falls back to English.
`N_()` only marks a string for extraction; translate it with `_()` where it is shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from policy.paths import resource_path

DOMAIN = "pastewarden"
SOURCE_LANGUAGE = "en"
# Languages with a complete catalogue; the policy schema accepts these (and "auto").
LANGUAGES = ("en", "es")
# Each language named in itself, for pickers.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}

_active: dict[str, str] = {"language": SOURCE_LANGUAGE}
_local: ContextVar[str | None] = ContextVar("pastewarden_language", default=None)


def catalogue_dir() -> Path:
    """resources/translations (source tree or frozen bundle)."""
    return resource_path("translations")


def base_language(tag: str) -> str:
    """'es_US.UTF-8', 'es-419', 'ES' -> 'es'; '' and 'C' -> ''."""
    base = tag.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return "" if base in ("c", "posix") else base


def resolve(requested: str | None, preferred: Iterable[str]) -> str:
    """The language to show: `requested` when it is a shipped one, else the first of the
    user's `preferred` (OS) languages that is shipped, else English."""
    if requested and requested != "auto" and base_language(requested) in LANGUAGES:
        return base_language(requested)
    for tag in preferred:
        if base_language(tag) in LANGUAGES:
            return base_language(tag)
    return SOURCE_LANGUAGE


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language`; English (identity) when there is none."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, catalogue_dir(), languages=[language], fallback=True)


def has_catalogue(language: str) -> bool:
    """True for English and for every language whose .mo was compiled and shipped."""
    return language == SOURCE_LANGUAGE or isinstance(
        translations(language), gettext.GNUTranslations
    )


def use(language: str) -> str:
    """Make `language` the process's language; returns the one in use (English fallback)."""
    chosen = language if has_catalogue(language) else SOURCE_LANGUAGE
    _active["language"] = chosen
    return chosen


def current() -> str:
    """The language strings are translated into here and now."""
    return _local.get() or _active["language"]


@contextmanager
def using(language: str) -> Iterator[str]:
    """Translate into `language` inside the block, in this thread or task only."""
    chosen = language if has_catalogue(language) else SOURCE_LANGUAGE
    token = _local.set(chosen)
    try:
        yield chosen
    finally:
        _local.reset(token)


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` by the current language's plural rule (format it afterwards)."""
    return translations(current()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for the catalogue without translating it yet."""
    return message
