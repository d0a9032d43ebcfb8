package abci

import (
	"bytes"
	"fmt"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
)

// InjectedTxPrefix marks the pseudo-transaction at index 0 of a block that carries the extended commit info
// (every validator's signed vote extension). It is not a valid SDK transaction: FinalizeBlock reports a decode
// failure for it, and CheckTx rejects it, so it can never enter the mempool.
var InjectedTxPrefix = []byte("clearchain/oracle/extended-commit/v1:")

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

// PrepareProposalHandler puts the local extended commit info first in the block, then the default selection
// of mempool transactions within the remaining byte budget.
func (h *ProposalHandler) PrepareProposalHandler() sdk.PrepareProposalHandler {
	return func(ctx sdk.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
		if !voteExtensionsEnabled(ctx, req.Height) {
			return h.prepare(ctx, req)
		}
		if err := baseapp.ValidateVoteExtensions(ctx, h.valStore, req.Height, ctx.ChainID(), req.LocalLastCommit); err != nil {
			h.logger.Error("local extended commit failed validation; proposing without oracle data", "height", req.Height, "err", err)
			return h.prepare(ctx, req)
		}
		info, err := req.LocalLastCommit.Marshal()
		if err != nil {
			return nil, err
		}
		injected := append(append([]byte{}, InjectedTxPrefix...), info...)
		inner := *req
		inner.MaxTxBytes -= int64(len(injected))
		inner.Txs = withoutInjected(req.Txs)
		res, err := h.prepare(ctx, &inner)
		if err != nil {
			return nil, err
		}
		res.Txs = append([][]byte{injected}, res.Txs...)
		return res, nil
	}
}

// ProcessProposalHandler rejects a block whose oracle data is missing, misplaced, unsigned, short of 2/3 of the
// last commit's power, or carries an invalid extension; the rest is checked by the default handler.
func (h *ProposalHandler) ProcessProposalHandler() sdk.ProcessProposalHandler {
	return func(ctx sdk.Context, req *abci.RequestProcessProposal) (*abci.ResponseProcessProposal, error) {
		reject := &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_REJECT}
		if err := h.checkOracleData(ctx, req.Height, req.Txs); err != nil {
			h.logger.Error("rejecting proposal", "height", req.Height, "err", err)
			return reject, nil
		}
		inner := *req
		if voteExtensionsEnabled(ctx, req.Height) && len(req.Txs) > 0 && isInjected(req.Txs[0]) {
			inner.Txs = req.Txs[1:]
		}
		return h.process(ctx, &inner)
	}
}

// checkOracleData validates the injected extended commit (or its absence when vote extensions are off).
func (h *ProposalHandler) checkOracleData(ctx sdk.Context, height int64, txs [][]byte) error {
	for i, tx := range txs {
		if isInjected(tx) && (i != 0 || !voteExtensionsEnabled(ctx, height)) {
			return fmt.Errorf("oracle data at index %d", i)
		}
	}
	if !voteExtensionsEnabled(ctx, height) || len(txs) == 0 || !isInjected(txs[0]) {
		// A proposer may omit oracle data (e.g. its own commit failed validation): prices then age toward
		// staleness for one block instead of the chain halting.
		return nil
	}
	info, err := DecodeInjected(txs[0])
	if err != nil {
		return err
	}
	if err := baseapp.ValidateVoteExtensions(ctx, h.valStore, height, ctx.ChainID(), info); err != nil {
		return err
	}
	validator, err := newExtensionValidator(ctx, h.keeper)
	if err != nil {
		return err
	}
	for _, v := range info.Votes {
		if _, err := validator.decode(v.VoteExtension); err != nil {
			return fmt.Errorf("validator %X: %w", v.Validator.Address, err)
		}
	}
	return nil
}

// isInjected reports whether a block tx is the oracle pseudo-transaction.
func isInjected(tx []byte) bool { return bytes.HasPrefix(tx, InjectedTxPrefix) }

// withoutInjected drops any oracle pseudo-transactions (a mempool can never hold one; defensive).
func withoutInjected(txs [][]byte) [][]byte {
	out := make([][]byte, 0, len(txs))
	for _, tx := range txs {
		if !isInjected(tx) {
			out = append(out, tx)
		}
	}
	return out
}

// DecodeInjected decodes the extended commit info from the oracle pseudo-transaction.
func DecodeInjected(tx []byte) (abci.ExtendedCommitInfo, error) {
	var info abci.ExtendedCommitInfo
	if !isInjected(tx) {
		return info, fmt.Errorf("not an oracle pseudo-transaction")
	}
	if err := info.Unmarshal(tx[len(InjectedTxPrefix):]); err != nil {
		return info, fmt.Errorf("decode extended commit info: %w", err)
	}
	return info, nil
}
