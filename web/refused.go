package web

import (
	"net/url"

	"github.com/schakel-nl/schakel"
)

// A page with several actions (a request, a case, a brake followed by its
// receipt code) shows itself again when an action is refused: the form of
// an invalid action with the values entered and the errors, or why the
// state does not allow it.

// actionResult is a refused action to show on its page: which form, the
// values entered and the error.
type actionResult struct {
	form   string // the name of the action's form, such as "comply" or "invite"
	values url.Values
	err    error
}

// valuesFor returns the values entered in form name when a is that form's
// invalid action, or the form posted back by its "add a block" button
// (no error: nothing was checked), to show them again; nil otherwise (also
// for a nil a).
func (a *actionResult) valuesFor(name string) url.Values {
	if a != nil && a.form == name && (a.err == nil || schakel.ErrorCode(a.err) == schakel.EINVALID) {
		return a.values
	}
	return nil
}

// showFormErrors puts the field errors of err on f, or its message at the
// field fallback when it names none of f's fields, and makes f the form of
// pg's error summary.
func showFormErrors(pg *page, f *form, fallback string, err error) {
	if !f.AddFieldErrors(err, fallback) {
		f.AddError(fallback, pg.ErrorMessage(err))
	}
	pg.Form = f
}

// withServiceReason adds to conflict, a translated message, the reason the
// service gave in err: it says why in Dutch, shown when the page can (in
// Dutch, or when the reason has an English translation).
func withServiceReason(pg *page, conflict string, err error) string {
	if msg := schakel.ErrorMessage(err); pg.lang == langNL || english[msg] != "" {
		conflict += " " + pg.T(msg)
	}
	return conflict
}

// refusal shows a refused action act (nil for none) on its page: an
// invalid one with its errors at its form (formOf returns the form and the
// field its errors fall back to, or nil when the viewer no longer has it);
// one the state does not allow, or whose form is gone, as the conflict it
// returns, which starts with notNow (a translated "not now: the state is
// …") and, for a conflict, gives the service's reason.
func refusal(pg *page, act *actionResult, formOf func(name string) (*form, string), notNow string) string {
	if act == nil {
		return ""
	}
	switch schakel.ErrorCode(act.err) {
	case schakel.EINVALID:
		if f, fallback := formOf(act.form); f != nil {
			showFormErrors(pg, f, fallback, act.err)
			return ""
		}
		return notNow
	case schakel.ECONFLICT:
		return withServiceReason(pg, notNow, act.err)
	}
	return ""
}
