package types_test

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// FuzzOrderSignBytes checks the order sign-bytes encoding on arbitrary orders: it never panics, starts with the
// domain and a zero byte, is canonical (decoding the payload and encoding again gives the same bytes, so two
// different encodings of one order cannot exist), and the order hash is sha256 of it.
func FuzzOrderSignBytes(f *testing.F) {
	f.Add("clear1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", uint32(0), uint32(1), int32(1), uint64(10_000), uint64(60_000_000_000), false, uint64(1), int64(100), "clearchain-1", "")
	f.Add("", uint32(127), uint32(0), int32(7), uint64(0), uint64(0), true, uint64(0), int64(-1), "", "venue")
	f.Fuzz(func(t *testing.T, owner string, number, market uint32, side int32, size, limit uint64, reduceOnly bool, nonce uint64, goodTil int64, chainID, venue string) {
		o := types.Order{Owner: owner, SubaccountNumber: number, MarketId: market, Side: types.Side(side), Size_: size,
			LimitPrice: limit, ReduceOnly: reduceOnly, Nonce: nonce, GoodTilBlock: goodTil, ChainId: chainID, Venue: venue}
		bz, err := types.OrderSignBytes(o)
		if err != nil {
			return
		}
		prefix := append([]byte(types.OrderSignDomain), 0)
		if !bytes.HasPrefix(bz, prefix) {
			t.Fatalf("sign bytes lack the domain prefix")
		}
		var back types.Order
		if err := back.Unmarshal(bz[len(prefix):]); err != nil {
			t.Fatalf("payload does not decode: %s", err.Error())
		}
		again, err := types.OrderSignBytes(back)
		if err != nil || !bytes.Equal(again, bz) {
			t.Fatalf("sign bytes are not canonical")
		}
		hash, err := types.OrderHash(o)
		if err != nil {
			t.Fatalf("hash: %s", err.Error())
		}
		if sum := sha256.Sum256(bz); !bytes.Equal(hash, sum[:]) {
			t.Fatalf("hash is not sha256(sign bytes)")
		}
		_ = o.ValidateBasic()
	})
}
