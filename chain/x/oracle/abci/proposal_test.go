package abci_test

import (
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/stretchr/testify/require"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
)

// acceptAll stands in for the default handlers behind the oracle checks.
func acceptAll(sdk.Context, *abci.RequestProcessProposal) (*abci.ResponseProcessProposal, error) {
	return &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_ACCEPT}, nil
}

// legacyInjected is the pre-SDK-transaction oracle pseudo-transaction (prefix + payload).
func legacyInjected(payload ...byte) []byte {
	return append(append([]byte{}, oracleabci.InjectedTxPrefix...), payload...)
}

// injected is an oracle transaction carrying an extended commit with one vote of the given power.
func injected(t *testing.T, power int64) []byte {
	t.Helper()
	tx, err := oracleabci.EncodeInjectedTx(abci.ExtendedCommitInfo{Votes: []abci.ExtendedVoteInfo{{Validator: abci.Validator{Address: []byte("val"), Power: power}}}})
	require.NoError(t, err)
	return tx
}

// withSignature returns tx with one signature appended (what a user's signed copy of the oracle tx looks like).
func withSignature(t *testing.T, tx []byte) []byte {
	t.Helper()
	var raw txtypes.TxRaw
	require.NoError(t, raw.Unmarshal(tx))
	raw.Signatures = [][]byte{[]byte("signature")}
	bz, err := raw.Marshal()
	require.NoError(t, err)
	return bz
}

func TestProcessProposalOracleData(t *testing.T) {
	f := newBenchFixture(t)
	h := oracleabci.NewProposalHandler(f.k, nil, nil, acceptAll, log.NewNopLogger())
	enabled := f.ctx.WithConsensusParams(cmtproto.ConsensusParams{Abci: &cmtproto.ABCIParams{VoteExtensionsEnableHeight: 1}})
	disabled := f.ctx.WithConsensusParams(cmtproto.ConsensusParams{})
	cases := []struct {
		name string
		ctx  sdk.Context
		txs  [][]byte
		want abci.ResponseProcessProposal_ProposalStatus
	}{
		{"no oracle data is accepted (prices only age)", enabled, [][]byte{[]byte("tx")}, abci.ResponseProcessProposal_ACCEPT},
		{"empty block", enabled, nil, abci.ResponseProcessProposal_ACCEPT},
		{"oracle data not first", enabled, [][]byte{[]byte("tx"), injected(t, 1)}, abci.ResponseProcessProposal_REJECT},
		{"two oracle payloads", enabled, [][]byte{injected(t, 1), injected(t, 2)}, abci.ResponseProcessProposal_REJECT},
		{"legacy pseudo-transaction", enabled, [][]byte{legacyInjected()}, abci.ResponseProcessProposal_REJECT},
		{"legacy pseudo-transaction not first", enabled, [][]byte{[]byte("tx"), legacyInjected()}, abci.ResponseProcessProposal_REJECT},
		{"oracle tx with a signature (not canonical)", enabled, [][]byte{withSignature(t, injected(t, 1))}, abci.ResponseProcessProposal_REJECT},
		{"oracle data while vote extensions are off", disabled, [][]byte{injected(t, 1)}, abci.ResponseProcessProposal_REJECT},
		{"vote extensions off, ordinary block", disabled, [][]byte{[]byte("tx")}, abci.ResponseProcessProposal_ACCEPT},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := h.ProcessProposalHandler()(tc.ctx, &abci.RequestProcessProposal{Height: 11, Txs: tc.txs})
			require.NoError(t, err)
			require.Equal(t, tc.want, res.Status)
		})
	}
}

func TestPreBlockIgnoresBlocksWithoutOracleData(t *testing.T) {
	f := newBenchFixture(t)
	ctx := f.ctx.WithConsensusParams(cmtproto.ConsensusParams{Abci: &cmtproto.ABCIParams{VoteExtensionsEnableHeight: 1}})
	require.NoError(t, oracleabci.PreBlock(ctx, f.k, &abci.RequestFinalizeBlock{Height: 11, Txs: [][]byte{[]byte("tx")}}))
	require.NoError(t, oracleabci.PreBlock(ctx, f.k, &abci.RequestFinalizeBlock{Height: 11, Txs: [][]byte{legacyInjected(0xff)}}), "garbage in a committed block never halts the chain")
	require.NoError(t, oracleabci.PreBlock(ctx, f.k, &abci.RequestFinalizeBlock{Height: 11, Txs: [][]byte{injected(t, 1)[:20]}}), "a truncated oracle tx neither")
	_, _, err := f.k.GetPrice(ctx, 1)
	require.Error(t, err, "nothing was priced")
}
