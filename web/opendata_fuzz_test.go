package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/alexedwards/scs/v2"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/opendata/opendatatest"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// FuzzFeedQuery sends any query and any file name to the feeds: the
// answer is a valid Atom feed or a 4xx problem naming what is wrong, never
// a 5xx.
func FuzzFeedQuery(f *testing.F) {
	clock := schakeltest.NewClock(storetest.Start)
	st := storetest.OpenSQLite(f, clock)
	storetest.MustOrganisation(f, st, "uwv", schakel.OrgExecutive)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sessions := scs.New()
	h, err := New(Handler{Directory: directory.New(st), Auth: &auth.Auth{Sessions: sessions, Users: st, Log: log}, Clock: clock, Log: log, BaseURL: "https://x.example"})
	if err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feeds/{file}", h.Feed)
	for _, seed := range [][2]string{{"knelpunten.atom", ""}, {"knelpunten.atom", "wet=BWBR0019057"}, {"noodremmen.atom", "wet=BWBR0019057"},
		{"voorstellen.atom", "organisatie=uwv&wet=BWBV0001234"}, {"x.atom", "organisatie=%00"}, {"casusprudentie.atom", "wet=&wet=1&organisatie=;"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, file, query string) {
		req, err := http.NewRequest("GET", "/feeds/x", nil)
		if err != nil {
			t.Skip()
		}
		req.URL.RawQuery = query
		req.SetPathValue("file", file)
		w := httptest.NewRecorder()
		h.Feed(w, req.WithContext(t.Context()))
		switch {
		case w.Code == 200:
			if _, err := opendatatest.ParseAtom(w.Body.Bytes()); err != nil {
				t.Fatalf("%q?%q: %v", file, query, err)
			}
		case w.Code == 400 || w.Code == 404:
			var p struct{ Status int }
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != w.Code {
				t.Fatalf("%q?%q: %d %s", file, query, w.Code, w.Body)
			}
		default:
			t.Fatalf("%q?%q: %d %s", file, query, w.Code, w.Body)
		}
	})
}
