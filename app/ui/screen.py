"""The base of every main screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.context import UiContext
from app.ui.ops import Changed


class Screen(QWidget):
    """A main screen. It loads what it shows when first shown (a fast start), and
    refreshes on `on_changed` only when the change touches what it shows."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded = False

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.reload()

    def reload(self) -> None:
        """Read what the screen shows (through ctx.runner.read) and display it."""

    def on_changed(self, changed: Changed) -> None:
        """Data changed somewhere; refresh if it is shown here (default: reload)."""
        if self._loaded:
            self.reload()
