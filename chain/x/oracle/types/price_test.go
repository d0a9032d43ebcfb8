package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

func TestFormatPrice(t *testing.T) {
	cases := []struct {
		q    uint64
		d    uint32
		want string
	}{
		{4321057, 2, "43210.57"},
		{4321000, 2, "43210"},
		{5, 6, "0.000005"},
		{0, 6, "0"},
		{100010000, 8, "1.0001"},
		{123, 0, "123"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, types.FormatPrice(tc.q, tc.d))
	}
}

func TestParsePrice(t *testing.T) {
	ok := []struct {
		s    string
		d    uint32
		want uint64
	}{
		{"43210.57", 2, 4321057},
		{"43210.579", 2, 4321057}, // truncated toward zero
		{"1", 6, 1_000_000},
		{"0.000001", 6, 1},
		{"60000.123456789", 6, 60_000_123_456},
	}
	for _, tc := range ok {
		got, err := types.ParsePrice(tc.s, tc.d)
		require.NoError(t, err, tc.s)
		require.Equal(t, tc.want, got, tc.s)
	}
	for _, bad := range []string{"", "-1", "+1", "1e5", "abc", ".5", "5.", "0", "0.0000001", "1 ", "1,5", "99999999999999999999999"} {
		_, err := types.ParsePrice(bad, 6)
		require.Error(t, err, bad)
	}
	for _, q := range []uint64{1, 42, 4321057, types.MaxPriceQuantums} {
		back, err := types.ParsePrice(types.FormatPrice(q, 6), 6)
		require.NoError(t, err)
		require.Equal(t, q, back)
	}
}
