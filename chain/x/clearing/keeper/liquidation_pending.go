package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// Work in progress (liquidation engine): these handlers answer Unimplemented until the engine lands.

func (s msgServer) Liquidate(context.Context, *types.MsgLiquidate) (*types.MsgLiquidateResponse, error) {
	return nil, status.Error(codes.Unimplemented, "liquidation engine not yet enabled")
}

func (q queryServer) InsuranceFund(context.Context, *types.QueryInsuranceFundRequest) (*types.QueryInsuranceFundResponse, error) {
	return nil, status.Error(codes.Unimplemented, "liquidation engine not yet enabled")
}

func (q queryServer) AdlRank(context.Context, *types.QueryAdlRankRequest) (*types.QueryAdlRankResponse, error) {
	return nil, status.Error(codes.Unimplemented, "liquidation engine not yet enabled")
}
