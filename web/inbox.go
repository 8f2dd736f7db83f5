package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/inbox"
)

// The Postvak (/postvak): all work that awaits the user — requests for
// account to their roles (brakes, knelpunten put to a team and
// uitvoeringstoetsen among them), the cases their team must deliberate
// on, and the knelpunten still to be put — with due dates, sortable,
// filterable and paginated, what arrived since the last visit marked new.
// The menu and the home page show its counts; /instellingen turns the
// daily digest of the same list on or off.

// workMemo holds the Postvak's counts for one page, looked up on first
// use: most pages show them in the menu, and a failure to count must not
// break a page that is about something else.
type workMemo struct {
	ctx     context.Context
	done    bool
	summary *inbox.Summary
}

// Work returns the counts of the logged-in user's open work, or nil when
// nobody is logged in or they cannot be counted.
func (pg *page) Work() *inbox.Summary {
	if pg.work == nil || pg.User == nil || pg.h.Work == nil {
		return nil
	}
	if !pg.work.done {
		pg.work.done = true
		if s, err := pg.h.Work.Summary(pg.work.ctx, pg.User); err == nil {
			pg.work.summary = &s
		} else {
			pg.h.Log.WarnContext(pg.work.ctx, "postvak count", "code", schakel.ErrorCode(err))
		}
	}
	return pg.work.summary
}

// KindCount returns how many items of kind s counts; for templates.
func (pg *page) KindCount(s *inbox.Summary, kind string) int {
	if s == nil {
		return 0
	}
	return s.ByKind[inbox.Kind(kind)]
}

// NoticesAdmin reports whether the user administers an organisation's
// notification channels, for the menu.
func (pg *page) NoticesAdmin() bool {
	return pg.User != nil && pg.h.Notices != nil && pg.h.Notices.MayOperate(pg.User) == nil
}

// workKindNames are the kinds of work in words.
var workKindNames = map[inbox.Kind]string{
	inbox.KindCase:       "Casus",
	inbox.KindBrake:      "Noodrem",
	inbox.KindRequest:    "Verzoek",
	inbox.KindKnelpunt:   "Knelpunt",
	inbox.KindAssessment: "Uitvoeringstoets",
}

// WorkKind returns the name of a kind of work.
func (pg *page) WorkKind(k inbox.Kind) string {
	if n, ok := workKindNames[k]; ok {
		return pg.T(n)
	}
	return string(k)
}

// inboxFields is the filter of the Postvak, by the names of its query.
var inboxFields = []fieldSpec{
	{Name: "soort", Label: "Soort werk", Kind: kindSelect},
	{Name: "sorteer", Label: "Volgorde", Kind: kindSelect},
	{Name: "te-laat", Label: "Alleen wat te laat is", Kind: kindCheckbox},
}

// inboxData is the Data of the Postvak.
type inboxData struct {
	Items   []inbox.Item
	Summary inbox.Summary
	Total   int
	Page    int
	Pages   int
	PrevURL string
	NextURL string
	// Filtered is set when a filter narrows the list.
	Filtered bool
	Invalid  bool // the query was invalid: nothing is listed
	Orgs     orgIndex
}

// Inbox lists the open work of the user, soonest due date first or newest
// first, filtered by kind and lateness and paginated, and marks the visit
// so that what is listed now is not new next time; GET
// /postvak?soort=&te-laat=&sorteer=&pagina=.
func (h *Handler) Inbox(w http.ResponseWriter, r *http.Request) error {
	pg := h.newPage(r, "Postvak")
	pg.Nav = "postvak"
	if h.Work == nil {
		h.errorPage(w, r, http.StatusServiceUnavailable)
		return nil
	}
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om uw postvak te zien.")
	}
	q, qerr := inbox.ParseQuery(r.URL.Query())
	pg.Form = inboxForm(pg, r.URL.Query())
	if qerr != nil {
		pg.Form.AddFieldErrors(qerr, "soort")
		pg.Data = inboxData{Invalid: true, Page: 1, Pages: 1}
		h.render(w, r, http.StatusBadRequest, "inbox", pg)
		return nil
	}
	p, err := h.Work.List(r.Context(), pg.User, q)
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	d := inboxData{Items: p.Items, Summary: p.Summary, Total: p.Total, Page: q.Page, Pages: p.Pages, Orgs: orgs,
		Filtered: q.Kind != "" || q.OverdueOnly}
	d.PrevURL, d.NextURL = pageLinks("/postvak", q.Values(), q.Page, p.Pages)
	// The menu of this page counts what the page lists, new marks and all;
	// from now on what it showed is seen (not new work it did not show).
	pg.work.done, pg.work.summary = true, &p.Summary
	pg.Data = d
	h.render(w, r, http.StatusOK, "inbox", pg)
	if err := h.Work.MarkSeen(r.Context(), pg.User, p.SeenUntil); err != nil {
		h.Log.WarnContext(r.Context(), "postvak seen", "code", schakel.ErrorCode(err))
	}
	return nil
}

