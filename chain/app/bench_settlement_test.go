package app_test

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"runtime/pprof"
	"syscall"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/internal/benchout"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

const benchChainID = "clearchain-bench"

// benchGoodTil is the benchmark orders' expiry: within max_order_lifetime_blocks of every height the harness reaches.
const benchGoodTil = 10_000

// benchAccount is a funded genesis account with its key and account number.
type benchAccount struct {
	priv   cryptotypes.PrivKey
	addr   sdk.AccAddress
	number uint64
	seq    uint64
}

// benchChain is a real app on an on-disk goleveldb store.
type benchChain struct {
	t      testing.TB
	app    *app.App
	height int64
}

// newBenchChain boots a chain where traders hold collateral in subaccount 0 and BTC/USD is priced at 60,000.
func newBenchChain(t testing.TB, traders, senders int) (*benchChain, []benchAccount, []benchAccount, benchAccount) {
	return newBenchChainWith(t, traders, senders, nil)
}

// newBenchChainWith is newBenchChain with a hook that edits the genesis app state before InitChain.
func newBenchChainWith(t testing.TB, traders, senders int, edit func(a *app.App, genesis map[string]json.RawMessage)) (*benchChain, []benchAccount, []benchAccount, benchAccount) {
	db, err := dbm.NewGoLevelDB("application", t.TempDir(), nil)
	require.NoError(t, err)
	a := app.New(log.NewNopLogger(), db, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(benchChainID))
	mk := func(n int, offset uint64) []benchAccount {
		out := make([]benchAccount, n)
		for i := range out {
			priv := secp256k1.GenPrivKeyFromSecret([]byte(fmt.Sprintf("bench-%d-%d", offset, i)))
			out[i] = benchAccount{priv: priv, addr: sdk.AccAddress(priv.PubKey().Address()), number: offset + uint64(i)}
		}
		return out
	}
	submitter := mk(1, 0)[0]
	tr := mk(traders, 1)
	snd := mk(senders, uint64(1+traders))
	all := append(append([]benchAccount{submitter}, tr...), snd...)
	var accs []authtypes.GenesisAccount
	var balances []banktypes.Balance
	coins := sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1e15), sdk.NewInt64Coin(app.CollateralDenom, 1e15))
	for _, acc := range all {
		accs = append(accs, authtypes.NewBaseAccount(acc.addr, acc.priv.PubKey(), acc.number, 0))
		balances = append(balances, banktypes.Balance{Address: acc.addr.String(), Coins: coins})
	}
	collateral := math.NewInt(1_000_000_000_000) // 1,000,000 USDC per trader
	moduleAddr := authtypes.NewModuleAddress(clearingtypes.ModuleName)
	balances = append(balances, banktypes.Balance{Address: moduleAddr.String(),
		Coins: sdk.NewCoins(sdk.NewCoin(app.CollateralDenom, collateral.MulRaw(int64(traders))))})
	valSet, err := simtestutil.CreateRandomValidatorSet()
	require.NoError(t, err)
	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, accs, balances...)
	require.NoError(t, err)

	var og oracletypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[oracletypes.ModuleName], &og)
	for i := range og.Pairs {
		og.Pairs[i].MaxStalenessBlocks = 1 << 40 // no vote extensions in this harness: keep the genesis price fresh
	}
	og.Prices = []oracletypes.PriceState{{PairId: 1, PriceQuantums: 60_000_000_000, Height: 1, BlockTime: time.Unix(1_700_000_000, 0).UTC(), Variance: math.LegacyZeroDec()}}
	genesis[oracletypes.ModuleName] = a.AppCodec().MustMarshalJSON(&og)

	var cg clearingtypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(genesis[clearingtypes.ModuleName], &cg)
	cg.Params.MaxFillsPerTx = 2_000
	for _, acc := range sortedByAddress(tr) {
		cg.Subaccounts = append(cg.Subaccounts, clearingtypes.Subaccount{Owner: acc.addr.String(), Number: 0, Collateral: collateral})
	}
	genesis[clearingtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&cg)
	if edit != nil {
		edit(a, genesis)
	}

	bz, err := json.Marshal(genesis)
	require.NoError(t, err)
	cp := *simtestutil.DefaultConsensusParams
	block := *cp.Block
	block.MaxGas = -1 // the benchmark measures execution, not the block gas cap
	cp.Block = &block
	_, err = a.InitChain(&abci.RequestInitChain{ChainId: benchChainID, AppStateBytes: bz, ConsensusParams: &cp, InitialHeight: 1})
	require.NoError(t, err)
	c := &benchChain{t: t, app: a}
	c.block(nil)
	return c, tr, snd, submitter
}

