"""Translation catalogs, built with Babel (a development tool, not needed at run time).

    python -m app.i18n_build extract   # app/**.py -> resources/i18n/kenes.pot, then update .po
    python -m app.i18n_build compile   # .po -> .mo (git-ignored build output)
    python -m app.i18n_build merge FILE.tsv...   # msgid<TAB>ru<TAB>kk rows into the .po
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


def merge(tsv_files: list[str]) -> int:
    """Fill translations from `msgid<TAB>ru<TAB>kk` files; existing ones are replaced."""
    from babel.messages.pofile import read_po, write_po

    rows: dict[str, tuple[str, str]] = {}
    for name in tsv_files:
        with open(name, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 3 and parts[0]:
                    rows[_unescape(parts[0])] = (_unescape(parts[1]), _unescape(parts[2]))
    i18n = resources_dir() / "i18n"
    changed = 0
    for column, lang in enumerate(TRANSLATED):
        po = i18n / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if message.id and message.id in rows and rows[message.id][column]:
                message.string = rows[message.id][column]
                message.flags.discard("fuzzy")
                changed += 1
        with po.open("wb") as fh:
            write_po(fh, catalog, width=0, omit_header=False)
    return changed


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_catalogs()
    elif command == "merge":
        print(f"{merge(sys.argv[2:])} translations merged")
    else:
        sys.exit("usage: python -m app.i18n_build extract|compile|merge FILE.tsv...")
