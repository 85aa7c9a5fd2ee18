#!/usr/bin/env bash
# The language server in Emacs with eglot, as the README sets it up: Debian's emacs-nox 28 and
# elpa-eglot 1.9, no yasnippet and no markdown-mode (so no snippets, plaintext only). Batch Emacs
# opens a copy of test/fixtures/workspace/essay.md and records the diagnostics flymake shows, a
# hover, a completion applied through completion-at-point and a quick fix applied through
# eglot-code-actions (test/emacs/check.el); test/emacs/assert.mjs compares them with
# test/fixtures/expected-diagnostics.json. Exit 0 only if everything matches.
#
# Emacs or eglot missing: installed with apt when running as root (or with passwordless sudo);
# otherwise the check is SKIPPED (exit 0) unless CI=true, where a missing prerequisite is a failure.
# Needs a built server: npm run build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
say() { printf '[emacs] %s\n' "$*"; }
is_ci() { case "${CI:-}" in '' | 0 | false | FALSE | False) return 1 ;; *) return 0 ;; esac; }
have_eglot() { command -v emacs >/dev/null && emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; }

if ! have_eglot; then
  if [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; then
    sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo -n)
    say "emacs or eglot not found: apt-get install -y emacs-nox elpa-eglot"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq </dev/null
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot </dev/null
  fi
fi
if ! have_eglot; then
  say "Emacs with eglot is not installed; install it with: sudo apt-get install -y emacs-nox elpa-eglot"
  if is_ci; then say "FAILED: Emacs/eglot missing and CI is set"; exit 1; fi
  say "SKIPPED: Emacs eglot check (emacs or eglot missing; CI not set)"
  exit 0
fi
[ -f server/out/server.js ] || { say "FAILED: server/out/server.js does not exist; run npm run build first"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/verbatim-emacs-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The essay is edited (completion, quick fix): a copy, with its .verbatim.json and sources.
cp -R test/fixtures/workspace "$tmp/work"
out=$tmp/result.json
start=$(date +%s%N)
status=0
# Not -Q: Debian's elpa packages (eglot) load through site-start.
VERBATIM_ROOT=$root VERBATIM_OUT=$out VERBATIM_WORK=$tmp/work HOME=$tmp timeout --kill-after=5 60 \
  emacs --batch -l "$root/test/emacs/check.el" </dev/null >"$tmp/emacs.log" 2>&1 || status=$?
say "emacs finished with status $status in $((($(date +%s%N) - start) / 1000000)) ms"
if [ ! -s "$out" ]; then
  say "FAILED: Emacs wrote no result (status $status; 124 means it timed out); its output:"
  cat "$tmp/emacs.log"
  exit 1
fi
node test/emacs/assert.mjs "$out" || { say "FAILED: unexpected result; raw JSON:"; cat "$out"; echo; exit 1; }
[ "$status" = 0 ] || { say "FAILED: emacs exited with status $status"; cat "$tmp/emacs.log"; exit 1; }
say "PASSED"
