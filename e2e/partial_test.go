package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	schakelapp "github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/store"
)

// TestCoordinatorAnswersInPart: a citizen pulls a brake at UWV; the
// coordinator's menu count rises, the Postvak lists the brake as new, and
// he answers it in part on its page — what UWV does and by when, and per
// cited principle what not and why — at a phone's width and a desktop's.
// The answer is in the public register as deels.
func TestCoordinatorAnswersInPart(t *testing.T) {
	t.Parallel()
	for _, width := range widths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			var srv *schakelapp.App
			a := newAppWith(t, func(_ context.Context, _ *store.Store, app *schakelapp.App) error {
				srv = app
				return nil
			})
			a.sized(width)
			a.login("Jeroen Bakker")
			a.open("/")
			before, _ := a.postvakCount()

			pulled, err := srv.Brakes().Pull(context.Background(), nil, "", brakes.PullInput{
				Level: schakel.LevelCitizen, Organisation: "uwv", DecisionReference: "UWV-2026-000815", DecisionDate: "2026-11-02",
				Body:           "Mijn WW is teruggevorderd in één keer; ik kan dat niet betalen.",
				CitizenGrounds: []string{"onevenredig", "niet-uitgelegd"},
				WantedOutcome:  "Dat ik in delen mag terugbetalen en dat iemand uitlegt waarom.",
			})
			if err != nil {
				t.Fatal(err)
			}
			id := pulled.Brake.RequestID

			a.open("/")
			after, fresh := a.postvakCount()
			if after != before+1 || fresh < 1 {
				a.fatal("the menu counts %d open, %d new after a citizen's brake; %d before", after, fresh, before)
			}
			a.open("/postvak?soort=noodrem&sorteer=nieuwste")
			row := fmt.Sprintf(`tr[data-kind="noodrem"][data-id="%d"]`, id)
			a.wantText(row+" th", "nieuw")
			a.clickOK(row + " th a")

			a.see(`form[action="/verzoeken/` + fmt.Sprint(id) + `/antwoord"] fieldset.partial-done`)
			a.typeInto("deels-wijzigingen", "U mag in 24 maanden terugbetalen; wij stoppen de invordering tot dan.")
			a.choose("deels-uiterlijk", time.Now().AddDate(0, 1, 0).Format("2006-01-02"))
			a.typeInto("deels-motiveringen-evenredigheid", "De vordering zelf blijft: de wet laat ons geen ruimte om haar te laten vallen.")
			a.typeInto("deels-motiveringen-motivering", "De uitleg komt in een brief; het besluit zelf blijft staan.")
			a.clickOK(`form:has(input[name="soort"][value="deels"]) button[type="submit"]`)
			a.wantText(".state", "deels")

			// The public register says deels, without the texts' authors.
			a.open(fmt.Sprintf("/noodremmen/%d", id))
			a.wantText("main", "deels")
			if width == widths[0] {
				a.checkAccessibilityHere("the register entry answered in part at 375 px")
			}
		})
	}
}
