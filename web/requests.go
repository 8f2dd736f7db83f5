package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
)

// orgIndex finds organisations by id for the request pages.
type orgIndex map[int64]*schakel.Organisation

// Name returns the name of organisation id, or "" when unknown.
func (x orgIndex) Name(id int64) string {
	if o := x[id]; o != nil {
		return o.Name
	}
	return ""
}

// Code returns the code of organisation id, or "" when unknown.
func (x orgIndex) Code(id int64) string {
	if o := x[id]; o != nil {
		return o.Code
	}
	return ""
}

// orgs returns every organisation by id.
func (h *Handler) orgs(r *http.Request) (orgIndex, []*schakel.Organisation, error) {
	all, byID, err := h.allOrganisations(r)
	return orgIndex(byID), all, err
}

// userNames looks up the names of users by id, each once: a user that no
// longer exists is "onbekende gebruiker".
func (h *Handler) userNames(ctx context.Context, pg *page, ids []int64) (map[int64]string, error) {
	names := make(map[int64]string, len(ids))
	for _, id := range ids {
		if _, ok := names[id]; ok {
			continue
		}
		u, err := h.Directory.User(ctx, id)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			names[id] = pg.T("onbekende gebruiker")
		case err != nil:
			return nil, err
		default:
			names[id] = u.Name
		}
	}
	return names, nil
}

// requestTable is what the partial "request-table" shows: requests with
// their deadlines, in the order given.
type requestTable struct {
	ID      string // the id of the table's caption
	Caption string // translated
	Rows    []*schakel.Request
	Orgs    orgIndex
}

// requestListData is the Data of the list of requests.
type requestListData struct {
	Table    requestTable
	Total    int
	Page     int
	Pages    int
	PrevURL  string // "" on the first page
	NextURL  string // "" on the last page
	Filtered bool
}

// requestsPerPage is the page size of the list of requests.
const requestsPerPage = 25

var requestFilterFields = []fieldSpec{
	{Name: "status", Label: "Toestand", Kind: kindSelect},
	{Name: "type", Label: "Soort verzoek", Kind: kindSelect},
}

// RequestList lists the requests the user made or may see, soonest
// deadline first, filtered by state and type and paginated; GET
// /verzoeken?status=&type=&pagina=.
func (h *Handler) RequestList(w http.ResponseWriter, r *http.Request) error {
	pg := h.newPage(r, "Verzoeken")
	pg.Nav = "verzoeken"
	if h.Requests == nil {
		h.errorPage(w, r, http.StatusServiceUnavailable)
		return nil
	}
	q := r.URL.Query()
	f := schakel.RequestFilter{Limit: requestsPerPage}
	values := url.Values{}
	if s := schakel.RequestState(q.Get("status")); s.Valid() {
		f.State = s
		values.Set("status", string(s))
	}
	if t := schakel.RequestType(q.Get("type")); t.Valid() {
		f.Type = t
		values.Set("type", string(t))
	}
	num := 1
	if n, err := strconv.Atoi(q.Get("pagina")); err == nil && n > 1 {
		num = n
	}
	f.Offset = (num - 1) * requestsPerPage
	rs, total, err := h.Requests.List(r.Context(), pg.User, f)
	if err != nil {
		return err
	}
	orgs, _, err := h.orgs(r)
	if err != nil {
		return err
	}
	d := requestListData{
		Table:    requestTable{ID: "verzoeken-tabel", Caption: pg.T("Verzoeken die u deed of mag zien"), Rows: rs, Orgs: orgs},
		Total:    total,
		Page:     num,
		Pages:    max(1, (total+requestsPerPage-1)/requestsPerPage),
		Filtered: len(values) > 0,
	}
	d.PrevURL, d.NextURL = pageLinks("/verzoeken", values, num, d.Pages)
	pg.Form = newForm(pg.translator, requestFilterFields, values)
	states := []option{{Value: "", Label: pg.T("Alle toestanden")}}
	for _, s := range schakel.RequestStates {
		states = append(states, option{Value: string(s), Label: pg.State(s)})
	}
	pg.Form.SetOptions("status", states)
	types := []option{{Value: "", Label: pg.T("Alle soorten")}}
	for _, t := range schakel.RequestTypes {
		types = append(types, option{Value: string(t), Label: pg.RequestType(t)})
	}
	pg.Form.SetOptions("type", types)
	pg.Data = d
	h.render(w, r, http.StatusOK, "request_list", pg)
	return nil
}

