package app

import (
	"sync"

	sdk "github.com/cosmos/cosmos-sdk/types"

	clearingkeeper "github.com/clearchain/clearchain/chain/x/clearing/keeper"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
)

// OrderSigCacheEntries bounds the order signature cache: 2^18 keys of 32 bytes (about 20 MiB with the index),
// several full blocks of 2,000-fill transactions.
const OrderSigCacheEntries = 1 << 18

// sigCache is a bounded set of verified order-signature keys (clearingkeeper.OrderSignatureKey), evicting the
// oldest first. It only remembers successes, so a hit can never admit a signature that did not verify, and a miss
// verifies as if there were no cache.
type sigCache struct {
	mu           sync.Mutex
	set          map[[32]byte]struct{}
	ring         [][32]byte
	next         int
	hits, misses uint64
}

// newSigCache returns an empty cache of capacity entries (at least 1).
func newSigCache(capacity int) *sigCache {
	if capacity < 1 {
		capacity = 1
	}
	return &sigCache{set: make(map[[32]byte]struct{}, capacity), ring: make([][32]byte, 0, capacity)}
}

// Verified implements clearingkeeper.OrderSignatureCache.
func (c *sigCache) Verified(key [32]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.set[key]
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	return ok
}

// Add implements clearingkeeper.OrderSignatureCache.
func (c *sigCache) Add(key [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.set[key]; ok {
		return
	}
	if len(c.ring) < cap(c.ring) {
		c.ring = append(c.ring, key)
	} else {
		delete(c.set, c.ring[c.next])
		c.ring[c.next] = key
		c.next = (c.next + 1) % len(c.ring)
	}
	c.set[key] = struct{}{}
}

// Len is the number of keys held.
func (c *sigCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.set)
}

// OrderSigCacheStats returns how many lookups of this process's order signature cache found a verified key
// (hits) and how many did not and verified afresh (misses).
func OrderSigCacheStats() (hits, misses uint64) {
	processSigCache.mu.Lock()
	defer processSigCache.mu.Unlock()
	return processSigCache.hits, processSigCache.misses
}

// processSigCache is the one order signature cache of this process (verification is a pure function, so every
// app in the process may share it).
var processSigCache = newSigCache(OrderSigCacheEntries)

// installOrderSigCache makes the clearing keeper consult processSigCache.
func installOrderSigCache() { clearingkeeper.SetOrderSignatureCache(processSigCache) }

// warmOrderSignatures runs next, then, for a new transaction entering the mempool (CheckTx, not recheck or
// simulation) that next accepted, verifies the order signatures of its MsgSubmitTrades into the cache, so block
// execution finds them verified. It never changes the ante result: the signatures are judged again, from the
// cache or afresh, when the fills settle.
func warmOrderSignatures(next sdk.AnteHandler) sdk.AnteHandler {
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		newCtx, err := next(ctx, tx, simulate)
		if err != nil || simulate || !ctx.IsCheckTx() || ctx.IsReCheckTx() {
			return newCtx, err
		}
		for _, msg := range tx.GetMsgs() {
			if m, ok := msg.(*clearingtypes.MsgSubmitTrades); ok {
				clearingkeeper.WarmOrderSignatures(m.Fills)
			}
		}
		return newCtx, nil
	}
}
