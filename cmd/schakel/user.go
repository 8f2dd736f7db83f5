package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
)

const userUsage = `schakel user — prepare users, switch them off and on, give and take roles

Usage:
  schakel user prepare --email ADDRESS | --subject ID [--issuer URL]
                       --organisation CODE --role ROLE [--name NAME] [--db]
  schakel user off     --id N [--reason TEXT] [--db]
  schakel user on      --id N [--reason TEXT] [--db]
  schakel user grant   --id N --organisation CODE --role ROLE [--db]
  schakel user revoke  --id N --organisation CODE --role ROLE [--db]
  schakel user show    --id N [--db]
  schakel user operator --id N [--off] [--reason TEXT] [--db]

The operator's way in, above all on a fresh install: prepare the first
administrator of an organisation, e.g.

  schakel user prepare --email beheer@uwv.nl --organisation uwv --role beheerder

A user prepared by e-mail is bound at the first login with that (verified)
address; by --subject, at the first login with that identifier at --issuer
(default --oidc-issuer). Switching off ends the user's sessions at once.
Every change goes into the user's history as done "by command".
An operator of the installation creates organisations and retires or
reinstates the national principles; an organisation's administrator
(beheerder) may not. schakel user operator makes user N one (--off: no
longer one); an operator may make others operators too.
Roles: ` + "professional, coordinator, bestuur, beleid, bewindspersoon, parlement, beheerder, vertrouwenspersoon, secretaris-generaal" + `

Flags:
`

// userFlags are the flags of every user subcommand.
type userFlags struct {
	email, subject, issuer, name, org, role, reason string
	id                                              int64
	off                                             bool // user operator --off
}

// runUser runs a user subcommand as the operator: whoever runs it holds
// the database, so no role is checked.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, userUsage)
		return errUsage
	}
	sub := args[0]
	var f userFlags
	cfg, rest, err := loadConfig("user "+sub, args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&f.email, "email", "", "e-mail address of the user to prepare")
		fs.StringVar(&f.subject, "subject", "", "the broker's identifier (OIDC subject) of the user to prepare")
		fs.StringVar(&f.issuer, "issuer", "", "the broker's issuer URL for --subject (default: --oidc-issuer)")
		fs.StringVar(&f.name, "name", "", "name shown until the first login brings the broker's")
		fs.StringVar(&f.org, "organisation", "", "code of the organisation of the role")
		fs.StringVar(&f.role, "role", "", "the role, e.g. beheerder")
		fs.StringVar(&f.reason, "reason", "", "why, kept in the user's history (no personal data)")
		fs.Int64Var(&f.id, "id", 0, "the user's number (see the administration pages or schakel user show)")
		fs.BoolVar(&f.off, "off", false, "with operator: the user is no longer an operator")
		fs.Usage = func() {
			fmt.Fprint(fs.Output(), userUsage)
			fs.PrintDefaults()
		}
	}, "db", "sqlite-synchronous", "oidc-issuer", "log-level", "log-format")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("user %s: unexpected argument %q", sub, rest[0])
	}
	st, err := openExistingStore(ctx, cfg.DB, cfg.SQLiteSynchronous)
	if err != nil {
		return err
	}
	defer st.Close()
	if f.issuer == "" {
		f.issuer = cfg.OIDCIssuer
	}
	u, err := userCommand(ctx, st, sub, f)
	if err != nil {
		return userError(sub, err)
	}
	return printUser(ctx, st, stdout, u)
}

// byCommand is the history's way of every change made here.
var byCommand = schakel.Change{Via: schakel.ViaCommand}

// userCommand does subcommand sub with f and returns the user after.
func userCommand(ctx context.Context, st *store.Store, sub string, f userFlags) (*schakel.User, error) {
	switch sub {
	case "prepare":
		return prepareUser(ctx, st, f)
	case "off", "on":
		u, err := st.SetUserDisabled(ctx, f.id, sub == "off", schakel.Change{Via: schakel.ViaCommand, Reason: f.reason})
		if err == nil && sub == "off" {
			_, err = st.EndLoginSessions(ctx, schakel.LoginSessionFilter{UserID: u.ID})
		}
		return u, err
	case "grant", "revoke":
		m, err := membershipOf(ctx, st, f)
		if err != nil {
			return nil, err
		}
		if sub == "grant" {
			return st.ChangeRoles(ctx, f.id, []schakel.Membership{m}, nil, byCommand)
		}
		return st.ChangeRoles(ctx, f.id, nil, []schakel.Membership{m}, byCommand)
	case "show":
		return st.User(ctx, f.id)
	case "operator":
		return st.SetUserOperator(ctx, f.id, !f.off, schakel.Change{Via: schakel.ViaCommand, Reason: f.reason})
	}
	return nil, fmt.Errorf("unknown subcommand %q: want prepare, off, on, grant, revoke, show or operator", sub)
}

