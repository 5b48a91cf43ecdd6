"""Translation catalogs, built with Babel (a development tool, not needed at run time).

    python -m app.i18n_build extract   # app/**.py -> resources/i18n/kenes.pot, then update .po
    python -m app.i18n_build compile   # .po -> .mo (git-ignored build output)
"""

from __future__ import annotations

import sys

from app.i18n import DOMAIN
from app.paths import resources_dir

TRANSLATED = ("ru", "kk")
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "tr:2"]


def _babel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    i18n = resources_dir() / "i18n"
    pot = i18n / f"{DOMAIN}.pot"
    _babel("extract", "--no-location", "--sort-output", "--no-wrap", *KEYWORDS,
           "--project", "Kenes", "-o", str(pot), str(resources_dir().parent / "app"))
    for lang in TRANSLATED:
        po = i18n / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            _babel("update", "--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching",
                   "-D", DOMAIN, "-i", str(pot), "-d", str(i18n), "-l", lang)
        else:
            _babel("init", "--no-wrap", "-D", DOMAIN, "-i", str(pot), "-d", str(i18n),
                   "-l", lang)


def compile_catalogs() -> None:
    i18n = resources_dir() / "i18n"
    for lang in TRANSLATED:
        if (i18n / lang / "LC_MESSAGES" / f"{DOMAIN}.po").exists():
            _babel("compile", "-D", DOMAIN, "-d", str(i18n), "-l", lang)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_catalogs()
    else:
        sys.exit("usage: python -m app.i18n_build extract|compile")
