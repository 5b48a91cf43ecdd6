"""The bilingual value type and the language guess for texts typed before it."""

from __future__ import annotations

import pytest

from app.domain.bilingual import Bilingual, guess_language


def test_a_value_holds_each_language_and_never_answers_with_the_other():
    v = Bilingual(ru="Школа № 1", kk=None)
    assert v.get("ru") == "Школа № 1" and v.get("kk") is None
    assert v.other("kk") == "Школа № 1" and v.missing() == ("kk",)
    assert v.shown("kk") == "Школа № 1"  # screens fall back; documents do not
    assert v.replace("kk", "№ 1 мектеп") == Bilingual("Школа № 1", "№ 1 мектеп")
    assert Bilingual("", "") == Bilingual() and not Bilingual("", "")
    assert Bilingual.of("kk", "мәтін") == Bilingual(kk="мәтін")
    with pytest.raises(ValueError):
        v.get("en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Баянауыл а., әкімдік", "kk"),  # a Kazakh-only letter
    ("Жыл жоспары туралы", "kk"),  # no such letter, but Kazakh words
    ("План работы на год", "ru"),
    ("Информация о работе школы", "ru"),
    ("Школа № 1", "ru"),  # nothing to tell: Russian, as Kenes stored before
])
def test_the_language_of_old_text_is_guessed(text, lang):
    assert guess_language(text) == lang
