package simulation

import (
	"math/rand"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// Regime is the state of one pair's simulated market.
type Regime int

// Price regimes of the simulated feed.
const (
	// RegimeCalm is a small random walk (±0.3% per block).
	RegimeCalm Regime = iota
	// RegimeCrash drops the price 2–6% per block for 2–8 blocks (trips band breakers, wakes liquidations).
	RegimeCrash
	// RegimePump raises the price 2–6% per block for 2–6 blocks.
	RegimePump
	// RegimeOutage sends no reports for the pair (the price goes stale).
	RegimeOutage
	// RegimeSplit has half the validators report a price 30% away (the median must hold).
	RegimeSplit
)

// RegimeNames are the printable names of the regimes, by value.
var RegimeNames = []string{"calm", "crash", "pump", "outage", "split"}

// pairPath is one pair's simulated reference price in quantums and its regime.
type pairPath struct {
	startQuantums uint64
	priceQuantums uint64
	regime        Regime
	blocksLeft    int
}

// PriceFeed simulates what validators' feeders report, block by block, from its own seeded randomness. Apply
// turns one block's reports into vote extensions of the block's decided-last-commit voters and aggregates them
// through the oracle's own PreBlock path (CollectVotes + ApplyVotes): median, quorum, band breaker, staleness.
type PriceFeed struct {
	r     *rand.Rand
	paths map[uint32]*pairPath
	// RegimeBlocks counts pair-blocks spent in each regime.
	RegimeBlocks map[string]int
	// Blocks counts blocks with at least one vote applied.
	Blocks int
	// Votes counts vote extensions aggregated.
	Votes int
	// HaltsSeen counts pair-blocks in which the pair was halted (band breaker or governance) after aggregation.
	HaltsSeen int
	// StaleSeen counts pair-blocks in which the pair was stale after aggregation.
	StaleSeen int
}

// NewPriceFeed returns a feed seeded with seed.
func NewPriceFeed(seed int64) *PriceFeed {
	return &PriceFeed{r: rand.New(rand.NewSource(seed)), paths: map[uint32]*pairPath{}, RegimeBlocks: map[string]int{}}
}

// startQuantums is a plausible starting price for the default pairs (USD with the pair's decimals).
func startQuantums(p types.CurrencyPair) uint64 {
	usd := map[string]uint64{"BTC": 60_000, "ETH": 3_000, "SOL": 150, "USDC": 1}[p.Base]
	if usd == 0 {
		usd = 10
	}
	q := usd
	for i := uint32(0); i < p.Decimals; i++ {
		q *= 10
	}
	return q
}

// step advances one pair's path by one block.
func (f *PriceFeed) step(p *pairPath) {
	if p.blocksLeft <= 0 {
		p.regime, p.blocksLeft = RegimeCalm, 1+f.r.Intn(10)
		switch x := f.r.Intn(100); {
		case x < 5:
			p.regime, p.blocksLeft = RegimeCrash, 2+f.r.Intn(7)
		case x < 7:
			p.regime, p.blocksLeft = RegimePump, 2+f.r.Intn(5)
		case x < 9:
			p.regime, p.blocksLeft = RegimeOutage, 2+f.r.Intn(25)
		case x < 12:
			p.regime, p.blocksLeft = RegimeSplit, 1+f.r.Intn(5)
		}
	}
	p.blocksLeft--
	var movePpm int64
	switch p.regime {
	case RegimeCrash:
		movePpm = -int64(20_000 + f.r.Intn(40_001))
	case RegimePump:
		movePpm = int64(20_000 + f.r.Intn(40_001))
	case RegimeOutage:
		movePpm = int64(f.r.Intn(20_001)) - 10_000
	default:
		movePpm = int64(f.r.Intn(6_001)) - 3_000
	}
	next := int64(p.priceQuantums) + int64(p.priceQuantums)*movePpm/1_000_000
	// The path stays within 1/20..20x of its start: long runs neither overflow nor reach zero.
	lo, hi := int64(p.startQuantums/20)+1, int64(p.startQuantums)*20
	p.priceQuantums = uint64(max(lo, min(hi, next)))
}

// Extensions returns the vote extensions of one block: one per voter of commit that signed it (some voters
// randomly skip a pair or the whole block), with prices around each pair's path.
func (f *PriceFeed) Extensions(pairs []types.CurrencyPair, commit abci.CommitInfo) abci.ExtendedCommitInfo {
	for _, pair := range pairs {
		if _, ok := f.paths[pair.Id]; !ok {
			start := startQuantums(pair)
			f.paths[pair.Id] = &pairPath{startQuantums: start, priceQuantums: start}
		}
		p := f.paths[pair.Id]
		f.step(p)
		f.RegimeBlocks[RegimeNames[p.regime]]++
	}
	info := abci.ExtendedCommitInfo{Round: commit.Round}
	for i, v := range commit.Votes {
		ev := abci.ExtendedVoteInfo{Validator: v.Validator, BlockIdFlag: v.BlockIdFlag}
		if v.BlockIdFlag == cmtproto.BlockIDFlagCommit && f.r.Intn(20) != 0 {
			var ext types.OracleVoteExtension
			for _, pair := range pairs {
				p := f.paths[pair.Id]
				if p.regime == RegimeOutage || f.r.Intn(25) == 0 {
					continue
				}
				price := p.priceQuantums
				noisePpm := int64(f.r.Intn(2_001)) - 1_000
				if p.regime == RegimeSplit && i%2 == 1 {
					noisePpm = 300_000
				}
				price = uint64(int64(price) + int64(price)*noisePpm/1_000_000)
				ext.Prices = append(ext.Prices, types.PairPrice{PairId: pair.Id, PriceQuantums: price})
			}
			if bz, err := ext.Marshal(); err == nil && len(ext.Prices) > 0 {
				ev.VoteExtension = bz
			}
		}
		info.Votes = append(info.Votes, ev)
	}
	return info
}

// Apply aggregates one block's simulated reports into prices through the oracle's PreBlock path. It runs at
// the start of a block (before the clearing sweep), as the app's PreBlocker does with real vote extensions.
func (f *PriceFeed) Apply(ctx sdk.Context, k *keeper.Keeper, commit abci.CommitInfo) error {
	pairs, err := k.AllPairs(ctx)
	if err != nil {
		return err
	}
	enabled := make([]types.CurrencyPair, 0, len(pairs))
	for _, p := range pairs {
		if p.Enabled {
			enabled = append(enabled, p)
		}
	}
	info := f.Extensions(enabled, commit)
	votes, total := oracleabci.CollectVotes(ctx, k, info)
	if len(votes) > 0 {
		f.Blocks++
		f.Votes += len(votes)
	}
	if err := k.ApplyVotes(ctx, votes, total); err != nil {
		return err
	}
	for _, p := range enabled {
		if halted, err := k.IsHalted(ctx, p.Id); err == nil && halted {
			f.HaltsSeen++
		}
		if stale, err := k.IsStale(ctx, p.Id); err == nil && stale {
			f.StaleSeen++
		}
	}
	return nil
}
