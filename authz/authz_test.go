package authz

import (
	"fmt"
	"testing"

	"github.com/schakel-nl/schakel"
)

const own, other = 1, 2

// TestTable is the role × action × own/other organisation table. Every cell
// is written out: a change to the rules must change this table.
func TestTable(t *testing.T) {
	type cell struct{ own, other bool }
	Y, N := true, false
	table := map[Action]map[schakel.Role]cell{
		ViewOrganisationInternals: {
			schakel.RoleProfessional: {Y, N}, schakel.RoleCoordinator: {Y, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {Y, N},
			schakel.RoleMinister: {Y, N}, schakel.RoleParliament: {Y, N}, schakel.RoleCounsel: {Y, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {Y, N},
		},
		ManageMembers: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		// Installation work: no role in any organisation may (see TestOperator).
		ManageOrganisations: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		OperateCatalogue: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ManageOperators: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ManageCatalogue: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ViewInbox: {
			schakel.RoleProfessional: {Y, N}, schakel.RoleCoordinator: {Y, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {Y, N},
			schakel.RoleMinister: {Y, N}, schakel.RoleParliament: {Y, N}, schakel.RoleCounsel: {Y, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {Y, N},
		},
		PullBrake: {
			schakel.RoleProfessional: {Y, Y}, schakel.RoleCoordinator: {Y, Y}, schakel.RoleBoard: {Y, Y}, schakel.RolePolicy: {Y, Y},
			schakel.RoleMinister: {Y, Y}, schakel.RoleParliament: {Y, Y}, schakel.RoleCounsel: {Y, Y}, schakel.RoleAdmin: {Y, Y}, schakel.RoleSecretaryGeneral: {Y, Y},
		},
		RequestPersonally: {
			schakel.RoleProfessional: {Y, Y}, schakel.RoleCoordinator: {Y, Y}, schakel.RoleBoard: {Y, Y}, schakel.RolePolicy: {Y, Y},
			schakel.RoleMinister: {Y, Y}, schakel.RoleParliament: {Y, Y}, schakel.RoleCounsel: {Y, Y}, schakel.RoleAdmin: {Y, Y}, schakel.RoleSecretaryGeneral: {Y, Y},
		},
		ManageTerms: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ManageWebhooks: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		OperateNotifications: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		SubmitCase: {
			schakel.RoleProfessional: {Y, N}, schakel.RoleCoordinator: {Y, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ViewCases: {
			schakel.RoleProfessional: {Y, N}, schakel.RoleCoordinator: {Y, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {Y, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ManageCases: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {Y, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		RequestOnBehalf: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {Y, N},
			schakel.RoleMinister: {Y, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ReturnAssignment: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		SeeProtectedPuller: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {Y, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		EraseData: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		FileSignal: {
			schakel.RoleProfessional: {Y, N}, schakel.RoleCoordinator: {Y, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {Y, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ManageKnelpunten: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {Y, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		SendLetter: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		ManageProposals: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {Y, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		AssessProposal: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {Y, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		AnswerAssessment: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {Y, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
		SignForExecution: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {N, N}, schakel.RoleSecretaryGeneral: {Y, N},
		},
		ManageContacts: {
			schakel.RoleProfessional: {N, N}, schakel.RoleCoordinator: {N, N}, schakel.RoleBoard: {N, N}, schakel.RolePolicy: {N, N},
			schakel.RoleMinister: {N, N}, schakel.RoleParliament: {N, N}, schakel.RoleCounsel: {N, N}, schakel.RoleAdmin: {Y, N}, schakel.RoleSecretaryGeneral: {N, N},
		},
	}
	for _, action := range Actions() {
		row, ok := table[action]
		if !ok {
			t.Fatalf("action %s missing from the table", action)
		}
		for _, role := range schakel.Roles {
			want, ok := row[role]
			if !ok {
				t.Fatalf("%s × %s missing from the table", action, role)
			}
			u := &schakel.User{ID: 9, Memberships: []schakel.Membership{{UserID: 9, OrganisationID: own, Role: role}}}
			for _, c := range []struct {
				org  int64
				want bool
			}{{own, want.own}, {other, want.other}} {
				t.Run(fmt.Sprintf("%s/%s/org%d", action, role, c.org), func(t *testing.T) {
					err := Can(u, action, c.org)
					if got := err == nil; got != c.want {
						t.Fatalf("Can = %v, want allowed=%v", err, c.want)
					}
					if err != nil && schakel.ErrorCode(err) != schakel.EFORBIDDEN {
						t.Fatalf("refusal code = %s, want forbidden", schakel.ErrorCode(err))
					}
				})
			}
		}
	}
}

func TestNobodyLoggedIn(t *testing.T) {
	for _, a := range Actions() {
		if code := schakel.ErrorCode(Can(nil, a, own)); code != schakel.EUNAUTHORIZED {
			t.Errorf("%s without a user: %s, want unauthorized", a, code)
		}
	}
}

func TestNoMemberships(t *testing.T) {
	u := &schakel.User{ID: 3}
	// Anyone the identity broker knows has a login; only professionals,
	// people with a role somewhere, pull a professional's brake or ask
	// for account in their own name.
	for _, a := range []Action{PullBrake, RequestPersonally} {
		if err := Can(u, a, other); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Fatalf("a user without roles may %s: %v", a, err)
		}
	}
	if err := Can(u, ViewInbox, own); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
		t.Fatalf("a user without roles read an inbox: %v", err)
	}
	if err := Can(u, "bestaat-niet", own); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
		t.Fatalf("unknown action allowed: %v", err)
	}
}

func TestOrganisations(t *testing.T) {
	u := &schakel.User{ID: 1, Memberships: []schakel.Membership{
		{OrganisationID: 3, Role: schakel.RoleAdmin}, {OrganisationID: 4, Role: schakel.RoleProfessional}, {OrganisationID: 3, Role: schakel.RoleBoard}}}
	if got := Organisations(u, OperateNotifications); fmt.Sprint(got) != "[3]" {
		t.Errorf("Organisations(admin of 3) = %v, want [3]", got)
	}
	if got := Organisations(u, ViewInbox); fmt.Sprint(got) != "[3 4]" {
		t.Errorf("Organisations(member of 3 and 4, inbox) = %v, want [3 4]", got)
	}
	if got := Organisations(nil, ViewInbox); got == nil || len(got) != 0 {
		t.Errorf("Organisations(nobody) = %#v, want an empty list", got)
	}
}

// TestOperator: the installation's work is the operators', with or without
// a role anywhere, and only theirs; an operator is no administrator of an
// organisation by being one, and a weak login is not enough.
func TestOperator(t *testing.T) {
	op := &schakel.User{ID: 5, Operator: true}
	for _, a := range []Action{ManageOrganisations, OperateCatalogue, ManageOperators} {
		for _, org := range []int64{0, own, other} {
			if err := Can(op, a, org); err != nil {
				t.Errorf("operator %s at %d: %v", a, org, err)
			}
		}
		admin := &schakel.User{ID: 6, Memberships: []schakel.Membership{{UserID: 6, OrganisationID: own, Role: schakel.RoleAdmin}}}
		if err := Can(admin, a, 0); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("administrator %s: %v, want forbidden", a, err)
		}
	}
	for _, a := range []Action{ManageMembers, ManageCatalogue, ManageTerms, EraseData, ViewCases} {
		if err := Can(op, a, own); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
			t.Errorf("operator without roles %s: %v, want forbidden", a, err)
		}
	}
	weak := &schakel.User{ID: 7, Operator: true, Assurance: schakel.Assurance{Level: schakel.AssuranceLow, Policy: schakel.AssurancePolicy{schakel.StakeAdminister: schakel.AssuranceHigh}}}
	if err := Can(weak, OperateCatalogue, 0); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
		t.Errorf("operator at a low level of assurance: %v, want forbidden", err)
	}
}
