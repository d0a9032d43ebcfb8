package keeper

import (
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// EndBlock runs the liquidation waterfall (ProcessLiquidations), then the per-block market work, in market-id order: premium sampling and funding-index updates
// (O(markets), never O(positions): subaccounts settle lazily), the effective-IMF step toward its target, pruning
// of at most max_order_prunes_per_block expired order records and as many expired cancellations, and the payout
// of accrued fees.
func (k *Keeper) EndBlock(ctx sdk.Context) error {
	// Liquidators had the block to act; what is still liquidatable goes to the backstop and ADL first, at the
	// prices the sweep used.
	if err := k.ProcessLiquidations(ctx); err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	var markets []types.Market
	if err := k.Markets.Walk(ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		markets = append(markets, m)
		return false, nil
	}); err != nil {
		return err
	}
	for _, m := range markets {
		if err := k.updateMarket(ctx, m); err != nil {
			return err
		}
	}
	height := orderHeight(ctx, params)
	if err := k.pruneOrders(ctx, height, params.MaxOrderPrunesPerBlock); err != nil {
		return err
	}
	if err := k.pruneCancellations(ctx, height, params.MaxOrderPrunesPerBlock); err != nil {
		return err
	}
	if err := k.payFees(ctx); err != nil {
		return err
	}
	return k.recordBlockFeeInflow(ctx)
}

// updateMarket samples the premium, applies funding at interval ends and steps the effective IMF.
func (k *Keeper) updateMarket(ctx sdk.Context, m types.Market) error {
	st, err := k.getMarketState(ctx, m)
	if err != nil {
		return err
	}
	height := ctx.BlockHeight()
	if st.LastFundingHeight == 0 {
		st.LastFundingHeight = height
	}
	price, decimals, err := k.oracle.GetPrice(ctx, m.PairId)
	stale, _ := k.oracle.IsStale(ctx, m.PairId)
	if err == nil && !stale && m.Status != types.MARKET_STATUS_SETTLED {
		// One sample per block: the notional-weighted, band-clamped premium of this block's qualifying fills
		// (0 in a block without any), so neither dust nor one large print can set the interval's rate.
		st.PremiumSumPpm += margin.BlockPremiumPpm(zeroIfNil(st.BlockPremiumWeightedPpm), zeroIfNil(st.BlockPremiumNotional))
		st.PremiumSamples++
		if uint64(height-st.LastFundingHeight) >= m.FundingIntervalBlocks {
			rate := margin.FundingRatePpm(st.PremiumSumPpm, st.PremiumSamples, m.InterestRatePpm, m.MaxFundingRatePpm)
			st.FundingIndex = st.FundingIndex.Add(margin.FundingIndexDelta(rate, price, decimals))
			st.LastFundingRatePpm, st.PremiumSumPpm, st.PremiumSamples, st.LastFundingHeight = rate, 0, 0, height
			if err := ctx.EventManager().EmitTypedEvent(&types.EventFunding{MarketId: m.Id, RatePpm: rate, FundingIndex: st.FundingIndex.String()}); err != nil {
				return err
			}
		}
	}
	// Effective IMF (anti-procyclical, see "Margin model and calibration" in the README): the target adds to the base
	// the OI scaling and the oracle's hourly-sampled volatility × multiplier, the latter capped so that MM never
	// exceeds the base IM; the effective value then moves toward the target by a bounded relative step per block
	// (≤ 2x within BlocksPerHour blocks, falling a quarter as fast).
	vol, err := k.oracle.Volatility(ctx, m.PairId)
	if err != nil {
		vol = math.LegacyZeroDec()
	}
	target := margin.TargetIMF(margin.IMFParams{
		BaseIMFPpm: m.InitialMarginPpm, OILower: m.OiLower, OIUpper: m.OiUpper,
		VolatilityMultiplierPpm: m.VolatilityMultiplierPpm, MaxIMFPpm: m.MaxImfPpm,
		VolAddOnCapPpm: margin.VolAddOnCap(m.InitialMarginPpm, m.MaintenanceFractionPpm),
	}, st.OpenInterest, vol)
	st.ImfEffectivePpm = margin.StepIMF(st.ImfEffectivePpm, target, m.ImfStepLimitPpm)
	st.BlockPremiumNotional, st.BlockPremiumWeightedPpm = math.ZeroInt(), math.ZeroInt()
	return k.MarketStates.Set(ctx, m.Id, st)
}

// payFees sends the fees accrued this block to the fee collector.
func (k *Keeper) payFees(ctx sdk.Context) error {
	fees, err := k.FeesAccrued.Get(ctx)
	if err != nil || !fees.IsPositive() {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, types.ModuleName, authtypes.FeeCollectorName,
		sdk.NewCoins(sdk.NewCoin(params.CollateralDenom, fees))); err != nil {
		return err
	}
	return k.FeesAccrued.Set(ctx, math.ZeroInt())
}
