package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestAdminWhoIsNoOperator: an organisation's administrator who is no
// operator of the installation keeps their own organisation but is not
// offered, and may not use, the form that creates organisations (issue 16:
// any administrator could create a ministry).
func TestAdminWhoIsNoOperator(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		svbAdmin := e.demoUser("svb-beheerder", "Beheer SVB", schakel.Membership{OrganisationID: e.users["svb-professional"].Memberships[0].OrganisationID, Role: schakel.RoleAdmin})
		c := e.loggedIn(svbAdmin)
		r := e.get(c, "/beheer/organisaties")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantNoSelector(t, r, `form.admin-org-form`)
		wantStatus(t, e.get(c, "/beheer/organisaties/svb"), http.StatusOK)
		r = e.post(c, "/beheer/organisaties", url.Values{"code": {"min-nep"}, "naam": {"Ministerie van Nep"}, "type": {"ministerie"}})
		wantStatus(t, r, http.StatusForbidden)
		if _, err := e.st.OrganisationByCode(context.Background(), "min-nep"); schakel.ErrorCode(err) != schakel.ENOTFOUND {
			t.Fatalf("a refused organisation exists: %v", err)
		}
		// The demo's administrators are operators, and may.
		r = e.post(e.as("bzk-beheerder"), "/beheer/organisaties", url.Values{"code": {"min-echt"}, "naam": {"Ministerie van Echt"}, "type": {"ministerie"}})
		if r.StatusCode != http.StatusSeeOther && r.StatusCode != http.StatusFound {
			t.Fatalf("operator creates an organisation: %d", r.StatusCode)
		}
	})
}
