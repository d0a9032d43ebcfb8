package types_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// clearingMsgs are fresh values of every clearing Msg, indexed by the fuzz input's selector byte.
func clearingMsgs() []sdk.Msg {
	return []sdk.Msg{&types.MsgDeposit{}, &types.MsgWithdraw{}, &types.MsgUpdateParams{}, &types.MsgSubmitTrades{},
		&types.MsgTransfer{}, &types.MsgSetIsolated{}, &types.MsgCreateMarket{}, &types.MsgUpdateMarket{},
		&types.MsgCancelOrders{}, &types.MsgLiquidate{}}
}

// FuzzMsgDecodeValidateBasic decodes arbitrary bytes as each clearing Msg (selected by the first byte) and runs
// ValidateBasic: neither may panic, and a message that decodes re-encodes and decodes to the same bytes.
func FuzzMsgDecodeValidateBasic(f *testing.F) {
	for i, m := range clearingMsgs() {
		bz, err := m.(interface{ Marshal() ([]byte, error) }).Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte{byte(i)}, bz...))
	}
	f.Add([]byte{0, 0x0a, 0x05, 'c', 'l', 'e', 'a', 'r', 0x1a, 0x02, 0x0a, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		msgs := clearingMsgs()
		m := msgs[int(data[0])%len(msgs)]
		u := m.(interface {
			Unmarshal([]byte) error
			Marshal() ([]byte, error)
		})
		if err := u.Unmarshal(data[1:]); err != nil {
			return
		}
		if v, ok := m.(sdk.HasValidateBasic); ok {
			_ = v.ValidateBasic()
		}
		bz, err := u.Marshal()
		if err != nil {
			t.Fatalf("decoded message does not encode: %s", err.Error())
		}
		back := clearingMsgs()[int(data[0])%len(msgs)].(interface {
			Unmarshal([]byte) error
			Marshal() ([]byte, error)
		})
		if err := back.Unmarshal(bz); err != nil {
			t.Fatalf("re-encoded message does not decode: %s", err.Error())
		}
		again, _ := back.Marshal()
		if string(again) != string(bz) {
			t.Fatalf("encoding is not stable")
		}
	})
}
