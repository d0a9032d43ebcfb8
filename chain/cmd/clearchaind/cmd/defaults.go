package cmd

import (
	"time"

	cmttypes "github.com/cometbft/cometbft/types"
)

// defaultTimeoutCommit is CometBFT's pause after a commit: 500 ms gives sub-second blocks.
const defaultTimeoutCommit = 500 * time.Millisecond

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
const DefaultBlockMaxGas int64 = 225_000_000

// defaultConsensusParams are CometBFT's defaults with Clearchain's block gas limit.
func defaultConsensusParams() *cmttypes.ConsensusParams {
	cp := cmttypes.DefaultConsensusParams()
	cp.Block.MaxGas = DefaultBlockMaxGas
	return cp
}
