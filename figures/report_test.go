package figures_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/reports"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestReportByHand: the yearly report of the fixed world, made as of the
// day the view is read, carries the figures computed by hand in
// TestFiguresByHand — the key figures, comply and explain per ministry,
// the answer times per kind against the term, the held-back
// organisation, the open returned assignment with its due date — on both
// stores.
func TestReportByHand(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newFixedWorld(t, b.Open)
			ctx := context.Background()
			svc := reports.New(w.svc, cases.New(w.st, w.clock), w.st, "https://schakel.example").WithClock(w.clock)
			g, err := svc.Generate(ctx, 2026, calendar.DateFromTime(w.clock.Now()))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(g.HTML))
			if err != nil {
				t.Fatal(err)
			}
			row := func(caption, head string) []string {
				t.Helper()
				var cells []string
				doc.Find("table").EachWithBreak(func(_ int, tbl *goquery.Selection) bool {
					if !strings.HasPrefix(strings.TrimSpace(tbl.Find("caption").Text()), caption) {
						return true
					}
					tbl.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
						if strings.TrimSpace(tr.Find("th").Text()) == head {
							tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
						}
					})
					return cells == nil
				})
				if cells == nil {
					t.Fatalf("no row %q in the table %q", head, caption)
				}
				return cells
			}
			want := func(caption, head string, cells ...string) {
				t.Helper()
				if got := row(caption, head); strings.Join(got, "|") != strings.Join(cells, "|") {
					t.Errorf("%s / %s: %q, want %q", caption, head, got, cells)
				}
			}
			// Ten requests (SVB's four citizens' brakes held back), three
			// open and overdue, seven answered: three comply, one in part,
			// three explain, six in time; one escalated; brakes 5 + 3 + 2.
			for head, n := range map[string]string{"Verzoeken": "10", "Nog open": "3", "Te laat en nog open": "3", "Beantwoord": "7", "Pas toe": "3",
				"Deels": "1", "Leg uit": "3", "Op tijd beantwoord": "6", "Termijn gemist": "0", "Geëscaleerd": "1", "Noodremmen": "10"} {
				want("Kerncijfers 2026", head, n)
			}
			// SZW: 5 answered, 3 comply, 2 explain (60 %); JenV: 2 answered,
			// 1 in part, 1 explain.
			want("Pas toe of leg uit per ministerie", "Ministerie van SZW", "5", "3", "0", "2", "60%")
			want("Pas toe of leg uit per ministerie", "Ministerie van JenV", "2", "0", "1", "1", "0%")
			// Citizens' brakes (UWV's five): median 5 days, 90th percentile
			// 45, three of four in time.
			want("Termijnen per soort verzoek", "Noodrem burger", "6 weken (max. 42 dagen)", "5", "45", "75%", "0", "0")
			// The returned assignments: UWV's still open, due and late;
			// SVB's answered.
			if uwv := row("Teruggegeven opdrachten", "UWV"); len(uwv) != 4 || uwv[0] != "Ministerie van SZW" || !strings.HasSuffix(uwv[3], "2026 (te laat)") {
				t.Errorf("UWV's open returned assignment: %q", uwv)
			}
			if svb := row("Teruggegeven opdrachten", "SVB"); len(svb) != 4 || svb[3] != "–" {
				t.Errorf("SVB's answered returned assignment: %q", svb)
			}
			text := doc.Text()
			for _, s := range []string{"Bij 1 organisatie zijn noodremmen van burgers daarom niet meegeteld.", "UWV", "SVB"} {
				if !strings.Contains(text, s) {
					t.Errorf("the report does not say %q", s)
				}
			}
		})
	}
}
