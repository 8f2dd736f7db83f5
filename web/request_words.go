package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/requests"
)

// The words of requests for account and of terms, in the page's language:
// methods of *page for the templates, and the tables of Dutch keys behind
// them (TestGoKeysTranslated checks every key has English).

// requestTypeNames are the names of the request types.
var requestTypeNames = map[schakel.RequestType]string{
	schakel.TypeGeneral:           "Verzoek om verantwoording",
	schakel.TypeObjection:         "Bezwaar",
	schakel.TypeComplaint:         "Klacht",
	schakel.TypeCitizenBrake:      "Noodrem van een burger",
	schakel.TypeProfessionalBrake: "Noodrem van een professional",
	schakel.TypeOrganisationBrake: "Opdracht teruggeven (noodrem van een organisatie)",
	schakel.TypeKnelpunt:          "Knelpunt",
	schakel.TypeAssessment:        "Uitvoeringstoets",
	schakel.TypeAssessmentAnswer:  "Reactie op een uitvoeringstoets",
}

// stateNames are the names of the states, as a badge says them.
var stateNames = map[schakel.RequestState]string{
	schakel.StateOpen:         "open",
	schakel.StateAcknowledged: "ontvangen",
	schakel.StateAnswered:     "beantwoord",
	schakel.StateEscalated:    "geëscaleerd",
	schakel.StateClosed:       "gesloten",
	schakel.StateWithdrawn:    "ingetrokken",
}

// answerNames are the names of the answers.
var answerNames = map[schakel.AnswerKind]string{
	schakel.Comply:  "comply: het wordt opgelost",
	schakel.Partial: "deels: een deel wordt opgelost",
	schakel.Explain: "explain: uitleg waarom niet",
}

// partyKindNames say who a requester is.
var partyKindNames = map[schakel.PartyKind]string{
	schakel.PartyUser:         "persoon",
	schakel.PartyOrganisation: "organisatie",
	schakel.PartyAnonymous:    "anoniem",
	schakel.PartySystem:       "schakel",
	schakel.PartyProtected:    "beschermd",
}

// eventTitles say what happened in an event.
var eventTitles = map[schakel.EventType]string{
	schakel.EventCreated:        "Verzoek gedaan",
	schakel.EventAcknowledged:   "Ontvangst bevestigd",
	schakel.EventAnswered:       "Beantwoord",
	schakel.EventContested:      "Explain betwist en geëscaleerd",
	schakel.EventExtended:       "Termijn verlengd",
	schakel.EventWithdrawn:      "Verzoek ingetrokken",
	schakel.EventClosed:         "Verzoek afgesloten",
	schakel.EventEscalated:      "Termijn gemist en geëscaleerd",
	schakel.EventDeadlineMissed: "Termijn gemist bij de hoogste trede",
	schakel.EventReminder:       "Herinnering verstuurd",
}

// unitWords are the term units in words, for one and for several.
var unitWords = map[calendar.Unit][2]string{
	calendar.Days:        {"1 dag", "%d dagen"},
	calendar.Weeks:       {"1 week", "%d weken"},
	calendar.Months:      {"1 maand", "%d maanden"},
	calendar.WorkingDays: {"1 werkdag", "%d werkdagen"},
}

// holidayNames are the names of the statutory holidays, as calendar gives
// them, to translate for the English pages; a day equated by Royal Decree
// keeps the name the operator gave it.
var holidayNames = []string{
	calendar.NameNieuwjaarsdag, calendar.NameGoedeVrijdag, calendar.NameTweedePaasdag, calendar.NameKoningsdag,
	calendar.NameKoninginnedag, calendar.NameBevrijdingsdag, calendar.NameHemelvaartsdag, calendar.NameTweedePinksterdag,
	calendar.NameEersteKerstdag, calendar.NameTweedeKerstdag, calendar.NameEquatedDefault,
}

// daysLeftFormats are the formats requests.DaysLeft returns.
var daysLeftFormats = []string{"vandaag", "nog %d werkdag", "nog %d werkdagen", "%d werkdag te laat", "%d werkdagen te laat"}

var weekdaysNL = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
var weekdaysEN = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// RequestType returns the name of a request type.
func (pg *page) RequestType(t schakel.RequestType) string {
	if k, ok := requestTypeNames[t]; ok {
		return pg.T(k)
	}
	return string(t)
}

