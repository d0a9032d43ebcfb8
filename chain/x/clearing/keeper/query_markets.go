package keeper

import (
	"context"
	"encoding/hex"
	"errors"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// marketView renders a market with its state, effective status and oracle price.
func (k *Keeper) marketView(ctx context.Context, m types.Market) (types.MarketView, error) {
	st, err := k.getMarketState(ctx, m)
	if err != nil {
		return types.MarketView{}, err
	}
	price, _, _ := k.oracle.GetPrice(ctx, m.PairId) // 0 when never priced
	return types.MarketView{Market: m, State: st, EffectiveStatus: k.EffectiveStatus(ctx, m), OraclePrice: price}, nil
}

// Markets implements types.QueryServer.
func (q queryServer) Markets(ctx context.Context, _ *types.QueryMarketsRequest) (*types.QueryMarketsResponse, error) {
	out := []types.MarketView{}
	err := q.k.Markets.Walk(ctx, nil, func(_ uint32, m types.Market) (bool, error) {
		v, err := q.k.marketView(ctx, m)
		out = append(out, v)
		return false, err
	})
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryMarketsResponse{Markets: out}, nil
}

// Market implements types.QueryServer.
func (q queryServer) Market(ctx context.Context, req *types.QueryMarketRequest) (*types.QueryMarketResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	m, err := q.k.GetMarket(ctx, req.Id)
	if err != nil {
		return nil, status.Error(codes.NotFound, err.Error())
	}
	v, err := q.k.marketView(ctx, m)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryMarketResponse{Market: v}, nil
}

// loadSubaccount parses and loads a subaccount for a query.
func (q queryServer) loadSubaccount(ctx context.Context, ownerStr string, number uint32) (types.Subaccount, error) {
	owner, err := sdk.AccAddressFromBech32(ownerStr)
	if err != nil {
		return types.Subaccount{}, status.Errorf(codes.InvalidArgument, "invalid owner address %q: %s", ownerStr, err.Error())
	}
	if err := types.ValidateSubaccountNumber(number); err != nil {
		return types.Subaccount{}, status.Error(codes.InvalidArgument, err.Error())
	}
	return q.k.GetSubaccount(ctx, owner, number)
}

// SubaccountHealth implements types.QueryServer.
func (q queryServer) SubaccountHealth(ctx context.Context, req *types.QuerySubaccountHealthRequest) (*types.QuerySubaccountHealthResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	sa, err := q.loadSubaccount(ctx, req.Owner, req.Number)
	if err != nil {
		return nil, err
	}
	h, err := q.k.Health(ctx, sa)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	return &types.QuerySubaccountHealthResponse{Health: q.k.HealthView(ctx, sa, h)}, nil
}

// OrderFill implements types.QueryServer.
func (q queryServer) OrderFill(ctx context.Context, req *types.QueryOrderFillRequest) (*types.QueryOrderFillResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	hash, err := hex.DecodeString(req.OrderHash)
	if err != nil || len(hash) != 32 {
		return nil, status.Error(codes.InvalidArgument, "order_hash must be 64 hex characters")
	}
	st, err := q.k.OrderFills.Get(ctx, hash)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryOrderFillResponse{State: st}, nil
}

// WhatIf implements types.QueryServer: hypothetical fills are applied in memory (funding settled, fees charged)
// and the health before and after is returned; no state changes.
func (q queryServer) WhatIf(ctx context.Context, req *types.QueryWhatIfRequest) (*types.QueryWhatIfResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if len(req.Fills) > 100 {
		return nil, status.Error(codes.InvalidArgument, "at most 100 hypothetical fills")
	}
	sa, err := q.loadSubaccount(ctx, req.Owner, req.Number)
	if err != nil {
		return nil, err
	}
	before, err := q.k.Health(ctx, sa)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	for _, hf := range req.Fills {
		if hf.Size_ == 0 || hf.Price == 0 || (hf.Side != types.SIDE_BUY && hf.Side != types.SIDE_SELL) {
			return nil, status.Error(codes.InvalidArgument, "fills need a side, a positive size and a positive price")
		}
	}
	after, meets, err := q.k.WhatIf(sdk.UnwrapSDKContext(ctx), sa, req.Fills)
	if err != nil {
		return nil, err
	}
	afterHealth, err := q.k.Health(ctx, after)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	return &types.QueryWhatIfResponse{
		Before: q.k.HealthView(ctx, sa, before), After: q.k.HealthView(ctx, after, afterHealth),
		MeetsInitialMargin: meets,
	}, nil
}
