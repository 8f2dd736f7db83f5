package web

import (
	"net/http"
)

// Site is who runs this schakel and what it keeps, for the pages every
// Dutch government website must have: contact, privacy statement and
// accessibility statement. It comes from the configuration.
type Site struct {
	// Operator is the organisation that runs this schakel; "" when the
	// operator has not set it, which the pages say plainly.
	Operator string
	// ContactEmail is where questions go, also about accessibility.
	ContactEmail string
	// PrivacyEmail is the data protection officer's address.
	PrivacyEmail string
	// RetentionRequestDays, RetentionBrakeDays and RetentionCaseDays are
	// the retention periods (decision 0016); 0 keeps the texts.
	RetentionRequestDays int
	RetentionBrakeDays   int
	RetentionCaseDays    int
}

// sitePageData is the Data of the contact and statement pages.
type sitePageData struct {
	Site
	// Features says which parts of schakel run here, so a statement
	// describes only what this site does.
	Brakes, Cases, Signals bool
}

func (h *Handler) sitePage(r *http.Request, w http.ResponseWriter, title, nav, tmpl string) {
	pg := h.newPage(r, title)
	pg.Nav = nav
	pg.Data = sitePageData{Site: h.Site, Brakes: h.Brakes != nil, Cases: h.Cases != nil, Signals: h.Signals != nil}
	h.render(w, r, http.StatusOK, tmpl, pg)
}

// ContactPage says who runs this schakel and where each kind of visitor
// goes with a question: a citizen to the organisation that decides about
// them, everyone else to the operator.
func (h *Handler) ContactPage(w http.ResponseWriter, r *http.Request) {
	h.sitePage(r, w, "Contact", "contact", "contact")
}

// PrivacyPage is the privacy statement: what schakel stores for each kind
// of emergency brake and the other records, for how long, and the rights
// of the people concerned.
func (h *Handler) PrivacyPage(w http.ResponseWriter, r *http.Request) {
	h.sitePage(r, w, "Privacyverklaring", "privacy", "privacy")
}

// AccessibilityPage is the accessibility statement in the shape of the
// Dutch model statement: the standard, how it is checked, what is known
// not to work yet and where to report a problem.
func (h *Handler) AccessibilityPage(w http.ResponseWriter, r *http.Request) {
	h.sitePage(r, w, "Toegankelijkheidsverklaring", "toegankelijkheid", "accessibility")
}
