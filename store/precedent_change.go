package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// insertPrecedentChange appends ch to precedent_changes with the next
// number of its case, with its log entry, and queues it for the log.
func (s *Store) insertPrecedentChange(ctx context.Context, tx *sql.Tx, ch *schakel.PrecedentChange) error {
	ch.At = instant(ch.At)
	if err := tx.QueryRowContext(ctx, s.q("SELECT COALESCE(MAX(seq), 0) + 1 FROM precedent_changes WHERE case_id = ?"), ch.CaseID).Scan(&ch.Seq); err != nil {
		return err
	}
	var user any
	if ch.UserID > 0 {
		user = ch.UserID
	}
	entry := ledger.ProjectChange(ch)
	if err := entry.Validate(); err != nil {
		return fmt.Errorf("log entry of change %d of case %d: %w", ch.Seq, ch.CaseID, err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO precedent_changes (case_id, seq, organisation_id, kind, at, reason, digest, user_id, log_entry)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), ch.CaseID, ch.Seq, ch.OrganisationID, string(ch.Kind), ch.At, ch.Reason, ch.Digest, user, entry.Encode()); err != nil {
		return err
	}
	return subjectCases.queue(ctx, s, tx, ch.CaseID, ch.Seq)
}

// CorrectPrecedent implements schakel.CaseStore. Only a row of precedents
// can be corrected, in the step's own transaction, so a correction never
// brings a withdrawn publication back nor publishes a case.
func (s *Store) CorrectPrecedent(ctx context.Context, prevVersion int, p *schakel.Precedent, ch *schakel.PrecedentChange) error {
	at := instant(ch.At)
	p.Digest, p.CorrectedAt = p.ComputeDigest(), at
	err := s.caseStep(ctx, p.CaseID, prevVersion, schakel.CasePublished, schakel.CaseEventCorrected, ch.UserID, at, "",
		func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, s.q(`UPDATE precedents SET title = ?, summary = ?, intent = ?, harm = ?, explanation = ?, weighings = ?,
				digest = ?, corrected_at = ? WHERE case_id = ?`), p.Title, p.Summary, p.Intent, p.Harm, p.Explanation, weighingsText(p.Weighings),
				p.Digest, at, p.CaseID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				return schakel.Errorf(schakel.ECONFLICT, "Casus %d staat niet in het register.", p.CaseID)
			}
			ch.CaseID, ch.OrganisationID, ch.Kind, ch.Digest, ch.At = p.CaseID, p.OrganisationID, schakel.PrecedentCorrected, p.Digest, at
			return s.insertPrecedentChange(ctx, tx, ch)
		})
	if err == nil {
		s.purge(ctx, true)
	}
	return wrapCase("correct precedent", err)
}

// WithdrawPrecedent implements schakel.CaseStore: the row of precedents
// goes, with its rules and principles (and, by trigger, its words in the
// full-text index and the term counts), so nothing of the withdrawn text
// can be found again.
func (s *Store) WithdrawPrecedent(ctx context.Context, prevVersion int, ch *schakel.PrecedentChange) error {
	at := instant(ch.At)
	err := s.caseStep(ctx, ch.CaseID, prevVersion, schakel.CasePublicationWithdrawn, schakel.CaseEventPublicationWithdrawn, ch.UserID, at, "",
		func(tx *sql.Tx) error {
			var org int64
			var digest string
			err := tx.QueryRowContext(ctx, s.q("SELECT organisation_id, digest FROM precedents WHERE case_id = ?"), ch.CaseID).Scan(&org, &digest)
			if errors.Is(err, sql.ErrNoRows) {
				return schakel.Errorf(schakel.ECONFLICT, "Casus %d staat niet in het register.", ch.CaseID)
			}
			if err != nil {
				return err
			}
			for _, table := range []string{"precedent_rules", "precedent_principles", "precedents"} {
				if _, err := tx.ExecContext(ctx, s.q("DELETE FROM "+table+" WHERE case_id = ?"), ch.CaseID); err != nil {
					return err
				}
			}
			ch.OrganisationID, ch.Kind, ch.Digest, ch.At = org, schakel.PrecedentWithdrawn, digest, at
			return s.insertPrecedentChange(ctx, tx, ch)
		})
	if err == nil {
		s.purge(ctx, true)
	}
	return wrapCase("withdraw precedent", err)
}

