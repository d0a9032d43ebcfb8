// Package keeper holds the set of disabled message types and implements baseapp's CircuitBreaker.
package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/circuit/types"
)

// MsgTypeResolver reports whether a type URL names a registered message; the app's msg router implements it.
type MsgTypeResolver func(typeURL string) bool

// Keeper stores the disabled message type URLs.
type Keeper struct {
	authority    string
	isKnownMsg   MsgTypeResolver
	Schema       collections.Schema
	DisabledList collections.KeySet[string]
}

// NewKeeper builds the circuit keeper; authority (the gov account) is the only one allowed to trip or reset.
func NewKeeper(storeService store.KVStoreService, authority string, isKnownMsg MsgTypeResolver) *Keeper {
	sb := collections.NewSchemaBuilder(storeService)
	k := &Keeper{
		authority:    authority,
		isKnownMsg:   isKnownMsg,
		DisabledList: collections.NewKeySet(sb, types.DisabledListPrefix, "disabled_list", collections.StringKey),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// IsAllowed implements baseapp.CircuitBreaker: a message type is allowed unless it is in the disabled list.
func (k *Keeper) IsAllowed(ctx context.Context, typeURL string) (bool, error) {
	disabled, err := k.DisabledList.Has(ctx, typeURL)
	return !disabled, err
}

// checkAuthority rejects signers other than the authority.
func (k *Keeper) checkAuthority(signer string) error {
	if signer != k.authority {
		return errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", k.authority, signer)
	}
	return nil
}

// trip disables each type URL. It validates the whole list first (so a refused URL disables nothing), refusing
// protected types (governance's own messages, authz exec and the circuit's trip/reset, which would lock the brake
// on) and types the message router does not know.
func (k *Keeper) trip(ctx context.Context, urls []string) error {
	for _, u := range urls {
		if types.IsProtectedTypeURL(u) {
			return errorsmod.Wrapf(types.ErrProtectedMsg, "%s cannot be disabled", u)
		}
		if k.isKnownMsg != nil && !k.isKnownMsg(u) {
			return errorsmod.Wrapf(types.ErrInvalidTypeURL, "%s is not a registered message", u)
		}
	}
	for _, u := range urls {
		if err := k.DisabledList.Set(ctx, u); err != nil {
			return err
		}
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCircuitTripped{MsgTypeUrl: u}); err != nil {
			return err
		}
	}
	return nil
}

// reset re-enables each type URL.
func (k *Keeper) reset(ctx context.Context, urls []string) error {
	for _, u := range urls {
		if err := k.DisabledList.Remove(ctx, u); err != nil {
			return err
		}
		if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventCircuitReset{MsgTypeUrl: u}); err != nil {
			return err
		}
	}
	return nil
}

// InitGenesis loads the disabled list.
func (k *Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	for _, u := range gs.DisabledTypeUrls {
		if err := k.DisabledList.Set(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// DisabledTypeURLs returns the disabled list in sorted (store) order.
func (k *Keeper) DisabledTypeURLs(ctx context.Context) ([]string, error) {
	out := []string{}
	err := k.DisabledList.Walk(ctx, nil, func(u string) (bool, error) {
		out = append(out, u)
		return false, nil
	})
	return out, err
}
