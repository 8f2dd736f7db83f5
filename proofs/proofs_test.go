package proofs_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/proofs"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestProofs(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			prof := storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive).ID, Role: schakel.RoleProfessional})
			svc := proofs.New(st)

			if _, err := svc.Latest(ctx); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("no checkpoint yet: %v", err)
			}
			skey, vkey, err := ledger.GenerateKey("schakel.test/log")
			if err != nil {
				t.Fatal(err)
			}
			signer, err := ledger.NewSigner(skey, "schakel.test/log")
			if err != nil {
				t.Fatal(err)
			}
			rs := requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock)
			var ids []int64
			for i := range 3 {
				r, err := rs.Create(ctx, prof, requests.CreateInput{Type: schakel.TypeGeneral, Subject: "Vraag " + strconv.Itoa(i), AddresseeCode: "uwv",
					Grounds: []schakel.Ground{{Principle: "motivering", Text: "Waarom?"}}})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, r.ID)
				job := &jobs.LedgerJob{Store: st, Signer: signer, Clock: clock}
				if _, _, err := job.RunOnce(ctx); err != nil {
					t.Fatal(err)
				}
			}

			head, err := svc.Latest(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if head.Size != 3 || head.Origin != "schakel.test/log" || head.LastEvent == nil {
				t.Fatalf("head %+v", head)
			}
			if _, err := ledger.OpenCheckpoint(head.Note, vkey, "schakel.test/log"); err != nil {
				t.Fatalf("the head's note does not verify: %v", err)
			}

			// Every event is proven in the latest checkpoint.
			for _, id := range ids {
				in, err := svc.Event(ctx, id, 1)
				if err != nil {
					t.Fatal(err)
				}
				if err := tlog.CheckRecord(in.Proof, head.Size, head.Root, in.Index, tlog.RecordHash(in.Entry)); err != nil {
					t.Fatalf("inclusion of request %d: %v", id, err)
				}
			}
			if _, err := svc.Event(ctx, ids[0], 9); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("an event that does not exist: %v", err)
			}

			// Each older checkpoint is a prefix of the latest.
			for from := int64(1); from <= head.Size; from++ {
				c, err := svc.Consistency(ctx, proofs.ConsistencyInput{From: strconv.FormatInt(from, 10), FromGiven: true})
				if err != nil {
					t.Fatal(err)
				}
				if c.To.Size != head.Size || c.From.Size != from || c.From.Note == nil {
					t.Fatalf("consistency %d→: %+v", from, c)
				}
				if err := tlog.CheckTree(c.Proof, c.To.Size, c.To.Root, c.From.Size, c.From.Root); err != nil {
					t.Fatalf("consistency %d→%d: %v", from, head.Size, err)
				}
			}
			for _, tt := range []struct {
				name string
				in   proofs.ConsistencyInput
				want string
			}{
				{"van missing", proofs.ConsistencyInput{}, "required"},
				{"van zero", proofs.ConsistencyInput{From: "0", FromGiven: true}, "range"},
				{"van beyond the head", proofs.ConsistencyInput{From: "4", FromGiven: true}, "range"},
				{"van not a number", proofs.ConsistencyInput{From: "drie", FromGiven: true}, "range"},
				{"van after tot", proofs.ConsistencyInput{From: "3", FromGiven: true, To: "2", ToGiven: true}, "range"},
			} {
				_, err := svc.Consistency(ctx, tt.in)
				fs := schakel.ErrorFields(err)
				if len(fs) != 1 || fs[0].Field != "van" || fs[0].Code != tt.want {
					t.Errorf("%s: %v %+v, want van=%s", tt.name, err, fs, tt.want)
				}
			}
		})
	}
}

// TestHeadOfACaseEntry: when the newest entry is a change of the register
// of cases (format version 2), the head still says when it was.
func TestHeadOfACaseEntry(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
			clock := schakeltest.NewClock(at)
			st := be.Open(t, clock)
			org := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			coord := storetest.MustUser(t, st, "coord", schakel.Membership{OrganisationID: org.ID, Role: schakel.RoleCoordinator})
			c := &schakel.Case{OrganisationID: org.ID, SubmittedBy: coord.ID, Title: "Voorschot", Situation: "x", RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
				Intent: "x", Harm: "x"}
			if err := st.CreateCase(ctx, c); err != nil {
				t.Fatal(err)
			}
			if err := st.Decide(ctx, 1, &schakel.Decision{CaseID: c.ID, Outcome: schakel.OutcomeMaatwerk, Explanation: "x", DecidedBy: coord.ID, At: at}); err != nil {
				t.Fatal(err)
			}
			if err := st.Publish(ctx, 2, &schakel.Precedent{CaseID: c.ID, OrganisationID: org.ID, Title: "t", Summary: "s", Intent: "i", Harm: "h",
				Outcome: schakel.OutcomeMaatwerk, Explanation: "e", DecidedAt: at, PublishedAt: at.Add(time.Hour), PublishedBy: coord.ID}); err != nil {
				t.Fatal(err)
			}
			skey, _, err := ledger.GenerateKey("schakel.test/log")
			if err != nil {
				t.Fatal(err)
			}
			signer, err := ledger.NewSigner(skey, "schakel.test/log")
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := (&jobs.LedgerJob{Store: st, Signer: signer, Clock: clock}).RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			head, err := proofs.New(st).Latest(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if head.Size != 1 || head.LastEvent != nil || head.LastAt != "2026-12-07T10:00:00Z" {
				t.Fatalf("head of size %d, last event %v, last at %q", head.Size, head.LastEvent, head.LastAt)
			}
		})
	}
}
