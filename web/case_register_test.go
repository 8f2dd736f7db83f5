package web

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
)

// precedentIDs returns the ids of the results on a register page, in order.
func precedentIDs(t *testing.T, r *response) []string {
	t.Helper()
	var ids []string
	for _, n := range r.Doc(t).Find(".precedent-result").Nodes {
		for _, a := range n.Attr {
			if a.Key == "data-id" {
				ids = append(ids, a.Val)
			}
		}
	}
	return ids
}

func TestPrecedentRegister(t *testing.T) {
	e := newCaseEnv(t)
	day := 24 * time.Hour
	wia := e.published(cases.SubmitInput{Title: "Voorschot WIA terugvorderen", Situation: "Een voorschot op de uitkering wordt teruggevorderd na een te laat besluit.",
		RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76&lid=2"}, Intent: "Te veel betaald komt terug.", Harm: "Geen buffer.", Principles: []string{"evenredigheid"}}, schakel.OutcomeMaatwerk)
	e.clock.Advance(10 * day)
	aow := e.published(cases.SubmitInput{Organisation: "svb", Title: "AOW-gat bij emigratie", Situation: "Een gat in de opbouw door jaren in het buitenland.",
		RuleRefs: []string{"jci1.3:c:BWBR0002221&artikel=13"}, Intent: "Opbouw per jaar ingezetenschap.", Harm: "Niemand had het gezegd.", Principles: []string{"rechtszekerheid"}}, schakel.OutcomeNo)
	e.clock.Advance(10 * day)
	signal := e.published(cases.SubmitInput{Title: "Kostendelersnorm bij mantelzorg", Situation: "Een mantelzorger verliest een deel van de uitkering.",
		RuleRefs: []string{"jci1.3:c:BWBR0015703&artikel=22a"}, Intent: "Gedeelde kosten verlagen de norm.", Harm: "Zorg wordt bestraft.", Principles: []string{"gelijkheid"}}, schakel.OutcomeSolveOnly)

	c := e.client()
	r := e.get(c, "/casusprudentie")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	if got, want := precedentIDs(t, r), []string{itoa(signal), itoa(aow), itoa(wia)}; !slices.Equal(got, want) {
		t.Errorf("register = %v, want newest first %v", got, want)
	}
	wantText(t, r, `p[role="status"]`, "Aantal casussen: 3")
	row := `.precedent-result[data-id="` + itoa(aow) + `"]`
	wantText(t, r, row+" h2", "AOW-gat bij emigratie")
	wantContains(t, r, row+" .precedent-meta", "Sociale Verzekeringsbank")
	wantContains(t, r, row+" .precedent-meta", "gezagsvol nee")
	wantContains(t, r, row+" .precedent-meta", "12 maart 2026")
	wantContains(t, r, row+" .principles", "evenredigheid") // the principles weighed
	wantContains(t, r, row+" .snippet", "Een gat in de opbouw")
	for _, sel := range []string{`form[method="get"][action="/casusprudentie"][role="search"] input#q`, `input#regel`, `select#beginsel option[value="evenredigheid"]`,
		`select#uitkomst option[value="gezagsvol-nee"]`, `select#organisatie option[value="svb"]`, `input#vanaf[type="date"]`, `input#tot[type="date"]`} {
		wantSelector(t, r, sel)
	}

	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"q=voorschot", []int64{wia}},
		{"q=buitenland+opbouw", []int64{aow}},
		{"q=bestaatnergens", nil},
		{"regel=jci1.3:c:BWBR0019057%26artikel%3D76", []int64{wia}},
		{"regel=" + url.QueryEscape("https://wetten.overheid.nl/BWBR0015703/2024-01-01#Artikel22a"), []int64{signal}},
		{"beginsel=gelijkheid", []int64{signal}},
		{"beginsel=bestaat-niet", nil}, // as in the API: cited by no case
		{"uitkomst=maatwerk", []int64{wia}},
		{"uitkomst=alleen-signaal", []int64{signal}},
		{"organisatie=svb", []int64{aow}},
		{"vanaf=2026-03-12", []int64{signal, aow}},
		{"tot=2026-03-12", []int64{aow, wia}},
		{"vanaf=2026-03-12&tot=2026-03-12", []int64{aow}},
		{"uitkomst=maatwerk&organisatie=svb", nil},
		// The choices "Alle …", an empty search and empty days are no filter.
		{"q=+&regel=&beginsel=&uitkomst=&organisatie=&vanaf=&tot=", []int64{signal, aow, wia}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			r := e.get(c, "/casusprudentie?"+tc.query)
			wantStatus(t, r, 200)
			checkPage(t, r, "nl")
			var want []string
			for _, id := range tc.want {
				want = append(want, itoa(id))
			}
			if got := precedentIDs(t, r); !slices.Equal(got, want) {
				t.Errorf("results %v, want %v", got, want)
			}
			if len(tc.want) == 0 {
				wantSelector(t, r, ".empty-state")
			}
		})
	}
	// The filters are kept.
	r = e.get(c, "/casusprudentie?q=voorschot&uitkomst=maatwerk&organisatie=uwv&vanaf=2026-01-01")
	wantSelector(t, r, `input#q[value="voorschot"]`)
	wantSelector(t, r, `select#uitkomst option[value="maatwerk"][selected]`)
	wantSelector(t, r, `select#organisatie option[value="uwv"][selected]`)
	wantSelector(t, r, `input#vanaf[value="2026-01-01"]`)

	// Invalid filters are said at their fields.
	for _, tc := range []struct {
		query string
		ids   []string
	}{
		{"vanaf=2026-02-30", []string{"vanaf"}},
		{"vanaf=2026-03-10&tot=2026-03-01", []string{"tot"}},
		{"uitkomst=onzin", []string{"uitkomst"}},
		{"organisatie=bestaat-niet", []string{"organisatie"}},
		{"beginsel=gelijkheid&uitkomst=onzin&organisatie=bestaat-niet&vanaf=gisteren", []string{"uitkomst", "organisatie", "vanaf"}},
		{"regel=BWBR123", []string{"regel"}},
		{"q=" + strings.Repeat("a", 501), []string{"q"}},
	} {
		r := e.get(c, "/casusprudentie?"+tc.query)
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, tc.ids...)
		wantNoSelector(t, r, ".precedent-result")
	}

	// In English.
	e.setLang(c, "en")
	r = e.get(c, "/casusprudentie?uitkomst=gezagsvol-nee")
	checkPage(t, r, "en")
	wantContains(t, r, `.precedent-result[data-id="`+itoa(aow)+`"] .precedent-meta`, "authoritative no")
	wantContains(t, r, `.precedent-result[data-id="`+itoa(aow)+`"] .precedent-meta`, "12 March 2026")
	wantText(t, r, `p[role="status"]`, "Number of cases: 1")
}

