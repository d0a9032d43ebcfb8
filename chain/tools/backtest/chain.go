package backtest

import (
	"context"
	"fmt"
	"math/bits"
	"time"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/store/v2"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/clearchain/clearchain/chain/app"
	"github.com/clearchain/clearchain/chain/x/clearing"
	clearingkeeper "github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
	"github.com/clearchain/clearchain/chain/x/oracle"
	oraclekeeper "github.com/clearchain/clearchain/chain/x/oracle/keeper"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// Optional parts of the liquidation engine, used when the clearing keeper has them (the engine lands in stages):
// the PreBlock sweep, the EndBlock waterfall (built with -tags liquidation while it is behind that tag) and the
// liquidatable set.
type (
	sweeper interface {
		Sweep(ctx sdk.Context) error
	}
	waterfall interface {
		ProcessLiquidations(ctx sdk.Context) error
	}
	liquidatableLister interface {
		LiquidatableKeys(ctx context.Context) ([]clearingkeeper.SubaccountKey, error)
	}
)

// memBank is an in-memory bank with the semantics the clearing keeper relies on.
type memBank struct {
	balances map[string]sdk.Coins
}

func (b *memBank) send(from, to sdk.AccAddress, amt sdk.Coins) error {
	bal := b.balances[from.String()]
	nb, neg := bal.SafeSub(amt...)
	if neg {
		return fmt.Errorf("insufficient funds: %s < %s", bal, amt)
	}
	b.balances[from.String()] = nb
	b.balances[to.String()] = b.balances[to.String()].Add(amt...)
	return nil
}

func (b *memBank) SendCoinsFromAccountToModule(_ context.Context, from sdk.AccAddress, module string, amt sdk.Coins) error {
	return b.send(from, authtypes.NewModuleAddress(module), amt)
}

func (b *memBank) SendCoinsFromModuleToAccount(_ context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error {
	return b.send(authtypes.NewModuleAddress(module), to, amt)
}

func (b *memBank) SendCoinsFromModuleToModule(_ context.Context, from, to string, amt sdk.Coins) error {
	return b.send(authtypes.NewModuleAddress(from), authtypes.NewModuleAddress(to), amt)
}

func (b *memBank) GetBalance(_ context.Context, addr sdk.AccAddress, denom string) sdk.Coin {
	return sdk.NewCoin(denom, b.balances[addr.String()].AmountOf(denom))
}

func (b *memBank) BlockedAddr(addr sdk.AccAddress) bool {
	return addr.Equals(authtypes.NewModuleAddress(types.ModuleName))
}

type moduleAccounts struct{}

func (moduleAccounts) GetModuleAddress(name string) sdk.AccAddress {
	return authtypes.NewModuleAddress(name)
}

// chain is the real x/oracle and x/clearing keepers over one in-memory IAVL multistore, driven block by block the
// way the app drives them: PreBlock (oracle vote aggregation, then the sweep), EndBlock (waterfall, market updates
// including the effective IMF step, pruning, fees).
type chain struct {
	ctx      sdk.Context
	oracle   *oraclekeeper.Keeper
	clearing *clearingkeeper.Keeper
	bank     *memBank
	market   types.Market
	pairID   uint32
	sources  []oraclekeeper.ValidatorVote
}

// newChain builds the keepers: oracle genesis with the default pairs (only the market's pair and, when extra is
// set, the other listed pairs enabled), the first price reported at height 1, then the clearing genesis.
func newChain(market types.Market, pairs []oracletypes.CurrencyPair, firstPrices map[uint32][]uint64, gs *types.GenesisState, bank *memBank) (*chain, error) {
	app.SetAddressPrefixes()
	okey := storetypes.NewKVStoreKey(oracletypes.StoreKey)
	ckey := storetypes.NewKVStoreKey(types.StoreKey)
	tkey := storetypes.NewTransientStoreKey("transient_backtest")
	// Each store on its own in-memory DB (so that committing versions works), as a node's rootmulti store.
	cms := store.NewCommitMultiStore(dbm.NewMemDB(), log.NewNopLogger())
	cms.MountStoreWithDB(okey, storetypes.StoreTypeIAVL, dbm.NewMemDB())
	cms.MountStoreWithDB(ckey, storetypes.StoreTypeIAVL, dbm.NewMemDB())
	cms.MountStoreWithDB(tkey, storetypes.StoreTypeTransient, nil)
	if err := cms.LoadLatestVersion(); err != nil {
		return nil, err
	}
	ctx := sdk.NewContext(cms, cmtproto.Header{}, false, log.NewNopLogger())
	enc := moduletestutil.MakeTestEncodingConfig(clearing.AppModule{}, oracle.AppModule{})
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	ok := oraclekeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(okey), authority)
	ogs := oracletypes.DefaultGenesis()
	ogs.Pairs = pairs
	ctx = ctx.WithBlockHeight(1).WithBlockTime(time.Unix(1_600_000_000, 0).UTC())
	if err := ok.InitGenesis(ctx, ogs); err != nil {
		return nil, fmt.Errorf("oracle genesis: %w", err)
	}
	c := &chain{ctx: ctx, oracle: ok, bank: bank, market: market, pairID: market.PairId}
	if err := c.report(firstPrices); err != nil {
		return nil, err
	}
	ck := clearingkeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(ckey), moduleAccounts{}, bank, ok, authority, log.NewNopLogger())
	if err := ck.InitGenesis(c.ctx, gs); err != nil {
		return nil, fmt.Errorf("clearing genesis: %w", err)
	}
	c.clearing = ck
	c.commit()
	return c, nil
}

