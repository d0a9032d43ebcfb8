package keeper

import (
	"crypto/sha256"
	"encoding/binary"
	"runtime"
	"sync"
	"sync/atomic"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// OrderSignatureCache remembers order signatures that verified, keyed by OrderSignatureKey. It is a memo of a pure
// function and changes no result: a key is added only after a full verification succeeded, and a miss verifies.
type OrderSignatureCache interface {
	// Verified reports whether key was added (and not yet evicted).
	Verified(key [32]byte) bool
	// Add records that the signature behind key verified.
	Add(key [32]byte)
}

// orderSigCache is the process's order signature cache (nil: none). Verification is a pure function of the sign
// bytes, public key and signature, so one cache serves every keeper in the process.
var orderSigCache atomic.Pointer[OrderSignatureCache]

// SetOrderSignatureCache installs the cache consulted before every order signature verification (nil removes it).
func SetOrderSignatureCache(c OrderSignatureCache) {
	if c == nil {
		orderSigCache.Store(nil)
		return
	}
	orderSigCache.Store(&c)
}

// OrderSignatureKey is sha256 over the length-prefixed sign bytes, public key and signature: the exact inputs of
// the verification (the sign bytes determine the order and so its owner).
func OrderSignatureKey(signBytes, pubKey, signature []byte) [32]byte {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, part := range [][]byte{signBytes, pubKey, signature} {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(part)))])
		h.Write(part)
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// preparedFill is a fill whose two orders are prepared (owner parsed, sign bytes and hash computed) once.
type preparedFill struct {
	fill  types.Fill
	maker types.PreparedOrder
	taker types.PreparedOrder
	// err is the first preparation or signature failure; the fill is rejected with it at its place in the checks.
	err error
}

// sigJob is one distinct (sign bytes, public key, signature) of a message, verified once however many fills carry it.
type sigJob struct {
	order     types.PreparedOrder
	pubKey    []byte
	signature []byte
	err       error
	panicked  bool
}

// fillJobs is a fill's preparation outcome and the indexes of its maker and taker signature jobs (−1: none).
type fillJobs struct {
	panicked     bool
	maker, taker int
}

// prepareFills prepares every fill's orders and verifies each distinct order signature once, on all cores (a
// maker order filled by many takers is verified once). Each result is a pure function of the fill's bytes,
// written to its own slot, so the outcome is deterministic whatever the scheduling; a panic inside a worker
// becomes that fill's error, never a node crash.
func prepareFills(fills []types.Fill) []preparedFill {
	out := make([]preparedFill, len(fills))
	jobsOf := make([]fillJobs, len(fills))
	owners := parseOwners(fills)
	parallel(len(fills), func(i int) { out[i], jobsOf[i].panicked = prepareOrdersSafely(fills[i], owners) })

	var jobs []sigJob
	index := map[[32]byte]int{}
	add := func(o types.PreparedOrder, pubKey, signature []byte) int {
		key := OrderSignatureKey(o.SignBytes, pubKey, signature)
		if j, ok := index[key]; ok {
			return j
		}
		index[key] = len(jobs)
		jobs = append(jobs, sigJob{order: o, pubKey: pubKey, signature: signature})
		return len(jobs) - 1
	}
	for i := range out {
		jobsOf[i].maker, jobsOf[i].taker = -1, -1
		if jobsOf[i].panicked || out[i].err != nil {
			continue
		}
		jobsOf[i].maker = add(out[i].maker, fills[i].MakerPubKey, fills[i].MakerSignature)
		jobsOf[i].taker = add(out[i].taker, fills[i].TakerPubKey, fills[i].TakerSignature)
	}
	parallel(len(jobs), func(j int) { jobs[j].err, jobs[j].panicked = verifySafely(jobs[j]) })

	for i := range out {
		fj := jobsOf[i]
		switch {
		case fj.panicked:
			out[i] = preparedFill{fill: fills[i], err: errSignaturePanic()}
		case fj.maker < 0:
			// preparation failed: out[i].err is set
		case jobs[fj.maker].panicked:
			out[i] = preparedFill{fill: fills[i], err: errSignaturePanic()}
		case jobs[fj.maker].err != nil:
			out[i].err = errorsmod.Wrap(jobs[fj.maker].err, "maker")
		case jobs[fj.taker].panicked:
			out[i] = preparedFill{fill: fills[i], err: errSignaturePanic()}
		case jobs[fj.taker].err != nil:
			out[i].err = errorsmod.Wrap(jobs[fj.taker].err, "taker")
		}
	}
	return out
}

// WarmOrderSignatures verifies the fills' order signatures into the process's cache (CheckTx calls it so block
// execution finds them verified); it decides nothing and does nothing without a cache.
func WarmOrderSignatures(fills []types.Fill) {
	if orderSigCache.Load() == nil || len(fills) == 0 || len(fills) > types.MaxFillsHardCap {
		return
	}
	prepareFills(fills)
}

// parallel runs f(0..n−1) on all cores.
func parallel(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// errSignaturePanic is the error of a fill whose preparation or verification panicked.
func errSignaturePanic() error {
	return errorsmod.Wrap(types.ErrInvalidSignature, "signature verification failed")
}

// parseOwners parses each distinct order owner of the fills once (a trader is in many fills); owners that fail to
// parse are left out, so preparing their orders parses again and reports the error as before.
func parseOwners(fills []types.Fill) map[string]sdk.AccAddress {
	owners := map[string]sdk.AccAddress{}
	for _, f := range fills {
		for _, s := range []string{f.MakerOrder.Owner, f.TakerOrder.Owner} {
			if _, ok := owners[s]; ok {
				continue
			}
			if a, err := types.ParseAccAddress(s); err == nil {
				owners[s] = a
			}
		}
	}
	return owners
}

// prepareOrdersSafely prepares both orders (maker first), reporting a panic instead of raising it.
func prepareOrdersSafely(f types.Fill, owners map[string]sdk.AccAddress) (pf preparedFill, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			pf, panicked = preparedFill{fill: f}, true
		}
	}()
	pf = preparedFill{fill: f}
	var err error
	if pf.maker, err = types.PrepareOrderWith(f.MakerOrder, owners); err != nil {
		pf.err = errorsmod.Wrap(err, "maker")
		return pf, false
	}
	if pf.taker, err = types.PrepareOrderWith(f.TakerOrder, owners); err != nil {
		pf.err = errorsmod.Wrap(err, "taker")
	}
	return pf, false
}

// verifySafely verifies one signature job through the cache, reporting a panic instead of raising it.
func verifySafely(j sigJob) (err error, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			err, panicked = nil, true
		}
	}()
	cachep := orderSigCache.Load()
	if cachep == nil {
		return verifyHook(j.order, j.pubKey, j.signature), false
	}
	cache := *cachep
	key := OrderSignatureKey(j.order.SignBytes, j.pubKey, j.signature)
	if cache.Verified(key) {
		return nil, false
	}
	if err := verifyHook(j.order, j.pubKey, j.signature); err != nil {
		return err, false
	}
	cache.Add(key)
	return nil, false
}

// verifyHook verifies one order signature; tests replace it to inject a panicking verifier.
var verifyHook = func(p types.PreparedOrder, pubKey, signature []byte) error {
	return p.VerifySignature(pubKey, signature)
}
