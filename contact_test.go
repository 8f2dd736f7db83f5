package schakel

import (
	"net/mail"
	"slices"
	"sort"
	"strings"
	"testing"
)

func contactFields(err error) []string {
	var out []string
	for _, f := range ErrorFields(err) {
		out = append(out, f.Field+":"+f.Code)
	}
	sort.Strings(out)
	return out
}

func TestContactValidate(t *testing.T) {
	valid := func(mod func(c *Contact)) *Contact {
		c := &Contact{OrganisationID: 1, Function: "Politiek accountmanager", Email: "kamerzaken@uwv.example", Committees: []string{"Financiën"}}
		if mod != nil {
			mod(c)
		}
		return c
	}
	for name, tc := range map[string]struct {
		c    *Contact
		want []string
	}{
		"valid":              {valid(nil), nil},
		"general number":     {valid(func(c *Contact) { c.Phone = "+31 20-751 0000" }), nil},
		"display name":       {valid(func(c *Contact) { c.Email = "UWV <kamerzaken@uwv.example>" }), []string{"email:format"}},
		"angle brackets":     {valid(func(c *Contact) { c.Email = "<kamerzaken@uwv.example>" }), []string{"email:format"}},
		"comment":            {valid(func(c *Contact) { c.Email = "kamerzaken@uwv.example (Jan)" }), []string{"email:format"}},
		"initials.surname":   {valid(func(c *Contact) { c.Email = "J.H.de.Vries@uwv.example" }), []string{"email:personal"}},
		"function with dots": {valid(func(c *Contact) { c.Email = "kamer.zaken@uwv.example" }), nil},
		"mobile":             {valid(func(c *Contact) { c.Phone = "+31 6 1234 5678" }), []string{"telefoon:personal"}},
		"mobile 0031":        {valid(func(c *Contact) { c.Phone = "0031 6 12345678" }), []string{"telefoon:personal"}},
		"too short":          {valid(func(c *Contact) { c.Phone = "12" }), []string{"telefoon:format"}},
		"plus inside":        {valid(func(c *Contact) { c.Phone = "020+1234567" }), []string{"telefoon:format"}},
		"everything": {&Contact{Function: strings.Repeat("f", MaxContactFunction+1), Email: strings.Repeat("a", 250) + "@b.nl", Phone: "x", Topics: "\x00",
			Committees: []string{" ", "A", "A "}},
			[]string{"email:too_long", "functie:too_long", "kamercommissies[0]:required", "kamercommissies[2]:duplicate", "onderwerpen:nul", "organisatie:required", "telefoon:format"}},
		"too many committees": {valid(func(c *Contact) { c.Committees = make([]string, MaxContactCommittees+1) }), []string{"kamercommissies:too_many"}},
	} {
		t.Run(name, func(t *testing.T) {
			if got := contactFields(tc.c.Validate()); !slices.Equal(got, tc.want) {
				t.Fatalf("fields %v, want %v", got, tc.want)
			}
		})
	}
}

// FuzzContactValidate holds Validate to its promises on any input: no
// panic; an accepted contact point has one bare address that net/mail
// reads back unchanged, a phone of digits, spaces, "+" and "-", distinct
// committees; and validating it again changes nothing.
func FuzzContactValidate(f *testing.F) {
	f.Add("Politiek accountmanager", "kamerzaken@uwv.example", "+31 20 751 0000", "WIA", "Financiën", "Binnenlandse Zaken")
	f.Add(" ", "Jan <j.jansen@example.nl>", "06-12345678", "\x00", "", "")
	f.Add("x", "\"a b\"@c.nl", "0", "", "A", "A")
	f.Fuzz(func(t *testing.T, function, email, phone, topics, c1, c2 string) {
		c := &Contact{OrganisationID: 1, Function: function, Email: email, Phone: phone, Topics: topics, Committees: []string{c1, c2}}
		if c.Validate() != nil {
			return
		}
		a, err := mail.ParseAddress(c.Email)
		if err != nil || a.Name != "" || a.Address != c.Email {
			t.Fatalf("accepted e-mail %q: %v, %+v", c.Email, err, a)
		}
		if c.Phone != "" && !phonePattern.MatchString(c.Phone) {
			t.Fatalf("accepted phone %q", c.Phone)
		}
		if c.Committees[0] == c.Committees[1] || c.Committees[0] == "" {
			t.Fatalf("accepted committees %q", c.Committees)
		}
		again := *c
		again.Committees = slices.Clone(c.Committees)
		if err := again.Validate(); err != nil || again.Email != c.Email || again.Function != c.Function || !slices.Equal(again.Committees, c.Committees) {
			t.Fatalf("validating again: %v, %+v vs %+v", err, again, c)
		}
	})
}
