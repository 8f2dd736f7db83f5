package api_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/respond"
)

// TestServeUnavailable checks that a server without brakes or a
// maatwerkplaats answers their endpoints exactly as a bare 404 problem:
// the same status, headers and bytes as respond.StatusProblem.
func TestServeUnavailable(t *testing.T) {
	h := &api.Handler{Log: slog.New(slog.DiscardHandler)}
	brakes := "De noodrem is op deze server niet beschikbaar."
	cases := "De maatwerkplaats is op deze server niet beschikbaar."
	for _, tc := range []struct {
		name   string
		fn     api.HandlerFunc
		method string
		path   string
		detail string
	}{
		{"ListBrakes", h.ListBrakes, "GET", "/api/v1/noodremmen", brakes},
		{"PullBrake", h.PullBrake, "POST", "/api/v1/noodremmen", brakes},
		{"GetBrake", h.GetBrake, "GET", "/api/v1/noodremmen/1", brakes},
		{"FollowBrake", h.FollowBrake, "POST", "/api/v1/ontvangstcodes/raadplegingen", brakes},
		{"GetReferralBudget", h.GetReferralBudget, "GET", "/api/v1/organisaties/uwv/doorverwijsbudget", brakes},
		{"ListCases", h.ListCases, "GET", "/api/v1/casussen", cases},
		{"InviteToCase", h.InviteToCase, "POST", "/api/v1/casussen/1/uitnodigingen", cases},
		{"ListPrecedents", h.ListPrecedents, "GET", "/api/v1/casusprudentie", cases},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := httptest.NewRecorder()
			h.Serve(tc.fn)(got, httptest.NewRequest(tc.method, tc.path, nil))
			want := httptest.NewRecorder()
			respond.StatusProblem(want, httptest.NewRequest(tc.method, tc.path, nil), http.StatusNotFound, tc.detail)
			if got.Code != want.Code {
				t.Errorf("status = %d, want %d", got.Code, want.Code)
			}
			if !reflect.DeepEqual(got.Header(), want.Header()) {
				t.Errorf("header = %v, want %v", got.Header(), want.Header())
			}
			if got.Body.String() != want.Body.String() {
				t.Errorf("body = %s\nwant %s", got.Body, want.Body)
			}
		})
	}
}
