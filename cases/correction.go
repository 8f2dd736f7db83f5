package cases

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/generalise"
	"github.com/schakel-nl/schakel/redact"
)

// MaxReason is the longest public reason of a correction or withdrawal.
const MaxReason = 1000

// CorrectInput is a correction of a publication: phrases to hide wherever
// they stand, keys of flagged quasi-identifiers in the published texts to
// generalise (Correction.Flags), and the public reason.
type CorrectInput struct {
	Redact     []string
	Generalise []string
	Reason     string
	// Problems are what the transport found wrong while decoding.
	Problems []schakel.FieldError
}

// Correction is what a reviewer reads before correcting: the publication
// as it stands, and the quasi-identifiers still flagged in it.
type Correction struct {
	Precedent *schakel.Precedent
	Flags     []Flagged
}

// Publication is a case as the register shows it: its publication (nil
// once withdrawn) and every change, newest first.
type Publication struct {
	Precedent *schakel.Precedent
	Changes   []*schakel.PrecedentChange
}

// published returns the published case id, its publication and the
// redaction context of the case (its parties; its organisation stays),
// for a user who manages its cases.
func (s *Service) published(ctx context.Context, u *schakel.User, id int64, what string) (*schakel.Case, *schakel.Precedent, redact.Context, error) {
	c, err := s.manage(ctx, u, id, what, schakel.CasePublished)
	if err != nil {
		return nil, nil, redact.Context{}, err
	}
	p, err := s.store.Precedent(ctx, id)
	if err != nil {
		return nil, nil, redact.Context{}, err
	}
	org, err := s.store.Organisation(ctx, c.OrganisationID)
	if err != nil {
		return nil, nil, redact.Context{}, err
	}
	return c, p, contextOf(c, org), nil
}

// contextOf is the redaction context of case c of organisation org: its
// parties are found, the organisation itself stays.
func contextOf(c *schakel.Case, org *schakel.Organisation) redact.Context {
	return redact.Context{Parties: c.Parties, Keep: []string{org.Code, org.Name}}
}

// publicReason checks the reason of a correction or withdrawal: required,
// not too long, free of personal data the detectors find, and naming none
// of the hidden: a reviewer explaining a correction naturally quotes what
// the detectors missed, which they would miss again in the reason.
func publicReason(v *schakel.Validation, c *schakel.Case, reason string, hidden []string) string {
	reason = strings.TrimSpace(reason)
	if !v.Required("reden", reason) {
		return reason
	}
	if len(reason) > MaxReason {
		v.Add("reden", "too_long", "Gebruik hoogstens %d tekens.", MaxReason)
		return reason
	}
	if found := (redact.Context{Parties: c.Parties}).Find(reason); len(found) > 0 {
		v.Add("reden", "personal_data", "De reden wordt openbaar. Laat persoonsgegevens weg (gevonden: %s).", found[0].Kind)
		return reason
	}
	for _, h := range hidden {
		if len(strings.TrimSpace(h)) > 1 && len(phraseMatches(reason, h)) > 0 {
			v.Add("reden", "names_hidden", "De reden wordt openbaar en noemt iets dat in de publicatie is weggelakt of algemener gemaakt. Laat dat weg.")
			break
		}
	}
	return reason
}

// hiddenOf returns what publishing case c hides: every text the
// redaction replaces in its texts and its decision's, every piece flagged
// in the publication p (nil once withdrawn does not matter: the case's
// texts are enough), and the extra phrases given.
func (s *Service) hiddenOf(ctx context.Context, c *schakel.Case, rc redact.Context, p *schakel.Precedent, extra []string) ([]string, error) {
	texts := []string{c.Title, c.Situation, c.Intent, c.Harm}
	if d, err := s.store.CaseDecision(ctx, c.ID); err == nil {
		texts = append(texts, d.Explanation)
		for _, w := range d.Weighings {
			texts = append(texts, w.How)
		}
	} else if schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return nil, err
	}
	hidden := append([]string{}, extra...)
	for _, t := range texts {
		for _, f := range rc.Find(t) {
			hidden = append(hidden, f.Text)
		}
		for _, f := range generalise.Flags(t) {
			hidden = append(hidden, f.Text)
		}
	}
	if p != nil {
		for _, f := range flagsOf(p, nil) {
			hidden = append(hidden, f.Flag.Text)
		}
	}
	return hidden, nil
}

// eachText calls fn with every public text of p and stores what it returns.
func eachText(p *schakel.Precedent, fn func(field, text string) string) {
	p.Title = fn("titel", p.Title)
	p.Summary = fn("samenvatting", p.Summary)
	p.Intent = fn("bedoeling", p.Intent)
	p.Harm = fn("knelpunt", p.Harm)
	p.Explanation = fn("uitleg", p.Explanation)
	for i := range p.Weighings {
		p.Weighings[i].How = fn("afweging-"+strconv.Itoa(i+1), p.Weighings[i].How)
	}
}

// flagsOf returns the flagged quasi-identifiers of the texts of p, chosen
// when their key is in keys.
func flagsOf(p *schakel.Precedent, keys map[string]bool) []Flagged {
	var out []Flagged
	eachText(p, func(field, text string) string {
		flags := generalise.Flags(text)
		for i, fl := range flags {
			key := flagKey(field, flags, i)
			out = append(out, Flagged{Key: key, Field: field, Flag: fl, Chosen: keys[key]})
		}
		return text
	})
	return out
}

// CorrectionReview returns the publication of case id as it stands, with
// the quasi-identifiers flagged in it, for a reviewer about to correct it.
func (s *Service) CorrectionReview(ctx context.Context, u *schakel.User, id int64) (*Correction, error) {
	_, p, _, err := s.published(ctx, u, id, "corrigeren")
	if err != nil {
		return nil, err
	}
	return &Correction{Precedent: p, Flags: flagsOf(p, nil)}, nil
}

