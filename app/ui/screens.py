"""The main screens, in navigation order: the one place to add a screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.i18n import N_, _
from app.ui.context import UiContext
from app.ui.screen import ComingScreen, Screen


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # English source; translated when shown
    factory: Callable[[UiContext], Screen]


def _coming(text: str) -> Callable[[UiContext], Screen]:
    return lambda ctx: ComingScreen(ctx, _(text))


def screen_specs() -> list[ScreenSpec]:
    # Imported here so that a screen's import cost is paid when the window is built.
    from app.ui.children.screen import ChildrenScreen
    from app.ui.commission.screen import CommissionScreen
    from app.ui.dashboard.screen import DashboardScreen
    from app.ui.measures.screen import MeasuresScreen
    from app.ui.meetings.screen import MeetingsScreen
    from app.ui.settings.screen import SettingsScreen

    return [
        ScreenSpec("dashboard", N_("Dashboard"), DashboardScreen),
        ScreenSpec("children", N_("Children"), ChildrenScreen),
        ScreenSpec("meetings", N_("Meetings"), MeetingsScreen),
        ScreenSpec("commission", N_("Commission"), CommissionScreen),
        ScreenSpec("measures", N_("Measures"), MeasuresScreen),
        ScreenSpec("reports", N_("Reports"), _coming(N_(
            "Statistical reports and Excel exports arrive in a later version."))),
        ScreenSpec("exchange", N_("Exchange"), _coming(N_(
            "Exchange with other offices by package files arrives in a later version."))),
        ScreenSpec("settings", N_("Settings"), SettingsScreen),
    ]
