package abci

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// verifyExtendedCommit checks what an honest proposer's injected extended commit always satisfies, and nothing
// else: it is exactly the block's last commit (MatchLastCommit), votes that did not commit carry no extension,
// and baseapp.ValidateVoteExtensions accepts it (valid extension signatures from more than 2/3 of the power).
// The extensions' content is deliberately not judged here (see PreBlock): it was signed under the rules of the
// previous height, and CometBFT does not run VerifyVoteExtension on late precommits.
func verifyExtendedCommit(ctx sdk.Context, valStore baseapp.ValidatorStore, info abci.ExtendedCommitInfo, lastCommit abci.CommitInfo) error {
	if err := MatchLastCommit(info, lastCommit); err != nil {
		return err
	}
	for _, v := range info.Votes {
		if v.BlockIdFlag != cmtproto.BlockIDFlagCommit && (len(v.VoteExtension) > 0 || len(v.ExtensionSignature) > 0) {
			return errorsmod.Wrapf(types.ErrInvalidProposal, "validator %X did not commit but carries a vote extension", v.Validator.Address)
		}
	}
	if err := baseapp.ValidateVoteExtensions(ctx, valStore, 0, "", info); err != nil {
		return errorsmod.Wrap(types.ErrInvalidProposal, err.Error())
	}
	return nil
}

// MatchLastCommit reports whether an extended commit carries exactly the votes of a block's last commit: same
// round, same validators in the same order with the same power, and the same BlockIdFlag for every vote. Without
// it a proposer could mark chosen reporters absent (and strip their prices) to move the median.
func MatchLastCommit(info abci.ExtendedCommitInfo, lastCommit abci.CommitInfo) error {
	if info.Round != lastCommit.Round {
		return errorsmod.Wrapf(types.ErrInvalidProposal, "oracle data is for round %d, the last commit for round %d", info.Round, lastCommit.Round)
	}
	if len(info.Votes) != len(lastCommit.Votes) {
		return errorsmod.Wrapf(types.ErrInvalidProposal, "oracle data has %d votes, the last commit %d", len(info.Votes), len(lastCommit.Votes))
	}
	for i, v := range info.Votes {
		want := lastCommit.Votes[i]
		switch {
		case !bytes.Equal(v.Validator.Address, want.Validator.Address):
			return errorsmod.Wrapf(types.ErrInvalidProposal, "vote %d is from %X, the last commit's from %X", i, v.Validator.Address, want.Validator.Address)
		case v.Validator.Power != want.Validator.Power:
			return errorsmod.Wrapf(types.ErrInvalidProposal, "vote %d has power %d, the last commit's %d", i, v.Validator.Power, want.Validator.Power)
		case v.BlockIdFlag != want.BlockIdFlag:
			return errorsmod.Wrapf(types.ErrInvalidProposal, "vote %d of %X is %s, in the last commit %s", i, v.Validator.Address, v.BlockIdFlag, want.BlockIdFlag)
		}
	}
	return nil
}

// commitInfoOf is the last commit CometBFT derives from the same extended commit (the proposer's own view).
func commitInfoOf(info abci.ExtendedCommitInfo) abci.CommitInfo {
	lc := abci.CommitInfo{Round: info.Round, Votes: make([]abci.VoteInfo, 0, len(info.Votes))}
	for _, v := range info.Votes {
		lc.Votes = append(lc.Votes, abci.VoteInfo{Validator: v.Validator, BlockIdFlag: v.BlockIdFlag})
	}
	return lc
}
