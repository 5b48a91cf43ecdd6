"""This office's keys and card and the offices it trusts, through the services the
exchange screen uses (app/services/office_keys.py), without Qt."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from app.domain.roles import Role
from app.errors import PermissionDenied, StateError, ValidationError
from app.models import AuditEntry
from app.models.exchange import OfficeKey, Peer
from app.services import exchange_status, office_keys, users
from app.services.office_keys import NEW, REPLACEMENT, ROTATION, SAME
from app.sync import canonical, keys
from app.sync.errors import KeyError_
from tests.sync import conftest as sync_fixtures
from tests.sync.exchange_world import PASS, snapshot

fast_kdf = sync_fixtures.fast_kdf  # offices A (the world's), R and B; A and R trust each other
offices = sync_fixtures.offices


def _card_bytes(office) -> bytes:
    with office.db.read_session() as s:
        return canonical.dumps(keys.active_card(s))


def _actions(s) -> list[str]:
    return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def _peer(world, office_id: str) -> Peer | None:
    with world.db.read_session() as s:
        p = s.get(Peer, office_id)
        if p is not None:
            s.expunge(p)
        return p


def _fresh_card(office_id: str, name: str = "B", role: str = "district") -> bytes:
    """A card with the office id of a known office but other keys, not signed by its old
    key: only a person who compared the fingerprint may accept it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    sk, ek = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    card = {"kind": keys.CARD_KIND, "office_id": office_id, "name": name,
            "territory_id": "t", "role": role, "sign_public": keys.raw_public(sk).hex(),
            "enc_public": keys.raw_public(ek).hex(), "version": 5,
            "created": "2026-01-01T00:00:00.000000+00:00", "previous_sign_public": None}
    return canonical.dumps({"card": card, "signature": sk.sign(canonical.dumps(card)).hex(),
                            "rotation_signature": None})


@pytest.fixture
def viewer(world):
    with world.db.session() as s:
        return users.create_user(s, world.admin, login="viewer1", full_name="V",
                                 role=Role.VIEWER, password="long enough").actor()


# --- this office -------------------------------------------------------------------------

def test_create_keys_needs_the_same_passphrase_twice(world, fast_kdf):
    with world.db.session() as s:
        assert office_keys.own_card(s, world.admin) == office_keys.OwnCard(False)
    before = snapshot(world.db)
    for first, second, message in (("long passphrase", "long passphrose", "not the same"),
                                   ("short", "short", "too short"),
                                   ("", "", "too short")):
        with pytest.raises(ValidationError, match=message), world.db.session() as s:
            office_keys.create_keys(s, world.admin, first, second)
    assert snapshot(world.db) == before
    with world.db.session() as s:
        own = office_keys.create_keys(s, world.admin, PASS, PASS)
        assert own.has_keys and own.version == 1 and own.office_id == world.office_id
        assert _actions(s)[-1] == "office.keys_created"
    with world.db.session() as s:
        assert keys.unlock(s, PASS).version == 1
        assert office_keys.own_card(s, world.admin) == own
        assert own.fingerprint == keys.card_fingerprint(keys.active_card(s)["card"])
        with pytest.raises(KeyError_, match="already has keys"):
            office_keys.create_keys(s, world.admin, PASS, PASS)


def test_saved_card_is_a_card_with_this_office_fingerprint(world, offices, tmp_path):
    path = tmp_path / "a.card"
    with world.db.session() as s:
        own = office_keys.save_card(s, world.admin, path)
        assert _actions(s)[-1] == "office.card_saved"
    card = keys.verify_card(keys.parse_card(path.read_bytes()))
    assert card["office_id"] == offices["A"].office_id
    assert keys.card_fingerprint(card) == own.fingerprint
    assert not path.with_name("a.card.part").exists()


def test_rotation_keeps_the_passphrase_and_changes_the_fingerprint(world, offices):
    with world.db.read_session() as s:
        old = office_keys.own_card(s, world.admin)
    before = snapshot(world.db)
    with pytest.raises(KeyError_, match="Wrong passphrase"), world.db.session() as s:
        office_keys.rotate_keys(s, world.admin, PASS + "x")
    assert snapshot(world.db) == before
    with world.db.session() as s:
        new = office_keys.rotate_keys(s, world.admin, PASS)
        assert _actions(s)[-1] == "office.keys_rotated"
    assert new.version == old.version + 1 and new.fingerprint != old.fingerprint
    with world.db.read_session() as s:
        assert keys.unlock(s, PASS).version == new.version
        assert s.scalar(select(func.count()).select_from(OfficeKey)) == 2


# --- other offices ------------------------------------------------------------------------

def test_a_new_office_is_trusted_only_with_its_fingerprint(world, offices, tmp_path):
    b = offices["B"]
    data = _card_bytes(b)
    with world.db.read_session() as s:
        preview = office_keys.preview_card(s, world.admin, data)
    assert (preview.name, preview.role, preview.change) == ("B", "district", NEW)
    assert preview.fingerprint == keys.card_fingerprint(json.loads(data)["card"])
    assert _peer(world, b.office_id) is None  # a preview writes nothing

    with pytest.raises(ValidationError, match="does not match"), world.db.session() as s:
        office_keys.add_office(s, world.admin, data, "1234 " * 12)
    assert _peer(world, b.office_id) is None

    with world.db.session() as s:
        info = office_keys.add_office(s, world.admin, data, None)
    assert not info.trusted
    with pytest.raises(StateError, match="not trusted"), world.db.session() as s:
        exchange_status.export_to_file(s, world.admin, PASS, b.office_id,
                                       tmp_path / "x.kenes")
    with pytest.raises(ValidationError, match="does not match"), world.db.session() as s:
        office_keys.trust_office(s, world.admin, b.office_id, "0000 " * 12)
    assert not _peer(world, b.office_id).trusted
    with world.db.session() as s:
        info = office_keys.trust_office(s, world.admin, b.office_id,
                                        preview.fingerprint.replace(" ", ""))
        assert info.trusted
        assert _actions(s)[-2:] == ["peer.add", "peer.trust"]
    with world.db.read_session() as s:
        assert office_keys.preview_card(s, world.admin, data).change == SAME


