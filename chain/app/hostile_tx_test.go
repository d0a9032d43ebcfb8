package app_test

import (
	"bytes"
	"math/big"
	"strings"
	"testing"

	"cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	circuittypes "github.com/clearchain/clearchain/chain/x/circuit/types"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// hostileGas is the gas limit of the catalogue's transactions (no fee: the test app has no minimum gas price).
const hostileGas = 2_000_000

// hostileCase is one catalogue entry: how to build the transaction bytes and the failure it must produce.
type hostileCase struct {
	name  string
	build func() []byte
	want  hostileWant
}

// Codespaces of the expected failures.
const (
	csSDK      = "sdk"
	csClearing = clearingtypes.ModuleName
	csOracle   = oracletypes.ModuleName
	csCircuit  = circuittypes.ModuleName
)

// TestHostileTransactionCatalogue: raw transactions (undecodable, oversized, wrong chain id, forged and missing
// signatures, replayed and future sequences, unknown messages) and hostile messages of every clearing, oracle and
// circuit Msg, each through CheckTx and FinalizeBlock of a real app: each fails with its registered code and leaves no
// state difference against a twin app that never saw it.
func TestHostileTransactionCatalogue(t *testing.T) {
	tw := newHostileTwin(t)
	poor, alice, bob := tw.accs[0], tw.accs[1], tw.accs[2]
	stranger := secp256k1.GenPrivKeyFromSecret([]byte("hostile-stranger"))
	gov := authtypes.NewModuleAddress("gov").String()
	usdc := func(n int64) sdk.Coin { return sdk.NewInt64Coin(app.CollateralDenom, n) }
	// msg signs msgs from acc at its current sequence.
	msg := func(acc benchAccount, msgs ...sdk.Msg) func() []byte {
		return func() []byte { return tw.signed(acc, tw.sequence(acc), hostileChainID, hostileGas, msgs...) }
	}
	// raw edits the TxRaw of a valid deposit from alice.
	raw := func(edit func(r *txtypes.TxRaw)) func() []byte {
		return func() []byte {
			bz := tw.signed(alice, tw.sequence(alice), hostileChainID, hostileGas, &clearingtypes.MsgDeposit{Sender: alice.addr.String(), Amount: usdc(1)})
			var r txtypes.TxRaw
			require.NoError(t, r.Unmarshal(bz))
			edit(&r)
			out, err := r.Marshal()
			require.NoError(t, err)
			return out
		}
	}
	// body edits the TxBody of a valid deposit from alice, then re-signs nothing (the signature no longer matches).
	body := func(edit func(b *txtypes.TxBody)) func() []byte {
		return raw(func(r *txtypes.TxRaw) {
			var b txtypes.TxBody
			require.NoError(t, b.Unmarshal(r.BodyBytes))
			edit(&b)
			bz, err := b.Marshal()
			require.NoError(t, err)
			r.BodyBytes = bz
		})
	}
	deposit := func(n int64) *clearingtypes.MsgDeposit {
		return &clearingtypes.MsgDeposit{Sender: alice.addr.String(), Amount: usdc(n)}
	}
	order := func(acc benchAccount, side clearingtypes.Side, nonce uint64) clearingtypes.Order {
		return clearingtypes.Order{Owner: acc.addr.String(), MarketId: 1, Side: side, Size_: 10_000, LimitPrice: 60_000_000_000, Nonce: nonce,
			GoodTilBlock: 500, ChainId: hostileChainID}
	}
	fill := func(nonce uint64, edit func(f *clearingtypes.Fill)) clearingtypes.Fill {
		mo, to := order(alice, clearingtypes.SIDE_SELL, nonce), order(bob, clearingtypes.SIDE_BUY, nonce)
		f := clearingtypes.Fill{MakerOrder: mo, MakerPubKey: alice.priv.PubKey().Bytes(), MakerSignature: signOrder(alice.priv, mo),
			TakerOrder: to, TakerPubKey: bob.priv.PubKey().Bytes(), TakerSignature: signOrder(bob.priv, to), Size_: 10_000, Price: 60_000_000_000}
		if edit != nil {
			edit(&f)
		}
		return f
	}
	trades := func(fills ...clearingtypes.Fill) *clearingtypes.MsgSubmitTrades {
		return &clearingtypes.MsgSubmitTrades{Submitter: poor.addr.String(), Fills: fills}
	}
	var replay []byte // a deposit already included: replaying it must fail on the sequence

	cases := []hostileCase{
		// --- raw transaction bytes ---
		{"empty tx bytes (decodes as a tx without messages)", func() []byte { return []byte{} }, hostileWant{csSDK, 18, false}},
		{"one zero byte", func() []byte { return []byte{0} }, hostileWant{csSDK, 2, false}},
		{"random garbage", func() []byte { return bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 64) }, hostileWant{csSDK, 2, false}},
		{"JSON instead of protobuf", func() []byte { return []byte(`{"body":{"messages":[]}}`) }, hostileWant{csSDK, 2, false}},
		{"truncated valid tx", func() []byte { bz := msg(alice, deposit(1))(); return bz[:len(bz)/2] }, hostileWant{csSDK, 2, false}},
		{"valid tx with a trailing unknown field", func() []byte { return append(msg(alice, deposit(1))(), 0x7a, 0x01, 0x00) }, hostileWant{csSDK, 2, false}},
		{"body bytes are garbage", raw(func(r *txtypes.TxRaw) { r.BodyBytes = []byte{0xff, 0xff, 0xff} }), hostileWant{csSDK, 2, false}},
		{"auth info bytes are garbage", raw(func(r *txtypes.TxRaw) { r.AuthInfoBytes = []byte{0xff, 0x01} }), hostileWant{csSDK, 2, false}},
		{"unknown message type URL", body(func(b *txtypes.TxBody) {
			b.Messages = []*codectypes.Any{{TypeUrl: "/clearchain.clearing.v1.MsgPrintMoney", Value: []byte{1, 2}}}
		}), hostileWant{csSDK, 2, false}},
		{"message bytes are garbage", body(func(b *txtypes.TxBody) { b.Messages[0].Value = []byte{0xff, 0xff, 0xff, 0xff} }), hostileWant{csSDK, 2, false}},
		{"no messages", body(func(b *txtypes.TxBody) { b.Messages = nil }), hostileWant{csSDK, 18, false}},
		{"no signatures", raw(func(r *txtypes.TxRaw) { r.Signatures = nil }), hostileWant{csSDK, 15, false}},
		{"empty signature", raw(func(r *txtypes.TxRaw) { r.Signatures = [][]byte{{}} }), hostileWant{csSDK, 4, false}},
		{"forged signature bytes", raw(func(r *txtypes.TxRaw) { r.Signatures = [][]byte{bytes.Repeat([]byte{7}, 64)} }), hostileWant{csSDK, 4, false}},
		{"one signature bit flipped", raw(func(r *txtypes.TxRaw) { r.Signatures[0][10] ^= 1 }), hostileWant{csSDK, 4, false}},
		{"signature s = N (out of range)", raw(func(r *txtypes.TxRaw) { copy(r.Signatures[0][32:], secp256k1Order()) }), hostileWant{csSDK, 4, false}},
		{"signature r = 0", raw(func(r *txtypes.TxRaw) { copy(r.Signatures[0][:32], make([]byte, 32)) }), hostileWant{csSDK, 4, false}},
		{"two signatures for one signer", raw(func(r *txtypes.TxRaw) { r.Signatures = append(r.Signatures, r.Signatures[0]) }), hostileWant{csSDK, 4, false}},
		{"body changed after signing", body(func(b *txtypes.TxBody) { b.Memo = "changed" }), hostileWant{csSDK, 4, false}},
		{"wrong chain id in the signature", func() []byte {
			return tw.signed(alice, tw.sequence(alice), "other-chain", hostileGas, deposit(1))
		}, hostileWant{csSDK, 4, false}},
		{"signed by another key for alice's message", func() []byte {
			acc := benchAccount{priv: stranger, addr: alice.addr, number: alice.number}
			return tw.signed(acc, tw.sequence(alice), hostileChainID, hostileGas, deposit(1))
		}, hostileWant{csSDK, 8, false}},
		{"future sequence", func() []byte { return tw.signed(alice, tw.sequence(alice)+5, hostileChainID, hostileGas, deposit(1)) }, hostileWant{csSDK, 32, false}},
		{"wrong account number", func() []byte {
			acc := alice
			acc.number = 99
			return tw.signed(acc, tw.sequence(alice), hostileChainID, hostileGas, deposit(1))
		}, hostileWant{csSDK, 4, false}},
		{"unknown signer account", func() []byte {
			acc := benchAccount{priv: stranger, addr: sdk.AccAddress(stranger.PubKey().Address()), number: 0}
			return tw.signed(acc, 0, hostileChainID, hostileGas, &clearingtypes.MsgDeposit{Sender: acc.addr.String(), Amount: usdc(1)})
		}, hostileWant{csSDK, 9, false}},
		{"replayed tx (sequence already used)", func() []byte { return replay }, hostileWant{csSDK, 32, false}},
		{"zero gas limit", func() []byte { return tw.signed(alice, tw.sequence(alice), hostileChainID, 0, deposit(1)) }, hostileWant{csSDK, 11, false}},
		{"gas limit too low for the size", func() []byte { return tw.signed(alice, tw.sequence(alice), hostileChainID, 1_000, deposit(1)) }, hostileWant{csSDK, 11, false}},
		{"memo over the limit", body(func(b *txtypes.TxBody) { b.Memo = strings.Repeat("m", 10_000) }), hostileWant{csSDK, 12, false}},
		{"timeout height already passed", body(func(b *txtypes.TxBody) { b.TimeoutHeight = 1 }), hostileWant{csSDK, 30, false}},
		{"oversized: 20,000 cancellation hashes (640 KB)", msg(alice, &clearingtypes.MsgCancelOrders{Sender: alice.addr.String(),
			OrderHashes: bytes32s(20_000), GoodTilBlock: 100}), hostileWant{csClearing, 37, false}},
		{"oversized: 1,000 fills (~400 KB) for 2M gas", msg(poor, trades(manyFills(1_000, fill(11, nil))...)), hostileWant{csSDK, 11, false}},
		{"unregistered extension option", body(func(b *txtypes.TxBody) {
			b.ExtensionOptions = []*codectypes.Any{{TypeUrl: "/cosmos.bank.v1beta1.MsgSend", Value: nil}}
		}), hostileWant{csSDK, 2, false}},

		// --- clearing: deposit / withdraw / transfer / set-isolated ---
		{"deposit zero", msg(alice, deposit(0)), hostileWant{csClearing, 3, false}},
		{"deposit of the staking denom", msg(alice, &clearingtypes.MsgDeposit{Sender: alice.addr.String(), Amount: sdk.NewInt64Coin(app.BondDenom, 5)}), hostileWant{csClearing, 4, true}},
		{"deposit of an unknown denom", msg(alice, &clearingtypes.MsgDeposit{Sender: alice.addr.String(), Amount: sdk.NewInt64Coin("ufake", 5)}), hostileWant{csClearing, 4, true}},
		{"deposit negative", msg(alice, &clearingtypes.MsgDeposit{Sender: alice.addr.String(), Amount: sdk.Coin{Denom: app.CollateralDenom, Amount: math.NewInt(-5)}}), hostileWant{csClearing, 3, false}},
		{"deposit more than the bank balance", msg(alice, deposit(2e15)), hostileWant{csSDK, 5, true}},
		{"deposit into subaccount 128", msg(alice, &clearingtypes.MsgDeposit{Sender: alice.addr.String(), SubaccountNumber: 128, Amount: usdc(1)}), hostileWant{csClearing, 2, false}},
		{"deposit into subaccount 2^32-1", msg(alice, &clearingtypes.MsgDeposit{Sender: alice.addr.String(), SubaccountNumber: ^uint32(0), Amount: usdc(1)}), hostileWant{csClearing, 2, false}},
		{"deposit for someone else (signer mismatch)", msg(alice, &clearingtypes.MsgDeposit{Sender: bob.addr.String(), Amount: usdc(1)}), hostileWant{csSDK, 8, false}},
		{"withdraw zero", msg(alice, &clearingtypes.MsgWithdraw{Sender: alice.addr.String(), Amount: usdc(0)}), hostileWant{csClearing, 3, false}},
		{"withdraw more than the collateral", msg(alice, &clearingtypes.MsgWithdraw{Sender: alice.addr.String(), Amount: usdc(2_000_000_000_000)}), hostileWant{csClearing, 5, true}},
		{"withdraw from an empty subaccount", msg(alice, &clearingtypes.MsgWithdraw{Sender: alice.addr.String(), SubaccountNumber: 9, Amount: usdc(1)}), hostileWant{csClearing, 5, true}},
		{"withdraw of the wrong denom", msg(alice, &clearingtypes.MsgWithdraw{Sender: alice.addr.String(), Amount: sdk.NewInt64Coin(app.BondDenom, 1)}), hostileWant{csClearing, 4, true}},
		{"withdraw to a malformed recipient", msg(alice, &clearingtypes.MsgWithdraw{Sender: alice.addr.String(), Amount: usdc(1), Recipient: "clear1notanaddress"}), hostileWant{csClearing, 7, false}},
		{"withdraw to the clearing module account", msg(alice, &clearingtypes.MsgWithdraw{Sender: alice.addr.String(), Amount: usdc(1),
			Recipient: authtypes.NewModuleAddress(clearingtypes.ModuleName).String()}), hostileWant{csClearing, 7, true}},
		{"withdraw negative", msg(alice, &clearingtypes.MsgWithdraw{Sender: alice.addr.String(), Amount: sdk.Coin{Denom: app.CollateralDenom, Amount: math.NewInt(-1)}}), hostileWant{csClearing, 3, false}},
		{"transfer to the same subaccount", msg(alice, &clearingtypes.MsgTransfer{Sender: alice.addr.String(), FromNumber: 0, ToNumber: 0, Amount: usdc(1)}), hostileWant{csClearing, 2, false}},
		{"transfer zero", msg(alice, &clearingtypes.MsgTransfer{Sender: alice.addr.String(), FromNumber: 0, ToNumber: 1, Amount: usdc(0)}), hostileWant{csClearing, 3, false}},
		{"transfer more than the collateral", msg(alice, &clearingtypes.MsgTransfer{Sender: alice.addr.String(), FromNumber: 0, ToNumber: 1, Amount: usdc(2_000_000_000_000)}), hostileWant{csClearing, 5, true}},
		{"transfer to subaccount 200", msg(alice, &clearingtypes.MsgTransfer{Sender: alice.addr.String(), FromNumber: 0, ToNumber: 200, Amount: usdc(1)}), hostileWant{csClearing, 2, false}},
		{"transfer of the wrong denom", msg(alice, &clearingtypes.MsgTransfer{Sender: alice.addr.String(), FromNumber: 0, ToNumber: 1, Amount: sdk.NewInt64Coin(app.BondDenom, 1)}), hostileWant{csClearing, 4, true}},
		{"transfer from an empty subaccount", msg(alice, &clearingtypes.MsgTransfer{Sender: alice.addr.String(), FromNumber: 7, ToNumber: 1, Amount: usdc(1)}), hostileWant{csClearing, 5, true}},
		{"set-isolated to an unknown market", msg(alice, &clearingtypes.MsgSetIsolated{Sender: alice.addr.String(), SubaccountNumber: 0, MarketId: 99}), hostileWant{csClearing, 19, true}},
		{"set-isolated on subaccount 128", msg(alice, &clearingtypes.MsgSetIsolated{Sender: alice.addr.String(), SubaccountNumber: 128, MarketId: 1}), hostileWant{csClearing, 2, false}},
		{"set-isolated with a malformed sender", msg(alice, &clearingtypes.MsgSetIsolated{Sender: "clear1bad", SubaccountNumber: 1, MarketId: 1}), hostileWant{csClearing, 7, false}},

		// --- clearing: trades, cancellations, liquidations ---
		{"submit-trades with no fills", msg(poor, trades()), hostileWant{csClearing, 11, false}},
		{"submit-trades over max_fills_per_tx", func() []byte {
			return tw.signed(poor, tw.sequence(poor), hostileChainID, 50_000_000, trades(manyFills(2_001, fill(1, nil))...))
		}, hostileWant{csClearing, 25, true}},
		{"submit-trades: zero size fill", msg(poor, trades(fill(2, func(f *clearingtypes.Fill) { f.Size_ = 0 }))), hostileWant{csClearing, 11, false}},
		{"submit-trades: zero price fill", msg(poor, trades(fill(3, func(f *clearingtypes.Fill) { f.Price = 0 }))), hostileWant{csClearing, 11, false}},
		{"submit-trades: 3-byte signature", msg(poor, trades(fill(4, func(f *clearingtypes.Fill) { f.MakerSignature = []byte{1, 2, 3} }))), hostileWant{csClearing, 12, false}},
		{"submit-trades: 65-byte public key", msg(poor, trades(fill(5, func(f *clearingtypes.Fill) { f.TakerPubKey = make([]byte, 65) }))), hostileWant{csClearing, 12, false}},
		{"submit-trades: unknown market", msg(poor, trades(fill(6, func(f *clearingtypes.Fill) {
			f.MakerOrder.MarketId, f.TakerOrder.MarketId = 77, 77
			f.MakerSignature, f.TakerSignature = signOrder(alice.priv, f.MakerOrder), signOrder(bob.priv, f.TakerOrder)
		}))), hostileWant{csClearing, 19, true}},
		{"submit-trades: malformed owner", msg(poor, trades(fill(7, func(f *clearingtypes.Fill) { f.MakerOrder.Owner = "nope" }))), hostileWant{csClearing, 7, false}},
		{"submit-trades: subaccount 200 in an order", msg(poor, trades(fill(8, func(f *clearingtypes.Fill) { f.MakerOrder.SubaccountNumber = 200 }))), hostileWant{csClearing, 2, false}},
		{"submit-trades: unspecified side", msg(poor, trades(fill(9, func(f *clearingtypes.Fill) { f.MakerOrder.Side = clearingtypes.SIDE_UNSPECIFIED }))), hostileWant{csClearing, 11, false}},
		{"submit-trades: malformed submitter", msg(poor, &clearingtypes.MsgSubmitTrades{Submitter: "x", Fills: []clearingtypes.Fill{fill(10, nil)}}), hostileWant{csClearing, 7, false}},
		{"cancel-orders with no hashes", msg(alice, &clearingtypes.MsgCancelOrders{Sender: alice.addr.String(), GoodTilBlock: 100}), hostileWant{csClearing, 37, false}},
		{"cancel-orders with a 31-byte hash", msg(alice, &clearingtypes.MsgCancelOrders{Sender: alice.addr.String(), OrderHashes: [][]byte{make([]byte, 31)}, GoodTilBlock: 100}), hostileWant{csClearing, 37, false}},
		{"cancel-orders with a duplicate hash", msg(alice, &clearingtypes.MsgCancelOrders{Sender: alice.addr.String(), OrderHashes: [][]byte{make([]byte, 32), make([]byte, 32)}, GoodTilBlock: 100}), hostileWant{csClearing, 37, true}},
		{"cancel-orders with a negative good_til_block", msg(alice, &clearingtypes.MsgCancelOrders{Sender: alice.addr.String(), OrderHashes: bytes32s(1), GoodTilBlock: -5}), hostileWant{csClearing, 37, false}},
		{"cancel-orders expiring in the past", msg(alice, &clearingtypes.MsgCancelOrders{Sender: alice.addr.String(), OrderHashes: bytes32s(1), GoodTilBlock: 1}), hostileWant{csClearing, 37, true}},
		{"cancel-orders beyond the maximum lifetime", msg(alice, &clearingtypes.MsgCancelOrders{Sender: alice.addr.String(), OrderHashes: bytes32s(1), GoodTilBlock: 1 << 50}), hostileWant{csClearing, 37, true}},
		{"liquidate a healthy subaccount", msg(poor, &clearingtypes.MsgLiquidate{Liquidator: poor.addr.String(), Owner: alice.addr.String(), MarketId: 1, Size_: 10_000}), hostileWant{csClearing, 38, true}},
		{"liquidate an unknown market", msg(poor, &clearingtypes.MsgLiquidate{Liquidator: poor.addr.String(), Owner: alice.addr.String(), MarketId: 77, Size_: 10_000}), hostileWant{csClearing, 19, true}},
		{"liquidate a malformed owner", msg(poor, &clearingtypes.MsgLiquidate{Liquidator: poor.addr.String(), Owner: "clear1zzz", MarketId: 1, Size_: 10_000}), hostileWant{csClearing, 7, false}},
		{"liquidate with zero size", msg(poor, &clearingtypes.MsgLiquidate{Liquidator: poor.addr.String(), Owner: alice.addr.String(), MarketId: 1}), hostileWant{csClearing, 11, false}},
		{"liquidate oneself", msg(alice, &clearingtypes.MsgLiquidate{Liquidator: alice.addr.String(), Owner: alice.addr.String(), MarketId: 1, Size_: 10_000}), hostileWant{csClearing, 22, true}},

		// --- governance-gated messages from a plain account ---
		{"clearing update-params by a non-authority", msg(alice, &clearingtypes.MsgUpdateParams{Authority: alice.addr.String(), Params: clearingtypes.DefaultParams()}), hostileWant{csClearing, 6, true}},
		{"clearing update-params naming gov but signed by alice", msg(alice, &clearingtypes.MsgUpdateParams{Authority: gov, Params: clearingtypes.DefaultParams()}), hostileWant{csSDK, 8, false}},
		{"clearing create-market by a non-authority", msg(alice, &clearingtypes.MsgCreateMarket{Authority: alice.addr.String(), Market: clearingtypes.DefaultMarkets()[0]}), hostileWant{csClearing, 6, true}},
		{"clearing update-market by a non-authority", msg(alice, &clearingtypes.MsgUpdateMarket{Authority: alice.addr.String(), Market: clearingtypes.DefaultMarkets()[0]}), hostileWant{csClearing, 6, true}},
		{"oracle upsert-pair of an incomplete pair by a non-authority", msg(alice, &oracletypes.MsgUpsertPair{Authority: alice.addr.String(), Pair: oracletypes.CurrencyPair{Base: "DOGE", Quote: "USD", Decimals: 6}}), hostileWant{csOracle, 4, false}},
		{"oracle set-pair-halt by a non-authority", msg(alice, &oracletypes.MsgSetPairHalt{Authority: alice.addr.String(), Pair: "BTC/USD", Halted: true}), hostileWant{csOracle, 2, true}},
		{"oracle update-params by a non-authority", msg(alice, &oracletypes.MsgUpdateParams{Authority: alice.addr.String(), Params: oracletypes.DefaultParams()}), hostileWant{csOracle, 2, true}},
		{"circuit trip by a non-authority", msg(alice, &circuittypes.MsgTripCircuitBreaker{Authority: alice.addr.String(), MsgTypeUrls: []string{"/clearchain.clearing.v1.MsgDeposit"}}), hostileWant{csCircuit, 2, true}},
		{"circuit reset by a non-authority", msg(alice, &circuittypes.MsgResetCircuitBreaker{Authority: alice.addr.String(), MsgTypeUrls: []string{"/clearchain.clearing.v1.MsgDeposit"}}), hostileWant{csCircuit, 2, true}},
		{"circuit trip of an unknown type URL", msg(alice, &circuittypes.MsgTripCircuitBreaker{Authority: alice.addr.String(), MsgTypeUrls: []string{"/nope.MsgNope"}}), hostileWant{csCircuit, 2, true}},
		{"bank send to the clearing module account", msg(alice, &banktypes.MsgSend{FromAddress: alice.addr.String(),
			ToAddress: authtypes.NewModuleAddress(clearingtypes.ModuleName).String(), Amount: sdk.NewCoins(usdc(1))}), hostileWant{csSDK, 4, true}},
	}

	// The replayed transaction: a deposit that succeeds once on both twins.
	replay = msg(alice, deposit(1))()
	tw.height++
	ra, rb := tw.finalize(tw.a, tw.height, [][]byte{replay}), tw.finalize(tw.b, tw.height, [][]byte{replay})
	require.Zero(t, ra.TxResults[0].Code, ra.TxResults[0].Log)
	require.Equal(t, ra.AppHash, rb.AppHash)

	for _, c := range cases {
		tw.deliverHostile(c.name, c.build(), c.want)
	}
	t.Logf("hostile transaction catalogue: %d inputs tried, every one refused with its code and no state change", tw.tried)
	require.GreaterOrEqual(t, tw.tried, 80)
}

// bytes32s returns n distinct 32-byte hashes.
// secp256k1Order is the secp256k1 group order N, 32 bytes big-endian.
func secp256k1Order() []byte {
	n, _ := new(big.Int).SetString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16)
	return n.FillBytes(make([]byte, 32))
}

func bytes32s(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		h := make([]byte, 32)
		h[0], h[1], h[2] = byte(i), byte(i>>8), byte(i>>16)
		out[i] = h
	}
	return out
}

// manyFills repeats f n times.
func manyFills(n int, f clearingtypes.Fill) []clearingtypes.Fill {
	out := make([]clearingtypes.Fill, n)
	for i := range out {
		out[i] = f
	}
	return out
}
