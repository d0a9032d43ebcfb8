package abci_test

import (
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
)

// acceptAll stands in for the default handlers behind the oracle checks.
func acceptAll(sdk.Context, *abci.RequestProcessProposal) (*abci.ResponseProcessProposal, error) {
	return &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_ACCEPT}, nil
}

func injected(payload ...byte) []byte {
	return append(append([]byte{}, oracleabci.InjectedTxPrefix...), payload...)
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
		{"oracle data not first", enabled, [][]byte{[]byte("tx"), injected()}, abci.ResponseProcessProposal_REJECT},
		{"two oracle payloads", enabled, [][]byte{injected(), injected()}, abci.ResponseProcessProposal_REJECT},
		{"undecodable oracle data", enabled, [][]byte{injected(0xff, 0xff, 0xff)}, abci.ResponseProcessProposal_REJECT},
		{"oracle data while vote extensions are off", disabled, [][]byte{injected()}, abci.ResponseProcessProposal_REJECT},
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
	require.NoError(t, oracleabci.PreBlock(ctx, f.k, &abci.RequestFinalizeBlock{Height: 11, Txs: [][]byte{injected(0xff)}}), "garbage in a committed block never halts the chain")
	_, _, err := f.k.GetPrice(ctx, 1)
	require.Error(t, err, "nothing was priced")
}
