"""TEMPORARY stub, replaced by the real screen."""

from app.ui.screen import ComingScreen


class ChildrenScreen(ComingScreen):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "ChildrenScreen", parent)
