package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	circuittypes "github.com/clearchain/clearchain/chain/x/circuit/types"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// aminoVector is one message's LEGACY_AMINO_JSON sign doc as the node builds it to verify an amino signature.
type aminoVector struct {
	Name string `json:"name"`
	// AminoName is the message's registered amino type (the sign doc's msgs[0].type).
	AminoName string `json:"amino_name"`
	TypeURL   string `json:"type_url"`
	// Value is the message in proto3 JSON (ts-proto fromJSON reads it).
	Value         rawJSON `json:"value"`
	ChainID       string  `json:"chain_id"`
	AccountNumber uint64  `json:"account_number,string"`
	Sequence      uint64  `json:"sequence,string"`
	Memo          string  `json:"memo"`
	FeeAmount     string  `json:"fee_amount"`
	FeeDenom      string  `json:"fee_denom"`
	Gas           uint64  `json:"gas,string"`
	// SignDoc is the exact sign bytes (canonical amino JSON text) the signer signs.
	SignDoc string `json:"sign_doc"`
}

// rawJSON embeds already encoded JSON.
type rawJSON []byte

// MarshalJSON returns the raw bytes.
func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

// aminoVectorFile is the layout of test/vectors/amino.json.
type aminoVectorFile struct {
	Description string        `json:"description"`
	Messages    []aminoVector `json:"messages"`
}

// vectorAddr returns a deterministic bech32 account address made of one repeated byte.
func vectorAddr(b byte) string { return sdk.AccAddress(bytes.Repeat([]byte{b}, 20)).String() }

// aminoSampleMsgs returns one or two filled-in instances of every amino-registered Clearchain message.
func aminoSampleMsgs() []struct {
	name string
	msg  sdk.Msg
} {
	owner, other, gov := vectorAddr(1), vectorAddr(2), vectorAddr(9)
	market := clearingtypes.Market{Id: 3, Ticker: "SOL-USD", PairId: 3, SizeDecimals: 6, TickSize: 1000, StepSize: 10000,
		InitialMarginPpm: 100_000, MaintenanceFractionPpm: 500_000, OiLower: 1_000_000, OiUpper: 9_000_000,
		VolatilityMultiplierPpm: 2_000_000, MaxImfPpm: 500_000, ImfStepLimitPpm: 100, MakerFeePpm: 200, TakerFeePpm: 500,
		FundingIntervalBlocks: 3600, MaxFundingRatePpm: 1000, InterestRatePpm: -3, Status: clearingtypes.MARKET_STATUS_ACTIVE}
	order := clearingtypes.Order{Owner: owner, MarketId: 1, Side: clearingtypes.SIDE_BUY, Size_: 100_000_000, LimitPrice: 60_000_000_000,
		Nonce: 42, GoodTilBlock: 1234, ChainId: "clearchain-localnet"}
	counter := clearingtypes.Order{Owner: other, SubaccountNumber: 1, MarketId: 1, Side: clearingtypes.SIDE_SELL, Size_: 50_000_000,
		LimitPrice: 59_000_000_000, Nonce: 7, GoodTilBlock: 1300, ChainId: "clearchain-localnet", ReduceOnly: true}
	return []struct {
		name string
		msg  sdk.Msg
	}{
		{"deposit", &clearingtypes.MsgDeposit{Sender: owner, SubaccountNumber: 0, Amount: sdk.NewCoin("uusdc", math.NewInt(1_000_000))}},
		{"deposit subaccount 5", &clearingtypes.MsgDeposit{Sender: owner, SubaccountNumber: 5, Amount: sdk.NewCoin("uusdc", math.NewInt(7))}},
		{"withdraw", &clearingtypes.MsgWithdraw{Sender: owner, SubaccountNumber: 2, Amount: sdk.NewCoin("uusdc", math.NewInt(250)), Recipient: other}},
		{"withdraw to self", &clearingtypes.MsgWithdraw{Sender: owner, Amount: sdk.NewCoin("uusdc", math.NewInt(1))}},
		{"clearing update params", &clearingtypes.MsgUpdateParams{Authority: gov, Params: clearingtypes.DefaultParams()}},
		{"submit trades", &clearingtypes.MsgSubmitTrades{Submitter: other, Fills: []clearingtypes.Fill{{
			MakerOrder: order, TakerOrder: counter, MakerSignature: bytes.Repeat([]byte{0xab}, 64), TakerSignature: bytes.Repeat([]byte{0xcd}, 64),
			MakerPubKey: bytes.Repeat([]byte{0x02}, 33), TakerPubKey: bytes.Repeat([]byte{0x03}, 33), Size_: 50_000_000, Price: 59_500_000_000}}}},
		{"transfer", &clearingtypes.MsgTransfer{Sender: owner, FromNumber: 0, ToNumber: 3, Amount: sdk.NewCoin("uusdc", math.NewInt(42))}},
		{"set isolated", &clearingtypes.MsgSetIsolated{Sender: owner, SubaccountNumber: 1, MarketId: 2}},
		{"set isolated back to cross", &clearingtypes.MsgSetIsolated{Sender: owner, SubaccountNumber: 1}},
		{"create market", &clearingtypes.MsgCreateMarket{Authority: gov, Market: market}},
		{"update market", &clearingtypes.MsgUpdateMarket{Authority: gov, Market: market}},
		{"cancel orders", &clearingtypes.MsgCancelOrders{Sender: owner, SubaccountNumber: 4, OrderHashes: [][]byte{bytes.Repeat([]byte{0x11}, 32), bytes.Repeat([]byte{0x22}, 32)}, GoodTilBlock: 99}},
		{"liquidate", &clearingtypes.MsgLiquidate{Liquidator: other, LiquidatorSubaccountNumber: 1, Owner: owner, SubaccountNumber: 0, MarketId: 1, Size_: 12_345}},
		{"oracle upsert pair", &oracletypes.MsgUpsertPair{Authority: gov, Pair: oracletypes.CurrencyPair{Id: 4, Base: "DOGE", Quote: "USD", Decimals: 8, MinSources: 1, MaxStalenessBlocks: 20}}},
		{"oracle set pair halt", &oracletypes.MsgSetPairHalt{Authority: gov, Pair: "BTC/USD", Halted: true}},
		{"oracle resume pair", &oracletypes.MsgSetPairHalt{Authority: gov, Pair: "BTC/USD"}},
		{"oracle update params", &oracletypes.MsgUpdateParams{Authority: gov, Params: oracletypes.DefaultParams()}},
		{"circuit trip", &circuittypes.MsgTripCircuitBreaker{Authority: gov, MsgTypeUrls: []string{"/clearchain.clearing.v1.MsgSubmitTrades", "/clearchain.clearing.v1.MsgWithdraw"}}},
		{"circuit reset", &circuittypes.MsgResetCircuitBreaker{Authority: gov, MsgTypeUrls: []string{"/clearchain.clearing.v1.MsgSubmitTrades"}}},
	}
}

