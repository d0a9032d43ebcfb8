package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// marginMarket builds the engine's view of a market: oracle price (latest, even if stale), effective IMF,
// maintenance fraction and funding index.
func (k *Keeper) marginMarket(ctx context.Context, m types.Market) (margin.Market, error) {
	price, decimals, err := k.oracle.GetPrice(ctx, m.PairId)
	if err != nil {
		return margin.Market{}, errorsmod.Wrapf(types.ErrPriceUnavailable, "%s: %s", m.Ticker, err.Error())
	}
	st, err := k.getMarketState(ctx, m)
	if err != nil {
		return margin.Market{}, err
	}
	imf := st.ImfEffectivePpm
	if imf == 0 {
		imf = m.InitialMarginPpm
	}
	return margin.Market{
		MarketID: m.Id, SizeDecimals: m.SizeDecimals, PriceDecimals: decimals, OraclePrice: price, IMFPpm: imf,
		MaintenanceFractionPpm: m.MaintenanceFractionPpm, FundingIndex: st.FundingIndex,
	}, nil
}

// marginInputs returns the engine's account and the markets its positions (and extra) need.
func (k *Keeper) marginInputs(ctx context.Context, sa types.Subaccount, extra ...uint32) (margin.Account, map[uint32]margin.Market, error) {
	acct := margin.Account{Collateral: sa.Collateral}
	markets := map[uint32]margin.Market{}
	load := func(id uint32) error {
		if _, ok := markets[id]; ok {
			return nil
		}
		m, err := k.GetMarket(ctx, id)
		if err != nil {
			return err
		}
		mm, err := k.marginMarket(ctx, m)
		if err != nil {
			return err
		}
		markets[id] = mm
		return nil
	}
	for _, p := range sa.Positions {
		if err := load(p.MarketId); err != nil {
			return acct, nil, err
		}
		acct.Positions = append(acct.Positions, margin.Position{MarketID: p.MarketId, Size: p.Size_, QuoteBalance: p.QuoteBalance, FundingIndex: p.FundingIndex})
	}
	for _, id := range extra {
		if err := load(id); err != nil {
			return acct, nil, err
		}
	}
	return acct, markets, nil
}

// Health computes a subaccount's margin state with the engine.
func (k *Keeper) Health(ctx context.Context, sa types.Subaccount) (margin.Health, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return margin.Health{}, err
	}
	acct, markets, err := k.marginInputs(ctx, sa)
	if err != nil {
		return margin.Health{}, err
	}
	return margin.ComputeHealth(acct, markets, params.MaxUpnlWithdrawPpm), nil
}

// HealthView renders the engine's health as the query type.
func (k *Keeper) HealthView(ctx context.Context, sa types.Subaccount, h margin.Health) types.SubaccountHealth {
	view := types.SubaccountHealth{
		Owner: sa.Owner, Number: sa.Number, Collateral: sa.Collateral, Equity: h.Equity, InitialMargin: h.InitialMargin,
		MaintenanceMargin: h.MaintenanceMargin, FreeCollateral: h.FreeCollateral, MarginRatioPpm: h.MarginRatioPpm,
		LeveragePpm: h.LeveragePpm, Liquidatable: h.Liquidatable, IsolatedMarketId: sa.IsolatedMarketId, Withdrawable: h.Withdrawable,
		Positions: []types.PositionHealth{},
	}
	for i, r := range h.Positions {
		p := sa.Positions[i]
		ph := types.PositionHealth{
			MarketId: r.MarketID, Size_: p.Size_, EntryPrice: r.EntryPrice, Notional: r.Notional, UnrealizedPnl: r.UnrealizedPnl,
			FundingOwed: r.FundingOwed, InitialMargin: r.InitialMargin, MaintenanceMargin: r.MaintenanceMargin, LiquidationPrice: r.LiquidationPrice,
		}
		if m, err := k.GetMarket(ctx, r.MarketID); err == nil {
			ph.Ticker = m.Ticker
			if mm, err := k.marginMarket(ctx, m); err == nil {
				ph.OraclePrice, ph.ImfPpm = mm.OraclePrice, mm.IMFPpm
			}
		}
		view.Positions = append(view.Positions, ph)
	}
	return view
}

// settleFunding moves a subaccount's unsettled funding into its collateral through the funding pool and resets
// every position's snapshot. Rounding (in margin.FundingOwed) is against the trader.
func (k *Keeper) settleFunding(ctx context.Context, sa *types.Subaccount) error {
	pool, err := k.FundingPool.Get(ctx)
	if err != nil {
		return err
	}
	changed := false
	for i, p := range sa.Positions {
		m, err := k.GetMarket(ctx, p.MarketId)
		if err != nil {
			return err
		}
		st, err := k.getMarketState(ctx, m)
		if err != nil {
			return err
		}
		if st.FundingIndex.Equal(p.FundingIndex) {
			continue
		}
		owed := margin.FundingOwed(p.Size_, st.FundingIndex, p.FundingIndex, m.SizeDecimals)
		sa.Collateral = sa.Collateral.Sub(owed)
		pool = pool.Add(owed)
		sa.Positions[i].FundingIndex = st.FundingIndex
		changed = true
	}
	if !changed {
		return nil
	}
	return k.FundingPool.Set(ctx, pool)
}

// zeroIfNil returns 0 for a nil Int.
func zeroIfNil(x math.Int) math.Int {
	if x.IsNil() {
		return math.ZeroInt()
	}
	return x
}
