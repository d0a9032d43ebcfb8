package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the clearing module's name, store key and codespace.
	ModuleName = "clearing"
	// StoreKey is the clearing module's KV store key.
	StoreKey = ModuleName
	// MaxSubaccountNumber is the highest valid subaccount number (128 subaccounts per owner: 0..127).
	MaxSubaccountNumber uint32 = 127
	// BackstopModuleName names the module address that owns the insurance fund's backstop subaccount (number 0).
	BackstopModuleName = "clearing_backstop"
	// DefaultCollateralDenom is the collateral denom of a default genesis.
	DefaultCollateralDenom = "uusdc"
)

var (
	// ParamsKey stores the module Params.
	ParamsKey = collections.NewPrefix(0)
	// SubaccountsKeyPrefix stores subaccounts keyed by (owner address bytes, number).
	SubaccountsKeyPrefix = collections.NewPrefix(1)
	// MarketsKeyPrefix stores markets by id.
	MarketsKeyPrefix = collections.NewPrefix(2)
	// MarketStatesKeyPrefix stores market states by id.
	MarketStatesKeyPrefix = collections.NewPrefix(3)
	// NextMarketIDKey is the market id sequence.
	NextMarketIDKey = collections.NewPrefix(4)
	// OrderFillsKeyPrefix stores order fill records by order hash.
	OrderFillsKeyPrefix = collections.NewPrefix(5)
	// OrderExpiryKeyPrefix indexes order hashes by expiry height.
	OrderExpiryKeyPrefix = collections.NewPrefix(6)
	// InsuranceFundKey stores the insurance fund balance.
	InsuranceFundKey = collections.NewPrefix(7)
	// FeesAccruedKey stores fees owed to the fee collector.
	FeesAccruedKey = collections.NewPrefix(8)
	// FundingPoolKey stores the funding pool balance.
	FundingPoolKey = collections.NewPrefix(9)
	// CancellationsKeyPrefix stores order cancellations keyed by (owner address bytes, order hash).
	CancellationsKeyPrefix = collections.NewPrefix(10)
	// CancelExpiryKeyPrefix indexes cancellations by (good_til_block, owner, hash) for bounded pruning.
	CancelExpiryKeyPrefix = collections.NewPrefix(11)
	// SweepIndexKeyPrefix indexes healthy positions by (market_id×2 + side, trigger, owner, number) for the sweep.
	SweepIndexKeyPrefix = collections.NewPrefix(12)
	// SweepRecheckKeyPrefix holds subaccounts the sweep re-evaluates at a height: (height, owner, number).
	SweepRecheckKeyPrefix = collections.NewPrefix(13)
	// SweepFilingsKeyPrefix stores each subaccount's current sweep entries, so re-filing needs no scan.
	SweepFilingsKeyPrefix = collections.NewPrefix(14)
	// LiquidatableKeyPrefix is the set of subaccounts the sweep found liquidatable: (owner, number).
	LiquidatableKeyPrefix = collections.NewPrefix(15)
	// DeferredQueueKeyPrefix is the queue of liquidatable subaccounts the caps deferred: (sequence, owner, number).
	DeferredQueueKeyPrefix = collections.NewPrefix(16)
	// DeferredKeyPrefix maps a deferred subaccount to its queue sequence.
	DeferredKeyPrefix = collections.NewPrefix(17)
	// DeferredSeqKey is the deferred queue's sequence.
	DeferredSeqKey = collections.NewPrefix(18)
	// InsuranceFlowsKeyPrefix is the ring of recent insurance fund flows (slot = sequence mod InsuranceFlowSlots).
	InsuranceFlowsKeyPrefix = collections.NewPrefix(19)
	// InsuranceFlowSeqKey numbers insurance flows.
	InsuranceFlowSeqKey = collections.NewPrefix(20)
	// InsuranceCheckpointKey is the insurance balance after the last EndBlock plus this block's recorded flows.
	InsuranceCheckpointKey = collections.NewPrefix(21)
	// SweepRecoveryKeyPrefix indexes liquidatable positions by recovery band: (market_id×2 + side, trigger, owner, number).
	SweepRecoveryKeyPrefix = collections.NewPrefix(22)
	// LiquidatableCountKey counts the Liquidatable set.
	LiquidatableCountKey = collections.NewPrefix(23)
	// DeferredCountKey counts the deferred queue.
	DeferredCountKey = collections.NewPrefix(24)
	// LiquidatableFreshKeyPrefix holds the liquidatable subaccounts not yet in the deferred queue: (owner, number).
	LiquidatableFreshKeyPrefix = collections.NewPrefix(25)
)

// InsuranceFlowSlots is how many recent insurance flows the ring keeps.
const InsuranceFlowSlots = 64
