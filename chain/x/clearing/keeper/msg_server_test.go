package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

func TestDepositAndWithdraw(t *testing.T) {
	f := newFixture(t)
	alice, bob := addr(1), addr(2)
	f.fund(alice, usdc(1_000_000))

	res, err := f.msgs.Deposit(f.ctx, &types.MsgDeposit{Sender: alice.String(), SubaccountNumber: 3, Amount: usdc(400_000)})
	require.NoError(t, err)
	require.Equal(t, "400000", res.Collateral.String())
	require.Equal(t, "600000", f.bank.GetBalance(f.ctx, alice, "uusdc").Amount.String())
	f.requireInvariant(t)

	wres, err := f.msgs.Withdraw(f.ctx, &types.MsgWithdraw{Sender: alice.String(), SubaccountNumber: 3, Amount: usdc(150_000), Recipient: bob.String()})
	require.NoError(t, err)
	require.Equal(t, "250000", wres.Collateral.String())
	require.Equal(t, "150000", f.bank.GetBalance(f.ctx, bob, "uusdc").Amount.String())
	f.requireInvariant(t)

	// Withdrawing everything deletes the subaccount; queries still answer with zero collateral.
	_, err = f.msgs.Withdraw(f.ctx, &types.MsgWithdraw{Sender: alice.String(), SubaccountNumber: 3, Amount: usdc(250_000)})
	require.NoError(t, err)
	has, err := f.k.Subaccounts.Has(f.ctx, makeKey(alice, 3))
	require.NoError(t, err)
	require.False(t, has)
	q, err := f.queries.Subaccount(f.ctx, &types.QuerySubaccountRequest{Owner: alice.String(), Number: 3})
	require.NoError(t, err)
	require.Equal(t, "0", q.Collateral.String())
	require.Equal(t, "0", q.Subaccount.Collateral.String())
	require.Equal(t, "uusdc", q.Denom)
	require.Equal(t, "850000", f.bank.GetBalance(f.ctx, alice, "uusdc").Amount.String())
	f.requireInvariant(t)

	events := f.ctx.EventManager().Events()
	var deposits, withdraws int
	for _, e := range events {
		switch e.Type {
		case "clearchain.clearing.v1.EventDeposit":
			deposits++
		case "clearchain.clearing.v1.EventWithdraw":
			withdraws++
		}
	}
	require.Equal(t, 1, deposits)
	require.Equal(t, 2, withdraws)
}

