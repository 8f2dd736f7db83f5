package comply_test

import (
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// A citizen objects to a decision of UWV on Wednesday 1 April 2026; UWV
// answers with an explain on 20 April, addressing both cited principles.
func ExampleEngine_New() {
	e := &comply.Engine{Calendar: calendar.New()}
	ladder, err := comply.Ladder(comply.LadderInput{
		Type:          schakel.TypeObjection,
		Addressee:     schakel.Addressee{OrganisationID: 10},
		AddresseeType: schakel.OrgExecutive,
	})
	if err != nil {
		panic(err)
	}
	known := func(code string) bool { return true } // the principle catalogue
	ams := calendar.Location()

	r, ev, err := e.New(comply.NewRequest{
		Type:    schakel.TypeObjection,
		Subject: "Terugvordering WIA-voorschotten",
		Grounds: []schakel.Ground{
			{Principle: "evenredigheid", Text: "De terugvordering staat niet in verhouding tot het doel."},
			{Principle: "zorgvuldigheid", Text: "Mijn situatie is niet onderzocht."},
		},
		Requester: schakel.Party{Kind: schakel.PartyAnonymous},
	}, ladder, known, time.Date(2026, time.April, 1, 12, 0, 0, 0, ams))
	if err != nil {
		panic(err)
	}
	fmt.Println(ev.Seq, ev.Type, r.State, r.Addressee().Role, "→", r.Ladder[1].Role)
	fmt.Println("antwoord uiterlijk", r.AnswerDue.DutchLong(), "; verstreken om", r.AnswerDeadline.Format(time.RFC3339))
	fmt.Println("herinnering", r.ReminderAt.In(ams).Format("2006-01-02 15:04"))

	// An explain without a motivation for every cited principle is refused.
	_, _, err = e.Answer(r, schakel.Party{Kind: schakel.PartyUser, UserID: 8}, comply.AnswerInput{
		Kind:        schakel.Explain,
		Motivations: map[string]string{"evenredigheid": "De wet laat geen ruimte."},
	}, time.Date(2026, time.April, 20, 9, 0, 0, 0, ams))
	for _, f := range schakel.ErrorFields(err) {
		fmt.Println(schakel.ErrorCode(err), f.Field, f.Code)
	}

	r, ev, err = e.Answer(r, schakel.Party{Kind: schakel.PartyUser, UserID: 8}, comply.AnswerInput{
		Kind: schakel.Explain,
		Motivations: map[string]string{
			"evenredigheid":  "De wet laat geen ruimte; het bedrag is wel verlaagd.",
			"zorgvuldigheid": "Uw situatie is alsnog onderzocht in een gesprek op 14 april.",
		},
	}, time.Date(2026, time.April, 20, 10, 0, 0, 0, ams))
	if err != nil {
		panic(err)
	}
	fmt.Println(ev.Seq, ev.Type, r.State, r.Answer, "laat:", r.AnsweredLate)
	// Output:
	// 1 aangemaakt open coordinator → bestuur
	// antwoord uiterlijk woensdag 13 mei 2026 ; verstreken om 2026-05-13T22:00:00Z
	// herinnering 2026-05-08 00:00
	// invalid motiveringen.zorgvuldigheid required
	// 2 beantwoord beantwoord explain laat: false
}
