package auth

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestIdleTimeout logs a user in, then moves the clock: within the idle
// timeout the session holds and its last use is refreshed at most once a
// minute; past it the session ends.
func TestIdleTimeout(t *testing.T) {
	start := time.Now()
	clock := schakeltest.NewClock(start)
	st := storetest.OpenSQLite(t, schakeltest.NewClock(start))
	u := storetest.MustUser(t, st, "idle")
	sm := scs.New()
	sm.Codec = Codec{}
	sm.Store = st.Sessions()
	a := &Auth{Sessions: sm, Users: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), IdleTimeout: 30 * time.Minute, Clock: clock}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		if err := a.Login(r.Context(), u.ID); err != nil {
			t.Error(err)
		}
	})
	mux.HandleFunc("GET /wie", func(w http.ResponseWriter, r *http.Request) {
		if who := UserFrom(r.Context()); who != nil {
			io.WriteString(w, who.Name)
			return
		}
		io.WriteString(w, "niemand")
	})
	h := sm.LoadAndSave(a.LoadUser(mux))
	var cookie *http.Cookie
	do := func(method, path string) string {
		req := httptest.NewRequest(method, path, nil)
		if cookie != nil {
			req.AddCookie(cookie)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		for _, c := range w.Result().Cookies() {
			cookie = c
		}
		return w.Body.String()
	}
	seen := func() int64 {
		data, ok, err := st.Sessions().FindCtx(context.Background(), cookie.Value)
		if err != nil || !ok {
			t.Fatalf("session row: %v %v", ok, err)
		}
		_, values, err := Codec{}.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		return values[sessionSeenKey].(int64)
	}

	do("POST", "/login")
	if got := do("GET", "/wie"); got != u.Name {
		t.Fatalf("after login: %q", got)
	}
	first := seen()
	clock.Advance(30 * time.Second)
	do("GET", "/wie")
	if seen() != first {
		t.Fatal("last use rewritten within the minute")
	}
	clock.Advance(20 * time.Minute)
	if got := do("GET", "/wie"); got != u.Name {
		t.Fatalf("within the idle timeout: %q", got)
	}
	if seen() == first {
		t.Fatal("last use not refreshed after more than a minute")
	}
	clock.Advance(31 * time.Minute)
	if got := do("GET", "/wie"); got != "niemand" {
		t.Fatalf("past the idle timeout still logged in as %q", got)
	}
}
