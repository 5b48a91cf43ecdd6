"""The command line's streams (app/console.py) and the system's language (issue 17).

PYTHONIOENCODING=cp1251 gives Python on Linux what Windows gives it for a redirected
stream on a Russian system: the ANSI code page, which has no Kazakh letters. Before
app.console, `kenes --lang kk …` piped or redirected there ended with "'charmap' codec
can't encode characters". The frozen Windows CLI is run the same way under Wine in the
Windows step (tests/test_windows.py).
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from app import i18n
from app.db import open_database
from app.services import users
from tests.test_cli import INIT

ROOT = Path(__file__).resolve().parent.parent
ANSI = {"PYTHONIOENCODING": "cp1251"}


def kenes(tmp_path: Path, *args: str, stdout: int | object = subprocess.PIPE,
          stdin: bytes | None = None, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[bytes]:
    """`python -m app.cli`, its output as bytes: what a file or a pipe receives."""
    full_env = {**os.environ, "KENES_DATA_DIR": str(tmp_path / "data"),
                "KENES_PASSWORD": "a long admin password", **(env or {})}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=full_env,
                          input=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=120)


def test_kazakh_output_piped_on_an_ansi_code_page_arrives_in_utf8(tmp_path):
    path = tmp_path / "kenes.db"
    done = kenes(tmp_path, "--lang", "kk", *INIT, "--unencrypted", "--db", str(path), env=ANSI)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8") == (
        f"{path} файлы құрылды: комиссия — КДНиЗП акимата города Павлодара, "
        "әкімші — admin.\n")
    missing = tmp_path / "нет.db"
    refused = kenes(tmp_path, "--lang", "kk", "check", "--db", str(missing), env=ANSI)
    assert refused.returncode == 1
    assert refused.stderr.decode("utf-8") == f"kenes: {missing} жолында дерекқор жоқ.\n"


def test_kazakh_output_redirected_to_a_file_arrives_in_utf8(tmp_path):
    path = tmp_path / "kenes.db"
    log = tmp_path / "log.txt"
    with log.open("wb") as out:
        done = kenes(tmp_path, "--lang", "kk", *INIT, "--unencrypted", "--db", str(path), stdout=out, env=ANSI)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    with log.open("ab") as out:
        checked = kenes(tmp_path, "--lang", "kk", "check", "--db", str(path), stdout=out,
                        env=ANSI)
    assert checked.returncode == 0, checked.stderr.decode("utf-8", "replace")
    lines = log.read_text("utf-8").splitlines()
    assert lines[0].startswith(f"{path} файлы құрылды")
    assert lines[1] == f"{path}: ақау табылған жоқ."


def test_a_password_piped_in_is_read_as_utf8(tmp_path):
    """A Cyrillic password from a file saved by Notepad (UTF-8 with a byte-order mark),
    piped on an ANSI code page: decoded as cp1251 it would be another password."""
    path = tmp_path / "kenes.db"
    password = "құпия сөз — пароль"
    done = kenes(tmp_path, *INIT, "--unencrypted", "--db", str(path), "--password-stdin",
                 stdin=b"\xef\xbb\xbf" + f"{password}\r\n".encode(), env=ANSI)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    db = open_database(path)
    try:
        with db.session() as s:
            assert users.log_in(s, "admin", password) is not None
    finally:
        db.close()


def test_a_terminal_that_lacks_a_letter_shows_a_mark_instead_of_failing(tmp_path):
    """A terminal keeps its own encoding: Kazakh letters cp1251 lacks become '?', and
    the command still succeeds."""
    path = tmp_path / "kenes.db"
    leader, follower = pty.openpty()
    try:
        done = kenes(tmp_path, "--lang", "kk", *INIT, "--unencrypted", "--db", str(path), stdout=follower,
                     env=ANSI)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert shown.decode("cp1251").startswith(f"{path} файлы ??рылды")


# -- the system's language ---------------------------------------------------------------

LANGID = {"ru-RU": 0x0419, "kk-KZ": 0x043F, "en-US": 0x0409, "de-DE": 0x0407}


@pytest.mark.parametrize(("display", "regional", "expected"), [
    ("kk-KZ", "kk-KZ", "kk"),
    ("ru-RU", "ru-RU", "ru"),
    ("ru-RU", "kk-KZ", "ru"),   # a Russian Windows with Kazakhstan's formats: its display
    ("de-DE", "kk-KZ", "kk"),   # a language Kenes does not speak: the regional format's
    ("en-US", "ru-RU", "en"),
    ("de-DE", "de-DE", "ru"),   # neither: Russian
])
def test_on_windows_the_display_language_decides(monkeypatch, display, regional, expected):
    monkeypatch.delenv("KENES_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # a Unix shell's (Git Bash): not Windows'
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(i18n, "_windows_langids", lambda: (LANGID[display], LANGID[regional]))
    assert i18n.language_from_environment() == expected
    monkeypatch.setenv("KENES_LANG", "kk")
    assert i18n.language_from_environment() == "kk"


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "kk_KZ.UTF-8"}, "kk"),
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "kk_KZ.UTF-8"}, "en"),
    ({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "kk_KZ.UTF-8"}, "kk"),
    ({"LANG": "C.UTF-8"}, "ru"),
])
def test_elsewhere_the_locale_decides(monkeypatch, env, expected):
    for var in ("KENES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.language_from_environment() == expected


def test_the_desktop_app_and_the_command_line_agree(monkeypatch):
    from app.ui.app_settings import system_language

    for var in ("KENES_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert system_language() == i18n.language_from_environment() == "kk"
