package cmd

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtcfg "github.com/cometbft/cometbft/config"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/cosmos-sdk/client/flags"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cast"

	"github.com/clearchain/clearchain/chain/app"
	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	oraclekeeper "github.com/clearchain/clearchain/chain/x/oracle/keeper"
)

// metricsListener records the x/clearing and x/oracle Prometheus metrics (see their keepers' metrics.go) after
// every finalized block. It is an SDK ABCI listener (the streaming hook baseapp calls at the end of FinalizeBlock
// with the request, the response and the finalized, not yet committed, state), so the metrics code runs outside
// the consensus path: it reads, never writes, and a failure or panic in it is logged and ignored.
type metricsListener struct {
	app    *app.App
	logger log.Logger
	// ownConsAddr is this node's validator consensus address (priv_validator_key.json), nil when unknown.
	ownConsAddr []byte
}

var _ storetypes.ABCIListener = (*metricsListener)(nil)

// registerMetricsListener adds the metrics listener to the app's streaming manager (after any configured plugin).
func registerMetricsListener(a *app.App, appOpts servertypes.AppOptions, logger log.Logger) {
	l := &metricsListener{app: a, logger: logger.With("module", "metrics"), ownConsAddr: ownConsensusAddress(appOpts)}
	sm := a.StreamingManager()
	sm.ABCIListeners = append(sm.ABCIListeners, l)
	a.SetStreamingManager(sm)
}

// ListenFinalizeBlock implements storetypes.ABCIListener.
func (l *metricsListener) ListenFinalizeBlock(ctx context.Context, req abci.RequestFinalizeBlock, res abci.ResponseFinalizeBlock) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("metrics listener panicked: %s", fmt.Sprint(r))
		}
	}()
	sdkCtx, ok := ctx.(sdk.Context)
	if !ok {
		sdkCtx = sdk.UnwrapSDKContext(ctx)
	}
	events := make([]abci.Event, 0, len(res.Events))
	events = append(events, res.Events...)
	for _, tx := range res.TxResults {
		if tx != nil && tx.Code == 0 {
			events = append(events, tx.Events...)
		}
	}
	l.app.ClearingKeeper.ObserveBlock(sdkCtx, events)
	l.app.OracleKeeper.ObserveBlock(sdkCtx, events)
	if result, ok := ownVoteResult(l.ownConsAddr, req); ok {
		oraclekeeper.ObserveOwnVote(result)
	}
	return nil
}

// ListenCommit implements storetypes.ABCIListener (nothing to do).
func (l *metricsListener) ListenCommit(context.Context, abci.ResponseCommit, []*storetypes.StoreKVPair) error {
	return nil
}

// ownVoteResult classifies own's vote in the block's decided last commit: missed when absent (or not a commit
// vote), empty when the oracle data of the block (transaction 0) holds no usable price from it, ok otherwise.
// ok is false when own is unknown or not a validator of that commit.
func ownVoteResult(own []byte, req abci.RequestFinalizeBlock) (string, bool) {
	if len(own) == 0 {
		return "", false
	}
	var found *abci.VoteInfo
	for i := range req.DecidedLastCommit.Votes {
		if bytes.Equal(req.DecidedLastCommit.Votes[i].Validator.Address, own) {
			found = &req.DecidedLastCommit.Votes[i]
			break
		}
	}
	if found == nil {
		return "", false
	}
	if found.BlockIdFlag != cmtproto.BlockIDFlagCommit {
		return oraclekeeper.OwnVoteMissed, true
	}
	if len(req.Txs) == 0 {
		return "", false
	}
	info, err := oracleabci.DecodeInjected(req.Txs[0])
	if err != nil {
		return "", false // no oracle data in this block (vote extensions off, or the first block)
	}
	for _, v := range info.Votes {
		if bytes.Equal(v.Validator.Address, own) {
			if len(v.VoteExtension) == 0 {
				return oraclekeeper.OwnVoteEmpty, true
			}
			return oraclekeeper.OwnVoteOK, true
		}
	}
	return oraclekeeper.OwnVoteEmpty, true
}

// ownConsensusAddress reads this node's validator address from priv_validator_key.json (CometBFT's
// priv_validator_key_file, relative to the home). Only the public "address" field is read. Nil when the file is
// missing (a full node, or a remote signer).
func ownConsensusAddress(appOpts servertypes.AppOptions) []byte {
	home := cast.ToString(appOpts.Get(flags.FlagHome))
	keyFile := cast.ToString(appOpts.Get("priv_validator_key_file"))
	if keyFile == "" {
		keyFile = cmtcfg.DefaultConfig().PrivValidatorKey
	}
	if !filepath.IsAbs(keyFile) {
		keyFile = filepath.Join(home, keyFile)
	}
	bz, err := os.ReadFile(keyFile)
	if err != nil {
		return nil
	}
	var key struct {
		Address string `json:"address"`
	}
	if err := json.Unmarshal(bz, &key); err != nil {
		return nil
	}
	addr, err := hex.DecodeString(key.Address)
	if err != nil || len(addr) == 0 {
		return nil
	}
	return addr
}