func TestPrecedentRegisterPaging(t *testing.T) {
	e := newCaseEnv(t)
	var ids []int64
	for i := 0; i < precedentsPerPage+3; i++ {
		ids = append(ids, e.published(cases.SubmitInput{Title: "Casus " + itoa(int64(i)), Situation: "Situatie.", RuleRefs: []string{"BWBR0019057"},
			Intent: "B.", Harm: "K."}, schakel.OutcomeMaatwerk))
		e.clock.Advance(time.Hour)
	}
	c := e.client()
	r := e.get(c, "/casusprudentie?uitkomst=maatwerk")
	if n := len(precedentIDs(t, r)); n != precedentsPerPage {
		t.Errorf("%d results on page 1, want %d", n, precedentsPerPage)
	}
	wantText(t, r, `.pagination li[aria-current="page"]`, "Pagina 1 van 2")
	wantSelector(t, r, `.pagination a[rel="next"][href="/casusprudentie?pagina=2&uitkomst=maatwerk"]`)
	r = e.get(c, "/casusprudentie?pagina=2&uitkomst=maatwerk")
	if got, want := precedentIDs(t, r), []string{itoa(ids[2]), itoa(ids[1]), itoa(ids[0])}; !slices.Equal(got, want) {
		t.Errorf("page 2 = %v, want %v", got, want)
	}
	wantSelector(t, r, `.pagination a[rel="prev"][href="/casusprudentie?uitkomst=maatwerk"]`)
	// A page past the end links back.
	r = e.get(c, "/casusprudentie?pagina=9")
	wantStatus(t, r, 200)
	wantSelector(t, r, `.pagination a[rel="prev"][href="/casusprudentie?pagina=2"]`)
}

