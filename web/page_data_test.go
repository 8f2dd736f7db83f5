package web

import (
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/precedent"
)

// The data of the pages is assembled from the services' results without
// HTTP or a store: these tests call the assembly functions directly.

// dataPage is a page in lang for the assembly functions, which need only
// its words.
func dataPage(lang string) *page { return &page{translator: translator{lang: lang}} }

// twoViews is a case in deliberation at UWV (3) with a legal view and one
// of a perspective of the organisation's own (a neighbourhood officer).
func twoViews() caseSources {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := &schakel.Case{ID: 7, OrganisationID: 3, SubmittedBy: 11, Title: "Terugvordering WIA-voorschot", State: schakel.CaseDeliberation,
		RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Principles: []string{"evenredigheid"}, CreatedAt: at}
	return caseSources{
		Deliberation: &cases.Deliberation{
			Case: c,
			Invitations: []*schakel.Invitation{
				{CaseID: 7, Perspective: schakel.PerspectiveLegal, UserID: 12, At: at},
				{CaseID: 7, Perspective: "wijkagent", UserID: 13, At: at},
			},
			Views: []*schakel.View{
				{CaseID: 7, Perspective: schakel.PerspectiveLegal, UserID: 12, Text: "De wet laat geen ruimte.", At: at.Add(time.Hour)},
				{CaseID: 7, Perspective: "wijkagent", UserID: 13, Text: "Ze heeft geen buffer.", At: at.Add(2 * time.Hour)},
			},
			History: []*schakel.CaseEvent{
				{CaseID: 7, Seq: 1, Type: schakel.CaseEventSubmitted, UserID: 11, At: at},
				{CaseID: 7, Seq: 2, Type: schakel.CaseEventInvited, UserID: 14, Note: string(schakel.PerspectiveLegal), At: at},
				{CaseID: 7, Seq: 3, Type: schakel.CaseEventView, UserID: 13, Note: "wijkagent", At: at.Add(2 * time.Hour)},
			},
		},
		Similar:       &cases.Similar{},
		Orgs:          orgIndex{3: {ID: 3, Code: "uwv", Name: "UWV"}, 4: {ID: 4, Code: "svb", Name: "SVB"}},
		PrincipleName: func(code string) string { return "Beginsel " + code },
		UserNames:     map[int64]string{11: "Anna Bos", 12: "Bram Bakker", 13: "Carla Kok", 14: "Dirk Dekker"},
		Now:           at.Add(24 * time.Hour),
	}
}

func TestCaseDataOfPerspectives(t *testing.T) {
	src := twoViews()
	d := caseDataOf(dataPage(langNL), src)
	if d.Organisation != "UWV" || d.SubmittedBy != "Anna Bos" || d.Decision != nil {
		t.Errorf("organisation %q, submitted by %q, decision %+v", d.Organisation, d.SubmittedBy, d.Decision)
	}
	if len(d.Principles) != 1 || d.Principles[0] != (principleView{Code: "evenredigheid", Name: "Beginsel evenredigheid"}) {
		t.Errorf("principles %+v", d.Principles)
	}

	// The standard perspectives first, in their order, then the
	// organisation's own.
	var codes []schakel.Perspective
	for _, row := range d.Perspectives {
		codes = append(codes, row.Code)
	}
	if want := append(slices.Clone(schakel.StandardPerspectives), "wijkagent"); !slices.Equal(codes, want) {
		t.Fatalf("perspectives %v, want %v", codes, want)
	}
	legal, own := d.Perspectives[0], d.Perspectives[len(d.Perspectives)-1]
	if legal.Name != "Juridisch" || !legal.Standard || !slices.Equal(legal.Invited, []string{"Bram Bakker"}) {
		t.Errorf("legal row %+v", legal)
	}
	if len(legal.Views) != 1 || legal.Views[0].Text != "De wet laat geen ruimte." || legal.Views[0].By != "Bram Bakker" {
		t.Errorf("legal views %+v", legal.Views)
	}
	if own.Name != "wijkagent" || own.Standard || !slices.Equal(own.Invited, []string{"Carla Kok"}) ||
		len(own.Views) != 1 || own.Views[0].By != "Carla Kok" || own.Views[0].Text != "Ze heeft geen buffer." {
		t.Errorf("own row %+v", own)
	}
	for _, row := range d.Perspectives[1 : len(d.Perspectives)-1] {
		if len(row.Invited) != 0 || len(row.Views) != 0 {
			t.Errorf("row %s has %v and %v, want nobody", row.Code, row.Invited, row.Views)
		}
	}
	// Only the standard perspectives count as missing.
	if want := []string{"Financieel", "Professioneel", "Burgerperspectief", "Beleid", "ICT"}; !slices.Equal(d.Missing, want) {
		t.Errorf("missing %v, want %v", d.Missing, want)
	}

	// The history names who acted and the perspective.
	if len(d.Events) != 3 {
		t.Fatalf("events %+v", d.Events)
	}
	if ev := d.Events[1]; ev.Title != "Perspectief uitgenodigd" || ev.Actor != "Dirk Dekker" ||
		len(ev.Details) != 1 || ev.Details[0] != (detail{Label: "Perspectief", Text: "Juridisch"}) {
		t.Errorf("invitation event %+v", ev)
	}

	// In English the standard perspectives are translated; one of the
	// organisation's own stays as entered.
	en := caseDataOf(dataPage(langEN), src)
	if en.Perspectives[0].Name != "Legal" || en.Perspectives[len(en.Perspectives)-1].Name != "wijkagent" || en.Missing[2] != "Citizen" {
		t.Errorf("English rows %q … %q, missing %v", en.Perspectives[0].Name, en.Perspectives[len(en.Perspectives)-1].Name, en.Missing)
	}

	// The users the page names, in the order they appear; nobody (0) is
	// left out (h.userNames looks each up once).
	src.Deliberation.History = append(src.Deliberation.History, &schakel.CaseEvent{Type: schakel.CaseEventWithdrawn})
	if ids := caseUserIDs(src.Deliberation); !slices.Equal(ids, []int64{11, 12, 13, 12, 13, 11, 14, 13}) {
		t.Errorf("caseUserIDs = %v", ids)
	}
}

