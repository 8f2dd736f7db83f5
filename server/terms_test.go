package server_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestTermsReload: the engine sees terms stored before the server started,
// and terms another instance stores once it reloads, by ReloadTerms or by
// the periodic RunTermReloader.
func TestTermsReload(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	st := storetest.OpenSQLite(t, schakeltest.NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)))
	uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
	set := func(typ schakel.RequestType, answer string) {
		t.Helper()
		if err := st.SetTerms(ctx, &schakel.TermSetting{OrganisationID: uwv.ID, Type: typ, Answer: calendar.MustParseTerm(answer)}); err != nil {
			t.Fatal(err)
		}
	}
	set(schakel.TypeGeneral, "P2W")
	srv, err := app.New(&cfg, st, schakel.SystemClock{}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	terms := srv.Requests().Engine.Terms
	answer := func(typ schakel.RequestType) string { return terms(uwv.ID, typ).Answer.String() }
	if got := answer(schakel.TypeGeneral); got != "P2W" {
		t.Fatalf("at start: %s, want the stored P2W", got)
	}
	if got := terms(uwv.ID+1, schakel.TypeGeneral); got != comply.DefaultTerms[schakel.TypeGeneral] {
		t.Fatalf("other organisation: %+v, want the defaults", got)
	}

	// Another instance changes the terms: seen after a reload.
	set(schakel.TypeComplaint, "P3W")
	if got := answer(schakel.TypeComplaint); got != "P6W" {
		t.Fatalf("before reload: %s, want the default P6W", got)
	}
	if err := srv.ReloadTerms(ctx); err != nil {
		t.Fatal(err)
	}
	if got := answer(schakel.TypeComplaint); got != "P3W" {
		t.Fatalf("after reload: %s, want P3W", got)
	}

	// And by the periodic reloader.
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { srv.RunTermReloader(rctx, 10*time.Millisecond); close(done) }()
	if err := st.DeleteTerms(ctx, uwv.ID, schakel.TypeGeneral, 0); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for answer(schakel.TypeGeneral) != "P6W" {
		if time.Now().After(deadline) {
			t.Fatal("the periodic reload did not restore the default")
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	<-done
}
