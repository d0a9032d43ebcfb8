package types_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// TestOrderSignFixtures pins the order sign bytes, hashes and signatures that client/test/orders.test.ts holds the
// TypeScript SDK to (key = 32 bytes of 0x07): both languages must produce these exact bytes.
func TestOrderSignFixtures(t *testing.T) {
	const owner = "clear150rtrmj2f8vl9tem8qpfw36ylw5jg9j2srhgd9"
	priv := &secp256k1.PrivKey{Key: bytes.Repeat([]byte{7}, 32)}
	cases := []struct {
		name             string
		order            types.Order
		bytes, hash, sig string
	}{
		{"typical buy", types.Order{Owner: owner, MarketId: 1, Side: types.SIDE_BUY, Size_: 100_000_000, LimitPrice: 60_000_000_000, Nonce: 42, GoodTilBlock: 1234, ChainId: "clearchain-localnet"},
			"0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439180120012880c2d72f3080b09dc2df01402a48d2095213636c656172636861696e2d6c6f63616c6e6574",
			"d4a92cc30170be05eba31f762c1ba29e17c86ff4afd807f2b907896639d75e7d",
			"6be2dbc77b4febbbade122712716f704d2364eae0db42fdd486512f8615ee559665a1a72147d348b8cb31f31d4c9494c2395418b79e23677929a7d0963a3f7aa"},
		{"every field set, maxima", types.Order{Owner: owner, SubaccountNumber: 127, MarketId: 3, Side: types.SIDE_SELL, Size_: ^uint64(0), LimitPrice: 1, ReduceOnly: true, Nonce: 9007199254740991, GoodTilBlock: 9223372036854775807, ChainId: "x"},
			"0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439107f1803200228ffffffffffffffffff013001380140ffffffffffffff0f48ffffffffffffffff7f520178",
			"65b54c4886c39a8b1c912640808fcd3cede78b0a62d6ec28d051fa00933fee40",
			"2999870c6e094af35c13e4e3bd1128e313a00c43be89ce5ba948cc6fdc80f2f81750b089b61afd7afb6fb11291254c5b9fe16ff47d42b1c393f5f71ba59e6bd9"},
		{"nonce 0 omitted", types.Order{Owner: owner, MarketId: 2, Side: types.SIDE_SELL, Size_: 1, LimitPrice: 2, GoodTilBlock: 1, ChainId: "c"},
			"0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a3273726867643918022002280130024801520163",
			"ed209088876cd038f11b984342554eff04e42505d2fcad05b29d1dafa0f077f2",
			"10eaa470757755db7b280bbd1a59f9e1b250829c9001f7469101e892a393be0c19493f36a9118aae225543498fa86df34dcdff0280f0a6d442ccd8bf6e5b585a"},
		{"typical buy bound to a venue", types.Order{Owner: owner, MarketId: 1, Side: types.SIDE_BUY, Size_: 100_000_000, LimitPrice: 60_000_000_000, Nonce: 42, GoodTilBlock: 1234, ChainId: "clearchain-localnet", Venue: "clear1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5uz3ljq"},
			"0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439180120012880c2d72f3080b09dc2df01402a48d2095213636c656172636861696e2d6c6f63616c6e65745a2c636c65617231717970717870713971637273737a673270767871367273307a71673379796335757a336c6a71",
			"14d0925f017f78afd5262c86be627198feca702656671235bd09f0b252f69e50",
			"8b41f3c2245980e74384d31a408d11bf4d0b11aef914084cd87919db15a74b090392aa2bc4064b6a46c4f444010e03c261d48273b5093eafdef2af6893c78277"},
		{"reduce-only sell, venue = the owner", types.Order{Owner: owner, SubaccountNumber: 5, MarketId: 2, Side: types.SIDE_SELL, Size_: 7, LimitPrice: 9, ReduceOnly: true, GoodTilBlock: 1, ChainId: "c", Venue: owner},
			"0a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a3273726867643910051802200228073009380148015201635a2c636c6561723135307274726d6a326638766c3974656d38717066773336796c77356a67396a32737268676439",
			"de5fe1c3a325b317879acb428f2bc738afbcbde4f2b3d737cb13744236884b83",
			"f35b34fe226e85651210f88e7a7ac927ec3282b9cd3845918b9cc92b29f6eba12778f2454a8a7eb33841ec94063205a999af03c45efb21da1131e8e18119bc24"},
	}
	domain := hex.EncodeToString(append([]byte(types.OrderSignDomain), 0))
	for _, tc := range cases {
		bz, err := types.OrderSignBytes(tc.order)
		require.NoError(t, err)
		require.Equal(t, domain+tc.bytes, hex.EncodeToString(bz), tc.name)
		h, err := types.OrderHash(tc.order)
		require.NoError(t, err)
		require.Equal(t, tc.hash, hex.EncodeToString(h), tc.name)
		sig, err := priv.Sign(bz)
		require.NoError(t, err)
		require.Equal(t, tc.sig, hex.EncodeToString(sig), tc.name)
	}
}
