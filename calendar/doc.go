// Package calendar computes legal terms the way Dutch law counts them.
//
// It is pure: no I/O, no clock, standard library only. The rules are those
// of the Algemene termijnenwet (Atw):
//
//   - art. 1: a term that ends on a Saturday, a Sunday or a generally
//     recognised holiday is extended up to and including the next day that
//     is none of these;
//   - art. 2: a term of at least three days is extended, where needed, so
//     that it contains at least two days that are not a Saturday, Sunday or
//     holiday;
//   - art. 3: the holidays are Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag,
//     Tweede Pinksterdag, Eerste and Tweede Kerstdag, the day on which the
//     King's birthday is celebrated (Koningsdag) and 5 mei; Goede Vrijdag is
//     equated with them, and further days can be equated by Royal Decree
//     (see New).
//
// Counting. A term starts on the day after the triggering event ("de dag na
// die waarop het besluit is bekendgemaakt", Awb 6:8) and ends at the end of
// its last day. A term of N days ends N days after the event, a term of N
// weeks on the same weekday N weeks after the event, and a term of N months
// on the day with the same number as the event day N months later, or on
// the last day of that month when that number does not exist there (one
// month after 31 January ends on 28 or 29 February). This is the reading of
// Council Regulation (EEC, Euratom) No 1182/71, art. 3(2)(c), which Dutch
// courts follow for Awb terms ("de overeenkomstige dag"). A term in working
// days ends on the N-th working day after the event; art. 1 then holds by
// construction and art. 2 is not applied (the term itself states how many
// working days it has).
//
// Dates are civil dates without a time zone (type Date). Only the moment a
// deadline passes involves a zone: the end of the day in Europe/Amsterdam
// (see Calendar.EndOf). The tz database is embedded, so this works on
// machines without one.
//
// Historical years. The Atw dates from 1964; for earlier years the package
// applies the same rules to the days that were then celebrated (see
// Calendar.Holiday), which is good enough for the supported range
// MinYear–MaxYear but is not a statement about the law of that time.
package calendar
