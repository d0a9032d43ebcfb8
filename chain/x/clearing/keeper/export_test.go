package keeper

import "github.com/clearchain/clearchain/chain/x/clearing/types"

// SetVerifyHookForTest replaces the order signature verifier and returns a function restoring it.
func SetVerifyHookForTest(f func(p types.PreparedOrder, pubKey, signature []byte) error) (restore func()) {
	old := verifyHook
	verifyHook = f
	return func() { verifyHook = old }
}
