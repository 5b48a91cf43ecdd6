"""The set-up step: system packages are installed by scripts/apt-install.sh, which waits
while another package manager holds the lock instead of failing at once; and the real
window starts on the xcb platform under Xvfb (what `make run` does on a desktop)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "apt-install.sh"


def fake_apt(tmp_path: Path, locked_tries: int, *, other_error: bool = False) -> Path:
    """An apt-get that reports a held lock `locked_tries` times, then works (or fails
    for another reason); every call is logged."""
    state = tmp_path / "tries"
    state.write_text("0")
    log = tmp_path / "calls"
    tool = tmp_path / "apt-get"
    tool.write_text(f"""#!/usr/bin/env bash
echo "$*" >> {log}
n=$(cat {state}); echo $((n + 1)) > {state}
if [ "$n" -lt {locked_tries} ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt)" >&2
  exit 100
fi
{'[[ "$*" == *install* ]] && { echo "E: Unable to locate package nonsense" >&2; exit 100; }' if other_error else ''}
exit 0
""")
    tool.chmod(0o755)
    return tool


def run_script(tool: Path, *packages: str, wait: int = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, APT_GET=str(tool), APT_LOCK_POLL="0", APT_LOCK_WAIT=str(wait))
    return subprocess.run(["bash", str(SCRIPT), *packages], env=env, capture_output=True,
                          text=True, timeout=60)


def test_waits_for_the_lock_then_installs(tmp_path):
    tool = fake_apt(tmp_path, locked_tries=3)
    result = run_script(tool, "libxcb-icccm4", "libxcb-keysyms1")
    assert result.returncode == 0, result.stderr
    assert "waiting" in result.stderr
    calls = (tmp_path / "calls").read_text().splitlines()
    # Three refusals of `update`, then `update`, then the install of both packages.
    assert [c.split()[-1] for c in calls[:4]] == ["update"] * 4
    assert calls[-1].endswith("install -y --no-install-recommends libxcb-icccm4 "
                              "libxcb-keysyms1")
    assert all("DPkg::Lock::Timeout" in c for c in calls)


def test_gives_up_when_the_lock_is_never_released(tmp_path):
    tool = fake_apt(tmp_path, locked_tries=10_000)
    result = run_script(tool, "xvfb", wait=0)
    assert result.returncode == 100
    assert "stayed locked" in result.stderr


def test_another_failure_is_not_waited_for(tmp_path):
    tool = fake_apt(tmp_path, locked_tries=0, other_error=True)
    result = run_script(tool, "nonsense")
    assert result.returncode == 100
    assert "Unable to locate package" in result.stderr
    assert "waiting" not in result.stderr
    assert len((tmp_path / "calls").read_text().splitlines()) == 2  # update, install


def test_makefile_installs_the_xcb_libraries():
    makefile = (ROOT / "Makefile").read_text()
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxcb-image0",
                    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1",
                    "libxkbcommon-x11-0", "xvfb", "xauth"):
        assert package in makefile
    assert "scripts/apt-install.sh" in makefile


@pytest.mark.skipif(sys.platform != "linux", reason="Xvfb and xcb are Linux's")
def test_the_real_window_starts_on_xcb_under_xvfb(tmp_path, world):
    """`xvfb-run make run` in CI: the main window on the xcb platform (not off-screen),
    through `kenes smoke`, which says which platform showed it."""
    assert shutil.which("xvfb-run"), "xvfb-run is missing: `make test` installs it as root"
    world.db.close()
    kenes = Path(sys.executable).with_name("kenes")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.update(KENES_PASSWORD="correct horse battery", KENES_LANG="en")
    result = subprocess.run(
        ["xvfb-run", "-a", str(kenes), "--db", str(tmp_path / "kenes.db"), "smoke"],
        env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform xcb" in result.stdout
