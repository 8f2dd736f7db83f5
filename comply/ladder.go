package comply

import "github.com/schakel-nl/schakel"

// LadderInput is what the ladder of a new request depends on.
type LadderInput struct {
	Type schakel.RequestType
	// Addressee is the first rung: the organisation, and the role when the
	// requester chose one (otherwise the type's default role).
	Addressee schakel.Addressee
	// AddresseeType is the type of the addressee's organisation.
	AddresseeType schakel.OrgType
	// Principal is the ministry that commissions the addressee (0 if none,
	// or if the addressee is a ministry).
	Principal int64
	// Parliament is the parliament organisation, the top of the ladders
	// that end there (0 if there is none).
	Parliament int64
	// Field is the name of the addressee in the caller's input, for the
	// findings about it; "" is FieldAddressee. A brake names the
	// organisation it is pulled at "organisatie".
	Field string
}

// Ladder returns the rungs a request climbs, first the addressee. The
// ladders are those of the report:
//   - professional's brake (§4.4.5): coordinator → board → principal ministry;
//   - organisation's brake (§5.4.6): ministry → minister → parliament;
//   - knelpunt (§5.4): board → principal ministry → parliament (at a
//     ministry: officials → minister → parliament);
//   - objection, complaint and the citizen's brake (§3.4.3): the role addressed → the board (at a
//     ministry: the officials addressed → the minister);
//   - general: the role addressed → the board → the principal ministry (at
//     a ministry: officials → minister → parliament).
//
// Returns EINVALID when the addressee cannot receive the type.
func Ladder(in LadderInput) ([]schakel.Addressee, error) {
	org := in.Addressee.OrganisationID
	role := in.Addressee.Role
	var rungs []schakel.Addressee
	add := func(org int64, role schakel.Role) {
		if org == 0 {
			return
		}
		a := schakel.Addressee{OrganisationID: org, Role: role}
		if n := len(rungs); n > 0 && rungs[n-1] == a {
			return
		}
		rungs = append(rungs, a)
	}
	field := in.Field
	if field == "" {
		field = FieldAddressee
	}
	invalid := func(format string, args ...any) error {
		return &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
			{Field: field, Code: "not_allowed", Format: format, Args: args}}}
	}
	if org == 0 {
		// Without this the ladder would start at the principal or parliament.
		return nil, invalid("Kies de organisatie die moet antwoorden.")
	}
	if role != "" && !role.Valid() {
		return nil, invalid("Kies een bestaande rol.")
	}
	switch in.Type {
	case schakel.TypeProfessionalBrake:
		if !in.AddresseeType.Executes() {
			return nil, invalid("De noodrem van een professional geldt bij een uitvoerende organisatie.")
		}
		add(org, schakel.RoleCoordinator)
		add(org, schakel.RoleBoard)
		add(in.Principal, schakel.RolePolicy)
	case schakel.TypeOrganisationBrake:
		if in.AddresseeType != schakel.OrgMinistry {
			return nil, invalid("Een opdracht gaat terug naar het ministerie dat opdrachtgever is.")
		}
		add(org, schakel.RolePolicy)
		add(org, schakel.RoleMinister)
		add(in.Parliament, schakel.RoleParliament)
	case schakel.TypeKnelpunt:
		if in.AddresseeType == schakel.OrgMinistry {
			// A ministry has no board: its officials answer, then the minister.
			add(org, or(role, schakel.RolePolicy))
			add(org, schakel.RoleMinister)
		} else {
			add(org, or(role, schakel.RoleBoard))
			add(org, schakel.RoleBoard)
			add(in.Principal, schakel.RolePolicy)
		}
		add(in.Parliament, schakel.RoleParliament)
	case schakel.TypeObjection, schakel.TypeComplaint, schakel.TypeCitizenBrake:
		if in.AddresseeType == schakel.OrgMinistry {
			// A ministry has no board: its officials, then the minister.
			add(org, or(role, schakel.RolePolicy))
			add(org, schakel.RoleMinister)
		} else {
			add(org, or(role, schakel.RoleCoordinator))
			add(org, schakel.RoleBoard)
		}
	case schakel.TypeGeneral:
		if in.AddresseeType == schakel.OrgMinistry {
			add(org, or(role, schakel.RolePolicy))
			add(org, schakel.RoleMinister)
			add(in.Parliament, schakel.RoleParliament)
		} else {
			add(org, or(role, schakel.RoleBoard))
			add(org, schakel.RoleBoard)
			add(in.Principal, schakel.RolePolicy)
		}
	default:
		return nil, &schakel.Error{Code: schakel.EINVALID, Message: "De invoer is niet geldig.", Fields: []schakel.FieldError{
			{Field: FieldType, Code: "enum", Format: "Kies een bestaand soort verzoek."}}}
	}
	if len(rungs) == 0 {
		return nil, invalid("Kies de organisatie die moet antwoorden.")
	}
	return rungs, nil
}

func or(r, def schakel.Role) schakel.Role {
	if r == "" {
		return def
	}
	return r
}
