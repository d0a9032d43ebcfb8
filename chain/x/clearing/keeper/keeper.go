// Package keeper holds the clearing module's state and the state transitions that move collateral.
package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// SubaccountKey is the collections key of a subaccount: (owner address bytes, number).
type SubaccountKey = collections.Pair[sdk.AccAddress, uint32]

// Keeper owns the clearing module's state: params and subaccounts.
type Keeper struct {
	cdc           codec.BinaryCodec
	storeService  store.KVStoreService
	bankKeeper    types.BankKeeper
	accountKeeper types.AccountKeeper
	oracle        types.OracleKeeper
	authority     string
	logger        log.Logger

	withdrawalHooks []types.WithdrawalHook

	// Schema is the collections schema of the module's store.
	Schema collections.Schema
	// Params holds the module parameters.
	Params collections.Item[types.Params]
	// Subaccounts holds every non-empty subaccount keyed by (owner, number).
	Subaccounts collections.Map[SubaccountKey, types.Subaccount]
	// Markets holds market definitions by id.
	Markets collections.Map[uint32, types.Market]
	// MarketStates holds each market's risk and funding state.
	MarketStates collections.Map[uint32, types.MarketState]
	// NextMarketID is the next market id.
	NextMarketID collections.Sequence
	// OrderFills tracks filled size per order hash until expiry.
	OrderFills collections.Map[[]byte, types.OrderFillState]
	// OrderExpiry indexes order hashes by good_til_block for bounded pruning, in buckets of hashes first recorded
	// together: key (good_til_block, the bucket's first hash), value the bucket's hashes (order_expiry.go).
	OrderExpiry collections.Map[collections.Pair[int64, []byte], []byte]
	// InsuranceFund is the insurance fund balance (held in the module account).
	InsuranceFund collections.Item[math.Int]
	// FeesAccrued are fees owed to the fee collector, paid at the end of the block.
	FeesAccrued collections.Item[math.Int]
	// FundingPool is funding paid minus funding received (signed).
	FundingPool collections.Item[math.Int]
	// Cancellations holds order cancellations keyed by (owner, order hash) until their good_til_block.
	Cancellations collections.Map[CancellationKey, types.OrderCancellation]
	// CancelExpiry indexes cancellations by (good_til_block, owner, order hash) for bounded pruning.
	CancelExpiry collections.KeySet[CancelExpiryKey]
	// SweepIndex files every healthy position under its band: (market_id×2 + side, trigger, owner, number).
	SweepIndex collections.KeySet[SweepIndexKey]
	// SweepRecheck holds subaccounts the sweep re-evaluates at a height: (height, owner, number).
	SweepRecheck collections.KeySet[SweepRecheckKey]
	// SweepFilings holds each subaccount's current sweep entries (derived state, not exported).
	SweepFilings collections.Map[SubaccountKey, SweepFiling]
	// Liquidatable is the set of subaccounts the sweep found liquidatable.
	Liquidatable collections.KeySet[SubaccountKey]
	// DeferredQueue orders the liquidatable subaccounts the per-block caps deferred: (sequence, owner, number).
	DeferredQueue collections.KeySet[DeferredQueueKey]
	// Deferred maps a deferred subaccount to its queue sequence.
	Deferred collections.Map[SubaccountKey, uint64]
	// DeferredSeq numbers the deferred queue.
	DeferredSeq collections.Sequence
	// InsuranceFlows is the ring of the latest InsuranceFlowSlots insurance fund flows (slot → flow).
	InsuranceFlows collections.Map[uint64, types.InsuranceFlow]
	// InsuranceFlowSeq numbers insurance flows.
	InsuranceFlowSeq collections.Sequence
	// InsuranceCheckpoint is the fund balance the next EndBlock compares with to record the block's fee inflow.
	InsuranceCheckpoint collections.Item[math.Int]
	// SweepRecovery files every liquidatable position under its recovery band (same key layout as SweepIndex).
	SweepRecovery collections.KeySet[SweepIndexKey]
	// LiquidatableCount is the size of the Liquidatable set.
	LiquidatableCount collections.Item[uint64]
	// DeferredCount is the size of the deferred queue.
	DeferredCount collections.Item[uint64]
	// LiquidatableFresh is the part of the Liquidatable set not in the deferred queue (Liquidatable ∖ Deferred): the
	// accounts EndBlock has not ordered yet, so that it never re-reads the whole set.
	LiquidatableFresh collections.KeySet[SubaccountKey]
}

// CancellationKey is the collections key of a cancellation: (owner address bytes, order hash).
type CancellationKey = collections.Pair[sdk.AccAddress, []byte]

