package app_test

import (
	"testing"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/app"
	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

// newInjectedTestApp boots the app and commits block 1, so block 2 is the first to carry oracle data.
func newInjectedTestApp(t *testing.T) *app.App {
	t.Helper()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID("injected-test"))
	initChain(t, a, "injected-test")
	_, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 1})
	require.NoError(t, err)
	_, err = a.Commit()
	require.NoError(t, err)
	return a
}

// oracleTx is the oracle transaction of a block whose last commit had no votes.
func oracleTx(t *testing.T) []byte {
	t.Helper()
	tx, err := oracleabci.EncodeInjectedTx(abci.ExtendedCommitInfo{})
	require.NoError(t, err)
	return tx
}

// userInjectedTx is an unsigned user transaction carrying MsgInjectedVotes next to a bank send.
func userInjectedTx(t *testing.T, a *app.App) []byte {
	t.Helper()
	b := a.TxConfig().NewTxBuilder()
	from := sdk.AccAddress([]byte("genesis-account-0001"))
	require.NoError(t, b.SetMsgs(&oracletypes.MsgInjectedVotes{ExtendedCommitInfo: []byte{1}},
		banktypes.NewMsgSend(from, from, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))))
	b.SetGasLimit(200_000)
	b.SetFeeAmount(sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 10_000)))
	bz, err := a.TxConfig().TxEncoder()(b.GetTx())
	require.NoError(t, err)
	return bz
}

// The oracle transaction decodes through the app's TxDecoder (REST /cosmos/tx/v1beta1/txs/{hash}, block_results)
// and its JSON names the message.
func TestOracleTxDecodesThroughTheAppTxDecoder(t *testing.T) {
	a := newInjectedTestApp(t)
	tx, err := a.TxConfig().TxDecoder()(oracleTx(t))
	require.NoError(t, err)
	require.Len(t, tx.GetMsgs(), 1)
	_, ok := tx.GetMsgs()[0].(*oracletypes.MsgInjectedVotes)
	require.True(t, ok)
	js, err := a.TxConfig().TxJSONEncoder()(tx)
	require.NoError(t, err)
	require.Contains(t, string(js), oracletypes.InjectedVotesTypeURL)
	signers, err := tx.(interface{ GetSigners() ([][]byte, error) }).GetSigners()
	require.NoError(t, err)
	require.Empty(t, signers, "no account signs it")
}

// CheckTx (new and recheck) and simulation refuse the oracle transaction and any user tx carrying the message.
func TestCheckTxRefusesTheOracleTx(t *testing.T) {
	a := newInjectedTestApp(t)
	for name, tx := range map[string][]byte{"oracle tx": oracleTx(t), "user tx": userInjectedTx(t, a)} {
		for _, typ := range []abci.CheckTxType{abci.CheckTxType_New, abci.CheckTxType_Recheck} {
			res, err := a.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: typ})
			require.NoError(t, err)
			require.Equal(t, oracletypes.ErrInjectedTxRefused.ABCICode(), res.Code, "%s %s: %s", name, typ, res.Log)
			require.Equal(t, oracletypes.ModuleName, res.Codespace)
		}
		_, _, err := a.Simulate(tx)
		require.ErrorIs(t, err, oracletypes.ErrInjectedTxRefused, name)
	}
}

// FinalizeBlock executes transaction 0 with code 0 and no gas asked; the same message anywhere else (which
// ProcessProposal already refuses) fails with the registered code, so it can never run twice.
func TestFinalizeBlockRunsTheOracleTxWithCode0(t *testing.T) {
	a := newInjectedTestApp(t)
	inj := oracleTx(t)
	res, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 2, Txs: [][]byte{inj, inj, userInjectedTx(t, a)}})
	require.NoError(t, err)
	require.Len(t, res.TxResults, 3)
	first := res.TxResults[0]
	require.Zero(t, first.Code, first.Log)
	require.Zero(t, first.GasWanted)
	var events []string
	for _, e := range first.Events {
		for _, attr := range e.Attributes {
			events = append(events, e.Type+"."+attr.Key+"="+attr.Value)
		}
	}
	require.Contains(t, events, "message.action="+oracletypes.InjectedVotesTypeURL)
	for i, r := range res.TxResults[1:] {
		require.Equal(t, oracletypes.ErrInjectedTxRefused.ABCICode(), r.Code, "tx %d: %s", i+1, r.Log)
	}
	_, err = a.Commit()
	require.NoError(t, err)
}

// A signed copy of the oracle tx at index 0 (which ProcessProposal refuses as non-canonical) does not pass either.
func TestFinalizeBlockRefusesASignedOracleTx(t *testing.T) {
	a := newInjectedTestApp(t)
	var raw txtypes.TxRaw
	require.NoError(t, raw.Unmarshal(oracleTx(t)))
	raw.Signatures = [][]byte{[]byte("sig")}
	signed, err := raw.Marshal()
	require.NoError(t, err)
	res, err := a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 2, Txs: [][]byte{signed}})
	require.NoError(t, err)
	require.Equal(t, oracletypes.ErrInjectedTxRefused.ABCICode(), res.TxResults[0].Code, res.TxResults[0].Log)
}
