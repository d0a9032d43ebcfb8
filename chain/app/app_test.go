package app_test

import (
	"encoding/json"
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	circuittypes "github.com/clearchain/clearchain/chain/x/circuit/types"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
)

// TestAppInitFinalizeExport boots the full app from its default genesis, produces a block, and exports state.
func TestAppInitFinalizeExport(t *testing.T) {
	db := dbm.NewMemDB()
	a := app.New(log.NewNopLogger(), db, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID("clearchain-test"))
	initChain(t, a, "clearchain-test")
	_, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 1})
	require.NoError(t, err)
	_, err = a.Commit()
	require.NoError(t, err)

	exported, err := a.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	for _, m := range []string{"auth", "bank", "staking", "distribution", "slashing", "mint", "gov", "upgrade",
		"feegrant", circuittypes.ModuleName, clearingtypes.ModuleName} {
		_, ok := state[m]
		require.True(t, ok, "module %s missing from export", m)
	}
	var clearingGen clearingtypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(state[clearingtypes.ModuleName], &clearingGen)
	require.Equal(t, clearingtypes.DefaultParams(), clearingGen.Params)
}

// TestModuleAccountsBlocked checks the clearing module account cannot receive plain bank sends,
// which keeps the collateral invariant exact.
func TestModuleAccountsBlocked(t *testing.T) {
	blocked := app.BlockedAddresses()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	require.True(t, blocked[a.ClearingKeeper.ModuleAddress().String()])
}
