// Package simulation provides the oracle module's randomized genesis, governance operations and the price feed
// that full-app simulations drive through the vote-extension aggregation path.
package simulation

import (
	"math/rand"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// RandomizedParams returns valid random oracle params.
func RandomizedParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.HistoryBlocks = uint32(200 + r.Intn(801))
	p.MinReportingPowerPpm = uint64(500_000 + r.Intn(250_001))
	return p
}

// RandomizedGenState writes a random but valid oracle genesis (default pairs with random guards, no prices).
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesis()
	gs.Params = RandomizedParams(simState.Rand)
	for i := range gs.Pairs {
		gs.Pairs[i] = RandomizePairGuards(simState.Rand, gs.Pairs[i], gs.Params.HistoryBlocks)
		// A genesis price (stale after max_staleness_blocks unless the feed reaches quorum), so markets are priced
		// from the first block.
		gs.Prices = append(gs.Prices, types.PriceState{PairId: gs.Pairs[i].Id, PriceQuantums: startQuantums(gs.Pairs[i]),
			Height: 1, BlockTime: simState.GenTimestamp, Variance: math.LegacyZeroDec()})
	}
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomizePairGuards returns the pair with random but valid staleness, band, window and cooldown.
func RandomizePairGuards(r *rand.Rand, p types.CurrencyPair, historyBlocks uint32) types.CurrencyPair {
	p.MaxStalenessBlocks = uint64(3 + r.Intn(20))
	p.BandPpm = uint64(20_000 + r.Intn(80_001))
	p.ReferenceWindowBlocks = uint32(1 + r.Intn(int(min(historyBlocks, 200))))
	p.CooldownBlocks = uint64(1 + r.Intn(15))
	return p
}