func TestSimilarCasesOnCasePage(t *testing.T) {
	e := newCaseEnv(t)
	day := 24 * time.Hour
	similar := func(title string) cases.SubmitInput {
		return cases.SubmitInput{Title: title,
			Situation:  "Een voorschot op de WIA-uitkering wordt teruggevorderd, omdat UWV te laat besliste. Het huishouden heeft geen buffer en raakt in de schulden.",
			RuleRefs:   []string{"jci1.3:c:BWBR0019057&artikel=76"},
			Intent:     "Te veel betaalde voorschotten komen terug.",
			Harm:       "De vertraging lag bij UWV, de schuld ligt bij de burger.",
			Principles: []string{"evenredigheid"}}
	}
	var fixes []int64
	for i, title := range []string{"Voorschot terug na laat besluit (1)", "Voorschot terug na laat besluit (2)", "Voorschot terug na laat besluit (3)", "Voorschot terug na laat besluit (4)"} {
		fixes = append(fixes, e.published(similar(title), schakel.OutcomeMaatwerk))
		if i == 0 {
			e.clock.Advance(20 * day)
		}
		e.clock.Advance(5 * day)
	}
	no := e.published(similar("Voorschot terug, maar er was een buffer"), schakel.OutcomeNo)
	e.clock.Advance(day)
	// An unrelated case is not similar.
	e.published(cases.SubmitInput{Title: "Parkeervergunning", Situation: "Een bewoner krijgt geen vergunning voor een tweede auto.", RuleRefs: []string{"jci1.3:c:BWBR0006622&artikel=2"},
		Intent: "Schaarse ruimte verdelen.", Harm: "Mantelzorg.", Principles: []string{"gelijkheid"}}, schakel.OutcomeMaatwerk)

	id := e.submit(e.as("uwv-professional"), validCase(func(v url.Values) {
		v.Set("situatie", "Een voorschot op de WIA-uitkering wordt teruggevorderd omdat UWV te laat besliste; er is geen buffer en het gezin raakt in de schulden.")
		v["beginselen"] = []string{"evenredigheid"}
	}))
	coord := e.as("uwv-coordinator")
	r := e.get(coord, casePath(id))
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	var rows []string
	for _, n := range r.Doc(t).Find("tr.similar-case").Nodes {
		for _, a := range n.Attr {
			if a.Key == "data-id" {
				rows = append(rows, a.Val)
			}
		}
	}
	if len(rows) != 5 {
		t.Fatalf("similar cases %v, want the 5 about the advance", rows)
	}
	for _, want := range append(slices.Clone(fixes), no) {
		if !slices.Contains(rows, itoa(want)) {
			t.Errorf("similar cases %v lack %d", rows, want)
		}
	}
	first := `tr.similar-case[data-id="` + rows[0] + `"]`
	wantSelector(t, r, first+` a[href="/casusprudentie/`+rows[0]+`"]`)
	if score := r.Text(t, first+" .score"); !strings.HasSuffix(score, "%") || score == "0%" {
		t.Errorf("score %q", score)
	}
	wantText(t, r, `tr.similar-case[data-id="`+itoa(no)+`"] .outcome`, "gezagsvol nee")
	// Before a decision: no warning yet, but the similar cases disagree,
	// and one more maatwerk makes five fixes: fix becomes solve.
	wantNoSelector(t, r, ".consistency-warning")
	wantContains(t, r, ".divergent-note", "Voorschot terug, maar er was een buffer")
	wantContains(t, r, ".divergent-note", "Voorschot terug na laat besluit (1)")
	wantContains(t, r, ".solve-proposal", "Besluit u ook hier maatwerk, dan zijn er 5 vergelijkbare fixes sinds 2 maart 2026.")
	wantSelector(t, r, `.solve-proposal .proposal-rules a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76"]`)
	wantSelector(t, r, `.solve-proposal .signal-hint a[href="#signaal"]`)
	wantSelector(t, r, "textarea#signaal")
	// The professional sees the same, without the link to the form.
	rp := e.get(e.as("uwv-professional"), casePath(id))
	wantSelector(t, rp, ".solve-proposal .signal-hint")
	wantNoSelector(t, rp, `.solve-proposal a[href="#signaal"]`)

	// Decided as maatwerk: the warning names the case decided otherwise,
	// and the fixes are five.
	wantLocation(t, e.post(coord, casePath(id)+"/besluit", validDecision(nil)), casePath(id)+"?gedaan=besloten")
	r = e.get(coord, casePath(id))
	checkPage(t, r, "nl")
	wantSelector(t, r, `.consistency-warning[role="alert"]`)
	wantContains(t, r, ".consistency-warning", "Voorschot terug, maar er was een buffer")
	wantSelector(t, r, `.consistency-warning a[href="/casusprudentie/`+itoa(no)+`"]`)
	if strings.Contains(r.Text(t, ".consistency-warning"), "laat besluit (1)") {
		t.Error("the warning names a case decided the same way")
	}
	wantNoSelector(t, r, ".divergent-note")
	wantContains(t, r, ".solve-proposal", "5 vergelijkbare casussen kregen maatwerk sinds 2 maart 2026.")
	wantContains(t, r, ".solve-proposal", "Bij het besluit over deze casus is een signaal gegeven.")
	wantNoSelector(t, r, ".solve-proposal .signal-hint")

	e.setLang(coord, "en")
	r = e.get(coord, casePath(id))
	checkPage(t, r, "en")
	wantContains(t, r, ".consistency-warning", "Note: similar cases were decided differently")
	wantContains(t, r, ".solve-proposal", "Fix becomes solve")
	wantContains(t, r, ".solve-proposal", "5 similar cases got a tailored decision since 2 March 2026.")

	// A case decided as an authoritative no is warned about the fixes.
	other := e.submit(e.as("uwv-professional"), validCase(nil))
	wantLocation(t, e.post(coord, casePath(other)+"/besluit", validDecision(func(v url.Values) { v.Set("uitkomst", "gezagsvol-nee") })), casePath(other)+"?gedaan=besloten")
	e.setLang(coord, "nl")
	r = e.get(coord, casePath(other))
	wantSelector(t, r, `.consistency-warning a[href="/casusprudentie/`+itoa(fixes[0])+`"]`)
	wantNoSelector(t, r, `.consistency-warning a[href="/casusprudentie/`+itoa(no)+`"]`)
	wantNoSelector(t, r, ".solve-proposal") // an authoritative no is no fix that piles up

	// Maatwerk again without a signal: the page suggests one.
	third := e.submit(e.as("uwv-professional"), validCase(nil))
	wantLocation(t, e.post(coord, casePath(third)+"/besluit", validDecision(func(v url.Values) {
		v.Del("signaal")
		v.Del("signaalRegels[0]")
	})), casePath(third)+"?gedaan=besloten")
	r = e.get(coord, casePath(third))
	wantContains(t, r, ".solve-proposal", "5 vergelijkbare casussen kregen maatwerk sinds 2 maart 2026.")
	wantContains(t, r, ".solve-proposal .signal-hint", "Overweeg een signaal")
}

