package keeper_test

import (
	"math"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// TestHostileQueries: every clearing query with nil, malformed, out-of-range or huge requests answers a gRPC status
// code (never a panic), and paginated queries asked for 2^64-1 items return at most max_query_page_size.
func TestHostileQueries(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxQueryPageSize = 3
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	alice := addr(1)
	f.fund(alice, usdc(1000))
	for n := uint32(0); n < 8; n++ {
		require.NoError(t, deposit(f, alice, n, usdc(1)))
	}
	q := f.queries
	huge := &query.PageRequest{Limit: math.MaxUint64}
	long := strings.Repeat("a", 100_000)
	manyFills := make([]types.HypotheticalFill, 101)
	for i := range manyFills {
		manyFills[i] = types.HypotheticalFill{MarketId: 1, Side: types.SIDE_BUY, Size_: 10_000, Price: 60_000_000_000}
	}
	cases := []struct {
		name string
		call func() error
		want codes.Code
	}{
		{"params: nil (an empty request) request", func() error { _, err := q.Params(f.ctx, nil); return err }, codes.OK},
		{"subaccount: nil request", func() error { _, err := q.Subaccount(f.ctx, nil); return err }, codes.InvalidArgument},
		{"subaccount: 100 KB owner", func() error {
			_, err := q.Subaccount(f.ctx, &types.QuerySubaccountRequest{Owner: long})
			return err
		}, codes.InvalidArgument},
		{"subaccount: number 2^32-1", func() error {
			_, err := q.Subaccount(f.ctx, &types.QuerySubaccountRequest{Owner: alice.String(), Number: math.MaxUint32})
			return err
		}, codes.InvalidArgument},
		{"subaccounts: nil request", func() error { _, err := q.SubaccountsByOwner(f.ctx, nil); return err }, codes.InvalidArgument},
		{"subaccounts: malformed page key", func() error {
			_, err := q.SubaccountsByOwner(f.ctx, &types.QuerySubaccountsByOwnerRequest{Owner: alice.String(), Pagination: &query.PageRequest{Key: []byte{0xff, 0xff}}})
			return err
		}, codes.OK},
		{"subaccounts: key and offset together", func() error {
			_, err := q.SubaccountsByOwner(f.ctx, &types.QuerySubaccountsByOwnerRequest{Owner: alice.String(), Pagination: &query.PageRequest{Key: []byte{1}, Offset: 1}})
			return err
		}, codes.InvalidArgument},
		{"markets: nil (an empty request) request", func() error { _, err := q.Markets(f.ctx, nil); return err }, codes.OK},
		{"market: nil request", func() error { _, err := q.Market(f.ctx, nil); return err }, codes.InvalidArgument},
		{"market: id 2^32-1", func() error { _, err := q.Market(f.ctx, &types.QueryMarketRequest{Id: math.MaxUint32}); return err }, codes.NotFound},
		{"health: nil request", func() error { _, err := q.SubaccountHealth(f.ctx, nil); return err }, codes.InvalidArgument},
		{"health: malformed owner", func() error {
			_, err := q.SubaccountHealth(f.ctx, &types.QuerySubaccountHealthRequest{Owner: "x"})
			return err
		}, codes.InvalidArgument},
		{"order fill: nil request", func() error { _, err := q.OrderFill(f.ctx, nil); return err }, codes.InvalidArgument},
		{"order fill: 100 KB hash", func() error { _, err := q.OrderFill(f.ctx, &types.QueryOrderFillRequest{OrderHash: long}); return err }, codes.InvalidArgument},
		{"order fill: non-hex hash", func() error {
			_, err := q.OrderFill(f.ctx, &types.QueryOrderFillRequest{OrderHash: strings.Repeat("z", 64)})
			return err
		}, codes.InvalidArgument},
		{"what-if: nil request", func() error { _, err := q.WhatIf(f.ctx, nil); return err }, codes.InvalidArgument},
		{"what-if: 101 fills", func() error {
			_, err := q.WhatIf(f.ctx, &types.QueryWhatIfRequest{Owner: alice.String(), Fills: manyFills})
			return err
		}, codes.InvalidArgument},
		{"what-if: unknown market", func() error {
			_, err := q.WhatIf(f.ctx, &types.QueryWhatIfRequest{Owner: alice.String(), Fills: []types.HypotheticalFill{{MarketId: 77, Side: types.SIDE_BUY, Size_: 1, Price: 1}}})
			return err
		}, codes.NotFound},
		{"what-if: size and price 2^64-1 (big-integer arithmetic: answered, never margin-sufficient)", func() error {
			res, err := q.WhatIf(f.ctx, &types.QueryWhatIfRequest{Owner: alice.String(), Fills: []types.HypotheticalFill{{MarketId: 1, Side: types.SIDE_BUY, Size_: math.MaxUint64, Price: math.MaxUint64}}})
			if err == nil && res.MeetsInitialMargin {
				return status.Error(codes.Internal, "a 2^64-1 position at 2^64-1 meets initial margin with 1000 USDC")
			}
			return err
		}, codes.OK},
		{"liquidatable: nil request", func() error { _, err := q.Liquidatable(f.ctx, nil); return err }, codes.InvalidArgument},
		{"full scan: nil request", func() error { _, err := q.LiquidatableFullScan(f.ctx, nil); return err }, codes.InvalidArgument},
		{"liquidation queue: nil request", func() error { _, err := q.LiquidationQueue(f.ctx, nil); return err }, codes.InvalidArgument},
		{"insurance fund: nil (an empty request) request", func() error { _, err := q.InsuranceFund(f.ctx, nil); return err }, codes.OK},
		{"adl rank: nil request", func() error { _, err := q.AdlRank(f.ctx, nil); return err }, codes.InvalidArgument},
		{"adl rank: malformed owner", func() error {
			_, err := q.AdlRank(f.ctx, &types.QueryAdlRankRequest{Owner: "x", MarketId: 1})
			return err
		}, codes.InvalidArgument},
		{"adl rank: no position", func() error {
			_, err := q.AdlRank(f.ctx, &types.QueryAdlRankRequest{Owner: alice.String(), MarketId: 1})
			return err
		}, codes.NotFound},
	}
	for _, c := range cases {
		var err error
		require.NotPanics(t, func() { err = c.call() }, c.name)
		assert.Equal(t, c.want, status.Code(err), "%s: %v", c.name, err)
	}

	// Huge page limits are capped.
	subs, err := q.SubaccountsByOwner(f.ctx, &types.QuerySubaccountsByOwnerRequest{Owner: alice.String(), Pagination: huge})
	require.NoError(t, err)
	require.Len(t, subs.Subaccounts, 3)
	liq, err := q.Liquidatable(f.ctx, &types.QueryLiquidatableRequest{Pagination: huge})
	require.NoError(t, err)
	require.LessOrEqual(t, len(liq.Subaccounts), 3)
	scan, err := q.LiquidatableFullScan(f.ctx, &types.QueryLiquidatableFullScanRequest{Pagination: huge})
	require.NoError(t, err)
	require.LessOrEqual(t, len(scan.Subaccounts), 3)
	queue, err := q.LiquidationQueue(f.ctx, &types.QueryLiquidationQueueRequest{Pagination: huge})
	require.NoError(t, err)
	require.LessOrEqual(t, len(queue.Subaccounts), 3)
	t.Logf("hostile queries: %d inputs tried", len(cases)+4)
}
