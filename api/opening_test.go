package api_test

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/ledger"
)

// TestOpeningsCheckTextsAgainstTheLog: whoever may see a request gets, with
// its texts, the opening of each text's commitment, and with them checks
// every text against the public entry served to anyone — which carries
// neither the texts nor their openings nor their plain SHA-256. Someone
// who may not see the request gets no openings.
func TestOpeningsCheckTextsAgainstTheLog(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	r := e.create(complaintBody, e.prof)
	e.checkpoint()

	rec := e.do("GET", fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", r.ID), "", e.prof)
	if rec.Code != http.StatusOK {
		t.Fatalf("detail: %d %s", rec.Code, rec.Body)
	}
	detail := decodeJSON[api.RequestDetail](t, rec.Body.Bytes())
	created := detail.History[0]
	texts := map[string]string{ledger.LabelSubject: detail.Subject}
	for _, g := range detail.Grounds {
		texts[ledger.LabelGroundsPrefix+g.Principle] = g.Text
	}
	if len(created.Openings) != len(texts) {
		t.Fatalf("openings %v for texts %v", created.Openings, texts)
	}

	rec = e.do("GET", fmt.Sprintf("/api/v1/logboek/gebeurtenissen/%d/1", r.ID), "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("log entry: %d %s", rec.Code, rec.Body)
	}
	pub := decodeJSON[api.LedgerEvent](t, rec.Body.Bytes())
	data, _ := base64.StdEncoding.DecodeString(pub.EntryBase64)
	entry, err := ledger.Decode(data)
	if err != nil || entry.Version != ledger.HidingVersion {
		t.Fatalf("entry %s: %v", data, err)
	}
	for label, text := range texts {
		opening, err := hex.DecodeString(created.Openings[label])
		if err != nil {
			t.Fatalf("%s: opening %q: %v", label, created.Openings[label], err)
		}
		if err := entry.CheckText(label, text, opening); err != nil {
			t.Errorf("%s %q: %v", label, text, err)
		}
		if err := entry.CheckText(label, text+".", opening); err == nil {
			t.Errorf("%s: a changed text checked", label)
		}
		for _, leak := range []string{text, ledger.TextHash(text), created.Openings[label]} {
			if strings.Contains(rec.Body.String(), leak) {
				t.Errorf("the public entry shows %q", leak)
			}
		}
	}

	// Another organisation's administrator may not see the request: no
	// texts, no openings.
	rec = e.do("GET", fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", r.ID), "", e.svbAdmin)
	if rec.Code == http.StatusOK || strings.Contains(rec.Body.String(), "openingen") {
		t.Fatalf("an outsider: %d %s", rec.Code, rec.Body)
	}
}

// stripOpenings checks that every event in the history of the request
// detail in rec has openings (64 hex digits each) and removes them, so the
// rest of the body, which has no random parts, can be compared exactly.
func stripOpenings(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	history, _ := body["geschiedenis"].([]any)
	for i, h := range history {
		ev, _ := h.(map[string]any)
		openings, _ := ev["openingen"].(map[string]any)
		if len(openings) == 0 {
			t.Fatalf("event %d of the history has no openings", i+1)
		}
		for label, o := range openings {
			if s, _ := o.(string); len(s) != 64 || strings.Trim(s, "0123456789abcdef") != "" {
				t.Fatalf("opening of %s: %v", label, o)
			}
		}
		delete(ev, "openingen")
	}
	out, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	rec.Body.Reset()
	rec.Body.Write(out)
}
