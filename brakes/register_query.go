package brakes

import (
	"context"
	"net/url"
	"strings"

	"github.com/schakel-nl/schakel"
)

// The register's filters, read in one place for every transport, by the
// names the API documents: niveau, organisatie (a code), beginsel (a code),
// status, vanaf and tot (the day of pulling, inclusive, as YYYY-MM-DD) and
// termijnGemist (true or false). Paging and the refusal of unknown or
// repeated parameters are the transport's, as are the names it shows.

// RegisterFilter reads the register's filters from q. A parameter that is
// present is read, also when it is empty; one given more than once is read
// by its first value. Organisations and principles are resolved by code.
// It returns the filter of the valid parameters and, when any parameter is
// invalid, an EINVALID error naming every invalid one; another error is the
// store's. Offset and Limit are left for the caller.
func (s *Service) RegisterFilter(ctx context.Context, q url.Values) (schakel.BrakeFilter, error) {
	var f schakel.BrakeFilter
	var v schakel.Validation
	if p, ok := schakel.QueryParam(q, "niveau"); ok {
		if l := schakel.BrakeLevel(p); l.Valid() {
			f.Level = l
		} else {
			v.Add("niveau", "enum", "Kies een van: %s.", enumList(schakel.BrakeLevels))
		}
	}
	if code, ok := schakel.QueryParam(q, "organisatie"); ok {
		o, err := s.organisationByCode(ctx, code, &v)
		if err != nil {
			return schakel.BrakeFilter{}, err
		}
		if o != nil {
			f.AddresseeOrganisationID = o.ID
		}
	}
	if code, ok := schakel.QueryParam(q, "beginsel"); ok {
		_, err := s.store.Principle(ctx, code)
		switch {
		case schakel.ErrorCode(err) == schakel.ENOTFOUND:
			v.Add("beginsel", "unknown", "Beginsel %q staat niet in de catalogus.", code)
		case err != nil:
			return schakel.BrakeFilter{}, err
		default:
			// Also a retired one: older brakes cite it.
			f.Principle = code
		}
	}
	if p, ok := schakel.QueryParam(q, "status"); ok {
		if st := schakel.RequestState(p); st.Valid() {
			f.State = st
		} else {
			v.Add("status", "enum", "Kies een van: %s.", enumList(schakel.RequestStates))
		}
	}
	f.From, _ = v.QueryDate(q, "vanaf")
	f.To, _ = v.QueryDate(q, "tot")
	if p, ok := schakel.QueryParam(q, "termijnGemist"); ok {
		switch p {
		case "true", "false":
			missed := p == "true"
			f.Missed = &missed
		default:
			v.Add("termijnGemist", "type", "Geef true of false.")
		}
	}
	return f, v.Err()
}

// enumList lists the values of an enumeration for a message.
func enumList[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