func TestRejectedMessagesChangeNothing(t *testing.T) {
	f := newFixture(t)
	alice, mallory := addr(1), addr(9)
	f.fund(alice, usdc(1_000), sdk.NewInt64Coin("uclear", 1_000))
	_, err := f.msgs.Deposit(f.ctx, &types.MsgDeposit{Sender: alice.String(), SubaccountNumber: 0, Amount: usdc(500)})
	require.NoError(t, err)
	moduleAddr := authtypes.NewModuleAddress(types.ModuleName).String()

	neg := sdk.Coin{Denom: "uusdc", Amount: math.NewInt(-5)}
	cases := []struct {
		name string
		run  func() error
		want error
	}{
		{"deposit zero", func() error { return deposit(f, alice, 0, usdc(0)) }, types.ErrInvalidAmount},
		{"deposit negative", func() error { return deposit(f, alice, 0, neg) }, types.ErrInvalidAmount},
		{"deposit nil amount", func() error { return deposit(f, alice, 0, sdk.Coin{Denom: "uusdc"}) }, types.ErrInvalidAmount},
		{"deposit wrong denom", func() error { return deposit(f, alice, 0, sdk.NewInt64Coin("uclear", 10)) }, types.ErrInvalidDenom},
		{"deposit malformed denom", func() error { return deposit(f, alice, 0, sdk.Coin{Denom: "!!", Amount: math.NewInt(1)}) }, types.ErrInvalidDenom},
		{"deposit subaccount 128", func() error { return deposit(f, alice, 128, usdc(1)) }, types.ErrInvalidSubaccountNumber},
		{"deposit subaccount max uint32", func() error { return deposit(f, alice, ^uint32(0), usdc(1)) }, types.ErrInvalidSubaccountNumber},
		{"deposit malformed sender", func() error {
			_, err := f.msgs.Deposit(f.ctx, &types.MsgDeposit{Sender: "clear1xyz", Amount: usdc(1)})
			return err
		}, types.ErrInvalidAddress},
		{"deposit more than balance", func() error { return deposit(f, alice, 0, usdc(10_000)) }, nil},
		{"withdraw overdraw", func() error { return withdraw(f, alice, 0, usdc(501), "") }, types.ErrInsufficientCollateral},
		{"withdraw from empty subaccount", func() error { return withdraw(f, alice, 7, usdc(1), "") }, types.ErrInsufficientCollateral},
		{"withdraw someone else's (mallory has none)", func() error { return withdraw(f, mallory, 0, usdc(1), "") }, types.ErrInsufficientCollateral},
		{"withdraw zero", func() error { return withdraw(f, alice, 0, usdc(0), "") }, types.ErrInvalidAmount},
		{"withdraw negative", func() error { return withdraw(f, alice, 0, neg, "") }, types.ErrInvalidAmount},
		{"withdraw wrong denom", func() error { return withdraw(f, alice, 0, sdk.NewInt64Coin("uclear", 1), "") }, types.ErrInvalidDenom},
		{"withdraw subaccount 128", func() error { return withdraw(f, alice, 128, usdc(1), "") }, types.ErrInvalidSubaccountNumber},
		{"withdraw malformed recipient", func() error { return withdraw(f, alice, 0, usdc(1), "clear1xyz") }, types.ErrInvalidAddress},
		{"withdraw to blocked module account", func() error { return withdraw(f, alice, 0, usdc(1), moduleAddr) }, types.ErrInvalidAddress},
		{"update params by non-authority", func() error {
			_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: alice.String(), Params: types.DefaultParams()})
			return err
		}, types.ErrInvalidAuthority},
		{"update params invalid", func() error {
			p := types.DefaultParams()
			p.MaxSubaccountsPerOwner = 0
			_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
			return err
		}, types.ErrInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			err := tc.run()
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			require.Equal(t, before, f.snapshot(t), "state changed on a rejected message")
			f.requireInvariant(t)
		})
	}
}

func TestMaxSubaccountsPerOwner(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxSubaccountsPerOwner = 2
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	alice := addr(1)
	f.fund(alice, usdc(100))
	require.NoError(t, deposit(f, alice, 0, usdc(1)))
	require.NoError(t, deposit(f, alice, 5, usdc(1)))
	require.NoError(t, deposit(f, alice, 5, usdc(1)), "topping up an existing subaccount is always allowed")
	require.ErrorIs(t, deposit(f, alice, 6, usdc(1)), types.ErrTooManySubaccounts)
	// Emptying one frees a slot.
	require.NoError(t, withdraw(f, alice, 0, usdc(1), ""))
	require.NoError(t, deposit(f, alice, 6, usdc(1)))
	f.requireInvariant(t)
}

func TestWithdrawalHookBlocks(t *testing.T) {
	f := newFixture(t)
	alice := addr(1)
	f.fund(alice, usdc(100))
	require.NoError(t, deposit(f, alice, 0, usdc(100)))
	f.k.AddWithdrawalHook(hookFunc(func(sdk.AccAddress, uint32, sdk.Coin) error { return types.ErrInsufficientCollateral }))
	before := f.snapshot(t)
	require.ErrorIs(t, withdraw(f, alice, 0, usdc(1), ""), types.ErrWithdrawalBlocked)
	require.Equal(t, before, f.snapshot(t))
}

func TestUpdateParams(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxQueryPageSize = 7
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	res, err := f.queries.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, p, res.Params)
}
