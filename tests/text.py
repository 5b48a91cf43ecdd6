"""Bilingual texts for tests: most fixtures type Russian, some Kazakh."""

from app.domain.bilingual import Bilingual


def ru(text: str) -> Bilingual:
    return Bilingual(ru=text)


def kk(text: str) -> Bilingual:
    return Bilingual(kk=text)
