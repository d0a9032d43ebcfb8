package keeper_test

import "github.com/clearchain/clearchain/chain/x/clearing/types"

// pinnedTestGenesis is the default genesis with the markets' risk parameters pinned to the values the keeper tests'
// hand-computed figures were written for (base IMF 5% BTC/ETH, 10% SOL; maintenance fraction 60%; volatility
// multiplier 20,000,000 ppm; step limit 5,000 ppm, which StepIMF clamps to its 134 ppm maximum). The production
// defaults (types.DefaultMarkets) are calibrated on crash history instead; see the clearing README.
func pinnedTestGenesis() *types.GenesisState {
	gs := types.DefaultGenesis()
	for i := range gs.Markets {
		m := &gs.Markets[i]
		m.InitialMarginPpm = 50_000
		if m.Ticker == "SOL-USD" {
			m.InitialMarginPpm = 100_000
		}
		m.MaintenanceFractionPpm, m.VolatilityMultiplierPpm, m.ImfStepLimitPpm = 600_000, 20_000_000, 5_000
	}
	return gs
}
