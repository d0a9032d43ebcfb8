package keeper_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authz "github.com/cosmos/cosmos-sdk/x/authz"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/circuit/keeper"
	"github.com/clearchain/clearchain/chain/x/circuit/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// governanceMsgTypeURLs are the type URLs, taken from the SDK's own types, that must stay enabled so governance can
// always pass a proposal (in particular one that resets the circuit breaker).
func governanceMsgTypeURLs() []string {
	return []string{
		sdk.MsgTypeURL(&govv1.MsgSubmitProposal{}),
		sdk.MsgTypeURL(&govv1.MsgDeposit{}),
		sdk.MsgTypeURL(&govv1.MsgVote{}),
		sdk.MsgTypeURL(&govv1.MsgVoteWeighted{}),
		sdk.MsgTypeURL(&govv1.MsgExecLegacyContent{}),
		sdk.MsgTypeURL(&govv1.MsgCancelProposal{}),
		sdk.MsgTypeURL(&govv1beta1.MsgSubmitProposal{}),
		sdk.MsgTypeURL(&govv1beta1.MsgDeposit{}),
		sdk.MsgTypeURL(&govv1beta1.MsgVote{}),
		sdk.MsgTypeURL(&govv1beta1.MsgVoteWeighted{}),
		sdk.MsgTypeURL(&authz.MsgExec{}),
		sdk.MsgTypeURL(&types.MsgTripCircuitBreaker{}),
		sdk.MsgTypeURL(&types.MsgResetCircuitBreaker{}),
		sdk.MsgTypeURL(&oracletypes.MsgInjectedVotes{}),
	}
}

func TestProtectedListMatchesSDKTypes(t *testing.T) {
	want := governanceMsgTypeURLs()
	for _, u := range want {
		require.True(t, types.IsProtectedTypeURL(u), u)
	}
	require.Len(t, types.ProtectedTypeURLs(), len(want))
	require.False(t, types.IsProtectedTypeURL("/clearchain.clearing.v1.MsgWithdraw"))
	require.False(t, types.IsProtectedTypeURL("/cosmos.gov.v1.MsgUpdateParams"))
}

// TestTripRefusesGovernanceMsgs: governance must not be able to disable its own messages, the authz exec wrapper
// or the circuit's trip/reset, even when the message router knows them.
func TestTripRefusesGovernanceMsgs(t *testing.T) {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	// Every type URL is "registered": the refusal must come from the protection, not from an unknown type.
	k := keeper.NewKeeper(runtime.NewKVStoreService(key), authority, func(string) bool { return true })
	msgs := keeper.NewMsgServerImpl(k)
	withdraw := "/clearchain.clearing.v1.MsgWithdraw"

	for _, u := range governanceMsgTypeURLs() {
		_, err := msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: authority, MsgTypeUrls: []string{u}})
		require.ErrorIs(t, err, types.ErrProtectedMsg, u)
		allowed, err := k.IsAllowed(ctx, u)
		require.NoError(t, err)
		require.True(t, allowed, u)

		// A protected URL anywhere in the list rejects the whole message and disables nothing.
		_, err = msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: authority, MsgTypeUrls: []string{withdraw, u}})
		require.ErrorIs(t, err, types.ErrProtectedMsg, u)
		allowed, err = k.IsAllowed(ctx, withdraw)
		require.NoError(t, err)
		require.True(t, allowed, "nothing may be disabled when %s is refused", u)
	}

	// Ordinary messages still trip.
	_, err := msgs.TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{Authority: authority, MsgTypeUrls: []string{withdraw}})
	require.NoError(t, err)
	allowed, err := k.IsAllowed(ctx, withdraw)
	require.NoError(t, err)
	require.False(t, allowed)
}

// TestTripProtectedBeforeUnknown: a protected type the app does not route (e.g. authz MsgExec without x/authz)
// is still reported as protected.
func TestTripProtectedBeforeUnknown(t *testing.T) {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	k := keeper.NewKeeper(runtime.NewKVStoreService(key), authority, func(string) bool { return false })
	_, err := keeper.NewMsgServerImpl(k).TripCircuitBreaker(ctx, &types.MsgTripCircuitBreaker{
		Authority: authority, MsgTypeUrls: []string{sdk.MsgTypeURL(&authz.MsgExec{})},
	})
	require.ErrorIs(t, err, types.ErrProtectedMsg)
}

// TestGenesisRefusesGovernanceMsgs: a genesis that starts with governance (or the brake) disabled is invalid,
// and InitGenesis refuses it too.
func TestGenesisRefusesGovernanceMsgs(t *testing.T) {
	for _, u := range governanceMsgTypeURLs() {
		gs := types.GenesisState{DisabledTypeUrls: []string{u}}
		require.ErrorIs(t, gs.Validate(), types.ErrProtectedMsg, u)

		key := storetypes.NewKVStoreKey(types.StoreKey)
		ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
		k := keeper.NewKeeper(runtime.NewKVStoreService(key), authority, nil)
		require.ErrorIs(t, k.InitGenesis(ctx, &gs), types.ErrProtectedMsg, u)
		allowed, err := k.IsAllowed(ctx, u)
		require.NoError(t, err)
		require.True(t, allowed, u)
	}
	require.NoError(t, (&types.GenesisState{DisabledTypeUrls: []string{"/clearchain.clearing.v1.MsgWithdraw"}}).Validate())
}
