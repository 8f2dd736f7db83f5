package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/reports"
)

// reportEnv is the small world of newEnv with the pages of the yearly
// report, routed as server/routes.go routes them.
func reportEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t, false)
	e.h.Reports = reports.New(figures.New(e.st), cases.New(e.st, e.clock), e.st, "https://schakel.example.nl").WithClock(e.clock)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /parlement/staat-van-de-uitvoering", e.h.Serve(e.h.ReportList))
	mux.HandleFunc("GET /parlement/staat-van-de-uitvoering/{jaar}", e.h.Serve(e.h.ReportYear))
	mux.HandleFunc("GET /taal/{taal}", e.h.Serve(e.h.SetLanguage))
	mux.HandleFunc("/", e.h.NotFound)
	e.srv.Close()
	e.srv = httptest.NewServer(e.h.Auth.Sessions.LoadAndSave(e.h.Auth.LoadUser(mux)))
	t.Cleanup(e.srv.Close)
	return e
}

func hexSHA(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestReportPages(t *testing.T) {
	e := reportEnv(t)
	year := e.h.Reports.Today().Year()
	base := "/parlement/staat-van-de-uitvoering"
	y := base + "/" + strconv.Itoa(year)

	// Nothing recorded: the list says so, the year's page is made now.
	for _, lang := range []string{"nl", "en"} {
		c := e.client()
		e.setLang(c, lang)
		r := e.get(c, base)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, lang)
		wantSelector(t, r, `.report-years li[data-year="`+strconv.Itoa(year)+`"] a[href="`+y+`"]`)
		wantSelector(t, r, ".empty-state")
		r = e.get(c, y)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, lang)
		wantSelector(t, r, ".report-live")
		wantSelector(t, r, `.report-documents a.download-pdf[href="`+y+`.pdf"]`)
		wantNoSelector(t, r, ".report-hashes")
		if lang == "en" {
			wantContains(t, r, "h1", "State of Public Service Delivery")
		}
	}
	live := e.get(e.client(), y+".html")
	wantStatus(t, live, http.StatusOK)
	if !strings.Contains(live.Body, "<svg") || !strings.Contains(live.Header.Get("Content-Security-Policy"), "style-src 'sha256-") {
		t.Fatalf("the live HTML: %s\n%s", live.Header, live.Body[:min(200, len(live.Body))])
	}
	pdf := e.get(e.client(), y+".pdf")
	if !strings.HasPrefix(pdf.Body, "%PDF-") || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("the live PDF: %v", pdf.Header)
	}

	// Recorded: the files served hash to the record.
	ctx := context.Background()
	g, err := e.h.Reports.Generate(ctx, year, calendar.Date{})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := e.h.Reports.Publish(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(36 * 60 * 60e9) // the data the page would make now no longer matter
	r := e.get(e.client(), base)
	row := `tr.report-record[data-year="` + strconv.Itoa(year) + `"][data-cutoff="` + rec.Cutoff.String() + `"]`
	wantSelector(t, r, row)
	wantContains(t, r, row+" code.hash-pdf", rec.PDFSHA256[:16])
	r = e.get(e.client(), y)
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantNoSelector(t, r, ".report-live")
	if got := strings.ReplaceAll(r.Text(t, ".report-hashes code.hash-pdf"), " ", ""); got != rec.PDFSHA256 {
		t.Errorf("the page gives the PDF's SHA-256 as %q, want %q", got, rec.PDFSHA256)
	}
	for _, f := range []struct{ link, want string }{{".download-pdf", rec.PDFSHA256}, {".download-html", rec.HTMLSHA256}} {
		href, _ := r.Doc(t).Find(".report-documents a" + f.link).Attr("href")
		file := e.get(e.client(), href)
		wantStatus(t, file, http.StatusOK)
		if got := hexSHA(file.Body); got != f.want {
			t.Errorf("%s hashes to %s, the record says %s", href, got, f.want)
		}
		if !strings.HasPrefix(file.Header.Get("Repr-Digest"), "sha-256=:") {
			t.Errorf("%s has no Repr-Digest", href)
		}
	}
	for _, path := range []string{base + "/1999", base + "/" + strconv.Itoa(year+1), y + ".doc", y + "x", base + "/0" + strconv.Itoa(year), y + "?peildatum=2000-01-01", y + ".pdf?peildatum=morgen"} {
		if r := e.get(e.client(), path); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, r.StatusCode)
		}
	}
}
