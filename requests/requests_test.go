package requests_test

import (
	"context"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

type world struct {
	st          *store.Store
	svc         *requests.Service
	clock       *schakeltest.Clock
	prof, board *schakel.User
}

func newWorld(t *testing.T, open func(testing.TB, schakel.Clock) *store.Store) *world {
	t.Helper()
	clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	if _, err := st.SeedPrinciples(context.Background(), schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, szw.ID)
	svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive, szw.ID)
	return &world{st: st, clock: clock, svc: requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock),
		prof:  storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional}),
		board: storetest.MustUser(t, st, "uwv-bestuur", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard}),
	}
}

func valid() requests.CreateInput {
	return requests.CreateInput{Type: schakel.TypeGeneral, Subject: "Waarom geen hoorzitting?", AddresseeCode: "uwv",
		Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Niemand heeft de klant gehoord."}}}
}

func fields(err error) map[string]string {
	out := map[string]string{}
	for _, f := range schakel.ErrorFields(err) {
		out[f.Field] = f.Code
	}
	return out
}

func (w *world) stored(t *testing.T) int {
	t.Helper()
	_, n, err := w.st.Requests(context.Background(), schakel.RequestFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCreateNamesEveryField: the transport's problems and the service's own
// findings come back together, each field once, and nothing is stored.
func TestCreateNamesEveryField(t *testing.T) {
	typeProblem := schakel.FieldError{Field: comply.FieldSubject, Code: "type", Format: "Verwacht tekst."}
	tests := []struct {
		name string
		edit func(*requests.CreateInput)
		want map[string]string
	}{
		{"problem and an unknown addressee; the subject's problem is told once", func(in *requests.CreateInput) {
			in.Subject, in.AddresseeCode, in.Problems = "", "bestaat-niet", []schakel.FieldError{typeProblem}
		}, map[string]string{comply.FieldSubject: "type", comply.FieldAddressee: "unknown"}},
		{"no addressee, no grounds, bad type", func(in *requests.CreateInput) {
			in.AddresseeCode, in.Grounds, in.Type = "", nil, "iets"
		}, map[string]string{comply.FieldAddressee: "required", comply.FieldGrounds: "required", comply.FieldType: "enum"}},
		{"only a transport problem", func(in *requests.CreateInput) {
			in.Problems = []schakel.FieldError{{Field: "onbekend", Code: "unknown", Format: "Onbekend veld."}}
		}, map[string]string{"onbekend": "unknown"}},
		{"a cited principle unknown", func(in *requests.CreateInput) {
			in.Grounds = append(in.Grounds, schakel.Ground{Principle: "bestaat-niet", Text: "x"})
		}, map[string]string{comply.FieldGrounds + "[1].beginsel": "unknown"}},
	}
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					in := valid()
					tt.edit(&in)
					_, err := w.svc.Create(context.Background(), w.prof, in)
					got := fields(err)
					if schakel.ErrorCode(err) != schakel.EINVALID || len(got) != len(tt.want) {
						t.Fatalf("fields %v (%v), want %v", got, err, tt.want)
					}
					for f, code := range tt.want {
						if got[f] != code {
							t.Errorf("%s = %q, want %q (all: %v)", f, got[f], code, got)
						}
					}
					if n := w.stored(t); n != 0 {
						t.Fatalf("%d requests stored after invalid input", n)
					}
				})
			}
			if _, err := w.svc.Create(context.Background(), w.prof, valid()); err != nil {
				t.Fatal(err)
			}
			if n := w.stored(t); n != 1 {
				t.Fatalf("%d requests stored, want 1", n)
			}
		})
	}
}

// TestRefusalWinsOverProblems: someone who may not act hears that, not
// what is wrong with the input.
func TestRefusalWinsOverProblems(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			in := valid()
			in.OnBehalfOf, in.Problems = "uwv", []schakel.FieldError{{Field: comply.FieldSubject, Code: "type", Format: "x"}}
			if _, err := w.svc.Create(context.Background(), w.prof, in); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("on behalf of an organisation one does not lead: %v", err)
			}
			if _, err := w.svc.Create(context.Background(), nil, in); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED {
				t.Fatalf("nobody: %v", err)
			}
		})
	}
}

