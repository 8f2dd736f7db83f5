package web

import (
	"net/http"
	"net/url"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/erasure"
)

// The operators' page of erasure (PRODUCT.md C9): an administrator erases
// the personal texts of an ended request, brake or closed case on a data
// subject's request, as `schakel erase` does. The record and the public
// log stay; the texts become "[gewist]".

// erasureFields are the fields of the erasure form, by the service's
// field names.
func erasureFields() []fieldSpec {
	return []fieldSpec{
		{Name: "soort", Label: "Soort", Kind: kindSelect, Required: true},
		{Name: "id", Label: "Nummer", Description: "Het nummer van het verzoek, de noodrem of de casus, zoals het op de pagina staat.", Required: true, Spellcheck: false},
		{Name: "reden", Label: "Reden", Description: "Wordt bij de wissing bewaard en getoond. Noem geen persoonsgegevens, bijvoorbeeld: verzoek van de betrokkene van 3 december.", Kind: kindTextarea, Required: true, Spellcheck: true},
	}
}

// erasureData is the Data of the erasure page.
type erasureData struct {
	Done string // what was erased, translated
}

// ErasurePage shows the erasure form to an administrator; GET
// /beheer/wissen.
func (h *Handler) ErasurePage(w http.ResponseWriter, r *http.Request) error {
	if h.Erasure == nil {
		return errNoPage
	}
	if err := h.Erasure.MayErase(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return h.renderErasure(w, r, http.StatusOK, nil, nil, "")
}

// EraseTexts erases the texts of one record; POST /beheer/wissen.
func (h *Handler) EraseTexts(w http.ResponseWriter, r *http.Request) error {
	if h.Erasure == nil {
		return errNoPage
	}
	u := auth.UserFrom(r.Context())
	if err := h.Erasure.MayErase(u); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	res, err := h.Erasure.Erase(r.Context(), u, erasure.ParseInput(f.Get("soort"), f.Get("id"), f.Get("reden")))
	switch schakel.ErrorCode(err) {
	case "":
		pg := h.newPage(r, "")
		return h.renderErasure(w, r, http.StatusOK, nil, nil, pg.T("De teksten van %s %d zijn gewist.", pg.T(res.Kind.Label()), res.ID))
	case schakel.EINVALID, schakel.ENOTFOUND, schakel.ECONFLICT:
		return h.renderErasure(w, r, statusOf(err), f, err, "")
	}
	return err
}

// statusOf is the HTTP status of a refused form.
func statusOf(err error) int {
	switch schakel.ErrorCode(err) {
	case schakel.ENOTFOUND:
		return http.StatusNotFound
	case schakel.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusBadRequest
}

// renderErasure renders the erasure page with the values and error of a
// refused attempt, or the message of one done.
func (h *Handler) renderErasure(w http.ResponseWriter, r *http.Request, status int, values url.Values, formErr error, done string) error {
	pg := h.newPage(r, "Teksten wissen")
	pg.Nav = "beheer"
	f := newForm(pg.translator, erasureFields(), values)
	var opts []option
	for _, k := range erasure.Kinds {
		opts = append(opts, option{Value: string(k), Label: pg.T(k.Label())})
	}
	f.SetOptions("soort", opts)
	if formErr != nil && !f.AddFieldErrors(formErr, "id") {
		f.AddError("id", pg.ErrorMessage(formErr))
	}
	pg.Form = f
	pg.Data = erasureData{Done: done}
	h.render(w, r, status, "erasure", pg)
	return nil
}
