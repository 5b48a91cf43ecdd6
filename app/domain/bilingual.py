"""Text of the record in both languages of the state: Russian and Kazakh.

A commission works in Kazakh or in Russian, and any document may be needed in the other
language too (DOMAIN.md "Languages of the record"). So every text a person types that
reaches a document is one `Bilingual` value: its Russian and its Kazakh text, either of
which may still be missing. The models store it as two plain columns (`x_ru`, `x_kk`)
mapped as an SQLAlchemy composite (app/models/base.py `bilingual`): both stay searchable
and each merges on its own in the exchange (a Kazakh translation typed at the region
does not conflict with a Russian correction typed at the district).

A document in language L prints `value.get(L)`; if that is missing it asks first
(app/services/languages.py lists the fields) and prints `value.other(L)` marked.
"""

from __future__ import annotations

from dataclasses import dataclass

RECORD_LANGUAGES = ("kk", "ru")  # the languages of the record (English is UI only)
KAZAKH_ONLY = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def check_language(lang: str) -> str:
    if lang not in RECORD_LANGUAGES:
        raise ValueError(f"not a language of the record: {lang!r}")
    return lang


def other_language(lang: str) -> str:
    return "ru" if check_language(lang) == "kk" else "kk"


@dataclass(frozen=True, slots=True)
class Bilingual:
    """Russian and Kazakh text of one field; None (never "") where a language is missing."""

    ru: str | None = None
    kk: str | None = None

    def __post_init__(self) -> None:
        # "" and None mean the same (nothing typed): keep one of them.
        if self.ru == "":
            object.__setattr__(self, "ru", None)
        if self.kk == "":
            object.__setattr__(self, "kk", None)

    @classmethod
    def of(cls, lang: str, text: str | None) -> Bilingual:
        """Text in one language only."""
        return cls(**{check_language(lang): text})

    def get(self, lang: str) -> str | None:
        """The text in `lang` exactly, or None: never the other language's."""
        return self.kk if check_language(lang) == "kk" else self.ru

    def has(self, lang: str) -> bool:
        return self.get(lang) is not None

    def other(self, lang: str) -> str | None:
        return self.get(other_language(lang))

    def shown(self, lang: str) -> str:
        """For a screen, not a document: the text in `lang`, else the other's, else ""."""
        if lang not in RECORD_LANGUAGES:
            lang = "ru"
        return self.get(lang) or self.other(lang) or ""

    def replace(self, lang: str, text: str | None) -> Bilingual:
        """This value with the `lang` text replaced (the other language kept)."""
        if check_language(lang) == "kk":
            return Bilingual(self.ru, text)
        return Bilingual(text, self.kk)

    def missing(self) -> tuple[str, ...]:
        return tuple(lang for lang in RECORD_LANGUAGES if not self.has(lang))

    def __bool__(self) -> bool:
        return self.ru is not None or self.kk is not None


EMPTY = Bilingual()


# Short words that mark a language when no letter does ("Жыл жоспары туралы" has only
# letters Russian shares): Kazakh postpositions and conjunctions, Russian prepositions.
KAZAKH_WORDS = frozenset({"туралы", "және", "бойынша", "жөнінде", "жөніндегі", "үшін",
                          "мен", "бен", "пен", "немесе", "емес", "жылғы", "жылы", "бар",
                          "жоқ", "ауданы", "облысы", "кезінде", "сияқты"})
RUSSIAN_WORDS = frozenset({"и", "в", "во", "на", "по", "о", "об", "с", "со", "для", "от",
                           "к", "из", "за", "не", "что", "как", "при", "года", "района",
                           "области", "города"})


def guess_language(text: str) -> str:
    """The language of a text typed before Kenes stored both: Kazakh when it has a
    letter Russian lacks (ә ғ қ ң ө ұ ү һ і), or more Kazakh than Russian marker words;
    else Russian. Used to place old text; a person corrects a wrong guess."""
    if KAZAKH_ONLY.intersection(text):
        return "kk"
    words = [w.strip(".,;:!?()«»\"'").casefold() for w in text.split()]
    kazakh = sum(w in KAZAKH_WORDS for w in words)
    russian = sum(w in RUSSIAN_WORDS for w in words)
    return "kk" if kazakh > russian else "ru"
