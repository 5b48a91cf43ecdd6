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
    """KENES_LANG, else the system's language when Kenes speaks it, else Russian.

    The system's language: on Windows its display language (a Russian or Kazakh Windows
    speaks Russian or Kazakh), else the user's regional format; elsewhere the locale's
    (LC_ALL, LC_MESSAGES, LANG). The command line and the desktop app both ask here."""
    import os
    import sys

    names = [os.environ.get("KENES_LANG", "")]
    if sys.platform == "win32":  # LANG there is a Unix shell's (Git Bash), not Windows'
        names += [WINDOWS_LANGUAGES.get(langid & 0x3FF, "") for langid in _windows_langids()]
    else:
        names += [os.environ.get(var, "") for var in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for name in names:
        lang = name.split("_")[0].split(".")[0].lower()
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


# Windows primary language identifiers (the low 10 bits of a LANGID).
WINDOWS_LANGUAGES = {0x19: "ru", 0x3F: "kk", 0x09: "en"}


def _windows_langids() -> tuple[int, int]:
    """The user's display language and regional format, as Windows LANGIDs."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
    for function in (kernel32.GetUserDefaultUILanguage, kernel32.GetUserDefaultLangID):
        function.restype = ctypes.c_ushort
    return kernel32.GetUserDefaultUILanguage(), kernel32.GetUserDefaultLangID()


def _(message: str) -> str:
    """Translate into the current UI language."""
    return translator(_current).gettext(message)


def tr(lang: str, message: str) -> str:
    """Translate into a given language (documents choose their own)."""
    return translator(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message
