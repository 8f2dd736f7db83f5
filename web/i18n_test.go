package web

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/requests"
)

// templateKey finds the translation calls of the templates: {{$.T "…"}},
// {{.T "…" args}} and {{.T.T "…"}} in the field partials.
var templateKey = regexp.MustCompile(`\bT "((?:[^"\\]|\\.)*)"`)

// templateKeys returns every message key the templates translate.
func templateKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{} // key → file
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
			k, err := strconv.Unquote(`"` + m[1] + `"`)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			keys[k] = name
		}
	}
	return keys
}

func TestTemplateKeysTranslated(t *testing.T) {
	keys := templateKeys(t)
	if len(keys) < 50 {
		t.Fatalf("found only %d keys in the templates; is the pattern broken?", len(keys))
	}
	for k, file := range keys {
		if _, ok := english[k]; !ok {
			t.Errorf("%s: no English for %q", file, k)
		}
	}
}

// goKeyArg maps functions of this package to the index of the argument that
// is a Dutch message key.
var goKeyArg = map[string]int{
	"T":          0, // translator.T(key, args...)
	"newPage":    1, // h.newPage(r, titleKey)
	"renderDemo": 4, // h.renderDemo(w, r, status, values, errKey)
	"Add":        2, // schakel.Validation.Add(field, code, format, args...)
}

// goKeys returns the Dutch keys of the Go files of this package: literal
// arguments of goKeyArg, the field specs and the name tables.
func goKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "messages") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch x := call.Fun.(type) {
			case *ast.Ident:
				fn = x.Name
			case *ast.SelectorExpr:
				fn = x.Sel.Name
			}
			i, ok := goKeyArg[fn]
			if !ok || i >= len(call.Args) {
				return true
			}
			if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				if s != "" {
					keys[s] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
	}
	specTables := [][]fieldSpec{principleFields, demoFields, ruleRefFields, termFields, requestFilterFields, newRequestFields(), complyFields(), extendFields()}
	for _, specs := range specTables {
		for _, s := range specs {
			keys[s.Label] = "field " + s.Name
			if s.Description != "" {
				keys[s.Description] = "field " + s.Name
			}
		}
	}
	for _, m := range []map[int]string{statusTitles, statusMessages} {
		for _, k := range m {
			keys[k] = "status table"
		}
	}
	for _, k := range orgTypeNames {
		keys[k] = "orgTypeNames"
	}
	for _, k := range orgTypePlurals {
		keys[k] = "orgTypePlurals"
	}
	for _, k := range roleNames {
		keys[k] = "roleNames"
	}
	for _, k := range groupNames {
		keys[k] = "groupNames"
	}
	for _, k := range requestTypeNames {
		keys[k] = "requestTypeNames"
	}
	for _, k := range stateNames {
		keys[k] = "stateNames"
	}
	for _, k := range answerNames {
		keys[k] = "answerNames"
	}
	for _, k := range partyKindNames {
		keys[k] = "partyKindNames"
	}
	for _, k := range eventTitles {
		keys[k] = "eventTitles"
	}
	for _, k := range doneMessages {
		keys[k] = "doneMessages"
	}
	for _, k := range missedNames {
		keys[k] = "missedNames"
	}
	for _, w := range unitWords {
		keys[w[0]], keys[w[1]] = "unitWords", "unitWords"
	}
	for _, k := range holidayNames {
		keys[k] = "holidayNames"
	}
	for _, k := range daysLeftFormats {
		keys[k] = "daysLeftFormats"
	}
	for _, u := range termUnits {
		keys[u.Label] = "termUnits"
	}
	return keys
}

func TestGoKeysTranslated(t *testing.T) {
	keys := goKeys(t)
	if len(keys) < 40 {
		t.Fatalf("found only %d keys in the Go files", len(keys))
	}
	for k, where := range keys {
		if _, ok := english[k]; !ok {
			t.Errorf("%s: no English for %q", where, k)
		}
	}
	// Every type, role and group has a name.
	for _, typ := range schakel.OrgTypes {
		if orgTypeNames[typ] == "" || orgTypePlurals[typ] == "" {
			t.Errorf("organisation type %s has no name", typ)
		}
	}
	for _, r := range schakel.Roles {
		if roleNames[r] == "" {
			t.Errorf("role %s has no name", r)
		}
	}
	for _, g := range schakel.PrincipleGroups {
		if groupNames[g] == "" {
			t.Errorf("group %s has no name", g)
		}
	}
	for _, typ := range schakel.RequestTypes {
		if requestTypeNames[typ] == "" {
			t.Errorf("request type %s has no name", typ)
		}
	}
	for _, st := range schakel.RequestStates {
		if stateNames[st] == "" {
			t.Errorf("state %s has no name", st)
		}
	}
	for _, ev := range []schakel.EventType{schakel.EventCreated, schakel.EventAcknowledged, schakel.EventAnswered, schakel.EventContested,
		schakel.EventExtended, schakel.EventWithdrawn, schakel.EventClosed, schakel.EventEscalated, schakel.EventDeadlineMissed, schakel.EventReminder} {
		if eventTitles[ev] == "" {
			t.Errorf("event type %s has no title", ev)
		}
	}
}

