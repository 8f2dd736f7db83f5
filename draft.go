package schakel

import (
	"context"
	"time"
)

// Draft is what someone typed into a form when their session had expired:
// kept for a short while under a random id so that, after logging in again,
// the form comes back filled in. It is never logged and never published.
type Draft struct {
	ID string
	// Target is the path of the page that holds the form (not the POST
	// path), where the fields are put back.
	Target string
	// Fields are the posted form fields, as url.Values holds them.
	Fields    map[string][]string
	ExpiresAt time.Time
}

// DraftStore keeps drafts.
type DraftStore interface {
	// SaveDraft stores d and removes every draft that has expired.
	SaveDraft(ctx context.Context, d *Draft) error
	// Draft returns the unexpired draft id; ENOTFOUND when there is none
	// (or it has expired).
	Draft(ctx context.Context, id string) (*Draft, error)
	// DeleteDraft removes the draft id; removing an absent one is no error.
	DeleteDraft(ctx context.Context, id string) error
}
