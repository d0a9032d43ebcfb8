package abci_test

import (
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmttypes "github.com/cometbft/cometbft/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/stretchr/testify/require"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// userTx encodes a transaction whose body holds the given messages (type URL, value), with a fee and a signature,
// as a user would broadcast it.
func userTx(t *testing.T, msgs ...*codectypes.Any) []byte {
	t.Helper()
	body, err := (&txtypes.TxBody{Messages: msgs}).Marshal()
	require.NoError(t, err)
	auth, err := (&txtypes.AuthInfo{Fee: &txtypes.Fee{GasLimit: 200_000}}).Marshal()
	require.NoError(t, err)
	bz, err := (&txtypes.TxRaw{BodyBytes: body, AuthInfoBytes: auth, Signatures: [][]byte{[]byte("sig")}}).Marshal()
	require.NoError(t, err)
	return bz
}

// reencode decodes the oracle tx, lets edit change it, and encodes it again.
func reencode(t *testing.T, tx []byte, edit func(raw *txtypes.TxRaw, body *txtypes.TxBody, auth *txtypes.AuthInfo)) []byte {
	t.Helper()
	var raw txtypes.TxRaw
	require.NoError(t, raw.Unmarshal(tx))
	var body txtypes.TxBody
	require.NoError(t, body.Unmarshal(raw.BodyBytes))
	var auth txtypes.AuthInfo
	require.NoError(t, auth.Unmarshal(raw.AuthInfoBytes))
	edit(&raw, &body, &auth)
	var err error
	raw.BodyBytes, err = body.Marshal()
	require.NoError(t, err)
	raw.AuthInfoBytes, err = auth.Marshal()
	require.NoError(t, err)
	bz, err := raw.Marshal()
	require.NoError(t, err)
	return bz
}

// The proposer places the oracle transaction first: a real SDK transaction with one MsgInjectedVotes, no
// signatures and an empty fee, holding exactly its local last commit.
func TestPrepareProposalPlacesOracleTxFirst(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	e := ext(t, 1, 100)
	info := n.commit(t, e, e, e, e)
	txs := n.prepare(t, info)
	require.Len(t, txs, 2)
	require.Equal(t, []byte("tx"), txs[1])
	require.True(t, oracleabci.CarriesInjectedVotes(txs[0]))

	var raw txtypes.TxRaw
	require.NoError(t, raw.Unmarshal(txs[0]))
	require.Empty(t, raw.Signatures)
	var body txtypes.TxBody
	require.NoError(t, body.Unmarshal(raw.BodyBytes))
	require.Len(t, body.Messages, 1)
	require.Equal(t, types.InjectedVotesTypeURL, body.Messages[0].TypeUrl)
	require.Empty(t, body.Memo)
	var auth txtypes.AuthInfo
	require.NoError(t, auth.Unmarshal(raw.AuthInfoBytes))
	require.NotNil(t, auth.Fee)
	require.True(t, auth.Fee.Amount.IsZero())
	require.Zero(t, auth.Fee.GasLimit)
	require.Empty(t, auth.SignerInfos)

	got, err := oracleabci.DecodeInjectedTx(txs[0])
	require.NoError(t, err)
	require.Equal(t, info, got)
	require.Equal(t, accept, n.processTxs(t, txs, lastCommitOf(info)))
	ctx := n.finalize(t, txs, lastCommitOf(info))
	require.EqualValues(t, 100, n.priceOf(t, ctx, 1), "PreBlock reads the SDK-transaction form")
}

// ProcessProposal accepts the oracle transaction only once, only first and only in canonical form; a user's
// transaction carrying MsgInjectedVotes anywhere makes the block invalid.
func TestProcessProposalRejectsMisplacedRepeatedOrUserOracleTx(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	e := ext(t, 1, 100)
	info := n.commit(t, e, e, e, e)
	lc := lastCommitOf(info)
	inj := injectedInfo(t, info)
	msgBz, err := (&types.MsgInjectedVotes{ExtendedCommitInfo: []byte{1}}).Marshal()
	require.NoError(t, err)
	injectedAny := &codectypes.Any{TypeUrl: types.InjectedVotesTypeURL, Value: msgBz}
	otherAny := &codectypes.Any{TypeUrl: "/cosmos.bank.v1beta1.MsgSend", Value: []byte{}}
	legacy, err := info.Marshal()
	require.NoError(t, err)

	require.Equal(t, accept, n.processTxs(t, [][]byte{inj, []byte("tx")}, lc), "honest block")
	require.Equal(t, accept, n.processTxs(t, [][]byte{inj, userTx(t, otherAny)}, lc), "ordinary user tx")
	cases := map[string][][]byte{
		"not first":                        {[]byte("tx"), inj},
		"twice":                            {inj, inj},
		"again later":                      {inj, []byte("tx"), inj},
		"user tx with it alone":            {inj, userTx(t, injectedAny)},
		"user tx with it among others":     {inj, userTx(t, otherAny, injectedAny)},
		"user tx with a host-prefixed URL": {inj, userTx(t, &codectypes.Any{TypeUrl: "type.googleapis.com/" + types.InjectedVotesMsgName, Value: msgBz})},
		"user tx first":                    {userTx(t, injectedAny)},
		"signed copy first":                {withSignature(t, inj)},
		"with a memo":                      {reencode(t, inj, func(_ *txtypes.TxRaw, b *txtypes.TxBody, _ *txtypes.AuthInfo) { b.Memo = "hi" })},
		"with a gas limit":                 {reencode(t, inj, func(_ *txtypes.TxRaw, _ *txtypes.TxBody, a *txtypes.AuthInfo) { a.Fee.GasLimit = 1 })},
		"with a second message": {reencode(t, inj, func(_ *txtypes.TxRaw, b *txtypes.TxBody, _ *txtypes.AuthInfo) {
			b.Messages = append(b.Messages, otherAny)
		})},
		"legacy pseudo-transaction": {legacyInjected(legacy...), []byte("tx")},
	}
	for name, txs := range cases {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, reject, n.processTxs(t, txs, lc))
		})
	}
}

