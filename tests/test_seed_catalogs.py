"""Seed catalogs in resources/catalogs: shape, codes and the three languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CATALOG_DIR = Path(__file__).resolve().parents[1] / "resources" / "catalogs"

FLAT_CATALOGS = [
    "organisation_kind.json",
    "category.json",
    "source.json",
    "measure_kind.json",
    "article.json",
    "decision_template.json",
]
TERRITORIES = "territories.json"
ALL_CATALOGS = [*FLAT_CATALOGS, TERRITORIES]

CODE_RE = re.compile(r"^[a-z0-9_\-]+$")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
LATIN_RE = re.compile(r"[A-Za-z]")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
ALLOWED_PLACEHOLDERS = {"child", "representative"}
MEASURE_PREFIXES = ("minor_", "parent_", "body_", "register_")
TERRITORY_KINDS = {"oblast", "city_republican", "district", "city_oblast"}


def load(name: str) -> list[dict]:
    return json.loads((CATALOG_DIR / name).read_text(encoding="utf-8"))


def walk(entries: list[dict]):
    """Every entry of a catalog, descending into territory children."""
    for entry in entries:
        yield entry
        yield from walk(entry.get("children", []))


@pytest.mark.parametrize("name", ALL_CATALOGS)
def test_catalog_is_non_empty_json_array_of_objects(name):
    data = load(name)
    assert isinstance(data, list) and data, f"{name}: not a non-empty JSON array"
    assert all(isinstance(entry, dict) for entry in walk(data))


@pytest.mark.parametrize("name", ALL_CATALOGS)
def test_codes_are_ascii_and_unique(name):
    codes = [entry.get("code") for entry in walk(load(name))]
    for code in codes:
        assert isinstance(code, str) and CODE_RE.match(code), f"{name}: bad code {code!r}"
    duplicates = {c for c in codes if codes.count(c) > 1}
    assert not duplicates, f"{name}: duplicate codes {sorted(duplicates)}"


@pytest.mark.parametrize("name", ALL_CATALOGS)
def test_names_in_three_languages(name):
    for entry in walk(load(name)):
        code = entry["code"]
        for lang in ("en", "ru", "kk"):
            value = entry.get(lang)
            assert isinstance(value, str) and value.strip(), f"{name}:{code}: empty {lang}"
        assert CYRILLIC_RE.search(entry["ru"]), f"{name}:{code}: ru has no Cyrillic"
        assert CYRILLIC_RE.search(entry["kk"]), f"{name}:{code}: kk has no Cyrillic"
        # Latin look-alikes (a, e, o, c, i ...) typed into Cyrillic text break search and sorting.
        for lang in ("ru", "kk"):
            assert not LATIN_RE.search(entry[lang]), f"{name}:{code}: Latin letters in {lang}"


@pytest.mark.parametrize("name", ALL_CATALOGS)
def test_kazakh_uses_kazakh_letters(name):
    kk_text = "".join(entry["kk"] + entry.get("text_kk", "") for entry in walk(load(name)))
    assert KAZAKH_LETTERS & set(kk_text), f"{name}: no Kazakh-specific letters in kk strings"


def test_category_has_thirteen_entries():
    assert len(load("category.json")) == 13


def test_measure_kind_codes_are_prefixed():
    for entry in load("measure_kind.json"):
        assert entry["code"].startswith(MEASURE_PREFIXES), entry["code"]


def test_articles_start_with_their_number():
    for entry in load("article.json"):
        number = entry["code"]
        assert entry["en"].startswith(f"Art. {number} ")
        assert entry["ru"].startswith(f"Ст. {number} ")
        assert entry["kk"].startswith(f"{number}-бап ")
    assert {"127", "127-2", "442"} <= {entry["code"] for entry in load("article.json")}


def test_decision_templates_have_texts_and_known_placeholders():
    templates = load("decision_template.json")
    assert len(templates) >= 8
    for entry in templates:
        for key in ("text_ru", "text_kk"):
            text = entry.get(key)
            assert isinstance(text, str) and text.strip(), f"{entry['code']}: empty {key}"
            assert "ПОСТАНОВИЛИ" not in text and "ҚАУЛЫ ЕТТІ" not in text
            placeholders = set(PLACEHOLDER_RE.findall(text))
            assert placeholders <= ALLOWED_PLACEHOLDERS, f"{entry['code']}: {placeholders}"
            assert text.count("{") == text.count("}"), f"{entry['code']}: unbalanced braces"
        # Both languages speak about the same people.
        ru_ph = set(PLACEHOLDER_RE.findall(entry["text_ru"]))
        kk_ph = set(PLACEHOLDER_RE.findall(entry["text_kk"]))
        assert ru_ph == kk_ph, f"{entry['code']}: placeholders differ between ru and kk"
        assert CYRILLIC_RE.search(entry["text_ru"]) and CYRILLIC_RE.search(entry["text_kk"])


def test_territories_structure():
    territories = load(TERRITORIES)
    assert len(territories) == 20
    kinds = [t["kind"] for t in territories]
    assert kinds.count("oblast") == 17
    assert kinds.count("city_republican") == 3
    for entry in walk(territories):
        assert entry["kind"] in TERRITORY_KINDS, entry["code"]
        assert isinstance(entry.get("children"), list), entry["code"]

    by_code = {t["code"]: t for t in territories}
    pavlodar = by_code["kz_pavlodar"]
    children = pavlodar["children"]
    assert len(children) == 13
    child_kinds = [c["kind"] for c in children]
    assert child_kinds.count("district") == 10
    assert child_kinds.count("city_oblast") == 3
    assert all(not c["children"] for c in children)
    for code, entry in by_code.items():
        if code != "kz_pavlodar":
            assert entry["children"] == [], f"{code}: only Pavlodar has children in the seed"
