package types

import (
	"fmt"
	"sync"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
)

var (
	accPrefixOnce sync.Once
	accPrefix     string
)

// accountPrefix returns the bech32 account prefix, read from the SDK config once: sdk.GetConfig looks up the
// running executable's path on every call (a syscall), far too slow for per-fill address parsing.
func accountPrefix() string {
	accPrefixOnce.Do(func() { accPrefix = sdk.GetConfig().GetBech32AccountAddrPrefix() })
	return accPrefix
}

// ParseAccAddress decodes a bech32 account address with the chain's prefix; it accepts exactly what
// sdk.AccAddressFromBech32 accepts (non-empty, at most 255 bytes) without touching the global config per call.
func ParseAccAddress(s string) (sdk.AccAddress, error) {
	if s == "" {
		return nil, fmt.Errorf("empty address string is not allowed")
	}
	hrp, bz, err := bech32.DecodeAndConvert(s)
	if err != nil {
		return nil, err
	}
	if hrp != accountPrefix() {
		return nil, fmt.Errorf("invalid Bech32 prefix; expected %s, got %s", accountPrefix(), hrp)
	}
	if len(bz) == 0 || len(bz) > 255 {
		return nil, fmt.Errorf("address length %d out of range", len(bz))
	}
	return sdk.AccAddress(bz), nil
}
