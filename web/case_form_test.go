package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
)

func TestCasePagesInBothLanguages(t *testing.T) {
	e := newCaseEnv(t)
	open := e.submitAs("uwv-professional", cases.SubmitInput{Organisation: "uwv", Title: "Open casus", Situation: "Situatie.", RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Intent: "Bedoeling.", Harm: "Knelpunt.", Principles: []string{"evenredigheid"}, Parties: []string{"Piet Klaassen"}, Urgent: true})
	decided := e.submitAs("uwv-professional", cases.SubmitInput{Organisation: "uwv", Title: "Besloten casus", Situation: "Situatie.", RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Intent: "Bedoeling.", Harm: "Knelpunt."})
	e.decideAs("uwv-coordinator", decided.ID, cases.DecideInput{Outcome: schakel.OutcomeNo, LegalGround: "beginsel", LegalGroundText: "Gelijkheid.",
		Weighings: []schakel.Weighing{{Principle: "gelijkheid", How: "Gelijke gevallen."}}, CostCents: 412050, Explanation: "Uitleg."})
	pub := e.published(cases.SubmitInput{Title: "Gepubliceerde casus", Situation: "Situatie.", RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Intent: "Bedoeling.", Harm: "Knelpunt.", Principles: []string{"evenredigheid"}}, schakel.OutcomeMaatwerk)

	pages := []struct {
		user   string
		path   string
		status int
		h1     map[string]string
	}{
		{"uwv-professional", "/casussen", 200, map[string]string{"nl": "Casussen", "en": "Cases"}},
		{"uwv-professional", "/casussen?status=ingediend&pagina=2", 200, nil},
		{"uwv-professional", "/casussen/nieuw", 200, map[string]string{"nl": "Nieuwe casus", "en": "New case"}},
		{"uwv-professional", "/casussen/" + itoa(open.ID), 200, map[string]string{"nl": "Open casus", "en": "Open casus"}},
		{"uwv-coordinator", "/casussen/" + itoa(open.ID), 200, nil},
		{"uwv-coordinator", "/casussen/" + itoa(decided.ID), 200, nil},
		{"uwv-coordinator", "/casussen/" + itoa(decided.ID) + "/publicatie", 200, map[string]string{"nl": "Publicatie nakijken", "en": "Review the publication"}},
		{"uwv-coordinator", "/casussen/" + itoa(pub), 200, nil},
		{"uwv-professional", "/casussen/99999", 404, nil},
		{"svb-professional", "/casussen/" + itoa(open.ID), 404, nil},
		{"szw-beleid", "/casussen/nieuw", 403, nil},
		{"szw-beleid", "/casussen", 200, nil},
		{"", "/casusprudentie", 200, map[string]string{"nl": "Casusprudentie", "en": "Case precedent"}},
		{"", "/casusprudentie?q=voorschot&uitkomst=maatwerk&beginsel=evenredigheid&organisatie=uwv&vanaf=2026-01-01&tot=2026-12-31&regel=BWBR0019057", 200, nil},
		{"", "/casusprudentie?vanaf=2026-02-30", 400, nil},
		{"", "/casusprudentie?uitkomst=onzin&organisatie=x&regel=BWBR123&vanaf=2026-03-10&tot=2026-03-01", 400, nil},
		{"", "/casusprudentie/" + itoa(pub), 200, map[string]string{"nl": "Gepubliceerde casus", "en": "Gepubliceerde casus"}},
		{"", "/casusprudentie/" + itoa(open.ID), 404, nil},
		{"", "/casusprudentie/x", 404, nil},
	}
	for _, lang := range []string{"nl", "en"} {
		browsers := map[string]*http.Client{}
		for _, p := range pages {
			t.Run(lang+"/"+p.user+p.path, func(t *testing.T) {
				c, ok := browsers[p.user]
				if !ok {
					c = e.client()
					if p.user != "" {
						c = e.as(p.user)
					}
					e.setLang(c, lang)
					browsers[p.user] = c
				}
				r := e.get(c, p.path)
				wantStatus(t, r, p.status)
				checkPage(t, r, lang)
				if want, ok := p.h1[lang]; ok {
					wantText(t, r, "h1", want)
				}
				if p.status == 200 {
					wantSelector(t, r, `nav.main-nav a[href="/casusprudentie"]`)
					if p.user != "" {
						wantSelector(t, r, `nav.main-nav a[href="/casussen"]`)
					} else {
						wantNoSelector(t, r, `nav.main-nav a[href="/casussen"]`)
					}
				}
				if lang == "en" && p.status == 200 {
					// The page's own words are English; what people wrote
					// stays as written.
					doc := r.Doc(t)
					doc.Find(".user-text, .snippet, .parties, h1, .similar-case, .precedent-result h2, option, .case-row th, .submitter, .invited, .view .subtle, .timeline__meta, .decision dd").Remove()
					main := strings.Join(strings.Fields(doc.Find("main").Text()), " ")
					for _, nl := range []string{"Casus ", "casussen", "Toestand", "Organisatie ", "Besluit", "Kies een", "ontbreekt", "Uitkomst", "maatwerk ", "Beginselen"} {
						if strings.Contains(main, nl) {
							t.Errorf("English page contains %q: %s", nl, main)
						}
					}
				}
			})
		}
	}
	// A visitor logs in first.
	for _, p := range []string{"/casussen", "/casussen/nieuw", "/casussen/" + itoa(open.ID), "/casussen/" + itoa(decided.ID) + "/publicatie"} {
		wantLocation(t, e.get(e.client(), p), "/inloggen")
	}
	r := e.get(e.as("uwv-professional"), "/casussen")
	wantSelector(t, r, `nav.main-nav a[href="/casussen"][aria-current="true"]`)
	wantSelector(t, r, `main a[href="/casussen/nieuw"]`)
	wantSelector(t, r, `tr.case-row[data-id="`+itoa(open.ID)+`"] a[href="/casussen/`+itoa(open.ID)+`"]`)
	wantText(t, r, `tr.case-row[data-id="`+itoa(open.ID)+`"] .state`, "ingediend")
	wantContains(t, r, `tr.case-row[data-id="`+itoa(open.ID)+`"] th`, "spoed")
	wantContains(t, r, `tr.case-row[data-id="`+itoa(decided.ID)+`"] .state`, "besloten")
	// Policy cannot submit: no link to the form.
	wantNoSelector(t, e.get(e.as("szw-beleid"), "/casussen"), `main a[href="/casussen/nieuw"]`)
}

