package abci

import (
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// PreBlock aggregates the block's oracle data (transaction 0: the MsgInjectedVotes transaction or, in blocks
// committed before it, the legacy prefixed form; DecodeInjected) into prices before any transaction runs, so every
// transaction of the block sees the same prices. Blocks without oracle data leave prices untouched, and so does oracle data
// that is undecodable or does not match req.DecidedLastCommit (ProcessProposal already refused such blocks; this
// is defence in depth for replay). Invalid extensions and entries for pairs no longer enabled are skipped
// (CollectVotes). It never panics on input: a panic leaves prices unchanged.
func PreBlock(ctx sdk.Context, k *keeper.Keeper, req *abci.RequestFinalizeBlock) (err error) {
	if !voteExtensionsEnabled(ctx, req.Height) || len(req.Txs) == 0 || !isInjected(req.Txs[0]) {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			ctx.Logger().Error("oracle aggregation panicked; prices unchanged", "height", req.Height, "panic", fmt.Sprint(r))
			err = nil
		}
	}()
	info, err := DecodeInjected(req.Txs[0])
	if err != nil {
		ctx.Logger().Error("undecodable oracle data in a committed block; prices unchanged", "err", err.Error())
		return nil
	}
	if err := MatchLastCommit(info, req.DecidedLastCommit); err != nil {
		ctx.Logger().Error("oracle data does not match the decided last commit; prices unchanged", "err", err.Error())
		return nil
	}
	cacheCtx, write := ctx.CacheContext() // nothing is written if aggregation fails or panics half-way
	votes, totalPower := CollectVotes(cacheCtx, k, info)
	if err := k.ApplyVotes(cacheCtx, votes, totalPower); err != nil {
		return err
	}
	write()
	return nil
}

// CollectVotes returns the usable extensions of commit votes and the total power of the last validator set.
// A vote whose extension is not structurally valid (types.DecodeVoteExtension under the consensus hard cap, not
// the current param: it was signed under the previous height's) is skipped as a whole, as if absent: only a
// faulty or malicious validator signs one, and a late precommit can carry it (CometBFT does not run
// VerifyVoteExtension on those). Entries for pairs that are not enabled now are dropped one by one, keeping the
// vote's other entries: governance may have delisted a pair in the block these votes were signed for.
func CollectVotes(ctx sdk.Context, k *keeper.Keeper, info abci.ExtendedCommitInfo) ([]keeper.ValidatorVote, int64) {
	var total int64
	votes := make([]keeper.ValidatorVote, 0, len(info.Votes))
	enabled, err := k.EnabledPairSet(ctx)
	if err != nil {
		ctx.Logger().Error("cannot load oracle pairs; no prices this block", "err", err.Error())
		return nil, 0
	}
	isEnabled := func(id uint32) bool { _, ok := enabled[id]; return ok } // a lookup: no map iteration order involved
	for _, v := range info.Votes {
		total += v.Validator.Power
		if v.BlockIdFlag != cmtproto.BlockIDFlagCommit || len(v.VoteExtension) == 0 {
			continue
		}
		ext, err := types.DecodeVoteExtension(v.VoteExtension, types.MaxVoteExtensionBytesHardCap)
		if err != nil {
			continue
		}
		ext.Prices = types.EnabledPricesOnly(ext.Prices, isEnabled)
		if len(ext.Prices) == 0 {
			continue
		}
		votes = append(votes, keeper.ValidatorVote{ConsAddress: v.Validator.Address, Power: v.Validator.Power, Extension: ext})
	}
	return votes, total
}
