package keeper_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/circuit/keeper"
	"github.com/clearchain/clearchain/chain/x/circuit/types"
)

const authority = "clear10d07y265gmmuvt4z0w9aw880jnsr700jdcfxcf"

func TestTripAndReset(t *testing.T) {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	known := map[string]bool{"/clearchain.clearing.v1.MsgWithdraw": true, "/clearchain.clearing.v1.MsgDeposit": true}
	k := keeper.NewKeeper(runtime.NewKVStoreService(key), authority, func(u string) bool { return known[u] })
	msgs := keeper.NewMsgServerImpl(k)
	queries := keeper.NewQueryServer(k)
	withdraw := "/clearchain.clearing.v1.MsgWithdraw"

	allowed, err := k.IsAllowed(ctx, withdraw)
	require.NoError(t, err)
	require.True(t, allowed)

	_, err = msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: "clear1someoneelse", MsgTypeUrls: []string{withdraw}})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)
	_, err = msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: authority, MsgTypeUrls: []string{"/unknown.Msg"}})
	require.ErrorIs(t, err, types.ErrInvalidTypeURL)
	_, err = msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: authority, MsgTypeUrls: []string{withdraw, withdraw}})
	require.ErrorIs(t, err, types.ErrInvalidTypeURL)
	_, err = msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: authority})
	require.ErrorIs(t, err, types.ErrInvalidTypeURL)

	_, err = msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: authority, MsgTypeUrls: []string{withdraw}})
	require.NoError(t, err)
	allowed, err = k.IsAllowed(ctx, withdraw)
	require.NoError(t, err)
	require.False(t, allowed)
	list, err := queries.DisabledList(ctx, &types.QueryDisabledListRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{withdraw}, list.DisabledList)

	_, err = msgs.ResetCircuitBreaker(ctx, &types.MsgResetCircuitBreaker{Authority: authority, MsgTypeUrls: []string{withdraw}})
	require.NoError(t, err)
	allowed, err = k.IsAllowed(ctx, withdraw)
	require.NoError(t, err)
	require.True(t, allowed)
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	require.NoError(t, (&types.GenesisState{DisabledTypeUrls: []string{"/a.B", "/c.D"}}).Validate())
	require.Error(t, (&types.GenesisState{DisabledTypeUrls: []string{"/c.D", "/a.B"}}).Validate())
	require.Error(t, (&types.GenesisState{DisabledTypeUrls: []string{"/a.B", "/a.B"}}).Validate())
	require.Error(t, (&types.GenesisState{DisabledTypeUrls: []string{"nope"}}).Validate())
}