// maxGroundRows is how many grounds the create form offers.
const maxGroundRows = 5

// newRequestData is the Data of the create form.
type newRequestData struct {
	brakeFormParts // the blocks of grounds shown and the button that adds one
}

// newRequestFields returns the fields of the create form.
func newRequestFields() []fieldSpec {
	specs := []fieldSpec{
		{Name: "type", Label: "Soort verzoek", Description: "De soort bepaalt de termijnen en bij wie het verzoek terechtkomt als er niet op tijd wordt geantwoord.", Kind: kindSelect, Required: true},
		{Name: comply.FieldAddressee, Label: "Aan welke organisatie", Description: "De organisatie die moet antwoorden.", Kind: kindSelect, Required: true},
		{Name: "rol", Label: "Rol binnen die organisatie", Description: "Laat leeg voor de rol die bij deze soort verzoek hoort.", Kind: kindSelect},
		{Name: "onderwerp", Label: "Onderwerp", Description: "In één regel: waar gaat het om?", Required: true, Spellcheck: true},
		{Name: "toelichting", Label: "Toelichting", Description: "Wat is er aan de hand, en wat vraagt u van de organisatie?", Kind: kindTextarea, Spellcheck: true},
		{Name: "gronden", Label: "Gronden", Anchor: "gronden-0-beginsel"},
		{Name: "urgent", Label: "Spoed: een kortere antwoordtermijn", Description: "Alleen bij de noodrem van een professional: antwoord binnen 5 werkdagen.", Kind: kindCheckbox},
		{Name: "namens", Label: "Namens", Description: "Doet u het verzoek namens een organisatie waar u bestuur, beleid of bewindspersoon bent? Kies die dan hier.", Kind: kindSelect},
	}
	for i := 0; i < maxGroundRows; i++ {
		specs = append(specs,
			fieldSpec{Name: groundField(i, "beginsel"), Label: "Beginsel", Kind: kindSelect, Required: i == 0},
			fieldSpec{Name: groundField(i, "toelichting"), Label: "Waarom dit beginsel in het geding is", Kind: kindTextarea, Required: i == 0, Spellcheck: true},
		)
	}
	return specs
}

func groundField(i int, part string) string { return fmt.Sprintf("gronden[%d].%s", i, part) }

// NewRequestPage shows the form to make a request for account; GET
// /verzoeken/nieuw.
func (h *Handler) NewRequestPage(w http.ResponseWriter, r *http.Request) error {
	return h.renderNewRequest(w, r, http.StatusOK, nil, nil)
}

