package e2e

import (
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
)

// loggedOut is the sweep's visitor without a login: a citizen, a
// journalist, anyone.
const loggedOut schakel.Role = ""

// sweepUsers names, for each role, the demo user the sweep logs in as
// (demo/demo.go). TestSweepCoversRoles holds it to schakel.Roles.
var sweepUsers = map[schakel.Role]string{
	schakel.RoleProfessional:     "Fatima El Amrani",
	schakel.RoleCoordinator:      "Jeroen Bakker",
	schakel.RoleBoard:            "Marleen Visser",
	schakel.RolePolicy:           "Eva Smit",
	schakel.RoleMinister:         "Minister van SZW",
	schakel.RoleParliament:       "Kamerlid Hanna Bos",
	schakel.RoleAdmin:            "Rik Vermeulen",
	schakel.RoleCounsel:          "Vertrouwenspersoon Marco Jansen",
	schakel.RoleSecretaryGeneral: "Secretaris-generaal van SZW",
}

// Shorthands for the sweep table's "as" column.
var (
	anyone   = append([]schakel.Role{loggedOut}, schakel.Roles...)
	staff    = schakel.Roles
	public   = []schakel.Role{loggedOut}
	prof     = schakel.RoleProfessional
	coord    = schakel.RoleCoordinator
	board    = schakel.RoleBoard
	policy   = schakel.RolePolicy
	minister = schakel.RoleMinister
	member   = schakel.RoleParliament
	admin    = schakel.RoleAdmin
	counsel  = schakel.RoleCounsel
	sg       = schakel.RoleSecretaryGeneral
)

// sweepPage is one line of the accessibility sweep: a page, who looks at
// it, and what it answers.
type sweepPage struct {
	// route is the pattern as server/routes.go registers it; the guard
	// TestSweepCoversRoutes holds the table to routes.go by it.
	route string
	// path is what the browser opens. A {name} in it is filled in, for
	// each visitor, from what that visitor can follow (sweepFinds) or
	// from sweepFixed.
	path string
	// as lists who looks at the page: loggedOut and roles (sweepUsers).
	as []schakel.Role
	// expect is what the page answers: a page of the site in the chosen
	// language, unless it says otherwise.
	expect expect
	// shot names the page's screenshots (<shot>-<width>.png, or
	// <shot>-<role>-<width>.png when logged in) when SCHAKEL_SCREENSHOTS is
	// set; "" takes none. Main pages only.
	shot string
}

// expect is what a page of the sweep answers.
type expect int

const (
	// sitePage: status 200, in the language chosen.
	sitePage expect = iota
	// badInput: status 400, a form sent back with its errors.
	badInput
	// notFound: status 404, the error page.
	notFound
	// dutchDocument: status 200, a standalone document without the site's
	// layout, in Dutch whatever the visitor chose (a letter, a report).
	dutchDocument
)