// TestVectorsAmino writes (CLEARCHAIN_UPDATE_VECTORS=1) or checks test/vectors/amino.json: the LEGACY_AMINO_JSON
// sign doc of every amino-registered message, built by the app's own sign mode handler (what the ante handler
// verifies a Ledger signature against). client/test/aminoVectors.test.ts rebuilds each with the SDK's amino types.
func TestVectorsAmino(t *testing.T) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID("amino-vectors"))
	txCfg := a.TxConfig()
	pub := (&secp256k1.PrivKey{Key: bytes.Repeat([]byte{7}, 32)}).PubKey()
	vf := aminoVectorFile{Description: "LEGACY_AMINO_JSON sign docs of every amino-registered message, generated by " +
		"chain/app/vectors_amino_test.go (CLEARCHAIN_UPDATE_VECTORS=1 go test ./app -run TestVectors); checked by go test and the SDK's jest tests."}
	seen := map[string]bool{}
	for i, s := range aminoSampleMsgs() {
		b := txCfg.NewTxBuilder()
		require.NoError(t, b.SetMsgs(s.msg), s.name)
		fee := sdk.NewCoins(sdk.NewInt64Coin("uclear", int64(5000+i)))
		b.SetFeeAmount(fee)
		b.SetGasLimit(uint64(200_000 + i))
		memo := ""
		if i%3 == 1 {
			memo = "vector " + s.name
		}
		b.SetMemo(memo)
		signer := authsigning.SignerData{Address: sdk.AccAddress(pub.Address()).String(), ChainID: "clearchain-localnet",
			AccountNumber: uint64(10 + i), Sequence: uint64(i * 3), PubKey: pub}
		bz, err := authsigning.GetSignBytesAdapter(context.Background(), txCfg.SignModeHandler(), signingtypes.SignMode_SIGN_MODE_LEGACY_AMINO_JSON, signer, b.GetTx())
		require.NoError(t, err, s.name)
		value, err := a.AppCodec().MarshalJSON(s.msg)
		require.NoError(t, err, s.name)
		aminoName := aminoNameOf(t, a, s.msg)
		seen[aminoName] = true
		vf.Messages = append(vf.Messages, aminoVector{Name: s.name, AminoName: aminoName, TypeURL: sdk.MsgTypeURL(s.msg), Value: value,
			ChainID: signer.ChainID, AccountNumber: signer.AccountNumber, Sequence: signer.Sequence, Memo: memo,
			FeeAmount: fee[0].Amount.String(), FeeDenom: fee[0].Denom, Gas: uint64(200_000 + i), SignDoc: string(bz)})
	}
	// Every message registered with the legacy amino codec has a vector.
	for _, name := range []string{"clearchain/MsgDeposit", "clearchain/MsgWithdraw", "clearchain/x/clearing/MsgUpdateParams", "clearchain/MsgSubmitTrades",
		"clearchain/MsgTransfer", "clearchain/MsgSetIsolated", "clearchain/x/clearing/MsgCreateMarket", "clearchain/x/clearing/MsgUpdateMarket",
		"clearchain/MsgCancelOrders", "clearchain/MsgLiquidate", "clearchain/x/oracle/MsgUpsertPair", "clearchain/x/oracle/MsgSetPairHalt",
		"clearchain/x/oracle/MsgUpdateParams", "clearchain/x/circuit/MsgTripCircuitBreaker", "clearchain/x/circuit/MsgResetCircuitBreaker"} {
		require.True(t, seen[name], "no amino vector for %s", name)
	}
	writeOrCheckVectors(t, "amino.json", vf)
}

// aminoNameOf reads the amino type name the app's legacy amino codec gives msg.
func aminoNameOf(t *testing.T, a *app.App, msg sdk.Msg) string {
	t.Helper()
	bz, err := a.LegacyAmino().MarshalJSON(msg)
	require.NoError(t, err)
	var env struct {
		Type string `json:"type"`
	}
	require.NoError(t, json.Unmarshal(bz, &env))
	return env.Type
}
