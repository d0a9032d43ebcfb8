package simulation

import (
	"fmt"
	"math/rand"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/clearchain/clearchain/chain/internal/simexec"
	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// Operation weights (relative; the clearing module's trading operations weigh 700).
const (
	WeightSetPairHalt  = 12
	WeightUpsertPair   = 12
	WeightUpdateParams = 6
)

// RejectedPrefix starts the comment of an operation whose message the chain refused with a registered error
// (a valid outcome, counted as "failed"); other non-OK operations are no-ops.
const RejectedPrefix = simexec.RejectedPrefix

// WeightedOperations returns the oracle's governance operations: halting and resuming pairs, changing pair
// guards (and sometimes decimals, which x/oracle must refuse for a pair in use) and params, each executed by the
// governance authority through the app's message router, as a passed proposal executes.
func WeightedOperations(_ module.SimulationState, k *keeper.Keeper) []simtypes.WeightedOperation {
	return []simtypes.WeightedOperation{
		simulationWeighted(WeightSetPairHalt, SimulateMsgSetPairHalt(k)),
		simulationWeighted(WeightUpsertPair, SimulateMsgUpsertPair(k)),
		simulationWeighted(WeightUpdateParams, SimulateMsgUpdateParams(k)),
	}
}

func simulationWeighted(w int, op simtypes.Operation) simtypes.WeightedOperation {
	return simulation.NewWeightedOperation(w, op)
}

// ExecAuthority runs msg as governance executes a passed proposal's messages (simexec.ExecAuthority).
func ExecAuthority(app *baseapp.BaseApp, ctx sdk.Context, msg sdk.Msg) (simtypes.OperationMsg, error) {
	return simexec.ExecAuthority(app, ctx, types.ModuleName, msg, nil)
}

func randomPair(r *rand.Rand, ctx sdk.Context, k *keeper.Keeper) (types.CurrencyPair, bool) {
	pairs, err := k.AllPairs(ctx)
	if err != nil || len(pairs) == 0 {
		return types.CurrencyPair{}, false
	}
	return pairs[r.Intn(len(pairs))], true
}

// SimulateMsgSetPairHalt halts a random pair by governance, or lifts a governance halt (more often).
func SimulateMsgSetPairHalt(k *keeper.Keeper) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, _ []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		pair, ok := randomPair(r, ctx, k)
		if !ok {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgSetPairHalt{}), "no pairs"), nil, nil
		}
		res, err := ExecAuthority(app, ctx, &types.MsgSetPairHalt{Authority: k.Authority(), Pair: pair.Name(), Halted: r.Intn(3) == 0})
		return res, nil, err
	}
}

// SimulateMsgUpsertPair changes a random pair's guards (random valid values); one in eight also changes its
// decimals, which must be refused while a market uses the pair; one in ten lists a new pair.
func SimulateMsgUpsertPair(k *keeper.Keeper) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, _ []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		pair, ok := randomPair(r, ctx, k)
		params, err := k.Params.Get(ctx)
		if !ok || err != nil {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgUpsertPair{}), "no pairs"), nil, nil
		}
		pair = RandomizePairGuards(r, pair, params.HistoryBlocks)
		switch r.Intn(10) {
		case 0:
			pair = types.DefaultPair(fmt.Sprintf("SIM%d", r.Intn(50)), "USD", uint32(r.Intn(9)))
		case 1:
			pair.Decimals = uint32(r.Intn(10))
		}
		res, err := ExecAuthority(app, ctx, &types.MsgUpsertPair{Authority: k.Authority(), Pair: pair})
		return res, nil, err
	}
}

// SimulateMsgUpdateParams sets random valid oracle params.
func SimulateMsgUpdateParams(k *keeper.Keeper) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, _ []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		res, err := ExecAuthority(app, ctx, &types.MsgUpdateParams{Authority: k.Authority(), Params: RandomizedParams(r)})
		return res, nil, err
	}
}
