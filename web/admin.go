package web

import (
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
)

// The administration pages under /beheer (issue 15, item 2): an index of
// every page an administrator has, the organisations with their teams,
// terms and contact persons, and the users with their roles. Every change
// goes through the same services as the API (the directory and the term
// settings), so it is validated and recorded the same way; who may do what
// is decided there (authz), the pages only hide what would be refused.

// adminNav is the main-nav item of every administration page.
const adminNav = "beheer"

// AdminOn reports whether the viewer administers some organisation, for
// the navigation.
func (pg *page) AdminOn() bool { return directory.MayAdminister(pg.User) }

// adminLink is one entry of the administration index.
type adminLink struct {
	Href, Title, Description string
}

// adminIndexData is the Data of /beheer.
type adminIndexData struct {
	Links []adminLink
}

// mayAdminister returns EUNAUTHORIZED without a user and EFORBIDDEN for
// someone who administers no organisation.
func mayAdminister(r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om dit te doen.")
	}
	if !directory.MayAdminister(u) {
		return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	return nil
}

// AdminIndex lists the administration pages; GET /beheer.
func (h *Handler) AdminIndex(w http.ResponseWriter, r *http.Request) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	pg := h.newPage(r, "Beheer")
	pg.Nav = adminNav
	d := adminIndexData{Links: []adminLink{
		{"/beheer/organisaties", pg.T("Organisaties"), pg.T("Organisaties aanmaken; per organisatie de teams, de termijnen per soort verzoek en de contactpersonen voor het parlement.")},
		{"/beheer/gebruikers", pg.T("Gebruikers en rollen"), pg.T("Gebruikers aanmelden en hun rollen geven of intrekken.")},
	}}
	if h.Notices != nil {
		d.Links = append(d.Links, adminLink{"/beheer/meldingen", pg.T("Meldingen en webhooks"), pg.T("E-mailadressen en webhooks die horen van nieuw werk, een proefbericht sturen, en wat er met elke melding gebeurde.")})
	}
	if h.Erasure != nil {
		d.Links = append(d.Links, adminLink{"/beheer/wissen", pg.T("Teksten wissen"), pg.T("De teksten van een afgesloten verzoek, noodrem of casus wissen op verzoek van de betrokkene.")})
	}
	if h.Running != nil && h.Running.MayView(pg.User) == nil {
		d.Links = append(d.Links, adminLink{"/beheer/taken", pg.T("Lopende taken"), pg.T("De lange taken van deze server: hoe ver ze zijn, hoe snel ze gaan en hoe lang ze nog duren.")})
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "admin_index", pg)
	return nil
}

// adminDone are the confirmations shown after a change, by the value of
// ?klaar= a post redirects to; anything else shows none.
var adminDone = map[string]string{
	"organisatie":     "De organisatie is aangemaakt.",
	"team":            "Het team is toegevoegd.",
	"termijnen":       "De termijnen zijn opgeslagen.",
	"standaard":       "De standaardtermijnen gelden weer.",
	"contactpersoon":  "De contactpersoon is toegevoegd.",
	"ingetrokken":     "De contactpersoon is ingetrokken.",
	"gebruiker":       "De gebruiker is aangemeld.",
	"rol":             "De rol is gegeven.",
	"rol-ingetrokken": "De rol is ingetrokken.",
}

// doneMessage returns the translated confirmation of r's ?klaar=, or "".
func doneMessage(pg *page, r *http.Request) string {
	if k, ok := adminDone[r.URL.Query().Get("klaar")]; ok {
		return pg.T(k)
	}
	return ""
}

// redirectDone answers a successful post: back to path, with the
// confirmation done (a key of adminDone), so a reload does not post again.
func redirectDone(w http.ResponseWriter, r *http.Request, path, done, anchor string) {
	http.Redirect(w, r, path+"?klaar="+url.QueryEscape(done)+anchor, http.StatusSeeOther)
}

// formStatus is the status of a page shown again with a refused form.
func formStatus(err error) int {
	switch schakel.ErrorCode(err) {
	case schakel.EFORBIDDEN:
		return http.StatusForbidden
	case schakel.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusBadRequest
}

// refused reports whether err is one a form shows on its fields rather
// than as an error page.
func refused(err error) bool {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID, schakel.ECONFLICT:
		return true
	}
	return false
}

// putErrors puts err on f: its field errors, and anything else on
// fallback.
func putErrors(pg *page, f *form, err error, fallback string) {
	if !f.AddFieldErrors(err, fallback) {
		f.AddError(fallback, pg.ErrorMessage(err))
	}
	pg.Form = f
}
