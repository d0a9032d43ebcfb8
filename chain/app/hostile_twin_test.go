package app_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/ed25519"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

const hostileChainID = "clearchain-hostile"

// hostileTwin is two apps booted from the same deterministic genesis. A hostile transaction goes into a block of
// app a while app b's block at that height is empty; one block later b gets the same transaction and a an empty
// block. A failing transaction must leave every store but auth (its sequence) identical after the first block (and
// auth too when it was refused before any message ran), and every store identical after the second: the failure
// changed nothing else.
type hostileTwin struct {
	t      *testing.T
	a, b   *app.App
	height int64
	accs   []benchAccount
	tried  int
}

// newHostileTwin boots both apps: accs[0..2] are funded with CLEAR and USDC; accs[1] and accs[2] hold 1,000,000 USDC
// collateral in subaccount 0; BTC/USD is priced at 60,000 and stays fresh.
func newHostileTwin(t *testing.T) *hostileTwin {
	accs := make([]benchAccount, 3)
	for i := range accs {
		priv := secp256k1.GenPrivKeyFromSecret([]byte(fmt.Sprintf("hostile-%d", i)))
		accs[i] = benchAccount{priv: priv, addr: sdk.AccAddress(priv.PubKey().Address()), number: uint64(i)}
	}
	genesis := hostileGenesis(t, accs)
	tw := &hostileTwin{t: t, accs: accs}
	tw.a, tw.b = bootHostile(t, genesis), bootHostile(t, genesis)
	tw.emptyBlock()
	return tw
}

// hostileGenesis is the shared genesis (a fixed validator key, so both apps compute the same hashes).
func hostileGenesis(t *testing.T, accs []benchAccount) []byte {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	val := cmttypes.NewValidator(ed25519.GenPrivKeyFromSecret([]byte("hostile-validator")).PubKey(), 1)
	valSet := cmttypes.NewValidatorSet([]*cmttypes.Validator{val})
	var gaccs []authtypes.GenesisAccount
	var balances []banktypes.Balance
	coins := sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1e15), sdk.NewInt64Coin(app.CollateralDenom, 1e15))
	for _, acc := range accs {
		gaccs = append(gaccs, authtypes.NewBaseAccount(acc.addr, acc.priv.PubKey(), acc.number, 0))
		balances = append(balances, banktypes.Balance{Address: acc.addr.String(), Coins: coins})
	}
	collateral := math.NewInt(1_000_000_000_000)
	moduleAddr := authtypes.NewModuleAddress(clearingtypes.ModuleName)
	balances = append(balances, banktypes.Balance{Address: moduleAddr.String(), Coins: sdk.NewCoins(sdk.NewCoin(app.CollateralDenom, collateral.MulRaw(2)))})
	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, gaccs, balances...)
	require.NoError(t, err)
	var og oracletypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[oracletypes.ModuleName], &og)
	for i := range og.Pairs {
		og.Pairs[i].MaxStalenessBlocks = 1 << 40
	}
	og.Prices = []oracletypes.PriceState{{PairId: 1, PriceQuantums: 60_000_000_000, Height: 1, BlockTime: time.Unix(1_700_000_000, 0).UTC(), Variance: math.LegacyZeroDec()}}
	genesis[oracletypes.ModuleName] = a.AppCodec().MustMarshalJSON(&og)
	var cg clearingtypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[clearingtypes.ModuleName], &cg)
	for _, acc := range sortedByAddress(accs[1:]) {
		cg.Subaccounts = append(cg.Subaccounts, clearingtypes.Subaccount{Owner: acc.addr.String(), Number: 0, Collateral: collateral})
	}
	genesis[clearingtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&cg)
	bz, err := json.Marshal(genesis)
	require.NoError(t, err)
	return bz
}

// bootHostile starts one app on an in-memory store and runs InitChain.
func bootHostile(t *testing.T, genesis []byte) *app.App {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(hostileChainID))
	_, err := a.InitChain(&abci.RequestInitChain{ChainId: hostileChainID, AppStateBytes: genesis, ConsensusParams: simtestutil.DefaultConsensusParams, InitialHeight: 1})
	require.NoError(t, err)
	return a
}

// finalize runs one block with txs on one app and commits it.
func (tw *hostileTwin) finalize(a *app.App, height int64, txs [][]byte) *abci.ResponseFinalizeBlock {
	res, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: height, Txs: txs, Time: time.Unix(1_700_000_000+height, 0)})
	require.NoError(tw.t, err)
	_, err = a.Commit()
	require.NoError(tw.t, err)
	return res
}

// emptyBlock advances both apps by one empty block and checks they agree.
func (tw *hostileTwin) emptyBlock() {
	tw.height++
	tw.finalize(tw.a, tw.height, nil)
	tw.finalize(tw.b, tw.height, nil)
	require.Empty(tw.t, diffStores(storeContents(tw.t, tw.a), storeContents(tw.t, tw.b)), "twins diverged on an empty block at height %d", tw.height)
}

// hostileStores are the stores compared between the twins (every module store of the app).
var hostileStores = []string{"acc", "bank", "staking", "mint", "distribution", "slashing", "gov", "consensus", "upgrade", "feegrant",
	"circuit", "oracle", "clearing"}

