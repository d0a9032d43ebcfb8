package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/cobra"
)

// configCommand returns `clearchaind config`: read and edit the node's TOML files in place, keeping their comments,
// with the sub-commands and file names of the SDK's confix tool (cosmossdk.io/tools/confix, which the Go module
// proxy does not serve for SDK v0.54): get, set, view, home.
//
// FILE is "app" (config/app.toml), "config" or "comet" (config/config.toml), "client" (config/client.toml), or a path.
// KEY is dotted: "api.swagger", "telemetry.prometheus-retention-time", "rpc.cors_allowed_origins", "minimum-gas-prices".
func configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Read and edit app.toml, config.toml and client.toml (confix-style: get, set, view, home)",
		Long: `Read and edit the node's configuration files in place (comments kept), like the Cosmos SDK's confix.
FILE is app (config/app.toml), config or comet (config/config.toml), client (config/client.toml), or a path.
KEY is dotted: [section] name, then key ("api.swagger", "p2p.laddr"); keys before any section have no dot
("minimum-gas-prices", "moniker"). set keeps the type of the current value: strings are quoted for you, arrays
are given as TOML ('["http://localhost:*"]') or comma-separated (http://localhost:*,http://127.0.0.1:*).

  clearchaind config set app api.swagger true
  clearchaind config set app telemetry.enabled true
  clearchaind config set config p2p.laddr tcp://0.0.0.0:26656
  clearchaind config set client keyring-backend test
  clearchaind config get app minimum-gas-prices
  clearchaind config view client`,
		RunE: client.ValidateCmd,
	}
	cmd.AddCommand(
		&cobra.Command{
			Use: "get FILE KEY", Short: "Print the value of KEY in FILE", Args: cobra.ExactArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				bz, err := os.ReadFile(configFilePath(cmd, args[0]))
				if err != nil {
					return err
				}
				v, err := tomlGet(bz, args[1])
				if err != nil {
					return err
				}
				if str, ok := v.(string); ok {
					fmt.Fprintln(cmd.OutOrStdout(), str) // bare, for scripts
				} else {
					fmt.Fprintln(cmd.OutOrStdout(), formatTOMLValue(v))
				}
				return nil
			},
		},
		configSetCommand(),
		&cobra.Command{
			Use: "view FILE", Short: "Print FILE", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				bz, err := os.ReadFile(configFilePath(cmd, args[0]))
				if err != nil {
					return err
				}
				_, err = cmd.OutOrStdout().Write(bz)
				return err
			},
		},
		&cobra.Command{
			Use: "home", Short: "Print the node home directory", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				fmt.Fprintln(cmd.OutOrStdout(), client.GetClientContextFromCmd(cmd).HomeDir)
				return nil
			},
		},
	)
	return cmd
}

// configSetCommand returns `config set FILE KEY VALUE`.
func configSetCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use: "set FILE KEY VALUE", Short: "Set KEY to VALUE in FILE, keeping comments and layout", Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := configFilePath(cmd, args[0])
			bz, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out, err := tomlSet(bz, args[1], args[2])
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if stdout, _ := cmd.Flags().GetBool("stdout"); stdout {
				_, err = cmd.OutOrStdout().Write(out)
				return err
			}
			return writeFileAtomic(path, out)
		},
	}
	cmd.Flags().Bool("stdout", false, "print the edited file instead of writing it")
	return cmd
}

// configFilePath resolves FILE (app, config, comet, client or a path) under the command's home.
func configFilePath(cmd *cobra.Command, name string) string {
	home := client.GetClientContextFromCmd(cmd).HomeDir
	switch name {
	case "app", "app.toml":
		return filepath.Join(home, "config", "app.toml")
	case "config", "comet", "cometbft", "config.toml":
		return filepath.Join(home, "config", "config.toml")
	case "client", "client.toml":
		return filepath.Join(home, "config", "client.toml")
	}
	return name
}

// splitKey splits a dotted key into its table and its last element ("api.swagger" → "api", "swagger").
func splitKey(key string) (table, name string) {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i], key[i+1:]
	}
	return "", key
}

