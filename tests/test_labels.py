"""Every stored code has a human label, and every label is translated."""

from __future__ import annotations

from enum import Enum

import pytest

from app import labels
from app.domain.iin import Sex
from app.domain.roles import Role
from app.domain.voting import Choice
from app.models import enums
from app.services.children import RELATIONS

STORED = [Sex, Role, Choice, enums.MeetingKind, enums.MeetingStatus, enums.ItemKind,
          enums.ItemStatus, enums.AbsenceReason, enums.InviteeRole, enums.MeasureState,
          enums.Effectiveness, enums.MemberRole, enums.CaseStatus]


@pytest.mark.parametrize("enum_cls", STORED, ids=lambda e: e.__name__)
def test_every_code_has_a_label(enum_cls: type[Enum]):
    for member in enum_cls:
        assert labels.label(member, "en")


def test_every_relation_has_a_label():
    assert set(RELATIONS) == set(labels.RELATION_LABELS)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_labels_are_translated(lang):
    for code, english in labels.LABELS.items():
        assert labels.label(code, lang) != english or english == "Kenes", (code, lang)
