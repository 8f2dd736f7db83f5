package notify_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/notify"
)

// request is a protected professional's brake at UWV, pulled by user 4711
// for organisation 8088: neither may ever show in a message.
func request() *schakel.Request {
	return &schakel.Request{
		ID: 12, Type: schakel.TypeProfessionalBrake, Subject: "Stop de terugvordering\nvan voorschotten",
		Body:      "Ik, Jan Klokkenluider, zie dat het misgaat.",
		Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "Jan vindt het onevenredig."}},
		Requester: schakel.Party{Kind: schakel.PartyOrganisation, UserID: 4711, OrganisationID: 8088},
		Ladder:    []schakel.Addressee{{OrganisationID: 3, Role: schakel.RoleCoordinator}},
		State:     schakel.StateOpen, Urgent: true,
		AckDue:    calendar.DateOf(2026, 3, 9),
		AnswerDue: calendar.DateOf(2026, 3, 13),
		CreatedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
	}
}

func notification(t schakel.EventType) *schakel.Notification {
	return &schakel.Notification{ID: 77, EventID: 501, RequestID: 12, Seq: 1, EventType: t, Channel: schakel.ChannelEmail,
		OrganisationID: 3, Target: "coord@uwv.example"}
}

func TestCompose(t *testing.T) {
	tests := []struct {
		name    string
		event   schakel.EventType
		typ     schakel.RequestType
		subject string
		intro   string
	}{
		{"new brake", schakel.EventCreated, schakel.TypeProfessionalBrake,
			"Nieuwe noodrem bij UWV: Stop de terugvordering van voorschotten", "Er is een nieuwe noodrem van een professional voor UWV."},
		{"new objection", schakel.EventCreated, schakel.TypeObjection,
			"Nieuw bezwaar bij UWV: Stop de terugvordering van voorschotten", "Er is een nieuw bezwaar (Awb 7:10) voor UWV."},
		{"new general request", schakel.EventCreated, schakel.TypeGeneral,
			"Nieuw verzoek om verantwoording bij UWV: Stop de terugvordering van voorschotten", "Er is een nieuw verzoek om verantwoording voor UWV."},
		{"new complaint", schakel.EventCreated, schakel.TypeComplaint,
			"Nieuwe klacht bij UWV: Stop de terugvordering van voorschotten", "Er is een nieuwe klacht (Awb 9:11) voor UWV."},
		{"reminder", schakel.EventReminder, schakel.TypeProfessionalBrake,
			"Herinnering: Stop de terugvordering van voorschotten", "Herinnering: op deze noodrem moet UWV nog antwoorden, uiterlijk vrijdag 13 maart 2026."},
		{"escalated", schakel.EventEscalated, schakel.TypeKnelpunt,
			"Geëscaleerd naar u: Stop de terugvordering van voorschotten", "Dit knelpunt is geëscaleerd: nu moet UWV antwoorden."},
		{"contested", schakel.EventContested, schakel.TypeCitizenBrake,
			"Betwist: Stop de terugvordering van voorschotten", "Het antwoord op deze noodrem wordt betwist: nu moet UWV antwoorden."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request()
			r.Type = tt.typ
			m := notify.Compose(notification(tt.event), r, "UWV", "https://schakel.example/")
			if m.Subject != tt.subject {
				t.Errorf("subject %q, want %q", m.Subject, tt.subject)
			}
			for _, want := range []string{tt.intro, "https://schakel.example/verzoeken/12\n", "Antwoord uiterlijk: vrijdag 13 maart 2026",
				"Ontvangst bevestigen uiterlijk: maandag 9 maart 2026", "Spoed: ja", "Soort: " + notify.TypeName(tt.typ)} {
				if !strings.Contains(m.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, m.Text)
				}
			}
			noRequester(t, m)
		})
	}
}

// noRequester fails when anything of the requester of request() shows.
func noRequester(t *testing.T, m notify.Message) {
	t.Helper()
	for _, part := range []string{m.Subject, m.Text, string(m.Payload)} {
		for _, leak := range []string{"Jan", "Klokkenluider", "4711", "8088", "indiener", "Ik,", "onevenredig"} {
			if strings.Contains(part, leak) {
				t.Errorf("message shows %q of the requester:\n%s", leak, part)
			}
		}
	}
}

func TestComposePayload(t *testing.T) {
	n := notification(schakel.EventEscalated)
	n.Seq = 4
	m := notify.Compose(n, request(), "UWV", "https://schakel.example")
	var keys map[string]any
	if err := json.Unmarshal(m.Payload, &keys); err != nil {
		t.Fatal(err)
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	slices.Sort(names)
	want := []string{"antwoordUiterlijk", "gebeurtenis", "onderwerp", "ontvangstUiterlijk", "soort", "spoed", "url", "verzoek", "volgnummer"}
	if !slices.Equal(names, want) {
		t.Fatalf("payload fields %v, want exactly %v", names, want)
	}
	var p notify.Payload
	if err := json.Unmarshal(m.Payload, &p); err != nil {
		t.Fatal(err)
	}
	if p != (notify.Payload{Event: schakel.EventEscalated, Request: 12, Seq: 4, Type: schakel.TypeProfessionalBrake,
		Subject: "Stop de terugvordering\nvan voorschotten", Urgent: true, AckDue: "2026-03-09", AnswerDue: "2026-03-13",
		URL: "https://schakel.example/verzoeken/12"}) {
		t.Fatalf("payload %+v", p)
	}
	// Without deadlines the dates are left out.
	r := request()
	r.AckDue, r.AnswerDue = calendar.Date{}, calendar.Date{}
	m = notify.Compose(n, r, "UWV", "https://schakel.example")
	if strings.Contains(string(m.Payload), "Uiterlijk") || strings.Contains(m.Text, "uiterlijk:") {
		t.Fatalf("zero dates shown: %s\n%s", m.Payload, m.Text)
	}
}

func TestComposeAnonymous(t *testing.T) {
	r := request()
	r.Requester = schakel.Party{Kind: schakel.PartyAnonymous}
	m := notify.Compose(notification(schakel.EventCreated), r, "UWV", "https://schakel.example")
	noRequester(t, m)
	if strings.Contains(strings.ToLower(m.Text), "anoniem") {
		t.Fatalf("the message says the requester is anonymous:\n%s", m.Text)
	}
}

func TestComposeLongSubject(t *testing.T) {
	r := request()
	r.Subject = strings.Repeat("lang ", 100)
	m := notify.Compose(notification(schakel.EventContested), r, "UWV", "https://schakel.example")
	if n := len([]rune(m.Subject)); n > len("Betwist: ")+120 || !strings.HasSuffix(m.Subject, "…") || strings.ContainsAny(m.Subject, "\r\n") {
		t.Fatalf("subject of %d runes: %q", n, m.Subject)
	}
}
