// Package letters renders the knelpuntenbrief: the letter in which the
// board of an executive organisation sends the knelpunten it adopted in a
// period to its principal ministry (PRODUCT.md C5), as an HTML page (HTML)
// and as a PDF (PDF) with the same content.
//
// Text enters a letter redacted. The free texts of a knelpunt are
// documents.Text, which the caller made with documents.Redact or
// documents.RedactIn and the parties of the cases behind it; the few plain
// strings that a person types (how citizens were counted, who bears the
// cost, the titles of rules, principles and precedents, the salutation and
// the closing) are redacted here, keeping the sender's and the addressee's
// names. Only identifiers are rendered as given: the reference, the names
// of sender and addressee, and the web addresses.
//
// The package is pure: it writes to the io.Writer it is given and nothing
// else, reads no clock and iterates no map, so the same Letter renders to
// the same bytes every time — the PDF included, whose dates are the
// letter's date. A letter that was sent can therefore be rendered again and
// checked against the SHA-256 in the public record.
package letters

import (
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/redact"
)

// Letter is a knelpuntenbrief: who sends it to whom, under which reference
// and date, and the knelpunten the board adopted in the period.
type Letter struct {
	// Reference is the letter's kenmerk, e.g. "UWV/BST/2026/0012".
	Reference string
	// Date is the date of the letter; the PDF's creation date is this day
	// at 00:00 UTC.
	Date    calendar.Date
	Subject documents.Text
	// Sender is the name of the organisation, e.g. "UWV".
	Sender string
	// Addressee is the principal ministry, e.g. "Ministerie van Sociale
	// Zaken en Werkgelegenheid".
	Addressee string
	// PeriodFrom and PeriodTo are the first and the last day (inclusive)
	// of the period in which the board adopted the knelpunten.
	PeriodFrom, PeriodTo calendar.Date
	Knelpunten           []Knelpunt
	// AnswerTerm is the legal term within which the ministry answers each
	// knelpunt; the zero Term leaves it unnamed ("binnen de wettelijke
	// termijn").
	AnswerTerm calendar.Term
	// AnswerBy is the last day of that term, or the zero Date.
	AnswerBy calendar.Date
	// Salutation opens the letter; empty means "Geachte minister,".
	Salutation string
	// Closing signs the letter, e.g. "Het bestuur van UWV"; empty means
	// "Het bestuur van " and the sender.
	Closing string
}

// Knelpunt is one knelpunt of a letter: the rules it is about, what goes
// wrong and for whom, what would solve it, at what cost, and the public
// values in conflict.
type Knelpunt struct {
	Title documents.Text
	// Rules are the law articles and policy rules the knelpunt is about.
	Rules []Rule
	// Problem says what goes wrong.
	Problem documents.Text
	// Group says for whom: the citizens affected, as a group.
	Group documents.Text
	// Citizens estimates how many citizens are affected and how that was
	// estimated.
	Citizens schakel.Estimate
	// Signals is the number of professionals' signals behind the knelpunt.
	Signals  int
	Solution schakel.Solution
	// Proposal says what should change.
	Proposal documents.Text
	Cost     schakel.Cost
	// Conflicts are the public values in conflict, each with its grounds.
	Conflicts []Conflict
	// Precedents link to the published, redacted cases that show the
	// knelpunt.
	Precedents []Link
	// URL is the knelpunt's public page, or empty.
	URL string
}

// Rule is a law provision or a policy rule with its public text, e.g.
// {"Wet WIA, artikel 64", "https://wetten.overheid.nl/jci1.3:c:BWBR0019057&artikel=64"}.
// URL may be empty for a rule without a public page.
type Rule struct {
	Label, URL string
}

// Conflict is a public value (a principle of good governance) that the
// rule brings into conflict, with the grounds.
type Conflict struct {
	// Principle is the principle's name, e.g. "Evenredigheid".
	Principle string
	Grounds   documents.Text
}

// Link is a titled web address, e.g. of a published precedent.
type Link struct {
	Title, URL string
}

// Validate reports every field of l that keeps it from being rendered, at
// once, as a *schakel.Error with code EINVALID: a reference, date, subject,
// sender, addressee and period are required, the period must not end
// before it starts, there must be at least one knelpunt, each with a title,
// a known solution, counts that are not negative and an estimate whose
// low end is not above its high end, and every web address must be an
// absolute http or https address.
func (l Letter) Validate() error {
	var fs []schakel.FieldError
	add := func(field, code, format string, args ...any) {
		fs = append(fs, schakel.FieldError{Field: field, Code: code, Format: format, Args: args})
	}
	required := func(field, value, what string) {
		if strings.TrimSpace(value) == "" {
			add(field, "required", "Vul %s in.", what)
		}
	}
	required("kenmerk", l.Reference, "het kenmerk")
	required("onderwerp", l.Subject.String(), "het onderwerp")
	required("afzender", l.Sender, "de afzender")
	required("geadresseerde", l.Addressee, "de geadresseerde")
	if l.Date.IsZero() {
		add("datum", "required", "Vul de datum van de brief in.")
	}
	switch {
	case l.PeriodFrom.IsZero() || l.PeriodTo.IsZero():
		add("periode", "required", "Vul de eerste en de laatste dag van de periode in.")
	case l.PeriodTo.Before(l.PeriodFrom):
		add("periode", "order", "De periode eindigt voordat zij begint.")
	}
	if l.AnswerTerm != (calendar.Term{}) && l.AnswerTerm.Validate() != nil {
		add("antwoordtermijn", "invalid", "De antwoordtermijn is geen geldige termijn.")
	}
	if len(l.Knelpunten) == 0 {
		add("knelpunten", "required", "Een knelpuntenbrief bevat minstens één knelpunt.")
	}
	for i, k := range l.Knelpunten {
		fs = append(fs, k.validate("knelpunten["+itoa(int64(i))+"]")...)
	}
	if len(fs) == 0 {
		return nil
	}
	return &schakel.Error{Code: schakel.EINVALID, Message: "De knelpuntenbrief is niet volledig.", Fields: fs}
}

