package cases_test

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/store/storetest"
)

// words returns the set of words (runs of letters and digits) of s.
func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out[w] = true
	}
	return out
}

// FuzzCorrectOnlyHides: whatever a reviewer asks to redact and whatever
// the reason, a correction never shows a word the publication did not
// show before (only labels are added), and a refused one changes nothing.
func FuzzCorrectOnlyHides(f *testing.F) {
	for _, seed := range [][2]string{
		{"voorschot", "Te herkenbaar."},
		{"", "Nagekeken."},
		{"a", ""},
		{"[", "BSN 111222333"},
		{"klant kreeg", "Mevrouw Jansen uit Tilburg."},
		{"\xff", "\x00"},
	} {
		f.Add(seed[0], seed[1])
	}
	w := newWorld(f, storetest.OpenSQLite)
	labels := map[string]bool{}
	for _, k := range redact.Kinds() {
		for l := range words(k.Label()) {
			labels[l] = true
		}
	}
	f.Fuzz(func(t *testing.T, phrase, reason string) {
		ctx := context.Background()
		c := w.decided(t, advance, schakel.OutcomeMaatwerk, true)
		before, err := w.st.Precedent(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		after, err := w.svc.Correct(ctx, w.coord, c.ID, cases.CorrectInput{Redact: []string{phrase}, Reason: reason})
		if err != nil {
			stored, _ := w.st.Precedent(ctx, c.ID)
			if stored.Digest != before.Digest {
				t.Fatalf("a refused correction (%v) changed the publication", err)
			}
			return
		}
		old := words(before.Title + " " + before.Summary + " " + before.Intent + " " + before.Harm + " " + before.Explanation + " " + before.Weighings[0].How)
		for wd := range words(after.Title + " " + after.Summary + " " + after.Intent + " " + after.Harm + " " + after.Explanation + " " + after.Weighings[0].How) {
			if !old[wd] && !labels[wd] && strings.Trim(wd, "0123456789") != "" {
				t.Fatalf("the correction shows %q, which was not published: %q", wd, after.Summary)
			}
		}
	})
}