// PrecedentChanges implements schakel.CaseStore.
func (s *Store) PrecedentChanges(ctx context.Context, f schakel.PrecedentChangeFilter) ([]*schakel.PrecedentChange, int, error) {
	cond, args := "", []any{}
	if f.CaseID > 0 {
		cond, args = " WHERE case_id = ?", append(args, f.CaseID)
	}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM precedent_changes"+cond), args...).Scan(&total); err != nil {
		return nil, 0, wrapCase("precedent changes", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT case_id, seq, organisation_id, kind, at, reason, digest, COALESCE(user_id, 0)
		FROM precedent_changes`+cond+" ORDER BY at DESC, case_id DESC, seq DESC LIMIT ? OFFSET ?"), append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, wrapCase("precedent changes", err)
	}
	defer rows.Close()
	var out []*schakel.PrecedentChange
	for rows.Next() {
		var ch schakel.PrecedentChange
		var kind string
		if err := rows.Scan(&ch.CaseID, &ch.Seq, &ch.OrganisationID, &kind, &ch.At, &ch.Reason, &ch.Digest, &ch.UserID); err != nil {
			return nil, 0, wrapCase("precedent changes", err)
		}
		ch.Kind, ch.At = schakel.PrecedentChangeKind(kind), ch.At.UTC()
		out = append(out, &ch)
	}
	return out, total, wrapCase("precedent changes", rows.Err())
}

// backfillPublications gives every publication from before migration 00010
// (an empty digest) its digest and its first change, "gepubliceerd" at its
// publication time, queued for the log: without it such a case has no
// page in the register and cannot be withdrawn. Run by Migrate; a database
// without such publications costs one query.
func (s *Store) backfillPublications(ctx context.Context) error {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+precedentColumns+" FROM precedents p WHERE p.digest = ''"))
	if err != nil {
		return fmt.Errorf("publications without digest: %w", err)
	}
	ps, err := scanPrecedents(rows)
	rows.Close()
	if err == nil {
		err = rows.Err()
	}
	if err != nil {
		return fmt.Errorf("publications without digest: %w", err)
	}
	for _, p := range ps {
		p.Digest = p.ComputeDigest()
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, s.q("UPDATE precedents SET digest = ? WHERE case_id = ? AND digest = ''"), p.Digest, p.CaseID); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM precedent_changes WHERE case_id = ?"), p.CaseID).Scan(&n); err != nil || n > 0 {
				return err
			}
			return s.insertPrecedentChange(ctx, tx, &schakel.PrecedentChange{CaseID: p.CaseID, OrganisationID: p.OrganisationID,
				Kind: schakel.PrecedentPublished, At: p.PublishedAt, Digest: p.Digest})
		})
		if err != nil {
			return fmt.Errorf("publication of case %d: %w", p.CaseID, err)
		}
	}
	return nil
}

// purge makes texts that were just deleted or overwritten unreadable in
// the database files too (dialect.purgeQueries): on SQLite the full-text
// index is merged (with fullText), so no segment keeps the old words, and
// the write-ahead log, which still holds the old pages, is checkpointed
// and truncated. Best effort: a busy checkpoint is tried again by the next
// purge or by the checkpoint loop. PostgreSQL frees dead rows at VACUUM
// (docs/operations.md).
func (s *Store) purge(ctx context.Context, fullText bool) {
	for _, q := range s.dialect.purgeQueries(fullText) {
		_, _ = s.execWrite(ctx, q)
	}
}
