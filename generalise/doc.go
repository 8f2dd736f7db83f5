// Package generalise flags the quasi-identifiers in a redacted text (what
// identifies a person in combination: family composition, rare conditions
// and circumstances, exact amounts, exact dates, ages) and generalises
// those a reviewer chooses, so that a published case cannot single anyone
// out (PRODUCT.md C9). Package redact has already replaced the direct
// identifiers by labels ("[naam 1]", "[plaats]"); what remains — "drie
// kinderen", "ALS", "€ 3.750,12", "14 maart 2025" — is harmless alone and
// identifying together with a town.
//
// Flags finds them, each with a general form ("kinderen", "een
// neurologische ziekte", "tussen € 2.500 en € 5.000", "maart 2025") and
// Keep set where a cue says the decision needs the exact value (the date
// of the decision or hearing, an amount a rule names). Apply writes the
// chosen general forms in. TypeOf reads the case type from the BWB ids of
// the case's rules, Defaults says which categories that type generalises
// by default, and ByDefault picks the flags the reviewer starts with:
//
//	flags := generalise.Flags(redacted)
//	t := generalise.TypeOf(ruleRefs)
//	draft := generalise.Apply(redacted, generalise.ByDefault(t, flags))
//
// Detection is by hand-written rules over tokens, linear in the text; the
// curated list of conditions is short on purpose and the reviewer adds
// what it misses. Decision 0015 (docs/decisions/0015-quasi-identifiers.md)
// says what is flagged, why, and what always stays. The package is pure:
// no I/O.
package generalise