// CarriesInjectedVotes reads the wire format only and is never fooled by malformed input.
func TestCarriesInjectedVotes(t *testing.T) {
	inj, err := oracleabci.EncodeInjectedTx(abci.ExtendedCommitInfo{})
	require.NoError(t, err)
	require.True(t, oracleabci.CarriesInjectedVotes(inj))
	require.False(t, oracleabci.CarriesInjectedVotes(nil))
	require.False(t, oracleabci.CarriesInjectedVotes([]byte("tx")))
	require.False(t, oracleabci.CarriesInjectedVotes(userTx(t, &codectypes.Any{TypeUrl: "/cosmos.bank.v1beta1.MsgSend"})))
	require.False(t, oracleabci.CarriesInjectedVotes(userTx(t, &codectypes.Any{TypeUrl: types.InjectedVotesTypeURL + "X"})))
	for i := range inj {
		_ = oracleabci.CarriesInjectedVotes(inj[:i]) // truncations never panic
	}
}

// The oracle tx takes its bytes plus protobuf framing of max_tx_bytes, as CometBFT counts a proposal: the default
// selection gets the rest, so the block never exceeds the limit by the framing.
func TestPrepareProposalCountsTheOracleTxAsCometBFTDoes(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	e := ext(t, 1, 100)
	info := n.commit(t, e, e, e, e)
	inj := injectedInfo(t, info)
	size := cmttypes.ComputeProtoSizeForTxs([]cmttypes.Tx{inj})
	require.Greater(t, size, int64(len(inj)))
	budget := int64(-1)
	h := oracleabci.NewProposalHandler(n.f.k, n.store(t), func(_ sdk.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
		budget = req.MaxTxBytes
		return &abci.ResponsePrepareProposal{Txs: req.Txs}, nil
	}, acceptAll, log.NewNopLogger())
	prepare := func(maxTxBytes int64) [][]byte {
		res, err := h.PrepareProposalHandler()(n.ctx(lastCommitOf(info)), &abci.RequestPrepareProposal{
			Height: proposalHeight, MaxTxBytes: maxTxBytes, LocalLastCommit: info,
		})
		require.NoError(t, err)
		return res.Txs
	}
	require.Empty(t, prepare(int64(len(inj))), "its raw length fits, with framing it does not")
	require.Equal(t, [][]byte{inj}, prepare(size))
	require.Zero(t, budget)
	require.Equal(t, [][]byte{inj}, prepare(size+100))
	require.EqualValues(t, 100, budget)
}
