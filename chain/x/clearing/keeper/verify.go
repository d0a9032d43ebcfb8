package keeper

import (
	"runtime"
	"sync"

	errorsmod "cosmossdk.io/errors"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// preparedFill is a fill whose two orders are prepared (owner parsed, sign bytes and hash computed) once.
type preparedFill struct {
	fill  types.Fill
	maker types.PreparedOrder
	taker types.PreparedOrder
	// err is the first preparation or signature failure; the fill is rejected with it at its place in the checks.
	err error
}

// prepareFills prepares every fill's orders and verifies their signatures on all cores. Each result is a pure
// function of the fill's bytes, written to its own slot, so the outcome is deterministic whatever the scheduling;
// a panic inside a worker becomes that fill's error, never a node crash.
func prepareFills(fills []types.Fill) []preparedFill {
	out := make([]preparedFill, len(fills))
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
				out[i] = prepareFillSafely(fills[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// prepareFillSafely runs prepareFill, turning a panic into the fill's error.
func prepareFillSafely(f types.Fill) (pf preparedFill) {
	defer func() {
		if r := recover(); r != nil {
			pf = preparedFill{fill: f, err: errorsmod.Wrap(types.ErrInvalidSignature, "signature verification failed")}
		}
	}()
	return prepareFill(f)
}

// prepareFill prepares both orders and checks both signatures (maker first).
func prepareFill(f types.Fill) preparedFill {
	pf := preparedFill{fill: f}
	var err error
	if pf.maker, err = types.PrepareOrder(f.MakerOrder); err != nil {
		pf.err = errorsmod.Wrap(err, "maker")
		return pf
	}
	if pf.taker, err = types.PrepareOrder(f.TakerOrder); err != nil {
		pf.err = errorsmod.Wrap(err, "taker")
		return pf
	}
	if err := verifyHook(pf.maker, f.MakerPubKey, f.MakerSignature); err != nil {
		pf.err = errorsmod.Wrap(err, "maker")
		return pf
	}
	if err := verifyHook(pf.taker, f.TakerPubKey, f.TakerSignature); err != nil {
		pf.err = errorsmod.Wrap(err, "taker")
	}
	return pf
}

// verifyHook verifies one order signature; tests replace it to inject a panicking verifier.
var verifyHook = func(p types.PreparedOrder, pubKey, signature []byte) error {
	return p.VerifySignature(pubKey, signature)
}
