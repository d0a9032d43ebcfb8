// Package simulation provides the clearing module's randomized genesis and store decoder for SDK simulations.
package simulation

import (
	"math/rand"

	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// RandomizedParams returns valid random clearing params.
func RandomizedParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.MaxSubaccountsPerOwner = uint32(1 + r.Intn(int(types.MaxSubaccountNumber)+1))
	p.MaxQueryPageSize = uint32(1 + r.Intn(1000))
	p.MaxUpnlWithdrawPpm = uint64(r.Intn(1_000_001))
	p.InsuranceFeeSharePpm = uint64(r.Intn(1_000_001))
	p.MaxFillsPerTx = uint32(4 + r.Intn(types.MaxFillsHardCap-3))
	p.MaxPositionsPerSubaccount = uint32(1 + r.Intn(256))
	p.MaxOrderPrunesPerBlock = uint32(1 + r.Intn(10_000))
	return p
}

// RandomizedGenState writes a random but valid clearing genesis (default markets, no subaccounts) into simState.
// Funding intervals are short (1–20 blocks) so that funding runs within a short simulation.
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesis()
	gs.Params = RandomizedParams(simState.Rand)
	for i := range gs.Markets {
		gs.Markets[i].FundingIntervalBlocks = uint64(1 + simState.Rand.Intn(20))
		gs.Markets[i].InterestRatePpm = int64(simState.Rand.Intn(201)) - 100
	}
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}
