package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/directory"
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
func (h *Handler) PrinciplesPage(w http.ResponseWriter, r *http.Request) error {
	return h.renderPrinciples(w, r, http.StatusOK, nil, nil)
}

// CreatePrinciple adds a principle of the group "eigen" for the admin's
// organisation (POST /beginselen), and shows the catalogue again with the
// errors when the input is invalid. The directory decides who may, checks
// the input (the parent among it) and resolves the organisation.
func (h *Handler) CreatePrinciple(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	org, err := h.catalogueOrg(ctx, u)
	if err != nil {
		return err
	}
	in := directory.PrincipleInput{Code: r.PostForm.Get("code"), Parent: r.PostForm.Get("ouder"), Name: r.PostForm.Get("naam"),
		NameEN: r.PostForm.Get("naamEn"), Source: r.PostForm.Get("bron"), Description: r.PostForm.Get("omschrijving")}
	if org != nil {
		in.Organisation = org.Code
	}
	p, err := h.Directory.CreatePrinciple(ctx, u, in)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/beginselen#"+url.PathEscape(p.Code), http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderPrinciples(w, r, http.StatusBadRequest, r.PostForm, err)
	case schakel.ECONFLICT:
		var v schakel.Validation
		v.Add("code", "taken", "Er is al een beginsel met deze code, misschien ingetrokken. Kies een andere code.")
		return h.renderPrinciples(w, r, http.StatusConflict, r.PostForm, v.Err())
	default:
		return err
	}
	return nil
}

// catalogueOrg returns the organisation whose part of the catalogue u
// manages — the first, when there are several — or nil when there is none
// (also without a user).
func (h *Handler) catalogueOrg(ctx context.Context, u *schakel.User) (*schakel.Organisation, error) {
	ids := authz.Organisations(u, authz.ManageCatalogue)
	if len(ids) == 0 {
		return nil, nil
	}
	return h.Directory.Organisation(ctx, ids[0])
}

// renderPrinciples renders the catalogue; values and err are the input and
// errors of a failed attempt to add a principle.
func (h *Handler) renderPrinciples(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Beginselen")
	pg.Nav = "beginselen"
	showRetired := r.URL.Query().Get("ingetrokken") == "1"
	ps, err := h.Directory.Principles(r.Context(), schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		return err
	}
	d := principlesData{ShowRetired: showRetired, Groups: groupPrinciples(ps, showRetired)}
	o, err := h.catalogueOrg(r.Context(), pg.User)
	if err != nil {
		return err
	}
	if o != nil {
		d.AdminOrg, d.AdminOrgName = o.ID, o.Name
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
