package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// InsuranceFund implements types.QueryServer: the fund's cash, its backstop subaccount and recent flows.
func (q queryServer) InsuranceFund(ctx context.Context, _ *types.QueryInsuranceFundRequest) (*types.QueryInsuranceFundResponse, error) {
	balance, err := q.k.InsuranceFund.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	sa, err := q.k.GetSubaccount(ctx, BackstopAddress(), 0)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	h, err := q.k.Health(ctx, sa)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	flows, err := q.k.RecentInsuranceFlows(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryInsuranceFundResponse{Balance: balance, Backstop: q.k.HealthView(ctx, sa, h), RecentFlows: flows}, nil
}

// AdlRank implements types.QueryServer: the position's ADL score and its rank among the (at most adl_scan_limit)
// positions on its side that ADL would consider, exactly as EndBlock ranks them.
func (q queryServer) AdlRank(goCtx context.Context, req *types.QueryAdlRankRequest) (*types.QueryAdlRankResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	sa, err := q.loadSubaccount(goCtx, req.Owner, req.Number)
	if err != nil {
		return nil, err
	}
	ctx := sdk.UnwrapSDKContext(goCtx)
	market, err := q.k.GetMarket(ctx, req.MarketId)
	if err != nil {
		return nil, status.Error(codes.NotFound, err.Error())
	}
	i := sa.PositionIndex(market.Id)
	if i < 0 {
		return nil, status.Error(codes.NotFound, types.ErrNoPosition.Error())
	}
	_, markets, err := q.k.marginInputs(ctx, sa, market.Id)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	res := &types.QueryAdlRankResponse{ScorePpm: math.ZeroInt()}
	score, eligible := margin.AdlScore(accountOf(sa), markets, market.Id)
	res.Eligible, res.ScorePpm = eligible, score
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	ranked, err := q.k.rankAdl(ctx, market, sa.Positions[i].Size_.IsPositive(), params.AdlLimit())
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	res.Ranked = uint32(len(ranked))
	owner := sdk.MustAccAddressFromBech32(req.Owner)
	key := collections.Join(owner, req.Number)
	for n, c := range ranked {
		if compareKeys(c.key, key) == 0 {
			res.Rank = uint32(n + 1)
		}
	}
	return res, nil
}
