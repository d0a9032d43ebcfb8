package margin

import (
	"math/big"

	"cosmossdk.io/math"
)

// ComputeHealth evaluates an account against market prices and margin fractions. maxUpnlWithdrawPpm is the
// share of unrealised profit that counts toward Withdrawable. Positions whose market is missing from markets are
// valued at zero notional (callers always pass every market). Cost: O(positions) plus O(positions²) for
// liquidation prices; positions are bounded per subaccount.
//
//	equity       = collateral + Σ ⌊size × price⌋ + Σ quote_balance − Σ ⌈funding owed⌉
//	IM           = Σ ⌈notional × imf⌉,  MM = Σ ⌈notional × imf × mf⌉
//	free         = equity − IM
//	withdrawable = clamp(collateral − Σ owed + Σ min(upnl,0) + ⌊Σ max(upnl,0) × upnl_share⌋ − IM, 0, collateral)
func ComputeHealth(acct Account, markets map[uint32]Market, maxUpnlWithdrawPpm uint64) Health {
	equity := new(big.Int).Set(bi(acct.Collateral))
	im, mm, total := new(big.Int), new(big.Int), new(big.Int)
	lossSum, profitSum, owedSum := new(big.Int), new(big.Int), new(big.Int)
	risks := make([]PositionRisk, 0, len(acct.Positions))
	for _, p := range acct.Positions {
		m := markets[p.MarketID]
		t := termsOf(p, m)
		upnl, owed, n, pim, pmm := t.upnl, t.owed, t.notional, t.im, t.mm
		equity.Add(equity, upnl).Sub(equity, owed)
		im.Add(im, pim)
		mm.Add(mm, pmm)
		total.Add(total, n)
		owedSum.Add(owedSum, owed)
		if upnl.Sign() < 0 {
			lossSum.Add(lossSum, upnl)
		} else {
			profitSum.Add(profitSum, upnl)
		}
		risks = append(risks, PositionRisk{
			MarketID: p.MarketID, Notional: toInt(n), UnrealizedPnl: toInt(upnl), FundingOwed: toInt(owed),
			InitialMargin: toInt(pim), MaintenanceMargin: toInt(pmm),
			EntryPrice: EntryPrice(p.Size, p.QuoteBalance, m.SizeDecimals, m.PriceDecimals),
		})
	}
	for i, p := range acct.Positions {
		risks[i].LiquidationPrice = toInt(liquidationPrice(p, markets, equity, mm))
	}
	free := new(big.Int).Sub(equity, im)

	w := new(big.Int).Sub(bi(acct.Collateral), owedSum)
	w.Add(w, lossSum)
	w.Add(w, divFloor(new(big.Int).Mul(profitSum, new(big.Int).SetUint64(maxUpnlWithdrawPpm)), bigPPM))
	w.Sub(w, im)
	if c := bi(acct.Collateral); w.Cmp(c) > 0 {
		w.Set(c)
	}
	if w.Sign() < 0 {
		w.SetInt64(0)
	}

	h := Health{
		Equity: toInt(equity), InitialMargin: toInt(im), MaintenanceMargin: toInt(mm), FreeCollateral: toInt(free),
		TotalNotional: toInt(total), Withdrawable: toInt(w), Positions: risks,
	}
	if len(acct.Positions) > 0 {
		h.MarginRatioPpm = ratioPpm(mm, equity)
		h.LeveragePpm = ratioPpm(total, equity)
		h.Liquidatable = equity.Cmp(mm) < 0
	}
	return h
}

// liquidationPrice solves equity(p) = MM(p) for position p's market price with every other price fixed:
//
//	E0 + size·p·k = MM0 + |size|·p·k·imf·mf,   k = 10^6 / 10^(sd+pd)
//
// where E0 and MM0 are equity and maintenance margin without this position's value and margin. A long's price is
// rounded up and a short's down (the reported level is reached no later than the exact one). Returns 0 when no
// positive price liquidates.
func liquidationPrice(p Position, markets map[uint32]Market, equity, mm *big.Int) *big.Int {
	m := markets[p.MarketID]
	size := bi(p.Size)
	if size.Sign() == 0 {
		return new(big.Int)
	}
	value := signedValue(size, m.OraclePrice, m.SizeDecimals, m.PriceDecimals)
	_, pmm := marginReq(notional(size, m.OraclePrice, m.SizeDecimals, m.PriceDecimals), m.IMFPpm, m.MaintenanceFractionPpm)
	e0 := new(big.Int).Sub(equity, value)
	mm0 := new(big.Int).Sub(mm, pmm)
	// p = (MM0 − E0) · 10^(sd+pd) · 10^12 / (10^6 · (size·10^12 − |size|·imf·mf))
	factor := new(big.Int).Mul(new(big.Int).SetUint64(m.IMFPpm), new(big.Int).SetUint64(m.MaintenanceFractionPpm))
	den := new(big.Int).Mul(size, new(big.Int).Mul(bigPPM, bigPPM))
	den.Sub(den, new(big.Int).Mul(new(big.Int).Abs(size), factor))
	den.Mul(den, pow10(QuoteDecimals))
	num := new(big.Int).Sub(mm0, e0)
	num.Mul(num, scaleDen(m.SizeDecimals, m.PriceDecimals))
	num.Mul(num, new(big.Int).Mul(bigPPM, bigPPM))
	if den.Sign() == 0 {
		return new(big.Int)
	}
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	var price *big.Int
	if size.Sign() > 0 {
		price = divCeil(num, den)
	} else {
		price = divFloor(num, den)
	}
	if price.Sign() <= 0 {
		return new(big.Int)
	}
	return price
}

// IsRiskReducing reports whether moving a position from oldSize to newSize only reduces it: same direction (or
// flat) and strictly smaller in magnitude.
func IsRiskReducing(oldSize, newSize math.Int) bool {
	o, n := bi(oldSize), bi(newSize)
	if n.Sign() != 0 && n.Sign() != o.Sign() {
		return false
	}
	return new(big.Int).Abs(n).Cmp(new(big.Int).Abs(o)) < 0
}
