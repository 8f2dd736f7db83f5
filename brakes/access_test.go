package brakes_test

import (
	"context"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestLoginAloneCannotPullProfessionalBrake: a person the identity broker
// knows, without a role in any organisation, cannot pull a professional's
// brake — named, protected or anonymous — and nothing is stored; a
// professional of another organisation can (report §4.4.5), and a citizen
// needs no account at all.
func TestLoginAloneCannotPullProfessionalBrake(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			stranger := storetest.MustUser(t, w.st, "zonder-rol")
			for _, id := range []schakel.Identity{schakel.IdentityNamed, schakel.IdentityProtected, schakel.IdentityAnonymous} {
				if _, err := w.svc.Pull(ctx, stranger, "", professionalBrake(id)); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("%s brake by a user without a role: %v", id, err)
				}
			}
			if bs, _, err := w.svc.Register(ctx, schakel.BrakeFilter{Limit: 10}); err != nil || len(bs) != 0 {
				t.Fatalf("after refusals the register holds %d brakes (%v)", len(bs), err)
			}
			if _, err := w.svc.Pull(ctx, w.prof, "", professionalBrake(schakel.IdentityNamed)); err != nil {
				t.Fatalf("a professional of another organisation: %v", err)
			}
			if _, err := w.svc.Pull(ctx, nil, "", citizenBrake()); err != nil {
				t.Fatalf("a citizen: %v", err)
			}
		})
	}
}
