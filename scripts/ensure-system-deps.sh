#!/usr/bin/env bash
# Installs what the tests need that npm cannot: Debian's Chromium for the browser tests,
# Debian's docker-registry for the real-registry tests and wabt (wat2wasm) for the runtime's
# hand-written test modules. Does nothing when all are present.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
command -v wat2wasm >/dev/null || missing+=(wabt)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages the tests need: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