// FuzzCaseForm posts arbitrary values, and arbitrary bytes after them, to
// the submission form as a logged-in professional: whatever comes in, the
// answer is never a server error. One site serves every input.
func FuzzCaseForm(f *testing.F) {
	site := startCaseSite(f)
	client := loginClient(f, site.srv.URL, site.users["uwv-professional"].ID)

	valid := validCase(nil)
	f.Add(valid.Get("organisatie"), valid.Get("titel"), valid.Get("situatie"), "Anna Bos", valid.Get("regels[0]"), valid.Get("bedoeling"), valid.Get("knelpunt"), "evenredigheid", "1", "")
	f.Add("", "", "", "", "", "", "", "", "", "")
	f.Add("svb", "t", "s", "", "BWBR0019057", "b", "k", "", "", "")                                                         // another organisation
	f.Add("bestaat-niet", "t", "s", "", "BWBR123", "b", "k", "bestaat-niet", "0", "")                                       // unknown everything
	f.Add("uwv", strings.Repeat("t", 201), strings.Repeat("é", 20001), strings.Repeat("n", 201), "x", "b", "k", "", "", "") // too long
	f.Add("uwv", "\x00\xff", "<script>alert(1)</script>", "\u202e", "jci1.3:c:BWBR0019057&artikel=76", "b", "k", "gelijkheid", "on", "beginselen=%zz&x")
	f.Add("uwv", "t", "s", "", "", "b", "k", "", "", strings.Repeat("partijen[7]=x&", 30)+"regels[9]=y")
	f.Add("uwv", "t", "s", "", "jci1.3:c:BWBR0019057&artikel=76", "b", "k", "", "", strings.Repeat("beginselen=evenredigheid&", 25))

	f.Fuzz(func(t *testing.T, org, title, situation, party, rule, intent, harm, principle, urgent, raw string) {
		v := url.Values{"organisatie": {org}, "titel": {title}, "situatie": {situation}, "partijen[0]": {party}, "regels[0]": {rule},
			"bedoeling": {intent}, "knelpunt": {harm}, "urgent": {urgent}}
		if principle != "" {
			v.Add("beginselen", principle)
		}
		payload := v.Encode()
		if raw != "" {
			payload += "&" + raw
		}
		req, err := http.NewRequest("POST", site.srv.URL+"/casussen", strings.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusSeeOther, http.StatusBadRequest, http.StatusForbidden:
		default:
			t.Fatalf("status %d for %q:\n%s", resp.StatusCode, payload, b)
		}
	})
}

