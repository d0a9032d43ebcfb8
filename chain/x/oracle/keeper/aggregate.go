package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// ValidatorVote is one validator's decoded, validated vote extension with its voting power.
type ValidatorVote struct {
	// ConsAddress is the validator's consensus address.
	ConsAddress []byte
	// Power is its voting power in the last commit.
	Power int64
	// Extension is its validated vote extension.
	Extension types.OracleVoteExtension
}

// ApplyVotes aggregates one block's votes into prices. totalPower is the voting power of the whole last
// validator set (reporting or not). Per enabled pair, in id order: the stake-weighted median of the reports is
// stored when the reporters hold more than min_reporting_power_ppm of totalPower and number at least
// min_sources; otherwise the old price stays (and ages toward staleness).
// Cost: O(votes × pairs-per-vote) to bucket, plus O(reporters log reporters + reference window) per pair.
func (k *Keeper) ApplyVotes(ctx sdk.Context, votes []ValidatorVote, totalPower int64) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	reports := map[uint32][]types.Report{}
	for _, v := range votes {
		for _, p := range v.Extension.Prices {
			reports[p.PairId] = append(reports[p.PairId], types.Report{Validator: v.ConsAddress, PriceQuantums: p.PriceQuantums, Power: v.Power})
		}
	}
	pairs, err := k.AllPairs(ctx)
	if err != nil {
		return err
	}
	for _, pair := range pairs { // id order: deterministic
		if !pair.Enabled {
			continue
		}
		rs := reports[pair.Id]
		var reportingPower int64
		for _, r := range rs {
			reportingPower += r.Power
		}
		powerPpm := types.PowerPpm(reportingPower, totalPower)
		if uint32(len(rs)) < pair.MinSources || !types.HasQuorum(reportingPower, totalPower, params.MinReportingPowerPpm) {
			if err := ctx.EventManager().EmitTypedEvent(&types.EventOracleNoQuorum{
				Pair: pair.Name(), Reporters: uint32(len(rs)), ReportingPowerPpm: powerPpm,
			}); err != nil {
				return err
			}
			continue
		}
		price, ok := types.WeightedMedian(rs)
		if !ok {
			continue
		}
		if err := k.setPrice(ctx, params, pair, price, uint32(len(rs)), powerPpm); err != nil {
			return err
		}
	}
	return nil
}

// setPrice records a new aggregated price: volatility, band check against the moving median, history, events.
func (k *Keeper) setPrice(ctx sdk.Context, params types.Params, pair types.CurrencyPair, price uint64, reporters uint32, powerPpm uint64) error {
	height := ctx.BlockHeight()
	ps, err := k.getPriceState(ctx, pair.Id)
	if err != nil {
		return err
	}
	sampleVolatility(&ps, pair, price, height)

	reference, err := k.referencePrice(ctx, params, pair, height)
	if err != nil {
		return err
	}
	if movePpm, tripped := types.BandMove(price, reference, pair.BandPpm); tripped {
		ps.HaltedUntilHeight = height + int64(pair.CooldownBlocks)
		if err := ctx.EventManager().EmitTypedEvent(&types.EventPairHalted{
			Pair: pair.Name(), Reason: "band", Price: types.FormatPrice(price, pair.Decimals),
			ReferencePrice: types.FormatPrice(reference, pair.Decimals), MovePpm: movePpm, HaltedUntilHeight: ps.HaltedUntilHeight,
		}); err != nil {
			return err
		}
	}
	ps.PriceQuantums, ps.Height, ps.BlockTime = price, height, ctx.BlockTime()
	ps.Reporters, ps.ReportingPowerPpm = reporters, powerPpm
	if err := k.Prices.Set(ctx, pair.Id, ps); err != nil {
		return err
	}
	slot := uint64(height) % uint64(params.HistoryBlocks)
	if err := k.History.Set(ctx, collections.Join(pair.Id, slot), types.PricePoint{Height: height, PriceQuantums: price, BlockTime: ctx.BlockTime()}); err != nil {
		return err
	}
	return ctx.EventManager().EmitTypedEvent(&types.EventPriceUpdate{
		Pair: pair.Name(), Price: types.FormatPrice(price, pair.Decimals), Reporters: reporters,
		ReportingPowerPpm: powerPpm, Halted: isHalted(ps, height),
	})
}

// sampleVolatility updates the pair's realised variance for a new price at height. With vol_sample_blocks = 0 every
// update is a sample (the return since the previous price). Otherwise the variance moves only once at least
// vol_sample_blocks blocks have passed since the last sample (the anchor), with the simple return since the anchor,
// and the new price becomes the anchor: volatility is measured over hours (≈ 1 h per sample by default), so a
// single block's jump moves it once, by one sample's weight (1 − λ), never block after block. The first price (or
// a height below the anchor, after a zero-height export) only sets the anchor. A longer gap (the pair not priced
// for several sample spans) still counts as one sample: the margin errs high after an outage.
func sampleVolatility(ps *types.PriceState, pair types.CurrencyPair, price uint64, height int64) {
	if ps.Variance.IsNil() {
		ps.Variance = math.LegacyZeroDec()
	}
	if pair.VolSampleBlocks == 0 {
		ps.Variance = types.UpdateVariance(ps.Variance, ps.PriceQuantums, price, pair.EwmaLambdaPpm)
		ps.VolAnchorPrice, ps.VolAnchorHeight = price, height
		return
	}
	switch {
	case ps.VolAnchorPrice == 0 || height < ps.VolAnchorHeight:
		ps.VolAnchorPrice, ps.VolAnchorHeight = price, height
	case uint64(height-ps.VolAnchorHeight) >= pair.VolSampleBlocks:
		ps.Variance = types.UpdateVariance(ps.Variance, ps.VolAnchorPrice, price, pair.EwmaLambdaPpm)
		ps.VolAnchorPrice, ps.VolAnchorHeight = price, height
	}
}

// referencePrice is the median of the pair's stored prices from the last reference_window_blocks blocks before
// height (0 when there are none). Work is bounded by reference_window_blocks ≤ history_blocks.
func (k *Keeper) referencePrice(ctx context.Context, params types.Params, pair types.CurrencyPair, height int64) (uint64, error) {
	window := int64(pair.ReferenceWindowBlocks)
	if window > int64(params.HistoryBlocks) {
		window = int64(params.HistoryBlocks)
	}
	prices := make([]uint64, 0, window)
	for h := height - 1; h >= height-window && h > 0; h-- {
		pt, err := k.History.Get(ctx, collections.Join(pair.Id, uint64(h)%uint64(params.HistoryBlocks)))
		if err != nil {
			continue // no price stored for that height (or the slot holds an older one): skip it
		}
		if pt.Height == h {
			prices = append(prices, pt.PriceQuantums)
		}
	}
	ref, _ := types.Median(prices)
	return ref, nil
}

// HistoryOf returns a pair's stored prices, newest first, within the last history_blocks at height.
func (k *Keeper) HistoryOf(ctx context.Context, pairID uint32, height int64) ([]types.PricePoint, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	var points []types.PricePoint
	rng := collections.NewPrefixedPairRange[uint32, uint64](pairID)
	err = k.History.Walk(ctx, rng, func(_ HistoryKey, pt types.PricePoint) (bool, error) {
		if height-pt.Height < int64(params.HistoryBlocks) {
			points = append(points, pt)
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	sortPointsNewestFirst(points)
	return points, nil
}
