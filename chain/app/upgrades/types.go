// Package upgrades holds Clearchain's software upgrades, one sub-package per upgrade (upgrades/v2, ...), in the
// pattern Cosmos chains use: each declares the name a governance MsgSoftwareUpgrade plan carries, the handler
// x/upgrade runs at the plan's height in the new binary (module migrations, then whatever state changes the release
// needs) and the stores the release adds, renames or deletes.
//
// To add an upgrade: copy upgrades/v2 to upgrades/vN, give it its Name, write its handler and StoreUpgrades, and
// append it to app.Upgrades. The old binary halts at the plan height ("UPGRADE "vN" NEEDED"); Cosmovisor (or the
// operator) starts the new one, whose PreBlocker runs the handler once (docs/VALIDATOR.md "Upgrades").
package upgrades

import (
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
)

// Upgrade is one named software upgrade.
type Upgrade struct {
	// Name is the upgrade plan name (MsgSoftwareUpgrade.plan.name) and the Cosmovisor directory name.
	Name string
	// CreateUpgradeHandler builds the handler x/upgrade runs at the plan height.
	CreateUpgradeHandler func(mm *module.Manager, configurator module.Configurator) upgradetypes.UpgradeHandler
	// StoreUpgrades are the stores added, renamed or deleted at the upgrade height.
	StoreUpgrades storetypes.StoreUpgrades
}
