# Clearchain: one entry point for building, code generation, the local network, tests and benchmarks.
# `make localnet` and `make test` work on a fresh machine with Go and Node: everything else is installed here.

SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

ROOT      := $(CURDIR)
BUILD_DIR := $(ROOT)/build
BINARY    := $(BUILD_DIR)/clearchaind
GO        ?= go
NPM       ?= npm
# Two cores here: keep parallel compilation modest so builds do not starve running nodes.
GOFLAGS_BUILD ?=
# secp256k1 signatures: the SDK's cgo libsecp256k1 verifier (build tag libsecp256k1_sdk, about 2.5x faster) when
# cgo is on and its C compiler works, else the SDK's pure-Go verifier; both give the same verdicts
# (chain/crypto/secp256k1check, run under both by go-test). Detected once here by scripts/lib/go-tags.sh, the one
# place that decides; `make build GO_TAGS=` forces pure Go. Exported for scripts/bench.sh and scripts/sim.sh.
ifeq ($(origin GO_TAGS),undefined)
GO_TAGS := $(shell GO='$(GO)' bash scripts/lib/go-tags.sh --detect)
endif
export GO_TAGS
HAS_LIBSECP := $(filter libsecp256k1_sdk,$(GO_TAGS))
SECP256K1_NOTE = $(if $(HAS_LIBSECP),libsecp256k1 (cgo),pure Go ($(if $(filter file,$(origin GO_TAGS)),$(shell GO='$(GO)' bash scripts/lib/go-tags.sh --why),GO_TAGS=$(GO_TAGS) from the $(origin GO_TAGS))))

.PHONY: build build-chain build-client build-feeder build-liquidator liquidator-test npm-install proto-gen proto-check vet go-test typecheck client-test \
        feeder-test e2e test localnet localnet-stop bench clean fmt-check

## build: the chain binary (build/clearchaind), the TypeScript SDK (client/dist, ESM + CJS), the price-feeder and the liquidator
build: build-chain build-client build-feeder build-liquidator

# -trimpath: no build directory in the binary (reproducible; error frames read "github.com/...", not /home/...).
# Version from `git describe` (a fresh clone has no tags: --always gives the short commit), 0.0.0-dev outside git.
build-chain:
	@echo "==> building build/clearchaind"
	@echo "    secp256k1: $(SECP256K1_NOTE)"
	@if [ -n "$(HAS_LIBSECP)" ] && [ "$$(cd chain && $(GO) env CGO_ENABLED)" != 1 ]; then \
	  echo "error: GO_TAGS=$(GO_TAGS) needs cgo (CGO_ENABLED=1 and a C compiler); GO_TAGS= builds pure Go" >&2; exit 1; fi
	@mkdir -p $(BUILD_DIR)
	cd chain && \
	  version=$$(git describe --tags --always --dirty 2>/dev/null || echo 0.0.0-dev) && \
	  commit=$$(git rev-parse HEAD 2>/dev/null || true) && \
	  sdkver=github.com/cosmos/cosmos-sdk/version && \
	  $(GO) build $(GOFLAGS_BUILD) -tags "$(GO_TAGS)" -trimpath -ldflags "-X $$sdkver.Name=clearchain -X $$sdkver.AppName=clearchaind \
	    -X $$sdkver.Version=$$version -X $$sdkver.Commit=$$commit" -o $(BINARY) ./cmd/clearchaind
	@v=$$($(BINARY) version) && [ -n "$$v" ] && echo "    ok: $(BINARY) $$v"