// tomlGet returns the value at the dotted key.
func tomlGet(doc []byte, key string) (any, error) {
	var m map[string]any
	if err := toml.Unmarshal(doc, &m); err != nil {
		return nil, err
	}
	var cur any = m
	for _, part := range strings.Split(key, ".") {
		tbl, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("key %q not found", key)
		}
		if cur, ok = tbl[part]; !ok {
			return nil, fmt.Errorf("key %q not found", key)
		}
	}
	return cur, nil
}

// formatTOMLValue renders a value as TOML (strings quoted, arrays bracketed).
func formatTOMLValue(v any) string {
	bz, err := toml.Marshal(map[string]any{"v": v})
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(bz)), "v ="))
}

// tomlSet replaces the value of key in doc, keeping every other line (comments included). The new value takes
// the type of the old one. The key must exist; the result must parse.
func tomlSet(doc []byte, key, raw string) ([]byte, error) {
	old, err := tomlGet(doc, key)
	if err != nil {
		return nil, err
	}
	if _, isTable := old.(map[string]any); isTable {
		return nil, fmt.Errorf("%q is a table, not a key", key)
	}
	val, err := parseLike(old, raw)
	if err != nil {
		return nil, fmt.Errorf("value for %q: %w", key, err)
	}
	table, name := splitKey(key)
	lines := strings.SplitAfter(string(doc), "\n")
	current := ""
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "[[") {
			if end := strings.IndexByte(t, ']'); end > 0 {
				current = strings.TrimSpace(t[1:end])
			}
			continue
		}
		if current != table || !lineSetsKey(t, name) {
			continue
		}
		// The value may span lines (a multi-line array): find where it ends.
		last := i
		if v := strings.TrimSpace(t[strings.IndexByte(t, '=')+1:]); strings.HasPrefix(v, "[") {
			depth := strings.Count(v, "[") - strings.Count(v, "]")
			for depth > 0 && last+1 < len(lines) {
				last++
				depth += strings.Count(lines[last], "[") - strings.Count(lines[last], "]")
			}
		}
		indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]
		newLine := indent + name + " = " + formatTOMLValue(val) + "\n"
		out := strings.Join(lines[:i], "") + newLine + strings.Join(lines[last+1:], "")
		var check map[string]any
		if err := toml.Unmarshal([]byte(out), &check); err != nil {
			return nil, fmt.Errorf("the edit would not parse: %w", err)
		}
		return []byte(out), nil
	}
	return nil, fmt.Errorf("key %q not found as a line of its own (inline tables are not edited)", key)
}

// lineSetsKey reports whether a trimmed TOML line assigns name ("name = ...", optionally quoted).
func lineSetsKey(t, name string) bool {
	eq := strings.IndexByte(t, '=')
	if eq < 0 || strings.HasPrefix(t, "#") {
		return false
	}
	k := strings.TrimSpace(t[:eq])
	return k == name || k == strconv.Quote(name) || k == "'"+name+"'"
}

// parseLike parses raw as a value of old's type.
func parseLike(old any, raw string) (any, error) {
	switch old.(type) {
	case string:
		return raw, nil
	case bool:
		return strconv.ParseBool(raw)
	case int64:
		return strconv.ParseInt(raw, 10, 64)
	case float64:
		return strconv.ParseFloat(raw, 64)
	case []any:
		var m map[string]any
		if err := toml.Unmarshal([]byte("v = "+raw), &m); err == nil {
			if arr, ok := m["v"].([]any); ok {
				return arr, nil
			}
		}
		if strings.TrimSpace(raw) == "" {
			return []any{}, nil
		}
		parts := strings.Split(raw, ",")
		arr := make([]any, 0, len(parts))
		for _, p := range parts {
			arr = append(arr, strings.TrimSpace(p))
		}
		return arr, nil
	}
	var m map[string]any
	if err := toml.Unmarshal([]byte("v = "+raw), &m); err != nil {
		return nil, errors.New("cannot parse " + strconv.Quote(raw) + " as TOML")
	}
	return m["v"], nil
}

// writeFileAtomic replaces path with data (same permissions), through a temporary file and a rename.
func writeFileAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
