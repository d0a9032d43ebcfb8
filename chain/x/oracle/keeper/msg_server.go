package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

type msgServer struct{ k *Keeper }

// NewMsgServerImpl returns the oracle Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

// checkAuthority rejects signers other than the governance account.
func (k *Keeper) checkAuthority(signer string) error {
	if signer != k.authority {
		return errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", k.authority, signer)
	}
	return nil
}

// UpsertPair implements types.MsgServer.
func (s msgServer) UpsertPair(ctx context.Context, msg *types.MsgUpsertPair) (*types.MsgUpsertPairResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	id, err := s.k.UpsertPair(ctx, msg.Pair)
	if err != nil {
		return nil, err
	}
	return &types.MsgUpsertPairResponse{Id: id}, nil
}

// UpsertPair lists a new pair (fresh id) or replaces the definition of an existing BASE/QUOTE (same id). The
// decimals of a pair a market uses cannot change (ErrPairInUse); disabling it is allowed (its markets go
// reduce-only as its price goes stale).
func (k *Keeper) UpsertPair(ctx context.Context, pair types.CurrencyPair) (uint32, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, err
	}
	if err := pair.Validate(params.HistoryBlocks); err != nil {
		return 0, err
	}
	id, err := k.PairIDs.Get(ctx, pair.Name())
	switch {
	case errors.Is(err, collections.ErrNotFound):
		count := uint32(0)
		if err := k.Pairs.Walk(ctx, nil, func(uint32, types.CurrencyPair) (bool, error) { count++; return false, nil }); err != nil {
			return 0, err
		}
		if count >= params.MaxPairs {
			return 0, errorsmod.Wrapf(types.ErrTooManyPairs, "max_pairs is %d", params.MaxPairs)
		}
		next, err := k.NextPairID.Next(ctx)
		if err != nil {
			return 0, err
		}
		id = uint32(next)
	case err != nil:
		return 0, err
	default:
		if err := k.checkDecimalsChange(ctx, id, pair.Decimals); err != nil {
			return 0, err
		}
	}
	pair.Id = id
	if err := k.Pairs.Set(ctx, id, pair); err != nil {
		return 0, err
	}
	return id, k.PairIDs.Set(ctx, pair.Name(), id)
}

// SetPairHalt implements types.MsgServer.
func (s msgServer) SetPairHalt(ctx context.Context, msg *types.MsgSetPairHalt) (*types.MsgSetPairHaltResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	pair, err := s.k.GetPairByName(ctx, msg.Pair)
	if err != nil {
		return nil, err
	}
	ps, err := s.k.getPriceState(ctx, pair.Id)
	if err != nil {
		return nil, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	ps.HaltedByGovernance = msg.Halted
	if msg.Halted {
		err = sdkCtx.EventManager().EmitTypedEvent(&types.EventPairHalted{Pair: pair.Name(), Reason: "governance",
			Price: types.FormatPrice(ps.PriceQuantums, pair.Decimals)})
	} else {
		ps.HaltedUntilHeight = 0 // resuming also clears a band halt
		err = sdkCtx.EventManager().EmitTypedEvent(&types.EventPairResumed{Pair: pair.Name()})
	}
	if err != nil {
		return nil, err
	}
	if ps.Variance.IsNil() {
		ps.Variance = zeroDec()
	}
	return &types.MsgSetPairHaltResponse{}, s.k.Prices.Set(ctx, pair.Id, ps)
}

// UpdateParams implements types.MsgServer. Pairs whose reference window would exceed the new history length
// are rejected so every stored pair stays valid.
func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	pairs, err := s.k.AllPairs(ctx)
	if err != nil {
		return nil, err
	}
	if uint32(len(pairs)) > msg.Params.MaxPairs {
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "%d pairs are listed, max_pairs %d is too small", len(pairs), msg.Params.MaxPairs)
	}
	for _, p := range pairs {
		if p.ReferenceWindowBlocks > msg.Params.HistoryBlocks {
			return nil, errorsmod.Wrapf(types.ErrInvalidParams, "pair %s needs history_blocks ≥ %d", p.Name(), p.ReferenceWindowBlocks)
		}
	}
	return &types.MsgUpdateParamsResponse{}, s.k.Params.Set(ctx, msg.Params)
}
