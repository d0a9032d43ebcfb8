package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// vectorsDir is the repository's test/vectors directory, shared by the Go tests and the TypeScript SDK's jest tests.
var vectorsDir = filepath.Join("..", "..", "test", "vectors")

// writeOrCheckVectors writes v (indented JSON) to test/vectors/<name> when CLEARCHAIN_UPDATE_VECTORS is set and
// otherwise fails unless the committed file holds exactly what the generator produces now.
func writeOrCheckVectors(t *testing.T, name string, v any) {
	t.Helper()
	bz, err := json.MarshalIndent(v, "", " ")
	require.NoError(t, err)
	bz = append(bz, '\n')
	path := filepath.Join(vectorsDir, name)
	if os.Getenv("CLEARCHAIN_UPDATE_VECTORS") != "" {
		require.NoError(t, os.WriteFile(path, bz, 0o644))
	}
	committed, err := os.ReadFile(path)
	require.NoError(t, err, "missing %s: run CLEARCHAIN_UPDATE_VECTORS=1 go test ./app -run TestVectors", path)
	require.JSONEq(t, string(bz), string(committed), "%s is stale: regenerate with CLEARCHAIN_UPDATE_VECTORS=1 go test ./app -run TestVectors", name)
}