// TestDaysLeftTranslated checks that every format requests.DaysLeft gives
// is one the pages translate.
func TestDaysLeftTranslated(t *testing.T) {
	cal := calendar.New()
	now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC) // Monday
	for _, due := range []string{"2026-05-04", "2026-05-05", "2026-05-07", "2026-05-01", "2026-04-28", "2026-05-20"} {
		r := &schakel.Request{State: schakel.StateOpen, AnswerDue: calendar.MustParseDate(due)}
		format, _ := requests.DaysLeft(cal, r, now)
		if !slices.Contains(daysLeftFormats, format) {
			t.Errorf("DaysLeft for %s gives %q, which daysLeftFormats lacks", due, format)
		}
	}
}

// notShown are formats of the domain that are not Dutch messages for people
// (operator errors in English) and so need no translation.
var notShown = map[string]bool{
	"backup of PostgreSQL is done with pg_dump; see docs/operations.md":                                                      true,
	"database schema is at version %d, newer than the %d this schakel knows: run a newer schakel":                            true,
	"database schema is at version %d, this schakel needs %d: run `schakel migrate` or start with `schakel serve --migrate`": true,
}

func TestDomainFormatsTranslated(t *testing.T) {
	formats := repoFormats(t)
	if len(formats) < 100 {
		t.Fatalf("found only %d formats; is the scan broken?", len(formats))
	}
	for _, f := range formats {
		if notShown[f] {
			continue
		}
		if _, ok := english[f]; !ok {
			t.Errorf("no English for the domain format %q", f)
		}
	}
}

// verb finds fmt verbs, with an optional explicit argument index.
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs returns the verbs of a format by argument number ("1d", "2q"), and
// "%%" for each literal percent sign, sorted; a translation that reorders
// its arguments with %[n] keeps the same verbs.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		v := m[0][len(m[0])-1:]
		if v == "%" {
			out = append(out, "%%")
			continue
		}
		n := next
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1][1 : len(m[1])-1])
		}
		out = append(out, strconv.Itoa(n)+v)
		next = n + 1
	}
	sort.Strings(out)
	return out
}

func TestTranslationsKeepVerbs(t *testing.T) {
	for nl, en := range english {
		if a, b := verbs(nl), verbs(en); !slices.Equal(a, b) {
			t.Errorf("verbs differ:\n nl %q %v\n en %q %v", nl, a, en, b)
		}
		if strings.TrimSpace(en) == "" {
			t.Errorf("empty English for %q", nl)
		}
	}
	if _, dup := pageMessages["%s"]; dup {
		t.Error("pageMessages repeats a domain key")
	}
	for k := range pageMessages {
		if d, ok := domainMessages[k]; ok && d != pageMessages[k] {
			t.Errorf("%q translated differently in pageMessages and domainMessages", k)
		}
	}
}

func TestNewNeedsDependencies(t *testing.T) {
	if _, err := New(Handler{}); err == nil {
		t.Fatal("New accepted a Handler without services")
	}
}

func TestTranslator(t *testing.T) {
	e := newEnv(t, false)
	req := httptest.NewRequest("GET", "/", nil)
	nl := e.h.translator(req)
	req.AddCookie(&http.Cookie{Name: langCookie, Value: "en"})
	en := e.h.translator(req)
	fe := schakel.FieldError{Format: "De verwijzing bevat op plaats %d een spatie of onzichtbaar teken (%U); een verwijzing is één woord zonder spaties.", Args: []any{3, ' '}}
	if got, want := nl.FieldMessage(fe), fe.Reason(); got != want {
		t.Errorf("nl = %q, want %q", got, want)
	}
	if got, want := en.FieldMessage(fe), "The reference contains a space or invisible character (U+0020) at position 3; a reference is one word without spaces."; got != want {
		t.Errorf("en = %q, want %q", got, want)
	}
	if got := en.T("Een tekst die niet in de catalogus staat"); got != "Een tekst die niet in de catalogus staat" {
		t.Errorf("missing key = %q", got)
	}
	if got := en.T("De link bevat een ongeldige %%-code; kopieer de link opnieuw."); got != "The link contains an invalid %-code; copy the link again." {
		t.Errorf("%%%% = %q", got)
	}
	// Numbers are not grouped by locale: a year stays a year.
	if got := nl.T("Feestdagen in %d", 2026); got != "Feestdagen in 2026" {
		t.Errorf("nl year = %q", got)
	}
	if got := en.T("Feestdagen in %d", 2026); got != "Public holidays in 2026" {
		t.Errorf("en year = %q", got)
	}
	if got := en.ErrorMessage(errors.New("geheim detail uit de database")); got != "Something went wrong on our side." {
		t.Errorf("internal error shown as %q", got)
	}
	if got := en.ErrorMessage(schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")); got != "You have no role that may do this." {
		t.Errorf("forbidden = %q", got)
	}
}

func TestVerbs(t *testing.T) {
	if got := verbs("a %[2]U b %[1]d c %%"); !slices.Equal(got, []string{"%%", "1d", "2U"}) {
		t.Errorf("verbs = %v", got)
	}
	if got := verbs("%d en %q"); !slices.Equal(got, []string{"1d", "2q"}) {
		t.Errorf("verbs = %v", got)
	}
}