func TestCaseListFilterAndPaging(t *testing.T) {
	e := newCaseEnv(t)
	var ids []int64
	for i := 0; i < casesPerPage+2; i++ {
		c := e.submitAs("uwv-professional", cases.SubmitInput{Organisation: "uwv", Title: "Casus " + itoa(int64(i)), Situation: "S.", RuleRefs: []string{"BWBR0019057"}, Intent: "B.", Harm: "K."})
		ids = append(ids, c.ID)
	}
	e.decideAs("uwv-coordinator", ids[0], cases.DecideInput{Outcome: schakel.OutcomeSolveOnly, Explanation: "U.", SignalText: "S.", SignalRuleRefs: []string{"BWBR0019057"}})
	// A case of another organisation is not listed.
	other := e.submitAs("svb-professional", cases.SubmitInput{Organisation: "svb", Title: "Casus van de SVB", Situation: "S.", RuleRefs: []string{"BWBR0019057"}, Intent: "B.", Harm: "K."})
	c := e.as("uwv-professional")
	r := e.get(c, "/casussen")
	wantStatus(t, r, 200)
	if n := r.Count(t, "tr.case-row"); n != casesPerPage {
		t.Errorf("%d rows on page 1, want %d", n, casesPerPage)
	}
	wantSelector(t, r, `.pagination a[rel="next"][href="/casussen?pagina=2"]`)
	wantNoSelector(t, r, `tr.case-row[data-id="`+itoa(other.ID)+`"]`)
	r = e.get(c, "/casussen?pagina=2")
	if n := r.Count(t, "tr.case-row"); n != 2 {
		t.Errorf("%d rows on page 2, want 2", n)
	}
	wantSelector(t, r, `tr.case-row[data-id="`+itoa(ids[0])+`"]`)
	r = e.get(c, "/casussen?status=besloten")
	if n := r.Count(t, "tr.case-row"); n != 1 {
		t.Errorf("%d decided rows, want 1", n)
	}
	wantSelector(t, r, `select#status option[value="besloten"][selected]`)
	r = e.get(c, "/casussen?status=gepubliceerd")
	wantSelector(t, r, ".empty-state")
}

