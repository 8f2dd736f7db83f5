package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/store/storetest"
)

// adminEnv is a site on the demo world with the administration pages,
// routed as server/routes.go routes them.
type adminEnv struct {
	*contactEnv
	terms *requests.TermSettings
}

func newAdminEnv(t *testing.T, open storetest.Opener) *adminEnv {
	t.Helper()
	p := newDemoParts(t, open)
	st, clock, log := p.st, p.clock, p.log
	cal := calendar.New()
	table := &comply.TermTable{}
	terms := &requests.TermSettings{Store: st, Table: table}
	svc := requests.New(st, &comply.Engine{Calendar: cal, Terms: table.Lookup}, clock)
	h, err := New(Handler{Directory: directory.New(st), Notices: notifications.New(st, clock), Requests: svc, Terms: terms,
		Erasure: erasure.New(st, clock, log), Calendar: cal, Auth: p.auth, Clock: clock, Log: log, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /demo/inloggen", h.Serve(h.DemoLogin))
	for pattern, fn := range map[string]HandlerFunc{
		"GET /beheer":                                                      h.AdminIndex,
		"GET /beheer/organisaties":                                         h.AdminOrganisations,
		"POST /beheer/organisaties":                                        h.CreateOrganisation,
		"GET /beheer/organisaties/{code}":                                  h.AdminOrganisation,
		"POST /beheer/organisaties/{code}/teams":                           h.AdminCreateTeam,
		"GET /beheer/organisaties/{code}/termijnen/{type}":                 h.AdminTermsForm,
		"POST /beheer/organisaties/{code}/termijnen/{type}":                h.AdminSetTerms,
		"POST /beheer/organisaties/{code}/termijnen/{type}/standaard":      h.AdminResetTerms,
		"POST /beheer/organisaties/{code}/contactpersonen":                 h.AdminAddContact,
		"POST /beheer/organisaties/{code}/contactpersonen/{id}/intrekking": h.AdminRetireContact,
		"GET /beheer/gebruikers":                                           h.AdminUsers,
		"POST /beheer/gebruikers":                                          h.AdminCreateUser,
		"GET /beheer/gebruikers/{id}":                                      h.AdminUser,
		"POST /beheer/gebruikers/{id}/rollen":                              h.AdminGrantRole,
		"POST /beheer/gebruikers/{id}/rollen/intrekking":                   h.AdminRevokeRole,
		"POST /beheer/gebruikers/{id}/uitschakelen":                        h.AdminDisableUser,
		"POST /beheer/gebruikers/{id}/inschakelen":                         h.AdminEnableUser,
	} {
		mux.HandleFunc(pattern, h.Serve(fn))
	}
	mux.HandleFunc("/", h.NotFound)
	return &adminEnv{contactEnv: p.serve(t, h, mux), terms: terms}
}

// onAdminBackends runs test on a fresh administration site of every
// backend.
func onAdminBackends(t *testing.T, test func(t *testing.T, e *adminEnv)) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) { test(t, newAdminEnv(t, b.Open)) })
	}
}

// wantSummary checks that the error summary names exactly the fields with
// ids, each linked, and that each of them is marked invalid.
func wantSummary(t *testing.T, r *response, ids ...string) {
	t.Helper()
	doc := r.Doc(t)
	got := map[string]bool{}
	for _, a := range doc.Find(".error-summary a").EachIter() {
		href, _ := a.Attr("href")
		got[strings.TrimPrefix(href, "#")] = true
	}
	for _, id := range ids {
		if !got[id] {
			t.Errorf("error summary does not name #%s; it names %v", id, got)
		}
		if doc.Find("#"+id).Length() == 0 {
			t.Errorf("the summary links to #%s, which is not on the page", id)
		}
	}
	if len(got) != len(ids) {
		t.Errorf("error summary names %v, want exactly %v", got, ids)
	}
}

func TestAdminIndexAndMenu(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		c := e.as("uwv-beheerder")
		r := e.get(c, "/beheer")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		for _, href := range []string{"/beheer/organisaties", "/beheer/gebruikers", "/beheer/meldingen", "/beheer/wissen"} {
			wantSelector(t, r, `.admin-index a[href="`+href+`"]`)
		}
		wantSelector(t, r, `nav.main-nav a[href="/beheer"][aria-current="true"]`)

		// Someone who administers nothing sees no menu item and is refused.
		p := e.as("uwv-professional")
		r = e.get(p, "/beheer")
		wantStatus(t, r, http.StatusForbidden)
		wantNoSelector(t, r, `nav.main-nav a[href="/beheer"]`)
		// Nobody logged in is sent to log in, not shown the page.
		if r := e.get(e.client(), "/beheer"); r.StatusCode == http.StatusOK {
			t.Fatalf("anonymous /beheer: %d", r.StatusCode)
		}
	})
}

