package types

import "context"

// PairUsage tells the oracle whether another module depends on a pair (x/clearing: a market is priced by it).
// The oracle cannot import x/clearing; the app wires the implementation with Keeper.SetPairUsage.
type PairUsage interface {
	// PairInUse reports whether any market uses the pair.
	PairInUse(ctx context.Context, pairID uint32) (bool, error)
}
