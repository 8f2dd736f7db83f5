package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// termData is the Data of the term calculator.
type termData struct {
	Valid    bool            // a term was computed
	Result   calendar.Result // the computed deadline
	EndsAt   time.Time       // the instant the deadline passes
	Year     int             // the year whose holidays are listed
	Holidays []calendar.Holiday
}

// termUnits are the choices of the field "eenheid", by form value.
var termUnits = []struct {
	Value string
	Unit  calendar.Unit
	Label string
}{
	{"dagen", calendar.Days, "dagen"},
	{"weken", calendar.Weeks, "weken"},
	{"maanden", calendar.Months, "maanden"},
	{"werkdagen", calendar.WorkingDays, "werkdagen"},
}

var termFields = []fieldSpec{
	{Name: "startdatum", Label: "Startdatum", Description: "De dag van de gebeurtenis, zoals de bekendmaking van een besluit. De termijn begint de dag erna.", Kind: kindDate, Required: true, Autocomplete: "off"},
	{Name: "aantal", Label: "Aantal", Description: "Een geheel getal, zoals 6.", Kind: kindNumber, Required: true, Autocomplete: "off"},
	{Name: "eenheid", Label: "Eenheid", Description: "Een termijn in werkdagen telt alleen dagen die geen zaterdag, zondag of feestdag zijn.", Kind: kindSelect, Required: true},
}

// TermCalculator computes a legal term by the Algemene termijnenwet for
// everyone (GET /termijn?startdatum=2026-04-01&aantal=6&eenheid=weken):
// the end date, each extension with its reason, the moment it passes and
// the holidays of that year. The query of the API (duur=P6W or
// werkdagen=N) works too. Invalid input gets status 400 with the errors.
func (h *Handler) TermCalculator(w http.ResponseWriter, r *http.Request) {
	pg := h.newPage(r, "Termijn berekenen")
	pg.Nav = "termijn"
	q := r.URL.Query()
	values := url.Values{"startdatum": {q.Get("startdatum")}, "aantal": {q.Get("aantal")}, "eenheid": {q.Get("eenheid")}}
	if values.Get("eenheid") == "" {
		values.Set("eenheid", "weken")
	}
	status := http.StatusOK
	var formErr error
	d := termData{Year: h.Calendar.Today(h.Clock.Now()).Year()}
	if q.Has("startdatum") || q.Has("aantal") || q.Has("duur") || q.Has("werkdagen") {
		res, err := h.computeTerm(q, values)
		if err != nil {
			status, formErr = http.StatusBadRequest, err
		} else {
			d.Valid, d.Result = true, res
			d.EndsAt = h.Calendar.EndOf(res.End)
			d.Year = res.End.Year()
		}
	}
	d.Holidays = h.Calendar.Holidays(d.Year)
	pg.Form = newForm(pg.translator, termFields, values)
	opts := make([]option, len(termUnits))
	for i, u := range termUnits {
		opts[i] = option{Value: u.Value, Label: pg.T(u.Label)}
	}
	pg.Form.SetOptions("eenheid", opts)
	if formErr != nil && !pg.Form.AddFieldErrors(formErr, "aantal") {
		pg.Form.AddError("aantal", pg.ErrorMessage(formErr))
	}
	pg.Data = d
	h.render(w, r, status, "term", pg)
}

// computeTerm reads the start date and the term of q, filling values with
// what the form shows, and computes the deadline. Errors are EINVALID with
// a field error per field.
func (h *Handler) computeTerm(q, values url.Values) (calendar.Result, error) {
	var v schakel.Validation
	start, err := calendar.ParseDate(strings.TrimSpace(q.Get("startdatum")))
	addCalendarError(&v, "startdatum", err)

	var term calendar.Term
	switch {
	case q.Has("duur") && !q.Has("aantal"):
		// The API's ISO 8601 form, e.g. from a link.
		t, err := calendar.ParseTerm(strings.TrimSpace(q.Get("duur")))
		addCalendarError(&v, "aantal", err)
		if err == nil {
			term = t
			values.Set("aantal", strconv.Itoa(t.N))
			values.Set("eenheid", unitValue(t.Unit))
		}
	case q.Has("werkdagen") && !q.Has("aantal"):
		values.Set("aantal", q.Get("werkdagen"))
		values.Set("eenheid", "werkdagen")
		term = h.readTerm(&v, values)
	default:
		term = h.readTerm(&v, values)
	}
	if err := v.Err(); err != nil {
		return calendar.Result{}, err
	}
	return h.Calendar.Deadline(start, term), nil
}

// readTerm reads the fields aantal and eenheid.
func (h *Handler) readTerm(v *schakel.Validation, values url.Values) calendar.Term {
	var unit calendar.Unit
	for _, u := range termUnits {
		if u.Value == values.Get("eenheid") {
			unit = u.Unit
		}
	}
	if unit == 0 {
		v.Add("eenheid", "enum", "Kies dagen, weken, maanden of werkdagen.")
	}
	raw := strings.TrimSpace(values.Get("aantal"))
	if !v.Required("aantal", raw) {
		return calendar.Term{}
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		v.Add("aantal", "format", "Vul een geheel getal in, zoals 6; %q is dat niet.", raw)
		return calendar.Term{}
	}
	if unit == 0 {
		return calendar.Term{}
	}
	t, err := calendar.NewTerm(n, unit)
	addCalendarError(v, "aantal", err)
	return t
}

func unitValue(u calendar.Unit) string {
	for _, tu := range termUnits {
		if tu.Unit == u {
			return tu.Value
		}
	}
	return ""
}

// addCalendarError copies an error of the calendar onto field.
func addCalendarError(v *schakel.Validation, field string, err error) {
	if err == nil {
		return
	}
	var ce *calendar.Error
	if errors.As(err, &ce) {
		v.Add(field, ce.Code, ce.Format, ce.Args...)
		return
	}
	v.Add(field, "invalid", "De invoer is niet geldig.")
}
