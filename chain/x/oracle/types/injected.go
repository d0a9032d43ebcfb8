package types

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// InjectedVotesMsgName is the full protobuf name of MsgInjectedVotes.
const InjectedVotesMsgName = "clearchain.oracle.v1.MsgInjectedVotes"

// InjectedVotesTypeURL is the type URL of MsgInjectedVotes, the only message of a block's oracle transaction.
const InjectedVotesTypeURL = "/" + InjectedVotesMsgName

// CustomGetSigners returns the signing options' custom signer getters of the oracle: MsgInjectedVotes has no
// signer (no account sends it; the block proposer places it and ProcessProposal checks it).
func CustomGetSigners() map[protoreflect.FullName]signing.GetSignersFunc {
	return map[protoreflect.FullName]signing.GetSignersFunc{
		InjectedVotesMsgName: func(proto.Message) ([][]byte, error) { return nil, nil },
	}
}

// CountInjectedVotes returns how many of msgs are MsgInjectedVotes.
func CountInjectedVotes(msgs []sdk.Msg) int {
	n := 0
	for _, m := range msgs {
		if _, ok := m.(*MsgInjectedVotes); ok {
			n++
		}
	}
	return n
}

// NoopInjectedServer executes MsgInjectedVotes as a no-op: PreBlock already aggregated its prices, and the ante
// handler lets it through only as transaction 0 of a block in FinalizeBlock.
type NoopInjectedServer struct{}

var _ InjectedServer = NoopInjectedServer{}

// InjectedVotes implements InjectedServer: it refuses the message anywhere but at index 0 of a block.
func (NoopInjectedServer) InjectedVotes(goCtx context.Context, _ *MsgInjectedVotes) (*MsgInjectedVotesResponse, error) {
	ctx := sdk.UnwrapSDKContext(goCtx)
	if ctx.ExecMode() != sdk.ExecModeFinalize || ctx.TxIndex() != 0 {
		return nil, errorsmod.Wrap(ErrInjectedTxRefused, "only the block's first transaction may carry it")
	}
	return &MsgInjectedVotesResponse{}, nil
}
