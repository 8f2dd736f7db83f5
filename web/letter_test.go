package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/calendar"
)

var letterLocation = regexp.MustCompile(`^/knelpuntenbrieven/(\d+)\?gedaan=verstuurd$`)

func TestLetterFlow(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		k1 := e.adopted("Voorschot terugvorderen knelt", "jci1.3:c:BWBR0019057&artikel=76")
		k2 := e.adopted("Herbeoordeling zonder gesprek", "jci1.3:c:BWBR0019057&artikel=41")
		board := e.as("uwv-bestuur")

		r := e.get(board, "/knelpuntenbrieven/nieuw")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, `form[method="get"][action="/knelpuntenbrieven/nieuw"] input#van[type="date"]`)
		wantNoSelector(t, r, `.letter-draft, main form[method="post"]`)

		today := calendar.New().Today(e.clock.Now())
		period := url.Values{"organisatie": {"uwv"}, "van": {today.AddDays(-7).String()}, "tot": {today.String()}}
		r = e.get(board, "/knelpuntenbrieven/nieuw?"+period.Encode())
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		if n := r.Count(t, ".draft-knelpunt"); n != 2 {
			t.Errorf("%d knelpunten in the draft, want 2", n)
		}
		wantContains(t, r, ".letter-draft .reference", "KB-uwv-2026-001")
		wantContains(t, r, ".letter-draft .ministry", e.ministry.Name)
		wantSelector(t, r, `form[method="post"][action="/knelpuntenbrieven"] input[type="hidden"][name="van"][value="`+period.Get("van")+`"]`)
		// A draft sends nothing.
		wantContains(t, e.get(e.client(), "/knelpuntenbrieven"), ".empty-state", "nog geen knelpuntenbrief")

		r = e.post(board, "/knelpuntenbrieven", period)
		wantStatus(t, r, http.StatusSeeOther)
		m := letterLocation.FindStringSubmatch(r.Header.Get("Location"))
		if m == nil {
			t.Fatalf("Location = %q", r.Header.Get("Location"))
		}
		path := "/knelpuntenbrieven/" + m[1]

		// The page is public, in both languages.
		for _, lang := range []string{"nl", "en"} {
			c := e.client()
			e.setLang(c, lang)
			r = e.get(c, path)
			wantStatus(t, r, http.StatusOK)
			checkPage(t, r, lang)
		}
		visitor := e.client()
		r = e.get(visitor, path+"?gedaan=verstuurd")
		wantContains(t, r, ".notice--ok", "verstuurd")
		wantContains(t, r, ".reference", "KB-uwv-2026-001")
		wantContains(t, r, ".period", "tot en met")
		wantContains(t, r, "main", "sha256sum")
		if n := r.Count(t, ".letter-knelpunt .no-answer"); n != 2 {
			t.Errorf("%d knelpunten without an answer, want 2", n)
		}
		wantContains(t, r, ".letter-knelpunt .no-answer", "Antwoord uiterlijk")

		// The documents are served byte for byte: their hash is the one
		// on the page.
		for _, doc := range []struct{ file, hashSel, contentType string }{
			{"brief.pdf", ".hash-pdf", "application/pdf"},
			{"brief.html", ".hash-html", "text/html; charset=utf-8"},
		} {
			href, ok := r.Doc(t).Find(`.letter-documents a[href="` + path + "/" + doc.file + `"]`).Attr("href")
			if !ok {
				t.Fatalf("no link to %s", doc.file)
			}
			d := e.get(visitor, href)
			wantStatus(t, d, http.StatusOK)
			sum := sha256.Sum256([]byte(d.Body))
			if got, want := hex.EncodeToString(sum[:]), r.Text(t, doc.hashSel); got != want || len(want) != 64 {
				t.Errorf("%s: SHA-256 of the body %s, the page shows %q", doc.file, got, want)
			}
			if ct := d.Header.Get("Content-Type"); ct != doc.contentType {
				t.Errorf("%s: Content-Type %q", doc.file, ct)
			}
			if got, want := d.Header.Get("Content-Length"), strconv.Itoa(len(d.Body)); got != want {
				t.Errorf("%s: Content-Length %s, body %s", doc.file, got, want)
			}
		}
		pdf := e.get(visitor, path+"/brief.pdf")
		if cd := pdf.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="knelpuntenbrief-`) || !strings.HasSuffix(cd, `.pdf"`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		if !strings.HasPrefix(pdf.Body, "%PDF-") {
			t.Error("the PDF does not start with %PDF-")
		}
		html := e.get(visitor, path+"/brief.html")
		csp := html.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %s", csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("CSP %q allows unsafe sources", csp)
		}
		for _, bad := range []string{path + "/brief.txt", path + "/brief", "/knelpuntenbrieven/999999/brief.pdf", "/knelpuntenbrieven/abc/brief.pdf", "/knelpuntenbrieven/999999"} {
			wantStatus(t, e.get(visitor, bad), http.StatusNotFound)
		}

		// The list shows it.
		r = e.get(visitor, "/knelpuntenbrieven")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantSelector(t, r, `table.letters th[scope="row"] a[href="`+path+`"]`)
		wantNoSelector(t, r, `a[href="/knelpuntenbrieven/nieuw"]`)
		wantSelector(t, e.get(board, "/knelpuntenbrieven"), `a[href="/knelpuntenbrieven/nieuw"]`)

		// The ministry answers one knelpunt on its page; the letter shows it.
		policy := e.as("szw-beleid")
		kp := knelpuntPath(k1.ID)
		r = e.get(policy, kp)
		wantStatus(t, r, http.StatusOK)
		wantSelector(t, r, `.rung--ministerie[aria-current="step"]`)
		wantLocation(t, e.post(policy, kp+"/antwoord", url.Values{"soort": {"comply"}, "wijzigingen": {"De wet wordt aangepast."}, "uiterlijk": {"2027-01-01"}}), kp+"?gedaan=beantwoord")
		r = e.get(visitor, path)
		wantContains(t, r, `.letter-knelpunt[data-id="`+strconv.FormatInt(k1.ID, 10)+`"] .answer--comply`, "De wet wordt aangepast.")
		wantContains(t, r, `.letter-knelpunt[data-id="`+strconv.FormatInt(k2.ID, 10)+`"] .no-answer`, "nog geen antwoord")

		// The same period again has nothing left to send.
		r = e.post(board, "/knelpuntenbrieven", period)
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, "van")
	})
}

func TestNewLetterAccess(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		wantLocation(t, e.get(e.client(), "/knelpuntenbrieven/nieuw"), "/inloggen")
		wantLocation(t, e.post(e.client(), "/knelpuntenbrieven", url.Values{"organisatie": {"uwv"}}), "/inloggen")
		for _, who := range []string{"uwv-professional", "uwv-coordinator", "szw-beleid"} {
			r := e.get(e.as(who), "/knelpuntenbrieven/nieuw")
			wantStatus(t, r, http.StatusForbidden)
			checkPage(t, r, "nl")
			wantStatus(t, e.post(e.as(who), "/knelpuntenbrieven", url.Values{"organisatie": {"uwv"}, "van": {"2026-01-01"}, "tot": {"2026-03-01"}}), http.StatusForbidden)
		}
		board := e.as("uwv-bestuur")
		for _, tc := range []struct {
			query string
			ids   []string
		}{
			{"organisatie=uwv&van=2026-01-01&tot=2026-03-01", []string{"van"}}, // nothing adopted
			{"organisatie=uwv&van=2026-02-30&tot=2026-03-01", []string{"van"}},
			{"organisatie=uwv&van=2026-03-01&tot=2026-01-01", []string{"tot"}},
			{"organisatie=uwv&van=&tot=", []string{"van", "tot"}},
		} {
			r := e.get(board, "/knelpuntenbrieven/nieuw?"+tc.query)
			wantStatus(t, r, http.StatusBadRequest)
			checkPage(t, r, "nl")
			wantErrorsAt(t, r, tc.ids...)
			wantNoSelector(t, r, ".letter-draft")
		}
		// Another organisation's letter is not the board's to send.
		r := e.get(board, "/knelpuntenbrieven/nieuw?organisatie=svb&van=2026-01-01&tot=2026-03-01")
		wantStatus(t, r, http.StatusForbidden)
		checkPage(t, r, "nl")
		wantSelector(t, r, ".conflict")
	})
}
