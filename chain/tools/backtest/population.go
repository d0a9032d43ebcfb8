package backtest

import (
	"fmt"
	"math/rand"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Population describes the synthetic subaccounts the replay opens at the end of the warm-up.
type Population struct {
	// Accounts is the number of subaccounts with a position (rounded up to even: each long has a short twin of the
	// same size, so open interest balances).
	Accounts int
	// Flat is the number of subaccounts holding collateral and no position (their losses must stay zero).
	Flat int
	// Leverage lists the leverages assigned round-robin (each capped at 1/IMF so it meets initial margin).
	Leverage []float64
	// IsolatedShare is the share of position subaccounts marked isolated to the market (the rest are cross).
	IsolatedShare float64
	// MinNotional and MaxNotional bound each position's notional in USDC (drawn uniformly, deterministic seed);
	// all notionals (whales' too) are scaled down when the expected open interest would exceed half of oi_lower.
	MinNotional, MaxNotional float64
	// Insurance is the insurance fund balance in USDC.
	Insurance float64
	// Seed makes the draw reproducible.
	Seed int64
	// Whales are large single positions (stress scenarios), each with a low-leverage counterparty twin.
	Whales []Whale
}

// Whale is one large position: owner label, side, notional (USDC) and leverage; its twin takes the other side at 2x.
type Whale struct {
	Label       string
	Long        bool
	NotionalUSD float64
	Leverage    float64
}

// WhaleOwner is the address of a whale (twin = true: its counterparty).
func WhaleOwner(label string, twin bool) sdk.AccAddress {
	if twin {
		return sdk.AccAddress([]byte(fmt.Sprintf("backtest-twin-%-6s", label)))
	}
	return sdk.AccAddress([]byte(fmt.Sprintf("backtest-whale%-6s", label)))
}

// DefaultPopulation is 200 position subaccounts with leverage 2–20x (capped by the market's IMF), 30% isolated,
// 20 flat subaccounts and a 1,000,000 USDC insurance fund.
func DefaultPopulation() Population {
	return Population{Accounts: 200, Flat: 20, Leverage: []float64{2, 3, 5, 8, 10, 12, 15, 20}, IsolatedShare: 0.3,
		MinNotional: 1_000, MaxNotional: 250_000, Insurance: 1_000_000, Seed: 1}
}

// account is one synthetic subaccount.
type account struct {
	owner       sdk.AccAddress
	number      uint32
	flat        bool
	leverage    float64
	collateral0 math.Int
	// liquidatableAt is the first path time (ms) the account was found below maintenance margin (0 = never).
	liquidatableAt int64
	// equityAtDetection is the equity when first found liquidatable (uusdc).
	equityAtDetection math.Int
}

// build draws the population for a market at price (quantums) and effective IMF, returning the subaccounts and
// the total long size (open interest). Entry is at the tick-rounded price; sizes are whole steps.
func (p Population) build(m types.Market, priceDecimals uint32, price, imfPpm uint64) ([]*account, []types.Subaccount, uint64, error) {
	r := rand.New(rand.NewSource(p.Seed))
	entry := price - price%m.TickSize
	if entry == 0 {
		entry = m.TickSize
	}
	n := p.Accounts
	if n%2 == 1 {
		n++
	}
	lev := p.Leverage
	if len(lev) == 0 {
		lev = []float64{5}
	}
	maxLev := float64(margin.PPM) / float64(imfPpm)
	// Keep the population's open interest below half of the market's oi_lower: the OI scaling of the IMF is a
	// size rule, and the replay measures the price path, not the population's own size.
	scale := 1.0
	if m.OiUpper > m.OiLower && m.OiLower > 0 {
		unit := float64(price) / pow10f(priceDecimals)
		expected := float64(n/2) * (p.MinNotional + p.MaxNotional) / 2 / unit * pow10f(m.SizeDecimals)
		for _, w := range p.Whales {
			expected += w.NotionalUSD / unit * pow10f(m.SizeDecimals)
		}
		if limit := float64(m.OiLower) / 2; expected > limit {
			scale = limit / expected
		}
	}
	var accts []*account
	var subs []types.Subaccount
	var oi uint64
	for i := 0; i < n; i += 2 {
		notionalUSD := (p.MinNotional + r.Float64()*(p.MaxNotional-p.MinNotional)) * scale
		// size in base quantums: notional / price, whole steps, at least one step
		unitValue := float64(entry) / pow10f(priceDecimals) // USDC per base unit
		baseUnits := notionalUSD / unitValue
		size := uint64(baseUnits*pow10f(m.SizeDecimals)) / m.StepSize * m.StepSize
		if size == 0 {
			size = m.StepSize
		}
		sz := math.NewIntFromUint64(size)
		value := margin.SignedValue(sz, entry, m.SizeDecimals, priceDecimals) // exact: whole steps × tick
		notional := margin.Notional(sz, entry, m.SizeDecimals, priceDecimals)
		im, _ := margin.MarginRequirements(notional, imfPpm, m.MaintenanceFractionPpm)
		for side := 0; side < 2; side++ {
			l := lev[(i/2+side)%len(lev)]
			if l > maxLev {
				l = maxLev
			}
			coll := math.LegacyNewDecFromInt(notional).Quo(math.LegacyMustNewDecFromStr(fmt.Sprintf("%.6f", l))).Ceil().TruncateInt()
			if coll.LT(im) {
				coll = im
			}
			owner := sdk.AccAddress([]byte(fmt.Sprintf("backtest-trader-%06d", i+side)))
			pos := types.Position{MarketId: m.Id, Size_: sz, QuoteBalance: value.Neg(), FundingIndex: math.ZeroInt()}
			if side == 1 {
				pos.Size_, pos.QuoteBalance = sz.Neg(), value
			}
			sa := types.Subaccount{Owner: owner.String(), Number: 0, Collateral: coll, Positions: []types.Position{pos}}
			if r.Float64() < p.IsolatedShare {
				sa.IsolatedMarketId = m.Id
			}
			subs = append(subs, sa)
			accts = append(accts, &account{owner: owner, number: 0, leverage: l, collateral0: coll})
		}
		oi += size
	}
	for _, w := range p.Whales {
		unitValue := float64(entry) / pow10f(priceDecimals)
		size := uint64(w.NotionalUSD*scale/unitValue*pow10f(m.SizeDecimals)) / m.StepSize * m.StepSize
		if size == 0 {
			size = m.StepSize
		}
		sz := math.NewIntFromUint64(size)
		value := margin.SignedValue(sz, entry, m.SizeDecimals, priceDecimals)
		notional := margin.Notional(sz, entry, m.SizeDecimals, priceDecimals)
		im, _ := margin.MarginRequirements(notional, imfPpm, m.MaintenanceFractionPpm)
		for twin := 0; twin < 2; twin++ {
			l := w.Leverage
			if twin == 1 {
				l = 2
			}
			if l > maxLev {
				l = maxLev
			}
			coll := math.LegacyNewDecFromInt(notional).Quo(math.LegacyMustNewDecFromStr(fmt.Sprintf("%.6f", l))).Ceil().TruncateInt()
			if coll.LT(im) {
				coll = im
			}
			long := w.Long == (twin == 0)
			pos := types.Position{MarketId: m.Id, Size_: sz, QuoteBalance: value.Neg(), FundingIndex: math.ZeroInt()}
			if !long {
				pos.Size_, pos.QuoteBalance = sz.Neg(), value
			}
			owner := WhaleOwner(w.Label, twin == 1)
			subs = append(subs, types.Subaccount{Owner: owner.String(), Number: 0, Collateral: coll, Positions: []types.Position{pos}})
			accts = append(accts, &account{owner: owner, leverage: l, collateral0: coll})
		}
		oi += size
	}
	for i := 0; i < p.Flat; i++ {
		owner := sdk.AccAddress([]byte(fmt.Sprintf("backtest-flat---%06d", i)))
		coll := math.NewInt(10_000_000_000) // 10,000 USDC
		subs = append(subs, types.Subaccount{Owner: owner.String(), Number: 0, Collateral: coll})
		accts = append(accts, &account{owner: owner, flat: true, collateral0: coll})
	}
	return accts, subs, oi, nil
}

// moduleBalance is what the clearing module account must hold for the collateral-backed invariant.
func moduleBalance(subs []types.Subaccount, insurance math.Int) math.Int {
	total := insurance
	for _, sa := range subs {
		total = total.Add(sa.Collateral)
		for _, p := range sa.Positions {
			total = total.Add(p.QuoteBalance)
		}
	}
	return total
}

func moduleAddr() sdk.AccAddress { return authtypes.NewModuleAddress(types.ModuleName) }

func pow10f(n uint32) float64 {
	f := 1.0
	for i := uint32(0); i < n; i++ {
		f *= 10
	}
	return f
}
