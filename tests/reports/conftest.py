"""One commission with the scenario's meetings, built once per module (the services are
exercised by their own tests; here the documents are), and PDF reading helpers."""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.db import open_database
from tests.reports import scenario

KAZAKH_LETTERS = "әғқңөұүі"


@contextmanager
def _data_dir(folder: Path):
    old = os.environ.get("KENES_DATA_DIR")
    os.environ["KENES_DATA_DIR"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("KENES_DATA_DIR", None)
        else:
            os.environ["KENES_DATA_DIR"] = old


@pytest.fixture(scope="session")
def built(_template, tmp_path_factory):
    """(database, admin actor, scenario), built once: the documents only read it."""
    path, result = _template
    folder = tmp_path_factory.mktemp("reports")
    target = folder / "kenes.db"
    shutil.copyfile(path, target)
    with _data_dir(folder / "data"):
        db = open_database(target)
        admin = result.admin.actor()
        with db.session() as s:
            sc = scenario.build(s, admin, result.commission.id)
    yield db, admin, sc
    with _data_dir(folder / "data"):
        db.close()


@pytest.fixture
def read(built):
    """A session on the scenario's database; what the documents write (their audit
    entries) is rolled back, so every test sees the same data."""
    db, admin, sc = built
    with db.read_session() as s:
        yield s, admin, sc


def pages_text(path: Path) -> list[str]:
    """Each page's text with whitespace runs collapsed (wrapped lines join with a space)."""
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(path).pages]


def text(path: Path) -> str:
    return " ".join(pages_text(path))


def font_names(path: Path) -> set[tuple[str, bool]]:
    """(base font name, has an embedded TrueType file) for every font the pages use."""
    found = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            embedded = bool(desc and "/FontFile2" in desc.get_object())
            found.add((str(font["/BaseFont"]), embedded))
    return found
