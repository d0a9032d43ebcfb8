package keeper

import (
	"runtime"
	"sync"

	errorsmod "cosmossdk.io/errors"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// verifyFillSignatures checks every fill's two order signatures on all cores. Each result is a pure function of
// the fill's bytes, written to its own slot, so the outcome is deterministic whatever the scheduling; settlement
// then consumes the results in fill order at the same point of its check sequence.
func verifyFillSignatures(fills []types.Fill) []error {
	results := make([]error, len(fills))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(fills) {
		workers = len(fills)
	}
	var wg sync.WaitGroup
	next := make(chan int, len(fills))
	for i := range fills {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = verifyFillSignature(fills[i])
			}
		}()
	}
	wg.Wait()
	return results
}

// verifyFillSignature checks both orders of one fill (maker first).
func verifyFillSignature(f types.Fill) error {
	if err := types.VerifyOrderSignature(f.MakerOrder, f.MakerPubKey, f.MakerSignature); err != nil {
		return errorsmod.Wrap(err, "maker")
	}
	if err := types.VerifyOrderSignature(f.TakerOrder, f.TakerPubKey, f.TakerSignature); err != nil {
		return errorsmod.Wrap(err, "taker")
	}
	return nil
}
