package simulation_test

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/module"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing"
	"github.com/clearchain/clearchain/chain/x/clearing/simulation"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

func TestRandomizedGenStateIsValid(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig(clearing.AppModule{})
	for seed := int64(0); seed < 50; seed++ {
		state := &module.SimulationState{Rand: rand.New(rand.NewSource(seed)), Cdc: enc.Codec, GenState: map[string]json.RawMessage{}}
		simulation.RandomizedGenState(state)
		var gs types.GenesisState
		enc.Codec.MustUnmarshalJSON(state.GenState[types.ModuleName], &gs)
		require.NoError(t, gs.Validate(), "seed %d", seed)
	}
}
