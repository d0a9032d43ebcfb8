// Package keeper holds the oracle's pairs, prices, guards and history, and applies validator votes.
package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// HistoryKey is the collections key of a history entry: (pair id, ring slot).
type HistoryKey = collections.Pair[uint32, uint64]

// Keeper owns the oracle state.
type Keeper struct {
	authority string
	pairUsage types.PairUsage // optional (nil: no module depends on pairs)

	// Schema is the collections schema.
	Schema collections.Schema
	// Params holds the global parameters.
	Params collections.Item[types.Params]
	// Pairs holds pair definitions by id.
	Pairs collections.Map[uint32, types.CurrencyPair]
	// PairIDs indexes pair ids by "BASE/QUOTE".
	PairIDs collections.Map[string, uint32]
	// NextPairID is the id of the next listed pair.
	NextPairID collections.Sequence
	// Prices holds each pair's current state.
	Prices collections.Map[uint32, types.PriceState]
	// History is each pair's ring buffer of the last history_blocks prices.
	History collections.Map[HistoryKey, types.PricePoint]
}

// NewKeeper builds the oracle keeper; authority is the governance account.
func NewKeeper(cdc codec.BinaryCodec, storeService store.KVStoreService, authority string) *Keeper {
	if _, err := sdk.AccAddressFromBech32(authority); err != nil {
		panic(fmt.Sprintf("invalid oracle authority %q: %s", authority, err.Error()))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := &Keeper{
		authority:  authority,
		Params:     collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Pairs:      collections.NewMap(sb, types.PairsKey, "pairs", collections.Uint32Key, codec.CollValue[types.CurrencyPair](cdc)),
		PairIDs:    collections.NewMap(sb, types.PairIDsKey, "pair_ids", collections.StringKey, collections.Uint32Value),
		NextPairID: collections.NewSequence(sb, types.NextPairIDKey, "next_pair_id"),
		Prices:     collections.NewMap(sb, types.PricesKey, "prices", collections.Uint32Key, codec.CollValue[types.PriceState](cdc)),
		History: collections.NewMap(sb, types.HistoryKey, "history",
			collections.PairKeyCodec(collections.Uint32Key, collections.Uint64Key), codec.CollValue[types.PricePoint](cdc)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the governance account.
func (k *Keeper) Authority() string { return k.authority }

// GetPairByName returns the pair "BASE/QUOTE".
func (k *Keeper) GetPairByName(ctx context.Context, name string) (types.CurrencyPair, error) {
	id, err := k.PairIDs.Get(ctx, name)
	if errors.Is(err, collections.ErrNotFound) {
		return types.CurrencyPair{}, errorsmod.Wrapf(types.ErrPairNotFound, "%s", name)
	}
	if err != nil {
		return types.CurrencyPair{}, err
	}
	return k.Pairs.Get(ctx, id)
}

// AllPairs returns every pair in id order.
func (k *Keeper) AllPairs(ctx context.Context) ([]types.CurrencyPair, error) {
	var out []types.CurrencyPair
	err := k.Pairs.Walk(ctx, nil, func(_ uint32, p types.CurrencyPair) (bool, error) {
		out = append(out, p)
		return false, nil
	})
	return out, err
}

// EnabledPairSet returns the ids of enabled pairs (a lookup for vote-extension validation).
func (k *Keeper) EnabledPairSet(ctx context.Context) (map[uint32]types.CurrencyPair, error) {
	set := map[uint32]types.CurrencyPair{}
	err := k.Pairs.Walk(ctx, nil, func(id uint32, p types.CurrencyPair) (bool, error) {
		if p.Enabled {
			set[id] = p
		}
		return false, nil
	})
	return set, err
}

// getPriceState returns a pair's state, zero-valued when it has never been priced.
func (k *Keeper) getPriceState(ctx context.Context, pairID uint32) (types.PriceState, error) {
	ps, err := k.Prices.Get(ctx, pairID)
	if errors.Is(err, collections.ErrNotFound) {
		return types.PriceState{PairId: pairID}, nil
	}
	return ps, err
}
