package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
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
		o, err := h.Organisations.OrganisationByCode(ctx, code)
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
	orgs, total, err := h.Organisations.Organisations(ctx, f)
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
	o, err := h.Organisations.OrganisationByCode(r.Context(), r.PathValue("code"))
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
}

// CreateOrganisation serves POST /api/v1/organisaties, which only operators
// (the admin role) may use. Principals are named by code; each must be an
// existing ministry.
func (h *Handler) CreateOrganisation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	// Permission comes before the body, so that someone without it learns
	// nothing from the validation messages.
	if err := authz.Can(auth.UserFrom(ctx), authz.ManageOrganisations, 0); err != nil {
		return err
	}
	var in organisationInput
	var v schakel.Validation
	if err := decode(r, &in, &v); err != nil {
		return err
	}
	bad := invalidFields(&v)
	o := &schakel.Organisation{Code: in.Code, Name: strings.TrimSpace(in.Name), Type: schakel.OrgType(in.Type)}
	codes := h.orgCodes()
	for i, code := range in.Principals {
		if bad[fmt.Sprintf("opdrachtgevers[%d]", i)] {
			continue
		}
		if code == "" {
			v.Add("opdrachtgevers", "required", "Vul bij elke opdrachtgever een code in.")
			continue
		}
		p, err := h.Organisations.OrganisationByCode(ctx, code)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("opdrachtgevers", "unknown", "Organisatie %q bestaat niet.", code)
		case err != nil:
			return err
		case p.Type != schakel.OrgMinistry:
			v.Add("opdrachtgevers", "not_ministry", "Organisatie %q is geen ministerie; alleen een ministerie kan opdrachtgever zijn.", code)
		default:
			o.PrincipalIDs = append(o.PrincipalIDs, p.ID)
			codes.add(p)
		}
	}
	if err := mergeNew(&v, o.Validate()); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := h.Organisations.CreateOrganisation(ctx, o); err != nil {
		return err
	}
	j, err := codes.organisation(ctx, o)
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