// Correct redacts a publication more: the phrases of in.Redact are hidden
// wherever they stand, the chosen flags generalised, and every text is
// redacted again with the case's context (so what the detectors learnt
// since is hidden too). It can never show more than before: it only
// replaces spans of the published texts. The old texts are gone from the
// store; the register keeps the change, its public reason and the new
// version's digest.
func (s *Service) Correct(ctx context.Context, u *schakel.User, id int64, in CorrectInput) (*schakel.Precedent, error) {
	c, p, rc, err := s.published(ctx, u, id, "corrigeren")
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	hidden, err := s.hiddenOf(ctx, c, rc, p, in.Redact)
	if err != nil {
		return nil, err
	}
	reason := publicReason(&v, c, in.Reason, hidden)
	if len(in.Redact) > 100 {
		v.Add("weglakken", "too_many", "Geef hoogstens %d stukken tekst om weg te lakken.", 100)
	}
	keys := map[string]bool{}
	for _, k := range in.Generalise {
		keys[k] = true
	}
	chosen := map[string][]generalise.Flag{}
	flagged := flagsOf(p, keys)
	unknownKeys(&v, in.Generalise, flagged)
	for _, f := range flagged {
		if f.Chosen {
			chosen[f.Field] = append(chosen[f.Field], f.Flag)
		}
	}
	fixed := *p
	fixed.Weighings = append([]schakel.Weighing(nil), p.Weighings...)
	eachText(&fixed, func(field, text string) string {
		text = generalise.Apply(text, chosen[field])
		for _, extra := range in.Redact {
			text = hidePhrase(text, extra)
		}
		out, _ := rc.Redact(text)
		return out
	})
	if v.Valid() && fixed.ComputeDigest() == p.Digest {
		v.Add("weglakken", "unchanged", "Er verandert niets. Geef woorden om weg te lakken of kies wat algemener moet.")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	ch := &schakel.PrecedentChange{At: s.Clock.Now(), Reason: reason, UserID: u.ID}
	if err := s.store.CorrectPrecedent(ctx, c.Version, &fixed, ch); err != nil {
		return nil, err
	}
	return &fixed, nil
}

// WithdrawPublication takes a publication out of the register with a
// public reason: its texts are gone from the store; the register keeps
// the withdrawal, its reason and the digest of the withdrawn version.
func (s *Service) WithdrawPublication(ctx context.Context, u *schakel.User, id int64, reason string) (*schakel.PrecedentChange, error) {
	c, p, rc, err := s.published(ctx, u, id, "de publicatie intrekken")
	if err != nil {
		return nil, err
	}
	hidden, err := s.hiddenOf(ctx, c, rc, p, nil)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	reason = publicReason(&v, c, reason, hidden)
	if err := v.Err(); err != nil {
		return nil, err
	}
	ch := &schakel.PrecedentChange{CaseID: id, At: s.Clock.Now(), Reason: reason, UserID: u.ID}
	if err := s.store.WithdrawPrecedent(ctx, c.Version, ch); err != nil {
		return nil, err
	}
	return ch, nil
}

// Changes returns the public changes of the register (publications,
// corrections, withdrawals) matching f, newest first, and the total: 50
// when f.Limit is 0, at most 100. The user who made a change is not part
// of it.
func (s *Service) Changes(ctx context.Context, f schakel.PrecedentChangeFilter) ([]*schakel.PrecedentChange, int, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 100)
	f.Offset = max(f.Offset, 0)
	chs, total, err := s.store.PrecedentChanges(ctx, f)
	for _, ch := range chs {
		ch.UserID = 0
	}
	return chs, total, err
}

// Publication returns case id as the register shows it: its publication,
// or, once withdrawn, only its changes. ENOTFOUND when it was never
// published.
func (s *Service) Publication(ctx context.Context, id int64) (*Publication, error) {
	chs, _, err := s.Changes(ctx, schakel.PrecedentChangeFilter{CaseID: id, Limit: 100})
	if err != nil {
		return nil, err
	}
	if len(chs) == 0 {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Casus %d staat niet in het register.", id)
	}
	pub := &Publication{Changes: chs}
	if chs[0].Kind != schakel.PrecedentWithdrawn {
		if pub.Precedent, err = s.store.Precedent(ctx, id); err != nil {
			return nil, err
		}
	}
	return pub, nil
}

// phraseMatches returns the spans of text where phrase stands as whole
// words (no letter or digit right before or after), ignoring case and
// with any run of white space where the phrase has one: hiding "De Vries"
// also hides "de  vries" and "De\nVries", and hiding "Jan" leaves
// "januari" alone.
func phraseMatches(text, phrase string) [][]int {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return nil
	}
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re, err := regexp.Compile(`(?i)` + strings.Join(words, `\s+`))
	if err != nil {
		// Not valid UTF-8: no text of ours holds it as written.
		return nil
	}
	var out [][]int
	for _, m := range re.FindAllStringIndex(text, -1) {
		before, _ := utf8.DecodeLastRuneInString(text[:m[0]])
		after, _ := utf8.DecodeRuneInString(text[m[1]:])
		if !wordRune(before) && !wordRune(after) {
			out = append(out, m)
		}
	}
	return out
}

// hidePhrase replaces every whole-word occurrence of phrase in text
// (phraseMatches) by the label of redact.Other.
func hidePhrase(text, phrase string) string {
	ms := phraseMatches(text, phrase)
	if len(ms) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(text[last:m[0]])
		b.WriteString(redact.Other.Label())
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// wordRune reports whether r is part of a word; utf8.RuneError (no rune)
// is not.
func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