// sweepPages is every HTML page of schakel, as the accessibility sweep
// opens it. A new page is one line here; TestSweepCoversRoutes fails until
// it is. Pages that look different per role (the home page, the Postvak)
// are looked at by every role; pages behind a role by the roles that work
// with them; public pages logged out (the header and menu of a logged-in
// user are covered by the pages every role sees).
var sweepPages = []sweepPage{
	{"GET /{$}", "/", anyone, sitePage, "home"},
	{"GET /postvak", "/postvak", staff, sitePage, "postvak"},
	{"GET /inloggen", "/inloggen", public, sitePage, "inloggen"},
	{"GET /demo/inloggen", "/demo/inloggen", public, sitePage, ""},
	{"GET /organisaties", "/organisaties", public, sitePage, "organisaties"},
	{"GET /organisaties/{code}", "/organisaties/{organisation}", []schakel.Role{loggedOut, admin, coord}, sitePage, "organisatie"},
	{"GET /beginselen", "/beginselen", []schakel.Role{loggedOut, admin}, sitePage, ""},
	{"GET /regelverwijzing", "/regelverwijzing", public, sitePage, ""},
	// A reference schakel cannot read: the form sent back with its errors.
	{"GET /regelverwijzing", "/regelverwijzing?verwijzing=%3F%3F", public, badInput, ""},
	{"GET /termijn", "/termijn", public, sitePage, ""},
	{"GET /logboek", "/logboek", public, sitePage, "logboek"},
	{"GET /verzoeken", "/verzoeken", []schakel.Role{prof, coord, policy, minister}, sitePage, "verzoeken"},
	{"GET /verzoeken/nieuw", "/verzoeken/nieuw", []schakel.Role{prof}, sitePage, "verzoek-nieuw"},
	{"GET /verzoeken/{id}", "/verzoeken/{request}", []schakel.Role{prof, coord, board, policy, minister}, sitePage, "verzoek"},
	{"GET /noodrem", "/noodrem", []schakel.Role{loggedOut, prof}, sitePage, "noodrem"},
	{"GET /noodrem/burger", "/noodrem/burger", public, sitePage, "noodrem-burger"},
	{"GET /noodrem/professional", "/noodrem/professional", []schakel.Role{prof, counsel}, sitePage, "noodrem-professional"},
	{"GET /noodrem/organisatie", "/noodrem/organisatie", []schakel.Role{board}, sitePage, "noodrem-organisatie"},
	{"GET /noodrem/volgen", "/noodrem/volgen", public, sitePage, "noodrem-volgen"},
	{"GET /noodremmen", "/noodremmen", public, sitePage, "noodremmen"},
	{"GET /noodremmen/{id}", "/noodremmen/{brake}", public, sitePage, "noodrem-register"},
	{"GET /parlement", "/parlement", []schakel.Role{loggedOut, member}, sitePage, "parlement"},
	{"GET /parlement/verzoeken", "/parlement/verzoeken", []schakel.Role{loggedOut, member}, sitePage, ""},
	{"GET /parlement/staat-van-de-uitvoering", "/parlement/staat-van-de-uitvoering", public, sitePage, ""},
	{"GET /parlement/staat-van-de-uitvoering/{jaar}", "/parlement/staat-van-de-uitvoering/{year}", public, sitePage, ""},
	{"GET /parlement/staat-van-de-uitvoering/{jaar}", "/parlement/staat-van-de-uitvoering/{year}.html", public, dutchDocument, ""},
	{"GET /kamercommissies", "/kamercommissies", []schakel.Role{loggedOut, member}, sitePage, ""},
	{"GET /beheer/meldingen", "/beheer/meldingen", []schakel.Role{admin}, sitePage, "beheer-meldingen"},
	{"GET /beheer/wissen", "/beheer/wissen", []schakel.Role{admin}, sitePage, ""},
	{"GET /beheer/taken", "/beheer/taken", []schakel.Role{admin}, sitePage, ""},
	{"GET /signalen/nieuw", "/signalen/nieuw", []schakel.Role{prof}, sitePage, "signaal-nieuw"},
	{"GET /signalen/{id}", "/signalen/{signal}", []schakel.Role{coord}, sitePage, "signaal"},
	{"GET /knelpunten", "/knelpunten", []schakel.Role{loggedOut, policy}, sitePage, "knelpunten"},
	{"GET /knelpunten/{id}", "/knelpunten/{knelpunt}", []schakel.Role{loggedOut, policy}, sitePage, "knelpunt"},
	{"GET /knelpuntenbrieven", "/knelpuntenbrieven", []schakel.Role{policy, board}, sitePage, ""},
	{"GET /knelpuntenbrieven/nieuw", "/knelpuntenbrieven/nieuw", []schakel.Role{board}, sitePage, ""},
	{"GET /knelpuntenbrieven/{id}", "/knelpuntenbrieven/{letter}", []schakel.Role{policy}, sitePage, ""},
	{"GET /knelpuntenbrieven/{id}/{file}", "/knelpuntenbrieven/{letter}/brief.html", []schakel.Role{policy}, dutchDocument, ""},
	{"GET /wetten", "/wetten", public, sitePage, "wetten"},
	{"GET /wetten/{bwb}", "/wetten/{law}", public, sitePage, ""},
	{"GET /voorstellen", "/voorstellen", []schakel.Role{loggedOut, policy}, sitePage, "voorstellen"},
	{"GET /voorstellen/nieuw", "/voorstellen/nieuw", []schakel.Role{policy}, sitePage, ""},
	{"GET /voorstellen/{id}", "/voorstellen/{proposal}", []schakel.Role{loggedOut, policy, sg}, sitePage, "voorstel"},
	{"GET /uitvoeringstoetsen/{id}", "/uitvoeringstoetsen/{assessment}", []schakel.Role{policy}, sitePage, "uitvoeringstoets"},
	{"GET /casussen", "/casussen", []schakel.Role{prof, coord}, sitePage, "casussen"},
	{"GET /casussen/nieuw", "/casussen/nieuw", []schakel.Role{prof}, sitePage, "casus-nieuw"},
	{"GET /casussen/{id}", "/casussen/{case}", []schakel.Role{prof, coord}, sitePage, "casus"},
	{"GET /casussen/{id}/publicatie", "/casussen/{decided}/publicatie", []schakel.Role{board}, sitePage, ""},
	{"GET /casussen/{id}/correctie", "/casussen/{published}/correctie", []schakel.Role{board}, sitePage, ""},
	{"GET /casusprudentie", "/casusprudentie", public, sitePage, "casusprudentie"},
	{"GET /casusprudentie/{id}", "/casusprudentie/{precedent}", public, sitePage, ""},
	{"GET /open-data", "/open-data", public, sitePage, ""},
	{"GET /contact", "/contact", public, sitePage, "contact"},
	{"GET /privacy", "/privacy", public, sitePage, "privacy"},
	{"GET /toegankelijkheid", "/toegankelijkheid", public, sitePage, "toegankelijkheid"},
	{"GET /instellingen", "/instellingen", []schakel.Role{prof, coord}, sitePage, "instellingen"},
	{"GET /beheer", "/beheer", []schakel.Role{admin}, sitePage, "beheer"},
	{"GET /beheer/organisaties", "/beheer/organisaties", []schakel.Role{admin}, sitePage, "beheer-organisaties"},
	{"GET /beheer/organisaties/{code}", "/beheer/organisaties/{administered}", []schakel.Role{admin}, sitePage, "beheer-organisatie"},
	{"GET /beheer/organisaties/{code}/termijnen/{type}", "/beheer/organisaties/{termsof}/termijnen/verzoek", []schakel.Role{admin}, sitePage, ""},
	{"GET /beheer/gebruikers", "/beheer/gebruikers", []schakel.Role{admin}, sitePage, "beheer-gebruikers"},
	{"GET /beheer/gebruikers/{id}", "/beheer/gebruikers/{member}", []schakel.Role{admin}, sitePage, ""},
	// The error page, through the catch-all route.
	{"/", "/bestaat-niet", []schakel.Role{loggedOut, prof}, notFound, ""},
}

