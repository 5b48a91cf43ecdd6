"""What every screen needs: the op runner, who is acting, for which commission."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.context import Actor
from app.ui.app_settings import Settings
from app.ui.ops import OpRunner


@dataclass(frozen=True)
class UiContext:
    runner: OpRunner
    actor: Actor
    commission_id: str
    settings: Settings
