#!/usr/bin/env bash
# The Go build tags for the chain, one line, used by the Makefile (GO_TAGS) and the scripts that build or benchmark
# the node: `libsecp256k1_sdk` (the SDK's cgo libsecp256k1 verifier, about 2.5x faster than the pure-Go default)
# when cgo is on and its C compiler compiles a trivial program, else nothing (pure Go). Both verifiers give the
# same verdicts (chain/crypto/secp256k1check). A GO_TAGS variable in the environment, even empty, wins:
# `make build GO_TAGS=` builds pure Go.
#   scripts/lib/go-tags.sh           print the tags
#   scripts/lib/go-tags.sh --detect  print the detected tags, ignoring GO_TAGS
#   scripts/lib/go-tags.sh --why     print why detection chose pure Go (empty when it chose cgo)
set -uo pipefail

go_bin="${GO:-go}"

# detect prints the tags and, on fd 3, the reason for pure Go.
detect() {
  local cgo cc dir
  cgo="$("$go_bin" env CGO_ENABLED 2>/dev/null || true)"
  if [ "$cgo" != 1 ]; then
    # Go turns cgo off by itself when it finds no C compiler.
    if [ -n "${CGO_ENABLED:-}" ]; then echo >&3 "CGO_ENABLED=$CGO_ENABLED"; else echo >&3 "no C compiler"; fi
    echo
    return
  fi
  cc="$("$go_bin" env CC 2>/dev/null || true)"
  cc="${cc:-cc}"
  dir="$(mktemp -d)"
  printf 'int main(void) { return 0; }\n' >"$dir/t.c"
  # $cc unquoted: CC may carry flags ("gcc -m64"), as cgo reads it.
  # shellcheck disable=SC2086
  if (cd "$dir" && $cc -o t t.c) >/dev/null 2>&1; then
    echo libsecp256k1_sdk
  else
    echo >&3 "no working C compiler: $cc"
    echo
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  "") if [ "${GO_TAGS+set}" = set ]; then printf '%s\n' "$GO_TAGS"; else detect 3>/dev/null; fi ;;
  --detect) detect 3>/dev/null ;;
  --why) detect 3>&1 >/dev/null ;;
  *) echo "usage: $0 [--detect|--why]" >&2; exit 2 ;;
esac
