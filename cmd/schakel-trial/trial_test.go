package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/store/storetest"
)

// backends are the stores the trial's checks are tested on.
var backends = []struct {
	name string
	dsn  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "trial.db") }},
	{"postgres", func(t *testing.T) string { return storetest.PostgresURL(t) }},
}

// TestCheckFindsLostWriteAndGap: the checks of the crash trial pass a real
// acknowledged write and report an acknowledgement the store does not
// hold as lost, and a request whose first event is not in the log as a
// gap, on both stores. A checker that passed everything would fail here.
func TestCheckFindsLostWriteAndGap(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			h, stop, err := newWorld(ctx, b.dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(stop)
			ts := httptest.NewServer(h)
			t.Cleanup(ts.Close)
			c, err := login(ts.URL, demoProfessional)
			if err != nil {
				t.Fatal(err)
			}
			st := &loadStats{}
			for _, k := range writeKinds {
				write(ctx, c, ts.URL, k.kind, k.path, strings.ReplaceAll(k.body, "%d", "1"), 1, st)
			}
			if len(st.acks) != len(writeKinds) {
				t.Fatalf("acknowledged %d of %d writes: %v", len(st.acks), len(writeKinds), st.unexpected)
			}
			res, err := checkAcks(ctx, c, ts.URL, st.acks, time.Minute)
			if err != nil || len(res.Lost)+len(res.Gaps) > 0 || res.Checked != len(writeKinds) {
				t.Fatalf("real writes: %+v, %v", res, err)
			}

			real := st.acks[0]
			fabricated := []ack{
				{Kind: "request", Location: "/api/v1/verantwoordingsverzoeken/999999", RequestID: 999999, Run: 2},
				{Kind: "request", Location: real.Location, RequestID: 999998, Run: 2},
			}
			res, err = checkAcks(ctx, c, ts.URL, fabricated, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Lost) != 1 || !strings.Contains(res.Lost[0], "999999") {
				t.Errorf("lost: %v, want the acknowledgement of request 999999", res.Lost)
			}
			if len(res.Gaps) != 1 || !strings.Contains(res.Gaps[0], "999998") {
				t.Errorf("gaps: %v, want request 999998", res.Gaps)
			}
		})
	}
}

// TestFuzzCheckRefusesWrongAnswers: the fuzzer's check refuses a body that
// does not match the declared schema, a status the operation does not
// declare and an error that is not problem+json, and accepts the real
// answer.
func TestFuzzCheckRefusesWrongAnswers(t *testing.T) {
	ctx := context.Background()
	h, stop, err := newWorld(ctx, filepath.Join(t.TempDir(), "fuzz.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	f, err := newFuzzer(h, 1)
	if err != nil {
		t.Fatal(err)
	}
	var op operation
	for _, o := range f.ops {
		if o.method == http.MethodGet && o.path == "/organisaties/{code}" {
			op = o
		}
	}
	if op.op == nil {
		t.Fatal("GET /organisaties/{code} is not in the served document")
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/organisaties/uwv", nil)
	params := map[string]string{"code": "uwv"}
	if err := f.check(ctx, op, req, params, f.do(req, &f.g)); err != nil {
		t.Fatalf("the real answer: %v", err)
	}
	answer := func(status int, ctype, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", ctype)
		rec.WriteHeader(status)
		rec.WriteString(body)
		return rec
	}
	for name, rec := range map[string]*httptest.ResponseRecorder{
		"body off schema":   answer(200, "application/json", `{"code":7}`),
		"undeclared status": answer(402, "application/problem+json", `{"title":"x","status":402}`),
		"plain error":       answer(404, "text/plain", "not found"),
		"wrong status":      answer(404, "application/problem+json", `{"title":"x","status":400}`),
	} {
		if err := f.check(ctx, op, req, params, rec); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