def test_adding_with_the_fingerprint_trusts_at_once(world, offices):
    b = offices["B"]
    data = _card_bytes(b)
    fp = keys.card_fingerprint(json.loads(data)["card"])
    with world.db.session() as s:
        info = office_keys.add_office(s, world.admin, data, fp)
    assert info.trusted and _peer(world, b.office_id).trusted


@pytest.mark.parametrize("damage", ["name", "flip", "garbage", "not a card", "own"])
def test_a_broken_or_tampered_card_is_refused_and_changes_nothing(world, offices, damage):
    b = offices["B"]
    data = _card_bytes(b)
    signed = json.loads(data)
    if damage == "name":
        signed["card"]["name"] = "Not B"
        data = canonical.dumps(signed)
    elif damage == "flip":
        sig = bytearray(bytes.fromhex(signed["signature"]))
        sig[5] ^= 0x01
        signed["signature"] = sig.hex()
        data = canonical.dumps(signed)
    elif damage == "garbage":
        data = b"\xff\xfe not json"
    elif damage == "not a card":
        data = b'["a list", 1]'
    else:
        data = _card_bytes(offices["A"])
    before = snapshot(world.db)
    message = {"own": "card of this office itself", "garbage": "not an office card",
               "not a card": "not an office card"}.get(damage, "signature does not match")
    for step in (lambda s: office_keys.preview_card(s, world.admin, data),
                 lambda s: office_keys.add_office(s, world.admin, data, None)):
        with pytest.raises(ValidationError, match=message), world.db.session() as s:
            step(s)
    assert snapshot(world.db) == before


def test_a_rotated_card_of_a_known_office_replaces_the_old_one(world, offices):
    r = offices["R"]
    with r.db.session() as s:
        keys.rotate(s, PASS)
    data = _card_bytes(r)
    with world.db.read_session() as s:
        preview = office_keys.preview_card(s, world.admin, data)
    assert preview.change == ROTATION and preview.trusted and preview.version == 2
    with world.db.session() as s:
        info = office_keys.add_office(s, world.admin, data, None)
    assert info.trusted and info.card_version == 2
    assert info.fingerprint == preview.fingerprint


def test_other_keys_for_a_known_office_need_the_fingerprint(world, offices):
    r = offices["R"]
    data = _fresh_card(r.office_id, "R", "region")
    with world.db.read_session() as s:
        preview = office_keys.preview_card(s, world.admin, data)
    assert preview.change == REPLACEMENT
    old = _peer(world, r.office_id).fingerprint
    with pytest.raises(ValidationError, match="confirm its fingerprint"), \
            world.db.session() as s:
        office_keys.add_office(s, world.admin, data, None)
    assert _peer(world, r.office_id).fingerprint == old
    with world.db.session() as s:
        office_keys.add_office(s, world.admin, data, preview.fingerprint)
    assert _peer(world, r.office_id).fingerprint == preview.fingerprint


def test_a_revoked_office_gets_no_package(world, offices, tmp_path):
    r = offices["R"]
    with world.db.session() as s:
        info = office_keys.revoke_office(s, world.admin, r.office_id)
        assert info.revoked_at is not None
        assert _actions(s)[-1] == "peer.revoke"
    with pytest.raises(StateError, match="revoked"), world.db.session() as s:
        exchange_status.export_to_file(s, world.admin, PASS, r.office_id,
                                       tmp_path / "r.kenes")
    assert not (tmp_path / "r.kenes").exists()


def test_an_unreadable_card_file_is_a_clear_error(tmp_path):
    from app.errors import StorageError

    with pytest.raises(StorageError, match="Cannot read"):
        office_keys.read_card_file(tmp_path / "missing.card")
    big = tmp_path / "big.card"
    big.write_bytes(b" " * (office_keys.MAX_CARD_BYTES + 1))
    with pytest.raises(ValidationError, match="not an office card"):
        office_keys.read_card_file(big)


def test_a_viewer_may_see_the_fingerprint_but_change_nothing(world, offices, viewer,
                                                             tmp_path):
    b, r = offices["B"], offices["R"]
    data = _card_bytes(b)
    before = snapshot(world.db)
    for step in (lambda s: office_keys.save_card(s, viewer, tmp_path / "v.card"),
                 lambda s: office_keys.rotate_keys(s, viewer, PASS),
                 lambda s: office_keys.create_keys(s, viewer, PASS, PASS),
                 lambda s: office_keys.preview_card(s, viewer, data),
                 lambda s: office_keys.add_office(s, viewer, data, None),
                 lambda s: office_keys.trust_office(s, viewer, r.office_id, "1"),
                 lambda s: office_keys.revoke_office(s, viewer, r.office_id)):
        with pytest.raises(PermissionDenied), world.db.session() as s:
            step(s)
    assert snapshot(world.db) == before
    assert not (tmp_path / "v.card").exists()
    with world.db.read_session() as s:
        assert office_keys.own_card(s, viewer).has_keys
        assert s.execute(text("SELECT count(*) FROM peer WHERE revoked_at IS NOT NULL")
                         ).scalar() == 0
