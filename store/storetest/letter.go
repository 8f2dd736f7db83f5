package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

func init() {
	tests["SendLetter"] = testSendLetter
	tests["SendLetter (refused)"] = testSendLetterRefused
	tests["Letter"] = testSendLetter
	tests["Letters"] = testLetters
}

// toMinistry builds the step that sends the stored knelpunt k, adopted by
// uwv's board, to szw: the request of its ministry rung, by the board on
// behalf of uwv. It works on a copy of k.
func (f *sigFixture) toMinistry(e *env, k *schakel.Knelpunt) schakel.KnelpuntStep {
	e.t.Helper()
	op := f.rung(e, schakel.Party{Kind: schakel.PartyOrganisation, UserID: f.board.ID, OrganisationID: f.uwv.ID}, f.szw, "", "Knelpunt: "+k.Title)
	c := *k
	c.Rungs = slices.Clone(k.Rungs)
	c.State, c.Level = schakel.KnelpuntPut, schakel.LevelMinistry
	return schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: &c, Event: &schakel.KnelpuntEvent{By: f.board.ID}, Opened: op}
}

// letter builds a letter of org to szw over the quarter before the suite's
// start.
func (f *sigFixture) letter(org *schakel.Organisation, ref string) *schakel.Letter {
	return &schakel.Letter{OrganisationID: org.ID, MinistryID: f.szw.ID, Reference: ref, Date: calendar.DateOf(2026, 3, 9),
		Subject: "Knelpuntenbrief " + ref, PeriodFrom: time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), PeriodTo: time.Date(2026, 3, 31, 22, 0, 0, 0, time.UTC),
		HTML: []byte("<h1>Knelpuntenbrief " + ref + "</h1>"), PDF: []byte("%PDF-1.7 " + ref), SentBy: f.board.ID}
}

