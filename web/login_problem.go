package web

import (
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel/auth"
)

// loginProblemData is the Data of the page of a failed login or logout.
type loginProblemData struct {
	Status  int
	Message string // translated
	// Refused is a person the broker knows but schakel does not admit.
	Refused bool
}

// LoginProblem answers a failed login or logout with the site's page,
// translated like every other; the server sets it as auth.Auth.Problem.
// msg is one of auth.ProblemMessages.
func (h *Handler) LoginProblem(w http.ResponseWriter, r *http.Request, status int, msg string) {
	title := "Inloggen is niet gelukt"
	switch {
	case status == http.StatusForbidden:
		title = "U heeft geen toegang"
	case msg == auth.MsgLogoutFault:
		title = "Uitloggen is niet gelukt"
	}
	pg := h.newPage(r, title)
	pg.Data = loginProblemData{Status: status, Message: pg.T(msg), Refused: status == http.StatusForbidden}
	h.render(w, r, status, "login_problem", pg)
}

// loginStart is the link that starts a broker login and comes back to
// the local path terug ("" or "/": the home page).
func loginStart(terug string) string {
	if p := auth.SafeReturnPath(terug); p != "/" {
		return "/auth/oidc/start?terug=" + url.QueryEscape(p)
	}
	return "/auth/oidc/start"
}