// State returns the name of a state.
func (pg *page) State(s schakel.RequestState) string {
	if k, ok := stateNames[s]; ok {
		return pg.T(k)
	}
	return string(s)
}

// StateClass returns the badge modifier of a state: blue while an answer
// is owed, green once final. The badge's text always says the state.
func (pg *page) StateClass(s schakel.RequestState) string {
	switch {
	case s.AwaitsAnswer():
		return "badge--open"
	case s.Final():
		return "badge--done"
	}
	return ""
}

// Answer returns the name of an answer kind.
func (pg *page) Answer(a schakel.AnswerKind) string {
	if k, ok := answerNames[a]; ok {
		return pg.T(k)
	}
	return string(a)
}

// PartyKind returns who a requester is in a word.
func (pg *page) PartyKind(k schakel.PartyKind) string {
	if n, ok := partyKindNames[k]; ok {
		return pg.T(n)
	}
	return string(k)
}

// CivilDate formats a civil date: "13 mei 2026", "13 May 2026".
func (pg *page) CivilDate(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return pg.date(d.Time(), time.UTC)
}

// LongDate formats a civil date with its weekday: "woensdag 13 mei 2026",
// "Wednesday 13 May 2026".
func (pg *page) LongDate(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	days := weekdaysNL
	if pg.lang == langEN {
		days = weekdaysEN
	}
	return days[d.Weekday()] + " " + pg.CivilDate(d)
}

// DateTime formats an instant in Europe/Amsterdam: "2 maart 2026, 10:00".
func (pg *page) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return pg.Date(t) + ", " + t.In(pg.h.loc).Format("15:04")
}

// MachineTime is an instant for the datetime attribute of <time>.
func (pg *page) MachineTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// TermWords returns a term in words: "6 weken", "6 weeks".
func (pg *page) TermWords(t calendar.Term) string {
	w, ok := unitWords[t.Unit]
	if !ok {
		return t.String()
	}
	if t.N == 1 {
		return pg.T(w[0])
	}
	return pg.T(w[1], t.N)
}

// HolidayName returns the name of a holiday in the page's language; names
// joined with " en " (two holidays on one day) are translated one by one.
func (pg *page) HolidayName(name string) string {
	if pg.lang != langEN {
		return name
	}
	parts := strings.Split(name, " en ")
	for i, p := range parts {
		if !strings.Contains(p, "%") {
			parts[i] = pg.T(p)
		}
	}
	return strings.Join(parts, " and ")
}

// Reason says in words why a deadline was extended. In Dutch it is the
// calendar's own text; in English it is built from the reason's fields.
func (pg *page) Reason(res calendar.Result, r calendar.Reason) string {
	if pg.lang != langEN {
		return r.Text
	}
	switch r.Code {
	case calendar.ReasonTwoWorkingDays:
		return pg.T("de termijn van %s bevat maar één dag die geen zaterdag, zondag of feestdag is, verlengd tot en met %s (art. 2 Atw)", pg.TermWords(res.Term), pg.LongDate(r.To))
	case calendar.ReasonHoliday, calendar.ReasonEquated:
		return pg.T("eindigt op %s, verlengd tot en met %s (art. 1 Atw)", fmt.Sprintf("%s (%s)", pg.HolidayName(r.Day), pg.LongDate(r.From)), pg.LongDate(r.To))
	default:
		return pg.T("eindigt op %s, verlengd tot en met %s (art. 1 Atw)", pg.LongDate(r.From), pg.LongDate(r.To))
	}
}

// DaysLeft says how far the answer deadline of r is, in working days:
// "nog 3 werkdagen", "2 working days late"; "" when no answer is owed.
func (pg *page) DaysLeft(r *schakel.Request) string {
	if !r.State.AwaitsAnswer() {
		return ""
	}
	format, n := requests.DaysLeft(pg.h.Calendar, r, pg.h.Clock.Now())
	if format == "" {
		return ""
	}
	if strings.Contains(format, "%") {
		return pg.T(format, n)
	}
	return pg.T(format)
}

// Overdue reports whether r owes an answer or acknowledgement whose
// deadline has passed.
func (pg *page) Overdue(r *schakel.Request) bool { return r.Overdue(pg.h.Clock.Now()) }
