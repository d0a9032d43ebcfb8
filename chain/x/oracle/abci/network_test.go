package abci_test

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"testing"

	"cosmossdk.io/core/header"
	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	cryptoenc "github.com/cometbft/cometbft/crypto/encoding"
	cmtprotocrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	protoio "github.com/cosmos/gogoproto/io"
	"github.com/stretchr/testify/require"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

const (
	testChainID = "clearchain-test"
	// proposalHeight is the height of the block under test; its extensions were signed at proposalHeight-1.
	proposalHeight = 11
)

// testNet is a keeper (benchFixture: pairs AS0..AS49, ids 1..50) plus validators with real consensus keys that
// sign vote extensions exactly as CometBFT does, so baseapp.ValidateVoteExtensions accepts them.
type testNet struct {
	f    *benchFixture
	vals []testVal
}

// testVal is one validator: its consensus key and power.
type testVal struct {
	priv  cmted25519.PrivKey
	power int64
}

// valStore implements baseapp.ValidatorStore over the test validators.
type valStore map[string]cmtprotocrypto.PublicKey

// GetPubKeyByConsAddr implements baseapp.ValidatorStore.
func (s valStore) GetPubKeyByConsAddr(_ context.Context, addr sdk.ConsAddress) (cmtprotocrypto.PublicKey, error) {
	pk, ok := s[string(addr)]
	if !ok {
		return cmtprotocrypto.PublicKey{}, fmt.Errorf("unknown validator %X", []byte(addr))
	}
	return pk, nil
}

// newTestNet returns validators with the given powers, in CometBFT's order (power desc, address asc).
func newTestNet(t *testing.T, powers ...int64) *testNet {
	t.Helper()
	n := &testNet{f: newBenchFixture(t)}
	for i, p := range powers {
		n.vals = append(n.vals, testVal{priv: cmted25519.GenPrivKeyFromSecret([]byte{byte(i), 'v'}), power: p})
	}
	sort.Slice(n.vals, func(i, j int) bool {
		if n.vals[i].power != n.vals[j].power {
			return n.vals[i].power > n.vals[j].power
		}
		return bytes.Compare(n.vals[i].priv.PubKey().Address(), n.vals[j].priv.PubKey().Address()) < 0
	})
	return n
}

// store returns the validators' public keys by consensus address.
func (n *testNet) store(t *testing.T) valStore {
	t.Helper()
	s := valStore{}
	for _, v := range n.vals {
		pk, err := cryptoenc.PubKeyToProto(v.priv.PubKey())
		require.NoError(t, err)
		s[string(v.priv.PubKey().Address())] = pk
	}
	return s
}

// sign signs ext as validator i's vote extension for proposalHeight-1, round 0.
func (n *testNet) sign(t *testing.T, i int, ext []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	cve := cmtproto.CanonicalVoteExtension{Extension: ext, Height: proposalHeight - 1, Round: 0, ChainId: testChainID}
	require.NoError(t, protoio.NewDelimitedWriter(&buf).WriteMsg(&cve))
	sig, err := n.vals[i].priv.Sign(buf.Bytes())
	require.NoError(t, err)
	return sig
}

// commit returns the extended commit in which every validator committed and signed exts[i] (nil: empty).
func (n *testNet) commit(t *testing.T, exts ...[]byte) abci.ExtendedCommitInfo {
	t.Helper()
	var info abci.ExtendedCommitInfo
	for i, v := range n.vals {
		var ext []byte
		if i < len(exts) {
			ext = exts[i]
		}
		info.Votes = append(info.Votes, abci.ExtendedVoteInfo{
			Validator:          abci.Validator{Address: v.priv.PubKey().Address(), Power: v.power},
			VoteExtension:      ext,
			ExtensionSignature: n.sign(t, i, ext),
			BlockIdFlag:        cmtproto.BlockIDFlagCommit,
		})
	}
	return info
}

// lastCommitOf is the block's last commit CometBFT derives from the same extended commit.
func lastCommitOf(info abci.ExtendedCommitInfo) abci.CommitInfo {
	lc := abci.CommitInfo{Round: info.Round}
	for _, v := range info.Votes {
		lc.Votes = append(lc.Votes, abci.VoteInfo{Validator: v.Validator, BlockIdFlag: v.BlockIdFlag})
	}
	return lc
}

