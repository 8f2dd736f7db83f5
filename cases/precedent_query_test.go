package cases_test

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestPrecedentFilter: on both stores, the register's search and filters
// are read by the API's names, the organisation is resolved, the days
// become bounds of the decision time in Dutch time, and every invalid
// parameter is named at once while the valid ones are kept.
func TestPrecedentFilter(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			w := newWorld(t, be.Open)
			ctx := context.Background()
			uwv, err := w.st.OrganisationByCode(ctx, "uwv")
			if err != nil {
				t.Fatal(err)
			}
			long := strings.Repeat("a", cases.MaxQuery+1)
			for _, tc := range []struct {
				name   string
				query  string
				want   schakel.PrecedentFilter
				fields []string
			}{
				{name: "none", query: ""},
				{name: "every filter",
					query: "q=voorschot+te+laat&regel=" + url.QueryEscape("jci1.3:c:BWBR0019057&artikel=76") + "&beginsel=evenredigheid&uitkomst=gezagsvol-nee&organisatie=uwv&vanaf=2026-01-05&tot=2026-03-31",
					want: schakel.PrecedentFilter{Query: "voorschot te laat", RuleRef: "jci1.3:c:BWBR0019057&artikel=76", Principle: "evenredigheid", Outcome: schakel.OutcomeNo,
						OrganisationID: uwv.ID, From: time.Date(2026, 1, 4, 23, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 31, 22, 0, 0, 0, time.UTC)}},
				{name: "longest query", query: "q=" + long[1:], want: schakel.PrecedentFilter{Query: long[1:]}},
				{name: "other parameters are the caller's", query: "pagina=2&paginaGrootte=10&sorteer=x"},
				{name: "first of repeated", query: "uitkomst=maatwerk&uitkomst=x", want: schakel.PrecedentFilter{Outcome: schakel.OutcomeMaatwerk}},
				{name: "every one invalid", query: "q=" + long + "&uitkomst=ja&organisatie=nee&vanaf=5-1-2026&tot=2026-02-30",
					fields: []string{"organisatie:unknown", "q:too_long", "tot:format", "uitkomst:enum", "vanaf:format"}},
				{name: "empty is given", query: "q=&regel=&beginsel=&uitkomst=&organisatie=&vanaf=&tot=",
					fields: []string{"organisatie:unknown", "tot:format", "uitkomst:enum", "vanaf:format"}},
				{name: "valid kept beside invalid", query: "q=voorschot&organisatie=svbb&tot=2026-06-30",
					want:   schakel.PrecedentFilter{Query: "voorschot", To: time.Date(2026, 6, 30, 22, 0, 0, 0, time.UTC)},
					fields: []string{"organisatie:unknown"}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					q, err := url.ParseQuery(tc.query)
					if err != nil {
						t.Fatal(err)
					}
					f, err := w.svc.PrecedentFilter(ctx, q)
					var got []string
					for _, fe := range schakel.ErrorFields(err) {
						got = append(got, fe.Field+":"+fe.Code)
					}
					slices.Sort(got)
					if !slices.Equal(got, tc.fields) {
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
