package brakes_test

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/store/storetest"
)

// fieldCodes lists the invalid fields of err as "field:code", sorted.
func fieldCodes(err error) []string {
	var out []string
	for _, f := range schakel.ErrorFields(err) {
		out = append(out, f.Field+":"+f.Code)
	}
	slices.Sort(out)
	return out
}

// TestRegisterFilter: on both stores, the register's filters are read by
// the API's names, codes are resolved, and every invalid parameter is named
// at once while the valid ones are kept.
func TestRegisterFilter(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			uwv, err := w.st.OrganisationByCode(ctx, "uwv")
			if err != nil {
				t.Fatal(err)
			}
			// A retired principle still filters: old brakes cite it.
			if err := w.st.RetirePrinciple(ctx, "gelijkheid"); err != nil {
				t.Fatal(err)
			}
			yes, no := true, false
			for _, tc := range []struct {
				name   string
				query  string
				want   schakel.BrakeFilter
				fields []string
			}{
				{name: "none", query: ""},
				{name: "every filter", query: "niveau=burger&organisatie=uwv&beginsel=legaliteit&status=beantwoord&vanaf=2026-03-01&tot=2026-03-31&termijnGemist=true",
					want: schakel.BrakeFilter{Level: schakel.LevelCitizen, AddresseeOrganisationID: uwv.ID, Principle: "legaliteit", State: schakel.StateAnswered,
						From: calendar.DateOf(2026, 3, 1), To: calendar.DateOf(2026, 3, 31), Missed: &yes}},
				{name: "not missed", query: "termijnGemist=false", want: schakel.BrakeFilter{Missed: &no}},
				{name: "retired principle", query: "beginsel=gelijkheid", want: schakel.BrakeFilter{Principle: "gelijkheid"}},
				{name: "other parameters are the caller's", query: "pagina=2&paginaGrootte=10&sorteer=x", want: schakel.BrakeFilter{}},
				{name: "first of repeated", query: "niveau=organisatie&niveau=x", want: schakel.BrakeFilter{Level: schakel.LevelOrganisation}},
				{name: "every one invalid", query: "niveau=x&organisatie=nee&beginsel=nee&status=x&vanaf=2026-13-01&tot=gisteren&termijnGemist=ja",
					fields: []string{"beginsel:unknown", "niveau:enum", "organisatie:unknown", "status:enum", "termijnGemist:type", "tot:format", "vanaf:format"}},
				{name: "empty is given", query: "niveau=&organisatie=&status=&vanaf=&tot=&termijnGemist=",
					fields: []string{"niveau:enum", "organisatie:unknown", "status:enum", "termijnGemist:type", "tot:format", "vanaf:format"}},
				{name: "valid kept beside invalid", query: "niveau=professional&organisatie=UWV&vanaf=2026-03-01&tot=2026-02-30",
					want:   schakel.BrakeFilter{Level: schakel.LevelProfessional, From: calendar.DateOf(2026, 3, 1)},
					fields: []string{"organisatie:unknown", "tot:format"}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					q, err := url.ParseQuery(tc.query)
					if err != nil {
						t.Fatal(err)
					}
					f, err := w.svc.RegisterFilter(ctx, q)
					if got := fieldCodes(err); !slices.Equal(got, tc.fields) {
						t.Errorf("invalid fields %v, want %v (%v)", got, tc.fields, err)
					}
					if err != nil && schakel.ErrorCode(err) != schakel.EINVALID {
						t.Errorf("error code %s, want %s", schakel.ErrorCode(err), schakel.EINVALID)
					}
					if !reflect.DeepEqual(f, tc.want) {
						t.Errorf("filter %+v, want %+v", f, tc.want)
					}
				})
			}
		})
	}
}