// sweepExcluded are the GET routes of server/routes.go that answer no HTML
// page, so the sweep leaves them out, each with the reason.
var sweepExcluded = map[string]string{
	"GET /healthz":                         "operations: plain text",
	"GET /readyz":                          "operations: plain text",
	"GET /metrics":                         "operations: Prometheus text",
	"GET /log/checkpoint":                  "public record: tlog checkpoint (text)",
	"GET /log/tile/{rest...}":              "public record: binary tiles",
	"GET /auth/oidc/start":                 "login: a redirect to the identity provider",
	"GET /auth/oidc/callback":              "login: a redirect back from the identity provider",
	"GET /taal/{taal}":                     "a redirect that sets the language cookie (the sweep uses it)",
	"GET /open-data/{file}":                "open data files: CSV and JSON",
	"GET /feeds/{file}":                    "feeds: Atom XML",
	"GET /static/":                         "static files: CSS, scripts, images",
	"GET /favicon.ico":                     "a redirect to the icon",
	"GET /noodrem/burger/ontvangst":        "exists only right after a pull in the same browser: e2e/citizen_test.go checks it with axe-core",
	"GET /noodrem/burger/ontvangst/pdf":    "the receipt as PDF",
	"GET /beheer/meldingen/nieuwe-webhook": "exists only right after a webhook is made in the same browser: e2e/work_test.go checks it with axe-core; else a redirect",
	"GET /noodrem/professional/ontvangst":  "exists only right after an anonymous pull in the same browser: e2e/brake_test.go checks it with axe-core",
}

