package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	v2 "github.com/clearchain/clearchain/chain/app/upgrades/v2"
)

// TestUpgradesAreWellFormed: every known upgrade has a unique name and a handler.
func TestUpgradesAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, u := range app.Upgrades {
		require.NotEmpty(t, u.Name)
		require.False(t, seen[u.Name], "duplicate upgrade %s", u.Name)
		seen[u.Name] = true
		require.NotNil(t, u.CreateUpgradeHandler)
	}
	require.True(t, seen[v2.UpgradeName])
}

// TestNoOpUpgradeV2Runs: a "v2" plan for height 2 is applied by this binary's handler at that height (what the new
// binary does when Cosmovisor starts it at the height where the old one halted), the module versions stay stored,
// and blocks go on. (A binary that has the handler refuses to run blocks before the plan height: x/upgrade's
// "BINARY UPDATED BEFORE TRIGGER".)
func TestNoOpUpgradeV2Runs(t *testing.T) {
	home := t.TempDir()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(home), baseapp.SetChainID("upgrade-test"))
	initChain(t, a, "upgrade-test")
	block := func(h int64) {
		t.Helper()
		_, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: h})
		require.NoError(t, err)
		_, err = a.Commit()
		require.NoError(t, err)
	}
	block(1)
	ctx := a.NewUncachedContext(false, cmtproto.Header{Height: 1})
	require.NoError(t, a.UpgradeKeeper.ScheduleUpgrade(ctx, upgradetypes.Plan{Name: v2.UpgradeName, Height: 2}))
	block(2) // x/upgrade's PreBlocker runs the handler here; a binary without it would halt ("UPGRADE NEEDED")
	block(3)
	block(4)

	ctx = a.NewUncachedContext(false, cmtproto.Header{Height: 4})
	done, err := a.UpgradeKeeper.GetDoneHeight(ctx, v2.UpgradeName)
	require.NoError(t, err)
	require.Equal(t, int64(2), done)
	_, err = a.UpgradeKeeper.GetUpgradePlan(ctx)
	require.ErrorIs(t, err, upgradetypes.ErrNoUpgradePlanFound)
	vm, err := a.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	require.Equal(t, a.ModuleManager.GetVersionMap(), vm)
}

// TestUpgradeStoreLoaderAtPlannedHeight: a binary started on a home whose upgrade-info.json names a known upgrade
// (what the old binary writes when it halts) loads with that upgrade's store loader; an unknown name is ignored.
func TestUpgradeStoreLoaderAtPlannedHeight(t *testing.T) {
	for _, name := range []string{v2.UpgradeName, "not-a-known-upgrade"} {
		home := t.TempDir()
		require.NoError(t, os.MkdirAll(filepath.Join(home, "data"), 0o755))
		bz, err := json.Marshal(upgradetypes.Plan{Name: name, Height: 1})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(home, "data", upgradetypes.UpgradeInfoFilename), bz, 0o600))
		a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(home), baseapp.SetChainID("upgrade-test"))
		initChain(t, a, "upgrade-test")
		_, err = a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 1})
		require.NoError(t, err, name)
	}
}
