package abci_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtprotocrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// unknownValidators is a validator store that knows no validator (every extension signature is unverifiable).
type unknownValidators struct{}

func (unknownValidators) GetPubKeyByConsAddr(context.Context, sdk.ConsAddress) (cmtprotocrypto.PublicKey, error) {
	return cmtprotocrypto.PublicKey{}, errors.New("unknown validator")
}

// FuzzProcessProposal feeds arbitrary bytes to the oracle's vote-extension decoding and to ProcessProposal, both
// as a block's first transaction and as a vote extension inside a well-formed oracle transaction: no input may
// panic, the verdict is ACCEPT or REJECT and the same twice, and a decodable extension re-encodes to itself.
func FuzzProcessProposal(f *testing.F) {
	ext := types.OracleVoteExtension{Prices: []types.PairPrice{{PairId: 1, PriceQuantums: 60_000_000_000}}}
	good, err := ext.Marshal()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{}, good)
	f.Add([]byte("tx"), []byte{0x0a, 0x03, 0x08, 0x01, 0x10})
	f.Add(oracleabci.InjectedTxPrefix, bytes.Repeat([]byte{0xff}, 64))
	fx := newBenchFixture(f)
	h := oracleabci.NewProposalHandler(fx.k, unknownValidators{}, nil, acceptAll, log.NewNopLogger())
	ctx := fx.ctx.WithConsensusParams(cmtproto.ConsensusParams{Abci: &cmtproto.ABCIParams{VoteExtensionsEnableHeight: 1}})
	f.Fuzz(func(t *testing.T, tx, extBytes []byte) {
		if e, err := types.DecodeVoteExtension(extBytes, types.MaxVoteExtensionBytesHardCap); err == nil {
			again, err := e.Marshal()
			if err != nil {
				t.Fatalf("decoded extension does not re-encode: %s", err.Error())
			}
			if _, err := types.DecodeVoteExtension(again, types.MaxVoteExtensionBytesHardCap); err != nil {
				t.Fatalf("re-encoded extension does not decode: %s", err.Error())
			}
		}
		_, _ = oracleabci.DecodeInjectedTx(tx)
		info := abci.ExtendedCommitInfo{Votes: []abci.ExtendedVoteInfo{{Validator: abci.Validator{Address: []byte("val-address-20-bytes"), Power: 10},
			VoteExtension: extBytes, BlockIdFlag: cmtproto.BlockIDFlagCommit}}}
		wrapped, err := oracleabci.EncodeInjectedTx(info)
		if err != nil {
			t.Fatalf("encode: %s", err.Error())
		}
		for _, txs := range [][][]byte{{tx}, {wrapped}, {wrapped, tx}} {
			req := &abci.RequestProcessProposal{Height: 11, Txs: txs}
			first, err1 := h.ProcessProposalHandler()(ctx, req)
			second, err2 := h.ProcessProposalHandler()(ctx, req)
			if (err1 == nil) != (err2 == nil) || (err1 == nil && first.Status != second.Status) {
				t.Fatalf("ProcessProposal is not deterministic")
			}
			if err1 == nil && first.Status != abci.ResponseProcessProposal_ACCEPT && first.Status != abci.ResponseProcessProposal_REJECT {
				t.Fatalf("status %s", first.Status)
			}
		}
	})
}
