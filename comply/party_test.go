package comply_test

import (
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
)

func TestIsRequesterAndAddressee(t *testing.T) {
	member := func(id, org int64, role schakel.Role) *schakel.User {
		return &schakel.User{ID: id, Memberships: []schakel.Membership{{UserID: id, OrganisationID: org, Role: role}}}
	}
	byUser := schakel.Party{Kind: schakel.PartyUser, UserID: 7}
	byOrg := schakel.Party{Kind: schakel.PartyOrganisation, UserID: 7, OrganisationID: orgUWV}
	anonymous := schakel.Party{Kind: schakel.PartyAnonymous}
	tests := []struct {
		name          string
		requester     schakel.Party
		user          *schakel.User
		wantRequester bool
		wantAddressee bool
	}{
		{"nobody", byUser, nil, false, false},
		{"the requesting user", byUser, member(7, orgGem, schakel.RoleProfessional), true, false},
		{"another user", byUser, member(9, orgGem, schakel.RoleProfessional), false, false},
		{"the board of the requesting organisation", byOrg, member(9, orgUWV, schakel.RoleBoard), true, false},
		{"policy of the requesting organisation", byOrg, member(9, orgUWV, schakel.RolePolicy), true, false},
		{"the minister of the requesting organisation", byOrg, member(9, orgUWV, schakel.RoleMinister), true, false},
		{"a professional of the requesting organisation", byOrg, member(9, orgUWV, schakel.RoleProfessional), false, false},
		{"the coordinator addressed", byOrg, member(9, orgUWV, schakel.RoleCoordinator), false, true},
		{"the board of another organisation", byOrg, member(9, orgGem, schakel.RoleBoard), false, false},
		{"an anonymous request", anonymous, member(0, orgGem, schakel.RoleProfessional), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(schakel.TypeObjection)
			in.Requester = tt.requester
			r := mustNew(t, newEngine(), in, twoRungs, ams(2026, time.April, 1, 12, 0))
			if got := comply.IsRequester(r, tt.user); got != tt.wantRequester {
				t.Errorf("IsRequester = %v, want %v", got, tt.wantRequester)
			}
			if got := comply.IsAddressee(r, tt.user); got != tt.wantAddressee {
				t.Errorf("IsAddressee = %v, want %v", got, tt.wantAddressee)
			}
		})
	}
	// After an escalation the next rung is the addressee, not the first.
	e := newEngine()
	r := topObjection(t, e)
	if comply.IsAddressee(r, member(9, orgUWV, schakel.RoleCoordinator)) || !comply.IsAddressee(r, member(9, orgUWV, schakel.RoleBoard)) {
		t.Error("after escalation the board, not the coordinator, is the addressee")
	}
}
