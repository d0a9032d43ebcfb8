package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// roundTripChain builds a chain whose state has positions, order fill records, a cancellation, a moved funding
// index and oracle history.
func roundTripChain(t *testing.T) (*benchChain, []benchAccount) {
	chain, traders, _, submitter := newBenchChainWith(t, 4, 0, func(a *app.App, genesis map[string]json.RawMessage) {
		var cg clearingtypes.GenesisState
		a.AppCodec().MustUnmarshalJSON(genesis[clearingtypes.ModuleName], &cg)
		cg.Markets[0].FundingIntervalBlocks, cg.Markets[0].InterestRatePpm = 2, 100
		genesis[clearingtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&cg)
		var og oracletypes.GenesisState
		a.AppCodec().MustUnmarshalJSON(genesis[oracletypes.ModuleName], &og)
		og.History = []oracletypes.PairHistory{{PairId: 1, Points: []oracletypes.PricePoint{{Height: 1, PriceQuantums: 60_000_000_000, BlockTime: time.Unix(1_700_000_000, 0).UTC()}}}}
		genesis[oracletypes.ModuleName] = a.AppCodec().MustMarshalJSON(&og)
	})
	fills := benchFills(traders, 2, 0)
	res := chain.block([][]byte{chain.signTx(&submitter, 10_000_000, &clearingtypes.MsgSubmitTrades{Submitter: submitter.addr.String(), Fills: fills})})
	require.Zero(t, res[0].Code, res[0].Log)
	unfilled := benchFills(traders, 3, 100)[2].MakerOrder
	hash, err := clearingtypes.OrderHash(unfilled)
	require.NoError(t, err)
	owner := traders[0]
	require.Equal(t, unfilled.Owner, owner.addr.String())
	res = chain.block([][]byte{chain.signTx(&traders[0], 1_000_000, &clearingtypes.MsgCancelOrders{Sender: owner.addr.String(), OrderHashes: [][]byte{hash}})})
	require.Zero(t, res[0].Code, res[0].Log)
	for i := 0; i < 4; i++ {
		chain.block(nil)
	}
	return chain, traders
}

// importApp starts a fresh app from an export and runs its first block (empty, at the bench chain's time for that
// height: genesis writes are only committed by a block).
func importApp(t *testing.T, exported []byte, initialHeight int64) *app.App {
	b := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(benchChainID))
	_, err := b.InitChain(&abci.RequestInitChain{ChainId: benchChainID, AppStateBytes: exported, ConsensusParams: simtestutil.DefaultConsensusParams, InitialHeight: initialHeight})
	require.NoError(t, err)
	_, err = b.FinalizeBlock(&abci.RequestFinalizeBlock{Height: initialHeight, Time: time.Unix(1_700_000_000+initialHeight, 0)})
	require.NoError(t, err)
	_, err = b.Commit()
	require.NoError(t, err)
	return b
}

// moduleStates splits an exported app state by module.
func moduleStates(t *testing.T, bz []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(bz, &m))
	return m
}

func TestExportImportExportRoundTrips(t *testing.T) {
	chain, _ := roundTripChain(t)
	first, err := chain.app.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	var cg clearingtypes.GenesisState
	chain.app.AppCodec().MustUnmarshalJSON(moduleStates(t, first.AppState)[clearingtypes.ModuleName], &cg)
	require.NotEmpty(t, cg.Subaccounts[0].Positions, "the state has positions")
	require.NotEmpty(t, cg.OrderFills)
	require.Len(t, cg.Cancellations, 1)
	require.False(t, cg.MarketStates[0].FundingIndex.IsZero(), "funding moved")

	// The imported chain and the original run the same next block and must then hold identical state.
	b := importApp(t, first.AppState, first.Height)
	chain.block(nil)
	want, err := chain.app.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	got, err := b.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	a1, a2 := moduleStates(t, want.AppState), moduleStates(t, got.AppState)
	require.Equal(t, len(a1), len(a2))
	for name := range a1 {
		require.JSONEq(t, string(a1[name]), string(a2[name]), "module %s does not round-trip", name)
	}
}

func TestZeroHeightExportRebasesOrders(t *testing.T) {
	chain, traders := roundTripChain(t)
	last := chain.app.LastBlockHeight()
	exported, err := chain.app.ExportAppStateAndValidators(true, nil, nil)
	require.NoError(t, err)
	var cg clearingtypes.GenesisState
	chain.app.AppCodec().MustUnmarshalJSON(moduleStates(t, exported.AppState)[clearingtypes.ModuleName], &cg)
	require.Equal(t, last, cg.Params.OrderHeightOffset, "order heights continue where the old chain stopped")
	for _, st := range cg.MarketStates {
		require.LessOrEqual(t, st.LastFundingHeight, int64(0), "funding phase rebased below the new first height")
	}
	b := importApp(t, exported.AppState, 1)
	// An order that expired on the old chain (good til block 3 < old height) stays expired on the new one.
	expired := benchFills(traders, 1, 500)[0]
	expired.MakerOrder.GoodTilBlock, expired.TakerOrder.GoodTilBlock = 3, 3
	require.Less(t, int64(1), expired.MakerOrder.GoodTilBlock, "without the offset this order would be live at height 1")
	ctx := b.NewContextLegacy(true, cmtproto.Header{Height: 2, ChainID: benchChainID, Time: time.Unix(1_700_001_001, 0)})
	res, err := b.ClearingKeeper.SubmitTrades(ctx, sdk.AccAddress([]byte("venue-address-000001")).String(), []clearingtypes.Fill{expired})
	require.NoError(t, err)
	require.Equal(t, clearingtypes.ErrOrderExpired.ABCICode(), res.Results[0].Code, res.Results[0].Log)
}
