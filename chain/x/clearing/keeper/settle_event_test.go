package keeper

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// TestFillEventMatchesTypedEvent pins the hand-rendered fill event to the SDK's typed-event rendering, including
// zero values, the largest integers and strings that JSON must escape.
func TestFillEventMatchesTypedEvent(t *testing.T) {
	cases := []types.EventFill{
		{},
		{MarketId: 1, MakerOwner: "clear1maker", MakerNumber: 3, TakerOwner: "clear1taker", TakerNumber: 127, TakerSide: "SIDE_BUY",
			Size_: 10_000, Price: 60_000_000_000, Notional: "6000000000", MakerFee: "-1200", TakerFee: "3000",
			MakerOrderHash: "00ff", TakerOrderHash: "abcdef", Index: 999},
		{MarketId: ^uint32(0), MakerNumber: ^uint32(0), TakerNumber: ^uint32(0), Index: ^uint32(0), Size_: ^uint64(0), Price: ^uint64(0),
			MakerOwner: "a\"b\\c<d>&e\n\u2028é", TakerSide: "\x00\x7f", Notional: "1e3"},
	}
	for i := range cases {
		want, err := sdk.TypedEventToEvent(&cases[i])
		require.NoError(t, err)
		require.Equal(t, want, fillEvent(&cases[i]), "case %d", i)
	}
}
