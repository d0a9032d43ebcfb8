package abci

import (
	"bytes"
	"strings"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// InjectedTxPrefix marks the legacy oracle pseudo-transaction (raw prefix + extended commit info) that blocks
// carried before the oracle transaction became an SDK transaction. New blocks never carry it (ProcessProposal
// rejects it); PreBlock and DecodeInjected still read it so blocks committed before the change replay the same.
var InjectedTxPrefix = []byte("clearchain/oracle/extended-commit/v1:")

// EncodeInjectedTx returns the oracle transaction of a block: a TxRaw whose body holds exactly one
// MsgInjectedVotes with the protobuf-encoded extended commit, an auth info with an empty fee, and no signatures.
// The encoding is canonical: DecodeInjectedTx accepts only bytes this function produces.
func EncodeInjectedTx(info abci.ExtendedCommitInfo) ([]byte, error) {
	infoBz, err := info.Marshal()
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidProposal, "encode extended commit info: "+err.Error())
	}
	msgBz, err := (&types.MsgInjectedVotes{ExtendedCommitInfo: infoBz}).Marshal()
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidProposal, "encode MsgInjectedVotes: "+err.Error())
	}
	body := txtypes.TxBody{Messages: []*codectypes.Any{{TypeUrl: types.InjectedVotesTypeURL, Value: msgBz}}}
	bodyBz, err := body.Marshal()
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidProposal, "encode tx body: "+err.Error())
	}
	authBz, err := (&txtypes.AuthInfo{Fee: &txtypes.Fee{}}).Marshal()
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidProposal, "encode auth info: "+err.Error())
	}
	return (&txtypes.TxRaw{BodyBytes: bodyBz, AuthInfoBytes: authBz}).Marshal()
}

// DecodeInjectedTx decodes the extended commit from an oracle transaction in the canonical form EncodeInjectedTx
// produces, and rejects anything else (signatures, a fee, a memo, other messages, unknown fields).
func DecodeInjectedTx(tx []byte) (abci.ExtendedCommitInfo, error) {
	var none abci.ExtendedCommitInfo
	var raw txtypes.TxRaw
	if err := raw.Unmarshal(tx); err != nil {
		return none, errorsmod.Wrap(types.ErrInvalidProposal, "decode oracle tx: "+err.Error())
	}
	var body txtypes.TxBody
	if err := body.Unmarshal(raw.BodyBytes); err != nil {
		return none, errorsmod.Wrap(types.ErrInvalidProposal, "decode oracle tx body: "+err.Error())
	}
	if len(body.Messages) != 1 || body.Messages[0] == nil || body.Messages[0].TypeUrl != types.InjectedVotesTypeURL {
		return none, errorsmod.Wrap(types.ErrInvalidProposal, "oracle tx must hold exactly one MsgInjectedVotes")
	}
	var msg types.MsgInjectedVotes
	if err := msg.Unmarshal(body.Messages[0].Value); err != nil {
		return none, errorsmod.Wrap(types.ErrInvalidProposal, "decode MsgInjectedVotes: "+err.Error())
	}
	var info abci.ExtendedCommitInfo
	if err := info.Unmarshal(msg.ExtendedCommitInfo); err != nil {
		return none, errorsmod.Wrap(types.ErrInvalidProposal, "decode extended commit info: "+err.Error())
	}
	canonical, err := EncodeInjectedTx(info)
	if err != nil {
		return none, err
	}
	if !bytes.Equal(canonical, tx) {
		return none, errorsmod.Wrap(types.ErrInvalidProposal, "oracle tx is not in canonical form (signatures, fee, memo or extra fields)")
	}
	return info, nil
}

// DecodeInjected decodes the extended commit info from a block's oracle transaction, in the SDK-transaction form
// or the legacy prefixed form of blocks committed before it.
func DecodeInjected(tx []byte) (abci.ExtendedCommitInfo, error) {
	if isLegacyInjected(tx) {
		var info abci.ExtendedCommitInfo
		if err := info.Unmarshal(tx[len(InjectedTxPrefix):]); err != nil {
			return abci.ExtendedCommitInfo{}, errorsmod.Wrap(types.ErrInvalidProposal, "decode extended commit info: "+err.Error())
		}
		return info, nil
	}
	if !CarriesInjectedVotes(tx) {
		return abci.ExtendedCommitInfo{}, errorsmod.Wrap(types.ErrInvalidProposal, "not an oracle transaction")
	}
	return DecodeInjectedTx(tx)
}

// isInjected reports whether a block tx carries oracle data in either form.
func isInjected(tx []byte) bool { return isLegacyInjected(tx) || CarriesInjectedVotes(tx) }

// isLegacyInjected reports whether a block tx is the legacy prefixed pseudo-transaction.
func isLegacyInjected(tx []byte) bool { return bytes.HasPrefix(tx, InjectedTxPrefix) }

// CarriesInjectedVotes reports whether tx bytes hold a MsgInjectedVotes among the top-level messages of their
// body, reading only the wire format (no decoding into the registry): TxRaw.body_bytes (1) → TxBody.messages (1)
// → Any.type_url (1). Every occurrence of each field is inspected, so duplicated fields cannot hide it; a type URL
// is matched by its message name whatever its host prefix. Malformed bytes report false (they are not decodable
// as a transaction at all).
func CarriesInjectedVotes(tx []byte) bool {
	found := false
	eachBytesField(tx, 1, func(body []byte) {
		eachBytesField(body, 1, func(anyMsg []byte) {
			eachBytesField(anyMsg, 1, func(typeURL []byte) {
				if strings.HasSuffix(string(typeURL), "/"+types.InjectedVotesMsgName) || string(typeURL) == types.InjectedVotesMsgName {
					found = true
				}
			})
		})
	})
	return found
}

// eachBytesField calls fn with the value of every length-delimited field num of the protobuf message b; it
// stops at the first malformed field.
func eachBytesField(b []byte, num protowire.Number, fn func([]byte)) {
	for len(b) > 0 {
		n, typ, tagLen := protowire.ConsumeTag(b)
		if tagLen < 0 {
			return
		}
		b = b[tagLen:]
		valLen := protowire.ConsumeFieldValue(n, typ, b)
		if valLen < 0 {
			return
		}
		if n == num && typ == protowire.BytesType {
			v, _ := protowire.ConsumeBytes(b[:valLen])
			fn(v)
		}
		b = b[valLen:]
	}
}
