package app

import (
	"encoding/json"
	"errors"

	errorsmod "cosmossdk.io/errors"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// ExportAppStateAndValidators exports the application state for a genesis file (`clearchaind export`).
func (app *App) ExportAppStateAndValidators(forZeroHeight bool, jailAllowedAddrs, modulesToExport []string) (servertypes.ExportedApp, error) {
	ctx := app.NewContextLegacy(true, cmtproto.Header{Height: app.LastBlockHeight()})
	// Export at last height + 1: the height at which CometBFT would run InitChain.
	height := app.LastBlockHeight() + 1
	if forZeroHeight {
		height = 0
		if err := app.prepForZeroHeightGenesis(ctx, jailAllowedAddrs); err != nil {
			return servertypes.ExportedApp{}, err
		}
	}
	genState, err := app.ModuleManager.ExportGenesisForModules(ctx, app.appCodec, modulesToExport)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	appState, err := json.MarshalIndent(genState, "", "  ")
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	validators, err := staking.WriteValidators(ctx, app.StakingKeeper)
	return servertypes.ExportedApp{
		AppState: appState, Validators: validators, Height: height, ConsensusParams: app.GetConsensusParams(ctx),
	}, err
}

// prepForZeroHeightGenesis settles distribution, resets heights and jails validators not in the allow list,
// so that the exported state can start a new chain at height 0.
func (app *App) prepForZeroHeightGenesis(ctx sdk.Context, jailAllowedAddrs []string) error {
	allowed := make(map[string]bool, len(jailAllowedAddrs))
	for _, addr := range jailAllowedAddrs {
		if _, err := sdk.ValAddressFromBech32(addr); err != nil {
			return err
		}
		allowed[addr] = true
	}

	// Withdraw all commission and rewards.
	err := app.StakingKeeper.IterateValidators(ctx, func(_ int64, val stakingtypes.ValidatorI) bool {
		valBz, err := app.StakingKeeper.ValidatorAddressCodec().StringToBytes(val.GetOperator())
		if err == nil {
			_, _ = app.DistrKeeper.WithdrawValidatorCommission(ctx, valBz)
		}
		return false
	})
	if err != nil {
		return err
	}
	dels, err := app.StakingKeeper.GetAllDelegations(ctx)
	if err != nil {
		return err
	}
	for _, d := range dels {
		valAddr, err := sdk.ValAddressFromBech32(d.ValidatorAddress)
		if err != nil {
			return err
		}
		_, _ = app.DistrKeeper.WithdrawDelegationRewards(ctx, sdk.MustAccAddressFromBech32(d.DelegatorAddress), valAddr)
	}
	app.DistrKeeper.DeleteAllValidatorSlashEvents(ctx)
	app.DistrKeeper.DeleteAllValidatorHistoricalRewards(ctx)

	// Heights restart at 1: rebase the height-dependent records (order expiry, funding phase, price ages).
	if err := app.ClearingKeeper.PrepForZeroHeight(ctx); err != nil {
		return err
	}
	// Old prices read as stale until the new chain's validators report; the height-keyed history is cleared.
	if err := app.OracleKeeper.PrepForZeroHeight(ctx); err != nil {
		return err
	}

	// Re-initialise validators and delegations at height 0.
	height := ctx.BlockHeight()
	ctx = ctx.WithBlockHeight(0)
	var iterErr error
	err = app.StakingKeeper.IterateValidators(ctx, func(_ int64, val stakingtypes.ValidatorI) bool {
		valBz, err := app.StakingKeeper.ValidatorAddressCodec().StringToBytes(val.GetOperator())
		if err != nil {
			iterErr = err
			return true
		}
		scraps, err := app.DistrKeeper.GetValidatorOutstandingRewardsCoins(ctx, valBz)
		if err != nil {
			iterErr = err
			return true
		}
		feePool, err := app.DistrKeeper.FeePool.Get(ctx)
		if err != nil {
			iterErr = err
			return true
		}
		feePool.CommunityPool = feePool.CommunityPool.Add(scraps...)
		if err := app.DistrKeeper.FeePool.Set(ctx, feePool); err != nil {
			iterErr = err
			return true
		}
		if err := app.DistrKeeper.Hooks().AfterValidatorCreated(ctx, valBz); err != nil {
			iterErr = err
			return true
		}
		return false
	})
	if err != nil {
		return err
	}
	if iterErr != nil {
		return iterErr
	}
	for _, d := range dels {
		valAddr, err := sdk.ValAddressFromBech32(d.ValidatorAddress)
		if err != nil {
			return err
		}
		delAddr := sdk.MustAccAddressFromBech32(d.DelegatorAddress)
		if err := app.DistrKeeper.Hooks().BeforeDelegationCreated(ctx, delAddr, valAddr); err != nil {
			return errorsmod.Wrap(err, "increment period")
		}
		if err := app.DistrKeeper.Hooks().AfterDelegationModified(ctx, delAddr, valAddr); err != nil {
			return errorsmod.Wrap(err, "create delegation period record")
		}
	}
	ctx = ctx.WithBlockHeight(height)

	// Reset creation heights of redelegations and unbondings.
	err = app.StakingKeeper.IterateRedelegations(ctx, func(_ int64, red stakingtypes.Redelegation) bool {
		for i := range red.Entries {
			red.Entries[i].CreationHeight = 0
		}
		iterErr = app.StakingKeeper.SetRedelegation(ctx, red)
		return iterErr != nil
	})
	if err != nil || iterErr != nil {
		return errorsmod.Wrap(errors.Join(err, iterErr), "redelegations")
	}
	err = app.StakingKeeper.IterateUnbondingDelegations(ctx, func(_ int64, ubd stakingtypes.UnbondingDelegation) bool {
		for i := range ubd.Entries {
			ubd.Entries[i].CreationHeight = 0
		}
		iterErr = app.StakingKeeper.SetUnbondingDelegation(ctx, ubd)
		return iterErr != nil
	})
	if err != nil || iterErr != nil {
		return errorsmod.Wrap(errors.Join(err, iterErr), "unbonding delegations")
	}

	// Reset validator bond heights and jail those not allowed.
	store := ctx.KVStore(app.GetKey(stakingtypes.StoreKey))
	iter := storetypes.KVStoreReversePrefixIterator(store, stakingtypes.ValidatorsKey)
	for ; iter.Valid(); iter.Next() {
		addr := sdk.ValAddress(stakingtypes.AddressFromValidatorsKey(iter.Key()))
		validator, err := app.StakingKeeper.GetValidator(ctx, addr)
		if err != nil {
			_ = iter.Close()
			return errorsmod.Wrapf(err, "validator %s", addr)
		}
		validator.UnbondingHeight = 0
		if len(allowed) > 0 && !allowed[addr.String()] {
			validator.Jailed = true
		}
		if err := app.StakingKeeper.SetValidator(ctx, validator); err != nil {
			_ = iter.Close()
			return err
		}
	}
	if err := iter.Close(); err != nil {
		return err
	}
	if _, err := app.StakingKeeper.ApplyAndReturnValidatorSetUpdates(ctx); err != nil {
		return err
	}

	// Reset signing-info start heights.
	return app.SlashingKeeper.IterateValidatorSigningInfos(ctx, func(addr sdk.ConsAddress, info slashingtypes.ValidatorSigningInfo) bool {
		info.StartHeight = 0
		iterErr = app.SlashingKeeper.SetValidatorSigningInfo(ctx, addr, info)
		return iterErr != nil
	})
}
