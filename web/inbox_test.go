package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// workCount reads the Postvak's count from the menu, as a screen reader
// hears it: ", N open, M nieuw"; 0, 0 without a badge.
func workCount(t *testing.T, r *response) (open, fresh int) {
	t.Helper()
	s := r.Text(t, `.main-nav a[href="/postvak"] .visually-hidden`)
	if s == "" {
		return 0, 0
	}
	if _, err := fmt.Sscanf(s, ", %d open, %d nieuw", &open, &fresh); err != nil {
		t.Fatalf("menu count %q: %v", s, err)
	}
	return open, fresh
}

func TestWorkComesToPeople(t *testing.T) {
	e := newBrakeEnv(t)
	coord := e.as("uwv-coordinator")
	r := e.get(coord, "/")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantSelector(t, r, "section.work-summary h2")
	open, _ := workCount(t, r)

	// A citizen's brake arrives: the count rises and it is new.
	e.clock.Advance(time.Minute)
	e.pullCitizen(nil)
	r = e.get(coord, "/")
	open2, fresh := workCount(t, r)
	if open2 != open+1 || fresh < 1 {
		t.Fatalf("after a new brake: %d open, %d new; before %d open", open2, fresh, open)
	}
	wantContains(t, r, ".work-summary__total", fmt.Sprintf("Er wacht %d op u", open2))
	wantSelector(t, r, `.work-summary a[href="/postvak?soort=noodrem"]`)
	wantText(t, r, `.main-nav a[href="/postvak"] .badge--new`, fmt.Sprintf("%d nieuw", fresh))

	// The Postvak marks it new once; after that visit nothing is new.
	r = e.get(coord, "/postvak")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	if n := r.Count(t, "tr.work-row--new .badge--new"); n != fresh {
		t.Errorf("%d rows marked new, want %d", n, fresh)
	}
	wantContains(t, r, `p[role="status"].inbox-summary`, fmt.Sprintf("Open: %d.", open2))
	r = e.get(coord, "/postvak")
	wantNoSelector(t, r, "tr.work-row--new")
	if _, fresh := workCount(t, e.get(coord, "/")); fresh != 0 {
		t.Errorf("%d new after opening the Postvak", fresh)
	}

	// Filters by GET; a wrong one is named.
	r = e.get(coord, "/postvak?soort=noodrem&sorteer=nieuwste")
	wantStatus(t, r, http.StatusOK)
	if n := r.Count(t, "tbody tr"); n == 0 || n != r.Count(t, `tbody tr[data-kind="noodrem"]`) {
		t.Errorf("brakes only: %d rows, %d brakes", n, r.Count(t, `tbody tr[data-kind="noodrem"]`))
	}
	wantSelector(t, r, `#soort option[value="noodrem"][selected]`)
	r = e.get(coord, "/postvak?soort=casus")
	wantText(t, r, ".empty-state", "Er is geen werk dat aan deze keuze voldoet.")
	r = e.get(coord, "/postvak?soort=brief&te-laat=misschien")
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#soort"]`)
	wantSelector(t, r, `.error-summary a[href="#te-laat"]`)
	wantNoSelector(t, r, "table")

	// In English too.
	e.setLang(coord, "en")
	r = e.get(coord, "/postvak")
	checkPage(t, r, "en")
	wantContains(t, r, `.main-nav a[href="/postvak"] .visually-hidden`, "open")
	e.setLang(coord, "nl")

	// Nobody logged in: no count, and the Postvak asks to log in.
	wantNoSelector(t, e.get(e.client(), "/"), ".work-summary")
	wantLocation(t, e.get(e.client(), "/postvak"), "/inloggen")
}

func TestDigestSetting(t *testing.T) {
	e := newBrakeEnv(t)
	// A demo user has no address: the setting says so and refuses.
	coord := e.as("uwv-coordinator")
	r := e.get(coord, "/instellingen")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantSelector(t, r, `input[type="checkbox"][name="samenvatting"]:not([checked])`)
	r = e.post(coord, "/instellingen", url.Values{"samenvatting": {"1"}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#samenvatting"]`)

	u := &schakel.User{Issuer: auth.DemoIssuer, Subject: "met-adres", Name: "Coördinator met adres", Email: "coordinator@uwv.example"}
	if err := e.st.LoginUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if err := e.st.AddMembership(context.Background(), schakel.Membership{UserID: u.ID, OrganisationID: e.uwv.ID, Role: schakel.RoleCoordinator}); err != nil {
		t.Fatal(err)
	}
	c := e.loggedIn(u)
	wantLocation(t, e.post(c, "/instellingen", url.Values{"samenvatting": {"1"}}), "/instellingen?gedaan=opgeslagen")
	r = e.get(c, "/instellingen?gedaan=opgeslagen")
	wantSelector(t, r, `input[name="samenvatting"][checked]`)
	if strings.Contains(r.Body, "coordinator@uwv.example") {
		t.Error("the settings page shows the address")
	}
	wantLocation(t, e.post(c, "/instellingen", url.Values{}), "/instellingen?gedaan=opgeslagen")
	wantSelector(t, e.get(c, "/instellingen"), `input[name="samenvatting"]:not([checked])`)
	wantLocation(t, e.get(e.client(), "/instellingen"), "/inloggen")
}