// adoptedAt marks the stored knelpunt k adopted by its board in one step
// without requests, as a board of an organisation without rungs in the
// suite would.
func (f *sigFixture) adoptedAt(e *env, k *schakel.Knelpunt) {
	e.t.Helper()
	k.State, k.Level, k.AdoptedAt = schakel.KnelpuntAdopted, schakel.LevelBoard, e.clock.Now()
	must(e.t, e.s.StepKnelpunt(e.ctx, schakel.KnelpuntStep{PrevVersion: k.Version, Knelpunt: k, Event: &schakel.KnelpuntEvent{Type: schakel.KnelpuntEventAdopted}}))
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func testSendLetter(e *env) {
	f := newSigFixture(e)
	k1 := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	f.adopt(e, k1)
	k2 := f.knelpuntWith(e, f.signal(f.uwv, refAwb484))
	f.adopt(e, k2)
	e.clock.Advance(24 * time.Hour)
	now := e.clock.Now()
	l := f.letter(f.uwv, "UWV/2026/001")
	steps := []schakel.KnelpuntStep{f.toMinistry(e, k1), f.toMinistry(e, k2)}
	must(e.t, e.s.SendLetter(e.ctx, l, steps))
	if l.ID == 0 || !slices.Equal(l.KnelpuntIDs, []int64{k1.ID, k2.ID}) || l.HTMLSHA256 != hexSum(l.HTML) || l.PDFSHA256 != hexSum(l.PDF) || !l.SentAt.Equal(now) {
		e.t.Fatalf("after sending: %+v", l)
	}
	got, err := e.s.Letter(e.ctx, l.ID)
	must(e.t, err)
	if !reflect.DeepEqual(got, l) {
		e.t.Fatalf("Letter = %+v\nwant %+v", got, l)
	}
	for _, st := range steps {
		k, ev, r := st.Knelpunt, st.Event, st.Opened.Request
		if k.LetterID != l.ID || ev.LetterID != l.ID || ev.Type != schakel.KnelpuntEventSent || r.ID == 0 || ev.RequestID != r.ID || k.RequestID != r.ID ||
			len(k.Rungs) != 3 || k.Rungs[2] != (schakel.Rung{Level: schakel.LevelMinistry, RequestID: r.ID, At: r.CreatedAt}) || ev.Level != schakel.LevelMinistry {
			e.t.Fatalf("after sending: knelpunt %+v, event %+v", k, ev)
		}
		if got := e.knelpunt(k.ID); !reflect.DeepEqual(got, k) {
			e.t.Fatalf("Knelpunt = %+v\nwant %+v", got, k)
		}
		evs, err := e.s.KnelpuntEvents(e.ctx, k.ID)
		must(e.t, err)
		if last := evs[len(evs)-1]; !reflect.DeepEqual(last, ev) {
			e.t.Fatalf("last event = %+v, want %+v", last, ev)
		}
		wantRequest(e, r)
	}
	for _, flt := range []schakel.KnelpuntFilter{{LetterID: l.ID}, {Sent: true}} {
		ks, total, err := e.s.Knelpunten(e.ctx, flt)
		must(e.t, err)
		if total != 2 || ks[0].ID != k2.ID || ks[1].ID != k1.ID {
			e.t.Fatalf("knelpunten %+v: total %d", flt, total)
		}
	}
	if _, n, err := e.s.Knelpunten(e.ctx, schakel.KnelpuntFilter{Unsent: true}); err != nil || n != 0 {
		e.t.Fatalf("%d unsent after sending (%v)", n, err)
	}
	_, err = e.s.Letter(e.ctx, 999999)
	wantCode(e.t, err, schakel.ENOTFOUND)
	wantLedgerEntries(e)
}

func testSendLetterRefused(e *env) {
	f := newSigFixture(e)
	k1 := f.knelpuntWith(e, f.signal(f.uwv, refWIA76))
	f.adopt(e, k1)
	must(e.t, e.s.SendLetter(e.ctx, f.letter(f.uwv, "UWV/2026/001"), []schakel.KnelpuntStep{f.toMinistry(e, k1)}))
	// Refusals write nothing, also when only the last knelpunt of a letter
	// is wrong.
	k3 := f.knelpuntWith(e, f.signal(f.uwv, refWIA36))
	f.adopt(e, k3)
	open := f.knelpuntWith(e, f.signal(f.uwv, refWIA36))
	theirs := f.knelpuntWith(e, f.signal(f.svb, refWIA36))
	f.adoptedAt(e, theirs)
	k1 = e.knelpunt(k1.ID)
	before := e.snapshot()
	stale := f.toMinistry(e, k3)
	stale.PrevVersion--
	unknownMinistry := f.letter(f.uwv, "UWV/2026/004")
	unknownMinistry.MinistryID = 99999
	for _, tc := range []struct {
		name  string
		l     *schakel.Letter
		steps []schakel.KnelpuntStep
		code  string
		field string
	}{
		{"reference taken", f.letter(f.uwv, "UWV/2026/001"), []schakel.KnelpuntStep{f.toMinistry(e, k3)}, schakel.ECONFLICT, ""},
		{"in a letter already", f.letter(f.uwv, "UWV/2026/002"), []schakel.KnelpuntStep{f.toMinistry(e, k3), f.toMinistry(e, k1)}, schakel.ECONFLICT, ""},
		{"not adopted", f.letter(f.uwv, "UWV/2026/002"), []schakel.KnelpuntStep{f.toMinistry(e, k3), f.toMinistry(e, open)}, schakel.ECONFLICT, ""},
		{"stale", f.letter(f.uwv, "UWV/2026/002"), []schakel.KnelpuntStep{stale}, schakel.ECONFLICT, ""},
		{"twice in one letter", f.letter(f.uwv, "UWV/2026/002"), []schakel.KnelpuntStep{f.toMinistry(e, k3), f.toMinistry(e, k3)}, schakel.ECONFLICT, ""},
		{"of another organisation", f.letter(f.uwv, "UWV/2026/003"), []schakel.KnelpuntStep{f.toMinistry(e, theirs)}, schakel.EINVALID, "knelpunten"},
		{"unknown ministry", unknownMinistry, []schakel.KnelpuntStep{f.toMinistry(e, k3)}, schakel.EINVALID, "ministerie"},
		{"no knelpunten", f.letter(f.uwv, "UWV/2026/005"), nil, schakel.EINVALID, "knelpunten"},
	} {
		err := e.s.SendLetter(e.ctx, tc.l, tc.steps)
		wantCode(e.t, err, tc.code)
		if tc.field != "" {
			wantFields(e.t, err, tc.field)
		}
		if tc.l.ID != 0 {
			e.t.Fatalf("%s: a refused letter has id %d", tc.name, tc.l.ID)
		}
		for _, st := range tc.steps {
			if st.Knelpunt.LetterID != 0 || st.Opened.Request.ID != 0 {
				e.t.Fatalf("%s: a refused letter left ids on its steps: %+v", tc.name, st.Knelpunt)
			}
		}
	}
	e.unchanged(before, "refused letters")
}

func testLetters(e *env) {
	f := newSigFixture(e)
	send := func(org *schakel.Organisation, ref string) *schakel.Letter {
		k := f.knelpuntWith(e, f.signal(org, refWIA76))
		f.adoptedAt(e, k)
		l := f.letter(org, ref)
		must(e.t, e.s.SendLetter(e.ctx, l, []schakel.KnelpuntStep{f.toMinistry(e, k)}))
		e.clock.Advance(time.Hour)
		return l
	}
	l1, l2, l3 := send(f.uwv, "UWV/1"), send(f.uwv, "UWV/2"), send(f.svb, "SVB/1")
	ids := func(ls []*schakel.Letter) []int64 {
		var out []int64
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		f     schakel.LetterFilter
		want  []int64
		total int
	}{
		{"all, newest first", schakel.LetterFilter{}, []int64{l3.ID, l2.ID, l1.ID}, 3},
		{"of uwv", schakel.LetterFilter{OrganisationID: f.uwv.ID}, []int64{l2.ID, l1.ID}, 2},
		{"to szw", schakel.LetterFilter{MinistryID: f.szw.ID}, []int64{l3.ID, l2.ID, l1.ID}, 3},
		{"to another ministry", schakel.LetterFilter{MinistryID: f.uwv.ID}, nil, 0},
		{"page", schakel.LetterFilter{Offset: 1, Limit: 1}, []int64{l2.ID}, 3},
	} {
		got, total, err := e.s.Letters(e.ctx, tc.f)
		must(e.t, err)
		if !slices.Equal(ids(got), tc.want) || total != tc.total {
			e.t.Errorf("%s: %v (total %d), want %v (total %d)", tc.name, ids(got), total, tc.want, tc.total)
		}
	}
	// Lists leave the documents out, and only them.
	got, _, err := e.s.Letters(e.ctx, schakel.LetterFilter{})
	must(e.t, err)
	for _, l := range got {
		want, err := e.s.Letter(e.ctx, l.ID)
		must(e.t, err)
		if len(want.HTML) == 0 || len(want.PDF) == 0 {
			e.t.Fatalf("letter %d has no documents", l.ID)
		}
		want.HTML, want.PDF = nil, nil
		if !reflect.DeepEqual(l, want) {
			e.t.Fatalf("listed %+v\nwant %+v", l, want)
		}
	}
}
