package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/opendata"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestDeadlineFiguresAgreeWithTheAPI: the open data's deadline figures of
// a year, as CSV and as JSON, hold the same numbers per organisation and
// kind of request as GET /api/v1/parlement for that year, on every
// backend.
func TestDeadlineFiguresAgreeWithTheAPI(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			h, _ := openDataServer(t, b.Open)
			w := get(t, h, "/api/v1/parlement?vanaf=2026-01-01&tot=2026-12-31")
			var view struct {
				Groups []struct {
					Key     string         `json:"sleutel"`
					Figures map[string]any `json:"cijfers"`
				} `json:"perOrganisatieEnSoort"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &view); err != nil || w.Code != 200 {
				t.Fatalf("api: %d %v", w.Code, err)
			}
			api := map[string]map[string]any{}
			for _, g := range view.Groups {
				if g.Figures["verzoeken"].(float64) > 0 || g.Figures["noodremmenBurgers"].(map[string]any)["achtergehouden"].(bool) {
					api[g.Key] = g.Figures
				}
			}
			if len(api) == 0 {
				t.Fatal("the demo world has no requests in 2026, so the test proves nothing")
			}
			d := opendata.Deadlines
			js, rows := downloadJSON(t, h, d), downloadCSV(t, h, d)
			if len(js) != len(rows) {
				t.Fatalf("%d JSON rows, %d CSV rows", len(js), len(rows))
			}
			seen := 0
			for i, row := range js {
				if row["periode"] != "2026" {
					continue
				}
				seen++
				key := fmt.Sprint(row["organisatie"], "/", row["soort"])
				a, ok := api[key]
				if !ok {
					t.Errorf("row %s is not in the API", key)
					continue
				}
				if !strings.HasSuffix(fmt.Sprint(row["id"]), "/open-data/termijnen/2026/"+key) || rows[i]["id"] != row["id"] {
					t.Errorf("%s: id %v / %v", key, row["id"], rows[i]["id"])
				}
				for col, field := range map[string]string{"verzoeken": "verzoeken", "open": "open", "overTermijn": "overTermijn", "beantwoord": "beantwoord",
					"pasToe": "pasToe", "legUit": "legUit", "deels": "deels", "opTijd": "opTijd", "mediaanDagen": "mediaanDagen", "percentiel90Dagen": "percentiel90Dagen",
					"termijnGemist": "termijnGemist", "geescaleerd": "geescaleerd"} {
					if got, want := fmt.Sprint(row[col]), fmt.Sprint(a[field]); got != want && !(row[col] == nil && a[field] == nil) {
						t.Errorf("%s JSON %s = %s, API %s", key, col, got, want)
					}
					if got, want := rows[i][col], csvText(a[field]); got != want {
						t.Errorf("%s CSV %s = %q, API %q", key, col, got, want)
					}
				}
				if held := a["noodremmenBurgers"].(map[string]any)["achtergehouden"]; row["achtergehouden"] != held {
					t.Errorf("%s: held back %v, API %v", key, row["achtergehouden"], held)
				}
			}
			if seen != len(api) {
				t.Errorf("%d rows for 2026, %d groups in the API", seen, len(api))
			}
		})
	}
}
