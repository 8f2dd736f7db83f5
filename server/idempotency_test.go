package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestIdempotencyKey: a create retried with the same Idempotency-Key and
// body gets the first answer again and stores one object; the key with
// another body is 422 naming the header; many at once make one object;
// another caller's same key does not see the first answer; a create that
// failed on a storage fault frees the key, so its retry creates. On both
// stores.
func TestIdempotencyKey(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newFaultWorld(t, b, "bzk-beheerder")
			post := func(key, body, token string) *http.Response {
				w := f.send("POST", "/api/v1/organisaties", "application/json", body, token, "Idempotency-Key", key)
				return w.Result()
			}
			read := func(r *http.Response) string {
				var sb strings.Builder
				buf := make([]byte, 4096)
				for {
					n, err := r.Body.Read(buf)
					sb.Write(buf[:n])
					if err != nil {
						return sb.String()
					}
				}
			}
			body := `{"code": "gemeente-zwolle", "naam": "Gemeente Zwolle", "type": "gemeente"}`
			first := post("a1b2c3", body, f.token)
			firstBody := read(first)
			if first.StatusCode != http.StatusCreated || first.Header.Get("Location") == "" {
				t.Fatalf("first create: %d %s", first.StatusCode, firstBody)
			}
			again := post("a1b2c3", body, f.token)
			if againBody := read(again); again.StatusCode != http.StatusCreated || againBody != firstBody ||
				again.Header.Get("Location") != first.Header.Get("Location") || again.Header.Get("Idempotent-Replayed") != "true" ||
				again.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
				t.Fatalf("retry: %d %q %s, want the first answer %q", again.StatusCode, again.Header.Get("Location"), againBody, firstBody)
			}
			// The structured-field form of the same key is the same key.
			if q := post(`"a1b2c3"`, body, f.token); q.StatusCode != http.StatusCreated || q.Header.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("quoted key: %d", q.StatusCode)
			}
			if n := f.orgCount("gemeente-zwolle"); n != 1 {
				t.Fatalf("%d organisations after a retry, want 1", n)
			}

			other := post("a1b2c3", `{"code": "gemeente-kampen", "naam": "Gemeente Kampen", "type": "gemeente"}`, f.token)
			var p struct {
				Status        int `json:"status"`
				InvalidParams []struct {
					Name string `json:"name"`
				} `json:"invalidParams"`
			}
			json.Unmarshal([]byte(read(other)), &p)
			if other.StatusCode != http.StatusUnprocessableEntity || other.Header.Get("Content-Type") != "application/problem+json" ||
				len(p.InvalidParams) != 1 || p.InvalidParams[0].Name != "Idempotency-Key" {
				t.Fatalf("same key, other body: %d %+v", other.StatusCode, p)
			}
			if n := f.orgCount("gemeente-kampen"); n != 0 {
				t.Fatalf("a reused key created %d organisations", n)
			}

			// Another caller with the same key and body gets its own
			// answer (the code is taken: 409), never the first one.
			them := f.login("uwv-beheerder")
			theirs := post("a1b2c3", body, them)
			if theirsBody := read(theirs); theirs.StatusCode != http.StatusConflict || theirs.Header.Get("Idempotent-Replayed") != "" || theirsBody == firstBody {
				t.Fatalf("another caller's key: %d %s", theirs.StatusCode, theirsBody)
			}

			bad := post(strings.Repeat("x", 256), body, f.token)
			if badBody := read(bad); bad.StatusCode != http.StatusBadRequest || !strings.Contains(badBody, `"Idempotency-Key"`) {
				t.Fatalf("a key too long: %d %s", bad.StatusCode, badBody)
			}

			// Many at once with one key: one organisation, no 5xx, each
			// answer the created one or "still running" (409).
			race := `{"code": "gemeente-deventer", "naam": "Gemeente Deventer", "type": "gemeente"}`
			var wg sync.WaitGroup
			var mu sync.Mutex
			statuses := map[int]int{}
			for range 8 {
				wg.Go(func() {
					r := post("race-1", race, f.token)
					mu.Lock()
					statuses[r.StatusCode]++
					mu.Unlock()
				})
			}
			wg.Wait()
			if statuses[http.StatusCreated] < 1 || statuses[http.StatusCreated]+statuses[http.StatusConflict] != 8 {
				t.Fatalf("concurrent duplicates answered %v", statuses)
			}
			if n := f.orgCount("gemeente-deventer"); n != 1 {
				t.Fatalf("%d organisations from concurrent duplicates, want 1", n)
			}

			// A create that failed on a storage fault kept nothing: its
			// retry with the same key creates once writes work again.
			restore := storetest.FailWrites(t, f.st)
			fault := `{"code": "gemeente-hattem", "naam": "Gemeente Hattem", "type": "gemeente"}`
			if r := post("after-fault", fault, f.token); r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
				t.Fatalf("create with a key on a read-only database: %d", r.StatusCode)
			}
			restore()
			f.clock.Advance(store.ProbeInterval)
			if r := post("after-fault", fault, f.token); r.StatusCode != http.StatusCreated {
				t.Fatalf("retry after the fault: %d %s", r.StatusCode, read(r))
			}
			if n := f.orgCount("gemeente-hattem"); n != 1 {
				t.Fatalf("%d organisations after the fault, want 1", n)
			}
		})
	}
}
