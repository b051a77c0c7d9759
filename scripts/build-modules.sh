#!/usr/bin/env bash
# `npm run build:modules`: rebuilds every WebAssembly module in modules/ from source and packages
# them as OCI images into public/modules (scripts/package-modules.ts). Byte for byte: running it
# twice gives identical files. A module is a folder modules/<name>/ holding module.json and one
# main.c (C: Debian's clang + wasi-libc), main.rs (Rust: Debian's /usr/bin/rustc, wasm32-wasi) or
# main.ts (AssemblyScript from npm, with @assemblyscript/wasi-shim). Missing Debian toolchains are
# installed with apt-get; see modules/README.md. Folders whose name starts with `_` are not modules
# (modules/_shared holds code the modules include).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# Nothing from the environment may leak into the bytes.
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0
unset RUSTFLAGS CFLAGS LDFLAGS

RUSTC=/usr/bin/rustc # never the rustup one on PATH: it has no wasm32 std here
ASC="$ROOT/node_modules/.bin/asc"
WASI_SHIM="$ROOT/node_modules/@assemblyscript/wasi-shim"
DEBIAN_PACKAGES=(clang lld wasi-libc libclang-rt-14-dev-wasm32 rustc libstd-rust-dev-wasm32)

die() {
  echo "build-modules: $*" >&2
  exit 1
}

ensure_toolchains() {
  command -v dpkg-query >/dev/null ||
    die "needs Debian's packages ${DEBIAN_PACKAGES[*]} (dpkg-query not found: not a Debian system?)"
  local missing=() p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "build-modules: installing the missing Debian packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null || die "not root and no sudo: run apt-get install -y ${missing[*]}"
      sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
      die "apt-get update failed; install by hand: apt-get install -y ${missing[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" ||
      die "apt-get install failed; install by hand: apt-get install -y ${missing[*]}"
  fi
  [ -x "$RUSTC" ] || die "$RUSTC is missing although package rustc is installed"
  [ -d /usr/lib/rustlib/wasm32-wasi ] || die "Rust's wasm32-wasi std is missing (libstd-rust-dev-wasm32)"
  [ -x "$ASC" ] && [ -f "$WASI_SHIM/asconfig.json" ] ||
    die "AssemblyScript is missing: run npm install (assemblyscript and @assemblyscript/wasi-shim are devDependencies)"
}

c_toolchain() {
  echo "$(clang --version | head -n 1), wasi-libc $(dpkg-query -W -f='${Version}' wasi-libc)"
}

rust_toolchain() {
  echo "$("$RUSTC" --version) (Debian $(dpkg-query -W -f='${Version}' rustc))"
}

as_toolchain() {
  local shim
  shim="$(node -p "require('$WASI_SHIM/package.json').version")"
  echo "AssemblyScript $("$ASC" --version | sed 's/^Version //'), @assemblyscript/wasi-shim $shim"
}

# build_<language> <source, relative to ROOT> <output>
build_c() {
  clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -ffile-prefix-map="$ROOT"=. \
    -I modules/_shared -Wl,--strip-all -o "$2" "$1"
}

build_rust() {
  "$RUSTC" --edition 2021 --target wasm32-wasi -C opt-level=s -C lto=fat -C codegen-units=1 \
    -C panic=abort -C debuginfo=0 -C strip=symbols --remap-path-prefix "$ROOT"=. -o "$2" "$1"
}

build_as() {
  "$ASC" "$1" --config node_modules/@assemblyscript/wasi-shim/asconfig.json -O3z --noColors --outFile "$2"
}

ensure_toolchains

found=0
for dir in modules/*/; do
  name="$(basename "$dir")"
  [[ "$name" == _* ]] && continue
  [ -f "$dir/module.json" ] || die "$dir has no module.json (a module folder needs one)"
  sources=()
  for f in main.c main.rs main.ts; do [ -f "$dir$f" ] && sources+=("$f"); done
  [ ${#sources[@]} -eq 1 ] ||
    die "$dir must hold exactly one of main.c, main.rs, main.ts (found ${#sources[@]})"
  src="$dir${sources[0]}"
  case "${sources[0]}" in
    main.c) lang=c ;;
    main.rs) lang=rust ;;
    main.ts) lang=as ;;
  esac
  out="${dir}build"
  rm -rf "$out"
  mkdir -p "$out"
  echo "build-modules: $name ($src)"
  "build_$lang" "$src" "$out/$name.wasm" || die "building $name from $src failed"
  "${lang}_toolchain" >"$out/toolchain.txt"
  found=$((found + 1))
done
[ "$found" -gt 0 ] || die "no modules found in modules/"

"$ROOT/node_modules/.bin/tsx" scripts/package-modules.ts
