package app_test

import (
	"bytes"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	clearingtypes "github.com/clearchain/clearchain/chain/x/clearing/types"
	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// usdc1 is one base unit of the collateral denom.
func usdc1() sdk.Coin { return sdk.NewInt64Coin(app.CollateralDenom, 1) }

// injectedPrefix marks the oracle's injected pseudo-transaction.
var injectedPrefix = oracleabci.InjectedTxPrefix

// voteExt encodes an oracle vote extension.
func voteExt(t *testing.T, prices ...oracletypes.PairPrice) []byte {
	bz, err := (&oracletypes.OracleVoteExtension{Prices: prices}).Marshal()
	require.NoError(t, err)
	return bz
}

// TestHostileVoteExtensionsAndProposals: malformed vote extensions are rejected by VerifyVoteExtension and hostile
// proposals by ProcessProposal, through the app's ABCI methods, without panics and without any state change (the
// twin that never saw them agrees on every store afterwards). A well-formed extension and an honest proposal are
// accepted (the controls: the checks are not rejecting everything).
func TestHostileVoteExtensionsAndProposals(t *testing.T) {
	tw := newHostileTwin(t)
	alice, poor := tw.accs[1], tw.accs[0]
	pp := func(id uint32, price uint64) oracletypes.PairPrice {
		return oracletypes.PairPrice{PairId: id, PriceQuantums: price}
	}
	good := voteExt(t, pp(1, 60_000_000_000), pp(2, 3_000_000_000))
	type veCase struct {
		name   string
		ext    []byte
		accept bool
	}
	ves := []veCase{
		{"well-formed extension (control)", good, true},
		{"garbage bytes", []byte{0xff, 0xfe, 0xfd, 0xfc}, false},
		{"oversized: 4097 bytes", append(voteExt(t, pp(1, 1)), make([]byte, 4097)...), false},
		{"oversized: 1 MiB", bytes.Repeat([]byte{0x0a}, 1<<20), false},
		{"pairs out of order", voteExt(t, pp(2, 5), pp(1, 5)), false},
		{"duplicate pair", voteExt(t, pp(1, 5), pp(1, 6)), false},
		{"zero price", voteExt(t, pp(1, 0)), false},
		{"pair id 0", voteExt(t, pp(0, 5)), false},
		{"unknown pair 999", voteExt(t, pp(999, 5)), false},
		{"valid extension with trailing garbage", append(append([]byte{}, good...), 0xff), false},
		{"unknown field appended", append(append([]byte{}, good...), 0x12, 0x01, 0x00), false},
		{"wrong wire type for prices", []byte{0x08, 0x01}, false},
		{"truncated extension", good[:len(good)-2], false},
	}
	tried := 0
	before := storeContents(t, tw.a)
	for _, c := range ves {
		tried++
		res, err := tw.a.VerifyVoteExtension(&abci.RequestVerifyVoteExtension{Height: tw.height + 1, VoteExtension: c.ext,
			ValidatorAddress: make([]byte, 20), Hash: make([]byte, 32)})
		require.NoError(t, err, c.name)
		want := abci.ResponseVerifyVoteExtension_REJECT
		if c.accept {
			want = abci.ResponseVerifyVoteExtension_ACCEPT
		}
		require.Equal(t, want, res.Status, c.name)
	}
	require.Empty(t, diffStores(before, storeContents(t, tw.a)), "VerifyVoteExtension changed committed state")

	// Proposals through ProcessProposal on app a. The oracle's rules reject a block outright; with the default no-op
	// app mempool (mempool.max-txs = -1) the SDK's handler does not re-verify user transactions, so a proposal carrying
	// a hostile one is accepted and the transaction then fails in FinalizeBlock with its code and no state change
	// (checked through the twin protocol).
	seq := tw.sequence(alice)
	dep := func(acc benchAccount, s uint64, chainID string, gas uint64) []byte {
		return tw.signed(acc, s, chainID, gas, &clearingtypes.MsgDeposit{Sender: acc.addr.String(), Amount: usdc1()})
	}
	honest := dep(alice, seq, hostileChainID, hostileGas)
	forged := append([]byte{}, honest...)
	forged[len(forged)-5] ^= 0xff // inside the signature
	injected := append(append([]byte{}, injectedPrefix...), 0x0a, 0x03, 1, 2, 3)
	type ppCase struct {
		name   string
		txs    [][]byte
		accept bool
		// executed: the proposal's single hostile transaction and the code it must fail with when the block runs.
		want *hostileWant
	}
	pps := []ppCase{
		{"empty proposal (control)", nil, true, nil},
		{"oracle data not at index 0", [][]byte{honest, injected}, false, nil},
		{"oracle data twice", [][]byte{injected, injected}, false, nil},
		{"malformed oracle data at index 0", [][]byte{injected}, false, nil},
		{"undecodable transaction", [][]byte{{0xde, 0xad}}, true, &hostileWant{csSDK, 2, false}},
		{"forged signature", [][]byte{forged}, true, &hostileWant{csSDK, 4, false}},
		{"wrong chain id", [][]byte{dep(alice, seq, "other-chain", hostileGas)}, true, &hostileWant{csSDK, 4, false}},
		{"future sequence", [][]byte{dep(alice, seq+3, hostileChainID, hostileGas)}, true, &hostileWant{csSDK, 32, false}},
		{"gas limit of 2^62", [][]byte{dep(poor, tw.sequence(poor), hostileChainID, 1<<62)}, true, &hostileWant{csSDK, 41, false}},
	}
	for _, c := range pps {
		tried++
		res, err := tw.a.ProcessProposal(&abci.RequestProcessProposal{Height: tw.height + 1, Txs: c.txs, Time: time.Unix(1_700_000_000+tw.height+1, 0),
			ProposerAddress: make([]byte, 20)})
		require.NoError(t, err, c.name)
		want := abci.ResponseProcessProposal_REJECT
		if c.accept {
			want = abci.ResponseProcessProposal_ACCEPT
		}
		require.Equal(t, want, res.Status, c.name)
		if c.want != nil {
			tw.deliverHostile("proposal: "+c.name, c.txs[0], *c.want)
		} else {
			tw.emptyBlock()
		}
	}
	t.Logf("hostile vote extensions and proposals: %d inputs tried", tried)
}