// sortedByAddress orders accounts by address bytes (the clearing genesis order).
func sortedByAddress(accs []benchAccount) []benchAccount {
	out := append([]benchAccount(nil), accs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && string(out[j].addr) < string(out[j-1].addr); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// block finalizes and commits one block with txs, returning the tx results.
func (c *benchChain) block(txs [][]byte) []*abci.ExecTxResult {
	c.height++
	res, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{Height: c.height, Txs: txs, Time: time.Unix(1_700_000_000+c.height, 0)})
	require.NoError(c.t, err)
	_, err = c.app.Commit()
	require.NoError(c.t, err)
	return res.TxResults
}

// signTx encodes a signed tx from acc and bumps its sequence.
func (c *benchChain) signTx(acc *benchAccount, gas uint64, msgs ...sdk.Msg) []byte {
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), c.app.TxConfig(), msgs, sdk.NewCoins(), gas, benchChainID,
		[]uint64{acc.number}, []uint64{acc.seq}, acc.priv)
	require.NoError(c.t, err)
	bz, err := c.app.TxConfig().TxEncoder()(tx)
	require.NoError(c.t, err)
	acc.seq++
	return bz
}

// benchFills builds n fills between trader pairs, each between two fresh orders.
func benchFills(traders []benchAccount, n int, nonceBase uint64) []clearingtypes.Fill {
	fills := make([]clearingtypes.Fill, n)
	for i := range fills {
		maker, taker := traders[(2*i)%len(traders)], traders[(2*i+1)%len(traders)]
		side := clearingtypes.SIDE_SELL
		if (i/len(traders))%2 == 1 {
			side = clearingtypes.SIDE_BUY
		}
		other := clearingtypes.SIDE_BUY
		if side == clearingtypes.SIDE_BUY {
			other = clearingtypes.SIDE_SELL
		}
		mo := clearingtypes.Order{Owner: maker.addr.String(), MarketId: 1, Side: side, Size_: 10_000, LimitPrice: 60_000_000_000, Nonce: nonceBase + uint64(i), GoodTilBlock: benchGoodTil, ChainId: benchChainID}
		to := clearingtypes.Order{Owner: taker.addr.String(), MarketId: 1, Side: other, Size_: 10_000, LimitPrice: 60_000_000_000, Nonce: nonceBase + uint64(i), GoodTilBlock: benchGoodTil, ChainId: benchChainID}
		fills[i] = clearingtypes.Fill{MakerOrder: mo, MakerPubKey: maker.priv.PubKey().Bytes(), MakerSignature: signOrder(maker.priv, mo),
			TakerOrder: to, TakerPubKey: taker.priv.PubKey().Bytes(), TakerSignature: signOrder(taker.priv, to), Size_: 10_000, Price: 60_000_000_000}
	}
	return fills
}

// benchRestingFills builds n fills in which every maker order is a resting order filled by `group` takers in a row
// (each taker order fresh): the shape of a venue's book, where one signature covers many fills.
func benchRestingFills(traders []benchAccount, n, group int, nonceBase uint64) []clearingtypes.Fill {
	fills := benchFills(traders, n, nonceBase)
	for g := 0; g*group < n; g++ {
		first := fills[g*group]
		maker := traders[(2*g*group)%len(traders)]
		mo := first.MakerOrder
		mo.Size_ *= uint64(group)
		mo.Nonce = nonceBase + 1_000_000 + uint64(g)
		sig := signOrder(maker.priv, mo)
		for i := g * group; i < n && i < (g+1)*group; i++ {
			to := fills[i].TakerOrder
			taker := traders[(2*i+1)%len(traders)]
			if to.Side == mo.Side {
				to.Side = fills[i].MakerOrder.Side
				fills[i].TakerSignature = signOrder(taker.priv, to)
			}
			fills[i].TakerOrder = to
			fills[i].MakerOrder, fills[i].MakerPubKey, fills[i].MakerSignature = mo, maker.priv.PubKey().Bytes(), sig
		}
	}
	return fills
}

