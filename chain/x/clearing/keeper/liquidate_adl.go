package keeper

import (
	"bytes"
	"sort"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// adlBook holds, for one EndBlock waterfall, the ADL ranking of each market side it needed, so that the ranking is
// computed once per side and block instead of once per deleveraged position. Rankings are loaded in chunks of
// adl_scan_limit index entries (healthiest first, as walkMarketSide visits them) and consumed in rank order; a
// candidate whose opposite position is gone is passed over. The book only orders candidates: every close re-reads
// the counterparty from the store, so a ranking that has aged within the block can change who is deleveraged first,
// never what a close does. The maps are looked up, never iterated.
type adlBook struct {
	limit  uint32
	queues map[uint64]*adlQueue
}

// adlQueue is one market side's ranking: ranked[pos:] are the candidates not yet passed over.
type adlQueue struct {
	marketID uint32
	long     bool
	ranked   []adlCandidate
	pos      int
	// after is the last index entry read; the next chunk starts after it. done is set when the side is exhausted.
	after *SweepIndexKey
	done  bool
	// seen holds the subaccounts already ranked (an account re-filed during the block may reappear further on).
	seen map[string]struct{}
}

// newAdlBook returns an empty book whose chunks hold at most limit index entries (at least 1).
func newAdlBook(limit uint32) *adlBook {
	return &adlBook{limit: max(limit, 1), queues: map[uint64]*adlQueue{}}
}

// queue returns the ranking of one side of a market (long = the long positions), creating it empty.
func (b *adlBook) queue(marketID uint32, long bool) *adlQueue {
	side := marketSide(marketID, !long)
	q, ok := b.queues[side]
	if !ok {
		q = &adlQueue{marketID: marketID, long: long, seen: map[string]struct{}{}}
		b.queues[side] = q
	}
	return q
}

// adlPeek returns the best candidate not yet passed over. When the loaded ranking is used up it loads the next
// chunk, but only if load is true (a deleverage loads at most one chunk: at most limit index entries per
// position). ok is false when no candidate is available; loaded reports whether a chunk was read.
func (k *Keeper) adlPeek(ctx sdk.Context, b *adlBook, q *adlQueue, load bool) (c adlCandidate, ok, loaded bool, err error) {
	if q.pos >= len(q.ranked) && !q.done && load {
		if err := k.adlLoadChunk(ctx, b.limit, q); err != nil {
			return adlCandidate{}, false, true, err
		}
		loaded = true
	}
	if q.pos >= len(q.ranked) {
		return adlCandidate{}, false, loaded, nil
	}
	return q.ranked[q.pos], true, loaded, nil
}

// adlPass passes over the current best candidate (its opposite position is used up or gone).
func (q *adlQueue) adlPass() { q.pos++ }

// adlLoadChunk reads the next limit index entries of the side, scores the accounts in profit and appends them,
// ranked, to the queue. Entries are read healthiest first: the sweep index orders each side by band trigger, and a
// long's band is lower (a short's higher) the further the account is from maintenance margin; accounts without a
// band (at or near maintenance margin) are never read.
func (k *Keeper) adlLoadChunk(ctx sdk.Context, limit uint32, q *adlQueue) error {
	rng := collections.NewPrefixedQuadRange[uint64, uint64, sdk.AccAddress, uint32](marketSide(q.marketID, !q.long)).(*collections.Range[SweepIndexKey])
	if !q.long {
		rng = rng.Descending()
	}
	if q.after != nil {
		if q.long {
			rng = rng.StartExclusive(*q.after)
		} else {
			rng = rng.EndExclusive(*q.after)
		}
	}
	var keys []SubaccountKey
	var last *SweepIndexKey
	var read uint32
	if err := k.SweepIndex.Walk(ctx, rng, func(key SweepIndexKey) (bool, error) {
		read++
		last = &key
		sub := collections.Join(key.K3(), key.K4())
		if _, dup := q.seen[subKeyBytes(sub)]; !dup {
			q.seen[subKeyBytes(sub)] = struct{}{}
			keys = append(keys, sub)
		}
		return read >= limit, nil
	}); err != nil {
		return err
	}
	if read < limit {
		q.done = true
	}
	q.after = last
	ranked, err := k.scoreAdl(ctx, q.marketID, keys)
	if err != nil {
		return err
	}
	q.ranked = append(q.ranked, ranked...)
	return nil
}

// scoreAdl scores the given subaccounts' positions in a market (those in profit with positive equity) and returns
// them highest ADL score first, ties by key bytes. Market views are read once for the whole batch.
func (k *Keeper) scoreAdl(ctx sdk.Context, marketID uint32, keys []SubaccountKey) ([]adlCandidate, error) {
	env := newSweepEnv()
	var out []adlCandidate
	for _, key := range keys {
		sa, err := k.GetSubaccount(ctx, key.K1(), key.K2())
		if err != nil {
			return nil, err
		}
		acct, markets, err := k.envInputs(ctx, env, sa)
		if err != nil {
			return nil, err
		}
		if score, ok := margin.AdlScore(acct, markets, marketID); ok {
			out = append(out, adlCandidate{key: key, score: score})
		}
	}
	sortAdl(out)
	return out, nil
}

// sortAdl orders candidates highest score first, ties by owner bytes then number.
func sortAdl(out []adlCandidate) {
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].score.BigInt().Cmp(out[j].score.BigInt()); c != 0 {
			return c > 0
		}
		if c := bytes.Compare(out[i].key.K1(), out[j].key.K1()); c != 0 {
			return c < 0
		}
		return out[i].key.K2() < out[j].key.K2()
	})
}

// rankAdl returns up to limit positions on one side of a market that are in profit, highest ADL score first
// (ties by key bytes), read from the sweep index in index order (the AdlRank query's view).
func (k *Keeper) rankAdl(ctx sdk.Context, market types.Market, long bool, limit uint32) ([]adlCandidate, error) {
	q := &adlQueue{marketID: market.Id, long: long, seen: map[string]struct{}{}}
	if err := k.adlLoadChunk(ctx, max(limit, 1), q); err != nil {
		return nil, err
	}
	return q.ranked, nil
}