// CreateRequest makes a request for account from the form (POST
// /verzoeken) and goes to its page, or shows the form again with every
// error.
func (h *Handler) CreateRequest(w http.ResponseWriter, r *http.Request) error {
	if h.Requests == nil {
		h.errorPage(w, r, http.StatusServiceUnavailable)
		return nil
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	if addingRow(f) {
		return h.renderNewRequest(w, r, http.StatusOK, f, nil)
	}
	in := requests.CreateInput{
		Type:          schakel.RequestType(f.Get("type")),
		Subject:       strings.TrimSpace(f.Get("onderwerp")),
		Body:          strings.TrimSpace(f.Get("toelichting")),
		Urgent:        f.Get("urgent") != "",
		AddresseeCode: f.Get(comply.FieldAddressee),
		AddresseeRole: schakel.Role(f.Get("rol")),
		OnBehalfOf:    f.Get("namens"),
	}
	// Empty rows are left out; rows maps the grounds back to their rows,
	// so an error on the second ground given lands on the row it came from.
	var rows []int
	for i := 0; i < maxGroundRows; i++ {
		p := strings.TrimSpace(f.Get(groundField(i, "beginsel")))
		t := strings.TrimSpace(f.Get(groundField(i, "toelichting")))
		if p == "" && t == "" {
			continue
		}
		in.Grounds = append(in.Grounds, schakel.Ground{Principle: p, Text: t})
		rows = append(rows, i)
	}
	req, err := h.Requests.Create(r.Context(), auth.UserFrom(r.Context()), in)
	switch schakel.ErrorCode(err) {
	case "":
		http.Redirect(w, r, requestURL(req.ID)+"?gedaan=aangemaakt", http.StatusSeeOther)
	case schakel.EINVALID:
		return h.renderNewRequest(w, r, http.StatusBadRequest, f, remapGrounds(err, rows))
	default:
		return err
	}
	return nil
}

// remapGrounds renames the field errors of the grounds of err from their
// index among the grounds given to their row in the form.
func remapGrounds(err error, rows []int) error {
	var e *schakel.Error
	if !errors.As(err, &e) {
		return err
	}
	out := &schakel.Error{Code: e.Code, Message: e.Message}
	for _, fe := range e.Fields {
		var i int
		var rest string
		if n, _ := fmt.Sscanf(fe.Field, "gronden[%d]", &i); n == 1 && i >= 0 && i < len(rows) {
			rest = fe.Field[strings.Index(fe.Field, "]")+1:]
			fe.Field = fmt.Sprintf("gronden[%d]%s", rows[i], rest)
		}
		out.Fields = append(out.Fields, fe)
	}
	return out
}

// renderNewRequest renders the create form with the values entered and
// the errors of a failed attempt.
func (h *Handler) renderNewRequest(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error) error {
	pg := h.newPage(r, "Nieuw verzoek om verantwoording")
	pg.Nav = "verzoeken"
	if pg.User == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om een verzoek te doen.")
	}
	_, all, err := h.orgs(r)
	if err != nil {
		return err
	}
	ps, err := h.Directory.Principles(r.Context(), schakel.PrincipleFilter{})
	if err != nil {
		return err
	}
	f := newForm(pg.translator, newRequestFields(), values)
	types := []option{{Value: "", Label: pg.T("Kies een soort")}}
	for _, t := range schakel.RequestTypes {
		types = append(types, option{Value: string(t), Label: pg.RequestType(t)})
	}
	f.SetOptions("type", types)
	addressees := []option{{Value: "", Label: pg.T("Kies een organisatie")}}
	var onBehalf []option
	for _, o := range all {
		addressees = append(addressees, option{Value: o.Code, Label: o.Name + " (" + pg.OrgType(o.Type) + ")"})
		if authz.Can(pg.User, authz.RequestOnBehalf, o.ID) == nil {
			onBehalf = append(onBehalf, option{Value: o.Code, Label: o.Name})
		}
	}
	f.SetOptions(comply.FieldAddressee, addressees)
	f.SetOptions("namens", append([]option{{Value: "", Label: pg.T("Niemand: ik doe het verzoek zelf")}}, onBehalf...))
	roles := []option{{Value: "", Label: pg.T("De gebruikelijke rol")}}
	for _, role := range schakel.Roles {
		if role != schakel.RoleAdmin && role != schakel.RoleProfessional {
			roles = append(roles, option{Value: string(role), Label: pg.Role(role)})
		}
	}
	f.SetOptions("rol", roles)
	principles := []option{{Value: "", Label: pg.T("Kies een beginsel")}}
	for _, p := range ps {
		if !p.Retired() {
			principles = append(principles, option{Value: p.Code, Label: pg.PrincipleName(p) + " (" + pg.Group(p.Group) + ")"})
		}
	}
	d := newRequestData{newBrakeFormParts(pg, values, "/verzoeken", "")}
	for i := 0; i < maxGroundRows; i++ {
		f.SetOptions(groundField(i, "beginsel"), principles)
	}
	if formErr != nil && !f.AddFieldErrors(formErr, "onderwerp") {
		f.AddError("onderwerp", pg.ErrorMessage(formErr))
	}
	pg.Form = f
	pg.Data = d
	h.render(w, r, status, "request_new", pg)
	return nil
}

// requestURL is the page of request id.
func requestURL(id int64) string { return "/verzoeken/" + strconv.FormatInt(id, 10) }
