package types

import (
	"sort"
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// ValidateTypeURLs checks a list of message type URLs for shape, size and duplicates.
func ValidateTypeURLs(urls []string) error {
	if len(urls) == 0 || len(urls) > MaxTypeURLsPerMsg {
		return errorsmod.Wrapf(ErrInvalidTypeURL, "need 1..%d type urls, got %d", MaxTypeURLsPerMsg, len(urls))
	}
	seen := make(map[string]struct{}, len(urls))
	for _, u := range urls {
		if len(u) < 2 || len(u) > 256 || !strings.HasPrefix(u, "/") || strings.ContainsAny(u, " \t\n") {
			return errorsmod.Wrapf(ErrInvalidTypeURL, "%q", u)
		}
		if _, dup := seen[u]; dup {
			return errorsmod.Wrapf(ErrInvalidTypeURL, "duplicate %q", u)
		}
		seen[u] = struct{}{}
	}
	return nil
}

// DefaultGenesis returns a genesis with nothing disabled.
func DefaultGenesis() *GenesisState { return &GenesisState{DisabledTypeUrls: []string{}} }

// Validate checks the genesis list: sorted, unique, well formed, and no protected type (IsProtectedTypeURL).
func (gs GenesisState) Validate() error {
	if len(gs.DisabledTypeUrls) == 0 {
		return nil
	}
	if !sort.StringsAreSorted(gs.DisabledTypeUrls) {
		return errorsmod.Wrap(ErrInvalidTypeURL, "disabled_type_urls must be sorted")
	}
	for _, u := range gs.DisabledTypeUrls {
		if len(u) < 2 || !strings.HasPrefix(u, "/") {
			return errorsmod.Wrapf(ErrInvalidTypeURL, "%q", u)
		}
		if IsProtectedTypeURL(u) {
			return errorsmod.Wrapf(ErrProtectedMsg, "%s cannot be disabled", u)
		}
	}
	for i := 1; i < len(gs.DisabledTypeUrls); i++ {
		if gs.DisabledTypeUrls[i] == gs.DisabledTypeUrls[i-1] {
			return errorsmod.Wrapf(ErrInvalidTypeURL, "duplicate %q", gs.DisabledTypeUrls[i])
		}
	}
	return nil
}
