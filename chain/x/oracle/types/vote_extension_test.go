package types_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

func enabled(id uint32) bool { return id >= 1 && id <= 4 }

func encode(t *testing.T, prices ...types.PairPrice) []byte {
	t.Helper()
	bz, err := (&types.OracleVoteExtension{Prices: prices}).Marshal()
	require.NoError(t, err)
	return bz
}

func TestValidateVoteExtension(t *testing.T) {
	good := encode(t, types.PairPrice{PairId: 1, PriceQuantums: 60_000_000_000}, types.PairPrice{PairId: 4, PriceQuantums: 100_000_000})
	ext, err := types.ValidateVoteExtension(good, 4096, enabled)
	require.NoError(t, err)
	require.Len(t, ext.Prices, 2)

	_, err = types.ValidateVoteExtension(nil, 4096, enabled)
	require.NoError(t, err, "an empty extension is a valid abstention")

	// A negative int64 price encoded as a varint decodes as a huge uint64 and is rejected by the range check.
	negative := encode(t, types.PairPrice{PairId: 1, PriceQuantums: uint64(1<<64 - 5)})
	bad := map[string][]byte{
		"garbage bytes":       {0xff, 0xff, 0xff, 0xff, 0x0f, 0x01},
		"truncated":           good[:len(good)-1],
		"10 MB":               bytes.Repeat([]byte{0x0a}, 10<<20),
		"over the byte limit": bytes.Repeat(encode(t, types.PairPrice{PairId: 1, PriceQuantums: 1}), 600),
		"duplicate pair":      encode(t, types.PairPrice{PairId: 1, PriceQuantums: 5}, types.PairPrice{PairId: 1, PriceQuantums: 6}),
		"unsorted":            encode(t, types.PairPrice{PairId: 2, PriceQuantums: 5}, types.PairPrice{PairId: 1, PriceQuantums: 6}),
		"unknown pair":        encode(t, types.PairPrice{PairId: 99, PriceQuantums: 5}),
		"zero price":          encode(t, types.PairPrice{PairId: 1, PriceQuantums: 0}),
		"negative price":      negative,
		"above max price":     encode(t, types.PairPrice{PairId: 1, PriceQuantums: types.MaxPriceQuantums + 1}),
		"non-canonical field": append(append([]byte{}, good...), 0x10, 0x01), // unknown field 2 appended
	}
	for name, bz := range bad {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() {
				_, err := types.ValidateVoteExtension(bz, 4096, enabled)
				require.ErrorIs(t, err, types.ErrInvalidVoteExtension)
			})
		})
	}
}

func FuzzValidateVoteExtension(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x04, 0x08, 0x01, 0x10, 0x05})
	f.Fuzz(func(t *testing.T, bz []byte) {
		ext, err := types.ValidateVoteExtension(bz, 4096, enabled)
		if err == nil {
			for _, p := range ext.Prices {
				if p.PriceQuantums == 0 || !enabled(p.PairId) {
					t.Fatalf("accepted invalid price %+v", p)
				}
			}
		}
	})
}

func TestDecodeVoteExtensionIgnoresListing(t *testing.T) {
	delisted := encode(t, types.PairPrice{PairId: 1, PriceQuantums: 5}, types.PairPrice{PairId: 99, PriceQuantums: 6})
	_, err := types.ValidateVoteExtension(delisted, 4096, enabled)
	require.ErrorIs(t, err, types.ErrInvalidVoteExtension, "signing-time check: pair 99 is not listed")
	ext, err := types.DecodeVoteExtension(delisted, types.MaxVoteExtensionBytesHardCap)
	require.NoError(t, err, "structure only: listing may have changed since signing")
	require.Equal(t, []types.PairPrice{{PairId: 1, PriceQuantums: 5}}, types.EnabledPricesOnly(ext.Prices, enabled))

	_, err = types.DecodeVoteExtension(encode(t, types.PairPrice{PairId: 2, PriceQuantums: 5}, types.PairPrice{PairId: 1, PriceQuantums: 6}), types.MaxVoteExtensionBytesHardCap)
	require.ErrorIs(t, err, types.ErrInvalidVoteExtension, "structure is still checked")
}

func TestHardCapBoundsTheParam(t *testing.T) {
	p := types.DefaultParams()
	p.MaxVoteExtensionBytes = types.MaxVoteExtensionBytesHardCap
	require.NoError(t, p.Validate())
	p.MaxVoteExtensionBytes++
	require.Error(t, p.Validate(), "no valid param may exceed the consensus hard cap")
}
