// Package cli holds the clearing module's hand-written transaction commands.
package cli

import (
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

// GetTxCmd returns the `tx clearing` command with deposit and withdraw.
func GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Clearing transaction subcommands",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(NewDepositCmd(), NewWithdrawCmd())
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
