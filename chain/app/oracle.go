package app

import (
	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/spf13/cast"

	oracleabci "github.com/clearchain/clearchain/chain/x/oracle/abci"
	oracletypes "github.com/clearchain/clearchain/chain/x/oracle/types"
)

const (
	// FlagOracleFeederURL is the app.toml key of the local price-feeder's base URL ("" disables voting prices).
	FlagOracleFeederURL = "oracle.feeder-url"
	// FlagOracleFeederTimeout is the app.toml key of the per-request feeder timeout (at most 250ms).
	FlagOracleFeederTimeout = "oracle.feeder-timeout"
	// FlagOracleFeederMaxAge is the app.toml key of the oldest feeder answer (by its timestamp_ms) a node votes (default 5s).
	FlagOracleFeederMaxAge = "oracle.feeder-max-age"
	// DefaultOracleFeederURL is where a validator's clearchain-feeder listens by default.
	DefaultOracleFeederURL = "http://127.0.0.1:7171"
)

// setOracleHandlers installs the vote-extension and proposal handlers that carry validator prices on chain.
func (app *App) setOracleHandlers(appOpts servertypes.AppOptions, logger log.Logger) {
	var source oracleabci.PriceSource
	if url := cast.ToString(appOpts.Get(FlagOracleFeederURL)); url != "" {
		timeout := cast.ToDuration(appOpts.Get(FlagOracleFeederTimeout))
		if timeout == 0 {
			timeout = oracleabci.DefaultFeederTimeout
		}
		source = oracleabci.NewHTTPFeeder(url, timeout).WithMaxAge(cast.ToDuration(appOpts.Get(FlagOracleFeederMaxAge)))
	}
	ve := oracleabci.NewVoteExtensionHandler(app.OracleKeeper, source, logger)
	app.SetExtendVoteHandler(ve.ExtendVoteHandler())
	app.SetVerifyVoteExtensionHandler(ve.VerifyVoteExtensionHandler())

	// The block's oracle transaction (MsgInjectedVotes, transaction 0) executes as a no-op; an app-side mempool
	// never holds it (ante_injected_mempool.go).
	oracletypes.RegisterInjectedServer(app.MsgServiceRouter(), oracletypes.NoopInjectedServer{})
	app.SetMempool(guardMempool(app.Mempool()))
	def := baseapp.NewDefaultProposalHandler(app.Mempool(), app)
	ph := oracleabci.NewProposalHandler(app.OracleKeeper, app.StakingKeeper, def.PrepareProposalHandler(), def.ProcessProposalHandler(), logger)
	app.SetPrepareProposal(ph.PrepareProposalHandler())
	app.SetProcessProposal(ph.ProcessProposalHandler())
}

// enableVoteExtensions turns vote extensions on from the first block when a genesis left them off: the oracle
// depends on them. The change is stored and returned to CometBFT in ResponseInitChain.
func (app *App) enableVoteExtensions(ctx sdk.Context, req *abci.RequestInitChain, res *abci.ResponseInitChain) error {
	if req.ConsensusParams == nil || (req.ConsensusParams.Abci != nil && req.ConsensusParams.Abci.VoteExtensionsEnableHeight > 0) {
		return nil
	}
	cp := *req.ConsensusParams
	height := req.InitialHeight
	if height < 1 {
		height = 1
	}
	cp.Abci = &cmtproto.ABCIParams{VoteExtensionsEnableHeight: height}
	if err := app.StoreConsensusParams(ctx, cp); err != nil {
		return err
	}
	res.ConsensusParams = &cp
	return nil
}
