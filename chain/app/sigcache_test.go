package app_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
)

// TestOrderSigCacheNeverAdmitsATamperedSignature warms the order signature cache through CheckTx, then executes
// the same orders with one signature altered: the altered fill is rejected with ErrInvalidSignature (a cached
// verification of the same order and key does not cover another signature) and the intact fill settles.
func TestOrderSigCacheNeverAdmitsATamperedSignature(t *testing.T) {
	chain, traders, _, submitter := newBenchChain(t, 4, 0)
	fills := benchFills(traders, 2, 7_000)
	seq := submitter.seq
	warm := chain.signTx(&submitter, 50_000_000, &clearingtypes.MsgSubmitTrades{Submitter: submitter.addr.String(), Fills: fills})
	chain.checkTxs([][]byte{warm})

	tampered := append([]clearingtypes.Fill(nil), fills...)
	sig := append([]byte(nil), tampered[0].TakerSignature...)
	sig[10] ^= 0x01
	tampered[0].TakerSignature = sig
	submitter.seq = seq // the warmed tx never reaches a block; this one takes its sequence
	tx := chain.signTx(&submitter, 50_000_000, &clearingtypes.MsgSubmitTrades{Submitter: submitter.addr.String(), Fills: tampered})
	results := chain.block([][]byte{tx})
	require.Len(t, results, 1)
	require.Zero(t, results[0].Code, results[0].Log)
	resp := submitTradesResponse(t, results[0])
	require.Equal(t, uint32(1), resp.Settled)
	require.False(t, resp.Results[0].Success)
	require.Equal(t, clearingtypes.ErrInvalidSignature.ABCICode(), resp.Results[0].Code)
	require.Equal(t, clearingtypes.ErrInvalidSignature.Codespace(), resp.Results[0].Codespace)
	require.True(t, resp.Results[1].Success)
}

// submitTradesResponse decodes the MsgSubmitTrades response of a one-message tx result.
func submitTradesResponse(t *testing.T, r *abci.ExecTxResult) clearingtypes.MsgSubmitTradesResponse {
	t.Helper()
	var data sdk.TxMsgData
	require.NoError(t, data.Unmarshal(r.Data))
	var resp clearingtypes.MsgSubmitTradesResponse
	require.NoError(t, resp.Unmarshal(data.MsgResponses[0].Value))
	return resp
}
