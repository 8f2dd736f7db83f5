package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/respond"
)

// Paging limits of list endpoints. maxPage keeps the offset far from
// overflowing while no real list comes near it.
const (
	defaultPageSize = 50
	maxPageSize     = 500
	maxPage         = 1_000_000
)

// ListOrganisations serves GET /api/v1/organisaties: a page of organisations
// ordered by name, filtered by type and by principal (opdrachtgever, a code).
func (h *Handler) ListOrganisations(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "type", "opdrachtgever", "pagina", "paginaGrootte")
	var f schakel.OrganisationFilter
	if s, ok := q.get("type"); ok {
		if t := schakel.OrgType(s); t.Valid() {
			f.Type = t
		} else {
			v.Add("type", "enum", "Kies een van: %s.", orgTypeList())
		}
	}
	page := q.int("pagina", 1, 1, maxPage)
	size := q.int("paginaGrootte", defaultPageSize, 1, maxPageSize)
	codes := h.orgCodes()
	if code, ok := q.get("opdrachtgever"); ok {
		o, err := h.Directory.OrganisationByCode(ctx, code)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("opdrachtgever", "unknown", "Organisatie %q bestaat niet.", code)
		case err != nil:
			return err
		default:
			f.PrincipalID = o.ID
			codes.add(o)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	orgs, total, err := h.Directory.Organisations(ctx, f)
	if err != nil {
		return err
	}
	out := OrganisationPage{Results: make([]Organisation, 0, len(orgs)), Total: total, Page: page, PageSize: size}
	for _, o := range orgs {
		codes.add(o)
		if len(o.PrincipalIDs) > 0 {
			if err := codes.loadMinistries(ctx); err != nil {
				return err
			}
		}
	}
	for _, o := range orgs {
		j, err := codes.organisation(ctx, o)
		if err != nil {
			return err
		}
		out.Results = append(out.Results, j)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// GetOrganisation serves GET /api/v1/organisaties/{code}.
func (h *Handler) GetOrganisation(w http.ResponseWriter, r *http.Request) error {
	o, err := h.Directory.OrganisationByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	j, err := h.orgCodes().organisation(r.Context(), o)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, j)
	return nil
}

// organisationInput is the body of POST /api/v1/organisaties.
type organisationInput struct {
	Code       string   `json:"code"`
	Name       string   `json:"naam"`
	Type       string   `json:"type"`
	Principals []string `json:"opdrachtgevers"`
	Committee  string   `json:"kamercommissie"`
	Task       string   `json:"opgave"`
}

// CreateOrganisation serves POST /api/v1/organisaties, which only operators
// (the admin role) may use. Principals are named by code; each must be an
// existing ministry. The directory checks permission before the body, so
// that someone without it learns nothing from the validation messages.
func (h *Handler) CreateOrganisation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in organisationInput
	problems, bodyErr := decodeForService(r, &in, false)
	o, err := h.Directory.CreateOrganisation(ctx, auth.UserFrom(ctx), directory.OrganisationInput{
		Code: in.Code, Name: in.Name, Type: schakel.OrgType(in.Type), Principals: in.Principals, Committee: in.Committee, Task: in.Task, Problems: problems})
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	j, err := h.orgCodes().organisation(ctx, o)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/organisaties/"+url.PathEscape(o.Code))
	respond.JSON(w, http.StatusCreated, j)
	return nil
}

func orgTypeList() string {
	s := make([]string, len(schakel.OrgTypes))
	for i, t := range schakel.OrgTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}
