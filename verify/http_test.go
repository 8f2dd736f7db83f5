package verify

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
)

// fakeSite serves a memLog over HTTP as a schakel would: the C2SP
// resources, the event lookups with their inclusion proofs, consistency
// proofs and the register of brakes (one brake per request).
type fakeSite struct {
	log *memLog
	// proofSize and proofNote, if set, are the size and the checkpoint the
	// lookups prove inclusion against, instead of the latest.
	proofSize int64
	proofNote []byte
	// hidden is a request whose events the lookups do not find.
	hidden int64
	// consistencies counts the consistency proofs served.
	consistencies atomic.Int32
	// principles, if set, is what the register cites for every brake.
	principles []string
}

func (f *fakeSite) handler(t *testing.T) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /log/{path...}", func(w http.ResponseWriter, r *http.Request) {
		data, err := f.log.read(r.PathValue("path"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Write(data)
	})
	mux.HandleFunc("GET /api/v1/logboek/gebeurtenissen/{r}/{s}", func(w http.ResponseWriter, r *http.Request) {
		req, _ := strconv.ParseInt(r.PathValue("r"), 10, 64)
		seq, _ := strconv.Atoi(r.PathValue("s"))
		index, data, err := f.log.lookup(req, seq)
		if req == f.hidden {
			err = schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %d/%d bestaat niet.", req, seq)
		}
		if err != nil {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"status": 404, "title": "Not Found", "detail": %q}`, schakel.ErrorMessage(err))
			return
		}
		size, note := f.log.size, f.log.note
		if f.proofSize > 0 {
			size = f.proofSize
		}
		if f.proofNote != nil {
			note = f.proofNote
		}
		proof, err := tlog.ProveRecord(size, index, f.log)
		if err != nil {
			t.Error(err)
		}
		writeJSON(w, map[string]any{
			"verzoek": req, "volgnummer": seq, "index": index,
			"gebeurtenis": json.RawMessage(data), "gebeurtenisBase64": base64.StdEncoding.EncodeToString(data),
			"checkpoint": map[string]any{"checkpoint": string(note)}, "inclusiebewijs": hashStrings(proof),
		})
	})
	mux.HandleFunc("GET /api/v1/logboek/consistentie", func(w http.ResponseWriter, r *http.Request) {
		f.consistencies.Add(1)
		from, _ := strconv.ParseInt(r.FormValue("van"), 10, 64)
		to, _ := strconv.ParseInt(r.FormValue("tot"), 10, 64)
		proof, err := tlog.ProveTree(to, from, f.log)
		if err != nil {
			t.Error(err)
		}
		writeJSON(w, map[string]any{"consistentiebewijs": hashStrings(proof)})
	})
	mux.HandleFunc("GET /api/v1/noodremmen", func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.FormValue("pagina"))
		size, _ := strconv.Atoi(r.FormValue("paginaGrootte"))
		total := len(f.log.entries) / 3
		var list []map[string]any
		for id := (page-1)*size + 1; id <= min(page*size, total); id++ {
			list = append(list, map[string]any{"id": id})
		}
		writeJSON(w, map[string]any{"resultaten": list, "totaal": total, "pagina": page, "paginaGrootte": size})
	})
	mux.HandleFunc("GET /api/v1/noodremmen/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		principles := []string{"zorgvuldigheid", "evenredigheid"}
		if f.principles != nil {
			principles = f.principles
		}
		writeJSON(w, map[string]any{
			"id": id, "niveau": schakel.LevelOf(schakel.TypeProfessionalBrake), "beginselen": principles,
			"gebeurtenissen": []map[string]any{{"volgnummer": 1}, {"volgnummer": 2}, {"volgnummer": 3}},
		})
	})
	return mux
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func hashStrings(hs []tlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.String()
	}
	return out
}

// newSite serves f and returns an HTTPSource reading it.
func newSite(t *testing.T, f *fakeSite) *HTTPSource {
	t.Helper()
	ts := httptest.NewServer(f.handler(t))
	t.Cleanup(ts.Close)
	src, err := NewHTTPSource(ts.URL+"/", ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestHTTPSource(t *testing.T) {
	w := newTestWorld(t)
	src := newSite(t, &fakeSite{log: w.log})
	if strings.HasSuffix(src.Name(), "/") {
		t.Errorf("name %q keeps the trailing slash", src.Name())
	}
	var out bytes.Buffer
	res := mustVerify(t, w.verifier(src, &out))
	wantLines(t, out.String(),
		"Checking the public record of "+src.Name()+"\n",
		"ok  lookups: 300 of 300 events looked up by id through GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}: same index and bytes as in the tiles, each decodes as a request entry (version 1 or 5), inclusion in the checkpoint checked (ledger.CheckInclusion), and the API's own inclusion proofs checked against its signed checkpoints (tlog.CheckRecord, tlog.CheckTree)\n",
		"ok  register: 100 brakes listed at /api/v1/noodremmen with 300 public events; each event is in the log once, and each brake's level and principles equal its entry in the log\n",
		"The public record verifies",
	)
	if res.Register == nil || *res.Register != (RegisterResult{Brakes: 100, Events: 300}) {
		t.Errorf("register %+v", res.Register)
	}

	// Newer brakes than the checkpoint are pending, not missing.
	w.log.add(t, testEntries(101, 102)...)
	out.Reset()
	res = mustVerify(t, w.verifier(src, &out))
	wantLines(t, out.String(), "with 306 public events; each event is in the log once, and each brake's level and principles equal its entry in the log; 6 newer events are not yet in a checkpoint\n")
	if res.Register.Pending != 6 {
		t.Errorf("register %+v", res.Register)
	}
}

// TestHTTPSourceProofsAgainstNewerCheckpoint: the API may prove inclusion
// against another checkpoint than /log/checkpoint served a moment before
// (the log grew in between); the verifier connects the two by a
// consistency proof.
func TestHTTPSourceProofsAgainstNewerCheckpoint(t *testing.T) {
	w := newTestWorld(t)
	w.log.add(t, testEntries(101, 120)...)
	newer := w.log.sign(t, w.signer, 360)
	w.log.sign(t, w.signer, 300)
	f := &fakeSite{log: w.log, proofSize: 360, proofNote: newer}
	v := w.verifier(newSite(t, f), nil)
	v.Events = 40
	mustVerify(t, v)
	if n := f.consistencies.Load(); n != 1 {
		t.Errorf("%d consistency proofs fetched, want 1", n)
	}
}

func TestHTTPSourceLies(t *testing.T) {
	cases := []struct {
		name string
		site func(t *testing.T, w *testWorld) *fakeSite
		want string
	}{
		{"API proves against a fork", func(t *testing.T, w *testWorld) *fakeSite {
			fork, _ := w.signer.Sign(300, tlog.RecordHash([]byte("een andere geschiedenis")))
			return &fakeSite{log: w.log, proofNote: fork}
		}, "the API proves inclusion against a checkpoint for size 300 with root"},
		{"API proves against an unsigned checkpoint", func(t *testing.T, w *testWorld) *fakeSite {
			return &fakeSite{log: w.log, proofNote: []byte{}}
		}, "the checkpoint the API proves inclusion against does not verify"},
		{"register cites other principles", func(t *testing.T, w *testWorld) *fakeSite {
			return &fakeSite{log: w.log, principles: []string{"zorgvuldigheid"}}
		}, "brake 1: the register cites [zorgvuldigheid], the log [evenredigheid zorgvuldigheid]"},
		{"event missing from the API", func(t *testing.T, w *testWorld) *fakeSite {
			return &fakeSite{log: w.log, hidden: 97}
		}, "event 2 of request 97 (entry 289): in the tiles, but looking it up by its id fails: GET /api/v1/logboek/gebeurtenissen/97/2: 404 Not Found: Gebeurtenis 97/2 bestaat niet."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newTestWorld(t)
			src := newSite(t, c.site(t, w))
			_, err := w.verifier(src, nil).Verify(context.Background())
			var pe *ProblemsError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want a *ProblemsError with %q", err, c.want)
			}
		})
	}
}

func TestNewHTTPSource(t *testing.T) {
	for _, bad := range []string{"schakel.example.nl", "ftp://schakel.example.nl", "https://", ":"} {
		if _, err := NewHTTPSource(bad, nil); err == nil {
			t.Errorf("NewHTTPSource(%q) accepted", bad)
		}
	}
	src, err := NewHTTPSource("https://schakel.example.nl//", nil)
	if err != nil || src.Name() != "https://schakel.example.nl" {
		t.Fatalf("%v, %v", src, err)
	}
}

func TestHTTPError(t *testing.T) {
	long := strings.Repeat("x", 400)
	for _, c := range []struct {
		body, want string
	}{
		{`{"status": 404, "detail": "Gebeurtenis 1/9 bestaat niet."}`, "GET /p: 404 Not Found: Gebeurtenis 1/9 bestaat niet."},
		{"  kapot\n", "GET /p: 404 Not Found: kapot"},
		{long, "GET /p: 404 Not Found: " + long[:300] + "…"},
	} {
		if got := (&HTTPError{Path: "/p", Status: "404 Not Found", Body: []byte(c.body)}).Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	if !slices.Equal(hashStrings(nil), []string{}) {
		t.Fatal("hashStrings")
	}
}
