package clearing

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions describes the clearing CLI: every query and the governance-only UpdateParams via autocli;
// deposit and withdraw are hand-written (client/cli) so that a bare amount means the collateral denom, and
// cancel-orders so that order hashes are given in hex.
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
				{RpcMethod: "Markets", Use: "markets", Short: "List markets with open interest, effective IMF, funding and status"},
				{
					RpcMethod: "Market", Use: "market [id]", Short: "Show one market",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod: "SubaccountHealth", Use: "health [owner] [number]",
					Short:          "Show a subaccount's equity, margins, free collateral, positions and liquidation prices",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}, {ProtoField: "number"}},
				},
				{
					RpcMethod: "OrderFill", Use: "order-fill [order-hash-hex]", Short: "Show how much of an order has filled",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "order_hash"}},
				},
				{
					RpcMethod: "Liquidatable", Use: "liquidatable", Short: "List the subaccounts the sweep found liquidatable at current prices",
				},
				{
					RpcMethod: "LiquidatableFullScan", Use: "liquidatable-full-scan", Short: "Debug: evaluate a page of every subaccount (the sweep's reference)",
				},
				{RpcMethod: "LiquidationQueue", Use: "liquidation-queue", Short: "List liquidatable subaccounts the per-block caps deferred"},
				{RpcMethod: "InsuranceFund", Use: "insurance-fund", Short: "Show the insurance fund: balance, backstop subaccount, recent flows"},
				{
					RpcMethod: "AdlRank", Use: "adl-rank [owner] [number] [market-id]", Short: "Show a position's auto-deleveraging score and rank",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}, {ProtoField: "number"}, {ProtoField: "market_id"}},
				},
				{RpcMethod: "WhatIf", Skip: true}, // structured input: use gRPC, REST POST /clearchain/clearing/v1/whatif or the SDK
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              "clearchain.clearing.v1.Msg",
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Deposit", Skip: true},  // hand-written in client/cli
				{RpcMethod: "Withdraw", Skip: true}, // hand-written in client/cli
				{RpcMethod: "UpdateParams", Use: "update-params-proposal", Short: "Submit a governance proposal to replace the module parameters", GovProposal: true},
				{RpcMethod: "CreateMarket", Use: "create-market-proposal", Short: "Submit a governance proposal to list a perpetual market", GovProposal: true},
				{RpcMethod: "UpdateMarket", Use: "update-market-proposal", Short: "Submit a governance proposal to change a market", GovProposal: true},
				{
					RpcMethod: "Transfer", Use: "transfer [from-number] [to-number] [amount]",
					Short:          "Move free collateral between two of your subaccounts (amount as a coin, e.g. 1000000uusdc)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "from_number"}, {ProtoField: "to_number"}, {ProtoField: "amount"}},
				},
				{
					RpcMethod: "SetIsolated", Use: "set-isolated [subaccount-number] [market-id]",
					Short:          "Isolate a flat subaccount to one market (market-id 0 returns it to cross margin)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "subaccount_number"}, {ProtoField: "market_id"}},
				},
				{RpcMethod: "SubmitTrades", Skip: true},
				{
					RpcMethod: "Liquidate", Use: "liquidate [liquidator-subaccount-number] [owner] [subaccount-number] [market-id] [size]",
					Short: "Take over (part of) a liquidatable subaccount's position at the fillable price (signer = liquidator)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "liquidator_subaccount_number"}, {ProtoField: "owner"},
						{ProtoField: "subaccount_number"}, {ProtoField: "market_id"}, {ProtoField: "size"}},
				}, // signed orders come from venues through the SDK
				{RpcMethod: "CancelOrders", Skip: true}, // hand-written in client/cli (hex order hashes)
			},
		},
	}
}
