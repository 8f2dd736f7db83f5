package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// page is what every template gets as its data ("$" in the templates).
//
// Conventions: texts are translated in the template with {{$.T "Dutch
// text" args…}}; dates with {{$.Date .CreatedAt}}; page-specific values go
// in Data (one struct type per page, named <page>Data); a form goes in Form
// and is rendered with the partials "error-summary" and "field" (see
// form.go). Inside {{range}} and {{with}} use $ to reach the page.
type page struct {
	translator
	h *Handler

	Title string        // the page's own title, translated; <title> adds " — schakel"
	Nav   string        // the main-nav item that is current: "home", "organisaties", "beginselen", "regelverwijzing" or ""
	User  *schakel.User // the logged-in user, or nil
	Path  string        // the request's path and query, to return to after a language switch
	Demo  bool          // demo mode: the demo login exists
	Form  *form         // the page's form, or nil
	Data  any           // the page-specific data
	// Restored says the page's form was filled in again with what was
	// typed before the session expired; Kept is that input when the page
	// has no form to put it in.
	Restored bool
	Kept     []keptField

	failed bool      // the page shows errors: its <title> starts with "Fout: "
	work   *workMemo // the Postvak's counts, looked up once when asked (inbox.go)
}

// newPage starts the data of a page for r.
func (h *Handler) newPage(r *http.Request, titleKey string) *page {
	pg := &page{
		translator: h.translator(r),
		h:          h,
		User:       auth.UserFrom(r.Context()),
		Path:       r.URL.RequestURI(),
		Demo:       h.Demo,
		work:       &workMemo{ctx: r.Context()},
	}
	pg.Title = pg.T(titleKey)
	return pg
}

// finishPage is the last step before a page is rendered: it puts back a
// draft kept through an expired session, and starts the title with
// "Fout: " when the page shows errors, so a screen reader hears it first.
func (h *Handler) finishPage(w http.ResponseWriter, r *http.Request, status int, pg *page) {
	if values := h.Auth.TakeDraft(w, r); values != nil {
		pg.restore(values)
	}
	failed := pg.Form != nil && len(pg.Form.summary) > 0
	if status == http.StatusBadRequest || status == http.StatusConflict || status == http.StatusUnprocessableEntity {
		failed = true
	}
	pg.failed = failed
}

// HeadTitle is the text of <title>: the page's title, after "Fout: " when
// the page shows errors (the heading keeps the title alone).
func (pg *page) HeadTitle() string {
	if pg.failed {
		return pg.T("Fout:") + " " + pg.Title
	}
	return pg.Title
}

// restore fills the page's form with values, a draft kept through an
// expired session, and says so; a page without a form shows the values so
// they can be copied.
func (pg *page) restore(values url.Values) {
	pg.Restored = true
	if pg.Form == nil {
		pg.Kept = keptFields(values)
		return
	}
	for name, v := range values {
		if len(pg.Form.values[name]) == 0 {
			pg.Form.values[name] = v
		}
	}
}

// Lang returns the page's language code, for <html lang>.
func (pg *page) Lang() string { return pg.lang }

// Date formats a time as a date in Europe/Amsterdam in the page's language.
func (pg *page) Date(t time.Time) string { return pg.date(t, pg.h.loc) }

// DatePtr is Date for an optional time; nil gives "".
func (pg *page) DatePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return pg.Date(*t)
}

// Asset returns the URL of a static file with its content hash, so the
// browser may cache it for long.
func (pg *page) Asset(p string) string {
	return "/static/" + p + "?v=" + pg.h.assets[p]
}

// LangURL returns the link that switches to lang and comes back here.
func (pg *page) LangURL(lang string) string {
	return "/taal/" + lang + "?terug=" + url.QueryEscape(pg.Path)
}

// OrgType returns the translated name of an organisation type.
func (pg *page) OrgType(t schakel.OrgType) string {
	if k, ok := orgTypeNames[t]; ok {
		return pg.T(k)
	}
	return string(t)
}

// OrgTypePlural returns the translated plural of an organisation type, for
// headings.
func (pg *page) OrgTypePlural(t schakel.OrgType) string {
	if k, ok := orgTypePlurals[t]; ok {
		return pg.T(k)
	}
	return string(t)
}

// Role returns the translated name of a role.
func (pg *page) Role(r schakel.Role) string {
	if k, ok := roleNames[r]; ok {
		return pg.T(k)
	}
	return string(r)
}

// Group returns the translated name of a principle group.
func (pg *page) Group(g schakel.PrincipleGroup) string {
	if k, ok := groupNames[g]; ok {
		return pg.T(k)
	}
	return string(g)
}

// PrincipleName returns the name of a principle in the page's language.
func (pg *page) PrincipleName(p *schakel.Principle) string {
	if pg.lang == langEN && p.NameEN != "" {
		return p.NameEN
	}
	return p.Name
}

var orgTypeNames = map[schakel.OrgType]string{
	schakel.OrgExecutive:    "uitvoeringsorganisatie",
	schakel.OrgInspectorate: "inspectie",
	schakel.OrgMunicipality: "gemeente",
	schakel.OrgProvince:     "provincie",
	schakel.OrgWaterBoard:   "waterschap",
	schakel.OrgMinistry:     "ministerie",
	schakel.OrgParliament:   "parlement",
}

var orgTypePlurals = map[schakel.OrgType]string{
	schakel.OrgExecutive:    "Uitvoeringsorganisaties",
	schakel.OrgInspectorate: "Inspecties",
	schakel.OrgMunicipality: "Gemeenten",
	schakel.OrgProvince:     "Provincies",
	schakel.OrgWaterBoard:   "Waterschappen",
	schakel.OrgMinistry:     "Ministeries",
	schakel.OrgParliament:   "Parlement",
}

var roleNames = map[schakel.Role]string{
	schakel.RoleProfessional:     "professional",
	schakel.RoleCoordinator:      "coördinator",
	schakel.RoleBoard:            "bestuur",
	schakel.RolePolicy:           "beleid",
	schakel.RoleMinister:         "bewindspersoon",
	schakel.RoleParliament:       "parlement",
	schakel.RoleAdmin:            "beheerder",
	schakel.RoleCounsel:          "vertrouwenspersoon",
	schakel.RoleSecretaryGeneral: "secretaris-generaal",
}

var groupNames = map[schakel.PrincipleGroup]string{
	schakel.GroupABBB:         "Algemene beginselen van behoorlijk bestuur",
	schakel.GroupRuleOfLaw:    "Rechtsstaat",
	schakel.GroupDemocracy:    "Democratie",
	schakel.GroupCapacity:     "Bestuurlijk vermogen",
	schakel.GroupOrganisation: "Eigen beginselen",
}
