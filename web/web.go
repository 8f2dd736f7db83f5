// Package web serves schakel's HTML pages: server-rendered, working without
// JavaScript, Dutch by default with English, in the look of Dutch government
// sites (NL Design System), accessible (WCAG 2.1 AA).
//
// Conventions for adding a page:
//   - one handler method per page on *Handler, in a file per page group;
//   - one template file templates/<name>.html per page that defines
//     "content"; the layout and partials are shared and parsed once by New;
//   - the handler builds a *page with h.newPage(r), sets Title (translated),
//     Nav and Data, and calls h.render(w, r, status, "<name>", pg);
//   - every visible text in a template goes through {{$.T "Nederlandse tekst"}}
//     and needs an English entry in messages.go (a test enforces this).
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/schakel-nl/schakel/assessments"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam without relying on the host's zoneinfo

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/proofs"
	"github.com/schakel-nl/schakel/reports"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/running"
	"github.com/schakel-nl/schakel/signals"
)

//go:embed templates static
var files embed.FS

// Handler serves the pages. Its methods are the page handlers;
// server/routes.go maps them to paths. Build it with New.
type Handler struct {
	// Directory reads the organisations, users and the principle catalogue,
	// and extends the catalogue.
	Directory *directory.Service
	Requests  *requests.Service
	Calendar  *calendar.Calendar
	Auth      *auth.Auth
	Clock     schakel.Clock
	Log       *slog.Logger
	Demo      bool
	// Proofs reads the ledger for /logboek; nil shows no checkpoint.
	Proofs *proofs.Service
	// LedgerKey is the log's verifier key, shown on /logboek.
	LedgerKey string
	// BaseURL is the configured public URL; "" uses the request's host.
	BaseURL string
	// Brakes pulls and follows emergency brakes; nil hides the brake pages.
	Brakes *brakes.Service
	// Cases runs the maatwerkplaats; nil hides its pages.
	Cases *cases.Service
	// Signals files signals and moves knelpunten and letters.
	Signals *signals.Service
	// Assessments registers proposals and moves their assessments.
	Assessments *assessments.Service
	// Figures is the parliament view, the yearly report and open data.
	Figures *figures.Service
	// Notices is the notification queue, for the operators' page; nil
	// hides that page.
	Notices *notifications.Service
	// Erasure erases the texts of ended records, for the operators' page;
	// nil hides that page.
	Erasure *erasure.Service
	// Reports are the yearly Staat van de Uitvoering and its public
	// record.
	Reports *reports.Service
	// Running shows the long jobs running in this process, for the
	// operators' page; nil hides that page.
	Running *running.Service
	// Terms keeps the organisations' own terms, for the administration
	// pages; nil hides their terms section.
	Terms *requests.TermSettings
	// Work is the Postvak (the inbox service); nil shows the requests only
	// and no counts.
	Work *inbox.Service
	// Address returns the client's address, only to throttle the public
	// brake pages; it is never stored or logged.
	Address func(*http.Request) string
	// Site is who runs this schakel and what it keeps, for the contact
	// page and the statements.
	Site Site

	pages  map[string]*template.Template // by page name, each with layout and partials
	tokens *formTokens                   // one-time tokens of public forms (formtoken.go)
	loc    *time.Location
	static fs.FS
	assets map[string]string // static path → content hash, for cache busting
	// formPages maps each POST page pattern to the path pattern of the page
	// holding its form (FormPageRoutes).
	formPages map[string]string
}

// layoutFiles are parsed into every page's template set.
var layoutFiles = []string{"templates/layout.html", "templates/partials.html", "templates/brake_partials.html", "templates/case_partials.html", "templates/assessment_partials.html", "templates/parliament_partials.html", "templates/work_summary.html"}

// New checks h's dependencies, parses every template once and returns the
// handler ready to serve.
func New(h Handler) (*Handler, error) {
	if h.Clock == nil {
		h.Clock = schakel.SystemClock{}
	}
	switch {
	case h.Directory == nil:
		return nil, errors.New("web: Directory is required")
	case h.Auth == nil:
		return nil, errors.New("web: Auth is required")
	}
	if h.Log == nil {
		h.Log = slog.Default()
	}
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return nil, fmt.Errorf("web: load time zone: %w", err)
	}
	h.loc = loc
	h.tokens = newFormTokens()
	if h.pages, err = parsePages(files); err != nil {
		return nil, err
	}
	if h.static, err = fs.Sub(files, "static"); err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	if h.assets, err = hashAssets(h.static); err != nil {
		return nil, err
	}
	return &h, nil
}

// parsePages parses the layout and partials once, then clones them for each
// page file of templates/ (every file but the layout files).
func parsePages(fsys fs.FS) (map[string]*template.Template, error) {
	base, err := template.New("layout").Funcs(funcs).ParseFS(fsys, layoutFiles...)
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		if isLayoutFile(name) {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(fsys, name); err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", name, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("web: %s defines no \"content\"", name)
		}
		pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return pages, nil
}

func isLayoutFile(name string) bool {
	for _, l := range layoutFiles {
		if l == name {
			return true
		}
	}
	return false
}

// funcs are the template functions that do not depend on the request;
// everything that does (translation, dates) is a method of *page.
var funcs = template.FuncMap{
	"orgTypes": func() []schakel.OrgType { return schakel.OrgTypes },
	// dict passes the page and one value to a partial: {{template "x" (dict $ .)}}.
	"dict": func(pg *page, v any) pageValue { return pageValue{Page: pg, Value: v} },
	// inc counts from one where Go counts from zero: {{inc $i}}.
	"inc":         func(i int) int { return i + 1 },
	"groundField": groundField,
}

// pageValue is the data of a partial that needs the page and one value.
type pageValue struct {
	Page  *page
	Value any
}

// render executes the page template name with pg into a buffer and writes
// it with status, so a template error never sends half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, pg *page) {
	t, ok := h.pages[name]
	if !ok {
		h.serverError(w, r, fmt.Errorf("web: no page template %q", name))
		return
	}
	h.finishPage(w, r, status, pg)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", pg); err != nil {
		h.Log.ErrorContext(r.Context(), "render page", slog.String("page", name), slog.Any("err", err))
		http.Error(w, pg.T("Er ging iets mis aan onze kant."), http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Language", pg.lang)
	hd.Set("Cache-Control", "no-store")
	hd.Add("Vary", "Cookie")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// hashAssets returns a short content hash of every static file; pages link
// to /static/<path>?v=<hash>, so a changed file gets a new URL and the old
// one may be cached for a year.
func hashAssets(fsys fs.FS) (map[string]string, error) {
	m := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: hash static files: %w", err)
	}
	return m, nil
}

// Static serves the embedded files of static/ under /static/. Vendored files
// are immutable between releases and cached for a year; schakel.css for an
// hour, since it changes with the templates.
func (h *Handler) Static() http.Handler {
	fileServer := http.StripPrefix("/static/", http.FileServerFS(h.static))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/static/")
		if p == "" || strings.HasSuffix(p, "/") {
			// No directory listings.
			h.NotFound(w, r)
			return
		}
		if f, err := h.static.Open(p); err != nil {
			h.NotFound(w, r)
			return
		} else {
			f.Close()
		}
		if strings.HasPrefix(p, "vendor/") || r.URL.Query().Get("v") == h.assets[p] {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=3600")
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		fileServer.ServeHTTP(w, r)
	})
}
