package keeper_test

import (
	"context"
	"cosmossdk.io/collections"
	"fmt"
	"sort"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/x/clearing"
	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// fakeBank is an in-memory bank with the semantics the keeper relies on: sends fail on insufficient funds.
type fakeBank struct {
	balances map[string]sdk.Coins
	blocked  map[string]bool
}

func newFakeBank() *fakeBank {
	return &fakeBank{balances: map[string]sdk.Coins{}, blocked: map[string]bool{}}
}

func (b *fakeBank) send(from, to sdk.AccAddress, amt sdk.Coins) error {
	bal := b.balances[from.String()]
	newBal, neg := bal.SafeSub(amt...)
	if neg {
		return fmt.Errorf("insufficient funds: %s < %s", bal, amt)
	}
	b.balances[from.String()] = newBal
	b.balances[to.String()] = b.balances[to.String()].Add(amt...)
	return nil
}

func (b *fakeBank) SendCoinsFromAccountToModule(_ context.Context, from sdk.AccAddress, module string, amt sdk.Coins) error {
	return b.send(from, authtypes.NewModuleAddress(module), amt)
}

func (b *fakeBank) SendCoinsFromModuleToAccount(_ context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error {
	return b.send(authtypes.NewModuleAddress(module), to, amt)
}

func (b *fakeBank) GetBalance(_ context.Context, addr sdk.AccAddress, denom string) sdk.Coin {
	return sdk.NewCoin(denom, b.balances[addr.String()].AmountOf(denom))
}

func (b *fakeBank) SendCoinsFromModuleToModule(_ context.Context, from, to string, amt sdk.Coins) error {
	return b.send(authtypes.NewModuleAddress(from), authtypes.NewModuleAddress(to), amt)
}

func (b *fakeBank) BlockedAddr(addr sdk.AccAddress) bool { return b.blocked[addr.String()] }

// errUnpriced stands for x/oracle's registered "price unavailable" error.
var errUnpriced = errorsmod.Register("fakeoracle", 2, "price unavailable")

// fakeOracle serves settable prices for pairs 1..3 (6 decimals).
type fakeOracle struct {
	prices map[uint32]uint64
	stale  map[uint32]bool
	halted map[uint32]bool
	vol    math.LegacyDec
}

func newFakeOracle() *fakeOracle {
	return &fakeOracle{prices: map[uint32]uint64{1: 60_000_000_000, 2: 3_000_000_000, 3: 150_000_000},
		stale: map[uint32]bool{}, halted: map[uint32]bool{}, vol: math.LegacyZeroDec()}
}

func (o *fakeOracle) GetPrice(_ context.Context, id uint32) (uint64, uint32, error) {
	p, ok := o.prices[id]
	if !ok || p == 0 {
		// Like x/oracle, a wrapped registered error: its %v form carries a [file:line] frame.
		return 0, 0, errorsmod.Wrapf(errUnpriced, "pair %d never priced", id)
	}
	return p, 6, nil
}
func (o *fakeOracle) IsStale(_ context.Context, id uint32) (bool, error)  { return o.stale[id], nil }
func (o *fakeOracle) IsHalted(_ context.Context, id uint32) (bool, error) { return o.halted[id], nil }
func (o *fakeOracle) Volatility(context.Context, uint32) (math.LegacyDec, error) {
	return o.vol, nil
}
func (o *fakeOracle) PairDecimals(_ context.Context, id uint32) (uint32, error) {
	if id == 0 || id > 4 {
		return 0, fmt.Errorf("unknown pair %d", id)
	}
	return 6, nil
}

type fakeAccounts struct{}

func (fakeAccounts) GetModuleAddress(name string) sdk.AccAddress {
	return authtypes.NewModuleAddress(name)
}

// fixture is a keeper over a real IAVL-backed store with a fake bank.
type fixture struct {
	oracle    *fakeOracle
	ctx       sdk.Context
	k         *keeper.Keeper
	bank      *fakeBank
	msgs      types.MsgServer
	queries   types.QueryServer
	authority string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	app.SetAddressPrefixes()
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_test"))
	enc := moduletestutil.MakeTestEncodingConfig(clearing.AppModule{})
	bank := newFakeBank()
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	bank.blocked[authtypes.NewModuleAddress(types.ModuleName).String()] = true
	oracle := newFakeOracle()
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), fakeAccounts{}, bank, oracle, authority, tctx.Ctx.Logger())
	require.NoError(t, k.InitGenesis(tctx.Ctx, pinnedTestGenesis()))
	return &fixture{
		oracle: oracle, ctx: tctx.Ctx.WithBlockHeight(10).WithChainID(testChainID), k: k, bank: bank, msgs: keeper.NewMsgServerImpl(k), queries: keeper.NewQueryServer(k), authority: authority,
	}
}

// addr returns a deterministic test address.
func addr(i int) sdk.AccAddress {
	return sdk.AccAddress([]byte(fmt.Sprintf("trader-address-%05d", i)))
}

// fund credits an account in the fake bank.
func (f *fixture) fund(a sdk.AccAddress, coins ...sdk.Coin) {
	f.bank.balances[a.String()] = f.bank.balances[a.String()].Add(sdk.NewCoins(coins...)...)
}

// usdc returns n uusdc.
func usdc(n int64) sdk.Coin { return sdk.NewCoin(types.DefaultCollateralDenom, math.NewInt(n)) }

// requireInvariant asserts the module balance equals the sum of subaccount collateral.
func (f *fixture) requireInvariant(t *testing.T) {
	t.Helper()
	msg, broken := f.k.CheckCollateralInvariant(f.ctx)
	require.False(t, broken, msg)
}

// snapshot captures every balance and subaccount to prove a failed message changed nothing.
func (f *fixture) snapshot(t *testing.T) string {
	t.Helper()
	keys := make([]string, 0, len(f.bank.balances))
	for k := range f.bank.balances {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := ""
	for _, k := range keys {
		out += k + "=" + f.bank.balances[k].String() + ";"
	}
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	return out + gs.String()
}

func deposit(f *fixture, owner sdk.AccAddress, n uint32, c sdk.Coin) error {
	_, err := f.msgs.Deposit(f.ctx, &types.MsgDeposit{Sender: owner.String(), SubaccountNumber: n, Amount: c})
	return err
}

func withdraw(f *fixture, owner sdk.AccAddress, n uint32, c sdk.Coin, recipient string) error {
	_, err := f.msgs.Withdraw(f.ctx, &types.MsgWithdraw{Sender: owner.String(), SubaccountNumber: n, Amount: c, Recipient: recipient})
	return err
}

func makeKey(owner sdk.AccAddress, n uint32) keeper.SubaccountKey { return collections.Join(owner, n) }

// hookFunc adapts a function to types.WithdrawalHook.
type hookFunc func(sdk.AccAddress, uint32, sdk.Coin) error

func (h hookFunc) BeforeWithdraw(_ context.Context, owner sdk.AccAddress, n uint32, c sdk.Coin) error {
	return h(owner, n, c)
}
