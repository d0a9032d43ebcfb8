package app_test

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strings"

	"github.com/cosmos/cosmos-sdk/baseapp"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	clearingsim "github.com/clearchain/clearchain/chain/x/clearing/simulation"
	oraclesim "github.com/clearchain/clearchain/chain/x/oracle/simulation"
)

// opCount is one operation type's outcomes.
type opCount struct{ ok, failed, noop int }

// noopReasons counts the no-op comments of Clearchain's operations (why an operation found nothing to do).
var noopReasons = map[string]int{}

// opStats counts operation outcomes by "module msg": ok (delivered), failed (refused by the chain with a
// registered code: a valid outcome) and no-op (nothing to do in that state).
type opStats map[string]*opCount

// wrap counts every outcome of the weighted operations; after is called after each (nil: nothing).
func (s opStats) wrap(ops []simtypes.WeightedOperation, after func(ctx sdk.Context, msg simtypes.OperationMsg) error) []simtypes.WeightedOperation {
	out := make([]simtypes.WeightedOperation, len(ops))
	for i, w := range ops {
		op := w.Op()
		out[i] = simulation.NewWeightedOperation(w.Weight(), func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context,
			accs []simtypes.Account, chainID string,
		) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
			msg, future, err := op(r, app, ctx, accs, chainID)
			s.record(msg)
			if err == nil && after != nil {
				err = after(ctx, msg)
			}
			return msg, future, err
		})
	}
	return out
}

func (s opStats) record(msg simtypes.OperationMsg) {
	key := msg.Route + " " + msg.Name
	c, ok := s[key]
	if !ok {
		c = &opCount{}
		s[key] = c
	}
	switch {
	case msg.OK:
		c.ok++
	case strings.HasPrefix(msg.Comment, clearingsim.RejectedPrefix) || strings.HasPrefix(msg.Comment, oraclesim.RejectedPrefix):
		c.failed++
	default:
		c.noop++
		if msg.Route == "clearing" || msg.Route == "oracle" {
			noopReasons[key+": "+msg.Comment]++
		}
	}
}

// add merges other into s.
func (s opStats) add(other opStats) {
	for k, v := range other {
		c, ok := s[k]
		if !ok {
			c = &opCount{}
			s[k] = c
		}
		c.ok, c.failed, c.noop = c.ok+v.ok, c.failed+v.failed, c.noop+v.noop
	}
}

// totals returns the sums over every operation type.
func (s opStats) totals() opCount {
	var t opCount
	for _, v := range s {
		t.ok, t.failed, t.noop = t.ok+v.ok, t.failed+v.failed, t.noop+v.noop
	}
	return t
}

// print writes one line per operation type, sorted, then the totals.
func (s opStats) print(w io.Writer) {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "%-64s %8s %8s %8s\n", "operation", "ok", "failed", "no-op")
	for _, k := range keys {
		c := s[k]
		fmt.Fprintf(w, "%-64s %8d %8d %8d\n", k, c.ok, c.failed, c.noop)
	}
	t := s.totals()
	fmt.Fprintf(w, "%-64s %8d %8d %8d\n", "TOTAL", t.ok, t.failed, t.noop)
}

// printCodes writes a count map sorted by key.
func printCodes(w io.Writer, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "%s:\n", title)
	for _, k := range keys {
		fmt.Fprintf(w, "  %-72s %6d\n", k, m[k])
	}
}
