package comply_test

import (
	"reflect"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
)

func TestLadder(t *testing.T) {
	var (
		uwv = func(r schakel.Role) schakel.Addressee { return schakel.Addressee{OrganisationID: orgUWV, Role: r} }
		szw = func(r schakel.Role) schakel.Addressee { return schakel.Addressee{OrganisationID: orgSZW, Role: r} }
		gem = func(r schakel.Role) schakel.Addressee { return schakel.Addressee{OrganisationID: orgGem, Role: r} }
		tk  = schakel.Addressee{OrganisationID: orgTK, Role: schakel.RoleParliament}
	)
	const (
		coord = schakel.RoleCoordinator
		board = schakel.RoleBoard
		pol   = schakel.RolePolicy
		mini  = schakel.RoleMinister
		prof  = schakel.RoleProfessional
	)
	// The organisations: UWV executes for SZW; the municipality has no
	// principal; parliament exists unless the case says "no parliament".
	atUWV := func(typ schakel.RequestType, role schakel.Role) comply.LadderInput {
		return comply.LadderInput{Type: typ, Addressee: uwv(role), AddresseeType: schakel.OrgExecutive, Principal: orgSZW, Parliament: orgTK}
	}
	atSZW := func(typ schakel.RequestType, role schakel.Role) comply.LadderInput {
		return comply.LadderInput{Type: typ, Addressee: szw(role), AddresseeType: schakel.OrgMinistry, Parliament: orgTK}
	}
	atGem := func(typ schakel.RequestType, role schakel.Role) comply.LadderInput {
		return comply.LadderInput{Type: typ, Addressee: gem(role), AddresseeType: schakel.OrgMunicipality, Parliament: orgTK}
	}
	noParliament := func(in comply.LadderInput) comply.LadderInput { in.Parliament = 0; return in }

	tests := []struct {
		name string
		in   comply.LadderInput
		want []schakel.Addressee
		// refused: the field the EINVALID names
		field string
	}{
		// Professional's brake (§4.4.5): coordinator → board → principal.
		{"brake at an executive with principal", atUWV(schakel.TypeProfessionalBrake, ""), []schakel.Addressee{uwv(coord), uwv(board), szw(pol)}, ""},
		{"brake ignores the chosen role", atUWV(schakel.TypeProfessionalBrake, board), []schakel.Addressee{uwv(coord), uwv(board), szw(pol)}, ""},
		{"brake at a municipality without principal", atGem(schakel.TypeProfessionalBrake, ""), []schakel.Addressee{gem(coord), gem(board)}, ""},
		{"brake at an inspectorate", comply.LadderInput{Type: schakel.TypeProfessionalBrake, Addressee: uwv(""), AddresseeType: schakel.OrgInspectorate, Principal: orgSZW},
			[]schakel.Addressee{uwv(coord), uwv(board), szw(pol)}, ""},
		{"brake at a ministry is refused", atSZW(schakel.TypeProfessionalBrake, ""), nil, "geadresseerde"},
		{"brake at parliament is refused", comply.LadderInput{Type: schakel.TypeProfessionalBrake, Addressee: tk, AddresseeType: schakel.OrgParliament}, nil, "geadresseerde"},

		// Organisation's brake (§5.4.6): ministry → minister → parliament.
		{"organisation brake at the ministry", atSZW(schakel.TypeOrganisationBrake, ""), []schakel.Addressee{szw(pol), szw(mini), tk}, ""},
		{"organisation brake, parliament missing", noParliament(atSZW(schakel.TypeOrganisationBrake, "")), []schakel.Addressee{szw(pol), szw(mini)}, ""},
		{"organisation brake at an executive is refused", atUWV(schakel.TypeOrganisationBrake, ""), nil, "geadresseerde"},
		{"organisation brake at a municipality is refused", atGem(schakel.TypeOrganisationBrake, ""), nil, "geadresseerde"},

		// Knelpunt (§5.4): board → principal ministry → parliament.
		{"knelpunt at an executive", atUWV(schakel.TypeKnelpunt, ""), []schakel.Addressee{uwv(board), szw(pol), tk}, ""},
		{"knelpunt to a coordinator first", atUWV(schakel.TypeKnelpunt, coord), []schakel.Addressee{uwv(coord), uwv(board), szw(pol), tk}, ""},
		{"knelpunt at a municipality without principal", atGem(schakel.TypeKnelpunt, ""), []schakel.Addressee{gem(board), tk}, ""},
		{"knelpunt at a municipality, parliament missing", noParliament(atGem(schakel.TypeKnelpunt, "")), []schakel.Addressee{gem(board)}, ""},
		{"knelpunt at a ministry", atSZW(schakel.TypeKnelpunt, ""), []schakel.Addressee{szw(pol), szw(mini), tk}, ""},
		{"knelpunt to a minister", atSZW(schakel.TypeKnelpunt, mini), []schakel.Addressee{szw(mini), tk}, ""},

		// Objection and complaint: the role addressed → the board; at a
		// ministry, which has no board, → the minister.
		{"objection at an executive", atUWV(schakel.TypeObjection, ""), []schakel.Addressee{uwv(coord), uwv(board)}, ""},
		{"objection to the board", atUWV(schakel.TypeObjection, board), []schakel.Addressee{uwv(board)}, ""},
		{"complaint about a professional", atGem(schakel.TypeComplaint, prof), []schakel.Addressee{gem(prof), gem(board)}, ""},
		{"complaint at a ministry", atSZW(schakel.TypeComplaint, ""), []schakel.Addressee{szw(pol), szw(mini)}, ""},
		{"objection to a minister", atSZW(schakel.TypeObjection, mini), []schakel.Addressee{szw(mini)}, ""},

		// General: the role addressed → the board → the principal; at a
		// ministry: officials → minister → parliament.
		{"general at an executive", atUWV(schakel.TypeGeneral, ""), []schakel.Addressee{uwv(board), szw(pol)}, ""},
		{"general to a coordinator", atUWV(schakel.TypeGeneral, coord), []schakel.Addressee{uwv(coord), uwv(board), szw(pol)}, ""},
		{"general at a municipality without principal", atGem(schakel.TypeGeneral, ""), []schakel.Addressee{gem(board)}, ""},
		{"general at a ministry", atSZW(schakel.TypeGeneral, ""), []schakel.Addressee{szw(pol), szw(mini), tk}, ""},
		{"general at a ministry, parliament missing", noParliament(atSZW(schakel.TypeGeneral, "")), []schakel.Addressee{szw(pol), szw(mini)}, ""},

		// Refusals of the input itself.
		{"unknown role", atUWV(schakel.TypeObjection, "koning"), nil, "geadresseerde"},
		{"unknown type", atUWV("petitie", ""), nil, "type"},
		{"no type", atUWV("", ""), nil, "type"},
		{"no organisation", comply.LadderInput{Type: schakel.TypeGeneral, AddresseeType: schakel.OrgExecutive, Principal: orgSZW, Parliament: orgTK}, nil, "geadresseerde"},
		{"no organisation, ministry", comply.LadderInput{Type: schakel.TypeOrganisationBrake, AddresseeType: schakel.OrgMinistry, Parliament: orgTK}, nil, "geadresseerde"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := comply.Ladder(tt.in)
			if tt.field != "" {
				if got != nil {
					t.Errorf("ladder = %v, want none", got)
				}
				wantError(t, err, schakel.EINVALID)
				fields := schakel.ErrorFields(err)
				if len(fields) != 1 || fields[0].Field != tt.field || fields[0].Reason() == "" {
					t.Errorf("fields = %+v, want one on %s", fields, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v %v", err, fieldCodes(err))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ladder = %v, want %v", got, tt.want)
			}
			// Every ladder starts at the addressee's organisation, has no
			// rung twice in a row, and a new request can use it.
			if got[0].OrganisationID != tt.in.Addressee.OrganisationID {
				t.Errorf("first rung %v is not the addressee", got[0])
			}
			for i := 1; i < len(got); i++ {
				if got[i] == got[i-1] {
					t.Errorf("rung %d repeats %v", i, got[i])
				}
			}
			in := input(tt.in.Type)
			if _, _, err := newEngine().New(in, got, known, ams(2026, 4, 1, 12, 0)); err != nil {
				t.Errorf("New with this ladder: %v %v", err, fieldCodes(err))
			}
		})
	}
}
