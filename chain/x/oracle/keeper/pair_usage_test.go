package keeper_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// usage is a fake x/clearing: the pairs its markets use, or a failure.
type usage struct {
	used map[uint32]bool
	err  error
}

// PairInUse implements types.PairUsage.
func (u usage) PairInUse(_ context.Context, pairID uint32) (bool, error) {
	return u.used[pairID], u.err
}

func TestUpsertPairRefusesDecimalsChangeOfPairInUse(t *testing.T) {
	f := newFixture(t)
	upsert := func(base string, decimals uint32, enabled bool) error {
		p := types.DefaultPair(base, "USD", decimals)
		p.Enabled = enabled
		_, err := f.msgs.UpsertPair(f.ctx, &types.MsgUpsertPair{Authority: f.authority, Pair: p})
		return err
	}
	require.NoError(t, upsert("SOL", 8, true), "without the hook nothing is known to use a pair")

	f.k.SetPairUsage(usage{used: map[uint32]bool{btc: true}})
	require.ErrorIs(t, upsert("BTC", 8, true), types.ErrPairInUse, "a market prices BTC/USD with 6 decimals")
	require.ErrorIs(t, upsert("BTC", 8, false), types.ErrPairInUse, "not even while disabling it")
	decimals, err := f.k.PairDecimals(f.ctx, btc)
	require.NoError(t, err)
	require.EqualValues(t, 6, decimals)

	require.NoError(t, upsert("BTC", 6, false), "disabling a used pair is allowed: its markets go reduce-only as it goes stale")
	require.NoError(t, upsert("BTC", 6, true), "and re-enabling it")
	require.NoError(t, upsert("ETH", 9, true), "ETH/USD is not used by any market")
	require.NoError(t, upsert("AVAX", 4, true), "a new pair has no decimals to change")

	f.k.SetPairUsage(usage{err: errors.New("store failure")})
	require.Error(t, upsert("ETH", 6, true), "an unknown usage refuses the change")
	require.NoError(t, upsert("ETH", 9, false), "same decimals: the hook is not asked")
}
