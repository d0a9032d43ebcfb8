package app_test

// Determinism lint: no build paths in consensus data.
//
// cosmossdk.io/errors' wrapped errors implement fmt.Formatter: `%v` appends " [file:line]" of the frame where the
// error was first wrapped, `%+v` a whole stack trace, and fmt.Errorf's `%w` formats its operand like `%v`. The file
// is the absolute source path of the build (unless built with -trimpath), so a message formatted that way differs
// between two validators built from different directories. Such messages have reached tx response Data (hashed
// into LastResultsHash) and gov proposal failure reasons (state): the validators fork.
//
// The rule is deliberately simple: in chain/x and chain/app (non-test, non-generated files), a call of any function
// or method named Errorf, Sprintf or Wrapf whose format string literal contains a %v, %+v, %#v or %w verb is
// flagged. Use errorsmod.Wrap(err, "context") (no frame is added to the message) or `%s` with err.Error(). A
// justified case (the argument can never be an error, or the text never reaches consensus) is opted out with a
// `//nolint:errpath` comment on the call's line(s) or the line above it.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/stretchr/testify/require"
)

// errPathOptOut is the per-line opt-out marker.
const errPathOptOut = "nolint:errpath"

// errPathFormatFuncs are the selector names whose format string is checked.
var errPathFormatFuncs = map[string]bool{"Errorf": true, "Sprintf": true, "Wrapf": true}

// TestNoErrorFramesInConsensusFormatting fails listing file:line of every flagged call under chain/x and chain/app.
func TestNoErrorFramesInConsensusFormatting(t *testing.T) {
	chainDir := chainModuleDir(t)
	var offenders []string
	for _, root := range []string{"app", "x"} {
		err := filepath.WalkDir(filepath.Join(chainDir, root), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if name := d.Name(); name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !lintedGoFile(d.Name()) {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(chainDir, path)
			if err != nil {
				return err
			}
			found, err := errPathOffenders(filepath.ToSlash(rel), src)
			if err != nil {
				return err
			}
			offenders = append(offenders, found...)
			return nil
		})
		require.NoError(t, err)
	}
	sort.Strings(offenders)
	if len(offenders) > 0 {
		t.Fatalf("%d format calls may put a source path (\" [file.go:NN]\") into consensus data; use errorsmod.Wrap(err, \"...\") "+
			"or %%s with err.Error(), or justify with //%s:\n  %s", len(offenders), errPathOptOut, strings.Join(offenders, "\n  "))
	}
}

// chainModuleDir returns the chain Go module's directory (the nearest parent holding go.mod).
func chainModuleDir(t *testing.T) string {
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the test")
		dir = parent
	}
}

// lintedGoFile reports whether a file name is a non-test, non-generated Go source file.
func lintedGoFile(name string) bool {
	if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
		return false
	}
	for _, gen := range []string{".pb.go", ".pb.gw.go", ".pulsar.go"} {
		if strings.HasSuffix(name, gen) {
			return false
		}
	}
	return true
}

// errPathOffenders parses one file and returns "file:line: call" for every flagged call.
func errPathOffenders(filename string, src []byte) ([]string, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if ast.IsGenerated(file) {
		return nil, nil
	}
	optOut := map[int]bool{}
	for _, group := range file.Comments {
		for _, c := range group.List {
			if strings.Contains(c.Text, errPathOptOut) {
				optOut[fset.Position(c.Slash).Line] = true
			}
		}
	}
	var out []string
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !errPathFormatFuncs[sel.Sel.Name] {
			return true
		}
		format, ok := formatArg(call)
		if !ok {
			return true
		}
		verbs := frameVerbs(format)
		if len(verbs) == 0 {
			return true
		}
		first, last := fset.Position(call.Pos()).Line, fset.Position(call.End()).Line
		for line := first - 1; line <= last; line++ {
			if optOut[line] {
				return true
			}
		}
		out = append(out, fmt.Sprintf("%s:%d: %s(%q) uses %s", filename, first, exprName(sel), format, strings.Join(verbs, " ")))
		return true
	})
	return out, nil
}

