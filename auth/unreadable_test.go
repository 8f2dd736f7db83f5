package auth

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestUnreadableUserIsNotAnonymous logs a user in and then makes their row
// unreadable (the table renamed, as good as a database that answers the
// session but not the user): the request ends with 503 and Retry-After
// through Fail, never as an anonymous request that would answer a
// logged-in person "not logged in". Once the user reads again, the
// session holds. On both stores.
func TestUnreadableUserIsNotAnonymous(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			clock := schakeltest.NewClock(time.Now())
			st := b.Open(t, clock)
			u := storetest.MustUser(t, st, "onleesbaar")
			sm := scs.New()
			sm.Codec = Codec{}
			sm.Store = st.Sessions()
			var failed error
			a := &Auth{Sessions: sm, Users: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Clock: clock,
				Fail: func(w http.ResponseWriter, r *http.Request, err error) {
					failed = err
					w.Header().Set("Retry-After", "30")
					w.WriteHeader(http.StatusServiceUnavailable)
				}}
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
				w.WriteHeader(http.StatusUnauthorized)
			})
			h := sm.LoadAndSave(a.LoadUser(mux))
			var cookie *http.Cookie
			do := func(method, path string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(method, path, nil)
				if cookie != nil {
					req.AddCookie(cookie)
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				for _, c := range w.Result().Cookies() {
					cookie = c
				}
				return w
			}
			do("POST", "/login")
			if w := do("GET", "/wie"); w.Code != http.StatusOK || w.Body.String() != u.Name {
				t.Fatalf("after login: %d %q", w.Code, w.Body.String())
			}
			if _, err := st.DB().Exec("ALTER TABLE users RENAME TO users_away"); err != nil {
				t.Fatal(err)
			}
			w := do("GET", "/wie")
			if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
				t.Fatalf("user unreadable: %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
			}
			if schakel.ErrorCode(failed) != schakel.EUNAVAILABLE || schakel.ErrorMessage(failed) != MsgSessionUnreadable {
				t.Fatalf("Fail got %v (code %q), want EUNAVAILABLE with %q", failed, schakel.ErrorCode(failed), MsgSessionUnreadable)
			}
			if _, err := st.DB().Exec("ALTER TABLE users_away RENAME TO users"); err != nil {
				t.Fatal(err)
			}
			if w := do("GET", "/wie"); w.Code != http.StatusOK || w.Body.String() != u.Name {
				t.Fatalf("user readable again: %d %q, want the session to hold", w.Code, w.Body.String())
			}
		})
	}
}
