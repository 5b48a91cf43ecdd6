"""Folding text for search: case-, ё- and Kazakh-letter-insensitive."""

from __future__ import annotations

import unicodedata

# Kazakh letters fold to their nearest Russian letter, so "Әлиев" finds "Алиев" and back;
# ё folds to е as Russian typists omit it.
_FOLD = str.maketrans({
    "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
    "һ": "х", "і": "и", "й": "и",
})


def fold(value: str | None) -> str:
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value).casefold().translate(_FOLD)
    return " ".join(text.split())
