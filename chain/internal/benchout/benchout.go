// Package benchout prints and records benchmark results in Clearchain's format: one `BENCH <name> k=v ...` line
// on stdout and build/bench/<name>.json with the same figures.
package benchout

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Enabled reports whether benchmarks were requested (CLEARCHAIN_BENCH_DIR is set by `make bench`).
func Enabled() bool { return os.Getenv("CLEARCHAIN_BENCH_DIR") != "" }

// Record prints the BENCH line and writes <dir>/<name>.json. Values must be numbers or strings.
func Record(name string, figures map[string]any) error {
	keys := make([]string, 0, len(figures))
	for k := range figures {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, figures[k]))
	}
	fmt.Printf("BENCH %s %s\n", name, strings.Join(parts, " "))
	dir := os.Getenv("CLEARCHAIN_BENCH_DIR")
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	out := map[string]any{"name": name}
	for k, v := range figures {
		out[k] = v
	}
	bz, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".json"), append(bz, '\n'), 0o644)
}
