package api

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/respond"
)

// The contact points of executing organisations for parliament (report
// §5.4.4), the standing committees of parliament that the ministries name,
// and the grouping of organisations under committees and tasks. Reading is
// public: a contact point names a function and a functional address, never
// a person (decision 0021).

// Contact is a contact point of an executing organisation for parliament.
type Contact struct {
	ID           int64  `json:"id"`
	Organisation string `json:"organisatie"`
	Function     string `json:"functie"`
	Email        string `json:"email"`
	Phone        string `json:"telefoon,omitempty"`
	Topics       string `json:"onderwerpen,omitempty"`
	// Committees are the standing committees it serves; never null.
	Committees []string `json:"kamercommissies"`
	CreatedAt  string   `json:"aangemaaktOp"`
	RetiredAt  string   `json:"ingetrokkenOp,omitempty"`
}

// ContactList is the contact points of an organisation.
type ContactList struct {
	Results []Contact `json:"resultaten"`
}

// Committee is a standing committee with the ministries that name it and
// the active contact points that serve it.
type Committee struct {
	Name       string    `json:"naam"`
	Ministries []string  `json:"ministeries"`
	Contacts   []Contact `json:"contactpersonen"`
}

// CommitteeList is every standing committee some ministry names.
type CommitteeList struct {
	Results []Committee `json:"resultaten"`
}

type contactInput struct {
	Function   string   `json:"functie"`
	Email      string   `json:"email"`
	Phone      string   `json:"telefoon"`
	Topics     string   `json:"onderwerpen"`
	Committees []string `json:"kamercommissies"`
}

type groupingInput struct {
	Committee string `json:"kamercommissie"`
	Task      string `json:"opgave"`
}

func contactJSON(c *schakel.Contact, org string) Contact {
	out := Contact{ID: c.ID, Organisation: org, Function: c.Function, Email: c.Email, Phone: c.Phone, Topics: c.Topics,
		Committees: append([]string{}, c.Committees...), CreatedAt: timestamp(c.CreatedAt)}
	if c.RetiredAt != nil {
		out.RetiredAt = timestamp(*c.RetiredAt)
	}
	return out
}

// ListContacts serves GET /api/v1/organisaties/{code}/contactpersonen: the
// organisation's active contact points for parliament, also the retired
// ones with ingetrokken=true.
func (h *Handler) ListContacts(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var v schakel.Validation
	q := parseQuery(r, &v, "ingetrokken")
	retired := q.bool("ingetrokken", false)
	o, err := h.Directory.OrganisationByCode(ctx, r.PathValue("code"))
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	cs, err := h.Directory.Contacts(ctx, schakel.ContactFilter{OrganisationID: o.ID, IncludeRetired: retired})
	if err != nil {
		return err
	}
	out := ContactList{Results: make([]Contact, 0, len(cs))}
	for _, c := range cs {
		out.Results = append(out.Results, contactJSON(c, o.Code))
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// GetContact serves GET /api/v1/organisaties/{code}/contactpersonen/{id},
// also a retired one.
func (h *Handler) GetContact(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Contactpersoon")
	if err != nil {
		return err
	}
	o, c, err := h.Directory.Contact(r.Context(), r.PathValue("code"), id)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, contactJSON(c, o.Code))
	return nil
}

// AddContact serves POST /api/v1/organisaties/{code}/contactpersonen, for
// the organisation's administrators and operators. Who may not hears so
// before anything about the body.
func (h *Handler) AddContact(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in contactInput
	problems, bodyErr := decodeForService(r, &in, false)
	o, c, err := h.Directory.AddContact(ctx, auth.UserFrom(ctx), r.PathValue("code"), directory.ContactInput{
		Function: in.Function, Email: in.Email, Phone: in.Phone, Topics: in.Topics, Committees: in.Committees, Problems: problems})
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/organisaties/"+url.PathEscape(o.Code)+"/contactpersonen/"+strconv.FormatInt(c.ID, 10))
	respond.JSON(w, http.StatusCreated, contactJSON(c, o.Code))
	return nil
}

// RetireContact serves POST
// /api/v1/organisaties/{code}/contactpersonen/{id}/intrekkingen: the
// contact point stops and stays on record. The body is empty or {}.
func (h *Handler) RetireContact(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in struct{}
	problems, bodyErr := decodeForService(r, &in, true)
	id, idErr := pathID(r, "Contactpersoon")
	c, err := h.Directory.RetireContact(ctx, auth.UserFrom(ctx), r.PathValue("code"), id, problems)
	if idErr != nil && (err == nil || schakel.ErrorCode(err) == schakel.ENOTFOUND || schakel.ErrorCode(err) == schakel.EINVALID) {
		// Who may retire hears of the id before the body.
		return idErr
	}
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, contactJSON(c, r.PathValue("code")))
	return nil
}

// SetGrouping serves PUT /api/v1/organisaties/{code}/indeling, for
// operators: the committee of a ministry (kamercommissie) and the task of
// an executing organisation (opgave); an empty or absent field clears it.
func (h *Handler) SetGrouping(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in groupingInput
	problems, bodyErr := decodeForService(r, &in, false)
	o, err := h.Directory.SetGrouping(ctx, auth.UserFrom(ctx), r.PathValue("code"), directory.GroupingInput{Committee: in.Committee, Task: in.Task, Problems: problems})
	if err := orBodyError(err, bodyErr); err != nil {
		return err
	}
	codes := h.orgCodes()
	if len(o.PrincipalIDs) > 0 {
		if err := codes.loadMinistries(ctx); err != nil {
			return err
		}
	}
	j, err := codes.organisation(ctx, o)
	if err != nil {
		return err
	}
	respond.JSON(w, http.StatusOK, j)
	return nil
}

// ListCommittees serves GET /api/v1/kamercommissies: every standing
// committee some ministry names, with those ministries by code and the
// active contact points that serve it with their organisation.
func (h *Handler) ListCommittees(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	cs, err := h.Directory.Committees(ctx)
	if err != nil {
		return err
	}
	contacts, err := h.Directory.Contacts(ctx, schakel.ContactFilter{})
	if err != nil {
		return err
	}
	codes := h.orgCodes()
	out := CommitteeList{Results: make([]Committee, 0, len(cs))}
	for _, c := range cs {
		j, err := committeeJSON(ctx, codes, c, contacts)
		if err != nil {
			return err
		}
		out.Results = append(out.Results, j)
	}
	respond.JSON(w, http.StatusOK, out)
	return nil
}

// committeeJSON is c with its ministries' codes and those of contacts that
// serve it.
func committeeJSON(ctx context.Context, codes *orgCodes, c *schakel.Committee, contacts []*schakel.Contact) (Committee, error) {
	out := Committee{Name: c.Name, Ministries: make([]string, 0, len(c.MinistryIDs)), Contacts: []Contact{}}
	for _, id := range c.MinistryIDs {
		code, err := codes.code(ctx, id)
		if err != nil {
			return out, err
		}
		out.Ministries = append(out.Ministries, code)
	}
	for _, k := range contacts {
		if !slices.Contains(k.Committees, c.Name) {
			continue
		}
		code, err := codes.code(ctx, k.OrganisationID)
		if err != nil {
			return out, err
		}
		out.Contacts = append(out.Contacts, contactJSON(k, code))
	}
	return out, nil
}
