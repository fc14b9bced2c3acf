#!/usr/bin/env bash
# Builds the example and test components from their sources under components/<name>/ into
# wasm/<name>.wasm, or (--check) rebuilds them into a temporary directory and compares them
# byte for byte with the committed wasm/ files.
#
# Source kinds, decided per directory:
#   components/<name>/component.wat     hand-written component text  -> jco's wasm-tools parse
#   components/<name>/*.c + world.wit   C -> core module (clang, wasm32-wasi, wasi-libc), then
#                                       WIT embedded and wrapped into a component; a module
#                                       that calls WASI gets the preview1 adapter: "command"
#                                       when the C defines main, "reactor" otherwise
#                                       (tools/componentize.mjs)
#
# Usage: ./build.sh           build everything into wasm/
#        ./build.sh --check   fail (exit 1) if any committed wasm/*.wasm differs from its sources
set -euo pipefail

EXAMPLES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$EXAMPLES_DIR"
export LC_ALL=C # stable glob order

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

mode=build
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    echo "build.sh: unknown argument '$1'" >&2
    usage >&2
    exit 2
    ;;
esac

die() {
  echo "build.sh: $*" >&2
  exit 1
}

# Installs Debian packages when running as root with apt-get; otherwise says what is missing.
apt_install() {
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: $*"
    export DEBIAN_FRONTEND=noninteractive
    local log
    log="$(mktemp)"
    if ! apt-get install -y --no-install-recommends "$@" >"$log" 2>&1; then
      # The package lists may be missing or stale.
      if ! { apt-get update && apt-get install -y --no-install-recommends "$@"; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "apt-get could not install: $*"
      fi
    fi
    rm -f "$log"
  else
    die "missing build tools; install the Debian packages: $*"
  fi
}

ensure_toolchain() {
  local missing=()
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  command -v wasm-ld >/dev/null 2>&1 || missing+=(lld)
  [[ -f /usr/lib/wasm32-wasi/libc.a ]] || missing+=(wasi-libc)
  if command -v clang >/dev/null 2>&1; then
    # clang links compiler-rt's wasm32 builtins into every module.
    [[ -f "$(clang --print-resource-dir)/lib/wasi/libclang_rt.builtins-wasm32.a" ]] ||
      missing+=(libclang-rt-dev-wasm32)
  else
    missing+=(libclang-rt-dev-wasm32)
  fi
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if ((${#missing[@]} > 0)); then
    apt_install "${missing[@]}"
  fi

  # The devDependencies of package.json not installed at their pinned versions, if any.
  local stale
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
  stale="$(node -e '
    const fs = require("fs");
    const pinned = require("./package.json").devDependencies;
    for (const [name, version] of Object.entries(pinned)) {
      const manifest = `node_modules/${name}/package.json`;
      const installed = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest)).version : "";
      if (installed !== version) console.log(`${name}@${version}`);
    }')"
  if [[ -n "$stale" ]]; then
    echo "installing npm packages (npm ci): ${stale//$'\n'/ }"
    local log
    log="$(mktemp)"
    if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
      # npm ci refuses a lock file that lacks entries for optional platform packages, which
      # happens when it was written against a registry mirror missing those packages. Install
      # the locked versions without rewriting package-lock.json instead.
      echo "npm ci failed ($(grep -m1 -o 'can only install.*in sync\|code E[A-Z0-9]*' "$log" ||
        echo 'see npm output')); installing the locked versions with npm install --no-save"
      if ! npm install --no-save --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "npm install failed"
      fi
    fi
    rm -f "$log"
  fi
}

# Deterministic C flags: no debug info, build paths mapped away, warnings fatal. The name
# section stays (function names in traps); DWARF from wasi-libc is stripped.
# shellcheck disable=SC2054 # -Wl,<flag> passes one flag to the linker
CFLAGS=(
  --target=wasm32-wasi
  --sysroot=/usr
  -O2
  -g0
  -std=c11
  -Wall
  -Wextra
  -Werror
  "-ffile-prefix-map=$EXAMPLES_DIR=."
  -Iinclude
  -Wl,--strip-debug
)

