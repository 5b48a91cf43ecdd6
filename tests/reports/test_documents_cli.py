"""`kenes protocol|resolution|agenda|invitations|letters|extract`: exit status 0 and a file
on success; non-zero and one line on stderr otherwise."""

from __future__ import annotations

import pytest

from app import cli, documents_cli, i18n
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def kenes(built, tmp_path, monkeypatch, capsys):
    """Run `kenes --lang en ARGS --db COPY --user admin` on a copy of the scenario's
    database (messages in English, documents in their own --lang); returns (exit status,
    stdout, stderr)."""
    db, _, sc = built
    path = tmp_path / "copy.db"
    db.backup_to(path)
    monkeypatch.setattr(cli, "_plugins", lambda: [documents_cli.add_parser])
    monkeypatch.setattr(i18n, "_current", i18n.current_language())  # main() changes it
    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--lang", "en", *args, "--db", str(path), "--user", "admin"])
        out, err = capsys.readouterr()
        return code, out, err

    run.scenario = sc
    run.path = path
    return run


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_every_document_command_writes_its_file(kenes, tmp_path):
    sc = kenes.scenario
    meeting = sc.main.label
    for args, out in [
        (["protocol", "--meeting", meeting, "--lang", "ru"], "p.pdf"),
        (["protocol", "--meeting", meeting, "--lang", "kk", "--redacted"], "pr.pdf"),
        (["resolution", "--meeting", meeting, "--item", "1", "--lang", "kk"], "r.pdf"),
        (["agenda", "--meeting", sc.next.label, "--lang", "ru"], "a.pdf"),
        (["invitations", "--meeting", sc.next.label, "--lang", "kk"], "i.pdf"),
        (["extract", "--child", sc.child_id, "--lang", "ru"], "e.pdf"),
    ]:
        code, stdout, err = kenes(*args, "--out", str(tmp_path / out))
        assert (code, err) == (0, ""), args
        assert (tmp_path / out).read_bytes()[:5] == b"%PDF-"
        assert str(tmp_path / out) in stdout
    code, _, err = kenes("letters", "--meeting", meeting, "--lang", "ru",
                         "--out", str(tmp_path / "letters"))
    assert (code, err) == (0, "")
    assert len(list((tmp_path / "letters").glob("*.pdf"))) == 3


@pytest.mark.parametrize(("args", "message"), [
    (["resolution", "--meeting", "MEETING", "--item", "2"], "is not about a child"),
    (["resolution", "--meeting", "MEETING", "--item", "9"], "There is no item 9"),
    (["protocol", "--meeting", "99/2026"], "There is no meeting 99/2026"),
    (["protocol", "--meeting", "twelve"], "number/year"),
    (["extract", "--child", "no-such-child"], "not found"),
])
def test_refusals_exit_1_with_one_line(kenes, tmp_path, args, message):
    args = [a.replace("MEETING", kenes.scenario.main.label) for a in args]
    code, _, err = kenes(*args, "--lang", "ru", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and message in _one_line(err)
    assert not (tmp_path / "x.pdf").exists()


def test_a_wrong_password_is_refused(kenes, tmp_path, monkeypatch):
    monkeypatch.setenv("KENES_PASSWORD", "not the password")
    code, _, err = kenes("agenda", "--meeting", kenes.scenario.main.label, "--lang", "ru",
                         "--out", str(tmp_path / "a.pdf"))
    assert code == 1 and "Wrong login or password" in _one_line(err)
    assert not (tmp_path / "a.pdf").exists()


def test_a_missing_password_or_database_is_refused(kenes, tmp_path, monkeypatch):
    monkeypatch.delenv("KENES_PASSWORD")
    code, _, err = kenes("agenda", "--meeting", "1/2026", "--lang", "ru",
                         "--out", str(tmp_path / "a.pdf"))
    assert code == 1 and "KENES_PASSWORD" in _one_line(err)
    monkeypatch.setenv("KENES_PASSWORD", ADMIN_PASSWORD)
    code = cli.main(["--lang", "en", "agenda", "--meeting", "1/2026", "--lang", "ru",
                     "--user", "admin",
                     "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "a.pdf")])
    assert code == 1 and not (tmp_path / "none.db").exists()


def test_usage_errors_and_help(kenes, capsys):
    with pytest.raises(SystemExit) as missing_lang:
        kenes("protocol", "--meeting", "1/2026", "--out", "x.pdf")
    assert missing_lang.value.code == 2
    for command in ("protocol", "resolution", "agenda", "invitations", "letters", "extract"):
        with pytest.raises(SystemExit) as shown:
            cli.main([command, "--help"])
        assert shown.value.code == 0
        assert "--lang" in capsys.readouterr().out
