package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestZeroHeightExportMakesOldPricesStale: after a zero-height export heights restart at 1; a price set at height
// 50 of the old chain must not read as fresh (or a band halt as active) on the new chain.
func TestZeroHeightExportMakesOldPricesStale(t *testing.T) {
	f := newFixture(t)
	f.ctx = f.ctx.WithBlockHeight(49)
	f.block(t, 40, vote(1, 10, 60_000_000_000), vote(2, 10, 60_000_000_000), vote(3, 10, 60_000_000_000))
	require.NoError(t, f.k.PrepForZeroHeight(f.ctx))
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	for _, h := range gs.History {
		require.Empty(t, h.Points, "history slots are keyed by height: cleared")
	}

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, gs))
	g.ctx = g.ctx.WithBlockHeight(1)
	stale, err := g.k.IsStale(g.ctx, btc)
	require.NoError(t, err)
	require.True(t, stale, "a price from the old chain reads as fresh at the new height 1")
	price, _, err := g.k.GetPrice(g.ctx, btc)
	require.NoError(t, err)
	require.Equal(t, uint64(60_000_000_000), price, "the last price is kept (stale) for reference")
	// The new chain's first quorum makes it fresh again.
	g.block(t, 40, vote(1, 10, 60_100_000_000), vote(2, 10, 60_100_000_000), vote(3, 10, 60_100_000_000))
	stale, err = g.k.IsStale(g.ctx, btc)
	require.NoError(t, err)
	require.False(t, stale)
}