func signOrder(priv cryptotypes.PrivKey, o clearingtypes.Order) []byte {
	bz, err := clearingtypes.OrderSignBytes(o)
	if err != nil {
		panic(err)
	}
	sig, err := priv.Sign(bz)
	if err != nil {
		panic(err)
	}
	return sig
}

// phase is one measured stretch of the benchmark: wall-clock time and this process's CPU time (all threads).
type phase struct{ wall, cpu time.Duration }

// add sums two phases.
func (p phase) add(q phase) phase { return phase{p.wall + q.wall, p.cpu + q.cpu} }

// measure runs f and returns its wall and process CPU time.
func measure(t testing.TB, f func()) phase {
	c0 := processCPU(t)
	w0 := time.Now()
	f()
	return phase{wall: time.Since(w0), cpu: processCPU(t) - c0}
}

// processCPU is the user + system CPU time this process has used.
func processCPU(t testing.TB) time.Duration {
	var ru syscall.Rusage
	require.NoError(t, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// startFillProfile writes a CPU profile of the settlement phases alone (CheckTx + FinalizeBlock + Commit of the
// fill transactions) to $CLEARCHAIN_BENCH_CPUPROFILE when set; it returns the function that stops it.
func startFillProfile(t testing.TB) (stop func()) {
	path := os.Getenv("CLEARCHAIN_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, pprof.StartCPUProfile(f))
	return func() {
		pprof.StopCPUProfile()
		require.NoError(t, f.Close())
	}
}

// checkTxs runs CheckTx on every tx (as a node does when they reach its mempool) and requires each to pass.
func (c *benchChain) checkTxs(txs [][]byte) {
	for _, tx := range txs {
		res, err := c.app.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
		require.NoError(c.t, err)
		require.Zero(c.t, res.Code, res.Log)
	}
}

// TestBenchSettlement measures fills settled per second (batches of 1,000 fills per tx) against bank MsgSend
// transactions per second in the same run, and secp256k1 verifications per second on this machine. Both rates
// count what a node spends on the transactions: CheckTx when they reach its mempool (which verifies the order
// signatures into the cache), then FinalizeBlock + Commit. settle_us_per_fill_ex_sigs is the block phase's CPU
// per fill, every order signature found in the cache.
func TestBenchSettlement(t *testing.T) {
	if !benchout.Enabled() {
		t.Skip("set CLEARCHAIN_BENCH_DIR (make bench) to run")
	}
	const (
		fillsPerTx = 1_000
		fillTxs    = 4
		sendTxs    = 2_000
		// restingGroup is how many takers fill each maker order in the resting-maker batch.
		restingGroup = 10
	)
	chain, traders, senders, submitter := newBenchChain(t, 200, sendTxs)

	// Settlement: fillTxs transactions of fillsPerTx fills, checked then executed in one block.
	var txs [][]byte
	for i := 0; i < fillTxs; i++ {
		msg := &clearingtypes.MsgSubmitTrades{Submitter: submitter.addr.String(), Fills: benchFills(traders, fillsPerTx, uint64(i*fillsPerTx))}
		txs = append(txs, chain.signTx(&submitter, 2_000_000_000, msg))
	}
	var results []*abci.ExecTxResult
	stopProfile := startFillProfile(t)
	fillCheck := measure(t, func() { chain.checkTxs(txs) })
	_, missesBefore := app.OrderSigCacheStats()
	fillBlock := measure(t, func() { results = chain.block(txs) })
	_, missesAfter := app.OrderSigCacheStats()
	stopProfile()
	// CheckTx verified every order signature into the cache, so the block phase is settlement without them.
	require.Equal(t, missesBefore, missesAfter, "block execution must find every order signature verified")
	var gasPerFillTx int64
	for _, r := range results {
		require.Zero(t, r.Code, r.Log)
		var resp clearingtypes.MsgSubmitTradesResponse
		var data sdk.TxMsgData
		require.NoError(t, data.Unmarshal(r.Data))
		require.NoError(t, resp.Unmarshal(data.MsgResponses[0].Value))
		require.Equal(t, uint32(fillsPerTx), resp.Settled, "every benchmark fill must settle")
		gasPerFillTx = r.GasUsed
	}

	// Bank sends: sendTxs single-message transactions, checked then executed in one block.
	txs = txs[:0]
	for i := range senders {
		msg := banktypes.NewMsgSend(senders[i].addr, traders[i%len(traders)].addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
		txs = append(txs, chain.signTx(&senders[i], 200_000, msg))
	}
	sendCheck := measure(t, func() { chain.checkTxs(txs) })
	sendBlock := measure(t, func() { results = chain.block(txs) })
	for _, r := range results {
		require.Zero(t, r.Code, r.Log)
	}

	// Resting makers: the same number of fills, each maker order filled by restingGroup takers.
	txs = txs[:0]
	for i := 0; i < fillTxs; i++ {
		msg := &clearingtypes.MsgSubmitTrades{Submitter: submitter.addr.String(), Fills: benchRestingFills(traders, fillsPerTx, restingGroup, uint64(100_000+i*fillsPerTx))}
		txs = append(txs, chain.signTx(&submitter, 2_000_000_000, msg))
	}
	restingCheck := measure(t, func() { chain.checkTxs(txs) })
	restingBlock := measure(t, func() { results = chain.block(txs) })
	for _, r := range results {
		require.Zero(t, r.Code, r.Log)
		require.Equal(t, uint32(fillsPerTx), submitTradesResponse(t, r).Settled, "every resting-maker fill must settle")
	}

	// secp256k1 verifications per second (one thread).
	priv := secp256k1.GenPrivKeyFromSecret([]byte("verify"))
	msgBz := []byte("clearchain/order/v1 benchmark message")
	sig, err := priv.Sign(msgBz)
	require.NoError(t, err)
	pub := priv.PubKey()
	const verifies = 5_000
	verify := measure(t, func() {
		for i := 0; i < verifies; i++ {
			if !pub.VerifySignature(msgBz, sig) {
				t.Fatal("verify failed")
			}
		}
	})

	// Rates count process CPU time (all threads) of CheckTx + FinalizeBlock + Commit: on a shared machine wall
	// time measures the neighbours; the *_wall figures are the same rates by the clock.
	fills := float64(fillsPerTx * fillTxs)
	fillTotal, sendTotal := fillCheck.add(fillBlock), sendCheck.add(sendBlock)
	fillsPerS := fills / fillTotal.cpu.Seconds()
	sendsPerS := float64(sendTxs) / sendTotal.cpu.Seconds()
	verifiesPerS := float64(verifies) / verify.cpu.Seconds()
	fillsPerSWall := fills / fillTotal.wall.Seconds()
	sendsPerSWall := float64(sendTxs) / sendTotal.wall.Seconds()
	round := func(x float64) float64 { return float64(int64(x*100)) / 100 }
	us := func(d time.Duration, n float64) float64 { return round(d.Seconds() * 1e6 / n) }
	require.NoError(t, benchout.Record("settlement", map[string]any{
		"checktx_included":                    true,
		"fills_per_s":                         round(fillsPerS),
		"sends_per_s":                         round(sendsPerS),
		"ratio_fills_per_send":                round(fillsPerS / sendsPerS),
		"verifies_per_s":                      round(verifiesPerS),
		"ratio_to_sig_bound":                  round(fillsPerS / (verifiesPerS / 2)),
		"settle_us_per_fill_ex_sigs":          us(fillBlock.cpu, fills),
		"fills_per_s_resting_makers":          round(fills / restingCheck.add(restingBlock).cpu.Seconds()),
		"ratio_fills_per_send_resting_makers": round(fills / restingCheck.add(restingBlock).cpu.Seconds() / sendsPerS),
		"fills_per_s_wall":                    round(fillsPerSWall),
		"sends_per_s_wall":                    round(sendsPerSWall),
		"ratio_fills_per_send_wall":           round(fillsPerSWall / sendsPerSWall),
		"verifies_per_s_wall":                 round(float64(verifies) / verify.wall.Seconds()),
		"cpu_us_per_fill":                     us(fillTotal.cpu, fills),
		"cpu_us_per_send":                     us(sendTotal.cpu, sendTxs),
		"checktx_cpu_us_per_fill":             us(fillCheck.cpu, fills),
		"block_cpu_us_per_fill":               us(fillBlock.cpu, fills),
		"checktx_cpu_us_per_send":             us(sendCheck.cpu, sendTxs),
		"block_cpu_us_per_send":               us(sendBlock.cpu, sendTxs),
		"fills":                               fillsPerTx * fillTxs,
		"fills_per_tx":                        fillsPerTx,
		"sends":                               sendTxs,
		"gas_per_1000_fill_tx":                gasPerFillTx,
		"secp256k1_impl":                      app.Secp256k1Impl,
	}))
}