func TestAdminNonAdminIsRefused(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		p := e.as("uwv-professional")
		uwvAdmin := strconv.FormatInt(e.users["uwv-beheerder"].ID, 10)
		for _, path := range []string{"/beheer", "/beheer/organisaties", "/beheer/organisaties/uwv", "/beheer/organisaties/uwv/termijnen/bezwaar", "/beheer/gebruikers", "/beheer/gebruikers/" + uwvAdmin} {
			if r := e.get(p, path); r.StatusCode != http.StatusForbidden {
				t.Errorf("GET %s as a professional: %d, want 403", path, r.StatusCode)
			}
		}
		posts := map[string]url.Values{
			"/beheer/organisaties":                                  {"code": {"nieuw"}, "naam": {"Nieuw"}, "type": {"gemeente"}},
			"/beheer/organisaties/uwv/teams":                        {"naam": {"Team X"}},
			"/beheer/organisaties/uwv/termijnen/bezwaar":            {"antwoord": {"P6W"}, "herinneringWerkdagen": {"3"}},
			"/beheer/organisaties/uwv/termijnen/bezwaar/standaard":  {},
			"/beheer/organisaties/uwv/contactpersonen":              validContactForm(nil),
			"/beheer/gebruikers":                                    {"naam": {"X"}, "issuer": {"demo"}, "subject": {"x"}, "organisatie": {"uwv"}, "rol": {"beheerder"}},
			"/beheer/gebruikers/" + uwvAdmin + "/rollen":            {"organisatie": {"uwv"}, "rol": {"bestuur"}},
			"/beheer/gebruikers/" + uwvAdmin + "/rollen/intrekking": {"organisatie": {"uwv"}, "rol": {"beheerder"}},
		}
		for path, form := range posts {
			if r := e.post(p, path, form); r.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s as a professional: %d, want 403", path, r.StatusCode)
			}
		}
		// Nothing was changed.
		u, err := e.st.User(context.Background(), e.users["uwv-beheerder"].ID)
		if err != nil || len(u.Memberships) != 1 {
			t.Fatalf("the administrator's roles changed: %+v, %v", u, err)
		}
		// An administrator of another organisation may not set uwv's terms
		// or its people.
		b := e.as("bzk-beheerder")
		for _, path := range []string{"/beheer/organisaties/uwv/termijnen/bezwaar", "/beheer/gebruikers/" + uwvAdmin} {
			if r := e.get(b, path); r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s as another organisation's administrator: %d", path, r.StatusCode)
			}
		}
		r := e.post(b, "/beheer/organisaties/uwv/teams", url.Values{"naam": {"Team X"}})
		wantStatus(t, r, http.StatusForbidden)
	})
}

