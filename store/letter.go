package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

const letterColumns = "id, organisation_id, ministry_id, reference, date, subject, period_from, period_to, knelpunt_ids, html_sha256, pdf_sha256, sent_by, sent_at"

// scanLetter reads a row of letterColumns, followed by html and pdf when
// docs is set.
func scanLetter(sc interface{ Scan(...any) error }, docs bool) (*schakel.Letter, error) {
	var l schakel.Letter
	var date, ids string
	var sentBy sql.NullInt64
	dest := []any{&l.ID, &l.OrganisationID, &l.MinistryID, &l.Reference, &date, &l.Subject, &l.PeriodFrom, &l.PeriodTo, &ids,
		&l.HTMLSHA256, &l.PDFSHA256, &sentBy, &l.SentAt}
	if docs {
		dest = append(dest, &l.HTML, &l.PDF)
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	l.SentBy = sentBy.Int64
	l.PeriodFrom, l.PeriodTo, l.SentAt = l.PeriodFrom.UTC(), l.PeriodTo.UTC(), l.SentAt.UTC()
	var err error
	if l.Date, err = calendar.ParseDate(date); err != nil {
		return nil, fmt.Errorf("letter %d: date: %w", l.ID, err)
	}
	if l.KnelpuntIDs, err = parseIDs(ids); err != nil {
		return nil, fmt.Errorf("letter %d: knelpunt ids: %w", l.ID, err)
	}
	return &l, nil
}

// hexSHA256 is the hex SHA-256 of b.
func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// prepareLetter checks a letter and completes its defaults: the digests of
// its documents, its knelpunten (those of the steps), its sending time (the
// store's clock).
func (s *Store) prepareLetter(l *schakel.Letter, steps []schakel.KnelpuntStep) error {
	if len(steps) == 0 {
		return invalidField("knelpunten", "required", "Een knelpuntenbrief gaat over minstens één knelpunt.")
	}
	if l.Date.IsZero() {
		return invalidField("datum", "required", "Geef de datum van de brief.")
	}
	ids := make([]int64, len(steps))
	for i, st := range steps {
		if st.Knelpunt == nil || st.Event == nil {
			return fmt.Errorf("store: send letter %s: step %d has no knelpunt or no event", l.Reference, i)
		}
		ids[i] = st.Knelpunt.ID
	}
	if l.KnelpuntIDs == nil {
		l.KnelpuntIDs = ids
	}
	if !slices.Equal(slices.Sorted(slices.Values(l.KnelpuntIDs)), slices.Sorted(slices.Values(ids))) {
		return fmt.Errorf("store: send letter %s: knelpunten %v, steps for %v", l.Reference, l.KnelpuntIDs, ids)
	}
	for _, d := range []struct {
		doc []byte
		sum *string
	}{{l.HTML, &l.HTMLSHA256}, {l.PDF, &l.PDFSHA256}} {
		got := hexSHA256(d.doc)
		if *d.sum != "" && *d.sum != got {
			return fmt.Errorf("store: send letter %s: digest %s is not that of its document (%s)", l.Reference, *d.sum, got)
		}
		*d.sum = got
	}
	if l.HTML == nil {
		l.HTML = []byte{}
	}
	if l.PDF == nil {
		l.PDF = []byte{}
	}
	if l.SentAt.IsZero() {
		l.SentAt = s.Now()
	}
	l.SentAt, l.PeriodFrom, l.PeriodTo = instant(l.SentAt), instant(l.PeriodFrom), instant(l.PeriodTo)
	return nil
}

// SendLetter implements schakel.KnelpuntStore. Each step is applied as
// StepKnelpunt applies it, with the letter as the knelpunt's LetterID and
// its event's (whose type defaults to sent); each knelpunt must be at its
// step's version, adopted by its board, in no letter yet (ECONFLICT) and of
// the letter's organisation (EINVALID knelpunten). The digests of the
// documents are computed when empty and must match when given; the
// reference is unique (ECONFLICT). On any error nothing is written.
func (s *Store) SendLetter(ctx context.Context, l *schakel.Letter, steps []schakel.KnelpuntStep) error {
	if err := s.prepareLetter(l, steps); err != nil {
		return err
	}
	prepared := make([]*preparedStep, len(steps))
	for i, st := range steps {
		if st.Event.Type == "" {
			st.Event.Type = schakel.KnelpuntEventSent
		}
		p, err := s.prepareStep(st)
		if err != nil {
			return err
		}
		prepared[i] = p
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = s.insertLetter(ctx, tx, l); err != nil {
			return err
		}
		// In the order of the knelpunten's ids, so two letters over some of
		// the same knelpunten cannot lock each other out.
		byID := slices.SortedFunc(slices.Values(prepared), func(a, b *preparedStep) int { return cmp.Compare(a.step.Knelpunt.ID, b.step.Knelpunt.ID) })
		for _, p := range byID {
			k := p.step.Knelpunt
			kn, err := s.lockKnelpunt(ctx, tx, k.ID)
			if err != nil {
				return err
			}
			if err := kn.at(p.step.PrevVersion); err != nil {
				return err
			}
			switch {
			case kn.letterID != 0:
				return schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d is al verzonden met brief %d.", kn.id, kn.letterID)
			case kn.state != schakel.KnelpuntAdopted || kn.level != schakel.LevelBoard:
				return schakel.Errorf(schakel.ECONFLICT, "Knelpunt %d is niet door het bestuur overgenomen (het is %s, niveau %s).", kn.id, kn.state, kn.level)
			case kn.orgID != l.OrganisationID:
				return invalidField("knelpunten", "other_organisation", "Knelpunt %d is van een andere organisatie.", kn.id)
			}
			k.LetterID, p.step.Event.LetterID = id, id
			if err := s.apply(ctx, tx, p, kn); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, st := range steps {
			st.Knelpunt.LetterID, st.Event.LetterID = 0, 0
		}
		return s.stepFailed(ctx, "send letter "+l.Reference, err, prepared...)
	}
	l.ID = id
	for _, p := range prepared {
		p.finish()
	}
	return nil
}

// insertLetter writes l and returns its id, naming an unknown organisation
// or ministry and refusing a reference that is taken.
func (s *Store) insertLetter(ctx context.Context, tx *sql.Tx, l *schakel.Letter) (int64, error) {
	var v schakel.Validation
	if !s.exists(ctx, tx, "organisations", l.OrganisationID) {
		v.Add("organisatie", "unknown", "Organisatie %d bestaat niet.", l.OrganisationID)
	}
	if !s.exists(ctx, tx, "organisations", l.MinistryID) {
		v.Add("ministerie", "unknown", "Organisatie %d bestaat niet.", l.MinistryID)
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO letters (organisation_id, ministry_id, reference, date, subject, period_from, period_to, knelpunt_ids,
		html, pdf, html_sha256, pdf_sha256, sent_by, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		l.OrganisationID, l.MinistryID, l.Reference, l.Date.String(), l.Subject, l.PeriodFrom, l.PeriodTo, idsText(l.KnelpuntIDs),
		l.HTML, l.PDF, l.HTMLSHA256, l.PDFSHA256, nullInt64(l.SentBy), l.SentAt).Scan(&id)
	if err != nil && s.dialect.isUniqueViolation(err) {
		return 0, schakel.Errorf(schakel.ECONFLICT, "Er is al een brief met kenmerk %s.", l.Reference)
	}
	return id, err
}

// Letter implements schakel.KnelpuntStore.
func (s *Store) Letter(ctx context.Context, id int64) (*schakel.Letter, error) {
	l, err := scanLetter(s.read.QueryRowContext(ctx, s.q("SELECT "+letterColumns+", html, pdf FROM letters WHERE id = ?"), id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Brief %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: letter %d: %w", id, err)
	}
	return l, nil
}

// Letters implements schakel.KnelpuntStore.
func (s *Store) Letters(ctx context.Context, f schakel.LetterFilter) ([]*schakel.Letter, int, error) {
	var where []string
	var args []any
	if f.OrganisationID != 0 {
		where = append(where, "organisation_id = ?")
		args = append(args, f.OrganisationID)
	}
	if f.MinistryID != 0 {
		where = append(where, "ministry_id = ?")
		args = append(args, f.MinistryID)
	}
	return pageOf(ctx, s, listing{what: "letters", columns: letterColumns, from: "letters", where: where, args: args,
		order: "id DESC", limit: f.Limit, offset: f.Offset}, func(sc interface{ Scan(...any) error }) (*schakel.Letter, error) { return scanLetter(sc, false) })
}
