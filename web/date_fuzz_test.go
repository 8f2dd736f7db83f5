package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/calendar"
)

// TestNormalDate: dates written day first become ISO; ISO and anything
// else stay as they are.
func TestNormalDate(t *testing.T) {
	for in, want := range map[string]string{
		"31-03-2026":   "2026-03-31",
		"1-3-2026":     "2026-03-01",
		" 02/03/2026 ": "2026-03-02",
		"02.03.2026":   "2026-03-02",
		"2026-03-02":   "2026-03-02",
		"32-01-2026":   "32-01-2026",
		"01-13-2026":   "01-13-2026",
		"1-1-26":       "1-1-26",
		"a1-01-2026":   "a1-01-2026",
		"":             "",
		"12-05-2026-x": "12-05-2026-x",
	} {
		if got := normalDate(in); got != want {
			t.Errorf("normalDate(%q) = %q, want %q", in, got, want)
		}
	}
	v := url.Values{"datumBesluit": {"2-3-2026"}, "kenmerk": {"2-3-2026"}}
	if !normalDates(v) || v.Get("datumBesluit") != "2026-03-02" || v.Get("kenmerk") != "2-3-2026" {
		t.Errorf("normalDates = %v", v)
	}
}

// FuzzNormalDate: normalDate never panics, changes a value only into an ISO
// date that the calendar parses (or rejects for the day, as for 31-02), and
// is idempotent.
func FuzzNormalDate(f *testing.F) {
	for _, s := range []string{"31-03-2026", "1/1/2026", "2026-03-02", "31.02.2026", "", "--", "9-9-9999", "00-00-0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := normalDate(s)
		if normalDate(got) != got {
			t.Fatalf("normalDate not idempotent on %q: %q then %q", s, got, normalDate(got))
		}
		if got == s {
			return
		}
		if len(got) != 10 || got[4] != '-' || got[7] != '-' {
			t.Fatalf("normalDate(%q) = %q, not ISO", s, got)
		}
		year := got[:4]
		inRange := year >= fmt.Sprintf("%04d", calendar.MinYear) && year <= fmt.Sprintf("%04d", calendar.MaxYear)
		if _, err := calendar.ParseDate(got); err != nil && inRange && got[8:] <= "28" {
			t.Fatalf("normalDate(%q) = %q, which the calendar refuses: %v", s, got, err)
		}
	})
}

// TestDatesTypedDayFirst: a day-first date reaches a page handler in ISO
// form, in the query of a GET and in the body of a POST.
func TestDatesTypedDayFirst(t *testing.T) {
	e := newEnv(t, false)
	var got []string
	fn := e.h.Serve(func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		got = append(got, r.URL.Query().Get("vanaf"), r.FormValue("vanaf"), r.PostForm.Get("datumBesluit"))
		return nil
	})
	fn(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/x?vanaf=31-03-2026", nil))
	req := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader("datumBesluit=2%2F3%2F2026"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	fn(httptest.NewRecorder(), req)
	want := []string{"2026-03-31", "2026-03-31", "", "", "", "2026-03-02"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("handlers saw %q, want %q", got, want)
	}
}
