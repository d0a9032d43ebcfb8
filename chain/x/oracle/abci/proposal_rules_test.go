package abci_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

const (
	accept = abci.ResponseProcessProposal_ACCEPT
	reject = abci.ResponseProcessProposal_REJECT
)

// A pair disabled by governance in the block whose precommits carry its prices must not make the next block
// invalid (every proposer injects the same commit: the chain would halt). The stale entries are skipped by
// PreBlock, the vote's other entries still count.
func TestDelistingDoesNotInvalidateExtensionsSignedBefore(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	e := ext(t, 1, 100, 2, 200)
	info := n.commit(t, e, e, e, e)
	require.Equal(t, accept, n.process(t, info, lastCommitOf(info)))

	pair, err := n.f.k.Pairs.Get(n.f.ctx, 1)
	require.NoError(t, err)
	pair.Enabled = false
	_, err = n.f.k.UpsertPair(n.f.ctx, pair)
	require.NoError(t, err)

	txs := n.prepare(t, info)
	require.Len(t, txs, 2, "the honest proposer still injects the commit")
	require.Equal(t, accept, n.processTxs(t, txs, lastCommitOf(info)), "signed under the old listing: still a valid block")
	ctx := n.finalize(t, txs, lastCommitOf(info))
	require.EqualValues(t, 200, n.priceOf(t, ctx, 2), "the vote's entries for enabled pairs still count")
	require.Zero(t, n.priceOf(t, ctx, 1), "the disabled pair is not priced")
}

// Lowering max_vote_extension_bytes by governance must not invalidate extensions signed under the higher limit.
func TestLowerExtensionLimitDoesNotInvalidateExtensionsSignedBefore(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	var kv []uint64
	for id := uint64(1); id <= 50; id++ {
		kv = append(kv, id, 1_000_000+id)
	}
	e := ext(t, kv...)
	require.Greater(t, len(e), 64)
	info := n.commit(t, e, e, e, e)

	params, err := n.f.k.Params.Get(n.f.ctx)
	require.NoError(t, err)
	params.MaxVoteExtensionBytes = 64
	require.NoError(t, params.Validate())
	require.NoError(t, n.f.k.Params.Set(n.f.ctx, params))

	require.Equal(t, accept, n.process(t, info, lastCommitOf(info)))
	ctx := n.finalize(t, n.prepare(t, info), lastCommitOf(info))
	require.EqualValues(t, 1_000_050, n.priceOf(t, ctx, 50), "extensions signed under the old limit are aggregated")
}

// CometBFT does not run VerifyVoteExtension on precommits that arrive after +2/3: an honest proposer's local
// commit can carry a signed extension with invalid content. The block must still be valid, the bad vote ignored.
func TestLatePrecommitWithInvalidExtensionDoesNotInvalidateTheBlock(t *testing.T) {
	for name, bad := range map[string][]byte{
		"garbage":      {0xff, 0xff, 0xff},
		"unknown pair": ext(t, 9999, 5),
		"unsorted":     ext(t, 2, 5, 1, 5),
		"zero price":   ext(t, 1, 0),
		"too large":    make([]byte, types.MaxVoteExtensionBytesHardCap+1),
	} {
		t.Run(name, func(t *testing.T) {
			n := newTestNet(t, 10, 10, 10, 1)
			good := ext(t, 1, 100)
			info := n.commit(t, good, good, good, bad)
			txs := n.prepare(t, info)
			require.Len(t, txs, 2)
			require.Equal(t, accept, n.processTxs(t, txs, lastCommitOf(info)), "an honest proposer's block is valid")
			ctx := n.finalize(t, txs, lastCommitOf(info))
			require.EqualValues(t, 100, n.priceOf(t, ctx, 1), "the other votes still price the pair")
		})
	}
}

