package app_test

import (
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
)

// TestRestartOnGoLevelDB runs blocks on an on-disk goleveldb, reopens it, and checks that the latest state loads
// and answers gRPC queries. It guards against always-empty module stores losing their IAVL versions.
func TestRestartOnGoLevelDB(t *testing.T) {
	dir := t.TempDir()
	opts := simtestutil.NewAppOptionsWithFlagHome(t.TempDir())
	db, err := dbm.NewGoLevelDB("application", dir, nil)
	require.NoError(t, err)
	a := app.New(log.NewNopLogger(), db, true, opts, baseapp.SetChainID("restart-test"))

	initChain(t, a, "restart-test")
	const blocks = 30
	for h := int64(1); h <= blocks; h++ {
		_, err = a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h})
		require.NoError(t, err)
		_, err = a.Commit()
		require.NoError(t, err)
	}
	require.NoError(t, db.Close())

	db2, err := dbm.NewGoLevelDB("application", dir, nil)
	require.NoError(t, err)
	defer db2.Close()
	b := app.New(log.NewNopLogger(), db2, true, opts, baseapp.SetChainID("restart-test"))
	require.Equal(t, int64(blocks), b.LastBlockHeight())
	for _, path := range []string{"/clearchain.clearing.v1.Query/Params", "/clearchain.circuit.v1.Query/DisabledList", "/cosmos.bank.v1beta1.Query/TotalSupply"} {
		res, err := b.Query(t.Context(), &abci.RequestQuery{Path: path, Height: blocks - 1})
		require.NoError(t, err)
		require.Zero(t, res.Code, "%s: %s", path, res.Log)
	}
}
