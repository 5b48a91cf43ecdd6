"""Managing the offices from the exchange screen: this office's card and keys (save the
card, rotate, create), adding another office from its card, trusting it after comparing
the fingerprint by phone, revoking it. A mixin of ExchangeScreen (screen.py), which owns
the layout; every question goes through an `ask_*` method that tests replace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QPushButton

from app.domain.roles import Permission, allows
from app.i18n import _
from app.services import office_keys as svc
from app.services.office_keys import NEW, ROTATION, SAME, CardPreview, OwnCard
from app.sync.keys import PeerInfo
from app.ui.exchange.peer_dialogs import (
    NewPassphraseDialog,
    TrustAnswer,
    TrustDialog,
    fingerprint_label,
)

PEER_CHANGES = {"peer"}
KEY_CHANGES = {"office_key"}


class PeerActions:
    """Mixed into ExchangeScreen; `self` is the screen."""

    own: OwnCard

    def _build_peer_controls(self, button: Any) -> None:
        """The buttons and labels; `button(text, name)` makes a screen button."""
        self.own = OwnCard(False)
        self.select_after_reload: str | None = None  # an office just added
        self.card_button: QPushButton = button(_("Our card…"), "ownCardButton")
        self.rotate_button: QPushButton = button(_("Rotate keys…"), "rotateKeysButton")
        self.create_keys_button: QPushButton = button(_("Create office keys…"),
                                                      "createKeysButton")
        self.add_button: QPushButton = button(_("Add office…"), "addOfficeButton")
        self.trust_button: QPushButton = button(_("Trust…"), "trustButton")
        self.revoke_button: QPushButton = button(_("Revoke…"), "revokeButton")
        self.own_label = QLabel()
        self.own_label.setObjectName("ownOffice")
        self.own_label.setWordWrap(True)
        self.own_fingerprint = fingerprint_label("", "ownFingerprint")
        may = allows(self.ctx.actor.role, Permission.EXCHANGE)
        for b in (self.add_button, self.trust_button, self.revoke_button):
            b.setVisible(may)
        for b in (self.card_button, self.rotate_button, self.create_keys_button):
            b.setVisible(False)  # show_own decides, once the keys were read
        self.card_button.clicked.connect(self.save_own_card)
        self.rotate_button.clicked.connect(self.rotate_keys)
        self.create_keys_button.clicked.connect(self.create_keys)
        self.add_button.clicked.connect(self.add_office_chosen)
        self.trust_button.clicked.connect(self.trust_selected)
        self.revoke_button.clicked.connect(self.revoke_selected)

    def show_own(self, own: OwnCard) -> None:
        self.own = own
        may = allows(self.ctx.actor.role, Permission.EXCHANGE)
        if own.has_keys:
            self.own_label.setText(_("{name}. Read this fingerprint to the other offices "
                                     "when they add this office:").format(name=own.name))
            self.own_fingerprint.setText(own.fingerprint or "")
        else:
            self.own_label.setText(_("This office has no keys yet. Create them to exchange "
                                     "packages with other offices."))
            self.own_fingerprint.setText("")
        self.own_fingerprint.setVisible(own.has_keys)
        self.card_button.setVisible(may and own.has_keys)
        self.rotate_button.setVisible(may and own.has_keys)
        self.create_keys_button.setVisible(may and not own.has_keys)

    def _update_peer_buttons(self, peer: Any) -> None:
        self.trust_button.setEnabled(bool(peer and not peer.trusted and not peer.revoked))
        self.revoke_button.setEnabled(bool(peer and not peer.revoked))

    # --- asking (tests monkeypatch these) -----------------------------------------------

    def ask_card_path(self, save: bool, suggested: str = "") -> str | None:
        """An office card to write (save) or to read; None when the user cancels."""
        cards = _("Office cards (*.card)")
        if save:
            name, _filter = QFileDialog.getSaveFileName(
                self, _("Our card…"), str(Path.home() / suggested), cards)
        else:
            name, _filter = QFileDialog.getOpenFileName(
                self, _("Add office…"), str(Path.home()), cards)
        return name or None

    def ask_trust(self, name: str, role: str, fingerprint: str, *, adding: bool,
                  change: str = "") -> TrustAnswer | None:
        """The person's decision after comparing the fingerprint; None: cancelled."""
        dialog = TrustDialog(name, role, fingerprint, adding=adding, change=change,
                             parent=self)
        return dialog.answer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_yes_no(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Yes"))
        box.button(QMessageBox.StandardButton.No).setText(_("No"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def ask_new_passphrase(self) -> tuple[str, str] | None:
        """The new passphrase and its repetition; None when the user cancels."""
        dialog = NewPassphraseDialog(self)
        return dialog.passphrases() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # --- this office ----------------------------------------------------------------------

    def save_own_card(self) -> None:
        if not self.own.has_keys:
            return
        name = self.ask_card_path(True, f"{self.own.name}{svc.CARD_SUFFIX}")
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(svc.CARD_SUFFIX)
        actor = self.ctx.actor
        self.ctx.runner.run(
            lambda s: svc.save_card(s, actor, path),
            on_done=lambda own: self.status.setText(_(
                "Card written to {path}. Send it to the other offices and read them the "
                "fingerprint by phone: {fingerprint}").format(path=path,
                                                              fingerprint=own.fingerprint)),
            on_error=self._failed)

    def _offer_card(self, own: OwnCard, said: str) -> None:
        self.show_own(own)  # before the app-wide refresh: the card to save is this one
        self.status.setText(said)
        if self.ask_yes_no(_("Office keys"), said + "\n\n" + _("Save the card now?")):
            self.save_own_card()

    def rotate_keys(self) -> None:
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        actor = self.ctx.actor
        self.ctx.runner.run(
            lambda s: svc.rotate_keys(s, actor, passphrase),
            on_done=lambda own: self._offer_card(own, _(
                "New office keys made (card version {version}). New fingerprint: "
                "{fingerprint}. Send the new card to the other offices.").format(
                version=own.version, fingerprint=own.fingerprint)),
            on_error=self._failed, changes=KEY_CHANGES)

    def create_keys(self) -> None:
        pair = self.ask_new_passphrase()
        if pair is None:
            return
        actor = self.ctx.actor
        self.ctx.runner.run(
            lambda s: svc.create_keys(s, actor, *pair),
            on_done=lambda own: self._offer_card(own, _(
                "Office keys created. Fingerprint: {fingerprint}. Send the card to the "
                "other offices.").format(fingerprint=own.fingerprint)),
            on_error=self._failed, changes=KEY_CHANGES)

    # --- other offices --------------------------------------------------------------------

    def add_office_chosen(self) -> None:
        name = self.ask_card_path(False)
        if not name:
            return
        path, actor = Path(name), self.ctx.actor
        self.ctx.runner.run(
            lambda s: svc.preview_card(s, actor, svc.read_card_file(path)),
            on_done=self._confirm_card, on_error=self._failed, write=False)

    def _confirm_card(self, card: CardPreview) -> None:
        if card.change == SAME and card.trusted:
            self.status.setText(_("{office} is already known here and trusted; nothing "
                                  "changed.").format(office=card.name))
            self.select_peer(card.office_id)
            return
        if card.change == ROTATION:
            if self.ask_yes_no(_("New card of an office"), _(
                    "This is a new card of {office}, signed with the key already known "
                    "here, so it replaces the earlier card. New fingerprint: {fingerprint}. "
                    "Apply it?").format(office=card.name, fingerprint=card.fingerprint)):
                self._add(card.data, None)
            return
        answer = self.ask_trust(card.name, card.role, card.fingerprint,
                                adding=card.change == NEW, change=card.change)
        if answer is None or (answer.confirmed is None and card.change != NEW):
            return
        self._add(card.data, answer.confirmed)

    def _add(self, data: bytes, confirmed: str | None) -> None:
        actor = self.ctx.actor
        self.ctx.runner.run(lambda s: svc.add_office(s, actor, data, confirmed),
                            on_done=self._added, on_error=self._failed,
                            changes=PEER_CHANGES)

    def _added(self, info: PeerInfo) -> None:
        if info.trusted:
            said = _("{office} is added and trusted.")
        else:
            said = _("{office} is added but not trusted yet: compare its fingerprint by "
                     "phone, then press Trust.")
        self.status.setText(said.format(office=info.name))
        self.select_after_reload = info.office_id  # the refresh that follows shows it

    def _selected_peer(self) -> Any:
        office_id = self.selected_peer_id()
        return next((p for p in self.peers.rows if p.office_id == office_id), None)

    def trust_selected(self) -> None:
        peer = self._selected_peer()
        if peer is None or peer.trusted or peer.revoked:
            return
        answer = self.ask_trust(peer.name, peer.role, peer.fingerprint, adding=False,
                                change=SAME)
        if answer is None or answer.confirmed is None:
            return
        actor, office_id, confirmed = self.ctx.actor, peer.office_id, answer.confirmed
        self.ctx.runner.run(lambda s: svc.trust_office(s, actor, office_id, confirmed),
                            on_done=self._added, on_error=self._failed,
                            changes=PEER_CHANGES)

    def revoke_selected(self) -> None:
        peer = self._selected_peer()
        if peer is None or peer.revoked:
            return
        if not self.ask_yes_no(_("Revoke an office"), _(
                "Revoke {office}? Its packages will be refused from now on and nothing "
                "will be exported to it. This cannot be undone.").format(office=peer.name)):
            return
        actor, office_id = self.ctx.actor, peer.office_id
        self.ctx.runner.run(
            lambda s: svc.revoke_office(s, actor, office_id),
            on_done=lambda info: self.status.setText(
                _("{office} is revoked.").format(office=info.name)),
            on_error=self._failed, changes=PEER_CHANGES)

