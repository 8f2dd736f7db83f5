package web

import (
	"strconv"

	"github.com/schakel-nl/schakel"
)

// The words of signals, knelpunten and their ladder: Dutch message keys,
// translated by the page methods below.

// knelpuntStateNames name the states of a knelpunt.
var knelpuntStateNames = map[schakel.KnelpuntState]string{
	schakel.KnelpuntOpen:     "open",
	schakel.KnelpuntPut:      "voorgelegd",
	schakel.KnelpuntAdopted:  "overgenomen",
	schakel.KnelpuntDeclined: "niet overgenomen",
	schakel.KnelpuntMerged:   "samengevoegd",
	schakel.KnelpuntDone:     "afgerond",
}

// knelpuntLevelNames name the rungs of the ladder.
var knelpuntLevelNames = map[schakel.KnelpuntLevel]string{
	schakel.LevelTeam:       "team",
	schakel.LevelBoard:      "bestuur",
	schakel.LevelMinistry:   "ministerie",
	schakel.LevelParliament: "parlement",
}

// ladderTitles are the headings of the rungs on a knelpunt's page.
var ladderTitles = map[schakel.KnelpuntLevel]string{
	schakel.LevelTeam:       "Het team (de coördinator)",
	schakel.LevelBoard:      "Het bestuur",
	schakel.LevelMinistry:   "Het ministerie",
	schakel.LevelParliament: "Het parlement",
}

// solutionNames name the kinds of solution a signal proposes.
var solutionNames = map[schakel.Solution]string{
	schakel.SolutionLaw:            "De wet aanpassen",
	schakel.SolutionPolicy:         "De beleidsregel aanpassen",
	schakel.SolutionImplementation: "De uitvoering aanpassen",
	schakel.SolutionMaatwerk:       "Meer ruimte voor maatwerk",
}

// knelpuntEventTitles are the titles of the events in a knelpunt's
// history.
var knelpuntEventTitles = map[schakel.KnelpuntEventType]string{
	schakel.KnelpuntEventCreated:  "Knelpunt gestart",
	schakel.KnelpuntEventJoined:   "Signaal toegevoegd",
	schakel.KnelpuntEventMerged:   "Samengevoegd",
	schakel.KnelpuntEventSplit:    "Gesplitst",
	schakel.KnelpuntEventPut:      "Voorgelegd",
	schakel.KnelpuntEventAdopted:  "Overgenomen",
	schakel.KnelpuntEventDeclined: "Niet overgenomen",
	schakel.KnelpuntEventSent:     "Verstuurd met de knelpuntenbrief",
}

// signalEventTitles are the titles of the events in a signal's history.
var signalEventTitles = map[schakel.SignalEventType]string{
	schakel.SignalEventRaised: "Opgeworpen bij het besluit over een casus",
	schakel.SignalEventFiled:  "Ingediend",
	schakel.SignalEventMoved:  "Verplaatst naar een ander knelpunt",
}

// signalStateNames name the states of a signal.
var signalStateNames = map[schakel.SignalState]string{
	schakel.SignalRaised: "concept",
	schakel.SignalFiled:  "ingediend",
}

// KnelpuntState returns the name of a knelpunt's state.
func (pg *page) KnelpuntState(s schakel.KnelpuntState) string {
	if k, ok := knelpuntStateNames[s]; ok {
		return pg.T(k)
	}
	return string(s)
}

// KnelpuntStateClass returns the badge modifier of a knelpunt's state:
// blue while it waits, green once adopted, none otherwise. The badge's
// text always says the state.
func (pg *page) KnelpuntStateClass(s schakel.KnelpuntState) string {
	switch s {
	case schakel.KnelpuntOpen, schakel.KnelpuntPut:
		return "badge--open"
	case schakel.KnelpuntAdopted, schakel.KnelpuntDone:
		return "badge--done"
	}
	return ""
}

// KnelpuntLevel returns the name of a rung of the ladder.
func (pg *page) KnelpuntLevel(l schakel.KnelpuntLevel) string {
	if k, ok := knelpuntLevelNames[l]; ok {
		return pg.T(k)
	}
	return string(l)
}

// Solution returns the name of a kind of solution.
func (pg *page) Solution(s schakel.Solution) string {
	if k, ok := solutionNames[s]; ok {
		return pg.T(k)
	}
	return string(s)
}

// SignalState returns the name of a signal's state.
func (pg *page) SignalState(s schakel.SignalState) string {
	if k, ok := signalStateNames[s]; ok {
		return pg.T(k)
	}
	return string(s)
}

// CitizenRange says an estimate of citizens: "1.200 tot 3.000", or one
// number when both ends are equal.
func (pg *page) CitizenRange(e schakel.Estimate) string {
	if e.Low == e.High {
		return pg.Thousands(e.High)
	}
	return pg.T("%s tot %s", pg.Thousands(e.Low), pg.Thousands(e.High))
}

// signalPath is the page of signal id.
func signalPath(id int64) string { return "/signalen/" + strconv.FormatInt(id, 10) }

// knelpuntPath is the page of knelpunt id.
func knelpuntPath(id int64) string { return "/knelpunten/" + strconv.FormatInt(id, 10) }

// letterPath is the page of knelpuntenbrief id.
func letterPath(id int64) string { return "/knelpuntenbrieven/" + strconv.FormatInt(id, 10) }
