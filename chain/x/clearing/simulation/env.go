package simulation

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"sort"

	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/clearchain/clearchain/chain/internal/simexec"
	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// RejectedPrefix starts the comment of an operation whose message the chain refused with a registered error
// (a valid outcome, counted as "failed"); other non-OK operations are no-ops (nothing to do in that state).
const RejectedPrefix = simexec.RejectedPrefix

// simGasLimit is the gas of every simulated transaction (enough for the largest simulated fill batch).
const simGasLimit = 50_000_000

// AccountKeeper is what the operations read from x/auth: account numbers and sequences.
type AccountKeeper interface {
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
}

// BankKeeper is what the operations read from x/bank: collateral balances.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}

// OracleKeeper is what the operations read from x/oracle: the price trades are made around.
type OracleKeeper interface {
	GetPrice(ctx context.Context, pairID uint32) (quantums uint64, decimals uint32, err error)
}

// Counters are figures the operations collect beyond ok/failed per message (read by the simulation test).
type Counters struct {
	// FillsSettled and FillsRejected count fills of delivered MsgSubmitTrades by their per-fill outcome.
	FillsSettled, FillsRejected int
	// FillRejectCodes counts rejected fills by "codespace/code".
	FillRejectCodes map[string]int
	// RejectCodes counts refused messages by "msg codespace/code".
	RejectCodes map[string]int
	// InBlockLiquidations counts MsgLiquidate the in-block liquidator delivered successfully; InBlockLiquidationsFailed
	// those it tried and the chain refused.
	InBlockLiquidations, InBlockLiquidationsFailed int
	// LiquidatableSeen counts (block, subaccount) pairs found in the Liquidatable set after the sweep.
	LiquidatableSeen int
}

// Deps are the keepers and per-run state of the clearing operations.
type Deps struct {
	AK       AccountKeeper
	BK       BankKeeper
	Oracle   OracleKeeper
	Counters *Counters
	orders   *orderLog
}

// NewDeps returns the operations' dependencies with fresh counters and order log.
func NewDeps(ak AccountKeeper, bk BankKeeper, ok OracleKeeper) *Deps {
	return &Deps{AK: ak, BK: bk, Oracle: ok, orders: &orderLog{},
		Counters: &Counters{FillRejectCodes: map[string]int{}, RejectCodes: map[string]int{}}}
}

// codeOf renders an error's registered codespace and code.
func codeOf(err error) string {
	space, code, _ := errorsmod.ABCIInfo(err, false)
	return fmt.Sprintf("%s/%d", space, code)
}

// isFatal reports an outcome that no input may cause: a panic in a handler.
func isFatal(err error) bool { return errors.Is(err, sdkerrors.ErrPanic) }

// deliver signs msg as acc and delivers it as a transaction (ante handler, signature, message router), in the
// block's state. A refusal with a registered code is a valid outcome; a panic fails the simulation.
func (d *Deps) deliver(r *rand.Rand, app *baseapp.BaseApp, txCfg client.TxConfig, ctx sdk.Context, chainID string,
	acc simtypes.Account, msg sdk.Msg,
) (simtypes.OperationMsg, *sdk.Result, error) {
	name := sdk.MsgTypeURL(msg)
	account := d.AK.GetAccount(ctx, acc.Address)
	if account == nil {
		return simtypes.NoOpMsg(types.ModuleName, name, "account not found"), nil, nil
	}
	tx, err := simtestutil.GenSignedMockTx(r, txCfg, []sdk.Msg{msg}, sdk.NewCoins(), simGasLimit, chainID,
		[]uint64{account.GetAccountNumber()}, []uint64{account.GetSequence()}, acc.PrivKey)
	if err != nil {
		return simtypes.NoOpMsg(types.ModuleName, name, "cannot sign"), nil, err
	}
	_, res, err := app.SimDeliver(txCfg.TxEncoder(), tx)
	if err != nil {
		if isFatal(err) {
			return simtypes.NoOpMsg(types.ModuleName, name, "panic"), nil, fmt.Errorf("%s panicked: %s", name, err.Error())
		}
		d.Counters.RejectCodes[name+" "+codeOf(err)]++
		return simtypes.NoOpMsg(types.ModuleName, name, RejectedPrefix+err.Error()), nil, nil
	}
	return simtypes.NewOperationMsgBasic(types.ModuleName, name, "", true, nil), res, nil
}

// ExecAuthority runs msg as governance executes a passed proposal's messages (simexec.ExecAuthority), counting
// refusals by code.
func (d *Deps) ExecAuthority(app *baseapp.BaseApp, ctx sdk.Context, msg sdk.Msg) (simtypes.OperationMsg, error) {
	return simexec.ExecAuthority(app, ctx, types.ModuleName, msg, func(name string, err error) {
		d.Counters.RejectCodes[name+" "+codeOf(err)]++
	})
}

// subaccountRef is a stored subaccount with the simulation account that owns it.
type subaccountRef struct {
	acc simtypes.Account
	sa  types.Subaccount
}

// simSubaccounts lists the stored subaccounts owned by simulation accounts, in store order.
func simSubaccounts(ctx sdk.Context, k *keeper.Keeper, accs []simtypes.Account) []subaccountRef {
	byAddr := make(map[string]simtypes.Account, len(accs))
	for _, a := range accs {
		byAddr[a.Address.String()] = a
	}
	var out []subaccountRef
	_ = k.Subaccounts.Walk(ctx, nil, func(_ keeper.SubaccountKey, sa types.Subaccount) (bool, error) {
		if a, ok := byAddr[sa.Owner]; ok {
			out = append(out, subaccountRef{acc: a, sa: sa})
		}
		return false, nil
	})
	return out
}

// markets lists the markets in id order.
func markets(ctx sdk.Context, k *keeper.Keeper) []types.Market {
	var out []types.Market
	_ = k.Markets.Walk(ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		out = append(out, m)
		return false, nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Id < out[j].Id })
	return out
}
