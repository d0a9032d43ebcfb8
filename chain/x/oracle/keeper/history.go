package keeper

import (
	"sort"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// sortPointsNewestFirst orders history points by height, newest first.
func sortPointsNewestFirst(points []types.PricePoint) {
	sort.Slice(points, func(i, j int) bool { return points[i].Height > points[j].Height })
}
