package app

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSigCacheBoundedOldestFirst checks that the cache holds at most its capacity, evicts the oldest key first and
// reports only keys that were added.
func TestSigCacheBoundedOldestFirst(t *testing.T) {
	c := newSigCache(3)
	k := func(b byte) [32]byte { return [32]byte{b} }
	require.False(t, c.Verified(k(1)))
	for b := byte(1); b <= 3; b++ {
		c.Add(k(b))
	}
	c.Add(k(2)) // already held: no reordering, no growth
	require.Equal(t, 3, c.Len())
	c.Add(k(4))
	require.Equal(t, 3, c.Len())
	require.False(t, c.Verified(k(1)), "the oldest key is evicted first")
	for b := byte(2); b <= 4; b++ {
		require.True(t, c.Verified(k(b)))
	}
	c.Add(k(5))
	require.False(t, c.Verified(k(2)))
	require.True(t, c.Verified(k(5)))
	require.False(t, c.Verified(k(9)))
}
