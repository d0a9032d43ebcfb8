package keeper

import (
	"context"
	"encoding/binary"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// maxExpiryBucketHashes bounds one OrderExpiry bucket whatever max_order_prunes_per_block is (bucketLimit).
const maxExpiryBucketHashes = 4096

// expiryBuckets groups order hashes by good_til_block, in the order they were added.
type expiryBuckets struct {
	heights []int64
	hashes  map[int64][][]byte
}

// newExpiryBuckets returns an empty grouping.
func newExpiryBuckets() *expiryBuckets {
	return &expiryBuckets{hashes: map[int64][][]byte{}}
}

// add records hash under its good_til_block.
func (e *expiryBuckets) add(goodTilBlock int64, hash []byte) {
	if _, ok := e.hashes[goodTilBlock]; !ok {
		e.heights = append(e.heights, goodTilBlock)
	}
	e.hashes[goodTilBlock] = append(e.hashes[goodTilBlock], hash)
}

// putExpiryBuckets writes one OrderExpiry bucket per good_til_block, split into buckets of at most
// bucketLimit(pruneLimit) hashes (so pruning rewrites at most one part-pruned bucket per block and never a large
// one), heights in the order first added and hashes in the order added. A hash is recorded once (its fill record is
// new), so the key (good_til_block, first hash) never collides with another bucket.
func (k *Keeper) putExpiryBuckets(ctx context.Context, e *expiryBuckets, pruneLimit uint32) error {
	limit := bucketLimit(pruneLimit)
	for _, h := range e.heights {
		all := e.hashes[h]
		for len(all) > 0 {
			n := min(len(all), limit)
			if err := k.OrderExpiry.Set(ctx, collections.Join(h, all[0]), encodeHashes(all[:n])); err != nil {
				return err
			}
			all = all[n:]
		}
	}
	return nil
}

// bucketLimit is the largest bucket written: max_order_prunes_per_block, at most maxExpiryBucketHashes, at least 1.
func bucketLimit(pruneLimit uint32) int {
	return max(1, min(int(pruneLimit), maxExpiryBucketHashes))
}

// bucketHashes are the hashes of the bucket stored under key. An empty value is an entry of the earlier
// one-key-per-order layout, (good_til_block, hash) with no value: the bucket of that one hash, so state written
// before buckets prunes and checks as before.
func bucketHashes(key collections.Pair[int64, []byte], value []byte) ([][]byte, error) {
	if len(value) == 0 {
		return [][]byte{key.K2()}, nil
	}
	return decodeHashes(value)
}

// encodeHashes is the bucket value: each hash as a uvarint length and its bytes.
func encodeHashes(hashes [][]byte) []byte {
	out := make([]byte, 0, len(hashes)*(32+1))
	for _, h := range hashes {
		out = binary.AppendUvarint(out, uint64(len(h)))
		out = append(out, h...)
	}
	return out
}

// decodeHashes parses a bucket value written by encodeHashes.
func decodeHashes(bz []byte) ([][]byte, error) {
	var out [][]byte
	for len(bz) > 0 {
		n, w := binary.Uvarint(bz)
		if w <= 0 || n > uint64(len(bz)-w) {
			return nil, errorsmod.Wrap(collections.ErrEncoding, "order expiry bucket")
		}
		out = append(out, bz[w:w+int(n)])
		bz = bz[w+int(n):]
	}
	return out, nil
}

// expiryBucket is one OrderExpiry entry read for pruning.
type expiryBucket struct {
	key    collections.Pair[int64, []byte]
	hashes [][]byte
}

// pruneOrders deletes fill records of orders that expired before the order height, at most limit records per
// block; the rest wait for later blocks (an expired order can never fill again, so a late prune is harmless). A
// bucket only partly pruned is stored again under its first remaining hash.
func (k *Keeper) pruneOrders(ctx sdk.Context, height int64, limit uint32) error {
	rng := new(collections.Range[collections.Pair[int64, []byte]]).EndExclusive(collections.Join(height, []byte{}))
	iter, err := k.OrderExpiry.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	var buckets []expiryBucket
	budget := int(limit)
	for ; iter.Valid() && budget > 0; iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			iter.Close()
			return err
		}
		hashes, err := bucketHashes(kv.Key, kv.Value)
		if err != nil {
			iter.Close()
			return err
		}
		buckets = append(buckets, expiryBucket{key: kv.Key, hashes: hashes})
		budget -= len(hashes)
	}
	iter.Close()
	budget = int(limit)
	for _, b := range buckets {
		if err := k.OrderExpiry.Remove(ctx, b.key); err != nil {
			return err
		}
		n := min(len(b.hashes), budget)
		for _, h := range b.hashes[:n] {
			if err := k.OrderFills.Remove(ctx, h); err != nil {
				return err
			}
		}
		budget -= n
		if rest := b.hashes[n:]; len(rest) > 0 {
			if err := k.OrderExpiry.Set(ctx, collections.Join(b.key.K1(), rest[0]), encodeHashes(rest)); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckOrderExpiry reports whether every order fill record sits in exactly one expiry bucket under its own
// good_til_block, and every bucket entry names a record (the pruning index covers the records, nothing more).
func (k *Keeper) CheckOrderExpiry(ctx context.Context) (string, bool) {
	indexed := map[string]int64{}
	broken := ""
	err := k.OrderExpiry.Walk(ctx, nil, func(key collections.Pair[int64, []byte], value []byte) (bool, error) {
		hashes, err := bucketHashes(key, value)
		if err != nil {
			return true, err
		}
		if len(hashes) == 0 || string(hashes[0]) != string(key.K2()) {
			broken = fmt.Sprintf("bucket %d/%x does not start with its key's hash", key.K1(), key.K2())
			return true, nil
		}
		for _, h := range hashes {
			if _, dup := indexed[string(h)]; dup {
				broken = fmt.Sprintf("order %x is in two expiry buckets", h)
				return true, nil
			}
			indexed[string(h)] = key.K1()
		}
		return false, nil
	})
	if err != nil {
		return "cannot read order expiry: " + err.Error(), true
	}
	if broken != "" {
		return broken, true
	}
	records := 0
	err = k.OrderFills.Walk(ctx, nil, func(h []byte, st types.OrderFillState) (bool, error) {
		records++
		if gtb, ok := indexed[string(h)]; !ok || gtb != st.GoodTilBlock {
			broken = fmt.Sprintf("order %x (good til %d) is not indexed under its expiry", h, st.GoodTilBlock)
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		return "cannot read order fills: " + err.Error(), true
	}
	if broken == "" && records != len(indexed) {
		broken = fmt.Sprintf("%d expiry entries for %d order fill records", len(indexed), records)
	}
	return broken, broken != ""
}

// OrderExpiryInvariant adapts CheckOrderExpiry to the SDK's invariant signature.
func OrderExpiryInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.CheckOrderExpiry(ctx)
		return sdk.FormatInvariant(types.ModuleName, "order-expiry", msg), broken
	}
}
