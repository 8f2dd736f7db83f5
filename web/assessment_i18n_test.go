package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store/storetest"
)

// assessmentKeys returns the Dutch keys of the proposal and assessment
// pages that TestGoKeysTranslated does not find by itself: the labels and
// descriptions of their fields, the labels passed on to rowSpecs and
// rowGroup, and their tables of names.
func assessmentKeys() map[string]string {
	pg := &page{translator: translator{lang: langNL}}
	keys := map[string]string{}
	items := []itemRow{{Code: schakel.ItemVerdict, Label: "Het oordeel"}}
	tables := [][]fieldSpec{proposalListFields, proposalFields(pg), deliverFields(pg), answerFields(pg, items), requestAssessmentFields(), signFields(), inForceFields()}
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
	for _, k := range []string{"Regel %d", "Voorwaarde %d", "Alternatief %d", "Dilemma %d", "Effect %d", "Beginsel %d", "Ja, aanvaard", "Nee, niet aanvaard"} {
		keys[k] = "rows and choices"
	}
	for name, m := range map[string]map[string]string{"proposalDone": proposalDone, "assessmentDone": assessmentDone} {
		for _, k := range m {
			keys[k] = name
		}
	}
	for _, k := range proposalKindNames {
		keys[k] = "proposalKindNames"
	}
	for _, k := range proposalStateNames {
		keys[k] = "proposalStateNames"
	}
	for _, k := range verdictNames {
		keys[k] = "verdictNames"
	}
	for _, k := range assessmentStateNames {
		keys[k] = "assessmentStateNames"
	}
	for _, k := range proposalEventTitles {
		keys[k] = "proposalEventTitles"
	}
	return keys
}

func TestAssessmentKeysTranslated(t *testing.T) {
	keys := assessmentKeys()
	if len(keys) < 60 {
		t.Fatalf("found only %d keys; is the scan broken?", len(keys))
	}
	for k, where := range keys {
		if _, ok := english[k]; !ok {
			t.Errorf("%s: no English for %q", where, k)
		}
	}
	// Every kind, state, verdict and event has a name.
	for _, k := range schakel.ProposalKinds {
		if proposalKindNames[k] == "" {
			t.Errorf("kind %s has no name", k)
		}
	}
	for _, s := range schakel.ProposalStates {
		if proposalStateNames[s] == "" {
			t.Errorf("proposal state %s has no name", s)
		}
	}
	for _, v := range schakel.Verdicts {
		if verdictNames[v] == "" {
			t.Errorf("verdict %s has no name", v)
		}
	}
	for _, s := range []schakel.AssessmentState{schakel.AssessmentRequested, schakel.AssessmentDelivered, schakel.AssessmentAnswered, schakel.AssessmentMissed} {
		if assessmentStateNames[s] == "" {
			t.Errorf("assessment state %s has no name", s)
		}
	}
	for _, ev := range []schakel.ProposalEventType{schakel.ProposalEventRegistered, schakel.ProposalEventRequested, schakel.ProposalEventSigned, schakel.ProposalEventSent, schakel.ProposalEventInForce} {
		if proposalEventTitles[ev] == "" {
			t.Errorf("proposal event %s has no title", ev)
		}
	}
}

// TestAssessmentFormatsTranslated checks that the Dutch messages of the
// assessment service, which the pages show at the fields and in the list
// of what is missing, have English. (Those of the store are checked by
// TestDomainFormatsTranslated.)
func TestAssessmentFormatsTranslated(t *testing.T) {
	dirs, args := formatDirs, formatArgIn
	t.Cleanup(func() { formatDirs, formatArgIn = dirs, args })
	formatDirs = []string{"assessments"}
	formatArgIn = map[string]map[string]int{"assessments": {"incomplete": 0}} // incomplete(what, missing)
	formats := repoFormats(t)
	if len(formats) < 40 {
		t.Fatalf("found only %d formats in package assessments; is the scan broken?", len(formats))
	}
	for _, f := range formats {
		if _, ok := english[f]; !ok {
			t.Errorf("no English for the assessment format %q", f)
		}
	}
}

