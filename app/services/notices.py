"""Warnings that do not stop an action but that the user must see."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.i18n import current_language, tr


@dataclass(frozen=True, slots=True)
class Notice:
    code: str
    message: str  # English source text, translated when shown
    params: dict[str, object] = field(default_factory=dict)

    def user_message(self, lang: str | None = None) -> str:
        text = tr(lang or current_language(), self.message)
        return text.format(**self.params) if self.params else text
