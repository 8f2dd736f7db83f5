package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestInvitedCounselOpensTheCase: the coordinator invites the
// organisation's confidential counsel (vertrouwenspersoon); the counsel
// then opens the case page and gives a view, where before the page said
// 404. A counsel who was not invited still gets 404.
func TestInvitedCounselOpensTheCase(t *testing.T) {
	e := newCaseEnv(t)
	id := e.openCase()
	cu := e.demoUser("uwv-vertrouwenspersoon", "Vera Trouw", schakel.Membership{OrganisationID: e.site.orgsBy["uwv"].ID, Role: schakel.RoleCounsel})
	counsel := e.loggedIn(cu)
	other := e.demoUserAt("uwv-vertrouwenspersoon-2", "Tweede Vertrouwenspersoon", "uwv", schakel.RoleCounsel)
	wantStatus(t, e.get(counsel, casePath(id)), http.StatusNotFound)
	r := e.post(e.as("uwv-coordinator"), casePath(id)+"/uitnodiging", url.Values{"perspectief": {"vertrouwen"}, "gebruiker": {itoa(cu.ID)}})
	if r.StatusCode != http.StatusSeeOther && r.StatusCode != http.StatusFound {
		t.Fatalf("invite the counsel: %d\n%s", r.StatusCode, r.Body)
	}
	r = e.get(counsel, casePath(id))
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantSelector(t, r, `form[action$="/standpunt"]`)
	wantStatus(t, e.get(other, casePath(id)), http.StatusNotFound)
}
