package cmd

import (
	"time"

	cmttypes "github.com/cometbft/cometbft/types"
)

// defaultTimeoutCommit is CometBFT's pause after a commit. It is counted from the moment +2/3 precommits are in, so
// the block's execution runs inside it, and the block interval is timeout_commit plus the propose, prevote and
// precommit steps (with vote extensions).
//
// 250 ms, measured with `make load` on the 4-validator loopback localnet (2 cores shared with other work, so run to
// run spread is large; docs/PERFORMANCE.md "load"). At 500 ms blocks were 650-800 ms at low and moderate load (965 ms
// at the trade ramp's last level), over the 500 ms target, and submit→commit p50 at up to 4 trade tx/s or 80 send
// tx/s was 460-660 ms. At 250 ms with defaultPeerGossipSleepDuration (three runs), blocks were 300-390 ms through
// the highest sustained levels and that p50 was 240-430 ms. A shorter pause mostly removes idle time; it costs a fixed per-block overhead (vote
// extensions, commit: about 130 ms of CPU per block for the 4 idle nodes), so more blocks per second leave less CPU
// for transactions on an overloaded machine. It still leaves a validator across a WAN a quarter second to get its
// precommit into the last commit.
const defaultTimeoutCommit = 250 * time.Millisecond

// defaultPeerGossipSleepDuration is how long CometBFT's consensus reactor waits before looking again when it has no
// block part or vote to send to a peer (CometBFT's default: 100 ms). Proposals and votes are sent by these polling
// loops, so each of the propose, prevote and precommit steps waited up to a full sleep for its messages: on the
// localnet the three steps took 60-70 ms each at 100 ms and 17-26 ms each at 10 ms (cometbft_consensus_step_duration_
// seconds). The cost is wake-ups, two loops per peer: the idle 4-node localnet's CPU per block did not change (about
// 130 ms for the 4 nodes), and a node with 50 peers wakes about 10,000 times a second, each a read of the round state.
const defaultPeerGossipSleepDuration = 10 * time.Millisecond

// DefaultBlockMaxGas is consensus_params.block.max_gas of the genesis that `clearchaind init` and
// `clearchaind testnet init-files` write (CometBFT's default is -1, unlimited).
//
// It bounds the work of one block: CometBFT's mempool and the SDK's proposal handlers admit transactions while the
// summed gas *limits* fit, and the ante handler rejects a transaction whose gas limit exceeds it
// (ErrInvalidGasLimit, sdk code 41), so it is also the largest gas limit a transaction may ask for.
//
// The figure admits one maximum-size trade batch sent the SDK's default way: a MsgSubmitTrades with
// max_fills_per_tx = 2,000 fills measured 136.4M gas used (≈ 68k gas per fill, 790 KB tx; in-process app on
// goleveldb), and @clearchain/client asks for simulated gas × 1.5 (DEFAULT_GAS_MULTIPLIER), so 1.5 × 150M (the
// measured batch plus 10% for fills heavier than the benchmark's) = 225M. Measured on this repository's 2-core
// machine under load, settlement runs at 5-10 ns per gas (a 2,000-fill block took 0.7-1.3 s) and bank sends at
// 9-14 ns per gas, so a block at the cap executes in roughly 1-3 s at worst: bounded, but not under the 500 ms
// block time; see docs/CONTRACTS.md "Consensus parameters" for the trade-off and how to re-measure.
//
// Those figures predate the settlement batch (docs/PERFORMANCE.md): a 1,000-fill MsgSubmitTrades now uses 22.4M gas
// (≈ 22k per fill) and settles in about 0.1 ms of CPU per fill without signatures, so a block at the cap holds about
// 10,000 such fills, roughly 1-1.5 s of execution, still above the block time. The limit is kept: fills that create
// subaccounts and records use more gas per fill than the benchmark's, and lowering it is a consensus-parameter
// decision for governance, with the trade-off in docs/CONTRACTS.md.
const DefaultBlockMaxGas int64 = 225_000_000

// defaultConsensusParams are CometBFT's defaults with Clearchain's block gas limit.
func defaultConsensusParams() *cmttypes.ConsensusParams {
	cp := cmttypes.DefaultConsensusParams()
	cp.Block.MaxGas = DefaultBlockMaxGas
	return cp
}
