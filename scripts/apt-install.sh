#!/usr/bin/env bash
# Install Debian packages, waiting for the package manager's lock instead of failing when
# another apt or dpkg (an unattended upgrade, a second terminal) holds it.
#   scripts/apt-install.sh PACKAGE...
# APT_LOCK_WAIT: seconds to wait in all (default 900); APT_LOCK_POLL: between tries (5).
set -u
export DEBIAN_FRONTEND=noninteractive
wait_total=${APT_LOCK_WAIT:-900}
poll=${APT_LOCK_POLL:-5}
apt=${APT_GET:-apt-get}
# apt itself waits for the dpkg lock with this option; the loop below also covers the
# lists lock of `apt-get update` and older apt versions that ignore the option.
opts=(-o "DPkg::Lock::Timeout=$poll" -qq)
waited=0

try() {  # try COMMAND...: run it, retrying while the failure is a held lock
  local out status
  while true; do
    out=$("$@" 2>&1); status=$?
    [ $status -eq 0 ] && { [ -n "$out" ] && printf '%s\n' "$out"; return 0; }
    if printf '%s' "$out" | grep -qiE 'could not get lock|unable to acquire|is another process using it|lock-frontend'; then
      if [ "$waited" -ge "$wait_total" ]; then
        printf '%s\n' "$out" >&2
        echo "apt-install: the package manager stayed locked for ${wait_total}s; giving up." >&2
        return $status
      fi
      [ "$waited" -eq 0 ] && echo "apt-install: another package manager holds the lock; waiting…" >&2
      sleep "$poll"; waited=$((waited + poll))
      continue
    fi
    printf '%s\n' "$out" >&2
    return $status
  done
}

try "$apt" "${opts[@]}" update || exit $?
try "$apt" "${opts[@]}" install -y --no-install-recommends "$@"
