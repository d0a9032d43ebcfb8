package cmd

import "time"

// defaultTimeoutCommit is CometBFT's pause after a commit: 500 ms gives sub-second blocks.
const defaultTimeoutCommit = 500 * time.Millisecond
