package inbox_test

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// world is one organisation (uwv) with a coordinator, a professional and
// someone without a role, over a real store, and the Postvak over the real
// services.
type world struct {
	ctx                 context.Context
	clock               *schakeltest.Clock
	st                  *store.Store
	rs                  *requests.Service
	cs                  *cases.Service
	box                 *inbox.Service
	coord, prof, nobody *schakel.User
}

func newWorld(t *testing.T, be storetest.Backend) *world {
	t.Helper()
	w := &world{ctx: context.Background(), clock: schakeltest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}
	w.st = be.Open(t, w.clock)
	if _, err := w.st.SeedPrinciples(w.ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	uwv := storetest.MustOrganisation(t, w.st, "uwv", schakel.OrgExecutive)
	w.coord = storetest.MustUser(t, w.st, "coord", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator})
	w.prof = storetest.MustUser(t, w.st, "prof", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
	w.nobody = storetest.MustUser(t, w.st, "niemand")
	w.rs = requests.New(w.st, &comply.Engine{Calendar: calendar.New()}, w.clock)
	w.cs = cases.New(w.st, w.clock)
	w.box = inbox.New(w.rs, w.cs, signals.New(w.st, w.rs, w.clock), w.st, w.clock)
	return w
}

func (w *world) brake(t *testing.T, subject string) *schakel.Request {
	t.Helper()
	r, err := w.rs.Create(w.ctx, w.prof, requests.CreateInput{Type: schakel.TypeProfessionalBrake, Subject: subject, AddresseeCode: "uwv",
		Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "De gevolgen zijn onevenredig."}}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (w *world) request(t *testing.T, subject string) *schakel.Request {
	t.Helper()
	r, err := w.rs.Create(w.ctx, w.prof, requests.CreateInput{Type: schakel.TypeGeneral, Subject: subject, AddresseeCode: "uwv", AddresseeRole: schakel.RoleCoordinator,
		Grounds: []schakel.Ground{{Principle: "motivering", Text: "Het besluit zegt niet waarom."}}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (w *world) newCase(t *testing.T, title string) *schakel.Case {
	t.Helper()
	c, err := w.cs.Submit(w.ctx, w.prof, cases.SubmitInput{Organisation: "uwv", Title: title,
		Situation: "De klant kreeg een voorschot; UWV besliste te laat.", RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"},
		Intent: "Het voorschot overbrugt de tijd.", Harm: "De klant raakt in de schulden.", Principles: []string{"evenredigheid"}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// titles returns the titles of items in order.
func titles(items []inbox.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

func TestPostvak(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be)
			sum := func(u *schakel.User) inbox.Summary {
				t.Helper()
				s, err := w.box.Summary(w.ctx, u)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			if s := sum(w.coord); s.Total != 0 || s.New != 0 {
				t.Fatalf("empty Postvak counts %+v", s)
			}
			brake := w.brake(t, "Noodrem terugvordering")
			w.clock.Advance(24 * time.Hour)
			req := w.request(t, "Uitleg gevraagd")
			w.clock.Advance(time.Hour)
			c := w.newCase(t, "Voorschot te laat")

			// A new case reaches the coordinator; everything is new.
			items, err := w.box.Items(w.ctx, w.coord)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := titles(items), []string{brake.Subject, req.Subject, c.Title}; !slices.Equal(got, want) {
				t.Fatalf("Postvak %q, want %q (soonest term first, the case without a term last)", got, want)
			}
			if items[0].Kind != inbox.KindBrake || items[1].Kind != inbox.KindRequest || items[2].Kind != inbox.KindCase {
				t.Fatalf("kinds %s %s %s", items[0].Kind, items[1].Kind, items[2].Kind)
			}
			if items[2].URL != "/casussen/"+itoa(c.ID) || !items[2].Due.IsZero() || items[0].Due.IsZero() {
				t.Fatalf("case %+v, brake due %v", items[2], items[0].Due)
			}
			if s := sum(w.coord); s.Total != 3 || s.New != 3 || s.Overdue != 0 || s.ByKind[inbox.KindCase] != 1 || s.NextDue == nil || s.NextDue.ID != brake.ID {
				t.Fatalf("summary %+v", s)
			}
			// The professional has no work; someone without a role neither.
			if s := sum(w.prof); s.Total != 0 {
				t.Fatalf("the professional's Postvak counts %d", s.Total)
			}
			if s := sum(w.nobody); s.Total != 0 {
				t.Fatalf("nobody's Postvak counts %d", s.Total)
			}
			if _, err := w.box.Summary(w.ctx, nil); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED {
				t.Fatalf("without a user: %v", err)
			}

			// A list of cases only shows the case: the brakes stay new.
			cases, err := w.box.List(w.ctx, w.coord, inbox.Query{Kind: inbox.KindCase, Sort: inbox.SortDue, Page: 1})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.box.MarkSeen(w.ctx, w.coord, cases.SeenUntil); err != nil {
				t.Fatal(err)
			}
			// (One mark in time: what arrived after the first brake not shown
			// stays new too, the case among it if it came later.)
			shown, _ := w.box.Items(w.ctx, w.coord)
			for _, it := range shown {
				if it.Kind == inbox.KindBrake && !it.New {
					t.Fatalf("after a list of cases only, brake %q is no longer new", it.Title)
				}
			}
			// Opened unfiltered: nothing new; a brake pulled later is new again.
			all, err := w.box.List(w.ctx, w.coord, inbox.Query{Sort: inbox.SortDue, Page: 1})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.box.MarkSeen(w.ctx, w.coord, all.SeenUntil); err != nil {
				t.Fatal(err)
			}
			if s := sum(w.coord); s.New != 0 || s.Total != 3 {
				t.Fatalf("after opening: %+v", s)
			}
			w.clock.Advance(time.Minute)
			later := w.brake(t, "Tweede noodrem")
			items, _ = w.box.Items(w.ctx, w.coord)
			for _, it := range items {
				if it.New != (it.ID == later.ID && it.Kind == inbox.KindBrake) {
					t.Errorf("%q new = %v", it.Title, it.New)
				}
			}

			// Filter, order and pages.
			list := func(q string) *inbox.Page {
				t.Helper()
				v, _ := url.ParseQuery(q)
				pq, err := inbox.ParseQuery(v)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				p, err := w.box.List(w.ctx, w.coord, pq)
				if err != nil {
					t.Fatal(err)
				}
				return p
			}
			if p := list("soort=noodrem"); p.Total != 2 || p.Summary.Total != 4 || p.Items[0].ID != brake.ID {
				t.Fatalf("brakes: %d of %d, first %q", p.Total, p.Summary.Total, p.Items[0].Title)
			}
			if p := list("sorteer=nieuwste"); !slices.Equal(titles(p.Items), []string{later.Subject, c.Title, req.Subject, brake.Subject}) {
				t.Fatalf("newest first: %q", titles(p.Items))
			}
			if p := list("te-laat=ja"); p.Total != 0 {
				t.Fatalf("overdue before any deadline: %d", p.Total)
			}
			if p := list("pagina=2"); len(p.Items) != 0 || p.Pages != 1 {
				t.Fatalf("page 2 of 1: %d items, %d pages", len(p.Items), p.Pages)
			}
			// Past every deadline the requests are overdue; the case never is.
			w.clock.Advance(90 * 24 * time.Hour)
			if p := list("te-laat=1"); p.Total == 0 || slices.ContainsFunc(p.Items, func(it inbox.Item) bool { return it.Kind == inbox.KindCase }) {
				t.Fatalf("overdue: %q", titles(p.Items))
			}
		})
	}
}

func TestPages(t *testing.T) {
	w := newWorld(t, storetest.Backends()[0])
	for i := range inbox.PerPage + 2 {
		w.request(t, "Verzoek "+itoa(int64(i)))
		w.clock.Advance(time.Minute)
	}
	q, _ := inbox.ParseQuery(url.Values{"pagina": {"2"}})
	p, err := w.box.List(w.ctx, w.coord, q)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != inbox.PerPage+2 || p.Pages != 2 || len(p.Items) != 2 {
		t.Fatalf("page 2: %d items of %d on %d pages", len(p.Items), p.Total, p.Pages)
	}
}

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct {
		name   string
		query  string
		want   inbox.Query
		fields []string
	}{
		{"defaults", "", inbox.Query{Sort: inbox.SortDue, Page: 1}, nil},
		{"all set", "soort=casus&te-laat=ja&sorteer=nieuwste&pagina=3", inbox.Query{Kind: inbox.KindCase, OverdueOnly: true, Sort: inbox.SortNewest, Page: 3}, nil},
		{"a ticked box", "te-laat=1", inbox.Query{OverdueOnly: true, Sort: inbox.SortDue, Page: 1}, nil},
		{"every field wrong", "soort=brief&te-laat=misschien&sorteer=alfabet&pagina=0", inbox.Query{Sort: inbox.SortDue, Page: 1}, []string{"pagina", "soort", "sorteer", "te-laat"}},
		{"page not a number", "pagina=twee", inbox.Query{Sort: inbox.SortDue, Page: 1}, []string{"pagina"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tc.query)
			got, err := inbox.ParseQuery(v)
			var fields []string
			for _, f := range schakel.ErrorFields(err) {
				fields = append(fields, f.Field)
			}
			slices.Sort(fields)
			if got != tc.want || !slices.Equal(fields, tc.fields) {
				t.Fatalf("ParseQuery(%q) = %+v, %v; want %+v, %v", tc.query, got, fields, tc.want, tc.fields)
			}
			if tc.fields == nil {
				back, _ := inbox.ParseQuery(got.Values())
				back.Page = got.Page
				if back != got {
					t.Fatalf("Values does not round-trip: %+v", back)
				}
			}
		})
	}
}

func TestSettings(t *testing.T) {
	w := newWorld(t, storetest.Backends()[0])
	// Without an address the digest cannot be turned on.
	if err := w.box.SetDigest(w.ctx, w.coord, true); schakel.ErrorCode(err) != schakel.EINVALID || schakel.ErrorFields(err)[0].Field != "samenvatting" {
		t.Fatalf("digest without an address: %v", err)
	}
	mailed := storetest.MustMailUser(t, w.st, "mail", "coord@uwv.example")
	if err := w.box.SetDigest(w.ctx, mailed, true); err != nil {
		t.Fatal(err)
	}
	ws, err := w.box.Settings(w.ctx, mailed)
	if err != nil || !ws.Digest {
		t.Fatalf("settings %+v, %v", ws, err)
	}
	if _, err := w.box.Settings(w.ctx, nil); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED {
		t.Fatalf("without a user: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
