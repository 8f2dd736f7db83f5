// Package generalise flags the quasi-identifiers in a redacted text (what
// identifies a person in combination: family composition, rare conditions,
// exact amounts, exact dates) and generalises those a reviewer chooses, so
// that a published case cannot single anyone out (PRODUCT.md C9). It is
// pure: no I/O.
package generalise
