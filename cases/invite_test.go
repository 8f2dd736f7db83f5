package cases_test

import (
	"context"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestInvitedCounselSeesTheCase: on both stores, the confidential counsel
// (vertrouwenspersoon) of the organisation may be invited to bring a
// perspective; the invitation lets them read the case and add their view,
// where before they got 404 on the case they were invited to. Being
// invited to one case opens no other, and a counsel who was not invited
// still gets 404.
func TestInvitedCounselSeesTheCase(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			uwv, err := w.st.OrganisationByCode(ctx, "uwv")
			if err != nil {
				t.Fatal(err)
			}
			counsel := storetest.MustUser(t, w.st, "counsel", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCounsel})
			c, err := w.svc.Submit(ctx, w.prof, advance)
			if err != nil {
				t.Fatal(err)
			}
			other, err := w.svc.Submit(ctx, w.prof, advance)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Get(ctx, counsel, c.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("counsel before the invitation: %v, want ENOTFOUND", err)
			}
			if _, err := w.svc.Invite(ctx, w.coord, c.ID, "vertrouwen", counsel.ID); err != nil {
				t.Fatal(err)
			}
			got, err := w.svc.Get(ctx, counsel, c.ID)
			if err != nil || got.ID != c.ID {
				t.Fatalf("invited counsel reads the case: %v", err)
			}
			if _, err := w.svc.AddView(ctx, counsel, c.ID, "vertrouwen", "Let op de positie van de melder."); err != nil {
				t.Fatalf("invited counsel adds a view: %v", err)
			}
			if _, err := w.svc.Get(ctx, counsel, other.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("counsel on a case not invited to: %v, want ENOTFOUND", err)
			}
			// An invitee of another organisation is refused at the invitation.
			if _, err := w.svc.Invite(ctx, w.coord, c.ID, "juridisch", w.outsiderProf.ID); schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("inviting an outsider: %v", err)
			}
			if _, err := w.svc.Get(ctx, w.outsiderProf, c.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("outsider: %v", err)
			}
		})
	}
}
