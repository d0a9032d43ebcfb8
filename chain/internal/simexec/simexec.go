// Package simexec runs governance-authority messages for the modules' simulation operations.
package simexec

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
)

// RejectedPrefix starts the comment of an operation whose message the chain refused with a registered error
// (a valid outcome, counted as "failed"); other non-OK operations are no-ops.
const RejectedPrefix = "rejected: "

// ExecAuthority runs msg through the app's message router in a cached context (written only on success), as
// governance executes a passed proposal's messages, and reports it as an operation of module. A refusal
// (ValidateBasic or the handler) is a no-op operation, passed to onReject when set; a panic is returned as an
// error: the simulation fails.
func ExecAuthority(app *baseapp.BaseApp, ctx sdk.Context, module string, msg sdk.Msg, onReject func(name string, err error)) (res simtypes.OperationMsg, err error) {
	name := sdk.MsgTypeURL(msg)
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s panicked: %s", name, fmt.Sprint(p))
		}
	}()
	reject := func(err error) (simtypes.OperationMsg, error) {
		if onReject != nil {
			onReject(name, err)
		}
		return simtypes.NoOpMsg(module, name, RejectedPrefix+err.Error()), nil
	}
	if v, ok := msg.(sdk.HasValidateBasic); ok {
		if err := v.ValidateBasic(); err != nil {
			return reject(err)
		}
	}
	handler := app.MsgServiceRouter().Handler(msg)
	if handler == nil {
		return simtypes.NoOpMsg(module, name, "no handler"), fmt.Errorf("no handler for %s", name)
	}
	cacheCtx, write := ctx.CacheContext()
	if _, err := handler(cacheCtx, msg); err != nil {
		return reject(err)
	}
	write()
	return simtypes.NewOperationMsgBasic(module, name, "", true, nil), nil
}
