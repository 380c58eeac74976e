#!/usr/bin/env bash
# The tests drive real consumers: Debian's Chromium for the viewer, NetworkX, igraph and xmllint for
# the exports, and a real PostgreSQL server (started by the tests themselves in a temporary folder). Install whatever is missing (as root, with apt), or stop and say how. A missing tool
# must never turn into a silently skipped test.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import networkx" 2>/dev/null || missing+=(python3-networkx)
/usr/bin/python3 -c "import igraph" 2>/dev/null || missing+=(python3-igraph)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)

[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing test tools from Debian: ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "Cannot install them here (not root, or no apt-get). Run:" >&2
echo "  sudo apt-get install ${missing[*]}" >&2
exit 1
