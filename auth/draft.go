package auth

import (
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/schakel-nl/schakel"
)

// DraftLifetime is how long a form's input is kept through an expired
// session: long enough to log in again, short enough that a shared
// computer does not keep someone's text for the next person for long.
const DraftLifetime = 2 * time.Hour

// draftCookie names the cookie that holds the id of the browser's pending
// draft. The id is random (128 bits) and is the only key to the draft.
const draftCookie = "schakel-concept"

// maxDraftBytes bounds what one draft keeps: the longest forms (a case, a
// proposal) stay well under it.
const maxDraftBytes = 256 << 10

// KeepDraft stores the fields posted to a form whose session had expired,
// for the page target that holds the form, and remembers it in a cookie of
// the browser; after logging in, AfterLogin sends the person to target and
// TakeDraft gives the fields back. It does nothing without a draft store.
// The fields are never logged.
func (a *Auth) KeepDraft(w http.ResponseWriter, r *http.Request, target string, fields url.Values) error {
	if a.Drafts == nil || len(fields) == 0 || !a.hadSession(r) || len(fields.Encode()) > maxDraftBytes {
		// Only a browser that was logged in loses a session: a post from
		// one that never was is nobody's text to keep, and must not fill
		// the table.
		return nil
	}
	d := &schakel.Draft{ID: base64.RawURLEncoding.EncodeToString(randBytes(16)), Target: SafeReturnPath(target), Fields: fields, ExpiresAt: a.now().Add(DraftLifetime)}
	if err := a.Drafts.SaveDraft(r.Context(), d); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: draftCookie, Value: d.ID, Path: "/", MaxAge: int(DraftLifetime / time.Second), HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	return nil
}

// hadSession reports whether r carries a session cookie, valid or not.
func (a *Auth) hadSession(r *http.Request) bool {
	if a.Sessions == nil {
		return false
	}
	c, err := r.Cookie(a.Sessions.Cookie.Name)
	return err == nil && c.Value != ""
}

// pendingDraft returns the browser's unexpired draft, or nil.
func (a *Auth) pendingDraft(ctx context.Context, r *http.Request) *schakel.Draft {
	if a.Drafts == nil {
		return nil
	}
	c, err := r.Cookie(draftCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	d, err := a.Drafts.Draft(ctx, c.Value)
	if err != nil {
		if schakel.ErrorCode(err) != schakel.ENOTFOUND {
			a.Log.ErrorContext(ctx, "read draft", slog.Any("err", err))
		}
		return nil
	}
	return d
}

// AfterLogin returns where a login goes: the page of the browser's pending
// draft, so the form comes back filled in, or else fallback.
func (a *Auth) AfterLogin(r *http.Request, fallback string) string {
	if d := a.pendingDraft(r.Context(), r); d != nil {
		return d.Target
	}
	return fallback
}

// TakeDraft returns the fields of the browser's pending draft when the
// logged-in request r is for the draft's page, and removes the draft and
// its cookie: the fields come back once. It returns nil otherwise.
func (a *Auth) TakeDraft(w http.ResponseWriter, r *http.Request) url.Values {
	if UserFrom(r.Context()) == nil || r.Method != http.MethodGet {
		return nil
	}
	d := a.pendingDraft(r.Context(), r)
	if d == nil || d.Target != r.URL.Path {
		return nil
	}
	if err := a.Drafts.DeleteDraft(r.Context(), d.ID); err != nil {
		a.Log.ErrorContext(r.Context(), "delete draft", slog.Any("err", err))
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: draftCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	return d.Fields
}
