package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/respond"
)

// ListPrinciples serves GET /api/v1/beginselen: the catalogue in display
// order, optionally one group (groep), with retired principles only when
// ingetrokken=true, because old records still cite them.
func (h *Handler) ListPrinciples(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "groep", "ingetrokken")
	var f schakel.PrincipleFilter
	if s, ok := q.get("groep"); ok {
		if g := schakel.PrincipleGroup(s); g.Valid() {
			f.Group = g
		} else {
			v.Add("groep", "enum", "Kies een van: %s.", groupList())
		}
	}
	f.IncludeRetired = q.bool("ingetrokken", false)
	if err := v.Err(); err != nil {
		return err
	}
	ps, err := h.Directory.Principles(ctx, f)
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	results, err := convert(ps, func(p *schakel.Principle) (Principle, error) { return codes.principle(ctx, p) })
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, PrincipleList{Results: results})
	return nil
}

// GetPrinciple serves GET /api/v1/beginselen/{code}, retired or not, so
// that a record citing a retired principle can still show what it meant.
func (h *Handler) GetPrinciple(w http.ResponseWriter, r *http.Request) error {
	p, err := h.Directory.Principle(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return h.writePrinciple(w, r, http.StatusOK, p, h.orgCodes())
}

func (h *Handler) writePrinciple(w http.ResponseWriter, r *http.Request, status int, p *schakel.Principle, codes *orgCodes) error {
	j, err := codes.principle(r.Context(), p)
	if err != nil {
		return err
	}
	respond.JSON(w, status, j)
	return nil
}

// principleInput is the body of POST /api/v1/beginselen.
type principleInput struct {
	Code         string `json:"code"`
	Group        string `json:"groep"`
	Parent       string `json:"ouder"`
	Name         string `json:"naam"`
	NameEN       string `json:"naamEn"`
	Source       string `json:"bron"`
	Description  string `json:"omschrijving"`
	Organisation string `json:"organisatie"`
}

// CreatePrinciple serves POST /api/v1/beginselen: an organisation's admin
// adds one of its own values or sector codes to the catalogue. The body
// names the organisation (organisatie); the group is "eigen", which is also
// the default. The national groups come from the seed and are not extended
// through the API. Someone who manages no catalogue at all hears so before
// anything about the body; whether it is the right organisation is told
// once the organisation is known — the directory decides both.
func (h *Handler) CreatePrinciple(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in principleInput
	problems, bodyErr := decodeForService(r, &in, false)
	p, err := h.Directory.CreatePrinciple(ctx, auth.UserFrom(ctx), directory.PrincipleInput{
		Organisation: in.Organisation, Code: in.Code, Group: schakel.PrincipleGroup(in.Group), Parent: in.Parent, Name: in.Name,
		NameEN: in.NameEN, Source: in.Source, Description: in.Description, Problems: problems})
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/beginselen/"+url.PathEscape(p.Code))
	return h.writePrinciple(w, r, http.StatusCreated, p, h.orgCodes())
}

// retireInput is the body of POST /api/v1/beginselen/{code}/intrekking and
// /herstel: an optional reason, kept in the principle's history. The body
// may be left out or be {}. Anything else is refused rather than ignored.
type retireInput struct {
	Reason string `json:"reden"`
}

// RetirePrinciple serves POST /api/v1/beginselen/{code}/intrekking. A
// principle is never deleted, only retired, so that old records keep their
// meaning. National principles may be retired by operators only; an
// organisation's own principles by an admin of that organisation.
func (h *Handler) RetirePrinciple(w http.ResponseWriter, r *http.Request) error {
	return h.setRetired(w, r, h.Directory.RetirePrinciple)
}

// ReinstatePrinciple serves POST /api/v1/beginselen/{code}/herstel: a
// retired principle may be cited again, under the rules of RetirePrinciple.
func (h *Handler) ReinstatePrinciple(w http.ResponseWriter, r *http.Request) error {
	return h.setRetired(w, r, h.Directory.ReinstatePrinciple)
}

func (h *Handler) setRetired(w http.ResponseWriter, r *http.Request, do func(context.Context, *schakel.User, string, schakel.Change, []schakel.FieldError) (*schakel.Principle, error)) error {
	ctx := r.Context()
	var in retireInput
	problems, bodyErr := decodeForService(r, &in, true)
	p, err := do(ctx, auth.UserFrom(ctx), r.PathValue("code"), schakel.Change{Via: schakel.ViaAPI, Reason: in.Reason}, problems)
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	return h.writePrinciple(w, r, http.StatusOK, p, h.orgCodes())
}

func groupList() string {
	s := make([]string, len(schakel.PrincipleGroups))
	for i, g := range schakel.PrincipleGroups {
		s[i] = string(g)
	}
	return strings.Join(s, ", ")
}