// sweepFind says how a visitor finds a value for a {name} in a path: the
// first link on page list (or, with via, on a page linked from list whose
// path matches via) whose path matches want; want's first group is the
// value. Each visitor finds its own, so a page is opened with something
// that visitor may see.
type sweepFind struct{ list, via, want string }

// sweepFinds fill the {names} of sweepPages' paths.
var sweepFinds = map[string]sweepFind{
	"organisation": {"/organisaties", "", `^/organisaties/([a-z0-9-]+)$`},
	"request":      {"/verzoeken", "", `^/verzoeken/(\d+)$`},
	"brake":        {"/noodremmen", "", `^/noodremmen/([A-Za-z0-9-]+)$`},
	"signal":       {"/knelpunten", `^/knelpunten/\d+$`, `^/signalen/(\d+)$`},
	"knelpunt":     {"/knelpunten", "", `^/knelpunten/(\d+)$`},
	"letter":       {"/knelpuntenbrieven", "", `^/knelpuntenbrieven/(\d+)$`},
	"law":          {"/wetten", "", `^/wetten/([A-Za-z0-9_.-]+)$`},
	"proposal":     {"/voorstellen", "", `^/voorstellen/(\d+)$`},
	"assessment":   {"/voorstellen", `^/voorstellen/\d+$`, `^/uitvoeringstoetsen/(\d+)$`},
	"case":         {"/casussen", "", `^/casussen/(\d+)$`},
	"decided":      {"/casussen", `^/casussen/\d+$`, `^/casussen/(\d+)/publicatie$`},
	"published":    {"/casussen", `^/casussen/\d+$`, `^/casussen/(\d+)/correctie$`},
	"precedent":    {"/casusprudentie", "", `^/casusprudentie/([A-Za-z0-9-]+)$`},
	"administered": {"/beheer/organisaties", "", `^/beheer/organisaties/([a-z0-9-]+)$`},
	"member":       {"/beheer/gebruikers", "", `^/beheer/gebruikers/(\d+)$`},
	// An organisation whose terms the visitor may change: its page links
	// to the terms form (a page the visitor may only read does not).
	"termsof": {"/beheer/organisaties", `^/beheer/organisaties/[a-z0-9-]+$`, `^/beheer/organisaties/([a-z0-9-]+)/termijnen/verzoek$`},
}

// sweepFixed are {names} that need no looking up.
var sweepFixed = map[string]string{
	"year": strconv.Itoa(time.Now().Year()),
}

// knownViolation is an accessibility problem the sweep knows of and does
// not fail on, because the page's template is being rewritten by others.
// Empty fields match anything. The goal is an empty list: an entry that no
// longer matches anything fails the sweep, so it is removed once fixed.
type knownViolation struct {
	route string // as in sweepPages
	who   string // roleName: "logged-out", "professional", …
	lang  string
	width int64
	rule  string // axe rule id, or "reflow"
	why   string
}

// knownViolations: see knownViolation.
var knownViolations = []knownViolation{}
