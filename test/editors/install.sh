#!/bin/sh
# Installs the editors the real-editor tests drive (Debian/Ubuntu), for CI. Idempotent: runs
# `apt-get update` and `apt-get install` only if a package is missing. Run as root (or via sudo).
#
#   test/editors/install.sh            then   node test/editors/run.mjs
#
# Debian 12 gives Neovim 0.7.2, Emacs 28.2, eglot 1.9 and lsp-mode 8.0.0 (which brings markdown-mode
# 2.5), the versions the tests were written on.
set -eu

packages="neovim emacs-nox elpa-eglot elpa-lsp-mode"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "editors already installed: $packages"
else
  if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
  else
    SUDO=
  fi
  echo "installing:$missing"
  $SUDO apt-get update
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

nvim --version | head -n 1
emacs --version | head -n 1
ls -d /usr/share/emacs/site-lisp/elpa/eglot-* /usr/share/emacs/site-lisp/elpa/lsp-mode-* 2>/dev/null || true
