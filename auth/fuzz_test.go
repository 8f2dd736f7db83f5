package auth

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/schakel-nl/schakel"
)

// FuzzBackchannelLogout posts anything as a logout token: nothing but a
// token the provider signed for this client ends a session, and nothing
// crashes the handler.
func FuzzBackchannelLogout(f *testing.F) {
	e := newEnv(f, runProvider(f))
	p := petra()
	p.claims["sid"] = "sessie-fuzz"
	e.queue(p)
	e.login("")
	good := e.logoutToken(func(c jwt.MapClaims) { c["sid"] = "sessie-fuzz" })
	f.Add("")
	f.Add("a.b.c")
	f.Add(good[:len(good)-3] + "AAA") // a broken signature
	f.Add(e.logoutToken(func(c jwt.MapClaims) { c["sid"] = "sessie-fuzz"; c["nonce"] = "x" }))
	f.Fuzz(func(t *testing.T, tok string) {
		// No env helpers here: they report to f.
		resp, err := http.PostForm(e.srv.URL+"/auth/oidc/backchannel-logout", url.Values{"logout_token": {tok}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("status %d", resp.StatusCode)
		}
		who, err := e.follow.Get(e.srv.URL + "/wie")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(who.Body)
		who.Body.Close()
		if string(b) != "Petra Geheimnaam" {
			t.Fatalf("%q ended the session", tok)
		}
	})
}

func TestLoginCountsAsHigh(t *testing.T) {
	// The demo login and tests log in with Login: schakel vouches for it.
	e := newEnv(t, runProvider(t))
	e.queue(petra())
	e.login("")
	e.a.Policy = schakel.AssurancePolicy{schakel.StakeDecide: schakel.AssuranceHigh}
	if got := e.level(); got != "0 false" {
		t.Fatalf("broker login without acr: %q", got)
	}
	resp, err := e.follow.PostForm(e.srv.URL+"/direct", url.Values{"id": {strconv.FormatInt(e.users()[0].ID, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := e.level(); got != "3 true" {
		t.Fatalf("direct login: %q", got)
	}
}
