package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
)

// openCase submits a valid case of uwv as its professional through the
// form and returns its id.
func (e *caseEnv) openCase() int64 {
	e.t.Helper()
	return e.submit(e.as("uwv-professional"), validCase(nil))
}

func TestCaseTable(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	prof := e.as("uwv-professional")
	coord := e.as("uwv-coordinator")
	fatima := e.user("uwv-professional")
	marleen := e.user("uwv-bestuur")

	// At first every standard perspective is missing.
	r := e.get(coord, casePath(id))
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	for _, p := range schakel.StandardPerspectives {
		wantSelector(t, r, `tr.perspective.perspective--missing[data-perspective="`+string(p)+`"] .missing`)
	}
	wantText(t, r, ".missing-perspectives", "Nog geen standpunt van: Juridisch, Financieel, Professioneel, Burgerperspectief, Beleid, ICT")

	// The professional who submitted may withdraw, but neither invite nor
	// decide, and has no perspective to give.
	r = e.get(prof, casePath(id))
	wantNoSelector(t, r, `form[action$="/uitnodiging"]`)
	wantNoSelector(t, r, `form[action$="/besluit"]`)
	wantNoSelector(t, r, `form[action$="/standpunt"]`)
	wantSelector(t, r, `form[action="/casussen/`+itoa(id)+`/intrekking"] textarea#intrekken-reden`)

	// The coordinator sees the invitation form with the colleagues of the
	// organisation only.
	r = e.get(coord, casePath(id))
	for _, sel := range []string{
		`form[action="/casussen/` + itoa(id) + `/uitnodiging"] select#uitnodigen-perspectief option[value="juridisch"]`,
		`input#uitnodigen-anderPerspectief[name="anderPerspectief"]`,
		`select#uitnodigen-gebruiker option[value="` + itoa(fatima.ID) + `"]`,
		`form[action="/casussen/` + itoa(id) + `/standpunt"] select#standpunt-perspectief option[value="ict"]`,
		`textarea#standpunt-standpunt[name="standpunt"]`,
	} {
		wantSelector(t, r, sel)
	}
	wantNoSelector(t, r, `select#uitnodigen-gebruiker option[value="`+itoa(e.user("svb-professional").ID)+`"]`)

	// Invitation errors, each at its field.
	r = e.post(coord, casePath(id)+"/uitnodiging", url.Values{})
	wantStatus(t, r, 400)
	checkPage(t, r, "nl")
	wantErrorsAt(t, r, "uitnodigen-perspectief", "uitnodigen-gebruiker")
	r = e.post(coord, casePath(id)+"/uitnodiging", url.Values{"anderPerspectief": {"Wijk-agent!"}, "gebruiker": {itoa(e.user("svb-professional").ID)}})
	wantStatus(t, r, 400)
	wantErrorsAt(t, r, "uitnodigen-anderPerspectief", "uitnodigen-gebruiker")
	wantContains(t, r, ".error-summary", "Nodig iemand van de eigen organisatie uit")
	wantSelector(t, r, `input#uitnodigen-anderPerspectief[value="Wijk-agent!"][aria-invalid="true"]`)

	// Invite the professional for the legal perspective, and the board
	// for a perspective of the organisation's own.
	wantLocation(t, e.post(coord, casePath(id)+"/uitnodiging", url.Values{"perspectief": {"juridisch"}, "gebruiker": {itoa(fatima.ID)}}), casePath(id)+"?gedaan=uitgenodigd")
	wantLocation(t, e.post(coord, casePath(id)+"/uitnodiging", url.Values{"perspectief": {"juridisch"}, "anderPerspectief": {"Schuld Hulp"}, "gebruiker": {itoa(marleen.ID)}}), casePath(id)+"?gedaan=uitgenodigd")
	// Twice the same is a conflict, said on the page.
	r = e.post(coord, casePath(id)+"/uitnodiging", url.Values{"perspectief": {"juridisch"}, "gebruiker": {itoa(fatima.ID)}})
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")
	wantContains(t, r, ".conflict", "Deze persoon is al uitgenodigd voor dit perspectief.")

	r = e.get(coord, casePath(id)+"?gedaan=uitgenodigd")
	wantSelector(t, r, ".notice--ok")
	wantContains(t, r, ".state", "in beraad")
	wantText(t, r, `tr[data-perspective="juridisch"] .invited`, fatima.Name)
	wantText(t, r, `tr[data-perspective="schuld-hulp"] th`, "schuld-hulp")
	wantText(t, r, `tr[data-perspective="schuld-hulp"] .invited`, marleen.Name)
	wantSelector(t, r, `tr[data-perspective="schuld-hulp"] .missing`)
	wantSelector(t, r, `select#standpunt-perspectief option[value="schuld-hulp"]`)

	// The invited professional now gives the legal view, and only that.
	r = e.get(prof, casePath(id))
	wantSelector(t, r, `select#standpunt-perspectief option[value="juridisch"]`)
	if n := r.Count(t, `select#standpunt-perspectief option`); n != 1 {
		t.Errorf("%d perspectives offered to the professional, want 1", n)
	}
	wantNoSelector(t, r, `form[action$="/uitnodiging"]`)
	r = e.post(prof, casePath(id)+"/standpunt", url.Values{"perspectief": {"juridisch"}, "standpunt": {" "}})
	wantStatus(t, r, 400)
	checkPage(t, r, "nl")
	wantErrorsAt(t, r, "standpunt-standpunt")
	wantLocation(t, e.post(prof, casePath(id)+"/standpunt", url.Values{"perspectief": {"juridisch"}, "standpunt": {"Artikel 4:84 Awb geeft ruimte om af te wijken."}}), casePath(id)+"?gedaan=standpunt")
	// A perspective they were not invited for is not theirs to give.
	r = e.post(prof, casePath(id)+"/standpunt", url.Values{"perspectief": {"financieel"}, "standpunt": {"Geld."}})
	wantStatus(t, r, http.StatusForbidden)

	// The coordinator may add any perspective's view.
	wantLocation(t, e.post(coord, casePath(id)+"/standpunt", url.Values{"perspectief": {"financieel"}, "standpunt": {"Kwijtschelden kost 4.120 euro."}}), casePath(id)+"?gedaan=standpunt")

	r = e.get(coord, casePath(id))
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantContains(t, r, `tr[data-perspective="juridisch"] .view`, "Artikel 4:84 Awb geeft ruimte")
	wantContains(t, r, `tr[data-perspective="juridisch"] .view`, fatima.Name)
	wantNoSelector(t, r, `tr[data-perspective="juridisch"] .missing`)
	wantContains(t, r, `tr[data-perspective="financieel"] .view`, "4.120 euro")
	wantSelector(t, r, `tr[data-perspective="burger"] .missing`)
	wantText(t, r, ".missing-perspectives", "Nog geen standpunt van: Professioneel, Burgerperspectief, Beleid, ICT")
	titles := r.Text(t, ".timeline")
	for _, want := range []string{"Casus ingediend", "Perspectief uitgenodigd", "Standpunt toegevoegd"} {
		if !strings.Contains(titles, want) {
			t.Errorf("history lacks %q: %s", want, titles)
		}
	}

	// In English.
	e.setLang(coord, "en")
	r = e.get(coord, casePath(id))
	checkPage(t, r, "en")
	wantText(t, r, `tr[data-perspective="burger"] th`, "Citizen")
	wantText(t, r, `tr[data-perspective="burger"] .missing`, "missing")
	wantText(t, r, ".missing-perspectives", "No view yet from: Professional, Citizen, Policy, IT")
}