// inboxForm is the filter form of the Postvak with the query's values.
func inboxForm(pg *page, q url.Values) *form {
	f := newForm(pg.translator, inboxFields, filterValues(q, inboxFields))
	kinds := []option{{Value: "", Label: pg.T("Alle soorten werk")}}
	for _, k := range inbox.Kinds {
		kinds = append(kinds, option{Value: string(k), Label: pg.WorkKind(k)})
	}
	f.SetOptions("soort", kinds)
	f.SetOptions("sorteer", []option{
		{Value: string(inbox.SortDue), Label: pg.T("Kortste termijn eerst")},
		{Value: string(inbox.SortNewest), Label: pg.T("Nieuwste eerst")},
	})
	return f
}

// settingsFields is the form of /instellingen.
var settingsFields = []fieldSpec{
	{Name: "samenvatting", Label: "Stuur mij elke werkdag een e-mail met mijn open werk", Description: "Eén e-mail per dag, 's ochtends, met wat in uw postvak op u wacht en de termijnen. Alleen als er iets open staat.", Kind: kindCheckbox},
}

// settingsData is the Data of /instellingen.
type settingsData struct {
	Email string // the user's address, or ""
	Done  string // translated message after saving
}

// SettingsPage shows the user's settings of the Postvak: the daily
// digest; GET /instellingen.
func (h *Handler) SettingsPage(w http.ResponseWriter, r *http.Request) error {
	return h.renderSettings(w, r, http.StatusOK, nil, nil)
}

// SaveSettings saves the user's settings; POST /instellingen.
func (h *Handler) SaveSettings(w http.ResponseWriter, r *http.Request) error {
	if h.Work == nil {
		return errNoPage
	}
	if err := parseForm(r); err != nil {
		return err
	}
	on := r.PostForm.Get("samenvatting") != "" && r.PostForm.Get("samenvatting") != "0"
	err := h.Work.SetDigest(r.Context(), auth.UserFrom(r.Context()), on)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/instellingen?gedaan=opgeslagen", http.StatusSeeOther)
		return nil
	case schakel.EINVALID:
		return h.renderSettings(w, r, http.StatusBadRequest, r.PostForm, err)
	}
	return err
}

// renderSettings renders /instellingen with values and the error of a
// failed save.
func (h *Handler) renderSettings(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	if h.Work == nil {
		return errNoPage
	}
	pg := h.newPage(r, "Instellingen")
	ws, err := h.Work.Settings(r.Context(), pg.User)
	if err != nil {
		return err
	}
	if values == nil {
		values = url.Values{}
		if ws.Digest {
			values.Set("samenvatting", "1")
		}
	}
	pg.Form = newForm(pg.translator, settingsFields, values)
	if formErr != nil {
		pg.Form.AddFieldErrors(formErr, "samenvatting")
	}
	d := settingsData{Email: pg.User.Email}
	if formErr == nil && r.URL.Query().Get("gedaan") == "opgeslagen" {
		d.Done = pg.T("Uw instellingen zijn opgeslagen.")
	}
	pg.Data = d
	h.render(w, r, status, "settings", pg)
	return nil
}

// WorkKinds are the kinds of work as strings, for templates.
func (pg *page) WorkKinds() []string {
	out := make([]string, len(inbox.Kinds))
	for i, k := range inbox.Kinds {
		out[i] = string(k)
	}
	return out
}

// WorkKindName returns the name of a kind of work given as a string.
func (pg *page) WorkKindName(k string) string { return pg.WorkKind(inbox.Kind(k)) }
