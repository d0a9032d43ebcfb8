package oracle

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions exposes every oracle query; the Msgs are governance-only.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "clearchain.oracle.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Prices", Use: "prices", Short: "Show every pair's price, staleness, halt state and volatility"},
				{
					RpcMethod: "Price", Use: "price [base] [quote]", Short: "Show one pair's price (e.g. price BTC USD)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "base"}, {ProtoField: "quote"}},
				},
				{
					RpcMethod: "PriceHistory", Use: "history [base] [quote]", Short: "Show one pair's stored price history",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "base"}, {ProtoField: "quote"}},
				},
				{RpcMethod: "Pairs", Use: "pairs", Short: "List the currency pairs and their guard parameters"},
				{RpcMethod: "Params", Use: "params", Short: "Show the oracle parameters"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "clearchain.oracle.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "UpsertPair", Use: "upsert-pair-proposal", Short: "Submit a governance proposal to list or change a currency pair", GovProposal: true},
				{RpcMethod: "SetPairHalt", Use: "set-pair-halt-proposal [pair] [halted]", Short: "Submit a governance proposal to halt (true) or resume (false) a pair", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pair"}, {ProtoField: "halted"}}, GovProposal: true},
				{RpcMethod: "UpdateParams", Use: "update-params-proposal", Short: "Submit a governance proposal to replace the module parameters", GovProposal: true},
			},
		},
	}
}
