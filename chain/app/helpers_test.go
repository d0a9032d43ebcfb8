package app_test

import (
	"encoding/json"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
)

// initChain runs InitChain with the default genesis plus one random validator and one funded account.
func initChain(t testing.TB, a *app.App, chainID string) {
	t.Helper()
	valSet, err := simtestutil.CreateRandomValidatorSet()
	require.NoError(t, err)
	acc := authtypes.NewBaseAccountWithAddress(sdk.AccAddress([]byte("genesis-account-0001")))
	balance := banktypes.Balance{Address: acc.GetAddress().String(),
		Coins: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100_000_000_000_000), sdk.NewInt64Coin(app.CollateralDenom, 1_000_000))}
	genesis, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, []authtypes.GenesisAccount{acc}, balance)
	require.NoError(t, err)
	bz, err := json.Marshal(genesis)
	require.NoError(t, err)
	_, err = a.InitChain(&abci.RequestInitChain{ChainId: chainID, AppStateBytes: bz, ConsensusParams: simtestutil.DefaultConsensusParams})
	require.NoError(t, err)
}
