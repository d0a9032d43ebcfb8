package app

import (
	"sort"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// nonEmptyMarkerKey is written into every module store that is still empty after InitGenesis.
//
// Why: with the goleveldb backend, IAVL v1 saves an empty tree's root as an empty value, and goleveldb reads an
// empty value back as "not found" once it has been flushed to a table file. An always-empty store (x/feegrant and
// x/circuit on a fresh chain) then loses its versions: gRPC queries fail with "failed to load state at height N;
// version does not exist" and the node cannot restart. One marker key keeps every tree non-empty. The key
// starts with 0xFF, a prefix no module's collections use, so no module ever reads, iterates or exports it.
var nonEmptyMarkerKey = []byte("\xffclearchain/store-non-empty")

// markEmptyStores writes nonEmptyMarkerKey into each mounted KV store that has no keys, in sorted store-name
// order so the result is deterministic.
func (app *App) markEmptyStores(ctx sdk.Context) error {
	names := make([]string, 0, len(app.keys))
	for name := range app.keys {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		store := ctx.KVStore(app.keys[name])
		iter := store.Iterator(nil, nil)
		empty := !iter.Valid()
		if err := iter.Close(); err != nil {
			return err
		}
		if empty {
			store.Set(nonEmptyMarkerKey, []byte{1})
		}
	}
	return nil
}
