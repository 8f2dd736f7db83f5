package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoDialectNames holds the store to asking its dialect what differs
// (dialect.go) instead of comparing the database's name: no non-test file
// compares with "sqlite", "postgres" or "pgx", and only the opening code
// (IsPostgres) looks at a DSN's scheme.
func TestNoDialectNames(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{"sqlite": true, "postgres": true, "pgx": true}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if fd, ok := n.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "IsPostgres" {
				return false // the opening code tells the DSNs apart
			}
			switch x := n.(type) {
			case *ast.BinaryExpr:
				if x.Op != token.EQL && x.Op != token.NEQ {
					return true
				}
				for _, side := range []ast.Expr{x.X, x.Y} {
					if lit, ok := side.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if v, _ := strconv.Unquote(lit.Value); names[v] {
							t.Errorf("%s: compares with %s; ask the dialect what differs instead", fset.Position(x.Pos()), lit.Value)
						}
					}
				}
			case *ast.CallExpr:
				if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "HasPrefix" && len(x.Args) == 2 {
					if lit, ok := x.Args[1].(*ast.BasicLit); ok && strings.Contains(lit.Value, "postgres") {
						t.Errorf("%s: tells the database by its DSN outside IsPostgres", fset.Position(x.Pos()))
					}
				}
			}
			return true
		})
	}
}