func TestNewCaseForm(t *testing.T) {
	e := newCaseEnv(t)
	r := e.get(e.as("uwv-professional"), "/casussen/nieuw")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	for _, sel := range []string{
		`form[method="post"][action="/casussen"] select#organisatie option[value="uwv"][selected]`,
		`input#titel[name="titel"][required]`,
		`textarea#situatie[name="situatie"]`,
		`label[for="situatie"]`,
		`fieldset#partijen > legend`,
		`input#partijen-0[name="partijen[0]"]`,
		`fieldset#partijen button[name="blok-toevoegen"][value="partijen"]`,
		`fieldset#regels > legend`,
		`input#regels-0[name="regels[0]"][required]`,
		`fieldset#regels button[name="blok-toevoegen"][value="regels"]`,
		`textarea#bedoeling[name="bedoeling"]`,
		`textarea#knelpunt[name="knelpunt"]`,
		`fieldset#beginselen > legend`,
		`fieldset#beginselen fieldset.principle-group > legend`,
		`input#beginselen-evenredigheid[type="checkbox"][name="beginselen"][value="evenredigheid"]`,
		`input#urgent[type="checkbox"][name="urgent"]`,
		`button[type="submit"]`,
	} {
		wantSelector(t, r, sel)
	}
	wantText(t, r, `label[for="situatie"]`, "De situatie van de burger — blijft binnen de organisatie")
	wantText(t, r, `label[for="bedoeling"]`, "Wat is de bedoeling van de regel?")
	wantText(t, r, `label[for="knelpunt"]`, "Waarom wringt het? (professionele buikpijn)")
	wantContains(t, r, `fieldset#partijen > legend`, "voor het anonimiseren")
	// Only the organisations the professional works at.
	if n := r.Count(t, `select#organisatie option[value!=""]`); n != 1 {
		t.Errorf("%d organisations offered, want 1", n)
	}
}

