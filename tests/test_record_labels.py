"""Every exchanged table and field has a human name, translated; unknown names stay."""

from __future__ import annotations

import pytest

import app.models as m
from app.record_labels import (
    COMMON_FIELDS,
    FIELD_LABELS,
    TABLE_LABELS,
    field_label,
    table_label,
)


def _columns(table: str) -> list[str]:
    return [c.name for c in m.Base.metadata.tables[table].columns]


@pytest.mark.parametrize("table", m.synced_tables())
def test_every_synced_table_and_field_has_a_label(table):
    assert table_label(table, "en") != table
    for column in _columns(table):
        assert field_label(table, column, "en") != column, (table, column)


def test_labels_name_only_real_tables_and_fields():
    """A label names a column, or a bilingual text stored as its two columns."""
    assert set(TABLE_LABELS) == set(m.synced_tables())
    for table, fields in FIELD_LABELS.items():
        columns = set(_columns(table))
        for name in fields:
            assert name in columns or {f"{name}_ru", f"{name}_kk"} <= columns, (table, name)


def test_each_language_of_a_bilingual_text_is_named():
    assert field_label("agenda_item", "heard_kk", "en") == "Heard (Kazakh)"
    assert field_label("agenda_item", "heard_ru", "ru") == "Слушали (на русском)"
    assert field_label("agenda_item", "heard_kk", "kk") == "Тыңдалды (қазақ тілінде)"
    assert field_label("catalog_item", "text_ru", "en") == "Text in Russian"  # its own label


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_labels_are_translated(lang):
    for table in m.synced_tables():
        assert table_label(table, lang) != table_label(table, "en"), (table, lang)
        for column in _columns(table):
            assert field_label(table, column, lang) != field_label(table, column, "en"), (
                table, column, lang)


def test_names_in_english_and_russian():
    assert table_label("child", "en") == "Child"
    assert table_label("school", "en") == "school"  # not a table: shown as stored
    assert field_label("child", "birth_date", "en") == "Date of birth"
    assert field_label("child", "birth_date", "ru") == "Дата рождения"
    assert field_label("membership", "position", "en") == "Position"
    assert field_label("agenda_item", "position", "en") == "Place in the agenda"
    assert field_label("meeting", "status", "en") == COMMON_FIELDS["status"]


def test_unknown_names_fall_back_to_the_stored_name():
    assert table_label("future_table") == "future_table"
    assert field_label("child", "added_later") == "added_later"
    assert field_label("future_table", "deleted", "en") == "Deleted"
