// Package documents is the home of what schakel generates for people
// outside the organisation: letters (the knelpuntenbrief, answers to
// parliament) and reports (the Staat van de Uitvoering). Its one rule is
// that text enters a document only through redaction: a Text is made by
// Redact or RedactIn, which replace personal data (package redact) and keep
// what they found for the reviewer, so no path renders text that did not
// pass them.
// The package is pure; the service that sends or publishes a document
// decides who reviews it (decision 0013).
package documents

import (
	"html/template"
	"io"

	"github.com/schakel-nl/schakel/redact"
)

// Text is text that has passed redaction. Its zero value is empty text.
type Text struct {
	text     string
	findings []redact.Finding
}

// Redact returns text with personal data replaced, the names of parties
// among it. It is RedactIn with a context of parties only; with
// RedactIn it is the only way to make a non-empty Text.
func Redact(text string, parties []string) Text {
	return RedactIn(text, redact.Context{Parties: parties})
}

// RedactIn returns text with personal data replaced as ctx redacts it: the
// names of ctx.Parties among it, and the names in ctx.Keep left standing
// (the sending organisation's own name, the ministry it writes to), which
// Redact without a context would replace as an organisation.
func RedactIn(text string, ctx redact.Context) Text {
	out, findings := ctx.Redact(text)
	return Text{text: out, findings: findings}
}

// String returns the redacted text.
func (t Text) String() string { return t.text }

// Findings returns what redaction replaced, in the original text's terms,
// for the reviewer.
func (t Text) Findings() []redact.Finding { return t.findings }

// Section is a part of a document: a heading and its paragraphs.
type Section struct {
	Heading    Text
	Paragraphs []Text
}

// Document is a letter or a report.
type Document struct {
	Title    Text
	Sections []Section
}

// Findings returns everything redaction replaced in the document, in
// reading order, for the reviewer.
func (d Document) Findings() []redact.Finding {
	out := append([]redact.Finding(nil), d.Title.findings...)
	for _, s := range d.Sections {
		out = append(out, s.Heading.findings...)
		for _, p := range s.Paragraphs {
			out = append(out, p.findings...)
		}
	}
	return out
}

var page = template.Must(template.New("document").Parse(`<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body>
<main>
<h1>{{.Title}}</h1>
{{range .Sections}}<section>
{{with .Heading.String}}<h2>{{.}}</h2>
{{end}}{{range .Paragraphs}}<p>{{.}}</p>
{{end}}</section>
{{end}}</main>
</body>
</html>
`))

// HTML writes the document as a page of its own, in Dutch, with its text
// escaped.
func (d Document) HTML(w io.Writer) error {
	return page.Execute(w, d)
}
