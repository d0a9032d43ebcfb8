package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	for i := 1; i <= 5; i++ {
		f.fund(addr(i), usdc(1_000_000))
		for n := uint32(0); n < uint32(i); n++ {
			require.NoError(t, deposit(f, addr(i), n*7, usdc(int64(i*1000)+int64(n))))
		}
	}
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Subaccounts, 15)

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	a, err := exported.Marshal()
	require.NoError(t, err)
	b, err := again.Marshal()
	require.NoError(t, err)
	require.Equal(t, a, b, "genesis must round-trip byte for byte")
}

func TestGenesisValidate(t *testing.T) {
	owner := addr(1).String()
	ok := types.Subaccount{Owner: owner, Number: 1, Collateral: math.NewInt(5)}
	cases := []struct {
		name string
		gs   types.GenesisState
		want error
	}{
		{"default", *types.DefaultGenesis(), nil},
		{"bad params", types.GenesisState{Params: types.Params{}}, types.ErrInvalidParams},
		{"bad owner", types.GenesisState{Params: types.DefaultParams(), Subaccounts: []types.Subaccount{{Owner: "x", Collateral: math.NewInt(1)}}}, types.ErrInvalidAddress},
		{"number 128", types.GenesisState{Params: types.DefaultParams(), Subaccounts: []types.Subaccount{{Owner: owner, Number: 128, Collateral: math.NewInt(1)}}}, types.ErrInvalidSubaccountNumber},
		{"negative collateral", types.GenesisState{Params: types.DefaultParams(), Subaccounts: []types.Subaccount{{Owner: owner, Collateral: math.NewInt(-1)}}}, types.ErrInvalidAmount},
		{"duplicate", types.GenesisState{Params: types.DefaultParams(), Subaccounts: []types.Subaccount{ok, ok}}, types.ErrInvalidParams},
		{"unsorted", types.GenesisState{Params: types.DefaultParams(), Subaccounts: []types.Subaccount{ok, {Owner: owner, Number: 0, Collateral: math.NewInt(1)}}}, types.ErrInvalidParams},
		{"too many per owner", types.GenesisState{
			Params:      func() types.Params { p := types.DefaultParams(); p.MaxSubaccountsPerOwner = 1; return p }(),
			Subaccounts: []types.Subaccount{{Owner: owner, Number: 0, Collateral: math.NewInt(1)}, ok},
		}, types.ErrTooManySubaccounts},
		{"order fill with a short hash", withFills(types.GenesisOrderFill{OrderHash: make([]byte, 31), State: types.OrderFillState{Filled: 1, GoodTilBlock: 9}}), types.ErrInvalidOrder},
		{"order fill without expiry", withFills(types.GenesisOrderFill{OrderHash: hash32(1), State: types.OrderFillState{Filled: 1}}), types.ErrInvalidOrder},
		{"order fill of nothing", withFills(types.GenesisOrderFill{OrderHash: hash32(1), State: types.OrderFillState{GoodTilBlock: 9}}), types.ErrInvalidOrder},
		// The same hash twice (here with two expiries) would be indexed in two buckets: the first prune deletes the
		// record and the order could fill again until its real expiry.
		{"order fill listed twice", withFills(types.GenesisOrderFill{OrderHash: hash32(1), State: types.OrderFillState{Filled: 1, GoodTilBlock: 9}},
			types.GenesisOrderFill{OrderHash: hash32(1), State: types.OrderFillState{Filled: 1, GoodTilBlock: 90}}), types.ErrInvalidOrder},
		{"order fills unsorted", withFills(types.GenesisOrderFill{OrderHash: hash32(2), State: types.OrderFillState{Filled: 1, GoodTilBlock: 9}},
			types.GenesisOrderFill{OrderHash: hash32(1), State: types.OrderFillState{Filled: 1, GoodTilBlock: 9}}), types.ErrInvalidOrder},
		{"order fills sorted", withFills(types.GenesisOrderFill{OrderHash: hash32(1), State: types.OrderFillState{Filled: 1, GoodTilBlock: 9}},
			types.GenesisOrderFill{OrderHash: hash32(2), State: types.OrderFillState{Filled: 1, GoodTilBlock: 9}}), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.gs.Validate()
			if tc.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.want)
			}
		})
	}
}

func TestInvariantDetectsImbalance(t *testing.T) {
	f := newFixture(t)
	f.fund(addr(1), usdc(100))
	require.NoError(t, deposit(f, addr(1), 0, usdc(100)))
	f.requireInvariant(t)
	// Money appearing in the module account without a subaccount credit breaks the invariant.
	f.fund(f.k.ModuleAddress(), usdc(1))
	_, broken := f.k.CheckCollateralInvariant(f.ctx)
	require.True(t, broken)
}

// withFills is the default genesis with these order fill records.
func withFills(fills ...types.GenesisOrderFill) types.GenesisState {
	gs := *types.DefaultGenesis()
	gs.OrderFills = fills
	return gs
}

// hash32 is a 32-byte hash ending in b.
func hash32(b byte) []byte {
	h := make([]byte, 32)
	h[31] = b
	return h
}
