package app

import (
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/mempool"
	"github.com/stretchr/testify/require"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// oracleTxForMempool decodes an oracle transaction with the app's TxDecoder.
func oracleTxForMempool(t *testing.T) sdk.Tx {
	t.Helper()
	a := New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID("mempool-test"))
	bz, err := oracleabci.EncodeInjectedTx(abci.ExtendedCommitInfo{})
	require.NoError(t, err)
	tx, err := a.TxConfig().TxDecoder()(bz)
	require.NoError(t, err)
	return tx
}

// An app-side sender-nonce mempool would fail FinalizeBlock's removal of the signer-less oracle tx ("tx must have
// at least one signer") on that node only; the guard reports it not found, and the no-op mempool stays unwrapped.
func TestGuardMempool(t *testing.T) {
	require.Equal(t, mempool.Mempool(mempool.NoOpMempool{}), guardMempool(mempool.NoOpMempool{}))

	inner := mempool.NewSenderNonceMempool(mempool.SenderNonceMaxTxOpt(10))
	g := guardMempool(inner)
	tx := oracleTxForMempool(t)
	require.Error(t, inner.Remove(tx), "the unguarded mempool errors on a tx without signers")
	require.ErrorIs(t, g.Remove(tx), mempool.ErrTxNotFound)
	require.ErrorIs(t, mempool.RemoveWithReason(t.Context(), g, tx, mempool.RemoveReason{Caller: mempool.CallerRunTxFinalize}), mempool.ErrTxNotFound)
	require.ErrorIs(t, g.Insert(t.Context(), tx), oracletypes.ErrInjectedTxRefused)
	require.Zero(t, g.CountTx())
}
