package types

import "sort"

// protectedTypeURLs are the message types the circuit breaker must never disable.
//
// Disabling any of them could lock governance out of its own emergency brake: without MsgSubmitProposal,
// MsgDeposit or MsgVote/MsgVoteWeighted no proposal (in particular no MsgResetCircuitBreaker proposal) could
// pass; without MsgExecLegacyContent or MsgCancelProposal legacy proposals and cancellations stop working;
// authz MsgExec wraps all of the above for grantees; and the circuit's own trip/reset messages are the brake
// itself (a disabled reset could never be re-enabled). The v1beta1 gov messages are listed too, since the
// legacy gov Msg service is registered and routes to the same proposals.
var protectedTypeURLs = map[string]struct{}{
	// cosmos.gov.v1
	"/cosmos.gov.v1.MsgSubmitProposal":    {},
	"/cosmos.gov.v1.MsgDeposit":           {},
	"/cosmos.gov.v1.MsgVote":              {},
	"/cosmos.gov.v1.MsgVoteWeighted":      {},
	"/cosmos.gov.v1.MsgExecLegacyContent": {},
	"/cosmos.gov.v1.MsgCancelProposal":    {},
	// cosmos.gov.v1beta1
	"/cosmos.gov.v1beta1.MsgSubmitProposal": {},
	"/cosmos.gov.v1beta1.MsgDeposit":        {},
	"/cosmos.gov.v1beta1.MsgVote":           {},
	"/cosmos.gov.v1beta1.MsgVoteWeighted":   {},
	// authz exec (carries any of the above for a grantee)
	"/cosmos.authz.v1beta1.MsgExec": {},
	// the circuit breaker's own messages
	"/clearchain.circuit.v1.MsgTripCircuitBreaker":  {},
	"/clearchain.circuit.v1.MsgResetCircuitBreaker": {},
	// block transaction 0, the oracle transaction: disabling it would fail (code != 0) tx 0 of every block
	"/clearchain.oracle.v1.MsgInjectedVotes": {},
}

// IsProtectedTypeURL reports whether a message type URL may never be disabled by the circuit breaker.
func IsProtectedTypeURL(typeURL string) bool {
	_, ok := protectedTypeURLs[typeURL]
	return ok
}

// ProtectedTypeURLs returns the protected message type URLs, sorted.
func ProtectedTypeURLs() []string {
	out := make([]string, 0, len(protectedTypeURLs))
	for u := range protectedTypeURLs {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}