// The injected extended commit must carry exactly the block's last commit: a proposer must not be able to mark
// chosen reporters absent (up to 1/3 of the power) and strip their prices to move the median.
func TestProcessProposalRejectsCommitNotMatchingLastCommit(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	e := ext(t, 1, 100)
	honest := n.commit(t, e, e, e, e)
	last := lastCommitOf(honest)
	require.Equal(t, accept, n.process(t, honest, last))

	forge := func(edit func(*abci.ExtendedCommitInfo)) abci.ExtendedCommitInfo {
		f := honest
		f.Votes = append([]abci.ExtendedVoteInfo{}, honest.Votes...)
		edit(&f)
		return f
	}
	cases := map[string]abci.ExtendedCommitInfo{
		"commit vote marked absent, extension removed": forge(func(f *abci.ExtendedCommitInfo) {
			f.Votes[3] = abci.ExtendedVoteInfo{Validator: f.Votes[3].Validator, BlockIdFlag: cmtproto.BlockIDFlagAbsent}
		}),
		"commit vote marked nil, extension removed": forge(func(f *abci.ExtendedCommitInfo) {
			f.Votes[0] = abci.ExtendedVoteInfo{Validator: f.Votes[0].Validator, BlockIdFlag: cmtproto.BlockIDFlagNil}
		}),
		"other round":    forge(func(f *abci.ExtendedCommitInfo) { f.Round = 1 }),
		"vote dropped":   forge(func(f *abci.ExtendedCommitInfo) { f.Votes = f.Votes[:3] }),
		"power inflated": forge(func(f *abci.ExtendedCommitInfo) { f.Votes[0].Validator.Power = 11 }),
	}
	for name, info := range cases {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, reject, n.process(t, info, last))
		})
	}

	t.Run("extension on a vote that did not commit", func(t *testing.T) {
		absentLast := lastCommitOf(honest)
		absentLast.Votes = append([]abci.VoteInfo{}, absentLast.Votes...)
		absentLast.Votes[3].BlockIdFlag = cmtproto.BlockIDFlagAbsent
		info := forge(func(f *abci.ExtendedCommitInfo) { f.Votes[3].BlockIdFlag = cmtproto.BlockIDFlagAbsent })
		require.Equal(t, reject, n.process(t, info, absentLast))
	})
}

// PreBlock must not aggregate oracle data that contradicts the decided last commit (defence in depth).
func TestPreBlockIgnoresCommitNotMatchingDecidedLastCommit(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	e := ext(t, 1, 100)
	honest := n.commit(t, e, e, e, e)
	forged := honest
	forged.Votes = append([]abci.ExtendedVoteInfo{}, honest.Votes...)
	forged.Votes[3] = abci.ExtendedVoteInfo{Validator: forged.Votes[3].Validator, BlockIdFlag: cmtproto.BlockIDFlagAbsent}

	ctx := n.finalize(t, [][]byte{injectedInfo(t, forged)}, lastCommitOf(honest))
	require.Zero(t, n.priceOf(t, ctx, 1), "prices unchanged")
	ctx = n.finalize(t, [][]byte{injectedInfo(t, honest)}, lastCommitOf(honest))
	require.EqualValues(t, 100, n.priceOf(t, ctx, 1))
}

// PrepareProposal injects nothing ProcessProposal would refuse and nothing that does not fit the block.
func TestPrepareProposalLeavesOutUnusableCommits(t *testing.T) {
	n := newTestNet(t, 10, 10, 10, 10)
	e := ext(t, 1, 100)
	good := n.commit(t, e, e, e, e)
	prepare := func(info abci.ExtendedCommitInfo, maxTxBytes int64) [][]byte {
		res, err := n.handler(t).PrepareProposalHandler()(n.ctx(lastCommitOf(info)), &abci.RequestPrepareProposal{
			Height: proposalHeight, MaxTxBytes: maxTxBytes, Txs: [][]byte{[]byte("tx"), injected(t, 1), legacyInjected()}, LocalLastCommit: info,
		})
		require.NoError(t, err)
		return res.Txs
	}
	require.Equal(t, [][]byte{injectedInfo(t, good), []byte("tx")}, prepare(good, 1<<20), "a mempool can never smuggle oracle data")

	badSig := good
	badSig.Votes = append([]abci.ExtendedVoteInfo{}, good.Votes...)
	badSig.Votes[0].ExtensionSignature = append([]byte{}, good.Votes[1].ExtensionSignature...)
	require.Equal(t, [][]byte{[]byte("tx")}, prepare(badSig, 1<<20), "a commit failing the check is left out")
	require.Equal(t, [][]byte{[]byte("tx")}, prepare(good, 64), "oracle data larger than the block is left out")
}
