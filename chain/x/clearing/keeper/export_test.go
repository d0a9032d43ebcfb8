package keeper

import "github.com/clearchain/clearchain/chain/x/clearing/types"

// SetVerifyHookForTest replaces the order signature verifier and returns a function restoring it. The order
// signature cache is set aside meanwhile, so every signature reaches the replacement.
func SetVerifyHookForTest(f func(p types.PreparedOrder, pubKey, signature []byte) error) (restore func()) {
	old, oldCache := verifyHook, orderSigCache.Load()
	verifyHook = f
	orderSigCache.Store(nil)
	return func() { verifyHook = old; orderSigCache.Store(oldCache) }
}
