"""Settings: interface language, idle lock, the commission's quorum and majority rules,
and the catalogs; on a second page, the backups (app/ui/settings/backups.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.i18n import _, current_language
from app.services import commissions
from app.services.commissions import CommissionInfo
from app.ui import app_settings as keys
from app.ui.commission.labels import MAJORITY, QUORUM
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.forms import ERROR_STYLE
from app.ui.ops import Changed, Failure
from app.ui.screen import Screen
from app.ui.settings.backups import BackupsPage
from app.ui.settings.catalogs import CatalogEditor

# Each language named in itself: whoever cannot read the current one still finds theirs.
LANGUAGE_NAMES = (("ru", "Русский"), ("kk", "Қазақша"), ("en", "English"))
MAX_IDLE_MINUTES = 480


class SettingsScreen(Screen):
    sig_language_chosen = Signal(str)
    """(lang): the user chose another interface language ("ru", "kk" or "en")."""
    sig_idle_lock_changed = Signal(int)
    """(minutes): the idle lock now starts after this many minutes (0: never)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout()
        top = QHBoxLayout()

        interface = QGroupBox(_("Interface"))
        form = QFormLayout(interface)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.idle = QSpinBox()
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSpecialValueText(_("Never"))
        self.idle.setSuffix(" " + _("min"))
        self.idle.setValue(ctx.settings.get(keys.IDLE_LOCK_MINUTES))
        for name, widget, label in (
                ("language", self.language, _("Interface language")),
                ("idleLock", self.idle, _("Lock after idle time"))):
            widget.setObjectName(name)
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        hint = QLabel(_("0 minutes: never lock."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.idle.valueChanged.connect(self._idle_changed)
        top.addWidget(interface, 1)

        rules = QGroupBox(_("Commission rules"))
        rules_form = QFormLayout(rules)
        rules_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.quorum = QComboBox()
        for rule, label in QUORUM.items():
            self.quorum.addItem(_(label), rule.value)
        self.majority = QComboBox()
        for rule, label in MAJORITY.items():
            self.majority.addItem(_(label), rule.value)
        for name, widget, label in (
                ("quorumRule", self.quorum, _("Quorum")),
                ("majorityRule", self.majority, _("A decision is adopted by"))):
            widget.setObjectName(name)
            widget.setAccessibleName(label)
            rules_form.addRow(label, widget)
        self.save_rules_button = QPushButton(_("Save the rules"))
        self.save_rules_button.setObjectName("saveRules")
        self.save_rules_button.clicked.connect(self.save_rules)
        self.rules_message = QLabel()
        self.rules_message.setObjectName("rulesMessage")
        self.rules_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rules_button)
        buttons.addWidget(self.rules_message, 1)
        rules_form.addRow(buttons)
        may_manage = allows(ctx.actor.role, Permission.MANAGE_SETTINGS)
        for widget in (self.quorum, self.majority, self.save_rules_button):
            widget.setEnabled(may_manage)
        top.addWidget(rules, 1)
        layout.addLayout(top)

        box = QGroupBox(_("Catalogs"))
        box_layout = QVBoxLayout(box)
        self.catalogs = CatalogEditor(ctx)
        box_layout.addWidget(self.catalogs)
        layout.addWidget(box, 1)
        # Two pages: the general settings above, and the backups.
        general = QWidget()
        general.setLayout(layout)
        self.backups = BackupsPage(ctx)
        self.sig_restore_requested = self.backups.sig_restore_requested
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(general, _("General"))
        self.tabs.addTab(self.backups, _("Backups"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        for combo in (self.language, self.quorum, self.majority):
            _narrow(combo)
        self.setTabOrder(self.language, self.idle)
        self.setTabOrder(self.idle, self.quorum)
        self.setTabOrder(self.quorum, self.majority)
        self.setTabOrder(self.majority, self.save_rules_button)
        self.setTabOrder(self.save_rules_button, self.catalogs.catalog_combo)

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        cid = self.ctx.commission_id
        info = self.ctx.runner.read(lambda s: commissions.get_commission(s, cid))
        self._show_rules(info)
        self.catalogs.reload()
        self.backups.reload()

    def on_changed(self, changed: Changed) -> None:
        if not self._loaded:
            return
        if changed.touches("commission"):
            cid = self.ctx.commission_id
            self._show_rules(self.ctx.runner.read(lambda s: commissions.get_commission(s, cid)))
        if changed.touches("catalog_item"):
            self.catalogs.reload()

    def _show_rules(self, info: CommissionInfo) -> None:
        self.quorum.setCurrentIndex(self.quorum.findData(info.quorum_rule.value))
        self.majority.setCurrentIndex(self.majority.findData(info.majority_rule.value))

    # -- interface -------------------------------------------------------------------------
    def _language_changed(self, _index: int) -> None:
        code = self.language.currentData()
        if code and code != current_language():
            self.sig_language_chosen.emit(code)

    def _idle_changed(self, minutes: int) -> None:
        self.ctx.settings.set(keys.IDLE_LOCK_MINUTES, minutes)
        self.sig_idle_lock_changed.emit(minutes)

    # -- rules -------------------------------------------------------------------------------
    def save_rules(self) -> None:
        actor, cid = self.ctx.actor, self.ctx.commission_id
        quorum, majority = self.quorum.currentData(), self.majority.currentData()
        self.rules_message.setText("")
        self.ctx.runner.run(
            lambda s: commissions.set_rules(s, actor, cid, quorum_rule=quorum,
                                            majority_rule=majority),
            on_done=self._rules_saved, on_error=self._rules_failed, changes={"commission"})

    def _rules_saved(self, _info: CommissionInfo) -> None:
        self.rules_message.setStyleSheet("")
        self.rules_message.setText(_("Saved."))

    def _rules_failed(self, failure: Failure) -> None:
        self.rules_message.setStyleSheet(ERROR_STYLE)
        self.rules_message.setText(error_text(failure.error))


def _narrow(combo: QComboBox) -> None:
    """Let a combo shrink below its longest item (the window stays resizable); the list
    it opens is still as wide as its items."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