// storeContents reads every key/value of every module store at the last commit. Contents, not IAVL hashes: an IAVL
// node's hash includes the version it was written at, so the same write one block later hashes differently. The
// staking module's historical info is left out: it records each block header, and headers carry the previous app hash.
func storeContents(t *testing.T, a *app.App) map[string]map[string]string {
	ctx := a.NewContext(true)
	out := map[string]map[string]string{}
	for _, name := range hostileStores {
		key := a.GetKey(name)
		require.NotNil(t, key, "no store %s", name)
		kv := map[string]string{}
		it := ctx.KVStore(key).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			if name == "staking" && len(it.Key()) > 0 && it.Key()[0] == stakingtypes.HistoricalInfoKey[0] {
				continue
			}
			kv[string(it.Key())] = string(it.Value())
		}
		require.NoError(t, it.Close())
		out[name] = kv
	}
	return out
}

// diffStores lists the stores whose contents differ (skip: stores not compared).
func diffStores(a, b map[string]map[string]string, skip ...string) []string {
	var out []string
	for _, name := range hostileStores {
		if slices.Contains(skip, name) {
			continue
		}
		if !maps.Equal(a[name], b[name]) {
			out = append(out, name)
		}
	}
	return out
}

// hostileWant is a case's expected failure: the registered codespace and code, at CheckTx or at delivery.
type hostileWant struct {
	codespace string
	code      uint32
	// deliverOnly: CheckTx (ante and ValidateBasic only) accepts it; the message fails when executed.
	deliverOnly bool
}

// deliverHostile runs tx through CheckTx and both blocks of the twin protocol and checks: CheckTx or delivery fails
// with the wanted codespace/code, no store but auth differs after a's block, and the app hashes match after b's.
func (tw *hostileTwin) deliverHostile(name string, tx []byte, want hostileWant) {
	tw.t.Helper()
	tw.tried++
	check, err := tw.a.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
	require.NoError(tw.t, err, name)
	tw.height++
	ra := tw.finalize(tw.a, tw.height, [][]byte{tx})
	tw.finalize(tw.b, tw.height, nil)
	require.Len(tw.t, ra.TxResults, 1, name)
	res := ra.TxResults[0]
	tw.t.Logf("hostile %q: delivered %s/%d, CheckTx %s/%d", name, res.Codespace, res.Code, check.Codespace, check.Code)
	assert.NotZero(tw.t, res.Code, "%s: delivered successfully (log %q)", name, res.Log)
	assert.Equal(tw.t, want.codespace, res.Codespace, "%s: codespace (log %q)", name, res.Log)
	assert.Equal(tw.t, want.code, res.Code, "%s: code (log %q)", name, res.Log)
	if want.deliverOnly {
		assert.Zero(tw.t, check.Code, "%s: CheckTx refused it (codespace %s code %d, log %q)", name, check.Codespace, check.Code, check.Log)
	} else {
		assert.Equal(tw.t, want.codespace, check.Codespace, "%s: CheckTx codespace (code %d, log %q)", name, check.Code, check.Log)
		assert.Equal(tw.t, want.code, check.Code, "%s: CheckTx code (log %q)", name, check.Log)
	}
	skip := []string{"acc"} // a transaction that passed the ante handler consumed its sequence number
	if !want.deliverOnly && check.Code != 0 && res.Codespace == csSDK {
		skip = nil // refused before any message ran: not even the sequence may move
	}
	assert.Empty(tw.t, diffStores(storeContents(tw.t, tw.a), storeContents(tw.t, tw.b), skip...), "%s: stores changed by a failed transaction", name)
	// Mirror: b gets the same transaction one block later; the twins must then agree on everything.
	tw.height++
	rb2 := tw.finalize(tw.b, tw.height, [][]byte{tx})
	tw.finalize(tw.a, tw.height, nil)
	assert.Equal(tw.t, res.Code, rb2.TxResults[0].Code, "%s: not deterministic across heights", name)
	if d := diffStores(storeContents(tw.t, tw.a), storeContents(tw.t, tw.b)); len(d) > 0 {
		tw.t.Fatalf("%s: a failed transaction left a state difference in %v (the twins diverged)", name, d)
	}
}

// signed encodes a tx from acc over msgs with the given sequence, chain id and gas (no fee), signed by signer.
func (tw *hostileTwin) signed(acc benchAccount, seq uint64, chainID string, gas uint64, msgs ...sdk.Msg) []byte {
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), tw.a.TxConfig(), msgs, sdk.NewCoins(), gas, chainID,
		[]uint64{acc.number}, []uint64{seq}, acc.priv)
	require.NoError(tw.t, err)
	bz, err := tw.a.TxConfig().TxEncoder()(tx)
	require.NoError(tw.t, err)
	return bz
}

// sequence reads acc's committed sequence on app a (both apps agree after every twin round).
func (tw *hostileTwin) sequence(acc benchAccount) uint64 {
	ctx := tw.a.NewContext(true)
	return tw.a.AccountKeeper.GetAccount(ctx, acc.addr).GetSequence()
}
