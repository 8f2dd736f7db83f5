package opendata

import (
	"sort"
	"strings"
	"time"
)

// MinCitizens is the smallest count of citizens' brakes about one decision
// in one period that an aggregate publishes. A smaller count (1 to 4) could
// single out a citizen: those who know of one objection against a decision
// of a small organisation in a month could tell who it was. Zero singles
// out nobody and is published.
const MinCitizens = 5

// Suppress reports whether a count of citizens' brakes is too small to
// publish: 1 up to MinCitizens-1.
func Suppress(count int) bool { return count > 0 && count < MinCitizens }

// BrakeItem is one brake as the aggregate counts it: when it was pulled,
// where, and at which level ("burger", "professional", "organisatie").
type BrakeItem struct {
	PulledAt     time.Time
	Organisation string
	Level        string
}

// BrakeCount is one row of BrakesPerMonth. Citizen and Total are nil when
// suppressed: the total minus the other two levels would give the
// citizens' count back, so it goes too.
type BrakeCount struct {
	Period       string // YYYY-MM in loc
	Organisation string
	Citizen      *int
	Professional int
	OrgLevel     int
	Total        *int
	Suppressed   bool
}

// CountBrakes counts items per month (in loc) and organisation, oldest month
// first, then by organisation code, and suppresses every citizens' count
// that Suppress refuses, together with its row's total. Items of another
// level than the three are not counted.
func CountBrakes(items []BrakeItem, loc *time.Location) []BrakeCount {
	type key struct{ period, org string }
	type tally struct{ citizen, professional, org int }
	counts := map[key]*tally{}
	for _, it := range items {
		k := key{it.PulledAt.In(loc).Format("2006-01"), it.Organisation}
		t := counts[k]
		if t == nil {
			t = &tally{}
			counts[k] = t
		}
		switch it.Level {
		case "burger":
			t.citizen++
		case "professional":
			t.professional++
		case "organisatie":
			t.org++
		}
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].period != keys[j].period {
			return keys[i].period < keys[j].period
		}
		return keys[i].org < keys[j].org
	})
	out := make([]BrakeCount, 0, len(keys))
	for _, k := range keys {
		t := counts[k]
		c := BrakeCount{Period: k.period, Organisation: k.org, Professional: t.professional, OrgLevel: t.org}
		if Suppress(t.citizen) {
			c.Suppressed = true
		} else {
			citizen, total := t.citizen, t.citizen+t.professional+t.org
			c.Citizen, c.Total = &citizen, &total
		}
		out = append(out, c)
	}
	return out
}

// Row is c as a row of BrakesPerMonth at base.
func (c BrakeCount) Row(base string) Row {
	id := strings.TrimRight(base, "/") + BrakesPerMonth.Page + "/" + c.Period + "/" + c.Organisation
	return Row{id, c.Period, c.Organisation, intOrNil(c.Citizen), c.Professional, c.OrgLevel, intOrNil(c.Total), c.Suppressed}
}

func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