// CancelExpiryKey is the collections key of the cancellation expiry index: (good_til_block, owner, order hash).
type CancelExpiryKey = collections.Triple[int64, sdk.AccAddress, []byte]

// NewKeeper builds the clearing keeper; authority is the only address allowed to update params.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService store.KVStoreService,
	accountKeeper types.AccountKeeper,
	bankKeeper types.BankKeeper,
	oracleKeeper types.OracleKeeper,
	authority string,
	logger log.Logger,
) *Keeper {
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("the x/%s module account has not been set", types.ModuleName))
	}
	if _, err := sdk.AccAddressFromBech32(authority); err != nil {
		panic(fmt.Sprintf("invalid clearing authority %q: %s", authority, err.Error()))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := &Keeper{
		cdc:           cdc,
		storeService:  storeService,
		bankKeeper:    bankKeeper,
		accountKeeper: accountKeeper,
		oracle:        oracleKeeper,
		authority:     authority,
		logger:        logger.With("module", "x/"+types.ModuleName),
		Params:        collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Subaccounts: collections.NewMap(sb, types.SubaccountsKeyPrefix, "subaccounts",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint32Key), codec.CollValue[types.Subaccount](cdc)),
		Markets:      collections.NewMap(sb, types.MarketsKeyPrefix, "markets", collections.Uint32Key, codec.CollValue[types.Market](cdc)),
		MarketStates: collections.NewMap(sb, types.MarketStatesKeyPrefix, "market_states", collections.Uint32Key, codec.CollValue[types.MarketState](cdc)),
		NextMarketID: collections.NewSequence(sb, types.NextMarketIDKey, "next_market_id"),
		OrderFills:   collections.NewMap(sb, types.OrderFillsKeyPrefix, "order_fills", collections.BytesKey, codec.CollValue[types.OrderFillState](cdc)),
		OrderExpiry: collections.NewMap(sb, types.OrderExpiryKeyPrefix, "order_expiry",
			collections.PairKeyCodec(collections.Int64Key, collections.BytesKey), collections.BytesValue),
		InsuranceFund: collections.NewItem(sb, types.InsuranceFundKey, "insurance_fund", sdk.IntValue),
		FeesAccrued:   collections.NewItem(sb, types.FeesAccruedKey, "fees_accrued", sdk.IntValue),
		FundingPool:   collections.NewItem(sb, types.FundingPoolKey, "funding_pool", sdk.IntValue),
		Cancellations: collections.NewMap(sb, types.CancellationsKeyPrefix, "cancellations",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.BytesKey), codec.CollValue[types.OrderCancellation](cdc)),
		CancelExpiry: collections.NewKeySet(sb, types.CancelExpiryKeyPrefix, "cancel_expiry",
			collections.TripleKeyCodec(collections.Int64Key, sdk.AccAddressKey, collections.BytesKey)),
		SweepIndex: collections.NewKeySet(sb, types.SweepIndexKeyPrefix, "sweep_index",
			collections.QuadKeyCodec(collections.Uint64Key, collections.Uint64Key, sdk.AccAddressKey, collections.Uint32Key)),
		SweepRecheck: collections.NewKeySet(sb, types.SweepRecheckKeyPrefix, "sweep_recheck",
			collections.TripleKeyCodec(collections.Int64Key, sdk.AccAddressKey, collections.Uint32Key)),
		SweepFilings: collections.NewMap(sb, types.SweepFilingsKeyPrefix, "sweep_filings",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint32Key), sweepFilingCodec{}),
		Liquidatable: collections.NewKeySet(sb, types.LiquidatableKeyPrefix, "liquidatable",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint32Key)),
		DeferredQueue: collections.NewKeySet(sb, types.DeferredQueueKeyPrefix, "deferred_queue",
			collections.TripleKeyCodec(collections.Uint64Key, sdk.AccAddressKey, collections.Uint32Key)),
		Deferred: collections.NewMap(sb, types.DeferredKeyPrefix, "deferred",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint32Key), collections.Uint64Value),
		DeferredSeq: collections.NewSequence(sb, types.DeferredSeqKey, "deferred_seq"),
		InsuranceFlows: collections.NewMap(sb, types.InsuranceFlowsKeyPrefix, "insurance_flows", collections.Uint64Key,
			codec.CollValue[types.InsuranceFlow](cdc)),
		InsuranceFlowSeq:    collections.NewSequence(sb, types.InsuranceFlowSeqKey, "insurance_flow_seq"),
		InsuranceCheckpoint: collections.NewItem(sb, types.InsuranceCheckpointKey, "insurance_checkpoint", sdk.IntValue),
		SweepRecovery: collections.NewKeySet(sb, types.SweepRecoveryKeyPrefix, "sweep_recovery",
			collections.QuadKeyCodec(collections.Uint64Key, collections.Uint64Key, sdk.AccAddressKey, collections.Uint32Key)),
		LiquidatableCount: collections.NewItem(sb, types.LiquidatableCountKey, "liquidatable_count", collections.Uint64Value),
		DeferredCount:     collections.NewItem(sb, types.DeferredCountKey, "deferred_count", collections.Uint64Value),
		LiquidatableFresh: collections.NewKeySet(sb, types.LiquidatableFreshKeyPrefix, "liquidatable_fresh",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint32Key)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the address allowed to update params (the gov module account by default).
