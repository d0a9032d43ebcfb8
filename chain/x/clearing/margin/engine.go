package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// Market is what the engine needs to know about a market.
type Market struct {
	// MarketID identifies the market.
	MarketID uint32 `json:"market_id"`
	// SizeDecimals: base quantums per base unit = 10^SizeDecimals.
	SizeDecimals uint32 `json:"size_decimals"`
	// PriceDecimals: price quantums per quote unit = 10^PriceDecimals.
	PriceDecimals uint32 `json:"price_decimals"`
	// OraclePrice is the current oracle price in price quantums.
	OraclePrice uint64 `json:"oracle_price,string"`
	// IMFPpm is the effective initial margin fraction.
	IMFPpm uint64 `json:"imf_ppm,string"`
	// MaintenanceFractionPpm is maintenance margin as a share of initial margin.
	MaintenanceFractionPpm uint64 `json:"maintenance_fraction_ppm,string"`
	// FundingIndex is the market's cumulative funding index (collateral base units × 10^6 per base unit).
	FundingIndex math.Int `json:"funding_index"`
}

// Position is a signed position with its cost basis and funding snapshot.
type Position struct {
	// MarketID is the market.
	MarketID uint32 `json:"market_id"`
	// Size is signed base quantums.
	Size math.Int `json:"size"`
	// QuoteBalance is the signed cost basis in collateral base units.
	QuoteBalance math.Int `json:"quote_balance"`
	// FundingIndex is the market index at the last funding settlement.
	FundingIndex math.Int `json:"funding_index"`
}

// Account is a subaccount as the engine sees it.
type Account struct {
	// Collateral is the settled collateral (may be negative after losses).
	Collateral math.Int `json:"collateral"`
	// Positions are the open positions.
	Positions []Position `json:"positions"`
}

// PositionRisk is one position's computed risk.
type PositionRisk struct {
	MarketID          uint32   `json:"market_id"`
	Notional          math.Int `json:"notional"`
	UnrealizedPnl     math.Int `json:"unrealized_pnl"`
	FundingOwed       math.Int `json:"funding_owed"`
	InitialMargin     math.Int `json:"initial_margin"`
	MaintenanceMargin math.Int `json:"maintenance_margin"`
	EntryPrice        math.Int `json:"entry_price"`
	LiquidationPrice  math.Int `json:"liquidation_price"`
}

// Health is a subaccount's computed margin state.
type Health struct {
	Equity            math.Int       `json:"equity"`
	InitialMargin     math.Int       `json:"initial_margin"`
	MaintenanceMargin math.Int       `json:"maintenance_margin"`
	FreeCollateral    math.Int       `json:"free_collateral"`
	TotalNotional     math.Int       `json:"total_notional"`
	MarginRatioPpm    uint64         `json:"margin_ratio_ppm,string"`
	LeveragePpm       uint64         `json:"leverage_ppm,string"`
	Liquidatable      bool           `json:"liquidatable"`
	Withdrawable      math.Int       `json:"withdrawable"`
	Positions         []PositionRisk `json:"positions"`
}

// Notional returns |size| × price in collateral base units, rounded up (it sizes margin the trader must hold).
func Notional(size math.Int, price uint64, sizeDecimals, priceDecimals uint32) math.Int {
	return toInt(notional(bi(size), price, sizeDecimals, priceDecimals))
}

func notional(size *big.Int, price uint64, sd, pd uint32) *big.Int {
	n := new(big.Int).Abs(size)
	n.Mul(n, new(big.Int).SetUint64(price))
	n.Mul(n, pow10(QuoteDecimals))
	return divCeil(n, scaleDen(sd, pd))
}

// SignedValue returns size × price in collateral base units, rounded down (toward −∞): a long is worth a little
// less and a short costs a little more, both against the trader.
func SignedValue(size math.Int, price uint64, sizeDecimals, priceDecimals uint32) math.Int {
	return toInt(signedValue(bi(size), price, sizeDecimals, priceDecimals))
}

func signedValue(size *big.Int, price uint64, sd, pd uint32) *big.Int {
	v := new(big.Int).Mul(size, new(big.Int).SetUint64(price))
	v.Mul(v, pow10(QuoteDecimals))
	return divFloor(v, scaleDen(sd, pd))
}

// FundingOwed returns the funding a position owes since its snapshot: size × (index − snapshot) / (10^size_decimals × 10^6),
// rounded up (toward +∞: the trader owes a little more or receives a little less). Negative means it receives.
func FundingOwed(size, index, snapshot math.Int, sizeDecimals uint32) math.Int {
	return toInt(fundingOwed(bi(size), bi(index), bi(snapshot), sizeDecimals))
}

func fundingOwed(size, index, snapshot *big.Int, sd uint32) *big.Int {
	d := new(big.Int).Sub(index, snapshot)
	d.Mul(d, size)
	return divCeil(d, new(big.Int).Mul(pow10(sd), bigPPM))
}

// MarginRequirements returns initial margin ⌈notional × imf⌉ and maintenance margin ⌈notional × imf × mf⌉
// (ppm fractions), both rounded up.
func MarginRequirements(notionalAmt math.Int, imfPpm, maintenanceFractionPpm uint64) (initial, maintenance math.Int) {
	im, mm := marginReq(bi(notionalAmt), imfPpm, maintenanceFractionPpm)
	return toInt(im), toInt(mm)
}

func marginReq(n *big.Int, imf, mf uint64) (*big.Int, *big.Int) {
	im := divCeil(new(big.Int).Mul(n, new(big.Int).SetUint64(imf)), bigPPM)
	mm := new(big.Int).Mul(n, new(big.Int).SetUint64(imf))
	mm.Mul(mm, new(big.Int).SetUint64(mf))
	mm = divCeil(mm, new(big.Int).Mul(bigPPM, bigPPM))
	return im, mm
}

// EntryPrice returns −quote_balance / size scaled to price quantums, rounded toward zero; 0 for a flat position.
func EntryPrice(size, quoteBalance math.Int, sizeDecimals, priceDecimals uint32) math.Int {
	s := bi(size)
	if s.Sign() == 0 {
		return math.ZeroInt()
	}
	num := new(big.Int).Neg(bi(quoteBalance))
	num.Mul(num, scaleDen(sizeDecimals, priceDecimals))
	den := new(big.Int).Mul(s, pow10(QuoteDecimals))
	q := new(big.Int).Quo(num, den)
	return toInt(q.Abs(q))
}

// ratioPpm returns ⌈num × 10^6 / den⌉ (saturating; max uint64 when den ≤ 0 and num > 0).
func ratioPpm(num, den *big.Int) uint64 {
	if num.Sign() <= 0 {
		return 0
	}
	if den.Sign() <= 0 {
		return ^uint64(0)
	}
	return saturatingUint64(divCeil(new(big.Int).Mul(num, bigPPM), den))
}