// TestAssessmentMessagesAgree checks that the assessment messages
// translate a key the other catalogues also have in the same way, so the
// merge order of english does not matter.
func TestAssessmentMessagesAgree(t *testing.T) {
	others := []map[string]string{domainMessages, pageMessages, brakeDomainMessages, brakePageMessages, caseDomainMessages, casePageMessages, publicationMessages,
		signalDomainMessages, signalPageMessages}
	for _, mine := range []map[string]string{assessmentDomainMessages, assessmentPageMessages} {
		for k, v := range mine {
			for _, o := range others {
				if ov, ok := o[k]; ok && ov != v {
					t.Errorf("%q is %q here and %q elsewhere", k, v, ov)
				}
			}
		}
	}
	for k, v := range assessmentDomainMessages {
		if pv, ok := assessmentPageMessages[k]; ok && pv != v {
			t.Errorf("%q translated twice: %q and %q", k, v, pv)
		}
	}
}

// TestAssessmentPagesInEnglish renders every proposal and assessment page
// in English, with its forms and their errors, and checks that they are
// complete pages in English.
func TestAssessmentPagesInEnglish(t *testing.T) {
	e := newAssessmentEnv(t, storetest.OpenSQLite)
	p, as := e.registered("Geen terugvordering van het WIA-voorschot", "uwv", "gemeente-eindhoven")
	e.deliverAs("eindhoven-bestuur", as["gemeente-eindhoven"].ID, deliverInput())
	ehv := e.assessment(as["gemeente-eindhoven"].ID)
	clients := map[string]*http.Client{}
	for _, s := range []string{"", "szw-beleid", "szw-sg", "szw-minister", "uwv-bestuur"} {
		c := e.client()
		if s != "" {
			c = e.as(s)
		}
		e.setLang(c, langEN)
		clients[s] = c
	}
	pages := []struct {
		who, method, path string
		form              url.Values
		status            int
		want              string // a text in English the page must show
	}{
		{"", "GET", "/voorstellen", nil, http.StatusOK, "Proposals and implementation assessments"},
		{"szw-beleid", "GET", "/voorstellen/nieuw", nil, http.StatusOK, "Register proposal"},
		{"szw-beleid", "POST", "/voorstellen", url.Values{"soort": {"wet"}}, http.StatusBadRequest, "Choose one of: wetsvoorstel"},
		{"", "GET", proposalPath(p.ID), nil, http.StatusOK, "Before it may go to parliament"},
		{"szw-beleid", "GET", proposalPath(p.ID), nil, http.StatusOK, "Request implementation assessments"},
		{"szw-beleid", "POST", proposalPath(p.ID) + "/verzending", nil, http.StatusConflict, "has not delivered its assessment yet"},
		{"szw-sg", "POST", proposalPath(p.ID) + "/handtekening", url.Values{"verklaring": {"kort"}}, http.StatusBadRequest, "characters what you are signing for"},
		{"uwv-bestuur", "GET", assessmentPath(as["uwv"].ID), nil, http.StatusOK, "Is the proposal executable?"},
		{"uwv-bestuur", "POST", assessmentPath(as["uwv"].ID) + "/oordeel", url.Values{"kosten.fteEenmalig": {"2,55"}}, http.StatusBadRequest, "at most one decimal"},
		{"szw-minister", "GET", assessmentPath(ehv.ID), nil, http.StatusOK, "Do you accept this item?"},
		{"szw-minister", "POST", assessmentPath(ehv.ID) + "/antwoord", answerForm(ehv, func(v url.Values) { v.Set("antwoorden.voorwaarde-2", v.Get("antwoorden.voorwaarde-1")) }),
			http.StatusBadRequest, "Answer each item with a text of its own"},
		{"", "GET", assessmentPath(ehv.ID), nil, http.StatusOK, "executable under conditions"},
	}
	for _, pc := range pages {
		var r *response
		if pc.method == "GET" {
			r = e.get(clients[pc.who], pc.path)
		} else {
			r = e.post(clients[pc.who], pc.path, pc.form)
		}
		if r.StatusCode != pc.status {
			t.Errorf("%s %s as %q: status %d, want %d", pc.method, pc.path, pc.who, r.StatusCode, pc.status)
			continue
		}
		checkPage(t, r, langEN)
		if !strings.Contains(r.Doc(t).Find("main").Text(), pc.want) {
			t.Errorf("%s %s as %q does not say %q", pc.method, pc.path, pc.who, pc.want)
		}
	}
}
