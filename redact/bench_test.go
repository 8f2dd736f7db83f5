package redact

import (
	"strings"
	"testing"
)

// BenchmarkRedact redacts the corpus's texts joined into one text of at
// least 1 MB, with the parties of a typical case (three).
func BenchmarkRedact(b *testing.B) {
	snips := loadCorpus(b)
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, sn := range snips {
			sb.WriteString(sn.text)
			sb.WriteString("\n\n")
		}
	}
	text := sb.String()
	parties := []string{"Annie de Boer", "Daan de Vries", "Mirjam de Vries"}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Redact(text, parties)
	}
}

// BenchmarkRedactSnippets redacts every snippet of the corpus on its own,
// with its own parties, as a page does for each text of a case: this
// includes what each call costs apart from its text.
func BenchmarkRedactSnippets(b *testing.B) {
	snips := loadCorpus(b)
	n := 0
	for _, sn := range snips {
		n += len(sn.text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, sn := range snips {
			Redact(sn.text, sn.parties)
		}
	}
}
