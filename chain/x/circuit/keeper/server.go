package keeper

import (
	"context"

	"github.com/clearchain/clearchain/chain/x/circuit/types"
)

type msgServer struct{ k *Keeper }

// NewMsgServerImpl returns the circuit Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

// TripCircuitBreaker implements types.MsgServer.
func (s msgServer) TripCircuitBreaker(ctx context.Context, msg *types.MsgTripCircuitBreaker) (*types.MsgTripCircuitBreakerResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := types.ValidateTypeURLs(msg.MsgTypeUrls); err != nil {
		return nil, err
	}
	if err := s.k.trip(ctx, msg.MsgTypeUrls); err != nil {
		return nil, err
	}
	return &types.MsgTripCircuitBreakerResponse{}, nil
}

// ResetCircuitBreaker implements types.MsgServer.
func (s msgServer) ResetCircuitBreaker(ctx context.Context, msg *types.MsgResetCircuitBreaker) (*types.MsgResetCircuitBreakerResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := types.ValidateTypeURLs(msg.MsgTypeUrls); err != nil {
		return nil, err
	}
	if err := s.k.reset(ctx, msg.MsgTypeUrls); err != nil {
		return nil, err
	}
	return &types.MsgResetCircuitBreakerResponse{}, nil
}

type queryServer struct{ k *Keeper }

// NewQueryServer returns the circuit Query service.
func NewQueryServer(k *Keeper) types.QueryServer { return queryServer{k: k} }

// DisabledList implements types.QueryServer.
func (q queryServer) DisabledList(ctx context.Context, _ *types.QueryDisabledListRequest) (*types.QueryDisabledListResponse, error) {
	urls, err := q.k.DisabledTypeURLs(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryDisabledListResponse{DisabledList: urls}, nil
}
