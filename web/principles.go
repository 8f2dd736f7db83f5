package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
)

// principlesData is the Data of the catalogue page.
type principlesData struct {
	Groups       []principleGroup
	ShowRetired  bool  // ?ingetrokken=1
	AdminOrg     int64 // the organisation a new principle is added for; 0 when the viewer may not add
	AdminOrgName string
}

// principleGroup is one group of the catalogue with its top principles.
type principleGroup struct {
	Group      schakel.PrincipleGroup
	Principles []principleNode
}

// principleNode is a top principle with its elements.
type principleNode struct {
	*schakel.Principle
	Elements []*schakel.Principle
}

// principleFields are the fields of the form "Beginsel toevoegen".
var principleFields = []fieldSpec{
	{Name: "code", Label: "Code", Description: "Een vaste naam voor verwijzingen: kleine letters, cijfers en koppeltekens, zoals integriteit. De code kan later niet meer veranderen.", Required: true, Autocomplete: "off"},
	{Name: "naam", Label: "Naam", Description: "De Nederlandse naam van het beginsel.", Required: true, Spellcheck: true},
	{Name: "naamEn", Label: "Engelse naam", Description: "De naam in het Engels, voor de Engelse pagina's.", Required: true, Spellcheck: true},
	{Name: "ouder", Label: "Onderdeel van", Description: "Kies het beginsel waarvan dit een onderdeel is, of laat leeg voor een zelfstandig beginsel.", Kind: kindSelect},
	{Name: "bron", Label: "Bron", Description: "Bijvoorbeeld een wetsartikel of de gedragscode van uw organisatie."},
	{Name: "omschrijving", Label: "Omschrijving", Description: "In een of twee zinnen, in gewone taal.", Kind: kindTextarea, Spellcheck: true},
}

// PrinciplesPage shows the principle catalogue by group, elements nested
// under their principle; retired principles only with ?ingetrokken=1;
// GET /beginselen. Catalogue admins also get the form to add a principle.
// (Not "Principles": that is the field holding the PrincipleStore.)
func (h *Handler) PrinciplesPage(w http.ResponseWriter, r *http.Request) error {
	return h.renderPrinciples(w, r, http.StatusOK, nil, nil)
}

// CreatePrinciple adds a principle of the group "eigen" for the admin's
// organisation (POST /beginselen), and shows the catalogue again with the
// errors when the input is invalid.
func (h *Handler) CreatePrinciple(w http.ResponseWriter, r *http.Request) error {
	pg := h.newPage(r, "Beginselen")
	orgID, err := catalogueOrg(pg.User)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	p := &schakel.Principle{
		Code:           strings.TrimSpace(f.Get("code")),
		Group:          schakel.GroupOrganisation,
		Parent:         strings.TrimSpace(f.Get("ouder")),
		Name:           strings.TrimSpace(f.Get("naam")),
		NameEN:         strings.TrimSpace(f.Get("naamEn")),
		Source:         strings.TrimSpace(f.Get("bron")),
		Description:    strings.TrimSpace(f.Get("omschrijving")),
		OrganisationID: orgID,
	}
	var v schakel.Validation
	if err := v.Merge("", p.Validate()); err != nil {
		return err
	}
	// The store checks the parent only once the rest is valid; check it
	// here too, so every error is reported at once.
	if p.Parent != "" && p.Parent != p.Code {
		parent, err := h.Principles.Principle(r.Context(), p.Parent)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("ouder", "unknown", "Beginsel %q bestaat niet.", p.Parent)
		case err != nil:
			return err
		case parent.Parent != "" || parent.Retired():
			v.Add("ouder", "not_top", "Kies een beginsel uit de lijst; een onderdeel kan geen eigen onderdelen hebben.")
		}
	}
	if err := v.Err(); err != nil {
		return h.renderPrinciples(w, r, http.StatusBadRequest, f, err)
	}
	err = h.Principles.CreatePrinciple(r.Context(), p)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/beginselen#"+url.PathEscape(p.Code), http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderPrinciples(w, r, http.StatusBadRequest, f, err)
	case schakel.ECONFLICT:
		var v schakel.Validation
		v.Add("code", "taken", "Er is al een beginsel met deze code, misschien ingetrokken. Kies een andere code.")
		return h.renderPrinciples(w, r, http.StatusConflict, f, v.Err())
	default:
		return err
	}
	return nil
}

// catalogueOrg returns the first organisation where u may manage the
// catalogue: EUNAUTHORIZED without user, EFORBIDDEN when there is none.
func catalogueOrg(u *schakel.User) (int64, error) {
	if u == nil {
		return 0, authz.Can(nil, authz.ManageCatalogue, 0)
	}
	for _, m := range u.Memberships {
		if authz.Can(u, authz.ManageCatalogue, m.OrganisationID) == nil {
			return m.OrganisationID, nil
		}
	}
	return 0, schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
}

// renderPrinciples renders the catalogue; values and err are the input and
// errors of a failed attempt to add a principle.
func (h *Handler) renderPrinciples(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Beginselen")
	pg.Nav = "beginselen"
	showRetired := r.URL.Query().Get("ingetrokken") == "1"
	ps, err := h.Principles.Principles(r.Context(), schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		return err
	}
	d := principlesData{ShowRetired: showRetired, Groups: groupPrinciples(ps, showRetired)}
	if orgID, err := catalogueOrg(pg.User); err == nil {
		d.AdminOrg = orgID
		o, err := h.Organisations.Organisation(r.Context(), orgID)
		if err != nil {
			return err
		}
		d.AdminOrgName = o.Name
		pg.Form = newForm(pg.translator, principleFields, values)
		opts := []option{{Value: "", Label: pg.T("geen: een zelfstandig beginsel")}}
		for _, p := range ps {
			if p.Parent == "" && !p.Retired() {
				opts = append(opts, option{Value: p.Code, Label: pg.PrincipleName(p) + " (" + pg.Group(p.Group) + ")"})
			}
		}
		pg.Form.SetOptions("ouder", opts)
		if formErr != nil && !pg.Form.AddFieldErrors(formErr, "code") {
			pg.Form.AddError("code", pg.ErrorMessage(formErr))
		}
	}
	pg.Data = d
	h.render(w, r, status, "principles", pg)
	return nil
}

// principleByCode returns the principle of ps with code, or nil (also for
// "").
func principleByCode(ps []*schakel.Principle, code string) *schakel.Principle {
	for _, p := range ps {
		if code != "" && p.Code == code {
			return p
		}
	}
	return nil
}

// groupPrinciples arranges ps by group in catalogue order, each element
// under its principle. Retired principles are left out unless showRetired;
// an element whose principle is left out or missing is shown on its own.
func groupPrinciples(ps []*schakel.Principle, showRetired bool) []principleGroup {
	visible := map[string]bool{}
	for _, p := range ps {
		if showRetired || !p.Retired() {
			visible[p.Code] = true
		}
	}
	children := map[string][]*schakel.Principle{}
	for _, p := range ps {
		if visible[p.Code] && p.Parent != "" && visible[p.Parent] {
			children[p.Parent] = append(children[p.Parent], p)
		}
	}
	var groups []principleGroup
	for _, g := range schakel.PrincipleGroups {
		pgr := principleGroup{Group: g}
		for _, p := range ps {
			if p.Group != g || !visible[p.Code] || (p.Parent != "" && visible[p.Parent]) {
				continue
			}
			pgr.Principles = append(pgr.Principles, principleNode{Principle: p, Elements: children[p.Code]})
		}
		if len(pgr.Principles) > 0 {
			groups = append(groups, pgr)
		}
	}
	return groups
}
