
"""Every tampering of SYNC.md "What must be shown" is refused, and changes nothing."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from app.sync import canonical, keys, package
from app.sync.errors import PackageRefused
from tests.sync.exchange_world import PASS, add_child, receive, send, snapshot


def _refused(office, data, match):
    before = snapshot(office.db)
    with pytest.raises(PackageRefused, match=match):
        receive(office, data)
    assert snapshot(office.db) == before


@pytest.fixture
def pkg(offices):
    add_child(offices["A"], "Тестов")
    return send(offices["A"], offices["R"])


def test_flipped_bit_anywhere_is_refused(offices, pkg):
    r = offices["R"]
    positions = sorted({0, 5, 6, 7, 14, 15, 20, 46, 47, 60, len(pkg) // 2, len(pkg) - 17,
                        len(pkg) - 1})
    for pos in positions:
        bad = bytearray(pkg)
        bad[pos] ^= 0x01
        _refused(r, bytes(bad), "not a Kenes|format version|another office|damaged|altered")
    receive(r, pkg)  # the original still goes in


def test_truncation_is_refused(offices, pkg):
    for n in (0, 6, 14, 15, 40, len(pkg) // 2, len(pkg) - 1):
        _refused(offices["R"], pkg[:n], "not a Kenes|another office|damaged")


def test_wrong_recipient_is_refused(offices):
    a, r, b = offices["A"], offices["R"], offices["B"]
    add_child(r, "Региональный", r.territory_id)
    for_a = send(r, a)
    _refused(b, for_a, "meant for another office")


def test_untrusted_and_revoked_senders_are_refused(offices, pkg):
    a, r = offices["A"], offices["R"]
    with r.session() as s:
        peer = s.get(__import__("app.models", fromlist=["Peer"]).Peer, a.office_id)
        peer.trusted = False
    _refused(r, pkg, "not trusted")
    with r.session() as s:
        keys.add_peer(s, a.card, trust=keys.card_fingerprint(a.card["card"]))
        keys.revoke_peer(s, a.office_id)
    _refused(r, pkg, "revoked")


def test_replayed_older_package_is_refused(offices):
    a, r = offices["A"], offices["R"]
    add_child(a, "Один")
    old = send(a, r)
    add_child(a, "Два")
    new = send(a, r)
    receive(r, new)
    _refused(r, old, "older than one already imported")


def _reseal(offices, data, change, signer=None):
    """Decrypt with R's key, let `change` edit the manifest, sign (with `signer` or A's
    real key) and encrypt again to R: a package made with a valid outer layer."""
    a, r = offices["A"], offices["R"]
    with r.session() as s:
        rk = keys.unlock(s, PASS)
    with a.session() as s:
        ak = keys.unlock(s, PASS)
    opened = package.open_(data, rk.encryption)
    manifest = dict(opened.manifest)
    change(manifest)
    recipient = X25519PublicKey.from_public_bytes(
        bytes.fromhex(rk.signed_card["card"]["enc_public"]))
    body = canonical.dumps(manifest)
    sig = (signer or ak.signing).sign(body)
    plain = b"".join(len(p).to_bytes(4, "big") + p for p in (body, sig, opened.payload))
    return opened.header + package.hpke_encrypt(plain, recipient, opened.header)


def test_forged_signature_is_refused(offices, pkg):
    forged = _reseal(offices, pkg, lambda mf: mf.update(created="2020-01-01"),
                     signer=Ed25519PrivateKey.generate())
    _refused(offices["R"], forged, "signature does not match")


def test_payload_not_matching_the_signed_manifest_is_refused(offices, pkg):
    forged = _reseal(offices, pkg, lambda mf: mf["payload"].update(sha256="00" * 32))
    _refused(offices["R"], forged, "do not match its manifest")


def test_swapped_outer_header_is_refused(offices, pkg):
    r = offices["R"]
    # Same recipient key, but the header is replaced by one claiming format 1 with
    # another key id: refused before decryption; and a header re-encrypted under a
    # different `info` than the manifest says is refused after decryption.
    swapped = pkg[:7] + bytes(8) + pkg[15:]
    _refused(r, swapped, "another office")

    # A manifest naming another header, correctly signed and encrypted under the real
    # outer header: the comparison after decryption refuses it.
    def other_header(mf):
        mf["header"] = (package.MAGIC + bytes([1]) + bytes(8)).hex()
    _refused(r, _reseal(offices, pkg, other_header), "header was swapped")
    # An outer header changed after encryption (it is the HPKE info): cannot decrypt.
    with r.session() as s:
        own_kid = keys.unlock(s, PASS).enc_key_id
    assert pkg[7:15] == own_kid
    _refused(r, pkg[:6] + bytes([1]) + own_kid + pkg[15:-1] + bytes([pkg[-1] ^ 1]), "damaged")
