package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/signals"
)

func TestLawFigures(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		visitor := e.client()
		r := e.get(visitor, "/wetten")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantNoSelector(t, r, "svg")
		wantSelector(t, r, ".empty-state")

		e.fileAs("uwv-professional", signalInput("WIA-voorschot terugvorderen", "jci1.3:c:BWBR0019057&artikel=76"))
		e.fileAs("uwv-professional", signalInput("Herbeoordeling zonder gesprek", "jci1.3:c:BWBR0019057&artikel=41"))
		e.fileAs("svb-professional", func() signals.FileInput {
			in := signalInput("AOW-gat bij emigratie", "jci1.3:c:BWBR0002221&artikel=13")
			in.Organisation = "svb"
			return in
		}())
		if _, err := e.sigs().RegisterPolicyRule(context.Background(), e.user("uwv-beheerder"), signals.PolicyRuleInput{Organisation: "uwv", Code: "BR-2024-12", Version: 1, Title: "Beleidsregel terugvordering voorschotten", URL: "https://www.uwv.nl/beleidsregels/br-2024-12"}); err != nil {
			t.Fatal(err)
		}
		e.fileAs("uwv-professional", signalInput("De beleidsregel over voorschotten", "beleidsregel:uwv/BR-2024-12"))

		for _, lang := range []string{"nl", "en"} {
			c := e.client()
			e.setLang(c, lang)
			r = e.get(c, "/wetten")
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, lang)
			wantSelector(t, r, `nav.main-nav a[href="/wetten"][aria-current="true"]`)
			// The chart: an image with a title and a description, a bar per law.
			wantSelector(t, r, `#grafiek-wetten svg[role="img"][aria-labelledby="grafiek-wetten-titel"][aria-describedby="grafiek-wetten-omschrijving"]`)
			wantSelector(t, r, `#grafiek-wetten .bar-chart__caption #grafiek-wetten-titel`)
			wantSelector(t, r, `#grafiek-wetten .bar-chart__caption #grafiek-wetten-omschrijving`)
			if n := r.Count(t, "svg rect"); n != 2 {
				t.Errorf("%d bars, want 2", n)
			}
			if w, _ := r.Doc(t).Find("svg rect").First().Attr("width"); w != "100.0%" {
				t.Errorf("the longest bar is %q wide", w)
			}
			if w, _ := r.Doc(t).Find("svg rect").Last().Attr("width"); w != "50.0%" {
				t.Errorf("the shorter bar is %q wide", w)
			}
			if lang == "en" {
				wantContains(t, r, "h1", "Where the law pinches most")
				wantContains(t, r, "#grafiek-wetten-titel", "Signals per law")
				wantContains(t, r, "table.law-figures thead", "Open answers")
			}
		}
		r = e.get(visitor, "/wetten")
		// The same figures as a table.
		if n := r.Count(t, `table.law-figures thead th[scope="col"]`); n != 8 {
			t.Errorf("%d column headers, want 8", n)
		}
		row := r.Doc(t).Find(`table.law-figures tr[data-key="wet:BWBR0019057"]`)
		if row.Length() != 1 {
			t.Fatalf("no row for the WIA: %s", r.Text(t, "table.law-figures"))
		}
		if href, _ := row.Find(`th[scope="row"] a`).First().Attr("href"); href != "/wetten/BWBR0019057" {
			t.Errorf("law links to %q", href)
		}
		cells := map[string]string{"signals": "2", "knelpunten": "2", "organisations": "1", "citizens": "200 tot 800", "cost-once": "€ 20.000", "cost-yearly": "€ 100.000", "open-answers": "0"}
		for class, want := range cells {
			if got := strings.TrimSpace(row.Find("td." + class).Text()); got != want {
				t.Errorf("%s = %q, want %q", class, got, want)
			}
		}
		wantSelector(t, r, `table.law-figures tr[data-key="wet:BWBR0002221"]`)
		wantSelector(t, r, `table.policy-figures th[scope="row"] a[href="https://www.uwv.nl/beleidsregels/br-2024-12"]`)
		wantContains(t, r, `table.policy-figures tbody tr`, "Beleidsregel terugvordering voorschotten (beleidsregel BR-2024-12, uwv)")

		// One law, per article.
		r = e.get(visitor, "/wetten/BWBR0019057")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, `.law-source a[href="https://wetten.overheid.nl/BWBR0019057/"]`)
		wantSelector(t, r, `svg[role="img"][aria-labelledby="grafiek-artikelen-titel"]`)
		wantSelector(t, r, `table.article-figures th[scope="row"] a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=76"]`)
		wantSelector(t, r, `table.article-figures th[scope="row"] a[href="https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=41"]`)
		wantContains(t, r, ".law-summary .signals", "2")
		wantSelector(t, r, "#knelpunten + .empty-state")
		for _, bad := range []string{"/wetten/BWBR0000001", "/wetten/BWBR123", "/wetten/abc", "/wetten/bwbr0019057"} {
			wantStatus(t, e.get(visitor, bad), http.StatusNotFound)
		}

		// A knelpunt that went to the ministry shows with its answer.
		k := e.adopted("Voorschot na te laat besluit", "jci1.3:c:BWBR0019057&artikel=76")
		e.sendLetter()
		r = e.get(visitor, "/wetten/BWBR0019057")
		wantSelector(t, r, `.law-knelpunt[data-id="`+strconv.FormatInt(k.ID, 10)+`"] a[href="`+knelpuntPath(k.ID)+`"]`)
		wantContains(t, r, ".law-knelpunt .no-answer", "nog geen antwoord")
		wantContains(t, r, ".law-summary .open-answers", "1")
		e.answer("szw-beleid", k.ID, "explain")
		r = e.get(visitor, "/wetten/BWBR0019057")
		wantContains(t, r, ".law-knelpunt .answer--explain", "De wet laat geen ruimte.")
		e.setLang(visitor, "en")
		r = e.get(visitor, "/wetten/BWBR0019057")
		checkPage(t, r, "en")
		wantContains(t, r, ".law-knelpunt .answer--explain", "Answer of the ministry")
	})
}