// formatArg returns the format string: the first of the call's first two arguments that is a string literal (or a
// concatenation of literals). fmt.Errorf/Sprintf take it first; errorsmod.Wrapf and grpc status.Errorf second.
func formatArg(call *ast.CallExpr) (string, bool) {
	for i, arg := range call.Args {
		if i >= 2 {
			break
		}
		if s, ok := stringLit(arg); ok {
			return s, true
		}
	}
	return "", false
}

// stringLit evaluates a string literal or a + concatenation of them.
func stringLit(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return stringLit(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		l, ok := stringLit(e.X)
		if !ok {
			return "", false
		}
		r, ok := stringLit(e.Y)
		return l + r, ok
	}
	return "", false
}

// frameVerbs returns the %v / %+v / %#v / %w verbs (with flags, width, precision and argument index) in format.
func frameVerbs(format string) []string {
	var verbs []string
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			break
		}
		if format[j] == 'v' || format[j] == 'w' {
			verbs = append(verbs, format[i:j+1])
		}
		i = j // also skips the second '%' of "%%"
	}
	return verbs
}

// exprName renders pkg.Func / recv.Method for the report.
func exprName(sel *ast.SelectorExpr) string {
	if id, ok := sel.X.(*ast.Ident); ok {
		return id.Name + "." + sel.Sel.Name
	}
	return "…." + sel.Sel.Name
}

// TestErrPathLintRule pins what the lint flags and what it lets through.
func TestErrPathLintRule(t *testing.T) {
	src := `package p

func f(err error, n int) {
	_ = fmt.Errorf("a: %w", err)                 // flagged
	_ = fmt.Sprintf("b: %v", err)                // flagged
	_ = errorsmod.Wrapf(ErrX, "c: %+v", err)     // flagged
	_ = errors.Errorf("d: %[1]v %d", err, n)     // flagged
	_ = status.Errorf(codes.Internal, "e: %#v", err) // flagged
	_ = fmt.Sprintf("f: " + "%v", err)           // flagged
	_ = fmt.Errorf("g: %s", err.Error())
	_ = errorsmod.Wrapf(ErrX, "h: %d%%v", n)
	_ = errorsmod.Wrap(err, "i")
	_ = fmt.Sprintf("j: %v", n) //nolint:errpath n is an int
	//nolint:errpath the text is logged only
	_ = fmt.Sprintf("k: %v", err)
	_ = fmt.Sprintf(format, err)
}
`
	got, err := errPathOffenders("p.go", []byte(src))
	require.NoError(t, err)
	var lines []string
	for _, g := range got {
		lines = append(lines, strings.SplitN(g, ": ", 2)[0])
	}
	require.Equal(t, []string{"p.go:4", "p.go:5", "p.go:6", "p.go:7", "p.go:8", "p.go:9"}, lines, strings.Join(got, "\n"))

	require.True(t, lintedGoFile("keeper.go"))
	for _, name := range []string{"keeper_test.go", "tx.pb.go", "query.pb.gw.go", "tx.pulsar.go", "README.md"} {
		require.False(t, lintedGoFile(name), name)
	}
}

// TestWrappedErrorVFormatLeaksSourcePath documents why the rule exists: %v (and %w, which formats like %v) of a
// cosmossdk.io/errors wrapped error carries " [<source file>.go:<line>]", .Error() and %s do not.
func TestWrappedErrorVFormatLeaksSourcePath(t *testing.T) {
	wrapped := errorsmod.Wrap(sdkerrors.ErrInvalidRequest, "x")

	require.Contains(t, fmt.Sprintf("%v", wrapped), ".go:")
	require.Contains(t, fmt.Sprintf("%+v", wrapped), ".go:")
	require.Contains(t, fmt.Errorf("context: %w", wrapped).Error(), ".go:")
	require.Contains(t, errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "context: %v", wrapped).Error(), ".go:")

	require.NotContains(t, wrapped.Error(), ".go:")
	require.NotContains(t, fmt.Sprintf("%s", wrapped), ".go:")
	require.NotContains(t, errorsmod.Wrap(wrapped, "context").Error(), ".go:")
	require.NotContains(t, fmt.Errorf("context: %s", wrapped.Error()).Error(), ".go:")
	require.Equal(t, "x: invalid request", wrapped.Error())
}
