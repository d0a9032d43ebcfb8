package abci

import (
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/keeper"
)

// PreBlock aggregates the block's oracle data into prices before any transaction runs, so every transaction
// of the block sees the same prices. Blocks without oracle data leave prices untouched. Invalid votes are
// skipped (ProcessProposal already refused blocks carrying them; this is defence in depth for replay).
func PreBlock(ctx sdk.Context, k *keeper.Keeper, req *abci.RequestFinalizeBlock) error {
	if !voteExtensionsEnabled(ctx, req.Height) || len(req.Txs) == 0 || !isInjected(req.Txs[0]) {
		return nil
	}
	info, err := DecodeInjected(req.Txs[0])
	if err != nil {
		ctx.Logger().Error("undecodable oracle data in a committed block; prices unchanged", "err", err)
		return nil
	}
	votes, totalPower := CollectVotes(ctx, k, info)
	return k.ApplyVotes(ctx, votes, totalPower)
}

// CollectVotes returns the valid extensions of commit votes and the total power of the last validator set.
func CollectVotes(ctx sdk.Context, k *keeper.Keeper, info abci.ExtendedCommitInfo) ([]keeper.ValidatorVote, int64) {
	var total int64
	votes := make([]keeper.ValidatorVote, 0, len(info.Votes))
	validator, err := newExtensionValidator(ctx, k)
	if err != nil {
		ctx.Logger().Error("cannot load oracle pairs; no prices this block", "err", err)
		return nil, 0
	}
	for _, v := range info.Votes {
		total += v.Validator.Power
		if v.BlockIdFlag != cmtproto.BlockIDFlagCommit || len(v.VoteExtension) == 0 {
			continue
		}
		ext, err := validator.decode(v.VoteExtension)
		if err != nil {
			continue
		}
		votes = append(votes, keeper.ValidatorVote{ConsAddress: v.Validator.Address, Power: v.Validator.Power, Extension: ext})
	}
	return votes, total
}
