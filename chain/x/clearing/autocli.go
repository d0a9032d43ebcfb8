package clearing

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions describes the clearing CLI: every query and the governance-only UpdateParams via autocli;
// deposit and withdraw are hand-written (client/cli) so that a bare amount means the collateral denom.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "clearchain.clearing.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the clearing module parameters"},
				{
					RpcMethod: "Subaccount", Use: "subaccount [owner] [number]",
					Short:          "Show one subaccount (collateral \"0\" when it does not exist)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}, {ProtoField: "number"}},
				},
				{
					RpcMethod: "SubaccountsByOwner", Use: "subaccounts [owner]", Alias: []string{"subaccounts-by-owner"},
					Short:          "List an owner's subaccounts",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              "clearchain.clearing.v1.Msg",
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Deposit", Skip: true},  // hand-written in client/cli
				{RpcMethod: "Withdraw", Skip: true}, // hand-written in client/cli
				{RpcMethod: "UpdateParams", Skip: true, GovProposal: true},
			},
		},
	}
}
