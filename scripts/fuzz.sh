#!/usr/bin/env bash
# Runs every Go fuzz target (func FuzzXxx in chain/**/*_fuzz_test.go) for FUZZTIME each (default 20s), one at a
# time, and fails if any finds a crasher (go test writes it to the package's testdata/fuzz/FuzzXxx/). The committed
# seed corpora in testdata/fuzz/ also run in plain `go test`. Prints one line per target with its exec rate.
# Fuzzing builds pure Go (no GO_TAGS): the targets exercise Clearchain's decoding and checks, and the two secp256k1
# verifiers' verdicts are compared by chain/crypto/secp256k1check in go-test instead.
set -euo pipefail
cd "$(dirname "$0")/../chain"
FUZZTIME="${FUZZTIME:-20s}"
failed=0
mapfile -t files < <(find . -name '*_fuzz_test.go' -not -path './tools/*' | sort)
for file in "${files[@]}"; do
  pkg="./$(dirname "${file#./}")"
  for target in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)' "$file" | awk '{print $2}'); do
    echo "== fuzz $pkg $target ($FUZZTIME)"
    log="$(mktemp)"
    if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -parallel 2 >"$log" 2>&1; then
      rate="$(grep -oE 'execs: [0-9]+ \([0-9]+/sec\)' "$log" | tail -1 || true)"
      echo "FUZZ $target ok ${rate}"
    else
      failed=1
      tail -40 "$log"
      echo "FUZZ $target FAILED (crasher under $pkg/testdata/fuzz/$target)"
    fi
    rm -f "$log"
  done
done
exit "$failed"
