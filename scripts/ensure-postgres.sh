#!/usr/bin/env bash
# The cluster demo runs Debian's PostgreSQL (server binaries in /usr/lib/postgresql/<version>/bin).
# Install it when missing and we are root; otherwise say how.
set -euo pipefail
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && exit 0
echo "Installing PostgreSQL from Debian (postgresql)"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  exit 0
fi
echo "Cannot install it here (not root, or no apt-get). Run:" >&2
echo "  sudo apt-get install postgresql" >&2
exit 1
