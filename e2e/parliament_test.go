package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/store"
)

// buildDemoYear is the demo world with its year of activity, as
// `schakel serve --demo` starts it.
func buildDemoYear(ctx context.Context, st *store.Store, a *schakelapp.App) error {
	if err := buildDemoWorld(ctx, st, a); err != nil {
		return err
	}
	built, err := demo.BuildYear(ctx, st, demo.YearServices{Requests: a.Requests(), Brakes: a.Brakes(), Signals: a.Signals(), Assessments: a.Assessments()}, time.Now())
	if err == nil && !built {
		err = fmt.Errorf("nothing built")
	}
	if err != nil {
		return fmt.Errorf("year: %w", err)
	}
	return nil
}

// TestParliamentView follows a member of parliament's staff through the
// figures on a desktop — narrowing them to one ministry, then following a
// figure to the requests behind it — and a journalist on a phone reading
// the charts and the contact points; the yearly report's pages; every
// page passes axe at 1280 and 375 px.
func TestParliamentView(t *testing.T) {
	t.Parallel()
	a := newAppWith(t, buildDemoYear)

	a.open("/parlement")
	a.see(".bar-chart svg[role=img]")
	a.see("#tabel-per-ministerie tbody tr")
	total := a.text(".total-requests")
	if total == "" || total == "0" {
		a.fatal("the demo year shows no requests: %q", total)
	}
	a.choose("ministerie", "min-szw")
	a.clickOK(`form.filter-form button[type=submit]`)
	if q := eval[string](a, `location.search`); !strings.Contains(q, "ministerie=min-szw") {
		a.fatal("the filter did not narrow the view: %q", q)
	}
	rows := a.texts("#tabel-per-ministerie tbody th")
	if len(rows) != 1 || !strings.Contains(rows[0], "Sociale Zaken") {
		a.fatal("narrowed to SZW, the ministries are %q", rows)
	}
	a.clickOK(".total-open a")
	if p := eval[string](a, `location.pathname`); p != "/parlement/verzoeken" {
		a.fatal("the open figure leads to %q", p)
	}
	a.see("tr.item .addressee")
	a.see("tr.item .deadline time")

	// The yearly report: its page, the year's report in the site and the
	// files it offers.
	year := strconv.Itoa(time.Now().Year())
	a.open("/parlement")
	a.clickOK(`a[href="/parlement/staat-van-de-uitvoering"]`)
	a.see("main h1")
	a.open("/parlement/staat-van-de-uitvoering/" + year)
	a.see(`a[href$=".pdf"]`)

	for _, p := range []string{"/parlement", "/parlement?ministerie=min-szw", "/parlement/verzoeken?cijfer=open", "/kamercommissies",
		"/parlement/staat-van-de-uitvoering", "/parlement/staat-van-de-uitvoering/" + year, "/parlement/staat-van-de-uitvoering/" + year + ".html"} {
		a.checkAccessibility(p)
	}

	phone := a.otherBrowser()
	phone.phone()
	phone.open("/parlement")
	phone.see(".bar-chart svg[role=img]")
	phone.see("article.parliament-item .request-summary")
	phone.open("/kamercommissies")
	phone.wantText("main h1", "Kamercommissie")
}
