"""TEMPORARY stub, replaced by the real screen."""

from app.ui.screen import ComingScreen


class DashboardScreen(ComingScreen):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "DashboardScreen", parent)
