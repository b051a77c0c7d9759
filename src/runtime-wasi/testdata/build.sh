#!/usr/bin/env bash
# Rebuilds the runtime's test modules from the sources beside them, byte for byte:
# WAT with Debian's wat2wasm, C with Debian's clang + wasi-libc, Rust with Debian's rustc
# (/usr/bin/rustc, target wasm32-wasi; never the rustup one on PATH).
set -euo pipefail
cd "$(dirname "$0")"
for wat in *.wat; do
  wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
done
clang --target=wasm32-wasi -O2 -Wall -Werror -Wl,--strip-all -o tool.wasm tool.c
/usr/bin/rustc --target wasm32-wasi -C opt-level=s -C strip=symbols -C debuginfo=0 -o sleep.wasm sleep.rs
