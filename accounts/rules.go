package accounts

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/schakel-nl/schakel"
)

// Rules is a deployment's provisioning policy, read from a TOML file
// (config ProvisioningRules): who may become a user at their first login,
// and which roles follow claims at every login. The keys are Dutch, like
// the rest of what operators write; see docs/operations.md.
type Rules struct {
	Access []AccessRule `toml:"toegang"`
	Roles  []RoleRule   `toml:"rol"`
}

// AccessRule admits an unknown person at their first login: one whose
// verified e-mail address is in one of EmailDomains, or whose Claim holds
// Value. The new user becomes a member of Organisation with Roles.
type AccessRule struct {
	Organisation string   `toml:"organisatie"`
	EmailDomains []string `toml:"emaildomeinen"`
	Claim        string   `toml:"claim"`
	Value        string   `toml:"waarde"`
	Roles        []string `toml:"rollen"`
}

// RoleRule keeps one role in step with a claim at every login: Role in
// Organisation is given while Claim holds Value and taken away when it no
// longer does — but only when a rule gave it.
type RoleRule struct {
	Organisation string `toml:"organisatie"`
	Claim        string `toml:"claim"`
	Value        string `toml:"waarde"`
	Role         string `toml:"rol"`
}

// LoadRules reads and checks the rules file at path; an empty path means
// no rules: nobody is admitted who was not prepared.
func LoadRules(path string) (*Rules, error) {
	if path == "" {
		return &Rules{}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("provisioning rules: %w", err)
	}
	r, err := ParseRules(data)
	if err != nil {
		return nil, fmt.Errorf("provisioning rules %s: %w", path, err)
	}
	return r, nil
}

// ParseRules reads rules from TOML and checks every entry, naming each
// problem by its table, number (from 1) and key. Unknown keys are errors:
// a misspelt key would otherwise silently admit or refuse people.
func ParseRules(data []byte) (*Rules, error) {
	var r Rules
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&r)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, k := range md.Undecoded() {
		errs = append(errs, fmt.Errorf("unknown key %q", k.String()))
	}
	for i := range r.Access {
		errs = append(errs, r.Access[i].check(i+1)...)
	}
	for i := range r.Roles {
		errs = append(errs, r.Roles[i].check(i+1)...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &r, nil
}

// check normalises a and returns its problems, each naming entry n.
func (a *AccessRule) check(n int) []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("[[toegang]] %d, %s: %s", n, key, fmt.Sprintf(format, args...)))
	}
	a.Organisation = strings.TrimSpace(a.Organisation)
	if a.Organisation == "" {
		bad("organisatie", "empty: give the code of the organisation the new user joins")
	}
	for i, d := range a.EmailDomains {
		d = strings.ToLower(strings.TrimSpace(d))
		a.EmailDomains[i] = d
		if d == "" || strings.ContainsAny(d, "@ \t") || !strings.Contains(d, ".") {
			bad("emaildomeinen", "%q is not a domain such as uwv.nl", d)
		}
	}
	errs = append(errs, checkClaim("[[toegang]]", n, a.Claim, a.Value, len(a.EmailDomains) == 0)...)
	if len(a.Roles) == 0 {
		bad("rollen", "empty: give at least one role, such as [\"professional\"]")
	}
	for _, ro := range a.Roles {
		if !schakel.Role(ro).Valid() {
			bad("rollen", "%q is no role; roles are %s", ro, roleNames())
		}
	}
	return errs
}

// check returns r's problems, each naming entry n.
func (r *RoleRule) check(n int) []error {
	var errs []error
	r.Organisation = strings.TrimSpace(r.Organisation)
	if r.Organisation == "" {
		errs = append(errs, fmt.Errorf("[[rol]] %d, organisatie: empty: give the code of the organisation of the role", n))
	}
	errs = append(errs, checkClaim("[[rol]]", n, r.Claim, r.Value, true)...)
	if !schakel.Role(r.Role).Valid() {
		errs = append(errs, fmt.Errorf("[[rol]] %d, rol: %q is no role; roles are %s", n, r.Role, roleNames()))
	}
	return errs
}

// checkClaim checks a claim and its value, which go together; required
// says the entry has no other way to match.
func checkClaim(table string, n int, claim, value string, required bool) []error {
	switch {
	case claim == "" && value == "" && required:
		if table == "[[toegang]]" {
			return []error{fmt.Errorf("%s %d: give emaildomeinen or claim and waarde, or nobody matches", table, n)}
		}
		return []error{fmt.Errorf("%s %d, claim: empty: give the claim and its waarde", table, n)}
	case claim == "" && value != "":
		return []error{fmt.Errorf("%s %d, claim: empty while waarde is %q", table, n, value)}
	case claim != "" && value == "":
		return []error{fmt.Errorf("%s %d, waarde: empty while claim is %q", table, n, claim)}
	}
	return nil
}

func roleNames() string {
	names := make([]string, len(schakel.Roles))
	for i, r := range schakel.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// Organisations returns the organisation codes the rules name, each once,
// sorted: the composition root checks they exist.
func (r *Rules) Organisations() []string {
	var out []string
	for _, a := range r.Access {
		out = append(out, a.Organisation)
	}
	for _, ro := range r.Roles {
		out = append(out, ro.Organisation)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// admits returns the first access rule that admits id, or nil.
func (r *Rules) admits(id schakel.BrokerIdentity) *AccessRule {
	domain := ""
	if at := strings.LastIndexByte(id.Email, '@'); at >= 0 {
		domain = strings.ToLower(id.Email[at+1:])
	}
	for i := range r.Access {
		a := &r.Access[i]
		if domain != "" && slices.Contains(a.EmailDomains, domain) {
			return a
		}
		if a.Claim != "" && holds(id.Claims, a.Claim, a.Value) {
			return a
		}
	}
	return nil
}

// holds reports whether claim in claims is value, or an array holding it.
// Other shapes (numbers, objects) never match: the rules compare text.
func holds(claims map[string]any, claim, value string) bool {
	switch v := claims[claim].(type) {
	case string:
		return v == value
	case []string:
		return slices.Contains(v, value)
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok && s == value {
				return true
			}
		}
	}
	return false
}
