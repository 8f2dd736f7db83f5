package store_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, storetest.OpenSQLite)
}

func TestPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("PostgreSQL conformance skipped in -short mode")
	}
	storetest.OpenPostgres(t, nil) // skips, saying why, without SCHAKEL_TEST_POSTGRES
	storetest.Run(t, storetest.OpenPostgres)
}

// TestEveryMethodCovered holds the conformance suite to testing every exported
// method of the store, so a new method cannot land untested on one backend.
func TestEveryMethodCovered(t *testing.T) {
	covered := storetest.Covered()
	check := func(typ reflect.Type, prefix string) {
		for i := 0; i < typ.NumMethod(); i++ {
			name := prefix + typ.Method(i).Name
			if !slices.Contains(covered, name) {
				t.Errorf("store method %s has no conformance test in storetest", name)
			}
		}
	}
	check(reflect.TypeFor[*store.Store](), "")
	check(reflect.TypeFor[*store.SessionStore](), "SessionStore.")
}
