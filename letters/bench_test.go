package letters_test

import (
	"io"
	"testing"

	"github.com/schakel-nl/schakel/letters"
)

// BenchmarkLetter50 renders a letter of 50 knelpunten of realistic length
// (each about 1,500 characters of text, two rules, two values in conflict,
// a precedent): as HTML, as PDF, and both as the board's service does when
// it sends the letter.
func BenchmarkLetter50(b *testing.B) {
	l := sample(50)
	b.Run("html", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := letters.HTML(io.Discard, l); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := letters.PDF(io.Discard, l); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("both", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := letters.HTML(io.Discard, l); err != nil {
				b.Fatal(err)
			}
			if err := letters.PDF(io.Discard, l); err != nil {
				b.Fatal(err)
			}
		}
	})
}