func TestCaseDataOfConsistencyWarning(t *testing.T) {
	fix := precedent.Match{Item: precedent.Item{ID: 21, OrganisationID: 4, Outcome: schakel.OutcomeMaatwerk, DecidedAt: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}, Score: 0.8}
	no := precedent.Match{Item: precedent.Item{ID: 22, OrganisationID: 3, Outcome: schakel.OutcomeNo, DecidedAt: time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC)}, Score: 0.6}
	faint := precedent.Match{Item: precedent.Item{ID: 23, OrganisationID: 3, Outcome: schakel.OutcomeMaatwerk}, Score: 0.2}
	titles := map[int64]*schakel.Precedent{21: {CaseID: 21, Title: "Voorschot kwijtgescholden"}, 22: {CaseID: 22, Title: "Voorschot teruggevorderd"}}

	t.Run("decided", func(t *testing.T) {
		// Decided as an authoritative no: the warning names the similar
		// case that got maatwerk.
		src := twoViews()
		src.Deliberation.Case.State = schakel.CaseDecided
		src.Deliberation.Decision = &schakel.Decision{CaseID: 7, Outcome: schakel.OutcomeNo, DecidedBy: 14, Explanation: "Nee, omdat…",
			Signal: &schakel.Signal{Proposal: "Artikel 76 wringt.", Anchors: []schakel.Anchor{{Ref: "jci1.3:c:BWBR0019057&artikel=76"}}}}
		src.Similar = &cases.Similar{Matches: []precedent.Match{fix, no, faint}, Inconsistent: []precedent.Match{fix}, Divergent: true, Precedents: titles}
		d := caseDataOf(dataPage(langNL), src)
		want := similarRow{ID: 21, Title: "Voorschot kwijtgescholden", Organisation: "SVB", Outcome: schakel.OutcomeMaatwerk, At: fix.Item.DecidedAt, Score: 0.8}
		if len(d.Similar.Inconsistent) != 1 || d.Similar.Inconsistent[0] != want {
			t.Errorf("warning rows %+v, want %+v", d.Similar.Inconsistent, want)
		}
		if len(d.Similar.Rows) != 3 || d.Similar.Rows[1].Title != "Voorschot teruggevorderd" || d.Similar.Rows[2].Title != "" {
			t.Errorf("similar rows %+v", d.Similar.Rows)
		}
		// Once decided the two sides are not shown, nor a proposal.
		if d.Similar.Fixes != nil || d.Similar.Noes != nil || d.Similar.Proposal != nil {
			t.Errorf("decided case shows sides %+v / %+v or proposal %+v", d.Similar.Fixes, d.Similar.Noes, d.Similar.Proposal)
		}
		if dv := d.Decision; dv == nil || dv.By != "Dirk Dekker" || !dv.HasSignal || dv.SignalText != "Artikel 76 wringt." || len(dv.SignalRules) != 1 || dv.SignalRules[0].URL == "" {
			t.Errorf("decision %+v", dv)
		}
	})

	t.Run("open", func(t *testing.T) {
		// Before a decision the similar cases disagree: both sides, the
		// faint match on neither.
		src := twoViews()
		src.Similar = &cases.Similar{Matches: []precedent.Match{fix, no, faint}, Divergent: true, Precedents: titles}
		d := caseDataOf(dataPage(langNL), src)
		if len(d.Similar.Inconsistent) != 0 {
			t.Errorf("open case warns of %+v", d.Similar.Inconsistent)
		}
		if len(d.Similar.Fixes) != 1 || d.Similar.Fixes[0].ID != 21 || len(d.Similar.Noes) != 1 || d.Similar.Noes[0].ID != 22 {
			t.Errorf("sides %+v / %+v", d.Similar.Fixes, d.Similar.Noes)
		}
		// Two fixes are no pile of five: no proposal.
		if d.Similar.Proposal != nil {
			t.Errorf("proposal %+v", d.Similar.Proposal)
		}
	})
}

