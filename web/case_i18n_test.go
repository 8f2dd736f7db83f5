package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/redact"
)

// caseKeys returns the Dutch keys of the maatwerkplaats and casusprudentie
// pages that TestGoKeysTranslated does not find by itself: the labels and
// descriptions of their fields, the labels of their rows and their tables
// of names.
func caseKeys(t *testing.T) map[string]string {
	t.Helper()
	pg := &page{translator: translator{lang: langNL}}
	keys := map[string]string{}
	tables := [][]fieldSpec{caseListFields, newCaseFields(pg, nil), inviteFields(), viewFields(), decideFields(pg), withdrawCaseFields(), publishFields(), precedentFields, correctFields(), withdrawFields(), erasureFields()}
	for _, specs := range tables {
		for _, s := range specs {
			if s.LabelText == "" {
				keys[s.Label] = "field " + s.Name
			}
			if s.Description != "" {
				keys[s.Description] = "field " + s.Name
			}
		}
	}
	// The literal labels, row labels and descriptions given to rowSpecs.
	names, err := filepath.Glob("case*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "rowSpecs" {
				return true
			}
			for _, i := range []int{2, 3, 4} {
				if i >= len(call.Args) {
					continue
				}
				if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, _ := strconv.Unquote(lit.Value); s != "" {
						keys[s] = fset.Position(lit.Pos()).String()
					}
				}
			}
			return true
		})
	}
	keys[weighingLegend] = "weighingLegend"
	for name, m := range map[string]map[string]string{"legalGroundNames": legalGroundNames, "caseDone": caseDone} {
		for _, k := range m {
			keys[k] = name
		}
	}
	for _, k := range caseStateNames {
		keys[k] = "caseStateNames"
	}
	for _, m := range []map[schakel.Outcome]string{outcomeNames, outcomeLabels, outcomeDescriptions} {
		for _, k := range m {
			keys[k] = "outcome names"
		}
	}
	for _, k := range perspectiveNames {
		keys[k] = "perspectiveNames"
	}
	for _, k := range caseEventTitles {
		keys[k] = "caseEventTitles"
	}
	for _, k := range redactKindNames {
		keys[k] = "redactKindNames"
	}
	for _, k := range reviewCategoryNames {
		keys[k] = "reviewCategoryNames"
	}
	for _, k := range fieldNames {
		keys[k] = "fieldNames"
	}
	keys[fieldName("afweging-1")] = "fieldName"
	for _, k := range erasure.Kinds {
		keys[k.Label()] = "erasure.Kinds"
	}
	for _, k := range changeNames {
		keys[k] = "changeNames"
	}
	return keys
}

func TestCaseKeysTranslated(t *testing.T) {
	keys := caseKeys(t)
	if len(keys) < 60 {
		t.Fatalf("found only %d keys; is the scan broken?", len(keys))
	}
	for k, where := range keys {
		if _, ok := english[k]; !ok {
			t.Errorf("%s: no English for %q", where, k)
		}
	}
	// Every state, outcome, ground, perspective, event and kind of
	// redaction has a name.
	for _, s := range schakel.CaseStates {
		if caseStateNames[s] == "" {
			t.Errorf("case state %s has no name", s)
		}
	}
	for _, o := range schakel.Outcomes {
		if outcomeNames[o] == "" || outcomeLabels[o] == "" || outcomeDescriptions[o] == "" {
			t.Errorf("outcome %s has no name, label or description", o)
		}
	}
	for _, g := range cases.LegalGrounds {
		if legalGroundNames[g] == "" {
			t.Errorf("legal ground %s has no name", g)
		}
	}
	for _, p := range schakel.StandardPerspectives {
		if perspectiveNames[p] == "" {
			t.Errorf("perspective %s has no name", p)
		}
	}
	for _, ev := range []schakel.CaseEventType{schakel.CaseEventSubmitted, schakel.CaseEventInvited, schakel.CaseEventView,
		schakel.CaseEventDecided, schakel.CaseEventPublished, schakel.CaseEventWithdrawn, schakel.CaseEventCorrected, schakel.CaseEventPublicationWithdrawn} {
		if caseEventTitles[ev] == "" {
			t.Errorf("case event %s has no title", ev)
		}
	}
	for _, k := range redact.Kinds() {
		if redactKindNames[k] == "" {
			t.Errorf("redaction kind %s has no name", k)
		}
	}
	for _, c := range cases.ReviewCategories() {
		if reviewCategoryNames[c] == "" {
			t.Errorf("review category %s has no name", c)
		}
	}
}

// TestCaseFormatsTranslated checks that the Dutch messages of the
// maatwerkplaats, of the redaction and of the precedent, which the case
// pages show, have English. (Those of the store are checked by
// TestDomainFormatsTranslated.)
func TestCaseFormatsTranslated(t *testing.T) {
	dirs, fields := formatDirs, formatFields
	t.Cleanup(func() { formatDirs, formatFields = dirs, fields })
	formatDirs = []string{"cases", "redact", "precedent"}
	formats := repoFormats(t)
	if len(formats) < 15 {
		t.Fatalf("found only %d formats in the maatwerkplaats; is the scan broken?", len(formats))
	}
	for _, f := range formats {
		if _, ok := english[f]; !ok {
			t.Errorf("no English for the case format %q", f)
		}
	}
}

// TestCaseMessagesAgree checks that the case messages translate a key the
// other catalogues also have in the same way, so the merge order of
// english does not matter.
func TestCaseMessagesAgree(t *testing.T) {
	others := []map[string]string{domainMessages, pageMessages, brakeDomainMessages, brakePageMessages}
	for _, mine := range []map[string]string{caseDomainMessages, casePageMessages, publicationMessages} {
		for k, v := range mine {
			for _, o := range others {
				if ov, ok := o[k]; ok && ov != v {
					t.Errorf("%q is %q here and %q elsewhere", k, v, ov)
				}
			}
		}
	}
	for k, v := range caseDomainMessages {
		if pv, ok := casePageMessages[k]; ok && pv != v {
			t.Errorf("%q translated twice: %q and %q", k, v, pv)
		}
	}
}
