"""Redaction: names in any inflected form, in free text too; IINs; officials untouched."""

from __future__ import annotations

import dataclasses

from app.reports import samples
from app.reports.data import PrivateName
from app.reports.redact import IIN_MASK, Redactor, initials, redact

CHILD = PrivateName(("Төлеуов", "Нұрсұлтан", "Асхатұлы"), "120314500113")
MOTHER = PrivateName(("Смирнова", "Наталья", "Игоревна"))


def test_initials():
    assert initials(("Төлеуов", "Нұрсұлтан", "Асхатұлы")) == "Т. Н. А."
    assert initials(("әбенова", "", "інжу")) == "Ә. І."


def test_inflected_russian_and_kazakh_forms_are_replaced():
    r = Redactor([CHILD, MOTHER])
    text = ("Несовершеннолетнему Төлеуову Нұрсұлтану, ТӨЛЕУОВ; Төлеуовқа, Төлеуовтың; "
            "беседа со Смирновой Натальей Игоревной; Смирновым.")
    out = r.text(text)
    for leak in ("Төлеуов", "ТӨЛЕУОВ", "Нұрсұлтан", "Смирнов", "Наталь", "Игоревн"):
        assert leak not in out
    assert out.startswith("Несовершеннолетнему Т. Н., Т.; Т., Т.; беседа со С. Н. И.; С.")


def test_iins_go_wherever_they_are_and_other_numbers_stay():
    r = Redactor([])
    assert r.text("ИИН 120314500113, тел. 87000001234, дело 5/2026") == \
        f"ИИН {IIN_MASK}, тел. 87000001234, дело 5/2026"


def test_a_name_matches_at_the_start_of_a_capitalised_word_only():
    r = Redactor([PrivateName(("Мир",))])
    # "Мирас" goes too: a short ending may follow, and over-redacting is the safe failure.
    assert r.text("ул. Мира, мир, Амир, Мирас, Мир.") == "ул. М., мир, Амир, М., М."


def test_the_redacted_doc_keeps_members_and_drops_private_data():
    doc = samples.meeting(3)
    child = doc.items[0]
    member = doc.present[2].name
    spoke = f"{member} и {child.child.split(',')[0]}"
    doc = dataclasses.replace(doc, items=(dataclasses.replace(child, spoke=spoke),
                                          *doc.items[1:]))
    red = redact(doc)
    assert red.redacted and red.private == ()
    assert red.present == doc.present and red.presiding == doc.presiding
    assert red.items[0].child == child.child_initials
    assert red.items[0].spoke == f"{member} и {child.child_initials}"
    assert red.items[0].measures[0].child == child.child_initials
    assert redact(red) is red