// validDecision is a valid decision form: maatwerk on Awb 4:84 with a
// signal.
func validDecision(mod func(url.Values)) url.Values {
	v := url.Values{
		"uitkomst":               {"maatwerk"},
		"grondslag":              {"awb-4:84"},
		"grondslagToelichting":   {"Onverkort toepassen heeft gevolgen die onevenredig zijn in verhouding tot het doel."},
		"afwegingen[0].beginsel": {"evenredigheid"},
		"afwegingen[0].hoe":      {"De terugvordering treft een huishouden zonder buffer; de vertraging lag bij UWV."},
		"kostenCenten":           {"4.120,50"},
		"uitleg":                 {"U hoeft het voorschot niet terug te betalen, omdat wij te laat beslisten."},
		"signaal":                {"Voorschotten terugvorderen na een te laat besluit treft mensen zonder buffer."},
		"signaalRegels[0]":       {"jci1.3:c:BWBR0019057&artikel=76"},
		"afwegingen[1].beginsel": {""},
		"afwegingen[1].hoe":      {""},
		"signaalRegels[1]":       {""},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

func TestDecideCaseErrors(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	coord := e.as("uwv-coordinator")
	r := e.get(coord, casePath(id))
	for _, sel := range []string{
		`form[action="/casussen/` + itoa(id) + `/besluit"] fieldset#uitkomst > legend`,
		`input#uitkomst-maatwerk[type="radio"][name="uitkomst"][value="maatwerk"]`,
		`input#uitkomst-gezagsvol-nee[type="radio"][value="gezagsvol-nee"]`,
		`input#uitkomst-alleen-signaal[type="radio"][value="alleen-signaal"]`,
		`select#grondslag option[value="awb-4:84"]`,
		`select#grondslag option[value="hardheidsclausule"]`,
		`select#grondslag option[value="beginsel"]`,
		`textarea#grondslagToelichting`,
		`fieldset#afwegingen fieldset.row > legend`,
		`select#afwegingen-0-beginsel option[value="evenredigheid"]`,
		`textarea#afwegingen-0-hoe`,
		`fieldset#afwegingen button[name="blok-toevoegen"][value="afwegingen"][formaction="/casussen/` + itoa(id) + `/besluit#afwegingen-blok-2"]`,
		`input#kostenCenten[type="text"][name="kostenCenten"]`,
		`textarea#uitleg`,
		`textarea#signaal`,
		`fieldset#signaalRegels input#signaalRegels-0`,
	} {
		wantSelector(t, r, sel)
	}
	wantText(t, r, `label[for="uitkomst-gezagsvol-nee"]`, "Gezagsvol nee")
	wantText(t, r, `select#grondslag option[value="awb-4:84"]`, "Awb 4:84 (inherente afwijkingsbevoegdheid)")

	for _, tc := range []struct {
		name    string
		form    url.Values
		invalid []string
		message string
	}{
		{"empty", url.Values{}, []string{"uitkomst-maatwerk", "uitleg"}, "Kies een van: maatwerk, gezagsvol-nee, alleen-signaal."},
		{"maatwerk without grounds", url.Values{"uitkomst": {"maatwerk"}}, []string{"grondslag", "grondslagToelichting", "afwegingen-0-beginsel", "uitleg"}, "Zeg per beginsel hoe het is gewogen."},
		{"signal only without the signal", url.Values{"uitkomst": {"alleen-signaal"}, "uitleg": {"Uitleg."}}, []string{"signaal", "signaalRegels-0"}, "Noem minstens één regel"},
		{"bad cost and the rest at once", validDecision(func(v url.Values) {
			v.Set("kostenCenten", "4,120,50")
			v.Set("uitleg", "")
		}), []string{"kostenCenten", "uitleg"}, "Geef een bedrag in euro, zoals 4120 of 4.120,50."},
		{"negative cost", validDecision(func(v url.Values) { v.Set("kostenCenten", "-10") }), []string{"kostenCenten"}, "De kosten kunnen niet negatief zijn."},
		{"bad rows land where they were typed", validDecision(func(v url.Values) {
			v.Set("afwegingen[0].beginsel", "")
			v.Set("afwegingen[0].hoe", "")
			v.Set("afwegingen[2].beginsel", "bestaat-niet")
			v.Set("afwegingen[2].hoe", "Zo.")
			v.Set("afwegingen[3].beginsel", "evenredigheid")
			v.Set("signaalRegels[0]", "")
			v.Set("signaalRegels[2]", "BWBR123")
		}), []string{"afwegingen-2-beginsel", "afwegingen-3-hoe", "signaalRegels-2"}, `Beginsel "bestaat-niet" staat niet (meer) in de catalogus.`},
		{"unknown ground", validDecision(func(v url.Values) { v.Set("grondslag", "willekeur") }), []string{"grondslag"}, "Kies een van: awb-4:84, hardheidsclausule, beginsel."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.post(coord, casePath(id)+"/besluit", tc.form)
			wantStatus(t, r, 400)
			checkPage(t, r, "nl")
			wantErrorsAt(t, r, tc.invalid...)
			wantContains(t, r, ".error-summary", tc.message)
			for _, k := range []string{"kostenCenten", "grondslagToelichting"} {
				if v := tc.form.Get(k); v != "" {
					if got := fieldValue(r.Doc(t).Find("#" + k)); got != v {
						t.Errorf("%s = %q, want the value entered %q", k, got, v)
					}
				}
			}
		})
	}
	r = e.post(coord, casePath(id)+"/besluit", url.Values{"uitkomst": {"maatwerk"}})
	wantSelector(t, r, `fieldset#afwegingen[aria-describedby~="afwegingen-fout"] #afwegingen-fout`)
	wantSelector(t, r, `input#uitkomst-maatwerk[checked]`)
	r = e.post(coord, casePath(id)+"/besluit", url.Values{})
	wantSelector(t, r, `fieldset#uitkomst[aria-describedby~="uitkomst-fout"] #uitkomst-fout`)
	if _, err := e.st.CaseDecision(context.Background(), id); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		t.Errorf("a decision was stored after invalid input: %v", err)
	}
}

