package cases_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/generalise"
	"github.com/schakel-nl/schakel/store/storetest"
)

// tilburg is the case of the issue: a client whose name, BSN and address
// the old detectors replaced, but not her town, her employer, her sister
// or her family.
var tilburg = cases.SubmitInput{Organisation: "uwv", Title: "WIA-voorschot terugvorderen",
	Situation: "Mevrouw Anja Verbeek (BSN 111222333) uit Tilburg kreeg een voorschot. Ze heeft drie kinderen en werkt bij de Jumbo in Tilburg. " +
		"Haar zus Petra helpt haar. Ze moet € 3.750 terugbetalen.",
	Parties: []string{"Anja Verbeek"}, RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
	Intent: "Het voorschot overbrugt de tijd tot het besluit.", Harm: "De klant raakt in de schulden door onze fout.", Principles: []string{"evenredigheid"}}

// decideOnly submits and decides in (by the coordinator), unpublished.
func (w *world) decideOnly(t *testing.T, in cases.SubmitInput) *schakel.Case {
	t.Helper()
	return w.decided(t, in, schakel.OutcomeMaatwerk, false)
}

// TestFourEyes: on both stores, the one who decided cannot publish (the
// review says why), a second reviewer must confirm every category, and
// the publication shows none of the persons, places or employers of the
// case; the defaults of the case type generalise the family and the
// amount.
func TestFourEyes(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			c := w.decideOnly(t, tilburg)
			rv, err := w.svc.Proposal(ctx, w.coord, c.ID, cases.PublishInput{})
			if err != nil || rv.MayPublish || rv.Why == "" {
				t.Fatalf("the decider's review: may publish %v (%q), %v", rv != nil && rv.MayPublish, rv.Why, err)
			}
			if _, err := w.svc.Publish(ctx, w.coord, c.ID, cases.PublishInput{Confirmed: confirmedAll()}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("the decider publishes: %v", err)
			}
			if _, err := w.svc.Publish(ctx, w.prof, c.ID, cases.PublishInput{Confirmed: confirmedAll()}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a professional publishes: %v", err)
			}
			_, err = w.svc.Publish(ctx, w.board, c.ID, cases.PublishInput{Confirmed: confirmedAll()[1:]})
			if fields := schakel.ErrorFields(err); len(fields) != 1 || fields[0].Field != "bevestigingen" {
				t.Fatalf("publishing with a category unconfirmed: %v", err)
			}
			if got, _ := w.svc.Get(ctx, w.coord, c.ID); got.State != schakel.CaseDecided {
				t.Fatalf("a refused publication changed the case: %s", got.State)
			}
			rv, err = w.svc.Proposal(ctx, w.board, c.ID, cases.PublishInput{})
			if err != nil || !rv.MayPublish {
				t.Fatalf("the second reviewer's review: %+v, %v", rv, err)
			}
			kinds := map[string]bool{}
			for _, r := range rv.Replacements {
				kinds[string(r.Kind)+":"+r.Text] = true
			}
			for _, want := range []string{"bsn:111222333", "plaats:Tilburg", "naam:Petra"} {
				if !kinds[want] {
					t.Errorf("the review does not list the replacement %s: %v", want, kinds)
				}
			}
			cats := map[generalise.Category]bool{}
			for _, f := range rv.Flags {
				cats[f.Flag.Category] = true
			}
			if len(rv.Flags) == 0 {
				t.Fatalf("nothing flagged in %q", rv.Precedent.Summary)
			}
			p, err := w.svc.Publish(ctx, w.board, c.ID, cases.PublishInput{Confirmed: confirmedAll()})
			if err != nil {
				t.Fatal(err)
			}
			for _, personal := range []string{"Anja", "Verbeek", "111222333", "Tilburg", "Jumbo", "Petra", "drie kinderen", "3.750"} {
				if strings.Contains(fmt.Sprint(p), personal) {
					t.Errorf("the publication shows %q: %q", personal, p.Summary)
				}
			}
			if p.PublishedBy != w.board.ID || p.Digest == "" {
				t.Errorf("published by %d with digest %q", p.PublishedBy, p.Digest)
			}
			// A case whose texts were erased is not published any more.
			gone := w.decideOnly(t, tilburg)
			if err := w.st.EraseCaseTexts(ctx, gone.ID, "Verzoek van de betrokkene."); err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Publish(ctx, w.board, gone.ID, cases.PublishInput{Confirmed: confirmedAll()}); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("an erased case published: %v", err)
			}
			// The texts sent back from a browser's textareas (CRLF line
			// breaks) with the ticked flags still generalise them; a choice
			// whose text is gone is refused, not ignored.
			multi := tilburg
			multi.Situation = "Mevrouw kreeg een voorschot.\nZe heeft drie kinderen en werkt in de zorg.\nZe moet € 3.750 terugbetalen."
			m := w.decideOnly(t, multi)
			mrv, err := w.svc.Proposal(ctx, w.board, m.ID, cases.PublishInput{})
			if err != nil {
				t.Fatal(err)
			}
			var ticked []string
			for _, f := range mrv.Flags {
				if f.Chosen {
					ticked = append(ticked, f.Key)
				}
			}
			back := cases.PublishInput{Summary: strings.ReplaceAll(mrv.Redacted["samenvatting"], "\n", "\r\n"), Generalise: ticked, Confirmed: confirmedAll()}
			_, err = w.svc.Publish(ctx, w.board, m.ID, cases.PublishInput{Summary: back.Summary, Generalise: []string{"samenvatting:0:bestaat niet"}, Confirmed: confirmedAll()})
			if fields := schakel.ErrorFields(err); len(fields) != 1 || fields[0].Field != "generaliseren" {
				t.Fatalf("an unknown choice: %v", err)
			}
			pm, err := w.svc.Publish(ctx, w.board, m.ID, back)
			if err != nil || strings.Contains(pm.Summary, "drie kinderen") || strings.Contains(pm.Summary, "3.750") || strings.Contains(pm.Summary, "\r") {
				t.Fatalf("published from CRLF texts: %q, %v", pm.Summary, err)
			}
			// An explicit empty choice generalises nothing: the reviewer decides.
			d := w.decideOnly(t, tilburg)
			p2, err := w.svc.Publish(ctx, w.board, d.ID, cases.PublishInput{Confirmed: confirmedAll(), Generalise: []string{}})
			if err != nil || !strings.Contains(p2.Summary, "drie kinderen") {
				t.Fatalf("nothing chosen still generalised: %q, %v", p2.Summary, err)
			}
		})
	}
}

