package authz

import (
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestEveryActionHasAStake: a new action must say what is at stake, or
// it would silently fall to the safe default.
func TestEveryActionHasAStake(t *testing.T) {
	for _, a := range Actions() {
		if _, ok := stakes[a]; !ok {
			t.Errorf("action %s has no stake", a)
		}
	}
	if StakeOf("bestaat-niet") != schakel.StakeDecide {
		t.Errorf("an unknown action is not treated as a decision")
	}
}

// TestAssurance: with a policy asking substantial for decisions, a board
// member who logged in at a low level may read the Postvak but not
// return an assignment; the refusal names the level needed. At a
// substantial level both are allowed; without a policy no level is asked.
func TestAssurance(t *testing.T) {
	policy := schakel.AssurancePolicy{schakel.StakeDecide: schakel.AssuranceSubstantial, schakel.StakeAdminister: schakel.AssuranceHigh}
	board := func(level schakel.AssuranceLevel, p schakel.AssurancePolicy) *schakel.User {
		return &schakel.User{ID: 5, Memberships: []schakel.Membership{{UserID: 5, OrganisationID: own, Role: schakel.RoleBoard}, {UserID: 5, OrganisationID: own, Role: schakel.RoleAdmin}},
			Assurance: schakel.Assurance{Level: level, Policy: p}}
	}
	low := board(schakel.AssuranceLow, policy)
	if err := Can(low, ViewInbox, own); err != nil {
		t.Fatalf("low login may not read the Postvak: %v", err)
	}
	err := Can(low, ReturnAssignment, own)
	if schakel.ErrorCode(err) != schakel.EFORBIDDEN || schakel.NeededAssurance(err) != schakel.AssuranceSubstantial {
		t.Fatalf("low login returned an assignment: %v (needs %v)", err, schakel.NeededAssurance(err))
	}
	if got := Organisations(low, ManageCases); len(got) != 0 {
		t.Fatalf("low login lists organisations to decide for: %v", got)
	}
	sub := board(schakel.AssuranceSubstantial, policy)
	if err := Can(sub, ReturnAssignment, own); err != nil {
		t.Fatalf("substantial login may not return an assignment: %v", err)
	}
	if err := Can(sub, ManageMembers, own); schakel.NeededAssurance(err) != schakel.AssuranceHigh {
		t.Fatalf("substantial login administers where high is asked: %v", err)
	}
	if err := Can(board(schakel.AssuranceUnknown, nil), ReturnAssignment, own); err != nil {
		t.Fatalf("without a policy a level was asked: %v", err)
	}
	// A role still comes first: the level never grants what the role does not.
	prof := &schakel.User{ID: 6, Memberships: []schakel.Membership{{UserID: 6, OrganisationID: own, Role: schakel.RoleProfessional}},
		Assurance: schakel.Assurance{Level: schakel.AssuranceHigh, Policy: policy}}
	if err := Can(prof, ReturnAssignment, own); schakel.ErrorCode(err) != schakel.EFORBIDDEN || schakel.NeededAssurance(err) != schakel.AssuranceUnknown {
		t.Fatalf("professional at a high level returned an assignment: %v", err)
	}
}

// TestAssuranceLevelNames: the Dutch and English names read back, the
// Dutch one is what String gives, and nothing else is a level.
func TestAssuranceLevelNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want schakel.AssuranceLevel
	}{{"laag", schakel.AssuranceLow}, {"Substantial", schakel.AssuranceSubstantial}, {" hoog ", schakel.AssuranceHigh}, {"substantieel", schakel.AssuranceSubstantial}} {
		got, ok := schakel.ParseAssuranceLevel(c.in)
		if !ok || got != c.want {
			t.Errorf("ParseAssuranceLevel(%q) = %v, %v", c.in, got, ok)
		}
	}
	if _, ok := schakel.ParseAssuranceLevel("midden"); ok {
		t.Errorf("midden is no eIDAS level")
	}
	if schakel.AssuranceSubstantial.String() != "substantieel" || schakel.AssuranceUnknown.String() != "onbekend" {
		t.Errorf("names: %s, %s", schakel.AssuranceSubstantial, schakel.AssuranceUnknown)
	}
}
