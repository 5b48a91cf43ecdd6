"""One gettext catalog for the UI, the errors and the documents.

Source strings are English; Russian and Kazakh catalogs live in
resources/i18n/<lang>/LC_MESSAGES/kenes.po and are compiled to .mo by `make i18n`
(app/i18n_build.py). Documents pick their language per document through
`translator(lang)`, independent of the UI language set by `set_language`.
"""

from __future__ import annotations

import gettext
from functools import cache

from app.paths import resources_dir

LANGUAGES = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"
DOMAIN = "kenes"

_current = DEFAULT_LANGUAGE


@cache
def translator(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        DOMAIN, localedir=resources_dir() / "i18n", languages=[lang], fallback=True
    )


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang


def current_language() -> str:
    return _current


def language_from_environment() -> str:
    """KENES_LANG, else the locale's language when Kenes speaks it, else Russian."""
    import os

    for var in ("KENES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        lang = os.environ.get(var, "").split("_")[0].split(".")[0].lower()
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate into the current UI language."""
    return translator(_current).gettext(message)


def tr(lang: str, message: str) -> str:
    """Translate into a given language (documents choose their own)."""
    return translator(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message