// report aggregates one block's votes: source i reports prices[pair][i] (a single value is reported by every
// source). Each source has voting power 10.
func (c *chain) report(prices map[uint32][]uint64) error {
	n := 1
	for _, ps := range prices {
		if len(ps) > n {
			n = len(ps)
		}
	}
	if len(c.sources) != n {
		c.sources = make([]oraclekeeper.ValidatorVote, n)
		for i := range c.sources {
			c.sources[i] = oraclekeeper.ValidatorVote{ConsAddress: []byte(fmt.Sprintf("backtest-validator-%02d", i)), Power: 10}
		}
	}
	for i := range c.sources {
		ext := oracletypes.OracleVoteExtension{}
		for _, id := range sortedKeys(prices) {
			ps := prices[id]
			p := ps[0]
			if i < len(ps) {
				p = ps[i]
			}
			ext.Prices = append(ext.Prices, oracletypes.PairPrice{PairId: id, PriceQuantums: p})
		}
		c.sources[i].Extension = ext
	}
	return c.oracle.ApplyVotes(c.ctx, c.sources, int64(10*n))
}

// step runs one block at height and time: PreBlock (votes, sweep), EndBlock (waterfall, market updates). The
// block's events are returned.
func (c *chain) step(height int64, at time.Time, prices map[uint32][]uint64) (sdk.Events, error) {
	c.ctx = c.ctx.WithBlockHeight(height).WithBlockTime(at).WithEventManager(sdk.NewEventManager())
	if err := c.report(prices); err != nil {
		return nil, fmt.Errorf("oracle at %d: %w", height, err)
	}
	if s, ok := any(c.clearing).(sweeper); ok {
		if err := s.Sweep(c.ctx); err != nil {
			return nil, fmt.Errorf("sweep at %d: %w", height, err)
		}
	}
	// The waterfall (ProcessLiquidations) runs inside EndBlock once the engine wires it there.
	if err := c.clearing.EndBlock(c.ctx); err != nil {
		return nil, fmt.Errorf("end block %d: %w", height, err)
	}
	return c.ctx.EventManager().Events(), nil
}

// commit saves a store version: IAVL iterators on a tree with a saved version are much cheaper to open, and the
// working set stays small. (Block results are not hashed or compared: the version number means nothing here.)
func (c *chain) commit() {
	if cms, ok := c.ctx.MultiStore().(storetypes.CommitMultiStore); ok {
		cms.Commit()
	}
}

// imf returns the market's effective IMF.
func (c *chain) imf() (uint64, error) {
	st, err := c.clearing.MarketStates.Get(c.ctx, c.market.Id)
	if err != nil {
		return 0, err
	}
	return st.ImfEffectivePpm, nil
}

// setIMF overwrites the market's effective IMF (row mode only: the harness applies the block steps a row skipped).
func (c *chain) setIMF(v uint64) error {
	st, err := c.clearing.MarketStates.Get(c.ctx, c.market.Id)
	if err != nil {
		return err
	}
	st.ImfEffectivePpm = v
	return c.clearing.MarketStates.Set(c.ctx, c.market.Id, st)
}

// fundValue is the insurance fund's cash plus the equity of the backstop subaccount it margins (positions the
// backstop took over, marked at the oracle price): what the fund is worth.
func (c *chain) fundValue() (math.Int, error) {
	fund, err := c.clearing.InsuranceFund.Get(c.ctx)
	if err != nil {
		return math.Int{}, err
	}
	sa, err := c.clearing.GetSubaccount(c.ctx, clearingkeeper.BackstopAddress(), 0)
	if err != nil {
		return math.Int{}, err
	}
	if len(sa.Positions) == 0 && sa.Collateral.IsZero() {
		return fund, nil
	}
	h, err := c.clearing.Health(c.ctx, sa)
	if err != nil {
		return math.Int{}, err
	}
	return fund.Add(h.Equity), nil
}

// volatility returns the oracle's volatility for the market's pair.
func (c *chain) volatility() (math.LegacyDec, error) { return c.oracle.Volatility(c.ctx, c.pairID) }

func sortedKeys(m map[uint32][]uint64) []uint32 {
	out := make([]uint32, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// mulDivCeilU returns ⌈a × b / d⌉ for d > 0 (saturating at 2^64 − 1).
func mulDivCeilU(a, b, d uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi >= d {
		return ^uint64(0)
	}
	q, r := bits.Div64(hi, lo, d)
	if r > 0 {
		q++
	}
	return q
}