// validate returns the invalid fields of k, named under prefix.
func (k Knelpunt) validate(prefix string) []schakel.FieldError {
	var fs []schakel.FieldError
	add := func(field, code, format string, args ...any) {
		fs = append(fs, schakel.FieldError{Field: prefix + "." + field, Code: code, Format: format, Args: args})
	}
	if strings.TrimSpace(k.Title.String()) == "" {
		add("titel", "required", "Geef het knelpunt een titel.")
	}
	if !k.Solution.Valid() {
		add("oplossing", "invalid", "Kies een oplossing: wet, beleidsregel, uitvoering of maatwerkruimte.")
	}
	if k.Signals < 0 {
		add("signalen", "negative", "Het aantal signalen kan niet negatief zijn.")
	}
	if c := k.Citizens; c.Low < 0 || c.High < 0 || c.Low > c.High {
		add("burgers", "range", "Geef het aantal burgers als een bereik van laag naar hoog, niet negatief.")
	}
	if k.Cost.OnceCents < 0 || k.Cost.YearlyCents < 0 {
		add("kosten", "negative", "De kosten kunnen niet negatief zijn.")
	}
	check := func(field, u string, optional bool) {
		if (u != "" || !optional) && !webAddress(u) {
			add(field, "url", "%q is geen webadres dat met http:// of https:// begint.", u)
		}
	}
	check("url", k.URL, true)
	for i, r := range k.Rules {
		check("regels["+itoa(int64(i))+"].url", r.URL, true)
	}
	for i, p := range k.Precedents {
		check("precedenten["+itoa(int64(i))+"].url", p.URL, false)
	}
	return fs
}

// webAddress reports whether u is an absolute http or https address with
// a host and nothing that could break out of an attribute or a PDF string.
func webAddress(u string) bool {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return false
	}
	return !strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '"' || r == '<' || r == '>' || r == '\\' })
}

// Findings returns what redaction replaced in the letter, in reading
// order, for the reviewer: what the caller's redaction of the texts found,
// and what the letter's own redaction of its plain strings finds. The
// offsets of each finding are into the text it was found in.
func (l Letter) Findings() []redact.Finding {
	ctx := l.context()
	var out []redact.Finding
	text := func(t documents.Text) { out = append(out, t.Findings()...) }
	plain := func(s string) {
		_, fs := ctx.Redact(s)
		out = append(out, fs...)
	}
	text(l.Subject)
	plain(l.Salutation)
	for _, k := range l.Knelpunten {
		text(k.Title)
		for _, r := range k.Rules {
			plain(r.Label)
		}
		text(k.Problem)
		text(k.Group)
		plain(k.Citizens.Method)
		text(k.Proposal)
		plain(k.Cost.BorneBy)
		for _, c := range k.Conflicts {
			plain(c.Principle)
			text(c.Grounds)
		}
		for _, p := range k.Precedents {
			plain(p.Title)
		}
	}
	plain(l.Closing)
	return out
}

// context is how the letter redacts its plain strings: no parties (those
// belong to the cases, whose texts the caller redacted), and the sender
// and addressee kept.
func (l Letter) context() redact.Context {
	return redact.Context{Keep: []string{l.Sender, l.Addressee}}
}

// Filename returns a safe file name for the letter with extension ext
// ("pdf" or ".pdf"): "knelpuntenbrief-" and the reference with every
// character other than an ASCII letter, digit or underscore replaced by a
// hyphen, e.g. "knelpuntenbrief-UWV-BST-2026-0012.pdf". Without a usable
// reference the letter's date stands in; the name never holds a path
// separator, never starts with a dot and is at most about 100 bytes long.
func Filename(l Letter, ext string) string {
	name := "knelpuntenbrief"
	if s := slug(l.Reference, 80); s != "" {
		name += "-" + s
	} else if !l.Date.IsZero() {
		name += "-" + slug(l.Date.String(), 16)
	}
	if e := strings.ToLower(slug(strings.TrimLeft(ext, "."), 10)); e != "" {
		name += "." + strings.ReplaceAll(e, "-", "")
	}
	return name
}

// slug keeps the ASCII letters, digits and underscores of s, turns every
// run of other characters into one hyphen, trims hyphens from both ends
// and cuts the result to at most max bytes.
func slug(s string, max int) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		if r < 0x80 && (r == '_' || 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			if b.Len() >= max {
				break
			}
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return strings.Trim(b.String(), "-")
}
