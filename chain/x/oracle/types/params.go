package types

import errorsmod "cosmossdk.io/errors"

// DefaultParams returns the default global oracle parameters.
func DefaultParams() Params {
	return Params{
		MaxVoteExtensionBytes: 4096,
		HistoryBlocks:         600,
		MinReportingPowerPpm:  666_667, // reporters must hold > 2/3 of the voting power
		MaxPairs:              64,
	}
}

// Validate checks the global parameters.
func (p Params) Validate() error {
	if p.MaxVoteExtensionBytes < 64 || p.MaxVoteExtensionBytes > MaxVoteExtensionBytesHardCap {
		return errorsmod.Wrapf(ErrInvalidParams, "max_vote_extension_bytes must be in 64..%d, got %d", MaxVoteExtensionBytesHardCap, p.MaxVoteExtensionBytes)
	}
	if p.HistoryBlocks < 2 || p.HistoryBlocks > 10_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "history_blocks must be in 2..10000, got %d", p.HistoryBlocks)
	}
	if p.MinReportingPowerPpm < 500_000 || p.MinReportingPowerPpm >= PPM {
		return errorsmod.Wrapf(ErrInvalidParams, "min_reporting_power_ppm must be in 500000..999999, got %d", p.MinReportingPowerPpm)
	}
	if p.MaxPairs == 0 || p.MaxPairs > 1_000 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_pairs must be in 1..1000, got %d", p.MaxPairs)
	}
	return nil
}
