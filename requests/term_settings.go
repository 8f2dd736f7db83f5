package requests

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
)

// TermSettings keeps the organisations' own terms: it stores changes through the
// store and keeps the snapshot the engine reads (an comply.TermTable)
// current. Every instance reloads the snapshot after its own changes and
// periodically (RunReloader), to see the changes of other instances on the
// same database.
type TermSettings struct {
	Store schakel.TermStore
	Table *comply.TermTable
	Log   *slog.Logger

	// mu serialises reloads: a reload that read before a change committed
	// cannot replace the table after a reload that read after it.
	mu sync.Mutex
}

// Reload replaces the snapshot with what the store holds.
func (t *TermSettings) Reload(ctx context.Context) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	settings, err := t.Store.TermSettings(ctx, 0)
	if err != nil {
		return err
	}
	t.Table.Replace(settings)
	return nil
}

// RunReloader reloads the snapshot every interval until ctx ends.
func (t *TermSettings) RunReloader(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := t.Reload(ctx); err != nil && ctx.Err() == nil {
				t.log().Warn("reload terms", slog.Any("err", err))
			}
		}
	}
}

// reloadAfterChange reloads after a change that is already stored; when
// that fails the change stands and the periodic reload picks it up.
func (t *TermSettings) reloadAfterChange(ctx context.Context) {
	if err := t.Reload(ctx); err != nil {
		t.log().Warn("reload terms after a change; the periodic reload will catch up", slog.Any("err", err))
	}
}

func (t *TermSettings) log() *slog.Logger {
	if t.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return t.Log
}

// Set stores an organisation's own terms for a type (see
// schakel.TermStore.SetTerms) and brings this instance's snapshot up to
// date. The caller has checked the user may (authz.ManageTerms).
func (t *TermSettings) Set(ctx context.Context, s *schakel.TermSetting) error {
	if err := t.Store.SetTerms(ctx, s); err != nil {
		return err
	}
	t.reloadAfterChange(ctx)
	return nil
}

// Delete restores the defaults for a type at an organisation and brings
// this instance's snapshot up to date.
func (t *TermSettings) Delete(ctx context.Context, org int64, typ schakel.RequestType, by int64) error {
	if err := t.Store.DeleteTerms(ctx, org, typ, by); err != nil {
		return err
	}
	t.reloadAfterChange(ctx)
	return nil
}

// Effective is the terms of a type in force at an organisation.
type Effective struct {
	// Setting holds the terms; UpdatedAt and UpdatedBy are set only when
	// they are the organisation's own.
	Setting schakel.TermSetting
	// Configured reports whether the organisation set them; otherwise they
	// are comply.DefaultTerms.
	Configured bool
}

// Effective returns the terms in force at an organisation for every
// request type, in the order of schakel.RequestTypes, read from the store
// (not the snapshot, which may lag another instance's change by one reload).
func (t *TermSettings) Effective(ctx context.Context, org int64) ([]Effective, error) {
	settings, err := t.Store.TermSettings(ctx, org)
	if err != nil {
		return nil, err
	}
	own := make(map[schakel.RequestType]schakel.TermSetting, len(settings))
	for _, s := range settings {
		own[s.Type] = s
	}
	out := make([]Effective, 0, len(schakel.RequestTypes))
	for _, typ := range schakel.RequestTypes {
		if s, ok := own[typ]; ok {
			out = append(out, Effective{Setting: s, Configured: true})
			continue
		}
		out = append(out, Effective{Setting: comply.Setting(org, typ, comply.DefaultTerms[typ])})
	}
	return out, nil
}
