package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/store/storetest"
)

// FuzzAssessmentForm posts arbitrary delivery forms as UWV's board and
// arbitrary answer forms as the minister, each with arbitrary bytes after
// it: the answer is a delivered or answered assessment, or a clear
// refusal — never a server error — and nothing is stored on a refusal.
// After a success the next input gets a fresh assessment.
func FuzzAssessmentForm(f *testing.F) {
	site := startAssessmentSite(f, storetest.OpenSQLite)
	ctx := context.Background()
	svc := site.h.Assessments
	fresh := func(tb testing.TB, deliver bool) *schakel.Assessment {
		tb.Helper()
		in := proposalInput("Geen terugvordering van het WIA-voorschot")
		in.PlannedEntry = calendar.MustParseDate("2027-01-01")
		p, err := svc.Register(ctx, site.users["szw-beleid"], in)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := svc.RequestAssessments(ctx, site.users["szw-beleid"], p.ID, assessments.RequestInput{Organisations: []string{"uwv"}}); err != nil {
			tb.Fatal(err)
		}
		as, err := site.st.Assessments(ctx, p.ID)
		if err != nil || len(as) != 1 {
			tb.Fatalf("assessments %v, %v", as, err)
		}
		if !deliver {
			return as[0]
		}
		a, err := svc.Deliver(ctx, site.users["uwv-bestuur"], as[0].ID, deliverInput())
		if err != nil {
			tb.Fatal(err)
		}
		return a
	}
	owed, delivered := fresh(f, false), fresh(f, true)
	board := loginClient(f, site.srv.URL, site.users["uwv-bestuur"].ID)
	minister := loginClient(f, site.srv.URL, site.users["szw-minister"].ID)

	f.Add(false, "uitvoerbaar-onder-voorwaarden", "1.250.000", "2,5", "2026-09-01", "Het ministerie betaalt.", "ja", "")
	f.Add(true, "", "", "", "", answerText(0), "ja", "")
	f.Add(false, "", "", "", "", "", "", "")
	f.Add(true, "", "", "", "", "", "", "")
	f.Add(false, "misschien", "€ 99999999999999,99", "2,55", "2026-02-30", strings.Repeat("é", 5000), "x", "effecten[0].richting=zijwaarts&effecten[0].burgers=-1")
	f.Add(false, "niet-uitvoerbaar", "-1", "-0,5", "9999-12-31", "\x00\xff", "", "conflicten[0].beginsel=bestaat-niet&conflicten[1].beginsel=evenredigheid&%zz")
	f.Add(true, "", "", "", "", "Te kort.", "nee", "aanvaard.onbekend=ja&antwoorden.onbekend="+url.QueryEscape(answerText(3)))
	f.Add(true, "", "", "", "", answerText(1), "misschien", "antwoorden.voorwaarde-1="+url.QueryEscape(answerText(1)))
	f.Add(false, "uitvoerbaar", "1.2.3", "1.000.000", "2026-01-01", "", "", "voorwaarden[0]=&alternatieven[0]=x&dilemmas[2]=y&start=2026-06-01")
	f.Fuzz(func(t *testing.T, answer bool, verdict, cost, fte, start, text, accept, raw string) {
		var form url.Values
		var c *http.Client
		var a *schakel.Assessment
		var path string
		if answer {
			a, c, path = delivered, minister, assessmentPath(delivered.ID)+"/antwoord"
			form = answerForm(a, func(v url.Values) {
				v.Set("antwoorden.oordeel", text)
				v.Set("aanvaard.oordeel", accept)
			})
		} else {
			a, c, path = owed, board, assessmentPath(owed.ID)+"/oordeel"
			form = validDelivery(func(v url.Values) {
				v.Set("oordeel", verdict)
				v.Set("kosten.eenmalig", cost)
				v.Set("kosten.fteEenmalig", fte)
				v.Set("start", start)
				v.Set("voorwaarden[0]", text)
			})
		}
		payload := form.Encode()
		if raw != "" {
			payload += "&" + raw
		}
		req, err := http.NewRequest("POST", site.srv.URL+path, strings.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		after, err := svc.Assessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch resp.StatusCode {
		case http.StatusSeeOther:
			want := schakel.AssessmentDelivered
			if answer {
				want = schakel.AssessmentAnswered
			}
			if after.State != want {
				t.Fatalf("303, yet the assessment is %s for %q", after.State, payload)
			}
			if answer {
				delivered = fresh(t, true)
			} else {
				owed = fresh(t, false)
			}
			return
		case http.StatusBadRequest, http.StatusConflict:
		default:
			t.Fatalf("status %d for %q:\n%s", resp.StatusCode, payload, b)
		}
		if after.State != a.State || len(after.Answers) != 0 || !after.DeliveredAt.Equal(a.DeliveredAt) {
			t.Fatalf("status %d, yet the assessment changed to %s with %d answers for %q", resp.StatusCode, after.State, len(after.Answers), payload)
		}
	})
}
