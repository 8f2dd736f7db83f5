package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/chromedp/chromedp"
)

// screenshotsEnv names the folder the browser tests write screenshots to;
// unset, they take none.
const screenshotsEnv = "SCHAKEL_SCREENSHOTS"

// unsafeName matches what a screenshot's file name may not hold.
var unsafeName = regexp.MustCompile(`[^a-z0-9-]+`)

// screenshot writes a full-page PNG of what the tab shows now to
// $SCHAKEL_SCREENSHOTS/<name>-<width>.png, width being the viewport's CSS
// width, so a reviewer can look at every page at once; without the
// variable it does nothing. The sweep (TestAccessibilitySweep) takes the
// main pages at 375 and 1280 px; any browser test may add its own:
//
//	a.phone()
//	a.open("/noodrem/burger")
//	a.screenshot("noodrem-burger-ingevuld")
func (a *app) screenshot(name string) {
	a.t.Helper()
	dir := os.Getenv(screenshotsEnv)
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		a.t.Fatalf("screenshots: %v", err)
	}
	width := eval[int64](a, `window.innerWidth`)
	png, err := chromedp.Run(a.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		a.fatal("screenshot %s: %v", name, err)
	}
	file := filepath.Join(dir, unsafeName.ReplaceAllString(name, "_")+"-"+strconv.FormatInt(width, 10)+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		a.t.Fatalf("screenshot: %v", err)
	}
}
