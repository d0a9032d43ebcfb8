package keeper_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

func TestSubaccountsByOwnerPaginates(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxQueryPageSize = 3
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	alice, bob := addr(1), addr(2)
	f.fund(alice, usdc(1000))
	f.fund(bob, usdc(1000))
	for _, n := range []uint32{9, 0, 4, 127, 2} {
		require.NoError(t, deposit(f, alice, n, usdc(int64(n)+1)))
	}
	require.NoError(t, deposit(f, bob, 1, usdc(5)))

	var got []uint32
	var next []byte
	pages := 0
	for {
		res, err := f.queries.SubaccountsByOwner(f.ctx, &types.QuerySubaccountsByOwnerRequest{
			Owner: alice.String(), Pagination: &query.PageRequest{Key: next, Limit: 1000},
		})
		require.NoError(t, err)
		require.LessOrEqual(t, len(res.Subaccounts), 3, "page size must be capped by params")
		for _, sa := range res.Subaccounts {
			require.Equal(t, alice.String(), sa.Owner)
			got = append(got, sa.Number)
		}
		pages++
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			break
		}
		next = res.Pagination.NextKey
	}
	require.Equal(t, []uint32{0, 2, 4, 9, 127}, got)
	require.Equal(t, 2, pages)
}

func TestQueryBadInput(t *testing.T) {
	f := newFixture(t)
	_, err := f.queries.Subaccount(f.ctx, &types.QuerySubaccountRequest{Owner: "not-an-address"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = f.queries.Subaccount(f.ctx, &types.QuerySubaccountRequest{Owner: addr(1).String(), Number: 128})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = f.queries.Subaccount(f.ctx, nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = f.queries.SubaccountsByOwner(f.ctx, &types.QuerySubaccountsByOwnerRequest{Owner: ""})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}
