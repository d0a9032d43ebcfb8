package keeper_test

import (
	"context"
	"sync"
)

// fakeReferences holds the reference prices of each fakeOracle (helpers_test.go's struct has no field for them).
var (
	fakeReferencesMu sync.Mutex
	fakeReferences   = map[*fakeOracle]map[uint32]uint64{}
)

// ReferencePrice implements types.OracleKeeper: the reference set with setReference, else 0 (none).
func (o *fakeOracle) ReferencePrice(_ context.Context, id uint32) (uint64, error) {
	fakeReferencesMu.Lock()
	defer fakeReferencesMu.Unlock()
	return fakeReferences[o][id], nil
}

// setReference sets a pair's reference price (0 clears it).
func (o *fakeOracle) setReference(id uint32, price uint64) {
	fakeReferencesMu.Lock()
	defer fakeReferencesMu.Unlock()
	if fakeReferences[o] == nil {
		fakeReferences[o] = map[uint32]uint64{}
	}
	fakeReferences[o][id] = price
}
