package comply_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// The organisations of the fixtures.
const (
	orgUWV = 10 // an executive organisation
	orgSZW = 20 // its principal ministry
	orgTK  = 30 // parliament
	orgGem = 40 // a municipality without principal
)

var (
	rungCoordinator = schakel.Addressee{OrganisationID: orgUWV, Role: schakel.RoleCoordinator}
	rungBoard       = schakel.Addressee{OrganisationID: orgUWV, Role: schakel.RoleBoard}
	rungMinistry    = schakel.Addressee{OrganisationID: orgSZW, Role: schakel.RolePolicy}
	rungMinister    = schakel.Addressee{OrganisationID: orgSZW, Role: schakel.RoleMinister}
	rungParliament  = schakel.Addressee{OrganisationID: orgTK, Role: schakel.RoleParliament}

	// threeRungs is the professional's brake at UWV: coordinator → board →
	// ministry.
	threeRungs = []schakel.Addressee{rungCoordinator, rungBoard, rungMinistry}
	// twoRungs is an objection at UWV: coordinator → board.
	twoRungs = []schakel.Addressee{rungCoordinator, rungBoard}
)

var (
	requester = schakel.Party{Kind: schakel.PartyUser, UserID: 7}
	responder = schakel.Party{Kind: schakel.PartyOrganisation, UserID: 8, OrganisationID: orgUWV}
)

// ams builds an instant on the wall clock of Amsterdam.
func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Location())
}

// utc builds an instant in UTC.
func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func date(s string) calendar.Date { return calendar.MustParseDate(s) }

func datep(s string) *calendar.Date { d := date(s); return &d }

func addr(a schakel.Addressee) *schakel.Addressee { return &a }

func newEngine() *comply.Engine { return &comply.Engine{Calendar: calendar.New()} }

// known accepts every principle code but "onbekend" and "ingetrokken-beginsel".
func known(code string) bool { return code != "onbekend" && code != "ingetrokken-beginsel" }

func input(typ schakel.RequestType) comply.NewRequest {
	return comply.NewRequest{
		Type:    typ,
		Subject: "Terugvordering WIA-voorschotten",
		Body:    "Een cliënt moet voorschotten terugbetalen die hij niet kan missen.",
		Grounds: []schakel.Ground{
			{Principle: "evenredigheid", Text: "De terugvordering staat niet in verhouding tot het doel."},
			{Principle: "zorgvuldigheid", Text: "De situatie van de cliënt is niet onderzocht."},
		},
		Requester: requester,
	}
}

func complyBy(by string) comply.AnswerInput {
	return comply.AnswerInput{Kind: schakel.Comply, Changes: "We stoppen de terugvordering.", ByWhen: date(by)}
}

func explain() comply.AnswerInput {
	return comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{
		"evenredigheid":  "De wet laat geen ruimte; het bedrag is verlaagd.",
		"zorgvuldigheid": "De situatie is alsnog onderzocht.",
	}}
}

// ok returns a func that fails the test when err is not nil and otherwise
// returns the request and event: n, ev := ok(t)(e.Acknowledge(…)).
func ok(t testing.TB) func(n *schakel.Request, ev *schakel.Event, err error) (*schakel.Request, *schakel.Event) {
	return func(n *schakel.Request, ev *schakel.Event, err error) (*schakel.Request, *schakel.Event) {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v (%s) %v", err, schakel.ErrorMessage(err), fieldCodes(err))
		}
		if n == nil || ev == nil {
			t.Fatalf("got request %v and event %v, want both", n, ev)
		}
		return n, ev
	}
}

// mustNew makes a request with ID 42 (as the store would set it).
func mustNew(t testing.TB, e *comply.Engine, in comply.NewRequest, ladder []schakel.Addressee, now time.Time) *schakel.Request {
	t.Helper()
	r, _ := ok(t)(e.New(in, ladder, known, now))
	r.ID = 42
	return r
}

// brake is a professional's brake at UWV made on Monday 20 April 2026 at
// noon: acknowledge by 28 April (the 27th is Koningsdag), answer by 1 June,
// reminder on 27 May.
func brake(t testing.TB, e *comply.Engine) *schakel.Request {
	t.Helper()
	return mustNew(t, e, input(schakel.TypeProfessionalBrake), threeRungs, ams(2026, time.April, 20, 12, 0))
}

// objection is an objection at UWV made on Wednesday 1 April 2026 at noon:
// answer by 13 May, reminder on 8 May.
func objection(t testing.TB, e *comply.Engine) *schakel.Request {
	t.Helper()
	return mustNew(t, e, input(schakel.TypeObjection), twoRungs, ams(2026, time.April, 1, 12, 0))
}

// clone deep-copies r so tests can compare before and after.
func clone(r *schakel.Request) *schakel.Request {
	c := *r
	c.Ladder = slices.Clone(r.Ladder)
	c.Grounds = slices.Clone(r.Grounds)
	return &c
}

// fieldCodes returns the invalid fields of err as field → code.
func fieldCodes(err error) map[string]string {
	m := map[string]string{}
	for _, f := range schakel.ErrorFields(err) {
		if prev, dup := m[f.Field]; dup {
			m[f.Field] = prev + "," + f.Code
			continue
		}
		m[f.Field] = f.Code
	}
	return m
}

// wantError checks that err is a *schakel.Error with code whose message
// contains every one of contains.
func wantError(t testing.TB, err error, code string, contains ...string) {
	t.Helper()
	var e *schakel.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want a *schakel.Error with code %s", err, code)
	}
	if e.Code != code {
		t.Fatalf("code = %s (%s), want %s", e.Code, e.Message, code)
	}
	for _, s := range contains {
		if !strings.Contains(e.Message, s) {
			t.Errorf("message %q does not contain %q", e.Message, s)
		}
	}
}

// wantFields checks that err is EINVALID naming exactly the fields of want
// (field → code), all at once.
func wantFields(t testing.TB, err error, want map[string]string) {
	t.Helper()
	wantError(t, err, schakel.EINVALID)
	got := fieldCodes(err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %v, want %v", sorted(got), sorted(want))
	}
	for _, f := range schakel.ErrorFields(err) {
		if f.Reason() == "" || strings.Contains(f.Reason(), "%!") {
			t.Errorf("field %s has a broken message %q", f.Field, f.Reason())
		}
	}
}

func sorted(m map[string]string) []string {
	var s []string
	for k, v := range m {
		s = append(s, fmt.Sprintf("%s=%s", k, v))
	}
	sort.Strings(s)
	return s
}

// diff reports the fields in which two values of the same struct type
// differ, for readable failures.
func diff(got, want any) string {
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	if gv.Kind() == reflect.Pointer {
		if gv.IsNil() || wv.IsNil() {
			return fmt.Sprintf("got %v, want %v", got, want)
		}
		gv, wv = gv.Elem(), wv.Elem()
	}
	var b strings.Builder
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			fmt.Fprintf(&b, "\n\t%s: got %s, want %s", gv.Type().Field(i).Name, show(g), show(w))
		}
	}
	return b.String()
}

func show(v any) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return fmt.Sprintf("&%+v", rv.Elem().Interface())
	}
	return fmt.Sprintf("%+v", v)
}
