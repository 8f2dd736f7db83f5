// Package notify composes and delivers schakel's notifications: e-mail over
// SMTP (go-mail) and webhooks signed with HMAC-SHA256 of the body. It does
// no database work: jobs.Notifier takes notifications from the store and
// hands them here (docs/decisions/0009-notifications.md).
//
// A message is only ever for the addressee of a request, and it never says
// anything about the requester: no name, no user, no organisation, no
// address. A protected or anonymous puller of a brake is invisible in it,
// as in the pages and the API. It holds the subject but not the body or the
// grounds, so the free texts stay behind the login (and within reach of an
// erasure).
package notify

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

// Message is what is sent about one notification: an e-mail subject and
// plain text body, and the JSON body of a webhook.
type Message struct {
	Subject string
	Text    string
	// Payload is the webhook body: a Payload encoded as JSON.
	Payload []byte
}

// Payload is the JSON body a webhook receives, in Dutch camelCase like the
// API. It describes the request, never its requester.
type Payload struct {
	// Event is the event type: aangemaakt, herinnering, geescaleerd or betwist.
	Event schakel.EventType `json:"gebeurtenis"`
	// Request is the id of the request.
	Request int64 `json:"verzoek"`
	// Seq is the event's number in the request's history.
	Seq int `json:"volgnummer"`
	// Type is the request type, e.g. noodrem-professional.
	Type    schakel.RequestType `json:"soort"`
	Subject string              `json:"onderwerp"`
	Urgent  bool                `json:"spoed"`
	// AckDue and AnswerDue are dates (YYYY-MM-DD), empty when there is none.
	AckDue    string `json:"ontvangstUiterlijk,omitempty"`
	AnswerDue string `json:"antwoordUiterlijk,omitempty"`
	// URL is the request's page.
	URL string `json:"url"`
}

// typeWords are the Dutch words for a request type: the noun, whether it
// is a het-word (nieuw/dit instead of nieuwe/deze), and the longer
// description for the body.
type typeWords struct {
	noun        string
	neuter      bool
	description string
}

var words = map[schakel.RequestType]typeWords{
	schakel.TypeGeneral:           {"verzoek om verantwoording", true, "verzoek om verantwoording"},
	schakel.TypeObjection:         {"bezwaar", true, "bezwaar (Awb 7:10)"},
	schakel.TypeComplaint:         {"klacht", false, "klacht (Awb 9:11)"},
	schakel.TypeCitizenBrake:      {"noodrem", false, "noodrem van een burger"},
	schakel.TypeProfessionalBrake: {"noodrem", false, "noodrem van een professional"},
	schakel.TypeOrganisationBrake: {"noodrem", false, "noodrem van een organisatie (teruggelegde opdracht)"},
	schakel.TypeKnelpunt:          {"knelpunt", true, "knelpunt"},
	schakel.TypeAssessment:        {"uitvoeringstoets", false, "verzoek om een uitvoeringstoets"},
	schakel.TypeAssessmentAnswer:  {"reactie op een uitvoeringstoets", false, "verzoek om een reactie op een uitvoeringstoets"},
}

func wordsOf(t schakel.RequestType) typeWords {
	if w, ok := words[t]; ok {
		return w
	}
	return typeWords{"verzoek", true, "verzoek"}
}

// TypeName returns the Dutch description of a request type, e.g. "noodrem
// van een professional".
func TypeName(t schakel.RequestType) string { return wordsOf(t).description }

// maxSubject caps the request's subject in an e-mail subject line, in runes.
const maxSubject = 120

// oneLine collapses every run of white space (newlines too) to one space
// and cuts s to n runes, so a subject cannot break a header.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// RequestURL returns the page of request id under baseURL.
func RequestURL(baseURL string, id int64) string {
	return strings.TrimRight(baseURL, "/") + "/verzoeken/" + strconv.FormatInt(id, 10)
}

// Compose writes the message about notification n of request r, addressed
// to orgName (the addressee organisation of n), with a link under baseURL.
// Dates are written in Dutch ("vrijdag 13 maart 2026"). Nothing about the
// requester is used: only the request's type, subject, urgency, deadlines
// and id.
func Compose(n *schakel.Notification, r *schakel.Request, orgName string, baseURL string) Message {
	w := wordsOf(r.Type)
	subject := oneLine(r.Subject, maxSubject)
	org := oneLine(orgName, 80)
	this := "deze"
	newAdj := "Nieuwe"
	if w.neuter {
		this, newAdj = "dit", "Nieuw"
	}
	link := RequestURL(baseURL, r.ID)

	var m Message
	var intro string
	switch n.EventType {
	case schakel.EventCreated:
		m.Subject = fmt.Sprintf("%s %s bij %s: %s", newAdj, w.noun, org, subject)
		intro = fmt.Sprintf("Er is een nieuwe %s voor %s.", w.description, org)
		if w.neuter {
			intro = fmt.Sprintf("Er is een nieuw %s voor %s.", w.description, org)
		}
	case schakel.EventReminder:
		m.Subject = "Herinnering: " + subject
		intro = fmt.Sprintf("Herinnering: op %s %s moet %s nog antwoorden", this, w.noun, org)
		if !r.AnswerDue.IsZero() {
			intro += ", uiterlijk " + r.AnswerDue.DutchLong()
		}
		intro += "."
	case schakel.EventEscalated:
		m.Subject = "Geëscaleerd naar u: " + subject
		intro = fmt.Sprintf("%s %s is geëscaleerd: nu moet %s antwoorden.", upper(this), w.noun, org)
	case schakel.EventContested:
		m.Subject = "Betwist: " + subject
		intro = fmt.Sprintf("Het antwoord op %s %s wordt betwist: nu moet %s antwoorden.", this, w.noun, org)
	default:
		m.Subject = fmt.Sprintf("Bericht over %s %s: %s", this, w.noun, subject)
		intro = fmt.Sprintf("Er is iets gebeurd met %s %s voor %s.", this, w.noun, org)
	}

	var b strings.Builder
	b.WriteString(intro + "\n\n")
	fmt.Fprintf(&b, "Onderwerp: %s\n", subject)
	fmt.Fprintf(&b, "Soort: %s\n", w.description)
	if r.Urgent {
		b.WriteString("Spoed: ja\n")
	}
	if !r.AckDue.IsZero() {
		fmt.Fprintf(&b, "Ontvangst bevestigen uiterlijk: %s\n", r.AckDue.DutchLong())
	}
	if !r.AnswerDue.IsZero() {
		fmt.Fprintf(&b, "Antwoord uiterlijk: %s\n", r.AnswerDue.DutchLong())
	}
	fmt.Fprintf(&b, "\nBekijk en beantwoord %s %s:\n%s\n\n", this, w.noun, link)
	fmt.Fprintf(&b, "U krijgt dit bericht omdat u bij %s de rol heeft die %s %s moet beantwoorden. "+
		"Wie het indiende, staat bewust niet in dit bericht.\n", org, this, w.noun)
	b.WriteString("\n-- \nschakel — verantwoording binnen de wettelijke termijn\n")
	m.Text = b.String()

	p := Payload{Event: n.EventType, Request: r.ID, Seq: n.Seq, Type: r.Type, Subject: r.Subject, Urgent: r.Urgent, URL: link}
	if !r.AckDue.IsZero() {
		p.AckDue = r.AckDue.String()
	}
	if !r.AnswerDue.IsZero() {
		p.AnswerDue = r.AnswerDue.String()
	}
	m.Payload, _ = json.Marshal(p) // cannot fail: strings, numbers and a bool
	return m
}

// upper returns s with its first letter in upper case.
func upper(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