// membershipOf is the role of f, naming a missing or unknown organisation
// and an unknown role together.
func membershipOf(ctx context.Context, st *store.Store, f userFlags) (schakel.Membership, error) {
	var v schakel.Validation
	m := schakel.Membership{Role: schakel.Role(f.role)}
	if !m.Role.Valid() {
		v.Add("role", "enum", "Kies een bestaande rol.")
	}
	if v.Required("organisation", f.org) {
		o, err := st.OrganisationByCode(ctx, f.org)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("organisation", "unknown", "Organisatie %q bestaat niet.", f.org)
		case err != nil:
			return m, err
		default:
			m.OrganisationID = o.ID
		}
	}
	return m, v.Err()
}

// prepareUser prepares the user of f by e-mail or by subject.
func prepareUser(ctx context.Context, st *store.Store, f userFlags) (*schakel.User, error) {
	m, err := membershipOf(ctx, st, f)
	var v schakel.Validation
	if err := v.Merge("", err); err != nil {
		return nil, err
	}
	u := &schakel.User{Issuer: f.issuer, Subject: strings.TrimSpace(f.subject), Name: strings.TrimSpace(f.name), Email: strings.TrimSpace(f.email)}
	switch {
	case u.Subject == "" && u.Email == "":
		v.Add("email", "required", "Geef --email of --subject.")
	case u.Subject == "":
		u.Issuer, u.Subject = schakel.IssuerPreparedByEmail, schakel.PreparedEmailSubject(u.Email)
	case u.Issuer == "":
		v.Add("issuer", "required", "Geef --issuer of stel --oidc-issuer in.")
	}
	if u.Name == "" {
		u.Name = u.Email
		if u.Name == "" {
			u.Name = u.Subject
		}
	}
	if u.Subject != "" && u.Issuer != "" {
		if err := v.Merge("", u.Validate()); err != nil {
			return nil, err
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return u, st.PrepareUser(ctx, u, m, byCommand)
}

// userError says in Dutch why nothing changed: each bad flag on a line.
func userError(sub string, err error) error {
	if schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("user %s: %w", sub, err)
	}
	lines := []string{"niets gewijzigd: " + schakel.ErrorMessage(err)}
	for _, f := range schakel.ErrorFields(err) {
		lines = append(lines, fmt.Sprintf("  --%s: %s", f.Field, f.Reason()))
	}
	return errors.New(strings.Join(lines, "\n"))
}

// printUser prints u, its roles and its history.
func printUser(ctx context.Context, st *store.Store, w io.Writer, u *schakel.User) error {
	state := "aan"
	if u.DisabledAt != nil {
		state = "uitgeschakeld sinds " + u.DisabledAt.Format("2006-01-02 15:04") + " UTC"
	} else if u.Prepared() {
		state = "voorbereid, nog niet ingelogd"
	}
	fmt.Fprintf(w, "Gebruiker %d: %s (%s)\n", u.ID, u.Name, state)
	if u.Operator {
		fmt.Fprintln(w, "  operator van de installatie")
	}
	for _, m := range u.Memberships {
		o, err := st.Organisation(ctx, m.OrganisationID)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  rol %s bij %s\n", m.Role, o.Code)
	}
	es, err := st.UserEvents(ctx, u.ID)
	if err != nil {
		return err
	}
	for _, e := range es {
		line := fmt.Sprintf("  %s %s via %s", e.At.Format("2006-01-02 15:04"), e.Kind, e.Via)
		if e.Role != "" {
			line += " (" + string(e.Role) + ")"
		}
		if e.ByUserID != 0 {
			line += " door gebruiker " + strconv.FormatInt(e.ByUserID, 10)
		}
		fmt.Fprintln(w, line)
	}
	return nil
}