// ctx is the context baseapp gives the proposal handlers at proposalHeight with the given last commit.
func (n *testNet) ctx(lastCommit abci.CommitInfo) sdk.Context {
	return n.f.ctx.WithBlockHeight(proposalHeight).
		WithConsensusParams(cmtproto.ConsensusParams{Abci: &cmtproto.ABCIParams{VoteExtensionsEnableHeight: 1}}).
		WithHeaderInfo(header.Info{Height: proposalHeight, ChainID: testChainID}).
		WithCometInfo(baseapp.NewBlockInfo(nil, nil, nil, lastCommit)).
		WithEventManager(sdk.NewEventManager())
}

// handler returns proposal handlers whose default parts accept everything and keep the mempool txs.
func (n *testNet) handler(t *testing.T) *oracleabci.ProposalHandler {
	t.Helper()
	prepare := func(_ sdk.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
		return &abci.ResponsePrepareProposal{Txs: req.Txs}, nil
	}
	return oracleabci.NewProposalHandler(n.f.k, n.store(t), prepare, acceptAll, log.NewNopLogger())
}

// process runs ProcessProposal on a block whose first tx carries info and whose last commit is lastCommit.
func (n *testNet) process(t *testing.T, info abci.ExtendedCommitInfo, lastCommit abci.CommitInfo) abci.ResponseProcessProposal_ProposalStatus {
	t.Helper()
	return n.processTxs(t, [][]byte{injectedInfo(t, info), []byte("tx")}, lastCommit)
}

// processTxs runs ProcessProposal on a block of txs whose last commit is lastCommit.
func (n *testNet) processTxs(t *testing.T, txs [][]byte, lastCommit abci.CommitInfo) abci.ResponseProcessProposal_ProposalStatus {
	t.Helper()
	res, err := n.handler(t).ProcessProposalHandler()(n.ctx(lastCommit), &abci.RequestProcessProposal{
		Height: proposalHeight, Txs: txs, ProposedLastCommit: lastCommit,
	})
	require.NoError(t, err)
	return res.Status
}

// injectedInfo is the oracle transaction carrying info.
func injectedInfo(t *testing.T, info abci.ExtendedCommitInfo) []byte {
	t.Helper()
	tx, err := oracleabci.EncodeInjectedTx(info)
	require.NoError(t, err)
	return tx
}

// prepare runs PrepareProposal with info as the proposer's local last commit.
func (n *testNet) prepare(t *testing.T, info abci.ExtendedCommitInfo) [][]byte {
	t.Helper()
	res, err := n.handler(t).PrepareProposalHandler()(n.ctx(lastCommitOf(info)), &abci.RequestPrepareProposal{
		Height: proposalHeight, MaxTxBytes: 1 << 20, Txs: [][]byte{[]byte("tx")}, LocalLastCommit: info,
	})
	require.NoError(t, err)
	return res.Txs
}

// finalize runs PreBlock on txs with the given decided last commit.
func (n *testNet) finalize(t *testing.T, txs [][]byte, decided abci.CommitInfo) sdk.Context {
	t.Helper()
	ctx := n.ctx(decided)
	require.NoError(t, oracleabci.PreBlock(ctx, n.f.k, &abci.RequestFinalizeBlock{Height: proposalHeight, Txs: txs, DecidedLastCommit: decided}))
	return ctx
}

// ext encodes prices given as pair id → quantums pairs (id, price, id, price, ...), in the order given.
func ext(t *testing.T, kv ...uint64) []byte {
	t.Helper()
	var e types.OracleVoteExtension
	for i := 0; i+1 < len(kv); i += 2 {
		e.Prices = append(e.Prices, types.PairPrice{PairId: uint32(kv[i]), PriceQuantums: kv[i+1]})
	}
	bz, err := e.Marshal()
	require.NoError(t, err)
	return bz
}

// priceOf returns the stored price of a pair (0 when never priced).
func (n *testNet) priceOf(t *testing.T, ctx sdk.Context, pairID uint32) uint64 {
	t.Helper()
	p, _, err := n.f.k.GetPrice(ctx, pairID)
	if err != nil {
		return 0
	}
	return p
}