func TestRequestDataOfNames(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	req := &schakel.Request{ID: 5, Type: schakel.TypeGeneral, Subject: "Waarom?", State: schakel.StateAnswered,
		Requester: schakel.Party{Kind: schakel.PartyProtected, UserID: 31},
		Ladder:    []schakel.Addressee{{OrganisationID: 3, Role: schakel.RoleBoard}, {OrganisationID: 9, Role: schakel.RoleMinister}},
		Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "Te zwaar."}}}
	evs := []*schakel.Event{
		{RequestID: 5, Seq: 1, Type: schakel.EventCreated, At: at, Actor: req.Requester},
		{RequestID: 5, Seq: 2, Type: schakel.EventAnswered, At: at, Actor: schakel.Party{Kind: schakel.PartyUser, UserID: 32, OrganisationID: 3},
			Data: schakel.EventData{Answer: schakel.Explain, Motivations: map[string]string{"evenredigheid": "Het is niet te zwaar."}}},
	}
	// A protected requester is never looked up, nor named.
	ids := requestUserIDs(req, evs)
	if !slices.Equal(ids, []int64{32}) {
		t.Errorf("requestUserIDs = %v, want only the one who answered", ids)
	}
	src := requestSources{Request: req, Events: evs, Orgs: orgIndex{3: {ID: 3, Name: "UWV"}, 9: {ID: 9, Name: "Ministerie van SZW"}},
		PrincipleName: func(code string) string { return "Beginsel " + code }, UserNames: map[int64]string{32: "Eva Smit"}}
	d := requestDataOf(dataPage(langNL), src)
	if d.Requester != "beschermd: alleen bekend bij de vertrouwenspersoon" || d.Current != "UWV, bestuur" {
		t.Errorf("requester %q, current %q", d.Requester, d.Current)
	}
	if len(d.Ladder) != 2 || !d.Ladder[0].Current || d.Ladder[1].Addressee != "Ministerie van SZW, bewindspersoon" {
		t.Errorf("ladder %+v", d.Ladder)
	}
	if len(d.Events) != 2 || d.Events[1].Actor != "Eva Smit, namens UWV" {
		t.Fatalf("events %+v", d.Events)
	}
	want := detail{Label: "Motivering bij Beginsel evenredigheid", Text: "Het is niet te zwaar.", Long: true}
	if !slices.Contains(d.Events[1].Details, want) {
		t.Errorf("answer details %+v, want %+v among them", d.Events[1].Details, want)
	}
	if d.Brake != nil || d.Acts() {
		t.Errorf("brake %+v, acts %v: the forms are not the data's", d.Brake, d.Acts())
	}
}

func TestBrakeRegisterQueryOf(t *testing.T) {
	q := brakeRegisterQueryOf(url.Values{"organisatie": {"svb"}, "beginsel": {"onbekend"}, "termijnGemist": {"false"}, "niveau": {"burger"},
		"status": {""}, "vanaf": {"2026-03-10"}, "tot": {" 2026-03-01 "}, "pagina": {"3"}, "onbekend": {"x"}})
	if q.Page != 3 {
		t.Errorf("page %d", q.Page)
	}
	// The filters given, for the service (which checks them all: the unknown
	// principle among them) and for the form to show again: the days as
	// typed (trimmed); not the empty choice of "Alle toestanden" — the
	// service refuses an empty value —, nor the page, nor what is no field
	// of the form.
	want := url.Values{"organisatie": {"svb"}, "beginsel": {"onbekend"}, "termijnGemist": {"false"}, "niveau": {"burger"}, "vanaf": {"2026-03-10"}, "tot": {"2026-03-01"}}
	if q.Values.Encode() != want.Encode() {
		t.Errorf("values %v, want %v", q.Values, want)
	}
	if q := brakeRegisterQueryOf(url.Values{"pagina": {"100001"}, "vanaf": {"gisteren"}}); q.Page != 1 || q.Values.Get("vanaf") != "gisteren" {
		t.Errorf("out of range page %d, values %v", q.Page, q.Values)
	}
}
