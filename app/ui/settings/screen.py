"""TEMPORARY stub, replaced by the real screen."""

from app.ui.screen import ComingScreen


class SettingsScreen(ComingScreen):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "SettingsScreen", parent)