func TestSubmitCaseErrors(t *testing.T) {
	e := newCaseEnv(t)
	c := e.as("uwv-professional")
	for _, tc := range []struct {
		name    string
		form    url.Values
		status  int
		invalid []string
		message string
	}{
		{"empty", url.Values{}, 400, []string{"organisatie", "titel", "situatie", "regels-0", "bedoeling", "knelpunt"}, "Kies de organisatie waar de casus speelt."},
		{"blank texts", validCase(func(v url.Values) {
			for _, k := range []string{"titel", "situatie", "bedoeling", "knelpunt"} {
				v.Set(k, " \n ")
			}
		}), 400, []string{"titel", "situatie", "bedoeling", "knelpunt"}, "Dit veld is verplicht."},
		{"bad rule in a later row", validCase(func(v url.Values) {
			v.Set("regels[0]", "")
			v.Set("regels[1]", "jci1.3:c:BWBR0019057&artikel=76")
			v.Set("regels[3]", "BWBR123")
		}), 400, []string{"regels-3"}, "BWBR123"},
		{"party too long in the third row", validCase(func(v url.Values) { v.Set("partijen[2]", strings.Repeat("n", 201)) }), 400, []string{"partijen-2"}, "Gebruik hoogstens 200 tekens."},
		{"unknown principle", validCase(func(v url.Values) { v["beginselen"] = []string{"evenredigheid", "bestaat-niet"} }), 400, []string{"beginselen-zorgvuldigheid"}, `Beginsel "bestaat-niet" staat niet (meer) in de catalogus.`},
		{"principle twice", validCase(func(v url.Values) { v["beginselen"] = []string{"evenredigheid", "evenredigheid"} }), 400, []string{"beginselen-zorgvuldigheid"}, "staat er al"},
		{"title too long", validCase(func(v url.Values) { v.Set("titel", strings.Repeat("t", 201)) }), 400, []string{"titel"}, "Gebruik hoogstens 200 tekens."},
		{"unknown organisation", validCase(func(v url.Values) { v.Set("organisatie", "bestaat-niet") }), 400, []string{"organisatie"}, `Organisatie "bestaat-niet" bestaat niet.`},
		{"another organisation", validCase(func(v url.Values) { v.Set("organisatie", "svb") }), 403, []string{"organisatie"}, "U kunt bij deze organisatie geen casus indienen."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.post(c, "/casussen", tc.form)
			wantStatus(t, r, tc.status)
			checkPage(t, r, "nl")
			wantErrorsAt(t, r, tc.invalid...)
			wantContains(t, r, ".error-summary", tc.message)
			// The values entered stay.
			if v := tc.form.Get("titel"); v != "" && strings.TrimSpace(v) != "" {
				if got, _ := r.Doc(t).Find("input#titel").Attr("value"); got != v {
					t.Errorf("titel = %q, want %q", got, v)
				}
			}
		})
	}
	// Each field says what is wrong at the field itself.
	r := e.post(c, "/casussen", url.Values{})
	for _, id := range []string{"organisatie", "titel", "situatie", "bedoeling", "knelpunt"} {
		wantSelector(t, r, `#`+id+`[aria-invalid="true"][aria-describedby~="`+id+`-fout"]`)
		wantSelector(t, r, `#`+id+`-fout`)
	}
	wantSelector(t, r, `fieldset#regels[aria-describedby~="regels-fout"] #regels-fout`)
	r = e.post(c, "/casussen", validCase(func(v url.Values) { v["beginselen"] = []string{"bestaat-niet"} }))
	wantSelector(t, r, `fieldset#beginselen[aria-describedby~="beginselen-fout"] #beginselen-fout`)
	wantSelector(t, r, `input#beginselen-evenredigheid[aria-invalid="true"]`)
	r = e.post(c, "/casussen", validCase(func(v url.Values) { v.Set("partijen[2]", strings.Repeat("n", 201)) }))
	wantSelector(t, r, `#partijen-2[aria-invalid="true"]`)
	wantSelector(t, r, `input#partijen-0[value="Anna Bos"]`)
	wantSelector(t, r, `input#beginselen-evenredigheid[checked]`)
	wantNoSelector(t, r, `input#beginselen-gelijkheid[checked]`)

	if _, n, err := e.st.Cases(context.Background(), schakel.CaseFilter{}); err != nil || n != 0 {
		t.Errorf("cases stored after invalid input: %d, %v", n, err)
	}
	// Visitors log in first; no case is stored for them either.
	wantLocation(t, e.post(e.client(), "/casussen", validCase(nil)), "/inloggen")

	// The English form says it in English.
	en := e.as("uwv-professional")
	e.setLang(en, "en")
	r = e.post(en, "/casussen", url.Values{})
	wantStatus(t, r, 400)
	checkPage(t, r, "en")
	wantContains(t, r, ".error-summary", "Choose the organisation where the case plays.")
	wantContains(t, r, ".error-summary", "This field is required.")
}

