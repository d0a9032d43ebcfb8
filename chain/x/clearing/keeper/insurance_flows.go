package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Insurance flow reasons (InsuranceFlow.reason).
const (
	flowTradingFees     = "trading_fees"
	flowLiquidationFee  = "liquidation_fee"
	flowBadDebt         = "bad_debt"
	flowBackstopMargin  = "backstop_margin"
	flowBackstopRelease = "backstop_release"
)

// recordInsuranceFlow appends a flow to the ring (the oldest of InsuranceFlowSlots is overwritten) and moves the
// checkpoint by it, so EndBlock's fee inflow excludes what was recorded here. A zero amount records nothing.
func (k *Keeper) recordInsuranceFlow(ctx context.Context, amount math.Int, reason string) error {
	if amount.IsZero() {
		return nil
	}
	seq, err := k.InsuranceFlowSeq.Next(ctx)
	if err != nil {
		return err
	}
	flow := types.InsuranceFlow{Height: sdk.UnwrapSDKContext(ctx).BlockHeight(), Amount: amount, Reason: reason}
	if err := k.InsuranceFlows.Set(ctx, seq%types.InsuranceFlowSlots, flow); err != nil {
		return err
	}
	cp, err := k.insuranceCheckpoint(ctx)
	if err != nil {
		return err
	}
	return k.InsuranceCheckpoint.Set(ctx, cp.Add(amount))
}

// insuranceCheckpoint returns the checkpoint (InitGenesis sets it to the genesis fund balance; 0 if absent).
func (k *Keeper) insuranceCheckpoint(ctx context.Context) (math.Int, error) {
	cp, err := k.InsuranceCheckpoint.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return cp, err
}

// recordBlockFeeInflow records the fund's growth since the checkpoint that no recorded flow explains (the
// insurance share of this block's trading fees) and resets the checkpoint to the balance. Once per EndBlock.
func (k *Keeper) recordBlockFeeInflow(ctx context.Context) error {
	balance, err := k.InsuranceFund.Get(ctx)
	if err != nil {
		return err
	}
	cp, err := k.insuranceCheckpoint(ctx)
	if err != nil {
		return err
	}
	if delta := balance.Sub(cp); !delta.IsZero() {
		if err := k.recordInsuranceFlow(ctx, delta, flowTradingFees); err != nil {
			return err
		}
	}
	return k.InsuranceCheckpoint.Set(ctx, balance)
}

// RecentInsuranceFlows returns the ring's flows, newest first.
func (k *Keeper) RecentInsuranceFlows(ctx context.Context) ([]types.InsuranceFlow, error) {
	next, err := k.InsuranceFlowSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	out := []types.InsuranceFlow{}
	for i := uint64(0); i < types.InsuranceFlowSlots && i < next; i++ {
		flow, err := k.InsuranceFlows.Get(ctx, (next-1-i)%types.InsuranceFlowSlots)
		if err != nil {
			return nil, err
		}
		out = append(out, flow)
	}
	return out, nil
}
