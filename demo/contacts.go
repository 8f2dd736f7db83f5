package demo

import (
	"context"
	"fmt"

	"github.com/schakel-nl/schakel"
)

// The demo world's link to parliament (report §5.4.4): the standing
// committee each ministry is followed by, the societal task each executing
// organisation serves, and its contact points for parliament — functions
// at functional addresses on example domains, never a person's name
// (decision 0021).

// committees are the standing committees of the demo ministries.
var committees = map[string]string{
	"min-szw":  "Sociale Zaken en Werkgelegenheid",
	"min-jenv": "Justitie en Veiligheid",
	"min-bzk":  "Binnenlandse Zaken",
}

// tasks are the societal tasks of the demo's executing organisations.
var tasks = map[string]string{
	"uwv":                "Bestaanszekerheid",
	"svb":                "Bestaanszekerheid",
	"politie":            "Veiligheid",
	"gemeente-eindhoven": "Wonen",
}

// contacts are the demo contact points, per organisation in the order
// they are added.
var contacts = []struct {
	org string
	c   schakel.Contact
}{
	{"uwv", schakel.Contact{Function: "Politiek accountmanager", Email: "kamerzaken@uwv.example", Phone: "+31 20 000 0001",
		Topics: "WIA, WW en de terugvordering van voorschotten.", Committees: []string{"Sociale Zaken en Werkgelegenheid"}}},
	{"uwv", schakel.Contact{Function: "Relatiebeheer Tweede Kamer, arbeidsmarkt", Email: "arbeidsmarkt.parlement@uwv.example",
		Topics: "Werk en re-integratie.", Committees: []string{"Sociale Zaken en Werkgelegenheid"}}},
	{"svb", schakel.Contact{Function: "Politiek accountmanager", Email: "parlementaire-zaken@svb.example",
		Topics: "AOW, kinderbijslag en persoonsgebonden budget.", Committees: []string{"Sociale Zaken en Werkgelegenheid"}}},
	{"politie", schakel.Contact{Function: "Adviseur parlementaire zaken", Email: "kamercontact@politie.example", Phone: "+31 30 000 0002",
		Topics: "Digitale aangifte en bereikbaarheid voor ouderen.", Committees: []string{"Justitie en Veiligheid"}}},
	{"gemeente-eindhoven", schakel.Contact{Function: "Accountmanager Rijk en parlement", Email: "rijkszaken@eindhoven.example",
		Topics: "Het Bouwdepot voor jongeren en de Participatiewet.", Committees: []string{"Binnenlandse Zaken", "Sociale Zaken en Werkgelegenheid"}}},
}

// contactsBuilt sets the committees, tasks and contact points on the
// organisations of ids and reports the demo world built; a store without
// contact points gets none. It is Build's last step.
func contactsBuilt(ctx context.Context, s Store, ids map[string]int64) (bool, error) {
	cs, ok := s.(schakel.ContactStore)
	if !ok {
		return true, nil
	}
	for _, code := range []string{"min-szw", "min-jenv", "min-bzk"} {
		if err := cs.SetOrganisationGrouping(ctx, ids[code], committees[code], ""); err != nil {
			return false, fmt.Errorf("demo: committee of %s: %w", code, err)
		}
	}
	for _, code := range []string{"uwv", "svb", "politie", "gemeente-eindhoven"} {
		if err := cs.SetOrganisationGrouping(ctx, ids[code], "", tasks[code]); err != nil {
			return false, fmt.Errorf("demo: task of %s: %w", code, err)
		}
	}
	for _, dc := range contacts {
		c := dc.c
		c.OrganisationID = ids[dc.org]
		c.Committees = append([]string(nil), dc.c.Committees...)
		if err := cs.CreateContact(ctx, &c); err != nil {
			return false, fmt.Errorf("demo: contact point of %s: %w", dc.org, err)
		}
	}
	return true, nil
}
