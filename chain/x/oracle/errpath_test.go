package oracle_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// frameVerb matches a %v, %+v, %#v or %w verb (flags, width, precision, argument index allowed), not "%%v".
var frameVerb = regexp.MustCompile(`(^|[^%])(%%)*%[-+# 0-9.*\[\]]*[vw]`)

// TestNoErrorFramesInFormatting keeps x/oracle clean of the rule chain/app/determinism_lint_test.go enforces
// repo-wide (kept here so the module's own tests catch it): no Errorf/Sprintf/Wrapf format with %v/%+v/%#v/%w in
// non-test code. cosmossdk.io/errors formats a wrapped error's %v with " [file:line]" of the build, which must
// never reach consensus-hashed results or state. Use errorsmod.Wrap(err, "context") or %s with err.Error().
func TestNoErrorFramesInFormatting(t *testing.T) {
	var offenders []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			strings.HasSuffix(path, ".pb.go") || strings.HasSuffix(path, ".pb.gw.go") {
			return err
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Errorf" && sel.Sel.Name != "Sprintf" && sel.Sel.Name != "Wrapf") {
				return true
			}
			for i, arg := range call.Args {
				lit, ok := arg.(*ast.BasicLit)
				if i >= 2 || !ok || lit.Kind != token.STRING {
					continue
				}
				if s, err := strconv.Unquote(lit.Value); err == nil && frameVerb.MatchString(s) {
					offenders = append(offenders, fset.Position(call.Pos()).String()+": "+s)
				}
				break
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	require.Empty(t, offenders, "format calls that may put a source path into consensus data")
}