func TestAdminOrganisations(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		c := e.as("bzk-beheerder")
		r := e.get(c, "/beheer/organisaties")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, `.admin-orgs a[href="/beheer/organisaties/uwv"]`)
		for _, sel := range []string{`label[for="code"]`, `label[for="naam"]`, `select#type`, `fieldset legend`, `input[name="opdrachtgevers"]`, `label[for="kamercommissie"]`, `label[for="opgave"]`} {
			wantSelector(t, r, `form.admin-org-form `+sel)
		}

		// Every invalid field is named, the input kept.
		bad := url.Values{"code": {"Geen Code!"}, "naam": {""}, "type": {"zwembad"}, "opdrachtgevers": {"uwv"}, "kamercommissie": {"X"}}
		r = e.post(c, "/beheer/organisaties", bad)
		wantStatus(t, r, http.StatusBadRequest)
		wantSummary(t, r, "code", "naam", "type", "opdrachtgever-0")
		if v, _ := r.Doc(t).Find("input#code").Attr("value"); v != "Geen Code!" {
			t.Errorf("code not kept: %q", v)
		}
		if r.Count(t, `input[name="opdrachtgevers"][value="uwv"]`) != 0 {
			t.Errorf("uwv offered as a principal")
		}
		// A taken code is a conflict, told on the form.
		r = e.post(c, "/beheer/organisaties", url.Values{"code": {"uwv"}, "naam": {"Dubbel"}, "type": {"gemeente"}})
		if r.StatusCode != http.StatusConflict || r.Count(t, ".error-summary a") == 0 {
			t.Fatalf("taken code: %d\n%s", r.StatusCode, r.Body)
		}

		// Post, redirect, get with a confirmation.
		r = e.post(c, "/beheer/organisaties", url.Values{"code": {"gemeente-best"}, "naam": {"Gemeente Best"}, "type": {"gemeente"}, "opgave": {"Bestaanszekerheid"}})
		wantStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		if !strings.HasPrefix(loc, "/beheer/organisaties/gemeente-best?klaar=organisatie") {
			t.Fatalf("redirect to %q", loc)
		}
		r = e.get(c, loc)
		wantStatus(t, r, http.StatusOK)
		if got := r.Text(t, ".admin-done"); got != "De organisatie is aangemaakt." {
			t.Errorf("confirmation %q", got)
		}
		o, err := e.st.OrganisationByCode(context.Background(), "gemeente-best")
		if err != nil || o.Task != "Bestaanszekerheid" {
			t.Fatalf("stored: %+v, %v", o, err)
		}

		// The operator announces its first administrator, and no second.
		wantSelector(t, r, `.admin-first-admin a[href="/beheer/gebruikers?organisatie=gemeente-best#gebruiker-aanmelden"]`)
		r = e.get(c, "/beheer/gebruikers?organisatie=gemeente-best")
		wantSelector(t, r, `select#organisatie option[value="gemeente-best"][selected]`)
		first := url.Values{"naam": {"Beheer Best"}, "issuer": {auth.DemoIssuer}, "subject": {"best-beheer"}, "organisatie": {"gemeente-best"}, "rol": {"beheerder"}}
		r = e.post(c, "/beheer/gebruikers", first)
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/beheer/organisaties/gemeente-best?klaar=gebruiker" {
			t.Fatalf("after the first administrator: %q", loc)
		}
		first.Set("subject", "best-beheer-2")
		r = e.post(c, "/beheer/gebruikers", first)
		wantStatus(t, r, http.StatusForbidden)
		wantSummary(t, r, "organisatie")
		// An existing organisation with people but no administrator (svb)
		// gets none from another organisation's administrator: it could be
		// a second login of its own, then given any role there.
		svb, err := e.st.OrganisationByCode(context.Background(), "svb")
		if err != nil {
			t.Fatal(err)
		}
		if _, members, err := e.st.Users(context.Background(), schakel.UserFilter{OrganisationID: svb.ID}); err != nil || members == 0 {
			t.Fatalf("the demo's svb has no members: %v", err)
		}
		r = e.post(c, "/beheer/gebruikers", url.Values{"naam": {"Tweede login"}, "issuer": {auth.DemoIssuer}, "subject": {"tweede-login"}, "organisatie": {"svb"}, "rol": {"beheerder"}})
		wantStatus(t, r, http.StatusForbidden)
		wantSummary(t, r, "organisatie")
	})
}

