package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

type queryServer struct{ k *Keeper }

// NewQueryServer returns the oracle Query service.
func NewQueryServer(k *Keeper) types.QueryServer { return queryServer{k: k} }

// zeroDec returns a zero LegacyDec.
func zeroDec() math.LegacyDec { return math.LegacyZeroDec() }

// PriceView renders a pair's state for clients at the context height.
func (k *Keeper) PriceView(ctx context.Context, pair types.CurrencyPair) (types.PriceView, error) {
	ps, err := k.getPriceState(ctx, pair.Id)
	if err != nil {
		return types.PriceView{}, err
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	return types.PriceView{
		Pair: pair.Name(), Price: types.FormatPrice(ps.PriceQuantums, pair.Decimals), PriceQuantums: ps.PriceQuantums,
		Decimals: pair.Decimals, Height: ps.Height, BlockTime: ps.BlockTime,
		Stale: isStale(pair, ps, height), Halted: isHalted(ps, height),
		Volatility: types.Volatility(ps.Variance).String(), HaltedUntilHeight: ps.HaltedUntilHeight, Reporters: ps.Reporters,
	}, nil
}

// Prices implements types.QueryServer.
func (q queryServer) Prices(ctx context.Context, _ *types.QueryPricesRequest) (*types.QueryPricesResponse, error) {
	pairs, err := q.k.AllPairs(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	out := make([]types.PriceView, 0, len(pairs))
	for _, p := range pairs {
		v, err := q.k.PriceView(ctx, p)
		if err != nil {
			return nil, status.Error(codes.Internal, err.Error())
		}
		out = append(out, v)
	}
	return &types.QueryPricesResponse{Prices: out, Height: sdk.UnwrapSDKContext(ctx).BlockHeight()}, nil
}

// Price implements types.QueryServer.
func (q queryServer) Price(ctx context.Context, req *types.QueryPriceRequest) (*types.QueryPriceResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	pair, err := q.k.GetPairByName(ctx, types.PairName(req.Base, req.Quote))
	if err != nil {
		return nil, status.Error(codes.NotFound, err.Error())
	}
	v, err := q.k.PriceView(ctx, pair)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryPriceResponse{Price: v}, nil
}

// PriceHistory implements types.QueryServer.
func (q queryServer) PriceHistory(ctx context.Context, req *types.QueryPriceHistoryRequest) (*types.QueryPriceHistoryResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	pair, err := q.k.GetPairByName(ctx, types.PairName(req.Base, req.Quote))
	if err != nil {
		return nil, status.Error(codes.NotFound, err.Error())
	}
	points, err := q.k.HistoryOf(ctx, pair.Id, sdk.UnwrapSDKContext(ctx).BlockHeight())
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryPriceHistoryResponse{Pair: pair.Name(), Points: points, Decimals: pair.Decimals}, nil
}

// Pairs implements types.QueryServer.
func (q queryServer) Pairs(ctx context.Context, _ *types.QueryPairsRequest) (*types.QueryPairsResponse, error) {
	pairs, err := q.k.AllPairs(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryPairsResponse{Pairs: pairs}, nil
}

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
