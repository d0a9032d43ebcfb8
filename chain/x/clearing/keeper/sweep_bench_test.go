package keeper_test

import (
	"math/rand"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// BenchmarkSetSubaccountRefile measures a subaccount write with its sweep re-filing (what every fill side pays)
// against the bare store write.
func BenchmarkSetSubaccountRefile(b *testing.B) {
	t := &testing.T{}
	w := newSweepWorld(t)
	r := rand.New(rand.NewSource(1))
	accounts := make([]types.Subaccount, 256)
	for i := range accounts {
		accounts[i] = w.randomSubaccount(t, r, addr(i), 0)
		accounts[i].Collateral = accounts[i].Collateral.AddRaw(1_000_000_000)
	}
	b.Run("refile-deposit", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sa := accounts[i%len(accounts)]
			sa.Collateral = sa.Collateral.AddRaw(int64(i % 1000))
			require.NoError(b, w.k.SetSubaccountForTest(w.ctx, addr(i%len(accounts)), sa))
		}
	})
	b.Run("refile-fill", func(b *testing.B) { // a fill: the first position grows or shrinks by 1%
		for i := 0; i < b.N; i++ {
			j := i % len(accounts)
			sa := accounts[j]
			p := sa.Positions[0]
			d := p.Size_.QuoRaw(100)
			if (i/len(accounts))%2 == 1 {
				d = d.Neg()
			}
			p.Size_, p.QuoteBalance = p.Size_.Add(d), p.QuoteBalance.Sub(p.QuoteBalance.QuoRaw(100))
			sa.Positions = append([]types.Position{p}, sa.Positions[1:]...)
			accounts[j] = sa
			require.NoError(b, w.k.SetSubaccountForTest(w.ctx, addr(j), sa))
		}
	})
	b.Run("store-only", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sa := accounts[i%len(accounts)]
			sa.Collateral = sa.Collateral.AddRaw(int64(i % 1000))
			require.NoError(b, w.k.Subaccounts.Set(w.ctx, collections.Join(addr(i%len(accounts)), uint32(0)), sa))
		}
	})
}
