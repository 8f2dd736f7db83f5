package accounts

import (
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

const example = `
[[toegang]]
organisatie = "uwv"
emaildomeinen = ["UWV.nl", "uwv.nl"]
rollen = ["professional"]

[[toegang]]
organisatie = "svb"
claim = "organisatie"
waarde = "SVB"
rollen = ["professional", "coordinator"]

[[rol]]
organisatie = "uwv"
claim = "groepen"
waarde = "schakel-bestuur"
rol = "bestuur"
`

func TestParseRules(t *testing.T) {
	r, err := ParseRules([]byte(example))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Access) != 2 || len(r.Roles) != 1 || r.Access[0].EmailDomains[0] != "uwv.nl" || r.Roles[0].Role != "bestuur" {
		t.Fatalf("rules = %+v", r)
	}
	if got := strings.Join(r.Organisations(), ","); got != "svb,uwv" {
		t.Fatalf("organisations = %s", got)
	}
	if r, err := ParseRules(nil); err != nil || len(r.Access)+len(r.Roles) != 0 {
		t.Fatalf("empty file: %v %v", r, err)
	}
}

// TestParseRulesNamesEveryProblem: each bad entry is named by its table,
// number and key, all at once; unknown keys are refused.
func TestParseRulesNamesEveryProblem(t *testing.T) {
	_, err := ParseRules([]byte(`
[[toegang]]
organisatie = ""
emaildomeinen = ["iemand@uwv.nl"]
rollen = ["koning"]

[[toegang]]
organisatie = "uwv"
claim = "organisatie"
rollen = []

[[toegang]]
organisatie = "uwv"
rollen = ["professional"]

[[rol]]
organisatie = "uwv"
waarde = "x"
rol = "bestuur"
rolle = "typo"
`))
	if err == nil {
		t.Fatal("bad rules accepted")
	}
	for _, want := range []string{
		"[[toegang]] 1, organisatie: empty",
		`[[toegang]] 1, emaildomeinen: "iemand@uwv.nl"`,
		`[[toegang]] 1, rollen: "koning" is no role`,
		`[[toegang]] 2, waarde: empty while claim is "organisatie"`,
		"[[toegang]] 2, rollen: empty",
		"[[toegang]] 3: give emaildomeinen or claim and waarde",
		`[[rol]] 1, claim: empty while waarde is "x"`,
		`unknown key "rol.rolle"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := ParseRules([]byte("[[toegang]\n")); err == nil {
		t.Fatal("TOML syntax error accepted")
	}
}

// TestAdmits: a verified address in a listed domain (any case, the
// domain only, not a subdomain) or a claim holding the value, as text or
// in an array, admits; nothing else does.
func TestAdmits(t *testing.T) {
	r, err := ParseRules([]byte(example))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		id     schakel.BrokerIdentity
		wantOr string
	}{
		{"domain", schakel.BrokerIdentity{Email: "jan@UWV.NL"}, "uwv"},
		{"subdomain", schakel.BrokerIdentity{Email: "jan@x.uwv.nl"}, ""},
		{"lookalike", schakel.BrokerIdentity{Email: "jan@uwv.nl.evil.example"}, ""},
		{"claim text", schakel.BrokerIdentity{Claims: map[string]any{"organisatie": "SVB"}}, "svb"},
		{"claim array", schakel.BrokerIdentity{Claims: map[string]any{"organisatie": []any{"X", "SVB"}}}, "svb"},
		{"claim other case", schakel.BrokerIdentity{Claims: map[string]any{"organisatie": "svb"}}, ""},
		{"claim number", schakel.BrokerIdentity{Claims: map[string]any{"organisatie": 1.0}}, ""},
		{"nothing", schakel.BrokerIdentity{Email: "jan@gmail.com"}, ""},
	} {
		got := r.admits(c.id)
		if (got == nil) != (c.wantOr == "") || (got != nil && got.Organisation != c.wantOr) {
			t.Errorf("%s: admitted by %+v, want %q", c.name, got, c.wantOr)
		}
	}
}

// FuzzParseRules: no input makes the parser panic, and whatever it accepts
// is fully checked: every entry names an organisation and valid roles.
func FuzzParseRules(f *testing.F) {
	f.Add([]byte(example))
	f.Add([]byte("[[rol]]\nclaim = 1\n"))
	f.Add([]byte("toegang = 3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRules(data)
		if err != nil {
			return
		}
		for _, a := range r.Access {
			if a.Organisation == "" || len(a.Roles) == 0 || (len(a.EmailDomains) == 0 && a.Claim == "") {
				t.Fatalf("accepted %+v", a)
			}
			for _, ro := range a.Roles {
				if !schakel.Role(ro).Valid() {
					t.Fatalf("accepted role %q", ro)
				}
			}
		}
		for _, ro := range r.Roles {
			if ro.Organisation == "" || ro.Claim == "" || ro.Value == "" || !schakel.Role(ro.Role).Valid() {
				t.Fatalf("accepted %+v", ro)
			}
		}
	})
}