// TestPrecedentRegisterMoreThanCounted: a search that found more cases than
// the store counts says "more than" the limit instead of a number, and a
// full page keeps a link to the next one however far the reader pages; a
// page that is not full ends the register.
func TestPrecedentRegisterMoreThanCounted(t *testing.T) {
	page := func(n int) []*schakel.Precedent {
		out := make([]*schakel.Precedent, n)
		for i := range out {
			out[i] = &schakel.Precedent{CaseID: int64(i + 1), Title: "Voorschot"}
		}
		return out
	}
	names := func(code string) string { return code }
	q := precedentQueryOf(url.Values{"q": {"voorschot"}, "pagina": {"60"}})
	d := precedentRegisterDataOf(orgIndex{}, names, q, page(precedentsPerPage), schakel.MaxPrecedentTotal+1)
	if !d.More || d.Total != schakel.MaxPrecedentTotal || d.Pages != 61 || !strings.Contains(d.NextURL, "pagina=61") || !strings.Contains(d.PrevURL, "pagina=59") {
		t.Errorf("page 60 of more than counted: more %v, total %d, pages %d, links %q %q", d.More, d.Total, d.Pages, d.PrevURL, d.NextURL)
	}
	d = precedentRegisterDataOf(orgIndex{}, names, q, page(3), schakel.MaxPrecedentTotal+1)
	if !d.More || d.NextURL != "" {
		t.Errorf("the last page of more than counted: more %v, next %q", d.More, d.NextURL)
	}
	d = precedentRegisterDataOf(orgIndex{}, names, precedentQueryOf(url.Values{"q": {"voorschot"}}), page(precedentsPerPage), schakel.MaxPrecedentTotal)
	if d.More || d.Total != schakel.MaxPrecedentTotal || d.Pages != schakel.MaxPrecedentTotal/precedentsPerPage {
		t.Errorf("exactly the limit: more %v, total %d, pages %d", d.More, d.Total, d.Pages)
	}
}
