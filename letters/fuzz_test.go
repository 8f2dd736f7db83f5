package letters_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/letters"
)

// FuzzLetter renders letters with arbitrary texts, addresses and numbers:
// HTML and PDF agree on whether the letter is valid, never panic, render
// the same bytes twice, keep markup out of the page, and leave a BSN
// written in a text out of both.
func FuzzLetter(f *testing.F) {
	f.Add("Terugvordering van het WIA-voorschot", "Het voorschot moet terug.", "steekproef", "UWV", "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=64", int64(125000000), int64(30000050), int64(1200), int64(1500), 14)
	f.Add("<script>alert(1)</script>", "a\x00b\r\nc\n\nd\xff", "≥ 5 ☃", "", "javascript:alert(1)", int64(-1), int64(0), int64(5), int64(1), -3)
	f.Add("", "€ é ë ï ‘’ “” – — …", "\u2011\u202f", "het Rijk.", "https://x.example/{schakel-nb}(a)\\b", int64(1<<62), int64(99), int64(0), int64(0), 0)
	f.Add(strings.Repeat("lang ", 300), strings.Repeat("x", 5000), "", "", "http://a", int64(5), int64(5), int64(0), int64(9), 1)
	f.Fuzz(func(t *testing.T, title, problem, method, borneBy, url string, once, yearly, low, high int64, signals int) {
		l := sample(2)
		k := &l.Knelpunten[0]
		k.Title = text(title)
		k.Problem = text(problem + " (BSN 111222333)")
		k.Citizens = schakel.Estimate{Low: low, High: high, Method: method}
		k.Cost = schakel.Cost{OnceCents: once, YearlyCents: yearly, BorneBy: borneBy}
		k.Signals = signals
		k.Rules[0].URL = url
		k.Precedents[0].Title = title

		var h1, h2, p1, p2 bytes.Buffer
		errH, errP := letters.HTML(&h1, l), letters.PDF(&p1, l)
		if (errH == nil) != (errP == nil) || (errH == nil) != (l.Validate() == nil) {
			t.Fatalf("HTML says %v, PDF says %v, Validate says %v", errH, errP, l.Validate())
		}
		if errH != nil {
			if h1.Len()+p1.Len() != 0 {
				t.Fatal("an invalid letter was written")
			}
			return
		}
		if letters.HTML(&h2, l) != nil || letters.PDF(&p2, l) != nil {
			t.Fatal("a second render failed")
		}
		if !bytes.Equal(h1.Bytes(), h2.Bytes()) || !bytes.Equal(p1.Bytes(), p2.Bytes()) {
			t.Fatal("two renders of one letter differ")
		}
		page := h1.String()
		if !utf8.ValidString(page) {
			t.Error("the page is not valid UTF-8")
		}
		if strings.Contains(page, "<script") || strings.Count(page, "<h1") != 1 {
			t.Errorf("the page has a script or not one h1")
		}
		if !strings.Contains(url, "111222333") && strings.Contains(page, "111222333") {
			t.Error("a BSN reached the page")
		}
		pdf := p1.Bytes()
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
			t.Error("the PDF is not framed as one")
		}
	})
}
