package keeper

import (
	"context"

	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServer returns the clearing Query service backed by the keeper.
func NewQueryServer(k *Keeper) types.QueryServer { return queryServer{k: k} }

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryParamsResponse{Params: params}, nil
}

// Subaccount implements types.QueryServer; an unknown subaccount is returned with zero collateral.
func (q queryServer) Subaccount(ctx context.Context, req *types.QuerySubaccountRequest) (*types.QuerySubaccountResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := sdk.AccAddressFromBech32(req.Owner)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "invalid owner address %q: %s", req.Owner, err.Error())
	}
	if err := types.ValidateSubaccountNumber(req.Number); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	sa, err := q.k.GetSubaccount(ctx, owner, req.Number)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QuerySubaccountResponse{
		Subaccount: sa, Owner: sa.Owner, Number: sa.Number, Collateral: sa.Collateral, Denom: params.CollateralDenom,
	}, nil
}

// SubaccountsByOwner implements types.QueryServer with pagination capped at params.max_query_page_size.
func (q queryServer) SubaccountsByOwner(ctx context.Context, req *types.QuerySubaccountsByOwnerRequest) (*types.QuerySubaccountsByOwnerResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := sdk.AccAddressFromBech32(req.Owner)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "invalid owner address %q: %s", req.Owner, err.Error())
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	pageReq := capPageRequest(req.Pagination, uint64(params.MaxQueryPageSize))
	subaccounts, pageRes, err := query.CollectionPaginate(ctx, q.k.Subaccounts, pageReq,
		func(_ SubaccountKey, sa types.Subaccount) (types.Subaccount, error) { return sa, nil },
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint32](owner),
	)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QuerySubaccountsByOwnerResponse{Subaccounts: subaccounts, Pagination: pageRes}, nil
}

// capPageRequest returns a copy of req whose limit is at most maxLimit (and maxLimit when unset).
func capPageRequest(req *query.PageRequest, maxLimit uint64) *query.PageRequest {
	out := &query.PageRequest{}
	if req != nil {
		*out = *req
	}
	if out.Limit == 0 || out.Limit > maxLimit {
		out.Limit = maxLimit
	}
	return out
}
