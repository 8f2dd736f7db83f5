package web

import (
	"net/http"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// Switching an account off and on, and its history, on the user's
// administration page (issue 19). The directory decides who may; the
// switch-off ends the user's sessions at once.

func init() {
	adminDone["uitgeschakeld"] = "De gebruiker is uitgeschakeld. Alle sessies van de gebruiker zijn beëindigd."
	adminDone["ingeschakeld"] = "De gebruiker is weer ingeschakeld."
}

// switchFields is the optional reason of a switch, kept in the history.
func switchFields() []fieldSpec {
	return []fieldSpec{{Name: "reden", Label: "Reden", Description: "Komt in de geschiedenis van de gebruiker. Schrijf er geen persoonsgegevens in.", Autocomplete: "off", Spellcheck: true}}
}

// stateWords says whether u is switched off or prepared; long adds "on"
// for an ordinary account, which the list leaves out.
func stateWords(pg *page, u *schakel.User, long bool) string {
	switch {
	case u.DisabledAt != nil:
		return pg.T("Uitgeschakeld sinds %s", pg.DateTime(*u.DisabledAt))
	case u.Prepared():
		return pg.T("Voorbereid, nog niet ingelogd")
	case long:
		return pg.T("Ingeschakeld")
	}
	return ""
}

// historyRow is one line of a user's history in words.
type historyRow struct {
	At, What, How, Reason string
	ByID                  int64
}

// eventWords are the history's kinds in Dutch; role events add the role.
var eventWords = map[schakel.UserEventKind]string{
	schakel.UserPrepared:  "Voorbereid",
	schakel.UserCreated:   "Aangemaakt bij de eerste keer inloggen",
	schakel.UserBound:     "Gekoppeld aan de inlogdienst bij de eerste keer inloggen",
	schakel.UserMoved:     "Overgezet naar de nieuwe inlogdienst",
	schakel.UserDisabled:  "Uitgeschakeld",
	schakel.UserEnabled:   "Weer ingeschakeld",
	schakel.UserRoleGiven: "Rol gegeven: %s bij %s",
	schakel.UserRoleTaken: "Rol ingetrokken: %s bij %s",
}

// viaWords say by which way a change came.
var viaWords = map[schakel.Via]string{
	schakel.ViaPage:       "op de beheerpagina's",
	schakel.ViaAPI:        "via de API",
	schakel.ViaCommand:    "met de opdracht schakel user",
	schakel.ViaAccessRule: "door een toegangsregel",
	schakel.ViaClaimRule:  "door een rolregel",
	schakel.ViaLogin:      "bij het inloggen",
}

// historyRows reads and words the history of user id.
func (h *Handler) historyRows(r *http.Request, pg *page, id int64, byID map[int64]*schakel.Organisation) ([]historyRow, error) {
	es, err := h.Directory.History(r.Context(), pg.User, id)
	if err != nil {
		return nil, err
	}
	out := make([]historyRow, 0, len(es))
	for _, e := range es {
		row := historyRow{At: pg.DateTime(e.At), How: pg.T(viaWords[e.Via]), Reason: e.Reason, ByID: e.ByUserID}
		if e.Role != "" {
			org := strconv.FormatInt(e.OrganisationID, 10)
			if o := byID[e.OrganisationID]; o != nil {
				org = o.Name
			}
			row.What = pg.T(eventWords[e.Kind], pg.Role(e.Role), org)
		} else {
			row.What = pg.T(eventWords[e.Kind])
		}
		out = append(out, row)
	}
	return out, nil
}

// AdminDisableUser switches a user off; POST
// /beheer/gebruikers/{id}/uitschakelen.
func (h *Handler) AdminDisableUser(w http.ResponseWriter, r *http.Request) error {
	return h.switchUser(w, r, true)
}

// AdminEnableUser switches a user on again; POST
// /beheer/gebruikers/{id}/inschakelen.
func (h *Handler) AdminEnableUser(w http.ResponseWriter, r *http.Request) error {
	return h.switchUser(w, r, false)
}

// switchUser switches the user of the path off or on, showing a refusal
// on the page's switch form.
func (h *Handler) switchUser(w http.ResponseWriter, r *http.Request, off bool) error {
	if err := mayAdminister(r); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	x, err := h.Directory.SetDisabled(ctx, u, userID(r), off, schakel.ViaPage, r.PostForm.Get("reden"))
	if refused(err) {
		return h.renderAdminUser(w, r, formStatus(err), r.PostForm, nil, err)
	}
	if err != nil {
		return err
	}
	done := "ingeschakeld"
	if off {
		done = "uitgeschakeld"
	}
	h.Log.InfoContext(ctx, "user switched", "by", u.ID, "user", x.ID, "off", off)
	redirectDone(w, r, "/beheer/gebruikers/"+strconv.FormatInt(x.ID, 10), done, "")
	return nil
}
