package keeper_test

import (
	"context"
	"fmt"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// fuzzMsgs are fresh values of every clearing Msg, indexed by the fuzz input's selector byte.
func fuzzMsgs() []sdk.Msg {
	return []sdk.Msg{&types.MsgDeposit{}, &types.MsgWithdraw{}, &types.MsgUpdateParams{}, &types.MsgSubmitTrades{},
		&types.MsgTransfer{}, &types.MsgSetIsolated{}, &types.MsgCreateMarket{}, &types.MsgUpdateMarket{},
		&types.MsgCancelOrders{}, &types.MsgLiquidate{}}
}

// dispatch runs msg through the matching msg-server method.
func dispatch(ctx context.Context, s types.MsgServer, msg sdk.Msg) error {
	var err error
	switch m := msg.(type) {
	case *types.MsgDeposit:
		_, err = s.Deposit(ctx, m)
	case *types.MsgWithdraw:
		_, err = s.Withdraw(ctx, m)
	case *types.MsgUpdateParams:
		_, err = s.UpdateParams(ctx, m)
	case *types.MsgSubmitTrades:
		_, err = s.SubmitTrades(ctx, m)
	case *types.MsgTransfer:
		_, err = s.Transfer(ctx, m)
	case *types.MsgSetIsolated:
		_, err = s.SetIsolated(ctx, m)
	case *types.MsgCreateMarket:
		_, err = s.CreateMarket(ctx, m)
	case *types.MsgUpdateMarket:
		_, err = s.UpdateMarket(ctx, m)
	case *types.MsgCancelOrders:
		_, err = s.CancelOrders(ctx, m)
	case *types.MsgLiquidate:
		_, err = s.Liquidate(ctx, m)
	default:
		err = fmt.Errorf("unknown msg %T", msg)
	}
	return err
}

// FuzzMsgServer decodes arbitrary bytes as a clearing Msg (selected by the first byte), runs ValidateBasic and,
// when it passes, the msg server on a chain with a funded subaccount. Nothing may panic; a refused message leaves
// every balance and the whole module state as they were; the collateral invariant holds after every message.
func FuzzMsgServer(f *testing.F) {
	owner := addr(1).String()
	seeds := []sdk.Msg{
		&types.MsgDeposit{Sender: owner, SubaccountNumber: 1, Amount: usdc(1_000)},
		&types.MsgWithdraw{Sender: owner, Amount: usdc(500), Recipient: addr(2).String()},
		&types.MsgWithdraw{Sender: owner, Amount: usdc(10_000_000_000)},
		&types.MsgTransfer{Sender: owner, FromNumber: 0, ToNumber: 3, Amount: usdc(7)},
		&types.MsgSetIsolated{Sender: owner, SubaccountNumber: 0, MarketId: 2},
		&types.MsgCancelOrders{Sender: owner, OrderHashes: [][]byte{make([]byte, 32)}},
		&types.MsgLiquidate{Liquidator: owner, Owner: addr(2).String(), MarketId: 1, Size_: 1},
		&types.MsgSubmitTrades{Submitter: owner, Fills: []types.Fill{{Size_: 1, Price: 1}}},
		&types.MsgUpdateParams{Authority: owner, Params: types.DefaultParams()},
	}
	for _, m := range seeds {
		for i, proto := range fuzzMsgs() {
			if fmt.Sprintf("%T", proto) == fmt.Sprintf("%T", m) {
				bz, err := m.(interface{ Marshal() ([]byte, error) }).Marshal()
				if err != nil {
					f.Fatal(err)
				}
				f.Add(append([]byte{byte(i)}, bz...))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		msgs := fuzzMsgs()
		msg := msgs[int(data[0])%len(msgs)]
		if err := msg.(interface{ Unmarshal([]byte) error }).Unmarshal(data[1:]); err != nil {
			return
		}
		if v, ok := msg.(sdk.HasValidateBasic); ok && v.ValidateBasic() != nil {
			return
		}
		fx := newFixture(t)
		fx.fund(addr(1), usdc(5_000_000))
		if err := deposit(fx, addr(1), 0, usdc(2_000_000)); err != nil {
			t.Fatal(err)
		}
		before := fx.snapshot(t)
		if err := dispatch(fx.ctx, fx.msgs, msg); err != nil {
			if after := fx.snapshot(t); after != before {
				t.Fatalf("%T refused (%s) but state changed", msg, err.Error())
			}
		}
		if m, broken := fx.k.CheckCollateralInvariant(fx.ctx); broken {
			t.Fatalf("%T broke the collateral invariant: %s", msg, m)
		}
	})
}