# npm packages are installed from package-lock.json; the stamp avoids reinstalling when nothing changed.
node_modules/.install-stamp: package.json package-lock.json client/package.json feeder/package.json liquidator/package.json
	@echo "==> installing npm packages (npm ci)"
	$(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

npm-install: node_modules/.install-stamp

build-client: npm-install
	@echo "==> building client/dist (ESM + CJS)"
	$(NPM) run build --workspace client

build-feeder: npm-install
	@echo "==> building feeder/dist (clearchain-feeder)"
	$(NPM) run build --workspace feeder

build-liquidator: build-client
	@echo "==> building liquidator/dist (clearchain-liquidator)"
	$(NPM) run build --workspace liquidator

## proto-gen: regenerate Go (gogoproto, grpc-gateway) and TypeScript (ts-proto) code from proto/
proto-gen: npm-install
	bash scripts/protocgen.sh

## proto-check: fail if the committed generated code differs from what proto-gen produces
proto-check: npm-install
	bash scripts/proto-check.sh

fmt-check:
	@echo "==> gofmt"
	@out=$$(cd chain && gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	@echo "==> go vet (secp256k1: $(SECP256K1_NOTE))"
	cd chain && $(GO) vet -tags "$(GO_TAGS)" ./...

# The secp256k1 vectors run a second time with the other verifier, so both are checked to agree (when this machine
# can build the cgo one).
go-test:
	@echo "==> go test (secp256k1: $(SECP256K1_NOTE))"
	cd chain && $(GO) test -count=1 -tags "$(GO_TAGS)" ./...
	@if [ -n "$(HAS_LIBSECP)" ]; then other="$(strip $(filter-out libsecp256k1_sdk,$(GO_TAGS)))"; \
	elif [ -n "$$(GO='$(GO)' bash scripts/lib/go-tags.sh --detect)" ]; then other="$(strip $(GO_TAGS) libsecp256k1_sdk)"; \
	else echo "==> secp256k1 vectors: libsecp256k1 not buildable here ($$(GO='$(GO)' bash scripts/lib/go-tags.sh --why)), pure Go only"; exit 0; fi; \
	echo "==> secp256k1 vectors with the other verifier (-tags \"$$other\")"; \
	cd chain && $(GO) test -count=1 -tags "$$other" ./crypto/secp256k1check/

typecheck: npm-install
	@echo "==> tsc --noEmit"
	npx tsc --noEmit -p client/tsconfig.json
	npx tsc --noEmit -p feeder/tsconfig.json
	npx tsc --noEmit -p liquidator/tsconfig.json
	npx tsc --noEmit -p tsconfig.json

client-test: npm-install
	@echo "==> client unit tests"
	$(NPM) test --workspace client

feeder-test: npm-install
	@echo "==> feeder unit and CLI tests"
	$(NPM) test --workspace feeder

liquidator-test: build-client
	@echo "==> liquidator unit tests"
	$(NPM) test --workspace liquidator

e2e: build
	@echo "==> jest end-to-end tests against a real node"
	$(NPM) run test:e2e

## test: everything CI checks, from a fresh clone
test: proto-check fmt-check vet go-test fuzz-smoke typecheck client-test feeder-test liquidator-test e2e
	@echo "==> all checks passed"

## localnet: build, start a 4-validator network on 127.0.0.1 and run the SDK demo
localnet: build
	bash scripts/localnet.sh

## localnet-stop: stop exactly the processes that `make localnet` started
localnet-stop:
	bash scripts/localnet-stop.sh

## bench: benchmarks; each prints `BENCH <name> ...` and writes build/bench/<name>.json
bench: build
	bash scripts/bench.sh

clean: localnet-stop
	rm -rf $(BUILD_DIR) client/dist feeder/dist liquidator/dist

## backtest: replay a price path (feeder replay CSV) block by block through the real oracle and clearing keepers:
##   make backtest PRICES=test/data/crash/btc-usd-2020-03-12-1m.csv MARKET=BTC-USD [ARGS="-accounts 500 -leverage 5,10,20"]
## prints `BENCH backtest ...` and writes build/bench/backtest.json
PRICES ?= test/data/crash/btc-usd-2020-03-12-1m.csv
MARKET ?= BTC-USD
SCENARIO ?= all
.PHONY: backtest stress
backtest:
	@mkdir -p $(BUILD_DIR)/bench
	cd chain && CLEARCHAIN_BENCH_DIR=$(BUILD_DIR)/bench $(GO) run ./tools/backtest/cmd/clearchain-backtest \
	  -prices $(abspath $(PRICES)) -market $(MARKET) $(ARGS)

## stress: generated stress paths (SCENARIO=crash30|gap15|pump300|jelly|usde, default all) through the same replay;
## prints `BENCH stress-<name> ...` and writes build/bench/stress-<name>.json
stress:
	@mkdir -p $(BUILD_DIR)/bench
	cd chain && CLEARCHAIN_BENCH_DIR=$(BUILD_DIR)/bench $(GO) run ./tools/backtest/cmd/clearchain-backtest \
	  -scenario $(SCENARIO) $(if $(filter command line,$(origin MARKET)),-market $(MARKET)) $(ARGS)

## sim: full-app simulation with every clearing and oracle message, invariants every block, import/export and
## determinism; SIM_SEEDS (default 3) and SIM_BLOCKS (default 50) set the long form. A short form runs in go-test.
SIM_SEEDS ?= 3
SIM_BLOCKS ?= 50
.PHONY: sim fuzz fuzz-smoke faults crash load
sim:
	SIM_SEEDS=$(SIM_SEEDS) SIM_BLOCKS=$(SIM_BLOCKS) bash scripts/sim.sh

## fuzz: every go fuzz target for FUZZTIME each (default 20s); their committed seed corpora also run in go-test
FUZZTIME ?= 20s
fuzz:
	FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

## fuzz-smoke: what `make test` runs: every fuzz target for a short fixed time (FUZZ_SMOKE_TIME, default 3s)
FUZZ_SMOKE_TIME ?= 3s
fuzz-smoke:
	@echo "==> fuzz smoke ($(FUZZ_SMOKE_TIME) per target)"
	FUZZTIME=$(FUZZ_SMOKE_TIME) bash scripts/fuzz.sh

## faults: a 4-validator loopback network under SDK load while validators are killed, paused, isolated and restarted;
## writes build/bench/faults.json
faults: build
	bash scripts/faults.sh

## crash: kill -9 one node at seeded random points (20 kills), each restart checked against an untouched replica;
## writes build/bench/crash.json
crash: build
	bash scripts/crash.sh

## load: ramp signed-trade and bank-send throughput against the running `make localnet`; writes build/bench/load.json
load: build-client
	bash scripts/load.sh
