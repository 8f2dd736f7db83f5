package auth

import (
	"html"
	"net/http"
)

// The texts of the login problem pages, in plain Dutch. They are fixed,
// never input, so the web package can translate them (its message maps
// hold every one of ProblemMessages).
const (
	MsgNotConfigured  = "Inloggen via een identiteitsprovider is hier niet ingesteld."
	MsgUnreachable    = "Inloggen kan nu even niet: de inlogdienst is niet bereikbaar. Probeer het over een paar minuten opnieuw."
	MsgNoAttempt      = "Er loopt geen inlogpoging (meer). Begin opnieuw met inloggen."
	MsgInvalidAttempt = "Deze inlogpoging is ongeldig of verlopen. Begin opnieuw met inloggen."
	MsgInvalid        = "Deze inlogpoging is ongeldig. Begin opnieuw met inloggen."
	MsgUnknownClient  = "Inloggen is niet gelukt: de inlogdienst kent deze toepassing niet. Meld dit aan de beheerder."
	MsgProviderOdd    = "Inloggen is niet gelukt: de inlogdienst antwoordde niet zoals verwacht. Probeer het later opnieuw."
	MsgUnusable       = "Inloggen is niet gelukt: de inlogdienst gaf onbruikbare gegevens."
	MsgOurFault       = "Inloggen is niet gelukt door een fout aan onze kant. Probeer het later opnieuw."
	MsgLogoutFault    = "Uitloggen is niet gelukt door een fout aan onze kant. Probeer het opnieuw."
	// MsgRefused is the 403 of a person the AccountService does not admit.
	MsgRefused = "U bent ingelogd bij de inlogdienst, maar u heeft nog geen toegang tot deze schakel. Vraag de beheerder van uw organisatie om u toegang te geven."
)

// ProblemMessages lists every text a login problem page can show.
var ProblemMessages = []string{MsgNotConfigured, MsgUnreachable, MsgNoAttempt, MsgInvalidAttempt, MsgInvalid,
	MsgUnknownClient, MsgProviderOdd, MsgUnusable, MsgOurFault, MsgLogoutFault, MsgRefused}

// problem answers a failed login or logout: with the Problem hook (the
// site's styled, translated page) when set, else a plain Dutch page.
func (a *Auth) problem(w http.ResponseWriter, r *http.Request, status int, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	if a.Problem != nil {
		a.Problem(w, r, status, msg)
		return
	}
	loginPage(w, status, msg)
}

// loginPage answers with a short Dutch page that says what went wrong with
// logging in or out, with links onward. msg is fixed text, never input.
func loginPage(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	title := "Inloggen"
	if status == http.StatusForbidden {
		title = "U heeft geen toegang"
	}
	w.Write([]byte(`<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>` + title + ` – Schakel</title></head>
<body>
<main>
<h1>` + title + `</h1>
<p>` + html.EscapeString(msg) + `</p>
<p><a href="/inloggen">Opnieuw inloggen</a> · <a href="/">Naar de startpagina</a></p>
</main>
</body>
</html>
`))
}
