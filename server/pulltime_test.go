package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/opendata"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestPublicPullTimeToTheDay: the register page, the API and the open data
// show the pull time of an anonymous or protected brake only as its day
// (midnight, Europe/Amsterdam) — a moment could point to the one person on
// duty — and a named brake's moment itself, on every backend.
func TestPublicPullTimeToTheDay(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			cfg := config.Default()
			cfg.BaseURL = openBase
			clock := schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
			st := b.Open(t, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			if ok, err := demo.Build(ctx, st); err != nil || !ok {
				t.Fatalf("demo world: %v %v", ok, err)
			}
			srv, err := app.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
			if err != nil {
				t.Fatal(err)
			}
			// 23:47:13.5 in Amsterdam, whose midnight is 23:00 UTC the day before.
			clock.Advance(13*time.Hour + 47*time.Minute + 13*time.Second + 500*time.Millisecond)
			pulledAt := clock.Now()
			day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC).Add(-time.Hour) // midnight in Amsterdam (CET)
			puller := demoUser(t, st, "politie-professional")
			want := map[int64]time.Time{}
			for _, id := range []schakel.Identity{schakel.IdentityAnonymous, schakel.IdentityProtected, schakel.IdentityNamed} {
				p, err := srv.Brakes().Pull(ctx, puller, "203.0.113.7", brakes.PullInput{Level: schakel.LevelProfessional, Organisation: "politie", Identity: id,
					Concerned: "Aangifte alleen digitaal", RuleRefs: []string{"jci1.3:c:BWBR0001903&artikel=163"}, Subject: "Ouderen kunnen geen aangifte doen",
					Grounds: []schakel.Ground{{Principle: "gelijkheid", Text: "Wie niet digitaal is, kan geen aangifte doen."}}})
				if err != nil {
					t.Fatalf("pull %s: %v %v", id, err, schakel.ErrorFields(err))
				}
				want[p.Brake.RequestID] = day
				if id == schakel.IdentityNamed {
					want[p.Brake.RequestID] = pulledAt
				}
			}
			for id, at := range want {
				var got struct {
					PulledAt string `json:"getrokkenOp"`
					Events   []struct {
						Seq int
						At  string `json:"op"`
					} `json:"gebeurtenissen"`
				}
				w := get(t, srv, "/api/v1/noodremmen/"+strconv.FormatInt(id, 10))
				if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || w.Code != 200 {
					t.Fatalf("API %d: %d %v", id, w.Code, err)
				}
				if ts, _ := time.Parse(time.RFC3339Nano, got.PulledAt); !ts.Equal(at) {
					t.Errorf("API brake %d pulled at %s, want %s", id, got.PulledAt, at)
				}
				for _, ev := range got.Events {
					if ts, _ := time.Parse(time.RFC3339Nano, ev.At); ev.Seq == 1 && !ts.Equal(at) {
						t.Errorf("API brake %d: pull event at %s, want %s", id, ev.At, at)
					}
				}
				doc, err := goquery.NewDocumentFromReader(get(t, srv, "/noodremmen/"+strconv.FormatInt(id, 10)).Body)
				if err != nil {
					t.Fatal(err)
				}
				doc.Find("time[datetime]").Each(func(_ int, s *goquery.Selection) {
					if ts, _ := time.Parse(time.RFC3339, s.AttrOr("datetime", "")); at.Equal(day) && ts.Equal(pulledAt.Truncate(time.Second)) {
						t.Errorf("register page of %d shows the exact moment %s", id, s.AttrOr("datetime", ""))
					}
				})
				// A day is shown as a day, not as a made-up midnight.
				if first := doc.Find(".timeline__meta time").First().Text(); at.Equal(day) && strings.Contains(first, ":") {
					t.Errorf("register page of %d shows the pull as %q", id, first)
				}
			}
			for _, row := range downloadJSON(t, srv, opendata.Brakes) {
				id := int64(row["nummer"].(float64))
				at, ok := want[id]
				if !ok {
					continue
				}
				if ts, _ := time.Parse(time.RFC3339Nano, row["getrokkenOp"].(string)); !ts.Equal(at) {
					t.Errorf("open data brake %d pulled at %v, want %s", id, row["getrokkenOp"], at)
				}
				delete(want, id)
			}
			if len(want) != 0 {
				t.Errorf("brakes missing from the open data: %v", want)
			}
		})
	}
}
