package erasure

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/schakel-nl/schakel"
)

// Periods are the retention periods per kind of record, in days after the
// record ended: a request or brake when it was closed or withdrawn, a case
// at its last change once it is closed (decided, published, withdrawn).
// When a period has run out, the record's texts are erased; what remains
// is the record without personal texts, and the public ledger. 0 keeps the
// texts of that kind (no period). docs/decisions/0016-retention.md gives
// the defaults and their legal basis; an organisation sets its own from its
// selectielijst (Archiefwet 1995).
type Periods struct {
	Requests int
	Brakes   int
	Cases    int
}

// The default retention periods in days, each from the end of the record
// (docs/decisions/0016-retention.md).
const (
	// DefaultRequestDays: two years after a request ended.
	DefaultRequestDays = 2 * 365
	// DefaultBrakeDays: two years after a brake ended.
	DefaultBrakeDays = 2 * 365
	// DefaultCaseDays: five years after a case closed.
	DefaultCaseDays = 5 * 365
)

// DefaultPeriods returns the default retention periods.
func DefaultPeriods() Periods {
	return Periods{Requests: DefaultRequestDays, Brakes: DefaultBrakeDays, Cases: DefaultCaseDays}
}

// days returns the period of kind.
func (p Periods) days(kind Kind) int {
	switch kind {
	case KindRequest:
		return p.Requests
	case KindBrake:
		return p.Brakes
	}
	return p.Cases
}

// SweepResult counts what one retention sweep erased, per kind, and what it
// skipped: records erased on request or by another instance in the
// meantime, or a request whose events the ledger has not taken in yet
// (the next sweep takes it).
type SweepResult struct {
	Requests int
	Brakes   int
	Cases    int
	Skipped  int
	// Failed are the records that could not be erased for another reason
	// (a fault, logged by kind and id); the sweep goes on with the others
	// and tries them again at its next run.
	Failed int
}

// Total is the number of records erased.
func (r SweepResult) Total() int { return r.Requests + r.Brakes + r.Cases }

func (r *SweepResult) add(kind Kind) {
	switch kind {
	case KindRequest:
		r.Requests++
	case KindBrake:
		r.Brakes++
	default:
		r.Cases++
	}
}

// Sweep erases the texts of every record whose retention period ran out
// at now, a batch at a time, each in its own transaction, logging each
// erasure by kind, id and cause (never a text). Any number of instances
// may sweep at once: a record erased by another is skipped. It returns at
// the first error that is not such a conflict, with what it did so far.
// Each report, if any, hears how many records the sweep handled so far
// (erased, skipped or failed) after each; the total is not known ahead
// (the records are read a batch at a time), so it is 0.
func (s *Service) Sweep(ctx context.Context, now time.Time, report ...func(done, total int64)) (SweepResult, error) {
	var res SweepResult
	tell := func() {
		for _, f := range report {
			f(int64(res.Total()+res.Skipped+res.Failed), 0)
		}
	}
	tell()
	for _, kind := range Kinds {
		days := s.periods.days(kind)
		if days <= 0 {
			continue
		}
		if err := s.sweepKind(ctx, kind, days, now.AddDate(0, 0, -days), &res, tell); err != nil {
			return res, fmt.Errorf("erasure: retention of %s: %w", kind, err)
		}
	}
	if res.Failed > 0 {
		return res, fmt.Errorf("erasure: retention: %d records could not be erased (logged by kind and id)", res.Failed)
	}
	return res, nil
}

// sweepKind erases the records of kind that ended before cutoff.
// tell is called after each record.
func (s *Service) sweepKind(ctx context.Context, kind Kind, days int, cutoff time.Time, res *SweepResult, tell func()) error {
	reason := fmt.Sprintf("Bewaartermijn verstreken: %d dagen na het einde.", days)
	f := schakel.RetentionFilter{Before: cutoff, Limit: s.batch}
	for {
		var ids []int64
		var err error
		if kind == KindCase {
			ids, err = s.store.ClosedCases(ctx, f)
		} else {
			ids, err = s.store.EndedRequests(ctx, kind == KindBrake, f)
		}
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			f.AfterID = id
			_, err := s.eraseRecord(ctx, kind, id, reason, CauseRetention)
			switch schakel.ErrorCode(err) {
			case "":
				res.add(kind)
				s.log.Info("erasure", slog.String("kind", string(kind)), slog.Int64("id", id), slog.String("cause", string(CauseRetention)))
			case schakel.ECONFLICT, schakel.ENOTFOUND:
				res.Skipped++
				s.log.Info("erasure skipped", slog.String("kind", string(kind)), slog.Int64("id", id), slog.String("cause", string(CauseRetention)),
					slog.String("code", schakel.ErrorCode(err)))
			default:
				// One faulty record must not keep the others: log it
				// (without its texts or the error's, which might quote
				// them) and go on.
				res.Failed++
				s.log.Warn("erasure failed", slog.String("kind", string(kind)), slog.Int64("id", id), slog.String("cause", string(CauseRetention)),
					slog.String("code", schakel.ErrorCode(err)))
			}
			tell()
		}
	}
}
