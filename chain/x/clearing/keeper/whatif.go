package keeper

import (
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// WhatIf applies hypothetical fills to a subaccount through settlement's own path (funding settled, then
// margin.SettleSide per fill with its fee) in a throwaway branch of ctx, and returns the subaccount after them and
// whether settlement's margin rules accept every step. Nothing is written.
func (k *Keeper) WhatIf(ctx sdk.Context, sa types.Subaccount, fills []types.HypotheticalFill) (types.Subaccount, bool, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return sa, false, status.Error(codes.Internal, err.Error())
	}
	branch, _ := ctx.CacheContext() // settleFunding writes the pool: keep it in a branch that is never written
	after := sa
	after.Positions = append([]types.Position(nil), sa.Positions...)
	if err := k.settleFunding(branch, &after); err != nil {
		return sa, false, status.Error(codes.Internal, err.Error())
	}
	meets := true
	for _, hf := range fills {
		m, err := k.GetMarket(branch, hf.MarketId)
		if err != nil {
			return sa, false, status.Error(codes.NotFound, err.Error())
		}
		_, markets, err := k.marginInputs(branch, after, m.Id)
		if err != nil {
			return sa, false, status.Error(codes.FailedPrecondition, err.Error())
		}
		fee := m.MakerFeePpm
		if hf.IsTaker {
			fee = m.TakerFeePpm
		}
		out := margin.SettleSide(margin.FillSide{Account: accountOf(after), Delta: signedDelta(hf.Side, math.NewIntFromUint64(hf.Size_)), FeePpm: fee},
			margin.FillTerms{MarketID: m.Id, Price: hf.Price, MaxPositions: params.MaxPositionsPerSubaccount}, markets)
		if out.Verdict == margin.VerdictTooManyPositions {
			return sa, false, status.Error(codes.InvalidArgument, types.ErrTooManyPositions.Error())
		}
		meets = meets && out.Verdict == margin.VerdictOK
		after = withAccount(after, out.Account)
	}
	return after, meets, nil
}
