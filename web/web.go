// Package web serves schakel's HTML pages: server-rendered, working without
// JavaScript, Dutch by default with English, in the look of Dutch government
// sites (NL Design System), accessible (WCAG 2.1 AA).
package web

import (
	"log/slog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// Handler serves the pages. Its methods are the page handlers;
// server/routes.go maps them to paths.
type Handler struct {
	Organisations schakel.OrganisationService
	Users         schakel.UserService
	Principles    schakel.PrincipleService
	Auth          *auth.Auth
	Clock         schakel.Clock
	Log           *slog.Logger
	Demo          bool
}
