package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// pageAction is how a POST on the page of a thing with an id in its path
// answers: its form, the word for ?gedaan= after success, the path of a
// thing, and how its page is rendered again.
type pageAction struct {
	form, done string
	path       func(id int64) string
	render     func(w http.ResponseWriter, r *http.Request, status int, id int64, act *actionResult) error
}

// run runs do for the logged-in user on the thing of the path: on success
// it goes to the thing do returns with ?gedaan=done; invalid input shows
// the page again with status 400 and the errors at the form; a step the
// state does not allow shows it with status 409 and the reason; anything
// else gets its error page (a login for a visitor).
func (pa pageAction) run(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, u *schakel.User, id int64, f url.Values) (int64, error)) error {
	id, ok := pathID(r)
	if !ok {
		return errNoPage
	}
	if err := parseForm(r); err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om dit te doen.")
	}
	if addingRow(r.PostForm) {
		// One block more on the form, nothing checked (see shownRows).
		return pa.render(w, r, http.StatusOK, id, &actionResult{form: pa.form, values: r.PostForm})
	}
	target, err := do(r.Context(), u, id, r.PostForm)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, pa.path(target)+"?gedaan="+pa.done, http.StatusSeeOther)
		return nil
	case schakel.EINVALID:
		return pa.render(w, r, http.StatusBadRequest, id, &actionResult{form: pa.form, values: r.PostForm, err: err})
	case schakel.ECONFLICT:
		return pa.render(w, r, http.StatusConflict, id, &actionResult{form: pa.form, values: r.PostForm, err: err})
	}
	return err
}

// sameID adapts an action that stays on its thing to pageAction.run.
func sameID(do func(ctx context.Context, u *schakel.User, id int64, f url.Values) error) func(context.Context, *schakel.User, int64, url.Values) (int64, error) {
	return func(ctx context.Context, u *schakel.User, id int64, f url.Values) (int64, error) {
		return id, do(ctx, u, id, f)
	}
}
