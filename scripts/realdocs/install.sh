#!/usr/bin/env bash
# Gets what the real-documents suite needs: the reference parsers (Debian's python3-docutils,
# python3-markdown-it, python3-pylatexenc, asciidoctor) and the corpora, public documentation shipped
# as Debian packages (fetched with `apt-get download`, unpacked with `dpkg -x`, kept in the cache so
# that later runs download nothing). Idempotent. Prints the corpus folder on its last line.
# Usage: bash scripts/realdocs/install.sh
set -euo pipefail
CACHE=${REALDOCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/consistency-checker/realdocs}
PACKAGES=(linux-doc-6.1 git-doc texlive-latex-base-doc texlive-latex-recommended-doc docutils-doc sphinx-doc python3.11-doc)
log() { echo "[realdocs-install] $*" >&2; }

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
updated=0
apt_update() { [ $updated = 1 ] || { $SUDO apt-get update -qq; updated=1; }; }

if ! /usr/bin/python3 -c 'import docutils, markdown_it, pylatexenc' 2>/dev/null || ! command -v asciidoctor >/dev/null; then
  log "apt-get install the reference parsers"
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-docutils python3-markdown-it python3-pylatexenc asciidoctor >/dev/null
fi

mkdir -p "$CACHE/debs" "$CACHE/corpora"
for pkg in "${PACKAGES[@]}"; do
  target="$CACHE/corpora/$pkg"
  [ -f "$target/.unpacked" ] && continue
  if ! ls "$CACHE/debs/${pkg}_"*.deb >/dev/null 2>&1; then
    log "apt-get download $pkg"
    (cd "$CACHE/debs" && { apt-get download -q "$pkg" >/dev/null 2>&1 || { apt_update; apt-get download -q "$pkg" >/dev/null; }; })
  fi
  rm -rf "$target" && mkdir -p "$target"
  dpkg -x "$(ls "$CACHE/debs/${pkg}_"*.deb | head -1)" "$target"
  find "$target" -name '*.gz' -type f -exec gunzip -fq {} + 2>/dev/null || true
  touch "$target/.unpacked"
done
log "corpora in $CACHE/corpora"
echo "$CACHE/corpora"
