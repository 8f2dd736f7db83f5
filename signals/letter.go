package signals

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
	"github.com/schakel-nl/schakel/letters"
	"github.com/schakel-nl/schakel/redact"
	"github.com/schakel-nl/schakel/ruleref"
)

// MaxLetterKnelpunten bounds the knelpunten of one letter.
const MaxLetterKnelpunten = 200

// LetterInput asks for the knelpuntenbrief of an organisation over a
// period: the knelpunten its board adopted from From up to and including
// To, not yet sent.
type LetterInput struct {
	Organisation string
	From, To     calendar.Date
	Subject      string
	Problems     []schakel.FieldError
}

// Draft is a knelpuntenbrief before it is sent: the letter with its
// documents and the knelpunten in it.
type Draft struct {
	Letter     *schakel.Letter
	Knelpunten []*schakel.Knelpunt
	Ministry   *schakel.Organisation
	// PublicBase is the base of the links in the letter.
	PublicBase string
}

// DraftLetter builds the knelpuntenbrief of in for its board, without
// sending it. Returns EFORBIDDEN for anyone but the organisation's board,
// EINVALID naming every invalid field, and EINVALID on "periode" when the
// board adopted nothing in the period that is not sent yet.
func (s *Service) DraftLetter(ctx context.Context, u *schakel.User, in LetterInput) (*Draft, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een knelpuntenbrief te maken.")
	}
	var v schakel.Validation
	v.Given(in.Problems)
	org, err := s.organisation(ctx, &v, in.Organisation)
	if err != nil {
		return nil, err
	}
	if org != nil && authz.Can(u, authz.SendLetter, org.ID) != nil {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen het bestuur van %s stuurt haar knelpuntenbrief.", org.Name)
	}
	subject := v.Text("onderwerp", in.Subject, MaxTitle, false)
	if in.From.IsZero() {
		v.Add("van", "required", "Kies de eerste dag van de periode.")
	}
	if in.To.IsZero() {
		v.Add("tot", "required", "Kies de laatste dag van de periode.")
	} else if !in.From.IsZero() && in.To.Before(in.From) {
		v.Add("tot", "before_from", "De laatste dag ligt voor de eerste.")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	cal := s.Requests.Engine.Calendar
	from, to := cal.EndOf(in.From.AddDays(-1)), cal.EndOf(in.To)
	ks, _, err := s.store.Knelpunten(ctx, schakel.KnelpuntFilter{OrganisationID: org.ID, Unsent: true, AdoptedFrom: from, AdoptedTo: to, Limit: MaxLetterKnelpunten})
	if err != nil {
		return nil, err
	}
	if len(ks) == 0 {
		return nil, invalid("periode", "empty", "Het bestuur heeft in deze periode geen knelpunten overgenomen die nog niet verstuurd zijn.")
	}
	ministryID, err := s.principal(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	if ministryID == 0 {
		return nil, invalid("organisatie", "no_principal", "%s heeft geen opdrachtgevend ministerie om de brief aan te sturen.", org.Name)
	}
	ministry, err := s.store.Organisation(ctx, ministryID)
	if err != nil {
		return nil, err
	}
	if subject == "" {
		subject = fmt.Sprintf("Knelpunten in wet- en regelgeving, %s tot en met %s", in.From.Dutch(), in.To.Dutch())
	}
	// The subject is public: redacted as the letter's other texts are.
	subject = documents.RedactIn(subject, redact.Context{Keep: []string{org.Code, org.Name, ministry.Name}}).String()
	now := s.Clock.Now()
	l := &schakel.Letter{OrganisationID: org.ID, MinistryID: ministry.ID, Date: cal.Today(now), Subject: subject, PeriodFrom: from, PeriodTo: to, SentBy: u.ID}
	if l.Reference, err = s.reference(ctx, org, l.Date); err != nil {
		return nil, err
	}
	for _, k := range ks {
		l.KnelpuntIDs = append(l.KnelpuntIDs, k.ID)
	}
	d := &Draft{Letter: l, Knelpunten: ks, Ministry: ministry, PublicBase: s.PublicBase}
	if err := s.render(ctx, d, org, in); err != nil {
		return nil, err
	}
	return d, nil
}

// reference makes the letter's kenmerk: the organisation's code, the year
// and the number of the letter in that year.
func (s *Service) reference(ctx context.Context, org *schakel.Organisation, date calendar.Date) (string, error) {
	n := 0
	for offset := 0; ; offset += 500 {
		ls, total, err := s.store.Letters(ctx, schakel.LetterFilter{OrganisationID: org.ID, Offset: offset, Limit: 500})
		if err != nil {
			return "", err
		}
		for _, l := range ls {
			if l.Date.Year() == date.Year() {
				n++
			}
		}
		if offset+len(ls) >= total || len(ls) == 0 {
			break
		}
	}
	return fmt.Sprintf("KB-%s-%d-%03d", org.Code, date.Year(), n+1), nil
}

// render writes the letter's HTML and PDF and their hashes into d.
func (s *Service) render(ctx context.Context, d *Draft, org *schakel.Organisation, in LetterInput) error {
	rc := redact.Context{Keep: []string{org.Code, org.Name, d.Ministry.Name}}
	input := letters.Letter{Reference: d.Letter.Reference, Date: d.Letter.Date, Subject: documents.RedactIn(d.Letter.Subject, rc),
		Sender: org.Name, Addressee: d.Ministry.Name, PeriodFrom: in.From, PeriodTo: in.To, Closing: "Het bestuur van " + org.Name}
	names, err := s.principleNames(ctx)
	if err != nil {
		return err
	}
	for _, k := range d.Knelpunten {
		lk, err := s.letterKnelpunt(ctx, k, rc, names)
		if err != nil {
			return err
		}
		input.Knelpunten = append(input.Knelpunten, lk)
	}
	var html, pdf bytes.Buffer
	if err := letters.HTML(&html, input); err != nil {
		return err
	}
	if err := letters.PDF(&pdf, input); err != nil {
		return err
	}
	d.Letter.HTML, d.Letter.PDF = html.Bytes(), pdf.Bytes()
	d.Letter.HTMLSHA256, d.Letter.PDFSHA256 = digest(d.Letter.HTML), digest(d.Letter.PDF)
	return nil
}

// letterKnelpunt is one knelpunt as the letter tells it.
func (s *Service) letterKnelpunt(ctx context.Context, k *schakel.Knelpunt, rc redact.Context, names map[string]string) (letters.Knelpunt, error) {
	sigs, _, err := s.store.Signals(ctx, schakel.SignalFilter{KnelpuntID: k.ID, State: schakel.SignalFiled, Limit: 500})
	if err != nil {
		return letters.Knelpunt{}, err
	}
	lk := letters.Knelpunt{Title: documents.RedactIn(k.Title, rc), Problem: documents.RedactIn(k.Summary, rc), Citizens: k.Citizens, Signals: k.Signals,
		Solution: k.Solution, Proposal: documents.RedactIn(k.Proposal, rc), Cost: k.Cost, URL: s.link("/knelpunten/%d", k.ID)}
	var groups, methods, bearers []string
	for _, sig := range sigs {
		groups, methods, bearers = appendNew(groups, sig.Group), appendNew(methods, sig.Citizens.Method), appendNew(bearers, sig.Cost.BorneBy)
		for _, e := range sig.Evidence {
			if e.Kind == schakel.EvidenceCase {
				if p, err := s.store.Precedent(ctx, e.ID); err == nil && s.PublicBase != "" {
					lk.Precedents = append(lk.Precedents, letters.Link{Title: p.Title, URL: s.link("/casusprudentie/%d", p.CaseID)})
				}
			}
		}
	}
	lk.Group = documents.RedactIn(joinList(groups), rc)
	lk.Citizens.Method = joinList(methods)
	lk.Cost.BorneBy = joinList(bearers)
	for _, ref := range k.Refs {
		r, err := ruleref.Parse(ref)
		if err != nil {
			continue
		}
		lk.Rules = append(lk.Rules, letters.Rule{Label: r.WithTitle().Label(), URL: r.URL()})
	}
	for _, g := range withAllPrinciples(groundsOf(sigs), k) {
		lk.Conflicts = append(lk.Conflicts, letters.Conflict{Principle: nameOr(names, g.Principle), Grounds: documents.RedactIn(g.Text, rc)})
	}
	return lk, nil
}

// SendLetter sends the knelpuntenbrief of in: it is stored as rendered,
// with its SHA-256, and every knelpunt in it is put to the principal
// ministry as a request for account (its officials, then the minister,
// then parliament), whose text names the letter's kenmerk and hashes — so
// the hashes are in the public record with the request's first event.
func (s *Service) SendLetter(ctx context.Context, u *schakel.User, in LetterInput) (*schakel.Letter, error) {
	d, err := s.DraftLetter(ctx, u, in)
	if err != nil {
		return nil, err
	}
	l := d.Letter
	l.SentAt = s.Clock.Now()
	parl, err := s.parliament(ctx)
	if err != nil {
		return nil, err
	}
	ladder := []schakel.Addressee{{OrganisationID: l.MinistryID, Role: schakel.RolePolicy}, {OrganisationID: l.MinistryID, Role: schakel.RoleMinister}}
	if parl != 0 {
		ladder = append(ladder, schakel.Addressee{OrganisationID: parl, Role: schakel.RoleParliament})
	}
	note := fmt.Sprintf("Uit de knelpuntenbrief met kenmerk %s van %s. SHA-256 van de brief: %s (HTML), %s (PDF).", l.Reference, l.Date.Dutch(), l.HTMLSHA256, l.PDFSHA256)
	requester := schakel.Party{Kind: schakel.PartyOrganisation, UserID: u.ID, OrganisationID: l.OrganisationID}
	steps := make([]schakel.KnelpuntStep, 0, len(d.Knelpunten))
	for _, k := range d.Knelpunten {
		opened, err := s.rungRequest(ctx, k, requester, ladder, note)
		if err != nil {
			return nil, err
		}
		prev := k.Version
		k.Level, k.State, k.UpdatedAt, k.Version = schakel.LevelMinistry, schakel.KnelpuntPut, l.SentAt, prev+1
		ev := &schakel.KnelpuntEvent{KnelpuntID: k.ID, Type: schakel.KnelpuntEventSent, By: u.ID, Level: schakel.LevelMinistry, At: l.SentAt}
		steps = append(steps, schakel.KnelpuntStep{PrevVersion: prev, Knelpunt: k, Event: ev, Opened: opened})
	}
	if err := s.store.SendLetter(ctx, l, steps); err != nil {
		return nil, err
	}
	return l, nil
}

// LetterView is a sent letter with its knelpunten and their answers.
type LetterView struct {
	Letter     *schakel.Letter
	Sender     *schakel.Organisation
	Ministry   *schakel.Organisation
	Knelpunten []*View
}

// Letter returns a sent letter, which is public, with the knelpunten in it
// and the ministry's answers.
func (s *Service) Letter(ctx context.Context, u *schakel.User, id int64) (*LetterView, error) {
	l, err := s.store.Letter(ctx, id)
	if err != nil {
		return nil, err
	}
	lv := &LetterView{Letter: l}
	if lv.Sender, err = s.store.Organisation(ctx, l.OrganisationID); err != nil {
		return nil, err
	}
	if lv.Ministry, err = s.store.Organisation(ctx, l.MinistryID); err != nil {
		return nil, err
	}
	for _, kid := range l.KnelpuntIDs {
		v, err := s.Get(ctx, u, kid)
		if err != nil {
			return nil, err
		}
		lv.Knelpunten = append(lv.Knelpunten, v)
	}
	return lv, nil
}

// LetterDocuments returns a sent letter with its HTML and PDF as sent,
// without the knelpunten in it: what a download serves.
func (s *Service) LetterDocuments(ctx context.Context, id int64) (*schakel.Letter, error) {
	return s.store.Letter(ctx, id)
}

// Letters returns the sent letters matching f, newest first: they are
// public.
func (s *Service) Letters(ctx context.Context, f schakel.LetterFilter) ([]*schakel.Letter, int, error) {
	return s.store.Letters(ctx, f)
}

// principleNames maps principle codes to their names.
func (s *Service) principleNames(ctx context.Context) (map[string]string, error) {
	ps, err := s.store.Principles(ctx, schakel.PrincipleFilter{})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		out[p.Code] = p.Name
	}
	return out, nil
}

func nameOr(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n
	}
	return code
}

func appendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// joinList joins distinct texts of several signals: "a", "a en b",
// "a, b en c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, it := range items[1 : len(items)-1] {
		out += ", " + it
	}
	return out + " en " + items[len(items)-1]
}

// link is the public address of a page of schakel, or "" when the
// service does not know its public address (PublicBase).
func (s *Service) link(format string, args ...any) string {
	if s.PublicBase == "" {
		return ""
	}
	return strings.TrimSuffix(s.PublicBase, "/") + fmt.Sprintf(format, args...)
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
