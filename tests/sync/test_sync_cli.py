"""The exchange commands, end to end through argparse (app/sync_cli.py)."""


from __future__ import annotations

import argparse

from app import sync_cli
from tests.conftest import ADMIN_PASSWORD
from tests.sync.exchange_world import PASS, add_child


def _kenes(db_path, *argv) -> int:
    parser = argparse.ArgumentParser(prog="kenes")
    sync_cli.add_parser(parser.add_subparsers(dest="cmd", required=True))
    args = parser.parse_args([*argv[:2], "--db", str(db_path), "--user", "admin", *argv[2:]])
    return args.func(args)


def test_card_export_import_status_conflicts(offices, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("KENES_PASSPHRASE", PASS)
    a, r = offices["A"], offices["R"]
    a.db.dispose()
    r.db.dispose()
    assert _kenes(a.db.path, "office", "card", "--out", str(tmp_path / "a.card")) == 0
    assert "Fingerprint" in capsys.readouterr().out
    assert _kenes(r.db.path, "peer", "list") == 0
    assert "A" in capsys.readouterr().out
    add_child(a, "Кли")
    out = tmp_path / "a-to-r.kenes"
    assert _kenes(a.db.path, "sync", "export", "--to", r.office_id, "--out", str(out)) == 0
    assert out.read_bytes().startswith(b"KENES\x00\x01")
    assert _kenes(r.db.path, "sync", "import", str(out)) == 0
    assert "changes applied" in capsys.readouterr().out
    assert _kenes(r.db.path, "sync", "status") == 0
    assert "open conflicts: 0" in capsys.readouterr().out
    assert _kenes(r.db.path, "conflicts", "list") == 0
    assert _kenes(a.db.path, "office", "rotate-keys") == 0
    assert "card version 2" in capsys.readouterr().out
    assert _kenes(r.db.path, "peer", "revoke", a.office_id) == 0


def test_offices_and_keys_need_the_exchange_permission(offices, monkeypatch, capsys):
    """As on the Exchange screen: a secretary may revoke an office, a viewer may not."""
    import pytest

    from app.errors import PermissionDenied
    from app.services import users
    from app.services.context import SYSTEM

    r, a = offices["R"], offices["A"]
    with r.session() as s:
        for login, role in (("clerk", "viewer"), ("secretary", "secretary")):
            users.create_user(s, SYSTEM, login=login, full_name=login, role=role,
                              password="long enough password")
    r.db.dispose()
    monkeypatch.setenv("KENES_PASSWORD", "long enough password")

    def revoke_as(login: str) -> int:
        parser = argparse.ArgumentParser(prog="kenes")
        sync_cli.add_parser(parser.add_subparsers(dest="cmd", required=True))
        args = parser.parse_args(["peer", "revoke", "--db", str(r.db.path), "--user", login,
                                  a.office_id])
        return args.func(args)

    with pytest.raises(PermissionDenied):
        revoke_as("clerk")
    assert revoke_as("secretary") == 0
    assert "revoked" in capsys.readouterr().out