func (k *Keeper) Authority() string { return k.authority }

// Logger returns the module logger.
func (k *Keeper) Logger() log.Logger { return k.logger }

// AddWithdrawalHook registers a hook consulted before every withdrawal, after the margin rule (checkCollateralLeaves).
func (k *Keeper) AddWithdrawalHook(h types.WithdrawalHook) {
	k.withdrawalHooks = append(k.withdrawalHooks, h)
}

// GetParams returns the current params.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

// GetSubaccount returns the subaccount, or an empty one (collateral 0) when it does not exist.
func (k *Keeper) GetSubaccount(ctx context.Context, owner sdk.AccAddress, number uint32) (types.Subaccount, error) {
	sa, _, err := k.lookupSubaccount(ctx, owner, number)
	return sa, err
}

// lookupSubaccount is GetSubaccount also reporting whether the subaccount is stored (only live ones are).
func (k *Keeper) lookupSubaccount(ctx context.Context, owner sdk.AccAddress, number uint32) (sa types.Subaccount, stored bool, err error) {
	sa, err = k.Subaccounts.Get(ctx, collections.Join(owner, number))
	if errors.Is(err, collections.ErrNotFound) {
		return types.NewSubaccount(owner.String(), number), false, nil
	}
	return sa, err == nil, err
}

// setSubaccount stores a subaccount, deleting it when it becomes empty so state holds only live subaccounts, and
// re-files it in the liquidation sweep's index at the current prices (removes its entries when deleted).
func (k *Keeper) setSubaccount(ctx context.Context, owner sdk.AccAddress, sa types.Subaccount) error {
	key := collections.Join(owner, sa.Number)
	if sa.IsEmpty() {
		if err := k.Subaccounts.Remove(ctx, key); err != nil {
			return err
		}
		return k.unfile(ctx, key)
	}
	if err := k.Subaccounts.Set(ctx, key, sa); err != nil {
		return err
	}
	return k.refile(ctx, key, sa)
}

// orderHeight is the height orders' good_til_block is compared with: the block height plus the offset a
// zero-height export recorded, so restarting heights never revives expired orders.
func orderHeight(ctx sdk.Context, params types.Params) int64 {
	return ctx.BlockHeight() + params.OrderHeightOffset
}

// checkNewSubaccount enforces max_subaccounts_per_owner before a subaccount is created; pending counts
// subaccounts of the same owner created earlier in the same state transition and not yet stored.
func (k *Keeper) checkNewSubaccount(ctx context.Context, params types.Params, owner sdk.AccAddress, pending uint32) error {
	count, err := k.CountSubaccounts(ctx, owner)
	if err != nil {
		return err
	}
	return checkSubaccountLimit(params, owner, count, pending)
}

// checkSubaccountLimit refuses a new subaccount when the owner has count live subaccounts plus pending ones not
// yet stored, and the limit is reached.
func checkSubaccountLimit(params types.Params, owner sdk.AccAddress, count, pending uint32) error {
	if count+pending >= params.MaxSubaccountsPerOwner {
		return errorsmod.Wrapf(types.ErrTooManySubaccounts, "owner %s has %d subaccounts, limit %d", owner, count+pending, params.MaxSubaccountsPerOwner)
	}
	return nil
}

// CountSubaccounts returns how many live subaccounts an owner has (at most 128, so the walk is bounded).
func (k *Keeper) CountSubaccounts(ctx context.Context, owner sdk.AccAddress) (uint32, error) {
	iter, err := k.Subaccounts.Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint32](owner))
	if err != nil {
		return 0, err
	}
	defer iter.Close()
	n := uint32(0)
	for ; iter.Valid(); iter.Next() {
		n++
	}
	return n, nil
}

// ModuleAddress returns the clearing module account, which holds all subaccount collateral.
func (k *Keeper) ModuleAddress() sdk.AccAddress {
	return k.accountKeeper.GetModuleAddress(types.ModuleName)
}
