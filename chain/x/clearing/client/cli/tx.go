// Package cli holds the clearing module's hand-written transaction commands.
package cli

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cobra"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// FlagRecipient names the withdraw recipient flag.
const FlagRecipient = "recipient"

// FlagGoodTilBlock names the cancel-orders good_til_block flag.
const FlagGoodTilBlock = "good-til-block"

// GetTxCmd returns the `tx clearing` command with deposit, withdraw and cancel-orders.
func GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Clearing transaction subcommands",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(NewDepositCmd(), NewWithdrawCmd(), NewCancelOrdersCmd())
	return cmd
}

// NewDepositCmd returns `deposit [subaccount-number] [amount]`.
func NewDepositCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deposit [subaccount-number] [amount]",
		Short: "Deposit collateral from your bank balance into one of your subaccounts",
		Long:  "Amount is a coin such as 1000000uusdc, or a bare integer meaning the collateral denom (uusdc).",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			number, coin, err := parseNumberAndAmount(args[0], args[1])
			if err != nil {
				return err
			}
			msg := &types.MsgDeposit{Sender: clientCtx.GetFromAddress().String(), SubaccountNumber: number, Amount: coin}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// NewWithdrawCmd returns `withdraw [subaccount-number] [amount] [--recipient addr]`.
func NewWithdrawCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "withdraw [subaccount-number] [amount]",
		Short: "Withdraw free collateral from one of your subaccounts to your bank balance (or --recipient)",
		Long:  "Amount is a coin such as 1000000uusdc, or a bare integer meaning the collateral denom (uusdc).",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			number, coin, err := parseNumberAndAmount(args[0], args[1])
			if err != nil {
				return err
			}
			recipient, err := cmd.Flags().GetString(FlagRecipient)
			if err != nil {
				return err
			}
			msg := &types.MsgWithdraw{
				Sender: clientCtx.GetFromAddress().String(), SubaccountNumber: number, Amount: coin, Recipient: recipient,
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().String(FlagRecipient, "", "bech32 address that receives the funds (default: the sender)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// NewCancelOrdersCmd returns `cancel-orders [subaccount-number] [order-hash-hex]... [--good-til-block N]`.
func NewCancelOrdersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cancel-orders [subaccount-number] [order-hash-hex]...",
		Short: "Cancel orders you signed, by order hash, so that they never fill again",
		Long: "Each order hash is the 64-character hex sha256 of the order's sign bytes (the SDK's orderHash(); " +
			"`q clearing order-fill` takes the same form). Only the orders' own signer can cancel them: the sender is --from.\n" +
			"--good-til-block sets how long the cancellations are kept (0, the default, lets the chain choose: the order's " +
			"own good_til_block when it has filled before, else the current height + max_order_lifetime_blocks); set it to an " +
			"order's good_til_block to cancel an order dated further ahead.",
		Example: "clearchaind tx clearing cancel-orders 0 d4a92cc30170be05eba31f762c1ba29e17c86ff4afd807f2b907896639d75e7d --from alice",
		Args:    cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			number, err := strconv.ParseUint(args[0], 10, 32)
			if err != nil {
				return fmt.Errorf("subaccount number %q: %s", args[0], err.Error())
			}
			hashes, err := parseOrderHashes(args[1:])
			if err != nil {
				return err
			}
			goodTilBlock, err := cmd.Flags().GetInt64(FlagGoodTilBlock)
			if err != nil {
				return err
			}
			msg := &types.MsgCancelOrders{
				Sender: clientCtx.GetFromAddress().String(), SubaccountNumber: uint32(number), OrderHashes: hashes, GoodTilBlock: goodTilBlock,
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().Int64(FlagGoodTilBlock, 0, "last height the cancellations are kept (0: chosen by the chain)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// parseOrderHashes decodes 64-character hex order hashes (an optional 0x prefix is accepted) into 32-byte hashes.
func parseOrderHashes(args []string) ([][]byte, error) {
	out := make([][]byte, 0, len(args))
	for _, a := range args {
		s := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(a), "0x"), "0X")
		bz, err := hex.DecodeString(s)
		if err != nil || len(bz) != 32 {
			return nil, fmt.Errorf("order hash %q: want 64 hex characters (the sha256 of the order's sign bytes)", a)
		}
		out = append(out, bz)
	}
	return out, nil
}

// parseNumberAndAmount parses a subaccount number and a coin or bare integer amount (collateral denom).
func parseNumberAndAmount(numberArg, amountArg string) (uint32, sdk.Coin, error) {
	n, err := strconv.ParseUint(numberArg, 10, 32)
	if err != nil {
		return 0, sdk.Coin{}, fmt.Errorf("subaccount number %q: %s", numberArg, err.Error())
	}
	amountArg = strings.TrimSpace(amountArg)
	if amt, ok := math.NewIntFromString(amountArg); ok {
		return uint32(n), sdk.Coin{Denom: types.DefaultCollateralDenom, Amount: amt}, nil
	}
	coin, err := sdk.ParseCoinNormalized(amountArg)
	if err != nil {
		return 0, sdk.Coin{}, fmt.Errorf("amount %q: want e.g. 1000000uusdc or 1000000: %s", amountArg, err.Error())
	}
	return uint32(n), coin, nil
}
