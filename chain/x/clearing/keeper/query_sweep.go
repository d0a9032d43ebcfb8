package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// entryView renders a subaccount's liquidatable entry (equity and MM at the current prices).
func (q queryServer) entryView(ctx context.Context, env *sweepEnv, key SubaccountKey) (types.LiquidatableEntry, error) {
	e, err := q.k.liquidatableEntry(ctx, env, key)
	if err != nil {
		return types.LiquidatableEntry{}, err
	}
	queued, err := q.k.Deferred.Has(ctx, key)
	if err != nil {
		return types.LiquidatableEntry{}, err
	}
	return types.LiquidatableEntry{Owner: key.K1().String(), Number: key.K2(), Equity: e.Equity, MaintenanceMargin: e.MaintenanceMargin, Queued: queued}, nil
}

// Liquidatable implements types.QueryServer: the sweep's Liquidatable set in store order (owner, number),
// paginated (capped at max_query_page_size), each with equity and MM at the current prices.
func (q queryServer) Liquidatable(ctx context.Context, req *types.QueryLiquidatableRequest) (*types.QueryLiquidatableResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	env := newSweepEnv()
	entries, page, err := query.CollectionPaginate(ctx, q.k.Liquidatable, capPageRequest(req.Pagination, uint64(params.MaxQueryPageSize)),
		func(key SubaccountKey, _ collections.NoValue) (types.LiquidatableEntry, error) {
			return q.entryView(ctx, env, key)
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryLiquidatableResponse{Subaccounts: entries, Pagination: page}, nil
}

// LiquidatableFullScan implements types.QueryServer: the debug reference for the sweep. It evaluates every
// subaccount of the requested page of the subaccount store (capped at max_query_page_size) with the sweep's rule
// and returns the liquidatable ones; paging through the whole store reproduces FullScanLiquidatable.
func (q queryServer) LiquidatableFullScan(ctx context.Context, req *types.QueryLiquidatableFullScanRequest) (*types.QueryLiquidatableFullScanResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	env := newSweepEnv()
	// The transform runs on every subaccount of the page (and, with a key, on the next page's first one, which
	// the results leave out), so results are collected from its return values only.
	type scanned struct {
		entry        types.LiquidatableEntry
		liquidatable bool
	}
	results, page, err := query.CollectionPaginate(ctx, q.k.Subaccounts, capPageRequest(req.Pagination, uint64(params.MaxQueryPageSize)),
		func(key SubaccountKey, sa types.Subaccount) (scanned, error) {
			ev, err := q.k.evaluate(ctx, env, sa)
			if err != nil || ev.verdict != verdictLiquidatable {
				return scanned{}, err
			}
			queued, err := q.k.Deferred.Has(ctx, key)
			if err != nil {
				return scanned{}, err
			}
			r := ev.bands.Requirements
			return scanned{liquidatable: true, entry: types.LiquidatableEntry{Owner: sa.Owner, Number: sa.Number,
				Equity: r.Equity, MaintenanceMargin: r.MaintenanceMargin, Queued: queued}}, nil
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	found := []types.LiquidatableEntry{}
	for _, r := range results {
		if r.liquidatable {
			found = append(found, r.entry)
		}
	}
	return &types.QueryLiquidatableFullScanResponse{Subaccounts: found, Pagination: page}, nil
}

// LiquidationQueue implements types.QueryServer: the deferred queue in processing order, paginated.
func (q queryServer) LiquidationQueue(ctx context.Context, req *types.QueryLiquidationQueueRequest) (*types.QueryLiquidationQueueResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	env := newSweepEnv()
	entries, page, err := query.CollectionPaginate(ctx, q.k.DeferredQueue, capPageRequest(req.Pagination, uint64(params.MaxQueryPageSize)),
		func(key DeferredQueueKey, _ collections.NoValue) (types.LiquidatableEntry, error) {
			return q.entryView(ctx, env, collections.Join(key.K2(), key.K3()))
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryLiquidationQueueResponse{Subaccounts: entries, Pagination: page}, nil
}