has_main() {
  grep -Eq '(^|[^A-Za-z0-9_])main[[:space:]]*\(' "$@"
}

# build_one <component dir> <output .wasm> <scratch dir>; sets BUILT_KIND to the kind of source.
build_one() {
  local dir=$1 out=$2 scratch=$3 name
  name="$(basename "$dir")"
  if [[ -f "$dir/component.wat" ]]; then
    node tools/componentize.mjs parse "$dir/component.wat" "$out"
    BUILT_KIND="WAT"
    return
  fi
  local c_files=("$dir"/*.c)
  [[ -f "${c_files[0]}" ]] || die "$dir: no component.wat and no *.c sources"
  [[ -f "$dir/world.wit" ]] || die "$dir: C sources need a world.wit beside them"
  local exec_model="reactor"
  if has_main "${c_files[@]}"; then
    exec_model="command"
  fi
  clang "${CFLAGS[@]}" "-mexec-model=$exec_model" -o "$scratch/$name.core.wasm" "${c_files[@]}"
  local wasi
  wasi="$(node tools/componentize.mjs new "$scratch/$name.core.wasm" "$dir/world.wit" \
    "$exec_model" "$out")"
  BUILT_KIND="C $exec_model, $wasi"
}

# build_all <output dir> <scratch dir>: one progress line per component.
build_all() {
  local out_dir=$1 scratch=$2
  local dirs=(components/*/)
  local total=${#dirs[@]} i=0 dir name
  for dir in "${dirs[@]}"; do
    dir=${dir%/}
    name="$(basename "$dir")"
    i=$((i + 1))
    build_one "$dir" "$out_dir/$name.wasm" "$scratch"
    printf '[%d/%d] %-13s %-31s -> %s bytes\n' "$i" "$total" "$name" "($BUILT_KIND)" \
      "$(wc -c <"$out_dir/$name.wasm" | tr -d ' ')"
  done
}

ensure_toolchain
echo "toolchain: $(clang --version | head -n 1), node $(node --version)," \
  "jco $(node -p "require('./node_modules/@bytecodealliance/jco/package.json').version")"

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT
out_dir="$work_dir/out"
mkdir -p "$out_dir" "$work_dir/scratch"
start=$SECONDS
build_all "$out_dir" "$work_dir/scratch"

if [[ $mode == build ]]; then
  mkdir -p wasm
  for f in wasm/*.wasm; do
    [[ -e "$f" ]] || continue
    if [[ ! -e "$out_dir/$(basename "$f")" ]]; then
      echo "removing $f: no sources under components/"
      rm -f "$f"
    fi
  done
  built=("$out_dir"/*.wasm)
  cp "${built[@]}" wasm/
  echo "built ${#built[@]} components into wasm/ in $((SECONDS - start))s"
  exit 0
fi

failures=0
for f in "$out_dir"/*.wasm; do
  committed="wasm/$(basename "$f")"
  if [[ ! -f "$committed" ]]; then
    echo "MISSING  $committed (built from components/$(basename "$f" .wasm)/, not committed)"
    failures=$((failures + 1))
  elif ! cmp -s "$f" "$committed"; then
    echo "MISMATCH $committed differs from a fresh build of its sources" \
      "($(wc -c <"$committed" | tr -d ' ') committed bytes, $(wc -c <"$f" | tr -d ' ') built)"
    failures=$((failures + 1))
  fi
done
for f in wasm/*.wasm; do
  [[ -e "$f" ]] || continue
  if [[ ! -e "$out_dir/$(basename "$f")" ]]; then
    echo "STALE    $f has no sources under components/"
    failures=$((failures + 1))
  fi
done
if ((failures > 0)); then
  echo "check failed: $failures problem(s); run ./build.sh and commit wasm/" >&2
  exit 1
fi
echo "check passed: every wasm/*.wasm matches its sources ($((SECONDS - start))s)"
