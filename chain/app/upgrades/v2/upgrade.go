// Package v2 is Clearchain's first software upgrade, "v2": a no-op that exercises the upgrade path end to end (the
// plan, the halt, the new binary's handler and store loader) without changing state beyond the module migrations
// (none registered today) and the stored module versions.
package v2

import (
	"context"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/clearchain/clearchain/chain/app/upgrades"
)

// UpgradeName is the plan name governance schedules for this upgrade.
const UpgradeName = "v2"

// Upgrade is the "v2" upgrade: run the module migrations, add or remove no store.
var Upgrade = upgrades.Upgrade{
	Name:                 UpgradeName,
	CreateUpgradeHandler: CreateUpgradeHandler,
	StoreUpgrades:        storetypes.StoreUpgrades{},
}

// CreateUpgradeHandler returns the handler: the module manager's migrations from the stored versions.
func CreateUpgradeHandler(mm *module.Manager, configurator module.Configurator) upgradetypes.UpgradeHandler {
	return func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
		return mm.RunMigrations(ctx, configurator, fromVM)
	}
}