func TestAdminOrganisationTeamsAndContacts(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		c := e.as("uwv-beheerder")
		r := e.get(c, "/beheer/organisaties/uwv")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		for _, sel := range []string{"section.admin-teams", "section.admin-members", "section.admin-terms", "section.admin-contacts", `form.admin-team-form label[for="team-naam"]`, `.admin-member a[href^="/beheer/gebruikers/"]`} {
			wantSelector(t, r, sel)
		}

		// A team without a name is refused, named; the page says so at its top.
		r = e.post(c, "/beheer/organisaties/uwv/teams", url.Values{"naam": {"  "}})
		wantStatus(t, r, http.StatusBadRequest)
		wantSummary(t, r, "team-naam")
		r = e.post(c, "/beheer/organisaties/uwv/teams", url.Values{"naam": {"Team Bezwaar Amsterdam"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if r.Text(t, ".admin-done") != "Het team is toegevoegd." || !strings.Contains(r.Text(t, ".admin-team-list"), "Team Bezwaar Amsterdam") {
			t.Fatalf("team not shown: %s", r.Text(t, "section.admin-teams"))
		}

		// Contact persons: every field named at once, the input kept.
		r = e.post(c, "/beheer/organisaties/uwv/contactpersonen", url.Values{"functie": {""}, "email": {"geen adres"}, "telefoon": {"x"}, "onderwerpen": {"Wajong"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantSummary(t, r, "functie", "email", "telefoon", "kamercommissie-0")
		if v := r.Text(t, "textarea#onderwerpen"); v != "Wajong" {
			t.Errorf("topics not kept: %q", v)
		}
		r = e.post(c, "/beheer/organisaties/uwv/contactpersonen", validContactForm(nil))
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if r.Text(t, ".admin-done") != "De contactpersoon is toegevoegd." {
			t.Fatalf("no confirmation: %s", r.Body)
		}
		cs, err := e.st.Contacts(context.Background(), schakel.ContactFilter{OrganisationID: e.users["uwv-beheerder"].Memberships[0].OrganisationID})
		if err != nil || len(cs) == 0 {
			t.Fatalf("contacts %v, %v", cs, err)
		}
		var id int64
		for _, ct := range cs {
			if ct.Function == "Politiek accountmanager Wajong" {
				id = ct.ID
			}
		}
		wantSelector(t, r, `form[action="/beheer/organisaties/uwv/contactpersonen/`+strconv.FormatInt(id, 10)+`/intrekking"]`)
		r = e.post(c, "/beheer/organisaties/uwv/contactpersonen/"+strconv.FormatInt(id, 10)+"/intrekking", url.Values{})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if r.Text(t, ".admin-done") != "De contactpersoon is ingetrokken." {
			t.Fatalf("no confirmation of retiring")
		}
		wantNoSelector(t, r, "#contactpersoon-"+strconv.FormatInt(id, 10))
	})
}

func TestAdminTerms(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		c := e.as("uwv-beheerder")
		r := e.get(c, "/beheer/organisaties/uwv")
		wantSelector(t, r, `.admin-term[data-type="bezwaar"] a[href="/beheer/organisaties/uwv/termijnen/bezwaar"]`)
		wantNoSelector(t, r, `.admin-term[data-type="bezwaar"] form.admin-term__reset`)
		r = e.get(c, "/beheer/organisaties/uwv/termijnen/bezwaar")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		for _, id := range []string{"ontvangst", "antwoord", "spoed", "maximaleVerlenging", "buitengrens", "herinneringWerkdagen"} {
			wantSelector(t, r, `form.admin-terms-form label[for="`+id+`"]`)
		}
		if v, _ := r.Doc(t).Find("input#antwoord").Attr("value"); v == "" {
			t.Errorf("the answer term in force is not filled in")
		}

		// Every invalid field is named: a bad text, the statutory maximum
		// (Awb 7:10: at most 12 weeks), a reminder out of range.
		bad := url.Values{"ontvangst": {"morgen"}, "antwoord": {"P20W"}, "spoed": {"P1Y"}, "maximaleVerlenging": {"P10W"}, "buitengrens": {"P1W"}, "herinneringWerkdagen": {"99"}}
		r = e.post(c, "/beheer/organisaties/uwv/termijnen/bezwaar", bad)
		wantStatus(t, r, http.StatusBadRequest)
		wantSummary(t, r, "ontvangst", "antwoord", "spoed", "maximaleVerlenging", "buitengrens", "herinneringWerkdagen")
		if v, _ := r.Doc(t).Find("input#ontvangst").Attr("value"); v != "morgen" {
			t.Errorf("input not kept: %q", v)
		}
		eff, _ := e.terms.Effective(context.Background(), e.users["uwv-beheerder"].Memberships[0].OrganisationID)
		for _, x := range eff {
			if x.Configured {
				t.Fatalf("a refused form stored terms: %+v", x)
			}
		}

		r = e.post(c, "/beheer/organisaties/uwv/termijnen/bezwaar", url.Values{"antwoord": {"P8W"}, "maximaleVerlenging": {"P4W"}, "herinneringWerkdagen": {"5"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if r.Text(t, ".admin-done") != "De termijnen zijn opgeslagen." {
			t.Fatalf("no confirmation")
		}
		wantSelector(t, r, `.admin-term[data-type="bezwaar"] form.admin-term__reset`)
		eff, _ = e.terms.Effective(context.Background(), e.users["uwv-beheerder"].Memberships[0].OrganisationID)
		for _, x := range eff {
			if x.Setting.Type == schakel.TypeObjection && (!x.Configured || x.Setting.Answer.String() != "P8W" || x.Setting.UpdatedBy != e.users["uwv-beheerder"].ID) {
				t.Fatalf("stored %+v", x)
			}
		}
		r = e.post(c, "/beheer/organisaties/uwv/termijnen/bezwaar/standaard", url.Values{})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if r.Text(t, ".admin-done") != "De standaardtermijnen gelden weer." {
			t.Fatalf("no confirmation of the reset")
		}
		wantNoSelector(t, r, `.admin-term[data-type="bezwaar"] form.admin-term__reset`)
		if r := e.get(c, "/beheer/organisaties/uwv/termijnen/onbekend"); r.StatusCode != http.StatusNotFound {
			t.Errorf("unknown type: %d", r.StatusCode)
		}
	})
}

func TestAdminUsersAndRoles(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		c := e.as("uwv-beheerder")
		r := e.get(c, "/beheer/gebruikers")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		// Only the people of uwv are listed.
		if !strings.Contains(r.Text(t, ".admin-user-list"), "Fatima El Amrani") || strings.Contains(r.Text(t, ".admin-user-list"), "Kees Mulder") {
			t.Fatalf("users listed: %s", r.Text(t, ".admin-user-list"))
		}
		for _, id := range []string{"naam", "email", "issuer", "subject", "organisatie", "rol", "teamId"} {
			wantSelector(t, r, `form.admin-user-form label[for="`+id+`"]`)
		}
		if r.Count(t, "form.admin-user-form fieldset legend") != 2 {
			t.Errorf("the user form has no two fieldsets")
		}

		// Every invalid field is named, the input kept.
		bad := url.Values{"naam": {""}, "email": {"geen adres"}, "issuer": {""}, "subject": {""}, "organisatie": {"bestaat-niet"}, "rol": {"koning"}, "teamId": {"abc"}}
		r = e.post(c, "/beheer/gebruikers", bad)
		wantStatus(t, r, http.StatusBadRequest)
		// Without a subject the user is prepared by e-mail address.
		wantSummary(t, r, "email", "organisatie", "rol", "teamId")
		if v, _ := r.Doc(t).Find("input#email").Attr("value"); v != "geen adres" {
			t.Errorf("e-mail not kept: %q", v)
		}
		// A subject that is taken is named.
		r = e.post(c, "/beheer/gebruikers", url.Values{"naam": {"Dubbel"}, "issuer": {auth.DemoIssuer}, "subject": {"uwv-professional"}, "organisatie": {"uwv"}, "rol": {"professional"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantSummary(t, r, "subject")
		// A role in another organisation is refused on the organisation.
		r = e.post(c, "/beheer/gebruikers", url.Values{"naam": {"Indringer"}, "issuer": {auth.DemoIssuer}, "subject": {"nieuw-1"}, "organisatie": {"min-szw"}, "rol": {"bewindspersoon"}})
		wantStatus(t, r, http.StatusForbidden)
		wantSummary(t, r, "organisatie")

		r = e.post(c, "/beheer/gebruikers", url.Values{"naam": {"Nieuwe Collega"}, "email": {"collega@uwv.example"}, "issuer": {auth.DemoIssuer}, "subject": {"nieuw-2"}, "organisatie": {"uwv"}, "rol": {"professional"}})
		wantStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		r = e.get(c, loc)
		wantStatus(t, r, http.StatusOK)
		if r.Text(t, ".admin-done") != "De gebruiker is aangemeld." || r.Count(t, ".admin-role") != 1 {
			t.Fatalf("new user page: %s", r.Body)
		}
		path := strings.SplitN(loc, "?", 2)[0]

		// Give a role: invalid fields named, then given.
		r = e.post(c, path+"/rollen", url.Values{"organisatie": {""}, "rol": {""}, "teamId": {"0"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantSummary(t, r, "organisatie", "rol", "teamId")
		r = e.post(c, path+"/rollen", url.Values{"organisatie": {"uwv"}, "rol": {"coordinator"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if r.Text(t, ".admin-done") != "De rol is gegeven." || r.Count(t, ".admin-role") != 2 {
			t.Fatalf("after giving: %s", r.Text(t, ".admin-role-list"))
		}
		// The same role twice is a conflict, told on the form.
		r = e.post(c, path+"/rollen", url.Values{"organisatie": {"uwv"}, "rol": {"coordinator"}})
		wantStatus(t, r, http.StatusConflict)
		if r.Count(t, ".error-summary a") != 1 {
			t.Errorf("conflict not in the summary")
		}
		// Take it away.
		wantSelector(t, r, `form.admin-role__revoke input[name="rol"][value="coordinator"]`)
		r = e.post(c, path+"/rollen/intrekking", url.Values{"organisatie": {"uwv"}, "rol": {"coordinator"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if r.Text(t, ".admin-done") != "De rol is ingetrokken." || r.Count(t, ".admin-role") != 1 {
			t.Fatalf("after revoking: %s", r.Text(t, ".admin-role-list"))
		}

		// In English, the page is English.
		e.setLang(c, langEN)
		r = e.get(c, path)
		checkPage(t, r, "en")
		if r.Text(t, "#rol-geven") != "Give role" {
			t.Errorf("English heading %q", r.Text(t, "#rol-geven"))
		}
	})
}
