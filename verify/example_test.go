package verify_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/schakel-nl/schakel/verify"
)

// A verification of a site, as `schakel verify --url` does it.
func ExampleVerifier() {
	src, err := verify.NewHTTPSource("https://schakel.example.nl", &http.Client{Timeout: time.Minute})
	if err != nil {
		fmt.Println(err)
		return
	}
	v := &verify.Verifier{
		Source:      src,
		VerifierKey: "schakel.example.nl/log+01234567+A…", // from a source you trust
		State:       &verify.FileState{Path: verify.DefaultStatePath()},
		Events:      100,
		Out:         os.Stdout,
	}
	res, err := v.Verify(context.Background())
	if pe, ok := errors.AsType[*verify.ProblemsError](err); ok {
		fmt.Println(len(pe.Problems), "problems")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("verified up to", res.Log.Checkpoint)
}
