package web

import (
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
)

// The words of proposals and their assessments (uitvoeringstoets), in the
// page's language: methods of *page for the templates and the tables of
// Dutch keys behind them (TestAssessmentKeysTranslated checks every key
// has English).

// proposalKindNames name the kinds of proposal.
var proposalKindNames = map[schakel.ProposalKind]string{
	schakel.KindBill:       "Wetsvoorstel",
	schakel.KindDecree:     "Algemene maatregel van bestuur",
	schakel.KindRegulation: "Ministeriële regeling",
	schakel.KindPolicyRule: "Beleidsregel",
	schakel.KindAmendment:  "Amendement",
	schakel.KindMotion:     "Motie",
}

// proposalStateNames name where a proposal stands.
var proposalStateNames = map[schakel.ProposalState]string{
	schakel.ProposalRegistered: "geregistreerd",
	schakel.ProposalAssessing:  "in toetsing",
	schakel.ProposalSigned:     "getekend voor de uitvoering",
	schakel.ProposalSent:       "naar het parlement",
	schakel.ProposalInForce:    "in werking",
}

// verdictNames name the verdicts of an assessment.
var verdictNames = map[schakel.Verdict]string{
	schakel.VerdictExecutable:  "uitvoerbaar",
	schakel.VerdictConditional: "uitvoerbaar onder voorwaarden",
	schakel.VerdictNot:         "niet uitvoerbaar",
}

// assessmentStateNames name where an assessment stands.
var assessmentStateNames = map[schakel.AssessmentState]string{
	schakel.AssessmentRequested: "gevraagd",
	schakel.AssessmentDelivered: "uitgebracht, wacht op de minister",
	schakel.AssessmentAnswered:  "beantwoord door de minister",
	schakel.AssessmentMissed:    "termijn gemist",
}

// proposalEventTitles say what a step of a proposal did.
var proposalEventTitles = map[schakel.ProposalEventType]string{
	schakel.ProposalEventRegistered: "Voorstel geregistreerd",
	schakel.ProposalEventRequested:  "Uitvoeringstoetsen gevraagd",
	schakel.ProposalEventSigned:     "Getekend voor de uitvoering door de secretaris-generaal",
	schakel.ProposalEventSent:       "Naar het parlement gestuurd",
	schakel.ProposalEventInForce:    "In werking getreden",
}

// ProposalKind returns the name of a kind of proposal.
func (pg *page) ProposalKind(k schakel.ProposalKind) string {
	if n, ok := proposalKindNames[k]; ok {
		return pg.T(n)
	}
	return string(k)
}

// ProposalState returns the name of a proposal's state.
func (pg *page) ProposalState(s schakel.ProposalState) string {
	if n, ok := proposalStateNames[s]; ok {
		return pg.T(n)
	}
	return string(s)
}

// ProposalStateClass returns the badge modifier of a proposal's state:
// blue while it is being assessed, green once it went to parliament.
func (pg *page) ProposalStateClass(s schakel.ProposalState) string {
	switch s {
	case schakel.ProposalRegistered, schakel.ProposalAssessing, schakel.ProposalSigned:
		return "badge--open"
	case schakel.ProposalSent, schakel.ProposalInForce:
		return "badge--done"
	}
	return ""
}

// Verdict returns the name of a verdict.
func (pg *page) Verdict(v schakel.Verdict) string {
	if n, ok := verdictNames[v]; ok {
		return pg.T(n)
	}
	return string(v)
}

// AssessmentState returns the name of an assessment's state.
func (pg *page) AssessmentState(s schakel.AssessmentState) string {
	if n, ok := assessmentStateNames[s]; ok {
		return pg.T(n)
	}
	return string(s)
}

// AssessmentStateClass returns the badge modifier of an assessment's
// state: blue while something is owed, green once answered, red when its
// term was missed.
func (pg *page) AssessmentStateClass(s schakel.AssessmentState) string {
	switch s {
	case schakel.AssessmentRequested, schakel.AssessmentDelivered:
		return "badge--open"
	case schakel.AssessmentAnswered:
		return "badge--done"
	case schakel.AssessmentMissed:
		return "badge--overdue"
	}
	return ""
}

// FTE formats tenths of a full-time job with one decimal: "2,5 fte" in
// Dutch, "2.5 FTE" in English.
func (pg *page) FTE(tenths int64) string {
	neg := tenths < 0
	if neg {
		tenths = -tenths
	}
	s := pg.Thousands(tenths / 10)
	if rest := tenths % 10; rest != 0 {
		sep := ","
		if pg.lang == langEN {
			sep = "."
		}
		s += sep + strconv.FormatInt(rest, 10)
	}
	if neg {
		s = "-" + s
	}
	return pg.T("%s fte", s)
}

// OrganisationCount says a number of organisations.
func (pg *page) OrganisationCount(n int64) string {
	if n == 1 {
		return pg.T("1 organisatie")
	}
	return pg.T("%s organisaties", pg.Thousands(n))
}

// AssessmentCount says a number of assessments.
func (pg *page) AssessmentCount(n int) string {
	if n == 1 {
		return pg.T("1 uitvoeringstoets")
	}
	return pg.T("%d uitvoeringstoetsen", n)
}

// KnelpuntCount says a number of knelpunten.
func (pg *page) KnelpuntCount(n int64) string {
	if n == 1 {
		return pg.T("1 knelpunt")
	}
	return pg.T("%s knelpunten", pg.Thousands(n))
}

// itemLabel names an item of an assessment that the minister answers:
// the verdict, a condition by its number, a value by its principle.
func itemLabel(pg *page, code string, name func(string) string) string {
	switch {
	case code == schakel.ItemVerdict:
		return pg.T("Het oordeel")
	case strings.HasPrefix(code, "voorwaarde-"):
		return pg.T("Voorwaarde %s", strings.TrimPrefix(code, "voorwaarde-"))
	case strings.HasPrefix(code, "waarde-"):
		return pg.T("Waarde in het geding: %s", name(strings.TrimPrefix(code, "waarde-")))
	}
	return code
}

// proposalPath is the page of proposal id.
func proposalPath(id int64) string { return "/voorstellen/" + strconv.FormatInt(id, 10) }

// assessmentPath is the page of assessment id.
func assessmentPath(id int64) string { return "/uitvoeringstoetsen/" + strconv.FormatInt(id, 10) }

// needAssessments returns errNoPage when the proposal pages are off:
// without their service they do not exist (404).
func (h *Handler) needAssessments() error {
	if h.Assessments == nil {
		return errNoPage
	}
	return nil
}

// AssessmentsOn reports whether the proposal pages exist, for the
// navigation.
func (pg *page) AssessmentsOn() bool { return pg.h.Assessments != nil }