func TestSubmitCase(t *testing.T) {
	e := newCaseEnv(t)
	c := e.as("uwv-professional")
	id := e.submit(c, validCase(func(v url.Values) {
		v.Set("partijen[1]", "")
		v.Set("partijen[3]", "Kees Bos")
		v.Set("regels[2]", "https://wetten.overheid.nl/BWBR0005537/2024-01-01#Artikel4:84")
		v.Set("urgent", "1")
	}))
	got, err := e.st.Case(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Terugvordering WIA-voorschot na te laat besluit" || got.State != schakel.CaseSubmitted || !got.Urgent ||
		!slices.Equal(got.Parties, []string{"Anna Bos", "Kees Bos"}) ||
		!slices.Equal(got.RuleRefs, []string{"jci1.3:c:BWBR0019057&artikel=76", "jci1.3:c:BWBR0005537&artikel=4:84"}) ||
		!slices.Equal(got.Principles, []string{"evenredigheid", "zorgvuldigheid"}) || got.SubmittedBy != e.user("uwv-professional").ID {
		t.Errorf("stored %+v", got)
	}
	r := e.get(c, casePath(id)+"?gedaan=ingediend")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantSelector(t, r, ".notice--ok")
	wantText(t, r, "h1", got.Title)
	wantText(t, r, ".organisation", "UWV")
	wantText(t, r, ".submitter", "Fatima El Amrani")
	wantContains(t, r, ".state", "ingediend")
	wantContains(t, r, ".state", "spoed")
	wantContains(t, r, ".situation", "voorschot op haar WIA-uitkering")
	wantText(t, r, ".parties", "Anna Bos Kees Bos")
	wantSelector(t, r, `.case-rules a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76"]`)
	wantSelector(t, r, `.case-principles a[href="/beginselen#evenredigheid"]`)
	wantContains(t, r, ".intent", "Voorschotten")
	wantContains(t, r, ".harm", "buffer")
	wantText(t, r, ".timeline__title", "Casus ingediend")
	// No similar case published yet.
	wantContains(t, r, "#vergelijkbaar ~ .empty-state", "nog geen vergelijkbare")
}

func TestCasePagesNeedTheService(t *testing.T) {
	e := newEnv(t, true)
	r := e.get(e.client(), "/")
	wantNoSelector(t, r, `nav.main-nav a[href="/casusprudentie"]`)
	for _, hf := range []HandlerFunc{e.h.CaseList, e.h.NewCaseForm, e.h.SubmitCase, e.h.CasePage, e.h.InviteToCase, e.h.AddCaseView,
		e.h.DecideCase, e.h.PublicationReview, e.h.PublishCase, e.h.WithdrawCase, e.h.PrecedentRegister, e.h.PrecedentPage} {
		rec := httptest.NewRecorder()
		e.h.Serve(hf)(rec, httptest.NewRequest("GET", "/casussen", nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("status %d without the maatwerkplaats", rec.Code)
		}
	}
}

// TestFormerQueryNames: links with a list page's former filter names go to
// the current ones, which the API uses too.
func TestFormerQueryNames(t *testing.T) {
	ce := newCaseEnv(t)
	be := newBrakeEnv(t)
	for _, tt := range []struct {
		get      func(string) *response
		from, to string
	}{
		{func(p string) *response { return ce.get(ce.as("uwv-professional"), p) }, "/casussen?toestand=besloten&pagina=2", "/casussen?pagina=2&status=besloten"},
		{func(p string) *response { return be.get(be.as("uwv-beheerder"), p) }, "/beheer/meldingen?toestand=opgegeven", "/beheer/meldingen?status=opgegeven"},
		{func(p string) *response { return be.get(be.as("uwv-beheerder"), p) }, "/noodremmen?gemist=nee", "/noodremmen?termijnGemist=false"},
	} {
		r := tt.get(tt.from)
		wantStatus(t, r, http.StatusMovedPermanently)
		if loc := r.Header.Get("Location"); loc != tt.to {
			t.Errorf("%s redirects to %q, want %q", tt.from, loc, tt.to)
		}
	}
}
