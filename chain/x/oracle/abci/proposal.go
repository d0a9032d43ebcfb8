package abci

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// ProposalHandler wraps the default proposal handlers to carry vote extensions into the block.
type ProposalHandler struct {
	keeper   *keeper.Keeper
	valStore baseapp.ValidatorStore
	prepare  sdk.PrepareProposalHandler
	process  sdk.ProcessProposalHandler
	logger   log.Logger
}

// NewProposalHandler wraps the given default prepare/process handlers.
func NewProposalHandler(k *keeper.Keeper, valStore baseapp.ValidatorStore, prepare sdk.PrepareProposalHandler,
	process sdk.ProcessProposalHandler, logger log.Logger,
) *ProposalHandler {
	return &ProposalHandler{keeper: k, valStore: valStore, prepare: prepare, process: process, logger: logger.With("module", "x/oracle")}
}

// voteExtensionsEnabled reports whether blocks at height carry the previous height's vote extensions.
func voteExtensionsEnabled(ctx sdk.Context, height int64) bool {
	cp := ctx.ConsensusParams()
	return cp.Abci != nil && cp.Abci.VoteExtensionsEnableHeight > 0 && height > cp.Abci.VoteExtensionsEnableHeight
}

// PrepareProposalHandler puts the local extended commit info first in the block as the oracle transaction
// (oracleTx: an SDK transaction holding one MsgInjectedVotes), then the default selection of mempool transactions
// within the remaining byte budget.
func (h *ProposalHandler) PrepareProposalHandler() sdk.PrepareProposalHandler {
	return func(ctx sdk.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
		inner := *req
		inner.Txs = withoutInjected(req.Txs)
		if !voteExtensionsEnabled(ctx, req.Height) {
			return h.prepare(ctx, &inner)
		}
		injected := h.oracleTx(ctx, req)
		if injected == nil {
			return h.prepare(ctx, &inner)
		}
		inner.MaxTxBytes -= blockBytesOf(injected)
		res, err := h.prepare(ctx, &inner)
		if err != nil {
			return nil, err
		}
		res.Txs = append([][]byte{injected}, res.Txs...)
		return res, nil
	}
}

// oracleTx returns the oracle transaction carrying the local extended commit (EncodeInjectedTx), or nil to propose without oracle
// data (prices age one block). It injects only what verifyExtendedCommit (the very check ProcessProposal
// applies) accepts, so an honest proposer's oracle data is always valid; a commit that fails it, does not fit
// the block, or makes the check panic is left out.
func (h *ProposalHandler) oracleTx(ctx sdk.Context, req *abci.RequestPrepareProposal) (injected []byte) {
	defer func() {
		if r := recover(); r != nil {
			h.logger.Error("checking the local extended commit panicked; proposing without oracle data", "height", req.Height, "panic", fmt.Sprint(r))
			injected = nil
		}
	}()
	if err := verifyExtendedCommit(ctx, h.valStore, req.LocalLastCommit, commitInfoOf(req.LocalLastCommit)); err != nil {
		h.logger.Error("local extended commit failed validation; proposing without oracle data", "height", req.Height, "err", err.Error())
		return nil
	}
	injected, err := EncodeInjectedTx(req.LocalLastCommit)
	if err != nil {
		h.logger.Error("cannot encode the local extended commit; proposing without oracle data", "height", req.Height, "err", err.Error())
		return nil
	}
	if blockBytesOf(injected) > req.MaxTxBytes {
		h.logger.Error("oracle data does not fit the block; proposing without it", "height", req.Height, "bytes", len(injected))
		return nil
	}
	return injected
}

// blockBytesOf is what tx takes of a block's max_tx_bytes: its bytes plus their protobuf framing, as CometBFT
// (and the default proposal handler's selection) counts them.
func blockBytesOf(tx []byte) int64 { return cmttypes.ComputeProtoSizeForTxs([]cmttypes.Tx{tx}) }

// ProcessProposalHandler rejects a block whose oracle data is misplaced (anywhere but transaction 0), repeated,
// in the legacy format, not in canonical form, or not exactly the block's signed last commit
// (verifyExtendedCommit); the rest is checked by the default handler, whose ante run refuses MsgInjectedVotes in
// any other transaction too. It never rejects a block for the content of a signed extension, and never panics on
// input (a panic rejects the block).
func (h *ProposalHandler) ProcessProposalHandler() sdk.ProcessProposalHandler {
	return func(ctx sdk.Context, req *abci.RequestProcessProposal) (resp *abci.ResponseProcessProposal, err error) {
		reject := &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_REJECT}
		defer func() {
			if r := recover(); r != nil {
				h.logger.Error("ProcessProposal panicked; rejecting", "height", req.Height, "panic", fmt.Sprint(r))
				resp, err = reject, nil
			}
		}()
		if err := h.checkOracleData(ctx, req); err != nil {
			h.logger.Error("rejecting proposal", "height", req.Height, "err", err.Error())
			return reject, nil
		}
		inner := *req
		if voteExtensionsEnabled(ctx, req.Height) && len(req.Txs) > 0 && isInjected(req.Txs[0]) {
			inner.Txs = req.Txs[1:]
		}
		return h.process(ctx, &inner)
	}
}

// checkOracleData validates the oracle transaction against the proposal's last commit (or its absence when vote
// extensions are off): only transaction 0 may carry MsgInjectedVotes, once, in the SDK-transaction form.
func (h *ProposalHandler) checkOracleData(ctx sdk.Context, req *abci.RequestProcessProposal) error {
	enabled := voteExtensionsEnabled(ctx, req.Height)
	seen := 0
	for i, tx := range req.Txs {
		if !isInjected(tx) {
			continue
		}
		seen++
		switch {
		case !enabled:
			return errorsmod.Wrapf(types.ErrInvalidProposal, "oracle data at index %d while vote extensions are off", i)
		case seen > 1:
			return errorsmod.Wrapf(types.ErrInvalidProposal, "oracle data more than once (again at index %d)", i)
		case i != 0:
			return errorsmod.Wrapf(types.ErrInvalidProposal, "oracle data at index %d, not 0", i)
		case isLegacyInjected(tx):
			return errorsmod.Wrap(types.ErrInvalidProposal, "oracle data in the legacy pseudo-transaction format")
		}
	}
	if seen == 0 {
		// A proposer may omit oracle data (e.g. its own commit failed validation): prices then age toward
		// staleness for one block instead of the chain halting.
		return nil
	}
	info, err := DecodeInjectedTx(req.Txs[0])
	if err != nil {
		return err
	}
	return verifyExtendedCommit(ctx, h.valStore, info, req.ProposedLastCommit)
}

// withoutInjected drops any transaction carrying oracle data (CheckTx refuses them, so a mempool never holds one;
// defensive).
func withoutInjected(txs [][]byte) [][]byte {
	out := make([][]byte, 0, len(txs))
	for _, tx := range txs {
		if !isInjected(tx) {
			out = append(out, tx)
		}
	}
	return out
}