// fieldValue returns the value of an input or the text of a textarea.
func fieldValue(s *goquery.Selection) string {
	if s.Is("textarea") {
		return strings.TrimPrefix(s.Text(), "\n")
	}
	v, _ := s.Attr("value")
	return v
}

func TestDecideCase(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	coord := e.as("uwv-coordinator")
	wantLocation(t, e.post(coord, casePath(id)+"/besluit", validDecision(nil)), casePath(id)+"?gedaan=besloten")
	d, err := e.st.CaseDecision(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != schakel.OutcomeMaatwerk || d.LegalGround != "awb-4:84" || d.CostCents != 412050 || len(d.Weighings) != 1 ||
		d.Weighings[0].Principle != "evenredigheid" || d.Signal == nil || !slices.Equal(d.Signal.Refs(), []string{"jci1.3:c:BWBR0019057&artikel=76"}) {
		t.Errorf("stored %+v, signal %+v", d, d.Signal)
	}
	r := e.get(coord, casePath(id)+"?gedaan=besloten")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantSelector(t, r, ".notice--ok")
	wantContains(t, r, ".state", "besloten")
	wantText(t, r, ".decision-outcome", "maatwerk")
	wantText(t, r, ".decision-ground", "Awb 4:84 (inherente afwijkingsbevoegdheid)")
	wantText(t, r, ".decision-cost", "€ 4.120,50")
	wantContains(t, r, ".decision-explanation", "niet terug te betalen")
	wantContains(t, r, ".decision-signal", "treft mensen zonder buffer")
	wantSelector(t, r, `.decision-signal a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76"]`)
	wantSelector(t, r, `.decision .weighings a[href="/beginselen#evenredigheid"]`)
	// Decided: no more forms, but the publication.
	for _, sel := range []string{`form[action$="/besluit"]`, `form[action$="/uitnodiging"]`, `form[action$="/standpunt"]`, `form[action$="/intrekking"]`} {
		wantNoSelector(t, r, sel)
	}
	wantSelector(t, r, `a[href="/casussen/`+itoa(id)+`/publicatie"]`)
	// The table no longer calls for views.
	wantNoSelector(t, r, ".missing-perspectives")
	wantContains(t, r, ".timeline", "Besloten")
	// Deciding again is a conflict.
	r = e.post(coord, casePath(id)+"/besluit", validDecision(nil))
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")
	wantContains(t, r, ".conflict", "Dit kan nu niet: de casus is besloten.")

	e.setLang(coord, "en")
	r = e.get(coord, casePath(id))
	wantText(t, r, ".decision-cost", "€4,120.50")
	wantText(t, r, ".decision-outcome", "tailored decision")

	// The professional sees the decision, not the publication.
	r = e.get(e.as("uwv-professional"), casePath(id))
	wantText(t, r, ".decision-outcome", "maatwerk")
	wantNoSelector(t, r, `a[href="/casussen/`+itoa(id)+`/publicatie"]`)
}

func TestCaseAccess(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	decided := e.submitAs("uwv-professional", cases.SubmitInput{Organisation: "uwv", Title: "Besloten", Situation: "S.", RuleRefs: []string{"BWBR0019057"}, Intent: "B.", Harm: "K."})
	e.decideAs("uwv-coordinator", decided.ID, cases.DecideInput{Outcome: schakel.OutcomeSolveOnly, Explanation: "U.", SignalText: "S.", SignalRuleRefs: []string{"BWBR0019057"}})

	// Another organisation's professional and coordinator do not know the
	// case exists.
	for _, subject := range []string{"svb-professional", "politie-coordinator", "eindhoven-bestuur"} {
		c := e.as(subject)
		for _, p := range []string{casePath(id), casePath(decided.ID), casePath(decided.ID) + "/publicatie"} {
			r := e.get(c, p)
			wantStatus(t, r, http.StatusNotFound)
			checkPage(t, r, "nl")
			if strings.Contains(r.Body, "Terugvordering WIA-voorschot") {
				t.Errorf("%s sees the title of the case at %s", subject, p)
			}
		}
		for _, p := range []string{"/uitnodiging", "/standpunt", "/besluit", "/intrekking"} {
			wantStatus(t, e.post(c, casePath(id)+p, url.Values{"reden": {"x"}}), http.StatusNotFound)
		}
		wantStatus(t, e.post(c, casePath(decided.ID)+"/publicatie", url.Values{}), http.StatusNotFound)
	}
	// A professional of the organisation may not invite, decide or publish.
	prof := e.as("uwv-professional")
	wantStatus(t, e.post(prof, casePath(id)+"/uitnodiging", url.Values{"perspectief": {"juridisch"}, "gebruiker": {itoa(e.user("uwv-professional").ID)}}), http.StatusForbidden)
	wantStatus(t, e.post(prof, casePath(id)+"/besluit", validDecision(nil)), http.StatusForbidden)
	wantStatus(t, e.get(prof, casePath(decided.ID)+"/publicatie"), http.StatusForbidden)
	wantStatus(t, e.post(prof, casePath(decided.ID)+"/publicatie", url.Values{}), http.StatusForbidden)
	// Policy at the ministry sees nothing of uwv's cases either.
	wantStatus(t, e.get(e.as("szw-beleid"), casePath(id)), http.StatusNotFound)
	// Visitors log in first.
	for _, p := range []string{"/uitnodiging", "/standpunt", "/besluit", "/intrekking", "/publicatie"} {
		wantLocation(t, e.post(e.client(), casePath(id)+p, url.Values{}), "/inloggen")
	}
	// Nothing changed.
	c, err := e.st.Case(context.Background(), id)
	if err != nil || c.State != schakel.CaseSubmitted || c.Version != 1 {
		t.Errorf("case after refused actions: %+v, %v", c, err)
	}
	// Bad ids are not found.
	for _, p := range []string{"/casussen/0", "/casussen/-1", "/casussen/01", "/casussen/abc", "/casussen/99999999999999999999"} {
		wantStatus(t, e.get(prof, p), http.StatusNotFound)
	}
	wantStatus(t, e.post(e.as("uwv-coordinator"), "/casussen/abc/besluit", validDecision(nil)), http.StatusNotFound)
	// The publication of a case that is not decided is a conflict.
	wantStatus(t, e.get(e.as("uwv-coordinator"), casePath(id)+"/publicatie"), http.StatusConflict)
}

func TestWithdrawCase(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	prof := e.as("uwv-professional")
	r := e.post(prof, casePath(id)+"/intrekking", url.Values{"reden": {""}})
	wantStatus(t, r, 400)
	checkPage(t, r, "nl")
	wantErrorsAt(t, r, "intrekken-reden")
	// Another professional of the organisation may not withdraw it.
	other := e.demoUserAt("uwv-professional-2", "Tweede Professional", "uwv", schakel.RoleProfessional)
	wantStatus(t, e.post(other, casePath(id)+"/intrekking", url.Values{"reden": {"Weg."}}), http.StatusForbidden)
	wantNoSelector(t, e.get(other, casePath(id)), `form[action$="/intrekking"]`)

	wantLocation(t, e.post(prof, casePath(id)+"/intrekking", url.Values{"reden": {"De burger heeft het zelf opgelost."}}), casePath(id)+"?gedaan=ingetrokken")
	r = e.get(prof, casePath(id)+"?gedaan=ingetrokken")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantContains(t, r, ".state", "ingetrokken")
	wantContains(t, r, ".timeline", "Casus ingetrokken")
	wantContains(t, r, ".timeline", "De burger heeft het zelf opgelost.")
	wantNoSelector(t, r, `form[action$="/intrekking"]`)
	wantNoSelector(t, r, ".missing-perspectives")
	wantStatus(t, e.post(prof, casePath(id)+"/intrekking", url.Values{"reden": {"Nog eens."}}), http.StatusConflict)
}

// demoUserAt adds a demo user with a role at the organisation of code and
// returns a browser logged in as them.
func (e *caseEnv) demoUserAt(subject, name, code string, role schakel.Role) *http.Client {
	e.t.Helper()
	u := e.demoUser(subject, name, schakel.Membership{OrganisationID: e.site.orgsBy[code].ID, Role: role})
	return e.loggedIn(u)
}

func TestParseEuros(t *testing.T) {
	for _, tc := range []struct {
		in    string
		cents int64
		ok    bool
	}{
		{"", 0, true},
		{"0", 0, true},
		{"4120", 412000, true},
		{"4.120", 412000, true},
		{"4120,50", 412050, true},
		{"4.120,50", 412050, true},
		{"4.120,5", 412050, true},
		{"€ 4.120,50", 412050, true},
		{"€4120", 412000, true},
		{" 4120,- ", 412000, true},
		{"4120.50", 412050, true},
		{"4120.5", 412050, true},
		{"1.234.567", 123456700, true},
		{"1.234.567,89", 123456789, true},
		{"-10", -1000, true},
		{"4,120,50", 0, false},
		{"4.12.0", 0, false},
		{"41.20.50", 0, false},
		{"4120,505", 0, false},
		{"12,3.4", 0, false},
		{"abc", 0, false},
		{"4 120", 0, false},
		{",50", 0, false},
		{"1e6", 0, false},
		{"99999999999999", 0, false},
		{"١٢٣", 0, false},
	} {
		cents, ok := parseEuros(tc.in)
		if cents != tc.cents || ok != tc.ok {
			t.Errorf("parseEuros(%q) = %d, %v; want %d, %v", tc.in, cents, ok, tc.cents, tc.ok)
		}
	}
}

func TestEurosAndSnippet(t *testing.T) {
	nl := &page{translator: translator{lang: langNL}}
	en := &page{translator: translator{lang: langEN}}
	for _, tc := range []struct {
		cents  int64
		nl, en string
	}{
		{0, "€ 0", "€0"},
		{5, "€ 0,05", "€0.05"},
		{412000, "€ 4.120", "€4,120"},
		{412050, "€ 4.120,50", "€4,120.50"},
		{123456789, "€ 1.234.567,89", "€1,234,567.89"},
		{-1000, "-€ 10", "-€10"},
	} {
		if got := nl.Euros(tc.cents); got != tc.nl {
			t.Errorf("nl Euros(%d) = %q, want %q", tc.cents, got, tc.nl)
		}
		if got := en.Euros(tc.cents); got != tc.en {
			t.Errorf("en Euros(%d) = %q, want %q", tc.cents, got, tc.en)
		}
	}
	if got := snippet("kort", 10); got != "kort" {
		t.Errorf("snippet = %q", got)
	}
	if got := snippet("een twee drie vier vijf zes", 12); got != "een twee…" {
		t.Errorf("snippet = %q", got)
	}
	if got := snippet(strings.Repeat("é", 30), 10); got != strings.Repeat("é", 10)+"…" {
		t.Errorf("snippet = %q", got)
	}
	if got := otherPerspective("  Schuld   Hulp "); got != "schuld-hulp" {
		t.Errorf("otherPerspective = %q", got)
	}
}