// TestCorrectAndWithdraw: on both stores, a correction hides more and
// never less, its reason is public and must hold no personal data, the
// old text is gone from the store, and a withdrawal leaves only the
// changes with their digests.
func TestCorrectAndWithdraw(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			in := advance
			in.Situation = "De klant uit Hoeven werkt als bakker en kreeg een voorschot; UWV besliste te laat."
			c := w.decided(t, in, schakel.OutcomeMaatwerk, true)
			first, err := w.svc.Publication(ctx, c.ID)
			if err != nil || first.Precedent == nil || len(first.Changes) != 1 {
				t.Fatalf("publication %+v, %v", first, err)
			}
			w.clock.Advance(24 * time.Hour)
			for name, tc := range map[string]struct {
				in    cases.CorrectInput
				field string
			}{
				"nothing changes":                {cases.CorrectInput{Reason: "Nagekeken."}, "weglakken"},
				"no reason":                      {cases.CorrectInput{Redact: []string{"bakker"}}, "reden"},
				"reason names a BSN":             {cases.CorrectInput{Redact: []string{"bakker"}, Reason: "Het BSN 111222333 stond erin."}, "reden"},
				"reason names a town":            {cases.CorrectInput{Redact: []string{"bakker"}, Reason: "De klant uit Tilburg herkende zich."}, "reden"},
				"reason names the hidden phrase": {cases.CorrectInput{Redact: []string{"bakker"}, Reason: "Het beroep (Bakker) was herkenbaar."}, "reden"},
				"reason names a redacted place":  {cases.CorrectInput{Redact: []string{"bakker"}, Reason: "Hoeven is een klein dorp."}, "reden"},
			} {
				_, err := w.svc.Correct(ctx, w.board, c.ID, tc.in)
				if fields := schakel.ErrorFields(err); len(fields) != 1 || fields[0].Field != tc.field {
					t.Errorf("%s: %v, want a problem with %s", name, err, tc.field)
				}
			}
			if _, err := w.svc.Correct(ctx, w.prof, c.ID, cases.CorrectInput{Redact: []string{"bakker"}, Reason: "Beroep is herkenbaar."}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a professional corrects: %v", err)
			}
			fixed, err := w.svc.Correct(ctx, w.coord, c.ID, cases.CorrectInput{Redact: []string{"bakker"}, Reason: "Het beroep maakte de klant herkenbaar."})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(fixed.Summary, "bakker") || !strings.Contains(fixed.Summary, "[weggelakt]") || fixed.Digest == first.Precedent.Digest {
				t.Fatalf("corrected %q (%s)", fixed.Summary, fixed.Digest)
			}
			res, _, err := w.svc.Search(ctx, schakel.PrecedentFilter{Query: "bakker"})
			if err != nil || len(res) != 0 {
				t.Fatalf("the corrected word is still found: %d, %v", len(res), err)
			}
			w.clock.Advance(24 * time.Hour)
			if _, err := w.svc.WithdrawPublication(ctx, w.coord, c.ID, ""); schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("withdrawn without a reason: %v", err)
			}
			if _, err := w.svc.WithdrawPublication(ctx, w.coord, c.ID, "De bakker uit Hoeven herkende zich."); schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("withdrawn with a reason naming the redacted place: %v", err)
			}
			ch, err := w.svc.WithdrawPublication(ctx, w.coord, c.ID, "De situatie bleek toch herkenbaar.")
			if err != nil || ch.Digest != fixed.Digest {
				t.Fatalf("withdrawal %+v, %v; want the digest of the corrected version %s", ch, err, fixed.Digest)
			}
			pub, err := w.svc.Publication(ctx, c.ID)
			if err != nil || pub.Precedent != nil || len(pub.Changes) != 3 || pub.Changes[0].Kind != schakel.PrecedentWithdrawn || pub.Changes[0].UserID != 0 ||
				pub.Changes[1].Reason != "Het beroep maakte de klant herkenbaar." {
				t.Fatalf("after the withdrawal: %+v, %v", pub, err)
			}
			// The published texts are gone from the store: no table of the
			// register holds the words of the publication any more.
			var n int
			if err := w.st.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM precedents WHERE case_id = "+fmt.Sprint(c.ID)).Scan(&n); err != nil || n != 0 {
				t.Fatalf("the withdrawn publication is still stored: %d, %v", n, err)
			}
			if _, err := w.svc.Correct(ctx, w.coord, c.ID, cases.CorrectInput{Redact: []string{"klant"}, Reason: "x"}); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("a withdrawn publication corrected: %v", err)
			}
		})
	}
}
