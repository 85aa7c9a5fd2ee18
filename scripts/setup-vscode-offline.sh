#!/usr/bin/env bash
# Prepares this machine for the offline VS Code integration tests (test/vscode/run-offline.mjs):
#   - Debian packages: libkrb5-dev (headers for a native module of code-server), ripgrep, chromium
#   - code-server (VS Code's server + web workbench) installed into .cache/code-server/, outside the
#     project's dependencies, without any download except from the npm registry.
# Idempotent: work already done is detected (dpkg status, a version stamp) and skipped.
# Works non-interactively (CI=true, no stdin). Needs root or sudo for the apt part.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3          # newest code-server that runs on Node 20 (VS Code 1.100.3)
RIPGREP_PKG_VERSION=1.15.11          # @vscode/ripgrep version code-server 4.100.3 installs
RIPGREP_ASSET_VERSION=v13.0.0-10     # the ripgrep-prebuilt release that package downloads
APT_PACKAGES=(libkrb5-dev ripgrep chromium)

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache_dir=${VERBATIM_CODE_SERVER_DIR:-$root_dir/.cache/code-server}
stamp_file=$cache_dir/.verbatim-installed
stamp_text="code-server@$CODE_SERVER_VERSION node-$(node -p 'process.versions.modules')"

say() { printf '[setup-vscode] %s\n' "$*"; }
die() { printf '[setup-vscode] ERROR: %s\n' "$*" >&2; exit 1; }
start=$SECONDS

command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || say "warning: code-server $CODE_SERVER_VERSION wants Node 20, this is Node $node_major"

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    say "apt: $pkg already installed"
  else
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    die "missing Debian packages (${missing[*]}); run this script as root or install them: apt-get install -y ${missing[*]}"
  fi
  say "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq </dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
command -v rg >/dev/null || die "ripgrep (rg) is still missing after apt"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is still missing after apt"

# --- 2. code-server into the cache folder ----------------------------------------------------------
code_server_bin=$cache_dir/node_modules/.bin/code-server
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_text" ] && [ -x "$code_server_bin" ]; then
  say "code-server $CODE_SERVER_VERSION already installed in ${cache_dir#"$root_dir"/} (stamp matches), skipping"
else
  say "installing code-server@$CODE_SERVER_VERSION into ${cache_dir#"$root_dir"/} (takes a minute or two)"
  rm -rf "$cache_dir"
  mkdir -p "$cache_dir"
  # A package.json of its own, so npm installs here and never into the project's node_modules.
  printf '{ "name": "verbatim-code-server-cache", "private": true,\n  "allowScripts": { "code-server": true, "argon2": true } }\n' >"$cache_dir/package.json"

  # @vscode/ripgrep's postinstall downloads ripgrep from GitHub, which is unreachable here. It first
  # looks for the release archive in $TMPDIR/vscode-ripgrep-cache-<version>/: put Debian's rg there.
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64 | arm64) rg_target=aarch64-unknown-linux-musl ;;
    *) die "no offline ripgrep recipe for architecture $(uname -m)" ;;
  esac
  install_tmp=$cache_dir/.tmp
  rg_cache=$install_tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION
  mkdir -p "$rg_cache" "$install_tmp/rg"
  cp "$(command -v rg)" "$install_tmp/rg/rg"
  tar -czf "$rg_cache/ripgrep-$RIPGREP_ASSET_VERSION-$rg_target.tar.gz" -C "$install_tmp/rg" rg
  say "offline ripgrep archive: ${rg_cache#"$root_dir"/}/ripgrep-$RIPGREP_ASSET_VERSION-$rg_target.tar.gz"

  # npm_config_yes: node-pty's install runs `npx node-gyp`, which must not prompt.
  # --unsafe-perm: code-server's postinstall refuses to run as root without it (newer npm warns that
  # it does not know the option, but still passes it on to the script's environment).
    (
    cd "$cache_dir"
    TMPDIR=$install_tmp npm_config_yes=true npm install --prefix "$cache_dir" --unsafe-perm \
      --no-audit --no-fund --no-save --loglevel=warn "code-server@$CODE_SERVER_VERSION" </dev/null
  ) || die "npm install code-server@$CODE_SERVER_VERSION failed (see above)"
  rm -rf "$install_tmp"

  # The first start may log a line (e.g. writing its default config) before the version line.
  got=$("$code_server_bin" --version 2>/dev/null | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)
  [ "$got" = "$CODE_SERVER_VERSION" ] || die "code-server --version printed '$got', expected $CODE_SERVER_VERSION"
  printf '%s\n' "$stamp_text" >"$stamp_file"
  say "code-server $got installed"
fi

# --- 3. The project's own dev dependencies (playwright-core, mocha) --------------------------------
if [ -d "$root_dir/node_modules/playwright-core" ] && [ -d "$root_dir/node_modules/mocha" ]; then
  say "playwright-core and mocha present in node_modules"
else
  say "note: playwright-core/mocha not in node_modules yet; run 'npm ci' in the project root"
fi
say "done in $((SECONDS - start)) s; run the suite with: npm run test:vscode:offline"
