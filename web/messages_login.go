package web

import "github.com/schakel-nl/schakel/auth"

// loginMessages is the English of the pages of a failed login or logout
// (issue 19): the texts of auth.ProblemMessages and the page around them.
// init merges them into the english catalogue.
var loginMessages = map[string]string{
	"Inloggen is niet gelukt":  "Logging in did not work",
	"Uitloggen is niet gelukt": "Logging out did not work",
	"U heeft geen toegang":     "You do not have access",
	"De beheerder van uw organisatie kan u aanmelden in Schakel. Daarna kunt u hier inloggen.": "Your organisation's administrator can register you in Schakel. After that you can log in here.",
	"Contact met de beheerders van deze schakel":                                               "Contact the administrators of this schakel",
	"Opnieuw inloggen":     "Log in again",
	"Naar de startpagina":  "To the home page",
	auth.MsgNotConfigured:  "Logging in through an identity provider is not set up here.",
	auth.MsgUnreachable:    "Logging in is not possible right now: the login service cannot be reached. Try again in a few minutes.",
	auth.MsgNoAttempt:      "There is no login attempt (any more). Start logging in again.",
	auth.MsgInvalidAttempt: "This login attempt is invalid or has expired. Start logging in again.",
	auth.MsgInvalid:        "This login attempt is invalid. Start logging in again.",
	auth.MsgUnknownClient:  "Logging in did not work: the login service does not know this application. Report this to the administrator.",
	auth.MsgProviderOdd:    "Logging in did not work: the login service did not answer as expected. Try again later.",
	auth.MsgUnusable:       "Logging in did not work: the login service gave unusable data.",
	auth.MsgOurFault:       "Logging in did not work because of an error on our side. Try again later.",
	auth.MsgLogoutFault:    "Logging out did not work because of an error on our side. Try again.",
	auth.MsgRefused:        "You are logged in at the login service, but you do not have access to this schakel yet. Ask your organisation's administrator to give you access.",
}

func init() {
	for k, v := range loginMessages {
		english[k] = v
	}
}
