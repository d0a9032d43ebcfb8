// Package types holds the oracle module's types, parameters, errors and pure price math.
package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the oracle module's name, store key and codespace.
	ModuleName = "oracle"
	// StoreKey is the oracle module's KV store key.
	StoreKey = ModuleName
	// PPM is one million: the denominator of every *_ppm value.
	PPM uint64 = 1_000_000
	// MaxPriceQuantums bounds a fixed-point price (10^18); anything larger is treated as garbage.
	MaxPriceQuantums uint64 = 1_000_000_000_000_000_000
	// MaxDecimals bounds a pair's fixed-point scale.
	MaxDecimals uint32 = 12
	// MaxVoteExtensionBytesHardCap is the consensus bound on one vote extension in a block (PreBlock skips larger
	// ones). It is a constant, never below any max_vote_extension_bytes ever valid, so a governance change of
	// that param can never invalidate extensions signed under an earlier, higher value.
	MaxVoteExtensionBytesHardCap uint32 = 65_536
)

var (
	// ParamsKey stores Params.
	ParamsKey = collections.NewPrefix(0)
	// PairsKey stores CurrencyPair by id.
	PairsKey = collections.NewPrefix(1)
	// PairIDsKey indexes pair ids by "BASE/QUOTE".
	PairIDsKey = collections.NewPrefix(2)
	// NextPairIDKey is the pair id sequence.
	NextPairIDKey = collections.NewPrefix(3)
	// PricesKey stores PriceState by pair id.
	PricesKey = collections.NewPrefix(4)
	// HistoryKey stores PricePoint by (pair id, ring slot).
	HistoryKey = collections.NewPrefix(5)
)
