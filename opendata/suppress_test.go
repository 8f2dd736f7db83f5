package opendata_test

import (
	"testing"
	"time"

	"github.com/schakel-nl/schakel/opendata"
)

func TestSuppress(t *testing.T) {
	for n, want := range map[int]bool{0: false, 1: true, 4: true, 5: false, 6: false, 100: false} {
		if got := opendata.Suppress(n); got != want {
			t.Errorf("Suppress(%d) = %v, want %v", n, got, want)
		}
	}
}

func items(n int, org, level string, at time.Time) []opendata.BrakeItem {
	out := make([]opendata.BrakeItem, n)
	for i := range out {
		out[i] = opendata.BrakeItem{PulledAt: at.Add(time.Duration(i) * time.Hour), Organisation: org, Level: level}
	}
	return out
}

// TestCountBrakesSuppressesAtFourNotFive: four citizens' brakes at one
// organisation in one month are suppressed, and so is the row's total
// (which with the other levels would give the four back); five are shown.
func TestCountBrakesSuppressesAtFourNotFive(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	march := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name          string
		citizens      int
		wantSuppress  bool
		wantCitizen   int
		wantTotal     int
		professionals int
	}{
		{"four", 4, true, 0, 0, 2},
		{"five", 5, false, 5, 8, 3},
		{"none", 0, false, 0, 1, 1},
		{"one", 1, true, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append(items(tt.citizens, "uwv", "burger", march), items(tt.professionals, "uwv", "professional", march)...)
			if tt.citizens == 0 && tt.professionals == 0 {
				t.Fatal("no items")
			}
			rows := opendata.CountBrakes(in, ams)
			if len(rows) != 1 {
				t.Fatalf("rows: %+v", rows)
			}
			r := rows[0]
			if r.Suppressed != tt.wantSuppress || r.Period != "2026-03" || r.Organisation != "uwv" || r.Professional != tt.professionals {
				t.Fatalf("row: %+v", r)
			}
			if tt.wantSuppress {
				if r.Citizen != nil || r.Total != nil {
					t.Errorf("suppressed row shows citizen %v or total %v", r.Citizen, r.Total)
				}
				row := r.Row("https://x")
				if row[3] != nil || row[6] != nil || row[7] != true {
					t.Errorf("row: %v", row)
				}
				return
			}
			if r.Citizen == nil || *r.Citizen != tt.wantCitizen || r.Total == nil || *r.Total != tt.wantTotal {
				t.Errorf("citizen %v total %v", r.Citizen, r.Total)
			}
		})
	}
}

func TestCountBrakesPerMonthInDutchTime(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	// 23:30 UTC on 31 March is 1 April in Amsterdam.
	late := time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC)
	in := append(items(5, "svb", "burger", late), items(1, "uwv", "organisatie", late)...)
	in = append(in, items(2, "svb", "burger", late.AddDate(0, -1, 0))...)
	rows := opendata.CountBrakes(in, ams)
	if len(rows) != 3 {
		t.Fatalf("rows: %+v", rows)
	}
	if rows[0].Period != "2026-03" || !rows[0].Suppressed || rows[1].Period != "2026-04" || rows[1].Organisation != "svb" || *rows[1].Citizen != 5 ||
		rows[2].Organisation != "uwv" || rows[2].OrgLevel != 1 || *rows[2].Total != 1 {
		t.Errorf("rows: %+v", rows)
	}
}
