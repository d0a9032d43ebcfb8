package abci

import (
	"context"
	"fmt"
	"sort"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// VoteExtensionHandler builds and verifies oracle vote extensions.
type VoteExtensionHandler struct {
	keeper *keeper.Keeper
	source PriceSource
	logger log.Logger
}

// NewVoteExtensionHandler returns the handler; a nil source makes this validator vote empty extensions.
func NewVoteExtensionHandler(k *keeper.Keeper, source PriceSource, logger log.Logger) *VoteExtensionHandler {
	return &VoteExtensionHandler{keeper: k, source: source, logger: logger.With("module", "x/oracle")}
}

// ExtendVoteHandler asks the local feeder for prices and encodes those of enabled pairs. Any failure (no feeder,
// timeout, bad data, even a panic) yields an empty extension: a broken feeder silences this validator's vote
// and never stalls or crashes the node.
func (h *VoteExtensionHandler) ExtendVoteHandler() sdk.ExtendVoteHandler {
	return func(ctx sdk.Context, req *abci.RequestExtendVote) (resp *abci.ResponseExtendVote, err error) {
		empty := &abci.ResponseExtendVote{VoteExtension: []byte{}}
		defer func() {
			if r := recover(); r != nil {
				h.logger.Error("ExtendVote panicked; voting an empty extension", "panic", fmt.Sprint(r))
				resp, err = empty, nil
			}
		}()
		bz, buildErr := h.buildExtension(ctx)
		if buildErr != nil {
			if h.source == nil { // configured off ([oracle] feeder-url = ""): expected, not a fault
				h.logger.Info("no oracle prices this block; voting an empty extension", "height", req.Height, "err", buildErr)
			} else { // feeder unreachable, failing, stale or answering garbage: the operator must look
				h.logger.Warn("no oracle prices this block; voting an empty extension", "height", req.Height, "err", buildErr)
			}
			return empty, nil
		}
		return &abci.ResponseExtendVote{VoteExtension: bz}, nil
	}
}

// buildExtension fetches prices and encodes them sorted by pair id.
func (h *VoteExtensionHandler) buildExtension(ctx sdk.Context) ([]byte, error) {
	if h.source == nil {
		return nil, fmt.Errorf("no price feeder configured")
	}
	pairs, err := h.keeper.EnabledPairSet(ctx)
	if err != nil {
		return nil, err
	}
	quotes, err := h.source.Prices(context.Background())
	if err != nil {
		return nil, err
	}
	ext := types.OracleVoteExtension{}
	for id, pair := range pairs {
		s, ok := quotes[pair.Name()]
		if !ok {
			continue
		}
		q, err := types.ParsePrice(s, pair.Decimals)
		if err != nil {
			h.logger.Warn("feeder price rejected", "pair", pair.Name(), "err", err)
			continue
		}
		ext.Prices = append(ext.Prices, types.PairPrice{PairId: id, PriceQuantums: q})
	}
	sort.Slice(ext.Prices, func(i, j int) bool { return ext.Prices[i].PairId < ext.Prices[j].PairId })
	params, err := h.keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	bz, err := ext.Marshal()
	if err != nil {
		return nil, err
	}
	if uint64(len(bz)) > uint64(params.MaxVoteExtensionBytes) {
		return nil, fmt.Errorf("extension of %d bytes exceeds the limit", len(bz))
	}
	return bz, nil
}

// VerifyVoteExtensionHandler rejects oversized, malformed, non-canonical, unknown-pair, duplicate or
// non-positive extensions. It never panics on input.
func (h *VoteExtensionHandler) VerifyVoteExtensionHandler() sdk.VerifyVoteExtensionHandler {
	return func(ctx sdk.Context, req *abci.RequestVerifyVoteExtension) (resp *abci.ResponseVerifyVoteExtension, err error) {
		reject := &abci.ResponseVerifyVoteExtension{Status: abci.ResponseVerifyVoteExtension_REJECT}
		defer func() {
			if r := recover(); r != nil {
				h.logger.Error("VerifyVoteExtension panicked; rejecting", "panic", fmt.Sprint(r))
				resp, err = reject, nil
			}
		}()
		if err := ValidateExtension(ctx, h.keeper, req.VoteExtension); err != nil {
			h.logger.Info("rejecting oracle vote extension", "height", req.Height, "validator", fmt.Sprintf("%X", req.ValidatorAddress), "err", err)
			return reject, nil
		}
		return &abci.ResponseVerifyVoteExtension{Status: abci.ResponseVerifyVoteExtension_ACCEPT}, nil
	}
}

// ValidateExtension checks extension bytes against the current params and enabled pairs: the rules an extension
// is signed under (VerifyVoteExtension). Blocks are not judged by it (see CollectVotes).
func ValidateExtension(ctx sdk.Context, k *keeper.Keeper, bz []byte) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	pairs, err := k.EnabledPairSet(ctx)
	if err != nil {
		return err
	}
	_, err = types.ValidateVoteExtension(bz, params.MaxVoteExtensionBytes, func(id uint32) bool { _, ok := pairs[id]; return ok })
	return err
}
