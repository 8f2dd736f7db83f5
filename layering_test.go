package schakel_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/schakel-nl/schakel"

// The layering of docs/architecture.md, as rules on the imports of
// production code (tests may reach further, e.g. to build the whole app).
var (
	// pure packages do no I/O: they import nothing of ours but the domain
	// and other pure packages.
	pure = []string{"calendar", "ruleref", "textsim", "comply", "redact", "precedent", "ledger", "authz", "receipt", "throttle", "documents", "generalise", "letters", "opendata", "report", "progress"}
	// services are the only way in: they never reach up to a transport or
	// the wiring, nor down to the store's implementation.
	services      = []string{"accounts", "requests", "brakes", "cases", "directory", "notifications", "inbox", "proofs", "erasure", "signals", "assessments", "figures", "reports", "idempotency", "running"}
	servicesNever = []string{"store", "web", "api", "server", "cmd", "jobs", "demo"}
	// transports call the services, never the store or the jobs.
	transports      = []string{"web", "api"}
	transportsNever = []string{"store", "store/storetest", "jobs", "demo", "config"}
)

// topOnly may be imported only by the packages listed: the HTTP handler by
// the wiring, the transports by the HTTP handler, and cmd by nobody.
var topOnly = map[string][]string{
	"web":    {"server"},
	"api":    {"server"},
	"server": {"cmd/schakel/app"},
}

// imports returns, per package directory relative to the module root ("" for
// the root), the module-relative paths of our packages its non-test files
// import.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if dir == "." {
			dir = ""
		}
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == module {
				p = module + "/"
			}
			if rel, ok := strings.CutPrefix(p, module+"/"); ok && !slices.Contains(out[dir], rel) {
				out[dir] = append(out[dir], rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// under reports whether pkg is base or below it.
func under(pkg, base string) bool {
	return pkg == base || strings.HasPrefix(pkg, base+"/")
}

func TestLayering(t *testing.T) {
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatal("run from the module root:", err)
	}
	graph := imports(t)
	for _, p := range append(append(slices.Clone(pure), services...), transports...) {
		if _, ok := graph[p]; !ok {
			t.Errorf("package %q of the rules does not exist; update the rules with the layout", p)
		}
	}
	for pkg, deps := range graph {
		for _, dep := range deps {
			if reason := broken(pkg, dep); reason != "" {
				t.Errorf("%s imports %s: %s", name(pkg), name(dep), reason)
			}
		}
	}
}

// broken returns which rule pkg importing dep breaks, or "".
func broken(pkg, dep string) string {
	switch {
	case pkg == "" && dep != "calendar":
		return "the domain imports nothing of ours but the calendar"
	case slices.Contains(pure, pkg) && dep != "" && !slices.Contains(pure, dep):
		return "a pure package imports nothing of ours but the domain and other pure packages"
	case slices.Contains(services, pkg) && slices.ContainsFunc(servicesNever, func(b string) bool { return under(dep, b) }):
		return "a service reaches neither up to the transports and the wiring nor into the store's implementation"
	case slices.Contains(transports, pkg) && slices.ContainsFunc(transportsNever, func(b string) bool { return under(dep, b) }):
		return "pages and the API call the services, never the store, the jobs or the configuration"
	case under(dep, "cmd") && !under(pkg, "cmd"):
		return "nothing imports cmd"
	}
	if allowed, ok := topOnly[dep]; ok && !slices.Contains(allowed, pkg) {
		return "only " + strings.Join(allowed, ", ") + " may import it"
	}
	return ""
}

func name(pkg string) string {
	if pkg == "" {
		return "schakel (the domain)"
	}
	return pkg
}

// TestLayeringRulesBite checks that the rules catch what they are for, so
// that a rule that silently stopped matching is noticed.
func TestLayeringRulesBite(t *testing.T) {
	for _, tt := range []struct{ pkg, dep string }{
		{"", "store"}, {"comply", "requests"}, {"redact", "store"}, {"documents", "cases"}, {"precedent", "store"}, {"cases", "store"}, {"brakes", "web"},
		{"web", "store"}, {"api", "store/storetest"}, {"jobs", "web"}, {"demo", "api"}, {"store", "server"},
		{"requests", "cmd/schakel/app"}, {"web", "api"},
	} {
		if broken(tt.pkg, tt.dep) == "" {
			t.Errorf("%s importing %s breaks no rule", name(tt.pkg), tt.dep)
		}
	}
	for _, tt := range []struct{ pkg, dep string }{
		{"comply", "calendar"}, {"documents", "redact"}, {"cases", "precedent"}, {"web", "requests"}, {"server", "web"}, {"cmd/schakel/app", "server"}, {"cmd/schakel", "cmd/schakel/app"},
	} {
		if r := broken(tt.pkg, tt.dep); r != "" {
			t.Errorf("%s importing %s is refused: %s", name(tt.pkg), tt.dep, r)
		}
	}
}
