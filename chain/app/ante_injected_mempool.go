package app

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/mempool"

	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// injectedVotesMempool wraps an app-side mempool (mempool.max-txs >= 0) so that the oracle transaction, which has
// no signer, never reaches it: Insert refuses it, and Remove (called by FinalizeBlock for every executed
// transaction) reports it not found instead of the sender-nonce mempools' "tx must have at least one signer",
// which would fail transaction 0 on that node only and split the results hash by node configuration.
type injectedVotesMempool struct{ inner mempool.Mempool }

var _ mempool.ExtMempool = injectedVotesMempool{}

// guardMempool wraps m unless it is the no-op mempool (the default, max-txs = -1), which must stay a
// mempool.NoOpMempool for the default proposal handler to take CometBFT's transactions.
func guardMempool(m mempool.Mempool) mempool.Mempool {
	if _, noop := m.(mempool.NoOpMempool); noop || m == nil {
		return m
	}
	return injectedVotesMempool{inner: m}
}

// isInjectedVotesTx reports whether tx carries MsgInjectedVotes.
func isInjectedVotesTx(tx sdk.Tx) bool { return oracletypes.CountInjectedVotes(tx.GetMsgs()) > 0 }

// Insert implements mempool.Mempool.
func (m injectedVotesMempool) Insert(ctx context.Context, tx sdk.Tx) error {
	if isInjectedVotesTx(tx) {
		return oracletypes.ErrInjectedTxRefused
	}
	return m.inner.Insert(ctx, tx)
}

// Select implements mempool.Mempool.
func (m injectedVotesMempool) Select(ctx context.Context, txs [][]byte) mempool.Iterator {
	return m.inner.Select(ctx, txs)
}

// CountTx implements mempool.Mempool.
func (m injectedVotesMempool) CountTx() int { return m.inner.CountTx() }

// Remove implements mempool.Mempool.
func (m injectedVotesMempool) Remove(tx sdk.Tx) error {
	if isInjectedVotesTx(tx) {
		return mempool.ErrTxNotFound
	}
	return m.inner.Remove(tx)
}

// SelectBy implements mempool.ExtMempool.
func (m injectedVotesMempool) SelectBy(ctx context.Context, txs [][]byte, callback func(sdk.Tx) bool) {
	mempool.SelectBy(ctx, m.inner, txs, callback)
}

// RemoveWithReason implements mempool.ExtMempool.
func (m injectedVotesMempool) RemoveWithReason(ctx context.Context, tx sdk.Tx, reason mempool.RemoveReason) error {
	if isInjectedVotesTx(tx) {
		return mempool.ErrTxNotFound
	}
	return mempool.RemoveWithReason(ctx, m.inner, tx, reason)
}
