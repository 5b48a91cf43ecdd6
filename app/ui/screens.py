"""The main screens, in navigation order: the one place to add a screen."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from app.i18n import N_
from app.ui.context import UiContext
from app.ui.screen import Screen


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # English source; translated when shown
    factory: Callable[[UiContext], Screen]


def _lazy(module: str, cls: str) -> Callable[[UiContext], Screen]:
    """Import a screen's module only when the screen is first shown (a fast start)."""
    return lambda ctx: getattr(importlib.import_module(module), cls)(ctx)


def screen_specs() -> list[ScreenSpec]:
    return [
        ScreenSpec("dashboard", N_("Dashboard"),
                   _lazy("app.ui.dashboard.screen", "DashboardScreen")),
        ScreenSpec("children", N_("Children"),
                   _lazy("app.ui.children.screen", "ChildrenScreen")),
        ScreenSpec("meetings", N_("Meetings"),
                   _lazy("app.ui.meetings.screen", "MeetingsScreen")),
        ScreenSpec("commission", N_("Commission"),
                   _lazy("app.ui.commission.screen", "CommissionScreen")),
        ScreenSpec("measures", N_("Measures"),
                   _lazy("app.ui.measures.screen", "MeasuresScreen")),
        ScreenSpec("prevention", N_("Prevention"),
                   _lazy("app.ui.prevention.screen", "PreventionScreen")),
        ScreenSpec("reports", N_("Reports"),
                   _lazy("app.ui.reports.screen", "ReportsScreen")),
        ScreenSpec("exchange", N_("Exchange"),
                   _lazy("app.ui.exchange.screen", "ExchangeScreen")),
        ScreenSpec("settings", N_("Settings"),
                   _lazy("app.ui.settings.screen", "SettingsScreen")),
    ]
