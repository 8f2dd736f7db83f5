package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// formatDirs are the packages, relative to the module root, whose Dutch
// message formats can reach a page: field errors of Validate methods, the
// store, ruleref and calendar, and the messages of schakel.Errorf.
var formatDirs = []string{".", "ruleref", "store", "calendar", "authz", "account", "requests"}

// formatArg maps the name of a function that takes a Dutch message format to
// the index of that argument.
var formatArg = map[string]int{
	"Add":        2, // (*schakel.Validation).Add(field, code, format, args...)
	"Errorf":     1, // schakel.Errorf(code, format, args...)
	"refError":   1, // ruleref
	"fieldError": 2, // ruleref
	"notForKind": 3, // ruleref
	"newProblem": 1, // ruleref
	"invalid":    1, // calendar
}

// formatArgIn overrides formatArg in one directory, where a function of the
// same name takes its format elsewhere.
var formatArgIn = map[string]map[string]int{
	"account":  {"invalid": 0}, // account.Ladder's invalid(format, args...)
	"requests": {"invalid": 2}, // requests.invalid(field, code, format, args...)
}

// formatFields are struct fields whose value is a Dutch message format.
var formatFields = map[string]bool{
	"Format": true, "tooLong": true, "badStart": true, "badChar": true, "badSep": true,
}

// repoFormats returns every Dutch message format written in formatDirs,
// folding string constants and concatenations.
func repoFormats(t testing.TB) []string {
	t.Helper()
	set := map[string]bool{}
	for _, dir := range formatDirs {
		files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		var parsed []*ast.File
		consts := map[string]ast.Expr{}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatalf("parse %s: %v", name, err)
			}
			parsed = append(parsed, f)
			ast.Inspect(f, func(n ast.Node) bool {
				if d, ok := n.(*ast.GenDecl); ok && d.Tok == token.CONST {
					for _, s := range d.Specs {
						vs := s.(*ast.ValueSpec)
						for i, id := range vs.Names {
							if i < len(vs.Values) {
								consts[id.Name] = vs.Values[i]
							}
						}
					}
				}
				return true
			})
		}
		var eval func(e ast.Expr) (string, bool)
		eval = func(e ast.Expr) (string, bool) {
			switch e := e.(type) {
			case *ast.BasicLit:
				if e.Kind != token.STRING {
					return "", false
				}
				s, err := strconv.Unquote(e.Value)
				return s, err == nil
			case *ast.Ident:
				if c, ok := consts[e.Name]; ok {
					return eval(c)
				}
			case *ast.ParenExpr:
				return eval(e.X)
			case *ast.BinaryExpr:
				if e.Op == token.ADD {
					a, ok1 := eval(e.X)
					b, ok2 := eval(e.Y)
					return a + b, ok1 && ok2
				}
			}
			return "", false
		}
		for _, f := range parsed {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					var name string
					switch fn := n.Fun.(type) {
					case *ast.Ident:
						name = fn.Name
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					}
					i, ok := formatArg[name]
					if j, over := formatArgIn[dir][name]; over {
						i, ok = j, true
					}
					if ok && i < len(n.Args) {
						if s, ok := eval(n.Args[i]); ok {
							set[s] = true
						}
					}
				case *ast.KeyValueExpr:
					if k, ok := n.Key.(*ast.Ident); ok && formatFields[k.Name] {
						if s, ok := eval(n.Value); ok {
							set[s] = true
						}
					}
				}
				return true
			})
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