// TestStepWithProblems: a transition with the transport's problems stores
// nothing and names them with the engine's; a state that forbids the step
// wins over both.
func TestStepWithProblems(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			r, err := w.svc.Create(ctx, w.prof, valid())
			if err != nil {
				t.Fatal(err)
			}
			problem := []schakel.FieldError{{Field: "uiterlijk", Code: "format", Format: "Geen datum."}}
			_, err = w.svc.Answer(ctx, w.board, r.ID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Comply}, Problems: problem})
			if got := fields(err); got["uiterlijk"] != "format" || got["wijzigingen"] != "required" {
				t.Fatalf("fields %v of %v", got, err)
			}
			back, _, err := w.svc.Get(ctx, w.board, r.ID)
			if err != nil || back.Version != r.Version || back.State != schakel.StateOpen {
				t.Fatalf("after a refused answer: %+v, %v", back, err)
			}
			if _, err := w.svc.Contest(ctx, w.prof, r.ID, requests.StepInput{Reason: "Nee.", Problems: problem}); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("contest of an open request with problems: %v", err)
			}
			if _, err := w.svc.Acknowledge(ctx, w.board, r.ID, requests.StepInput{Problems: problem}); schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("acknowledge with a problem: %v", err)
			}
			if _, err := w.svc.Acknowledge(ctx, w.board, r.ID, requests.StepInput{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestOnBehalfOfOwnOrganisationOnly: a board asks for account on behalf of
// its own organisation, not another's.
func TestOnBehalfOfOwnOrganisationOnly(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			svbBoard := storetest.MustUser(t, w.st, "svb-bestuur", schakel.Membership{OrganisationID: mustOrg(t, w.st, "svb").ID, Role: schakel.RoleBoard})
			in := valid()
			in.OnBehalfOf = "uwv"
			if _, err := w.svc.Create(context.Background(), svbBoard, in); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("svb's board on behalf of uwv: %v", err)
			}
			in.OnBehalfOf, in.AddresseeCode = "svb", "uwv"
			r, err := w.svc.Create(context.Background(), svbBoard, in)
			if err != nil || r.Requester.Kind != schakel.PartyOrganisation {
				t.Fatalf("svb's board on behalf of svb: %+v, %v", r, err)
			}
		})
	}
}

func mustOrg(t *testing.T, st *store.Store, code string) *schakel.Organisation {
	t.Helper()
	o, err := st.OrganisationByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestMaskForCounselOfThatOrganisation: only the puller and the counsel of
// the organisation the brake was pulled at see a protected puller — not the
// counsel of another organisation, not the coordinator.
func TestMaskForCounselOfThatOrganisation(t *testing.T) {
	puller := &schakel.User{ID: 7}
	r := &schakel.Request{Type: schakel.TypeProfessionalBrake, Requester: schakel.Party{Kind: schakel.PartyUser, UserID: 7},
		Ladder: []schakel.Addressee{{OrganisationID: 3, Role: schakel.RoleCoordinator}}}
	evs := []*schakel.Event{{Seq: 1, Actor: schakel.Party{Kind: schakel.PartyUser, UserID: 7}}}
	for _, tt := range []struct {
		name   string
		viewer *schakel.User
		sees   bool
	}{
		{"the puller", puller, true},
		{"counsel of the organisation", &schakel.User{ID: 8, Memberships: []schakel.Membership{{OrganisationID: 3, Role: schakel.RoleCounsel}}}, true},
		{"counsel of another organisation", &schakel.User{ID: 9, Memberships: []schakel.Membership{{OrganisationID: 4, Role: schakel.RoleCounsel}}}, false},
		{"the coordinator", &schakel.User{ID: 10, Memberships: []schakel.Membership{{OrganisationID: 3, Role: schakel.RoleCoordinator}}}, false},
		{"the public", nil, false},
	} {
		mr, mevs := requests.Mask(r, evs, tt.viewer)
		if sees := mr.Requester.UserID == 7 && mevs[0].Actor.UserID == 7; sees != tt.sees {
			t.Errorf("%s sees the puller: %v, want %v", tt.name, sees, tt.sees)
		}
	}
	if r.Requester.UserID != 7 || evs[0].Actor.UserID != 7 {
		t.Fatal("Mask changed its input")
	}
}
