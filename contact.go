package schakel

import (
	"context"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Contact is a contact point of an executing organisation for parliament
// (contactpersoon voor het parlement; the report's "politieke
// accountmanager", §5.4.4): a function, reached at a functional address,
// serving one or more standing committees of parliament. It never names a
// person (decision 0021): a function outlives staff changes and may be
// shown to anyone. A contact point is never changed: changing it is
// retiring it and adding a new one.
type Contact struct {
	ID             int64
	OrganisationID int64
	// Function is the title of the function, such as "Politiek
	// accountmanager".
	Function string
	// Email is a functional address, bare (no display name).
	Email string
	// Phone is an optional functional number: digits, spaces, "+" and "-".
	Phone string
	// Topics is an optional note on what to ask this contact point about.
	Topics string
	// Committees are the names of the standing committees it serves, each
	// one a ministry has set (Organisation.Committee); distinct, and read
	// back sorted.
	Committees []string
	CreatedAt  time.Time
	// RetiredAt is when the contact point stopped, nil while it is active.
	RetiredAt *time.Time
}

// Limits of a contact point's fields, in characters.
const (
	MaxContactFunction   = 120
	MaxContactEmail      = 254 // RFC 5321's limit on a path
	MaxContactPhone      = 30
	MaxContactTopics     = 1000
	MaxContactCommittees = 20
)

// Retired reports whether the contact point has stopped.
func (c *Contact) Retired() bool { return c.RetiredAt != nil }

var (
	phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 -]*[0-9]$`)
	// personalLocal matches the local part of an address made of initials
	// and a surname ("j.jansen", "jh.de.vries"): a person's address, which
	// a contact point must not have (decision 0021).
	personalLocal = regexp.MustCompile(`^[a-z]{1,3}(\.[a-z]{1,3})*\.[a-z][a-z-]+$`)
)

// Validate checks the fields of c that need no database: function and
// e-mail required, the e-mail a bare functional address, the phone
// digits, spaces, "+" and "-", the lengths, and at least one committee,
// each named once. It trims the texts. Whether
// the organisation executes and each committee is one a ministry set is
// the store's to check.
func (c *Contact) Validate() error {
	var v Validation
	if c.OrganisationID <= 0 {
		v.Add("organisatie", "required", "Dit veld is verplicht.")
	}
	c.Function = v.Text("functie", c.Function, MaxContactFunction, true)
	c.Email = strings.TrimSpace(c.Email)
	checkContactEmail(&v, c.Email)
	c.Phone = v.Text("telefoon", c.Phone, MaxContactPhone, false)
	if c.Phone != "" && !v.Names("telefoon") && (!phonePattern.MatchString(c.Phone) || countDigits(c.Phone) < 3) {
		v.Add("telefoon", "format", "Gebruik alleen cijfers, spaties, een + vooraan en koppeltekens, zoals +31 20 123 45 67.")
	}
	if c.Phone != "" && !v.Names("telefoon") && mobile(c.Phone) {
		v.Add("telefoon", "personal", "Dit lijkt een mobiel nummer van een persoon. Gebruik een algemeen nummer dat blijft als de medewerker vertrekt.")
	}
	c.Topics = v.Text("onderwerpen", c.Topics, MaxContactTopics, false)
	c.Committees = checkContactCommittees(&v, c.Committees)
	return v.Err()
}

// checkContactEmail names an e-mail address that is missing, too long,
// not one bare address (net/mail, no display name, no comments) or the
// address of a person rather than of a function.
func checkContactEmail(v *Validation, email string) {
	if strings.ContainsRune(email, 0) {
		v.Add("email", "nul", "Tekst met een NUL-teken kan niet worden opgeslagen.")
		return
	}
	if !v.Required("email", email) {
		return
	}
	if len(email) > MaxContactEmail {
		v.Add("email", "too_long", "Gebruik hoogstens %d tekens.", MaxContactEmail)
		return
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@')+1:], ".") {
		v.Add("email", "format", "Vul één e-mailadres in, zoals kamercontact@organisatie.nl, zonder naam ervoor.")
		return
	}
	local := strings.ToLower(email[:strings.LastIndexByte(email, '@')])
	if personalLocal.MatchString(local) {
		v.Add("email", "personal", "Dit lijkt het adres van een persoon. Gebruik een functioneel adres dat blijft als de medewerker vertrekt.")
	}
}

// checkContactCommittees names a missing, empty, too long or repeated
// committee and returns the names trimmed, in the order given, so that
// later findings name the element the client sent.
func checkContactCommittees(v *Validation, names []string) []string {
	if len(names) == 0 {
		v.Add("kamercommissies", "required", "Kies ten minste één vaste Kamercommissie.")
		return nil
	}
	if len(names) > MaxContactCommittees {
		v.Add("kamercommissies", "too_many", "Kies hoogstens %d vaste Kamercommissies.", MaxContactCommittees)
		return names
	}
	out := make([]string, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		field := "kamercommissies[" + strconv.Itoa(i) + "]"
		out[i] = v.Text(field, n, MaxGroupingName, true)
		if v.Names(field) {
			continue
		}
		if seen[out[i]] {
			v.Add(field, "duplicate", "Deze commissie staat er al.")
		}
		seen[out[i]] = true
	}
	return out
}

// mobile reports whether phone is a Dutch mobile number (06, +316 or
// 00316): such a number nearly always belongs to one person.
func mobile(phone string) bool {
	var d strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			d.WriteRune(r)
		}
	}
	n := d.String()
	return strings.HasPrefix(n, "06") || strings.HasPrefix(n, "00316") || (strings.HasPrefix(phone, "+") && strings.HasPrefix(n, "316"))
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// ContactFilter selects contact points. Zero fields select all active
// ones.
type ContactFilter struct {
	OrganisationID int64
	// Committee selects the contact points that serve this committee.
	Committee string
	// IncludeRetired also returns retired contact points.
	IncludeRetired bool
}

// Committee is a standing committee of parliament (vaste Kamercommissie)
// as the ministries name it, with the ministries that name it.
type Committee struct {
	Name        string
	MinistryIDs []int64 // ordered by ministry name
}

// ContactStore keeps the contact points for parliament and the grouping of
// organisations under committees and tasks.
type ContactStore interface {
	// CreateContact stores c and sets its ID and CreatedAt. Returns
	// EINVALID naming every invalid field: bad fields, an organisation that
	// does not exist or does not execute, a committee no ministry names.
	CreateContact(ctx context.Context, c *Contact) error
	// Contact returns the contact point with id, also a retired one.
	// Returns ENOTFOUND if there is none.
	Contact(ctx context.Context, id int64) (*Contact, error)
	// RetireContact stops the contact point with id. Returns ENOTFOUND if
	// there is none and ECONFLICT when it is retired already.
	RetireContact(ctx context.Context, id int64) error
	// Contacts returns the contact points matching f, ordered by
	// organisation and then as they were added.
	Contacts(ctx context.Context, f ContactFilter) ([]*Contact, error)
	// Committees returns every committee some ministry names, ordered by
	// name, each with the ministries that name it.
	Committees(ctx context.Context) ([]*Committee, error)
	// SetOrganisationGrouping sets the committee (of a ministry) and the
	// task (of an executing organisation) of organisation orgID, validated
	// as on creation; empty clears. Returns ENOTFOUND if there is none and
	// EINVALID naming every invalid field.
	SetOrganisationGrouping(ctx context.Context, orgID int64, committee, task string) error
}
