"""Office keys: sealing under a passphrase, cards, fingerprints, rotation, revocation."""

from __future__ import annotations

import json

import pytest

from app.errors import ValidationError
from app.models.exchange import OfficeKey
from app.sync import keys
from app.sync.errors import KeyError_

PASS = "сезам откройся"


def _ident(office_id: str, name: str = "Office", role: str = "district") -> keys.OfficeIdentity:
    return keys.OfficeIdentity(office_id, name, "territory-1", role)


def test_default_kdf_parameters_meet_the_protocol():
    assert keys.KDF_PARAMS["memory_kib"] >= 64 * 1024
    assert keys.KDF_PARAMS["iterations"] >= 3


def test_keys_are_sealed_and_open_only_with_the_passphrase(world):
    with world.db.session() as s:
        signed = keys.create_office_keys(s, PASS)
    with world.db.session() as s:
        row = s.get(OfficeKey, 1)
        kdf = json.loads(row.kdf)
        assert kdf["alg"] == "argon2id" and kdf["memory_kib"] == 64 * 1024
        assert kdf["iterations"] == 3 and len(bytes.fromhex(kdf["salt"])) == 16
        # no private key in clear: the sealed blob is 64 bytes + the 16-byte tag
        assert len(row.sealed) == 64 + 16
        unlocked = keys.unlock(s, PASS)
        assert keys.raw_public(unlocked.signing).hex() == signed["card"]["sign_public"]
        assert keys.raw_public(unlocked.encryption).hex() == signed["card"]["enc_public"]
        with pytest.raises(KeyError_, match="Wrong passphrase"):
            keys.unlock(s, PASS + "x")
        with pytest.raises(KeyError_, match="already has keys"):
            keys.create_office_keys(s, PASS)


def test_card_is_self_signed_and_fingerprint_is_grouped_digits(world):
    with world.db.session() as s:
        signed = keys.create_office_keys(s, PASS)
    card = keys.verify_card(signed)
    assert card["office_id"] == world.office_id and card["version"] == 1
    assert card["role"] == "district"  # the Bayanaul commission is a district's
    fp = keys.card_fingerprint(card)
    groups = fp.split(" ")
    assert len(groups) == 12 and all(len(g) == 4 and g.isdigit() for g in groups)
    for forged in ({**card, "name": "Other"}, {**card, "territory_id": "x"}):
        with pytest.raises(ValidationError, match="signature does not match"):
            keys.verify_card({**signed, "card": forged})


def test_peer_is_trusted_only_with_the_matching_fingerprint(world, other_card):
    signed, _priv = other_card
    fp = keys.card_fingerprint(signed["card"])
    with world.db.session() as s:
        with pytest.raises(ValidationError, match="fingerprint does not match"):
            keys.add_peer(s, signed, trust="0000 " * 12)
        info = keys.add_peer(s, signed)
        assert not info.trusted
        info = keys.add_peer(s, signed, trust=fp.replace(" ", "-"))
        assert info.trusted and info.fingerprint == fp


def test_rotation_is_signed_by_the_old_key_and_replaces_the_card(world, tmp_path):
    with world.db.session() as s:
        first = keys.create_office_keys(s, PASS)
    with world.db.session() as s:
        second = keys.rotate(s, PASS)
        card = keys.verify_card(second)
        assert card["version"] == 2
        assert card["previous_sign_public"] == first["card"]["sign_public"]
        assert keys.active_card(s) == second
        assert keys.unlock(s, PASS).version == 2
        # the old generation stays, to open packages still sent to the old key
        assert len(keys.own_enc_key_ids(s)) == 2
    # A peer that trusted the first card takes the rotated one without a new check;
    # a "rotation" not signed by the known key needs the fingerprint again.
    from tests.sync.exchange_world import fresh_office_db

    other = fresh_office_db(world, tmp_path / "peer.db")
    with other.session() as s:
        keys.add_peer(s, first, trust=keys.card_fingerprint(first["card"]))
        info = keys.add_peer(s, second)
        assert info.trusted and info.card_version == 2
        fake = dict(second)
        fake["rotation_signature"] = "00" * 64
        with pytest.raises(ValidationError):
            keys.add_peer(s, fake)
    other.close()


def test_revocation(world, other_card):
    signed, _ = other_card
    with world.db.session() as s:
        keys.add_peer(s, signed, trust=keys.card_fingerprint(signed["card"]))
        info = keys.revoke_peer(s, signed["card"]["office_id"])
        assert info.revoked_at is not None


@pytest.fixture
def other_card():
    """A card of another office, made without a database."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from app.sync import canonical

    sk, ek = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    card = {"kind": keys.CARD_KIND, "office_id": "0190aaaa-0000-7000-8000-000000000001",
            "name": "Region", "territory_id": "t-region", "role": "region",
            "sign_public": keys.raw_public(sk).hex(), "enc_public": keys.raw_public(ek).hex(),
            "created": "2026-01-01T00:00:00.000000+00:00", "version": 1,
            "previous_sign_public": None}
    signed = {"card": card, "signature": sk.sign(canonical.dumps(card)).hex(),
              "rotation_signature": None}
    return signed, sk
