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
    for (enum_cls, value), english in labels.LABELS.items():
        assert labels.label(enum_cls(value), lang) != english, (enum_cls, value, lang)


def test_codes_with_the_same_value_keep_their_own_labels():
    """StrEnum members equal their values: 'closed' is a meeting's and a case's."""
    assert labels.label(enums.MeetingStatus.CLOSED, "en") == "Closed"
    assert labels.label(enums.CaseStatus.CLOSED, "en") == "Closed case"
    assert labels.label(Role.CHAIR, "en") == "Chair"
    assert labels.label(enums.MemberRole.CHAIR, "en") == "Chair of the commission"
    assert len(labels.LABELS) == sum(len(e) for e in STORED)
