"""The redacted protocol: children and relatives only as initials, no IIN anywhere.

Names are replaced wherever they occur — headings, HEARD and SPOKE texts, decisions,
measures — not only in the fields that hold them, because secretaries type names into
free text. Russian and Kazakh names inflect (Ахметов → Ахметова, Ахметовым, Ахметовқа),
so a name matches by its stem plus a short ending. Over-redacting a word is the safe
failure; commission members' own names are left alone (they are officials).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from app.reports.data import (
    AbsentDoc,
    CommissionHeader,
    DissentDoc,
    ItemDoc,
    MeetingDoc,
    PersonDoc,
    PrivateName,
)

IIN = re.compile(r"(?<!\d)\d{12}(?!\d)")
IIN_MASK = "************"
_ENDING = "аяеёоуыиіьйэюәөұүһ"  # trailing letters that inflection replaces
MAX_SUFFIX = 4  # Kazakh case endings: -тың, -тан, -пен, -ларға ...
MIN_STEM = 3
_DOUBLE_DOT = re.compile(r"(?<=(?<!\w)\w)\.\.(?!\.)")

# Fields that hold commission members (officials): never redacted.
_KEEP = {(MeetingDoc, "commission"), (MeetingDoc, "presiding"), (MeetingDoc, "secretary"),
         (MeetingDoc, "present"), (MeetingDoc, "absent"), (MeetingDoc, "private"),
         (ItemDoc, "recused"), (DissentDoc, "who")}
_SKIP_TYPES = (CommissionHeader, PersonDoc, AbsentDoc)


def initials(parts: Iterable[str]) -> str:
    """"Ахметов Арман Серікұлы" -> "А. А. С."."""
    return " ".join(p[0].upper() + "." for p in parts if p)


def _stem(word: str) -> str:
    stem = word.rstrip(_ENDING) if len(word) > MIN_STEM + 1 else word
    return stem if len(stem) >= MIN_STEM else word


def name_pattern(names: Iterable[PrivateName]) -> re.Pattern[str] | None:
    """One regex matching every known word of the names, in any inflected form, in
    Title case or UPPER case (names are capitalised in running text)."""
    alternatives: set[str] = set()
    for name in names:
        for part in name.parts:
            for word in part.split():
                word = word.strip(".,;:()\"'«»")
                if len(word) < 2:
                    continue
                stem = _stem(word)
                suffix = rf"\w{{0,{MAX_SUFFIX}}}" if len(stem) >= MIN_STEM else ""
                for variant in {stem[:1].upper() + stem[1:], stem.upper()}:
                    alternatives.add(re.escape(variant) + suffix)
    if not alternatives:
        return None
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


class Redactor:
    def __init__(self, names: Iterable[PrivateName]) -> None:
        self.pattern = name_pattern(names)

    def text(self, value: str) -> str:
        if self.pattern is not None:
            value, count = self.pattern.subn(lambda m: m.group(0)[0].upper() + ".", value)
            if count:
                value = _DOUBLE_DOT.sub(".", value)  # "… Ахметов." -> "… А." not "А.."
        return IIN.sub(IIN_MASK, value)

    def value(self, value: object, owner: type | None = None) -> object:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple):
            return tuple(self.value(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if isinstance(value, _SKIP_TYPES):
                return value
            cls = type(value)
            changes = {f.name: self.value(getattr(value, f.name))
                       for f in dataclasses.fields(value) if (cls, f.name) not in _KEEP}
            return dataclasses.replace(value, **changes)
        return value


def redact(doc: MeetingDoc) -> MeetingDoc:
    """The protocol for wider circulation. Idempotent: a redacted doc comes back as is."""
    if doc.redacted:
        return doc
    r = Redactor(doc.private)
    out = r.value(doc)
    assert isinstance(out, MeetingDoc)
    items = tuple(dataclasses.replace(i, child=i.child_initials) for i in out.items)
    return dataclasses.replace(out, items=items, private=(), redacted=True)
