"""Hostile packages that are correctly signed and encrypted: deep nesting, lone
surrogates, compression bombs. Each is refused with a message naming the problem, and
nothing changes; a bomb is refused within a bounded amount of memory."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from app.sync import canonical, keys, package
from app.sync.errors import PackageRefused
from tests.sync.exchange_world import PASS, add_child, receive, send, snapshot


@pytest.fixture
def pkg(offices):
    add_child(offices["A"], "Тестов")
    return send(offices["A"], offices["R"])


def _reseal(offices, data, *, body=None, payload=None, records_changed=False):
    """Open A's package with R's key, swap in `body` (manifest bytes) or `payload`, sign
    with A's real key and encrypt to R: a package as a trusted sender could make."""
    a, r = offices["A"], offices["R"]
    with r.session() as s:
        rk = keys.unlock(s, PASS)
    with a.session() as s:
        ak = keys.unlock(s, PASS)
    opened = package.open_(data, rk.encryption)
    manifest = dict(opened.manifest)
    if payload is not None:
        manifest["payload"] = dict(manifest["payload"], **payload["fields"])
        payload_bytes = payload["bytes"]
    else:
        payload_bytes = opened.payload
    body = body(manifest) if body else canonical.dumps(manifest)
    recipient = X25519PublicKey.from_public_bytes(
        bytes.fromhex(rk.signed_card["card"]["enc_public"]))
    sig = ak.signing.sign(body)
    plain = b"".join(len(p).to_bytes(4, "big") + p for p in (body, sig, payload_bytes))
    return opened.header + package.hpke_encrypt(plain, recipient, opened.header)


def _refused(office, data, match):
    before = snapshot(office.db)
    with pytest.raises(PackageRefused, match=match):
        receive(office, data)
    assert snapshot(office.db) == before


def test_a_manifest_nested_100000_levels_is_refused_by_name(offices, pkg):
    def nested(mf):
        return canonical.dumps(mf)[:-1] + b',"zz":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    _refused(offices["R"], _reseal(offices, pkg, body=nested), "manifest nests .* 32 levels")


def test_a_lone_surrogate_in_the_manifest_is_refused_by_name(offices, pkg):
    def surrogate(mf):
        return canonical.dumps(mf)[:-1] + b',"zz":"\\ud800"}'
    _refused(offices["R"], _reseal(offices, pkg, body=surrogate),
             "manifest holds text that is not valid Unicode")


def _payload(raw: bytes, records: int | None = None) -> dict:
    compressed = zlib.compress(raw)
    fields = {"sha256": __import__("hashlib").sha256(compressed).hexdigest(),
              "size": len(compressed), "uncompressed_size": len(raw)}
    if records is not None:
        fields["records"] = records
    return {"bytes": compressed, "fields": fields}


def test_a_lone_surrogate_in_a_change_is_refused_by_name(offices, pkg):
    with offices["R"].session() as s:
        opened = package.open_(pkg, keys.unlock(s, PASS).encryption)
    records = package.decode_records(opened)
    text = canonical.dumps({"records": records}).decode()
    bad = text.replace("Тестов", "\\udc00", 1).encode()
    assert bad != text.encode()
    _refused(offices["R"], _reseal(offices, pkg, payload=_payload(bad)),
             "changes hold text that is not valid Unicode")


def test_a_change_whose_value_is_a_list_is_refused(offices, pkg):
    with offices["R"].session() as s:
        opened = package.open_(pkg, keys.unlock(s, PASS).encryption)
    records = package.decode_records(opened)
    for rec in records:
        if rec[3] == "child":
            rec[6]["surname"] = [[["deep"]]]
    raw = canonical.dumps({"records": records})
    _refused(offices["R"], _reseal(offices, pkg, payload=_payload(raw)),
             "cannot read")


def _bomb(size: int) -> bytes:
    """A zlib stream of `size` bytes of spaces, made piece by piece (a few MB)."""
    z = zlib.compressobj(9)
    piece = b" " * (1 << 20)
    parts = [z.compress(piece) for _ in range(size >> 20)]
    return b"".join(parts) + z.flush()


def test_a_bomb_declaring_a_small_size_is_refused_when_it_passes_it(offices, pkg):
    bomb = _bomb(64 << 20)
    fields = {"sha256": __import__("hashlib").sha256(bomb).hexdigest(), "size": len(bomb),
              "uncompressed_size": 10_000}
    _refused(offices["R"], _reseal(offices, pkg, payload={"bytes": bomb, "fields": fields}),
             "inflate to more than the size it declares")


def test_a_package_declaring_gigabytes_is_refused_before_inflating(offices, pkg):
    bomb = _bomb(8 << 20)
    fields = {"sha256": __import__("hashlib").sha256(bomb).hexdigest(), "size": len(bomb),
              "uncompressed_size": 2 * 1024 ** 3}
    _refused(offices["R"], _reseal(offices, pkg, payload={"bytes": bomb, "fields": fields}),
             "declares 2048 MB of changes, more than the 128 MB")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
def test_inflating_a_gigabyte_bomb_stays_under_256_mb(tmp_path):
    """The worst case the limits allow: the largest declared size, a 1 GiB bomb. The
    child process's peak memory (VmHWM) includes Python and the libraries."""
    script = textwrap.dedent("""
        import hashlib, json, sys, zlib
        from app.sync import package
        from app.sync.errors import PackageRefused
        z = zlib.compressobj(9)
        piece = b" " * (1 << 20)
        bomb = b"".join(z.compress(piece) for _ in range(1024)) + z.flush()
        info = {"sha256": hashlib.sha256(bomb).hexdigest(), "size": len(bomb),
                "compression": "zlib", "uncompressed_size": package.MAX_PAYLOAD,
                "records": 1}
        opened = package.Opened(b"", b"", {"payload": info}, b"", bomb)
        try:
            package.decode_records(opened)
            refused = False
        except PackageRefused as exc:
            refused = str(exc)
        # VmHWM: this process's own peak. (ru_maxrss would count the parent's memory
        # too: Linux carries it over the exec of a forked child.)
        status = open("/proc/self/status").read()
        peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
        print(json.dumps({"refused": refused, "peak_mb": peak, "bomb": len(bomb)}))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=300)
    result = json.loads(out.stdout)
    assert "inflate to more than" in result["refused"]
    assert result["bomb"] < 2 * 1024 ** 2  # a small file...
    assert result["peak_mb"] < 256, result  # ...refused without taking its gigabyte


def test_depth_counts_brackets_outside_strings():
    assert canonical.depth(b'{"a":[[1]],"b":"[[[[[[["}') == 3
    assert canonical.depth(b'"\\"[["') == 0
    with pytest.raises(canonical.NotCanonical) as info:
        canonical.loads(b"[" * 40 + b"]" * 40, max_depth=32)
    assert info.value.reason == "depth"
    with pytest.raises(canonical.NotCanonical) as info:
        canonical.loads(json.dumps(["\ud800"]).encode())
    assert info.value.reason == "text"
