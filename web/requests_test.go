package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
)

// requestWorld adds to env the people of a request for account: bea (board
// of uwv, the first rung of a general request to uwv), piet (policy at the
// ministry, the second and top rung) and gert (at a municipality, who sees
// nothing).
type requestWorld struct {
	*env
	bea, piet, gert *schakel.User
}

func newRequestWorld(t *testing.T) *requestWorld {
	t.Helper()
	e := newEnv(t, true)
	gem, err := e.st.OrganisationByCode(context.Background(), "gemeente-utrecht")
	if err != nil {
		t.Fatal(err)
	}
	return &requestWorld{
		env:  e,
		bea:  e.demoUser("bea", "Bea Bestuur", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard}),
		piet: e.demoUser("piet", "Piet Beleid", schakel.Membership{OrganisationID: e.ministry.ID, Role: schakel.RolePolicy}),
		gert: e.demoUser("gert", "Gert Gemeente", schakel.Membership{OrganisationID: gem.ID, Role: schakel.RoleProfessional}),
	}
}

// create makes a general request from anna to uwv through the service.
func (w *requestWorld) create(subject string) *schakel.Request {
	w.t.Helper()
	r, err := w.h.Requests.Create(context.Background(), w.anna, requests.CreateInput{
		Type: schakel.TypeGeneral, Subject: subject, Body: "Toelichting bij " + subject, AddresseeCode: "uwv",
		Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Niet zorgvuldig."}, {Principle: "evenredigheid", Text: "Niet evenredig."}},
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// sweep does what the sweeper would do for r at the clock's time.
func (w *requestWorld) sweep(id int64) {
	w.t.Helper()
	ctx := context.Background()
	for {
		r, err := w.st.Request(ctx, id)
		if err != nil {
			w.t.Fatal(err)
		}
		n, ev, err := w.h.Requests.Engine.Sweep(r, w.clock.Now())
		if err != nil {
			w.t.Fatal(err)
		}
		if n == nil {
			return
		}
		if err := w.st.UpdateRequest(ctx, r.Version, n, ev); err != nil {
			w.t.Fatal(err)
		}
	}
}

func wantText(t *testing.T, r *response, sel, want string) {
	t.Helper()
	if got := r.Text(t, sel); got != want {
		t.Errorf("%s = %q, want %q", sel, got, want)
	}
}

func wantContains(t *testing.T, r *response, sel, want string) {
	t.Helper()
	if got := r.Text(t, sel); !strings.Contains(got, want) {
		t.Errorf("%s = %q, want it to contain %q", sel, got, want)
	}
}

func wantLocation(t *testing.T, r *response, want string) {
	t.Helper()
	wantStatus(t, r, http.StatusSeeOther)
	loc := r.Header.Get("Location")
	if want == "/inloggen" {
		// A page opened by a link comes back after logging in.
		loc, _, _ = strings.Cut(loc, "?terug=")
	}
	if loc != want {
		t.Errorf("Location = %q, want %q", loc, want)
	}
}

func TestTermCalculator(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()

	r := e.get(c, "/termijn")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantSelector(t, r, `form[method="get"][action="/termijn"] input#startdatum[type="date"][name="startdatum"]`)
	wantSelector(t, r, `input#aantal[inputmode="numeric"]`)
	wantSelector(t, r, `select#eenheid option[value="werkdagen"]`)
	wantNoSelector(t, r, `.term-result, .error-summary`)
	// The holidays of the current year (the clock stands in 2026).
	wantText(t, r, "h2#feestdagen", "Feestdagen in 2026")
	wantSelector(t, r, `main nav a[href="/termijn"], nav.main-nav a[href="/termijn"][aria-current="true"]`)

	r = e.get(c, "/termijn?startdatum=2026-04-01&aantal=6&eenheid=weken")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantText(t, r, ".term-result .term-end", "woensdag 13 mei 2026")
	wantText(t, r, ".term-result h2", "De termijn eindigt op woensdag 13 mei 2026")
	wantText(t, r, ".term-extended", "nee")
	wantNoSelector(t, r, ".term-reasons")
	wantSelector(t, r, `.term-result time[datetime="2026-05-13T22:00:00Z"]`)
	wantContains(t, r, ".term-result", "woensdag 13 mei 2026 om 24:00 uur (Nederlandse tijd)")
	// The input is kept.
	wantSelector(t, r, `input#startdatum[value="2026-04-01"]`)
	wantSelector(t, r, `select#eenheid option[value="weken"][selected]`)
	// The holidays of the end date's year, with Hemelvaartsdag.
	wantContains(t, r, "table.holidays", "donderdag 14 mei 2026 Hemelvaartsdag")

	// The API's query works too.
	r = e.get(c, "/termijn?startdatum=2026-04-01&duur=P6W")
	wantStatus(t, r, 200)
	wantText(t, r, ".term-end", "woensdag 13 mei 2026")
	wantSelector(t, r, `input#aantal[value="6"]`)

	// Ending on Hemelvaartsdag: extended to Friday, with the reason.
	r = e.get(c, "/termijn?startdatum=2026-04-02&aantal=6&eenheid=weken")
	wantStatus(t, r, 200)
	wantText(t, r, ".term-end", "vrijdag 15 mei 2026")
	wantText(t, r, ".term-extended", "ja")
	wantText(t, r, ".term-reasons li", "eindigt op Hemelvaartsdag (donderdag 14 mei 2026), verlengd tot en met vrijdag 15 mei 2026 (art. 1 Atw)")

	// Working days skip Goede Vrijdag and Tweede Paasdag.
	r = e.get(c, "/termijn?startdatum=2026-04-01&werkdagen=5")
	wantStatus(t, r, 200)
	wantText(t, r, ".term-end", "vrijdag 10 april 2026")
	wantSelector(t, r, `select#eenheid option[value="werkdagen"][selected]`)

	// Art. 2: three days from Thursday 23 April 2026 end on Sunday,
	// Monday is Koningsdag... extended to Tuesday 28 April.
	r = e.get(c, "/termijn?startdatum=2026-04-23&aantal=3&eenheid=dagen")
	wantStatus(t, r, 200)
	wantText(t, r, ".term-end", "dinsdag 28 april 2026")

	t.Run("English", func(t *testing.T) {
		c := e.client()
		e.setLang(c, "en")
		r := e.get(c, "/termijn?startdatum=2026-04-02&aantal=6&eenheid=weken")
		wantStatus(t, r, 200)
		checkPage(t, r, "en")
		wantText(t, r, ".term-end", "Friday 15 May 2026")
		wantText(t, r, ".term-reasons li", "ends on Ascension Day (Thursday 14 May 2026), extended up to and including Friday 15 May 2026 (art. 1 Atw)")
		wantText(t, r, ".term-extended", "yes")
		wantContains(t, r, "table.holidays", "Thursday 14 May 2026 Ascension Day")
		// A weekend end.
		r = e.get(c, "/termijn?startdatum=2026-04-04&aantal=1&eenheid=weken")
		wantText(t, r, ".term-reasons li", "ends on Saturday 11 April 2026, extended up to and including Monday 13 April 2026 (art. 1 Atw)")
		// Art. 2 over Christmas.
		r = e.get(c, "/termijn?startdatum=2026-12-24&aantal=3&eenheid=dagen")
		wantText(t, r, ".term-end", "Tuesday 29 December 2026")
		wantText(t, r, ".term-reasons li:nth-child(2)", "the term of 3 days contains only one day that is not a Saturday, Sunday or public holiday, extended up to and including Tuesday 29 December 2026 (art. 2 Atw)")
	})

	t.Run("invalid", func(t *testing.T) {
		for _, tc := range []struct {
			query   string
			invalid []string
		}{
			{"startdatum=2026-02-30&aantal=6&eenheid=weken", []string{"startdatum"}},
			{"startdatum=1-4-2026&aantal=6&eenheid=weken", []string{"startdatum"}},
			{"startdatum=&aantal=6&eenheid=weken", []string{"startdatum"}},
			{"startdatum=2026-04-01&aantal=zes&eenheid=weken", []string{"aantal"}},
			{"startdatum=2026-04-01&aantal=0&eenheid=weken", []string{"aantal"}},
			{"startdatum=2026-04-01&aantal=6&eenheid=jaren", []string{"eenheid"}},
			{"startdatum=2026-04-01&duur=P1Y", []string{"aantal"}},
			{"startdatum=nee&aantal=&eenheid=weken", []string{"startdatum", "aantal"}},
		} {
			t.Run(tc.query, func(t *testing.T) {
				r := e.get(c, "/termijn?"+tc.query)
				wantStatus(t, r, http.StatusBadRequest)
				checkPage(t, r, "nl")
				wantNoSelector(t, r, ".term-result")
				if n := r.Count(t, ".error-summary li"); n != len(tc.invalid) {
					t.Errorf("%d errors, want %d: %s", n, len(tc.invalid), r.Text(t, ".error-summary"))
				}
				for _, f := range tc.invalid {
					wantSelector(t, r, `.error-summary a[href="#`+f+`"]`)
					wantSelector(t, r, `#`+f+`[aria-invalid="true"][aria-describedby~="`+f+`-fout"]`)
				}
			})
		}
		// The calendar's message, translated.
		r := e.get(c, "/termijn?startdatum=2026-02-30&aantal=6&eenheid=weken")
		wantContains(t, r, "#startdatum-fout", "februari 2026 heeft 28 dagen")
		en := e.client()
		e.setLang(en, "en")
		r = e.get(en, "/termijn?startdatum=2026-02-30&aantal=6&eenheid=weken")
		wantContains(t, r, "#startdatum-fout", "does not exist")
	})
}

func TestInbox(t *testing.T) {
	w := newRequestWorld(t)
	// Made a week later, so its deadline is later: the inbox shows it second.
	w.clock.Set(w.clock.Now().Add(7 * 24 * time.Hour))
	later := w.create("Later verzoek")
	w.clock.Set(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	sooner := w.create("Eerder verzoek")

	c := w.loggedIn(w.bea)
	r := w.get(c, "/postvak")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantSelector(t, r, `nav.main-nav a[href="/postvak"][aria-current="true"]`)
	rows := r.Doc(t).Find("tbody tr.request-row")
	if rows.Length() != 2 {
		t.Fatalf("%d rows, want 2", rows.Length())
	}
	if id, _ := rows.Eq(0).Attr("data-id"); id != strconv.FormatInt(sooner.ID, 10) {
		t.Errorf("first row is request %s, want the sooner deadline %d", id, sooner.ID)
	}
	wantSelector(t, r, `tbody tr:first-child th a[href="/verzoeken/`+strconv.FormatInt(sooner.ID, 10)+`"]`)
	wantText(t, r, "tbody tr:first-child .days-left", "nog 28 werkdagen")
	wantText(t, r, "tbody tr:nth-child(2) .days-left", "nog 33 werkdagen")
	wantContains(t, r, "tbody tr:first-child", "13 april 2026")
	wantContains(t, r, "tbody tr:first-child", "persoon")
	wantContains(t, r, "tbody tr:first-child", "Verzoek om verantwoording")
	wantText(t, r, "tbody tr:first-child .badge--open", "open")
	wantNoSelector(t, r, ".badge--overdue")

	// The day after the first deadline: overdue, in words and with a badge.
	w.clock.Set(time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC))
	r = w.get(c, "/postvak")
	wantText(t, r, "tbody tr:first-child .days-left", "1 werkdag te laat")
	wantText(t, r, "tbody tr:first-child .badge--overdue", "te laat")
	wantSelector(t, r, "tbody tr:first-child.request-row--overdue")
	wantText(t, r, "tbody tr:nth-child(2) .days-left", "nog 4 werkdagen")
	wantNoSelector(t, r, "tbody tr:nth-child(2) .badge--overdue")

	e := w.client()
	w.setLang(e, "en")
	c = w.loggedIn(w.bea)
	w.setLang(c, "en")
	r = w.get(c, "/postvak")
	checkPage(t, r, "en")
	wantText(t, r, "tbody tr:first-child .days-left", "1 working day late")
	wantText(t, r, "tbody tr:first-child .badge--overdue", "overdue")
	wantText(t, r, "tbody tr:nth-child(2) .days-left", "4 working days left")

	// The sweep escalates the overdue request: it leaves bea's inbox for the
	// ministry's, marked escalated.
	w.sweep(sooner.ID)
	r = w.get(w.loggedIn(w.bea), "/postvak")
	if n := r.Count(t, "tbody tr.request-row"); n != 1 {
		t.Errorf("%d rows after the escalation, want 1", n)
	}
	r = w.get(w.loggedIn(w.piet), "/postvak")
	wantText(t, r, "tbody tr:first-child .badge--open", "geëscaleerd")
	wantContains(t, r, "tbody tr:first-child th", "Eerder verzoek")
	_ = later

	// Nothing for gert; nothing without login.
	r = w.get(w.loggedIn(w.gert), "/postvak")
	wantStatus(t, r, 200)
	wantSelector(t, r, ".empty-state")
	wantNoSelector(t, r, "table")
	wantLocation(t, w.get(w.client(), "/postvak"), "/inloggen")
}

func TestRequestList(t *testing.T) {
	w := newRequestWorld(t)
	for i := 0; i < 27; i++ {
		w.create("Verzoek " + strconv.Itoa(i))
	}
	c := w.loggedIn(w.anna)
	r := w.get(c, "/verzoeken")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantText(t, r, `p[role="status"]`, "Aantal verzoeken: 27")
	if n := r.Count(t, "tbody tr"); n != requestsPerPage {
		t.Errorf("%d rows, want %d", n, requestsPerPage)
	}
	wantSelector(t, r, `main a[href="/verzoeken/nieuw"]`)
	wantSelector(t, r, `nav.pagination a[rel="next"][href="/verzoeken?pagina=2"]`)
	wantNoSelector(t, r, `nav.pagination a[rel="prev"]`)
	r = w.get(c, "/verzoeken?pagina=2")
	if n := r.Count(t, "tbody tr"); n != 2 {
		t.Errorf("%d rows on page 2, want 2", n)
	}
	wantText(t, r, `nav.pagination [aria-current="page"]`, "Pagina 2 van 2")

	r = w.get(c, "/verzoeken?status=gesloten")
	wantStatus(t, r, 200)
	wantSelector(t, r, `select#status option[value="gesloten"][selected]`)
	wantText(t, r, `p[role="status"]`, "Aantal verzoeken: 0")
	wantSelector(t, r, ".empty-state")
	r = w.get(c, "/verzoeken?status=open&type=verzoek")
	wantText(t, r, `p[role="status"]`, "Aantal verzoeken: 27")
	wantSelector(t, r, `nav.pagination a[rel="next"][href="/verzoeken?pagina=2&status=open&type=verzoek"]`)
	r = w.get(c, "/verzoeken?type=klacht")
	wantText(t, r, `p[role="status"]`, "Aantal verzoeken: 0")

	// gert sees none; visitors log in.
	r = w.get(w.loggedIn(w.gert), "/verzoeken")
	wantText(t, r, `p[role="status"]`, "Aantal verzoeken: 0")
	wantLocation(t, w.get(w.client(), "/verzoeken"), "/inloggen")
}

// validCreate is a valid create form with two grounds.
func validCreate(mod func(url.Values)) url.Values {
	v := url.Values{
		"type": {"verzoek"}, "geadresseerde": {"uwv"}, "rol": {""}, "onderwerp": {"Terugvordering kinderopvangtoeslag"},
		"toelichting":            {"De terugvordering treft gezinnen onevenredig hard."},
		"gronden[0].beginsel":    {"zorgvuldigheid"},
		"gronden[0].toelichting": {"Het dossier is niet onderzocht."},
		"gronden[1].beginsel":    {"evenredigheid"},
		"gronden[1].toelichting": {"De gevolgen staan niet in verhouding."},
		"gronden[2].beginsel":    {""},
		"gronden[2].toelichting": {""},
		"namens":                 {""},
	}
	if mod != nil {
		mod(v)
	}
	return v
}

func TestCreateRequestForm(t *testing.T) {
	w := newRequestWorld(t)
	c := w.loggedIn(w.anna)
	r := w.get(c, "/verzoeken/nieuw")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	for _, sel := range []string{
		`form[method="post"][action="/verzoeken"] select#type[name="type"]`,
		`select#geadresseerde option[value="uwv"]`,
		`select#rol[name="rol"]`,
		`input#onderwerp[name="onderwerp"]`,
		`textarea#toelichting[name="toelichting"]`,
		`select#gronden-0-beginsel[name="gronden[0].beginsel"] option[value="zorgvuldigheid"]`,
		`textarea#gronden-0-toelichting[name="gronden[0].toelichting"]`,
		`fieldset#gronden button[name="blok-toevoegen"][value="gronden"][hx-post="/verzoeken"][hx-select="#gronden"][hx-target="#gronden"]`,
		`input#urgent[type="checkbox"][name="urgent"]`,
		`select#namens[name="namens"] option[value=""]`,
	} {
		wantSelector(t, r, sel)
	}
	// Retired principles cannot be cited; anna may not act for uwv.
	wantNoSelector(t, r, `select#namens option[value="uwv"]`)
	r = w.get(w.loggedIn(w.bea), "/verzoeken/nieuw")
	wantSelector(t, r, `select#namens option[value="uwv"]`)
	wantLocation(t, w.get(w.client(), "/verzoeken/nieuw"), "/inloggen")

	for _, tc := range []struct {
		name    string
		form    url.Values
		invalid []string // element ids the summary links to
		marked  []string // fields marked invalid
	}{
		{"empty", url.Values{}, []string{"type", "geadresseerde", "onderwerp", "gronden-0-beginsel"}, []string{"type", "geadresseerde", "onderwerp"}},
		{"ground in a later row", validCreate(func(v url.Values) {
			v.Set("gronden[0].beginsel", "")
			v.Set("gronden[0].toelichting", "")
			v.Set("gronden[2].beginsel", "bestaat-niet")
		}), []string{"gronden-2-beginsel", "gronden-2-toelichting"}, []string{"gronden-2-beginsel", "gronden-2-toelichting"}},
		{"duplicate ground", validCreate(func(v url.Values) { v.Set("gronden[1].beginsel", "zorgvuldigheid") }), []string{"gronden-1-beginsel"}, []string{"gronden-1-beginsel"}},
		{"urgent", validCreate(func(v url.Values) { v.Set("urgent", "1") }), []string{"urgent"}, []string{"urgent"}},
		{"unknown addressee", validCreate(func(v url.Values) { v.Set("geadresseerde", "bestaat-niet") }), []string{"geadresseerde"}, []string{"geadresseerde"}},
		{"organisation brake without namens", validCreate(func(v url.Values) { v.Set("type", "noodrem-organisatie"); v.Set("geadresseerde", "min-szw") }), []string{"namens"}, []string{"namens"}},
		{"long body", validCreate(func(v url.Values) { v.Set("toelichting", strings.Repeat("x", comply.MaxText+1)) }), []string{"toelichting"}, []string{"toelichting"}},
		{"unknown type", validCreate(func(v url.Values) { v.Set("type", "onzin"); v.Set("onderwerp", " ") }), []string{"type", "onderwerp"}, []string{"type", "onderwerp"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := w.post(c, "/verzoeken", tc.form)
			wantStatus(t, r, http.StatusBadRequest)
			checkPage(t, r, "nl")
			for _, id := range tc.invalid {
				wantSelector(t, r, `.error-summary a[href="#`+id+`"]`)
			}
			if n := r.Count(t, ".error-summary li"); n != len(tc.invalid) {
				t.Errorf("%d errors, want %d: %s", n, len(tc.invalid), r.Text(t, ".error-summary"))
			}
			for _, id := range tc.marked {
				wantSelector(t, r, `#`+id+`[aria-invalid="true"][aria-describedby~="`+id+`-fout"]`)
			}
			if tc.form.Get("onderwerp") != "" && strings.TrimSpace(tc.form.Get("onderwerp")) != "" {
				wantSelector(t, r, `input#onderwerp[value="`+tc.form.Get("onderwerp")+`"]`)
			}
		})
	}
	// The group error is shown in the group too.
	r = w.post(c, "/verzoeken", url.Values{})
	wantSelector(t, r, `fieldset#gronden[aria-describedby="gronden-fout"] #gronden-fout`)
	wantSelector(t, r, `fieldset#gronden[aria-describedby="gronden-fout"] #gronden-fout`)

	t.Run("English", func(t *testing.T) {
		c := w.loggedIn(w.anna)
		w.setLang(c, "en")
		r := w.post(c, "/verzoeken", url.Values{})
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "en")
		wantContains(t, r, ".error-summary", "Subject: This field is required.")
		wantContains(t, r, ".error-summary", "Grounds: Name at least one principle from the catalogue that is at stake.")
	})

	t.Run("created", func(t *testing.T) {
		r := w.post(c, "/verzoeken", validCreate(func(v url.Values) { v.Set("gronden[0].beginsel", ""); v.Set("gronden[0].toelichting", "") }))
		wantStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		if !regexp.MustCompile(`^/verzoeken/\d+\?gedaan=aangemaakt$`).MatchString(loc) {
			t.Fatalf("Location = %q", loc)
		}
		r = w.get(c, loc)
		wantStatus(t, r, 200)
		checkPage(t, r, "nl")
		wantText(t, r, "h1", "Terugvordering kinderopvangtoeslag")
		wantSelector(t, r, `.notice--ok[role="status"]`)
		// Only the one ground given.
		if n := r.Count(t, ".grounds-list dt"); n != 1 {
			t.Errorf("%d grounds, want 1", n)
		}
	})
}

// requestPath is the page of request id.
func requestPath(id int64) string { return "/verzoeken/" + strconv.FormatInt(id, 10) }

func TestRequestFlowExplainContest(t *testing.T) {
	w := newRequestWorld(t)
	anna, bea, piet := w.loggedIn(w.anna), w.loggedIn(w.bea), w.loggedIn(w.piet)

	r := w.post(anna, "/verzoeken", validCreate(nil))
	wantStatus(t, r, http.StatusSeeOther)
	path := strings.TrimSuffix(r.Header.Get("Location"), "?gedaan=aangemaakt")
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/verzoeken/"), 10, 64)
	if err != nil {
		t.Fatalf("Location %q", r.Header.Get("Location"))
	}

	// The requester sees the request but cannot answer.
	r = w.get(anna, path)
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	wantText(t, r, ".state .badge", "open")
	wantText(t, r, ".requester", "Anna de Vries")
	wantText(t, r, ".current-addressee", "Organisatie uwv, bestuur")
	wantContains(t, r, ".deadline", "maandag 13 april 2026")
	wantContains(t, r, ".deadline .days-left", "nog 28 werkdagen")
	wantText(t, r, `ol.ladder li[aria-current="step"] strong`, "Organisatie uwv, bestuur")
	if n := r.Count(t, "ol.ladder li"); n != 2 {
		t.Errorf("%d rungs, want 2", n)
	}
	wantSelector(t, r, `form[action="`+path+`/intrekking"] textarea#intrekken-reden[name="reden"]`)
	wantNoSelector(t, r, `form[action="`+path+`/antwoord"], form[action="`+path+`/ontvangst"], form[action="`+path+`/betwisting"]`)
	wantText(t, r, ".timeline__event:first-child .timeline__title", "Verzoek gedaan")
	wantContains(t, r, ".timeline__event:first-child", "Antwoord uiterlijk maandag 13 april 2026")

	// The addressee acknowledges.
	r = w.get(bea, path)
	wantSelector(t, r, `form[action="`+path+`/ontvangst"] button[type="submit"]`)
	wantSelector(t, r, `form[action="`+path+`/antwoord"] input[type="hidden"][name="soort"][value="comply"]`)
	wantSelector(t, r, `form[action="`+path+`/antwoord"] input[type="hidden"][name="soort"][value="explain"]`)
	// One field per cited principle, labelled with its name.
	wantSelector(t, r, `textarea#motiveringen-zorgvuldigheid[name="motiveringen.zorgvuldigheid"]`)
	wantSelector(t, r, `textarea#motiveringen-evenredigheid[name="motiveringen.evenredigheid"]`)
	wantText(t, r, `label[for="motiveringen-zorgvuldigheid"]`, "Zorgvuldigheid")
	wantSelector(t, r, `form[action="`+path+`/verlenging"] select#verlengen-termijn option[value="P4W"]`)
	wantNoSelector(t, r, `select#verlengen-termijn option[value="P5W"]`)
	wantNoSelector(t, r, `form[action="`+path+`/intrekking"]`)
	wantLocation(t, w.post(bea, path+"/ontvangst", nil), path+"?gedaan=ontvangen")
	r = w.get(bea, path+"?gedaan=ontvangen")
	wantText(t, r, ".state .badge", "ontvangen")
	wantText(t, r, ".notice--ok", "De ontvangst is bevestigd.")
	wantNoSelector(t, r, `form[action="`+path+`/ontvangst"]`)
	// Acknowledging twice is a conflict.
	r = w.post(bea, path+"/ontvangst", nil)
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")
	wantContains(t, r, `.conflict[role="alert"]`, "het verzoek is ontvangen")

	// An explain must motivate every cited principle.
	r = w.post(bea, path+"/antwoord", url.Values{"soort": {"explain"}, "motiveringen.zorgvuldigheid": {"Wij hebben zorgvuldig gekeken."}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#motiveringen-evenredigheid"]`)
	wantText(t, r, `.error-summary a[href="#motiveringen-evenredigheid"]`, "Belangenafweging en evenredigheid: Dit veld is verplicht.")
	if n := r.Count(t, ".error-summary li"); n != 1 {
		t.Errorf("%d errors: %s", n, r.Text(t, ".error-summary"))
	}
	wantSelector(t, r, `textarea#motiveringen-evenredigheid[aria-invalid="true"][aria-describedby~="motiveringen-evenredigheid-fout"]`)
	wantText(t, r, `textarea#motiveringen-zorgvuldigheid`, "Wij hebben zorgvuldig gekeken.")
	// A principle that was not cited.
	r = w.post(bea, path+"/antwoord", url.Values{"soort": {"explain"}, "motiveringen.zorgvuldigheid": {"a"}, "motiveringen.evenredigheid": {"b"}, "motiveringen.gelijkheid": {"c"}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantContains(t, r, ".error-summary", `Beginsel "gelijkheid" is in dit verzoek niet genoemd.`)

	r = w.post(bea, path+"/antwoord", url.Values{"soort": {"explain"}, "motiveringen.zorgvuldigheid": {"Wij hebben zorgvuldig gekeken."}, "motiveringen.evenredigheid": {"De wet laat geen ruimte."}})
	wantLocation(t, r, path+"?gedaan=beantwoord")

	// The requester contests, once.
	r = w.get(anna, path)
	wantContains(t, r, ".state", "beantwoord explain: uitleg waarom niet")
	wantSelector(t, r, `form[action="`+path+`/betwisting"] textarea#betwisten-reden`)
	wantSelector(t, r, `form[action="`+path+`/afsluiting"] textarea#afsluiten-reden`)
	wantContains(t, r, ".timeline", "Motivering bij Belangenafweging en evenredigheid De wet laat geen ruimte.")
	r = w.post(anna, path+"/betwisting", url.Values{"reden": {" "}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#betwisten-reden"]`)
	wantSelector(t, r, `textarea#betwisten-reden[aria-invalid="true"]`)
	wantLocation(t, w.post(anna, path+"/betwisting", url.Values{"reden": {"De wet laat wel ruimte: art. 4:84 Awb."}}), path+"?gedaan=betwist")

	// Escalated to the ministry, with the timeline.
	r = w.get(anna, path)
	checkPage(t, r, "nl")
	wantText(t, r, ".state .badge", "geëscaleerd")
	wantText(t, r, ".current-addressee", "Organisatie min-szw, beleid")
	wantText(t, r, `ol.ladder li[aria-current="step"] strong`, "Organisatie min-szw, beleid")
	wantSelector(t, r, ".flag-contested")
	ev := r.Doc(t).Find(".timeline__event").Last()
	if got := strings.Join(strings.Fields(ev.Text()), " "); !strings.Contains(got, "Explain betwist en geëscaleerd") ||
		!strings.Contains(got, "Van Organisatie uwv, bestuur") || !strings.Contains(got, "Naar Organisatie min-szw, beleid") ||
		!strings.Contains(got, "Reden De wet laat wel ruimte") || !strings.Contains(got, "Antwoord uiterlijk") || !strings.Contains(got, "Anna de Vries") {
		t.Errorf("contest event = %q", got)
	}
	if n := r.Count(t, ".timeline__event"); n != 4 {
		t.Errorf("%d events, want 4", n)
	}

	// The first rung may no longer answer.
	r = w.get(bea, path)
	wantNoSelector(t, r, `form[action="`+path+`/antwoord"]`)
	r = w.post(bea, path+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {"x"}, "uiterlijk": {"2026-06-01"}})
	wantStatus(t, r, http.StatusForbidden)
	checkPage(t, r, "nl")

	// The top rung explains; the requester cannot contest again.
	wantLocation(t, w.post(piet, path+"/antwoord", url.Values{"soort": {"explain"}, "motiveringen.zorgvuldigheid": {"Ook wij keken."}, "motiveringen.evenredigheid": {"De wet is helder."}}), path+"?gedaan=beantwoord")
	r = w.get(anna, path)
	wantNoSelector(t, r, `form[action="`+path+`/betwisting"]`)
	wantSelector(t, r, `form[action="`+path+`/afsluiting"]`)
	r = w.post(anna, path+"/betwisting", url.Values{"reden": {"Nog eens."}})
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")
	wantContains(t, r, `.conflict`, "Dit kan nu niet: het verzoek is beantwoord.")
	wantContains(t, r, `.conflict`, "al eens betwist")
	wantNoSelector(t, r, `form[action="`+path+`/betwisting"]`)
	w.setLang(anna, "en")
	r = w.post(anna, path+"/betwisting", url.Values{"reden": {"Nog eens."}})
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "en")
	wantContains(t, r, `.conflict`, "This is not possible now: the request is answered.")
	wantContains(t, r, ".timeline", "Explain contested and escalated")
	w.setLang(anna, "nl")

	// Closing.
	wantLocation(t, w.post(anna, path+"/afsluiting", url.Values{"reden": {""}}), path+"?gedaan=afgesloten")
	r = w.get(anna, path)
	wantText(t, r, ".state .badge", "gesloten")
	wantNoSelector(t, r, "form[action^=\""+path+"/\"]")

	// Others: not visible to gert, a login for visitors, 404 for nonsense.
	r = w.get(w.loggedIn(w.gert), path)
	wantStatus(t, r, http.StatusNotFound)
	checkPage(t, r, "nl")
	wantStatus(t, w.post(w.loggedIn(w.gert), path+"/intrekking", url.Values{"reden": {"x"}}), http.StatusNotFound)
	wantLocation(t, w.get(w.client(), path), "/inloggen")
	wantLocation(t, w.post(w.client(), path+"/intrekking", url.Values{"reden": {"x"}}), "/inloggen")
	wantStatus(t, w.get(anna, "/verzoeken/abc"), http.StatusNotFound)
	wantStatus(t, w.get(anna, "/verzoeken/99999"), http.StatusNotFound)
	_ = id
}

func TestRequestFlowComply(t *testing.T) {
	w := newRequestWorld(t)
	anna, bea := w.loggedIn(w.anna), w.loggedIn(w.bea)
	req := w.create("Comply-verzoek")
	path := requestPath(req.ID)

	// Comply needs the change and a date that is not past.
	r := w.post(bea, path+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {""}, "uiterlijk": {"2026-13-01"}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#wijzigingen"]`)
	wantSelector(t, r, `.error-summary a[href="#uiterlijk"]`)
	wantSelector(t, r, `input#uiterlijk[type="date"][aria-invalid="true"][value="2026-13-01"]`)
	r = w.post(bea, path+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {"We passen het beleid aan."}, "uiterlijk": {"2026-01-01"}})
	wantStatus(t, r, http.StatusBadRequest)
	wantText(t, r, `.error-summary a[href="#uiterlijk"]`, "Uiterlijk klaar op: Deze datum ligt in het verleden.")
	wantText(t, r, "textarea#wijzigingen", "We passen het beleid aan.")

	// Extend once, within the maximum.
	r = w.post(bea, path+"/verlenging", url.Values{"termijn": {"P2W"}, "reden": {""}})
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#verlengen-reden"]`)
	wantSelector(t, r, `select#verlengen-termijn option[value="P2W"][selected]`)
	r = w.post(bea, path+"/verlenging", url.Values{"termijn": {"P9W"}, "reden": {"Veel werk."}})
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#verlengen-termijn"]`)
	wantLocation(t, w.post(bea, path+"/verlenging", url.Values{"termijn": {"P2W"}, "reden": {"Advies van de jurist nodig."}}), path+"?gedaan=verlengd")
	r = w.get(bea, path)
	wantSelector(t, r, ".flag-extended")
	// Two weeks after 13 April is Koningsdag: the Atw moves it on a day.
	wantContains(t, r, ".deadline", "dinsdag 28 april 2026")
	wantContains(t, r, ".timeline", "eindigt op Koningsdag (maandag 27 april 2026), verlengd tot en met dinsdag 28 april 2026 (art. 1 Atw)")
	wantContains(t, r, ".timeline", "Verlengd met 2 weken")
	wantNoSelector(t, r, `form[action="`+path+`/verlenging"]`)
	wantStatus(t, w.post(bea, path+"/verlenging", url.Values{"termijn": {"P1W"}, "reden": {"Nog meer."}}), http.StatusConflict)

	wantLocation(t, w.post(bea, path+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {"We passen het beleid aan."}, "uiterlijk": {"2026-06-01"}}), path+"?gedaan=beantwoord")
	r = w.get(anna, path)
	wantContains(t, r, ".state", "comply: het wordt opgelost")
	wantContains(t, r, ".timeline", "Wat er verandert We passen het beleid aan.")
	wantContains(t, r, ".timeline", "Uiterlijk klaar op maandag 1 juni 2026")
	wantNoSelector(t, r, `form[action="`+path+`/betwisting"]`) // a comply cannot be contested
	wantLocation(t, w.post(anna, path+"/afsluiting", url.Values{"reden": {"Dank."}}), path+"?gedaan=afgesloten")
	r = w.get(anna, path+"?gedaan=afgesloten")
	wantText(t, r, ".state .badge", "gesloten")
	wantText(t, r, ".notice--ok", "Het verzoek is afgesloten.")
	r = w.post(anna, path+"/intrekking", url.Values{"reden": {"Toch maar niet."}})
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")

	// Withdrawing another request.
	other := w.create("In te trekken")
	p2 := requestPath(other.ID)
	r = w.post(anna, p2+"/intrekking", url.Values{"reden": {""}})
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#intrekken-reden"]`)
	wantLocation(t, w.post(anna, p2+"/intrekking", url.Values{"reden": {"Opgelost buiten schakel."}}), p2+"?gedaan=ingetrokken")
	wantText(t, w.get(anna, p2), ".state .badge", "ingetrokken")
	// bea may not withdraw anna's request.
	r = w.post(bea, p2+"/intrekking", url.Values{"reden": {"x"}})
	wantStatus(t, r, http.StatusForbidden)
	checkPage(t, r, "nl")
}

func TestRequestMissedAtTop(t *testing.T) {
	w := newRequestWorld(t)
	req := w.create("Niemand antwoordt")
	path := requestPath(req.ID)
	// Past the first deadline: escalated to the ministry.
	w.clock.Set(time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC))
	w.sweep(req.ID)
	r := w.get(w.loggedIn(w.anna), path)
	wantText(t, r, ".state .badge", "geëscaleerd")
	wantContains(t, r, ".timeline", "Termijn gemist en geëscaleerd")
	wantContains(t, r, ".timeline", "Gemist de termijn voor het antwoord")
	wantContains(t, r, ".timeline", "schakel (automatisch)")
	wantNoSelector(t, r, ".missed-at-top")
	// Past the top rung's deadline: recorded, prominently.
	w.clock.Set(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))
	w.sweep(req.ID)
	r = w.get(w.loggedIn(w.anna), path)
	checkPage(t, r, "nl")
	wantContains(t, r, ".missed-at-top h2", "Termijn gemist bij de hoogste trede")
	wantText(t, r, ".flag-missed", "Gemiste termijnen: 2")
	wantText(t, r, ".state .badge--overdue", "te laat")
	r = w.get(w.loggedIn(w.piet), "/postvak")
	wantContains(t, r, "tbody tr:first-child", "termijn gemist bij de hoogste trede")
	// The top rung may still answer, late; it can no longer extend.
	r = w.get(w.loggedIn(w.piet), path)
	wantSelector(t, r, `form[action="`+path+`/antwoord"]`)
	wantNoSelector(t, r, `form[action="`+path+`/verlenging"]`)
}

func TestRequestPagesInBothLanguages(t *testing.T) {
	w := newRequestWorld(t)
	req := w.create("Een verzoek")
	answered := w.create("Een beantwoord verzoek")
	if _, err := w.h.Requests.Answer(context.Background(), w.bea, answered.ID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "a", "evenredigheid": "b"}}}); err != nil {
		t.Fatal(err)
	}
	paths := []struct {
		path   string
		status int
	}{
		{"/termijn", 200},
		{"/termijn?startdatum=2026-04-02&aantal=6&eenheid=weken", 200},
		{"/termijn?startdatum=2026-04-01&werkdagen=5", 200},
		{"/termijn?startdatum=x&aantal=6&eenheid=weken", 400},
		{"/postvak", 200},
		{"/verzoeken", 200},
		{"/verzoeken?status=open", 200},
		{"/verzoeken/nieuw", 200},
		{requestPath(req.ID), 200},
		{requestPath(req.ID) + "?gedaan=aangemaakt", 200},
		{requestPath(answered.ID), 200},
	}
	for _, u := range []*schakel.User{w.anna, w.bea} {
		for _, lang := range []string{"nl", "en"} {
			c := w.loggedIn(u)
			w.setLang(c, lang)
			for _, p := range paths {
				t.Run(u.Name+"/"+lang+p.path, func(t *testing.T) {
					r := w.get(c, p.path)
					wantStatus(t, r, p.status)
					checkPage(t, r, lang)
					wantSelector(t, r, `nav.main-nav a[href="/postvak"]`)
					wantSelector(t, r, `nav.main-nav a[href="/verzoeken"]`)
					wantSelector(t, r, `nav.main-nav a[href="/termijn"]`)
					if lang == "en" {
						for _, nl := range []string{"werkdagen", "Verzoeker", "Toestand", "Geschiedenis", "Termijn berekenen"} {
							if strings.Contains(r.Text(t, "main"), nl) {
								t.Errorf("English page contains %q", nl)
							}
						}
					}
				})
			}
		}
	}
	// Visitors see the calculator in the menu, not the inbox.
	r := w.get(w.client(), "/")
	wantSelector(t, r, `nav.main-nav a[href="/termijn"]`)
	wantNoSelector(t, r, `nav.main-nav a[href="/postvak"], nav.main-nav a[href="/verzoeken"]`)
}

func TestFieldID(t *testing.T) {
	for in, want := range map[string]string{
		"code": "code", "gronden[0].beginsel": "gronden-0-beginsel", "motiveringen.zorgvuldigheid": "motiveringen-zorgvuldigheid", "a..b]": "a-b",
	} {
		if got := fieldID(in); got != want {
			t.Errorf("fieldID(%q) = %q, want %q", in, got, want)
		}
	}
}
