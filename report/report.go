// Package report renders the yearly Staat van de Uitvoering (PRODUCT.md
// C8): the state of public service delivery in a calendar year, as the
// figures stood at a cut-off date, in eight chapters — the introduction,
// emergency brakes, comply or explain, deadlines, knelpunten per law,
// implementation assessments and their answers, returned assignments with
// the minister's answers, and case precedent — as one self-contained HTML
// file (HTML) and as a PDF (PDF) with the same content and charts.
//
// The package is pure: it reads no clock, iterates no map and writes only
// to the io.Writer it is given, so the same Report renders to the same
// bytes every time. The PDF's dates are the cut-off date and its pages are
// not compressed (as the letters' are, decision 0025), so a published copy
// can be rendered again and checked against the SHA-256 in the public
// record. Its input is a plain struct the caller fills from the parliament
// view (package figures) and the register of cases: only counts,
// organisation names and texts that passed redaction (documents.Text).
package report

import (
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/documents"
)

// Report is the input of one yearly report.
type Report struct {
	// Year is the calendar year reported on; From and To are its first
	// and last day.
	Year int
	// Cutoff is the day the figures are of; before the year ends it is a
	// report on the year so far. The PDF's dates are this day at 00:00 UTC.
	Cutoff calendar.Date
	// MinCitizenBrakes is the smallest number of citizens' brakes about one
	// organisation that is published (figures.MinCitizenBrakes).
	MinCitizenBrakes int
	// HeldBack counts the organisations whose citizens' brakes were held
	// back.
	HeldBack int
	// Total holds the figures of every request of the year.
	Total Figures
	// Ministries, Organisations and Types group the same figures, in the
	// order they are to be shown.
	Ministries, Organisations, Types []Group
	// Terms are the legal answer terms per request type.
	Terms []Term
	// Laws are the laws with the most knelpunten; LawsTotal counts all.
	Laws      []Law
	LawsTotal int
	// Proposals are the proposals of the year with their assessments;
	// ProposalsTotal counts all.
	Proposals      []Proposal
	ProposalsTotal int
	// Returned are the assignments returned to a ministry; ReturnedTotal
	// counts all.
	Returned      []Returned
	ReturnedTotal int
	// Precedent are the counts of the register of case precedent.
	Precedent Precedent
	// SiteURL is the public address of the site, e.g.
	// "https://schakel.example.nl", for the links; may be empty.
	SiteURL string
}

// Figures are the counts of one group of requests (figures.Figures).
type Figures struct {
	Requests, Open, Overdue       int
	Answered, Complied, Explained int
	// Partial counts the answers in part (deels: comply in part).
	Partial int
	OnTime  int
	// MedianDays and P90Days are -1 without answers.
	MedianDays, P90Days int
	Missed, Escalated   int
	CitizenBrakes       int
	// CitizenBrakesHeld is true when citizens' brakes of an organisation
	// in the group were held back.
	CitizenBrakesHeld  bool
	ProfessionalBrakes int
	OrganisationBrakes int
}

// Brakes returns the number of brakes of every level.
func (f Figures) Brakes() int { return f.CitizenBrakes + f.ProfessionalBrakes + f.OrganisationBrakes }

// Group is the figures of a ministry, an organisation or a request type;
// Name is shown (a request type's token is turned into words).
type Group struct {
	Name string
	Figures
}

// Term is the legal answer term of a request type, in words ("6 weken")
// and at most in days.
type Term struct {
	Type schakel.RequestType
	Term string
	Days int
}

// Law is what the knelpunten that reached a ministry say of a law.
type Law struct {
	// Law is the BWB identifier, e.g. "BWBR0019057".
	Law                            string
	Knelpunten, Organisations      int
	CitizensLow, CitizensHigh      int64
	CostOnceCents, CostYearlyCents int64
}

// Proposal is a proposal with its assessments.
type Proposal struct {
	Title    documents.Text
	Ministry string
	Kind     schakel.ProposalKind
	State    schakel.ProposalState
	Created  calendar.Date
	// Signed is the day the secretary-general signed for execution, or
	// the zero Date.
	Signed      calendar.Date
	Assessments []Assessment
}

// Assessment is one organisation's assessment of a proposal.
type Assessment struct {
	Organisation string
	State        schakel.AssessmentState
	Verdict      schakel.Verdict
	// Delivered and Answered are the zero Date when not (yet).
	Delivered, Answered calendar.Date
}

// Returned is an assignment an organisation returned to its ministry.
type Returned struct {
	Organisation, Ministry string
	At                     calendar.Date
	State                  schakel.RequestState
	Principles             []string
	// Open is true while an answer is owed; Due is then its last day.
	Open, Overdue, Missed bool
	Due                   calendar.Date
	Answers               []Answer
}

// Answer is an answer of the minister to a returned assignment.
type Answer struct {
	At      calendar.Date
	Kind    schakel.AnswerKind
	Late    bool
	Changes documents.Text
	ByWhen  calendar.Date
	// Motivations are the reasons per principle, in the order to show.
	Motivations []Motivation
}

// Motivation is the minister's reason for one principle.
type Motivation struct {
	Principle string
	Text      documents.Text
}

// Precedent are the counts of the register of case precedent: the cases
// of the year published by the cut-off.
type Precedent struct {
	Total          int
	ByOutcome      []Count
	ByOrganisation []Count
}

// Count is a labelled number.
type Count struct {
	Label string
	N     int
}

// Validate reports every field of r that keeps it from being rendered, at
// once, as a *schakel.Error with code EINVALID: a year between 2000 and
// 9998, a cut-off on or after the year's first day, no negative counts.
func (r Report) Validate() error {
	var v schakel.Validation
	if r.Year < 2000 || r.Year > 9998 {
		v.Add("jaar", "range", "Kies een jaar tussen 2000 en 9998.")
	}
	if r.Cutoff.IsZero() {
		v.Add("peildatum", "required", "Geef een peildatum.")
	} else if !v.Names("jaar") && r.Cutoff.Before(r.From()) {
		v.Add("peildatum", "too_early", "De peildatum ligt voor het begin van het jaar %d.", r.Year)
	}
	if r.MinCitizenBrakes < 1 || r.HeldBack < 0 || r.LawsTotal < len(r.Laws) || r.ProposalsTotal < len(r.Proposals) ||
		r.ReturnedTotal < len(r.Returned) || r.Precedent.Total < 0 {
		v.Add("aantallen", "range", "Een aantal is negatief of kleiner dan de lijst die het telt.")
	}
	return v.Err()
}

// From returns the first day of the year.
func (r Report) From() calendar.Date { return calendar.DateOf(r.Year, 1, 1) }

// To returns the last day of the year.
func (r Report) To() calendar.Date { return calendar.DateOf(r.Year, 12, 31) }

// FileName returns the report's file name without extension:
// "staat-van-de-uitvoering-2026".
func FileName(year int) string { return fmt.Sprintf("staat-van-de-uitvoering-%d", year) }
