// Package e2e holds schakel's browser tests: the real server, in process,
// driven through Debian's Chromium with chromedp. The tests skip when
// /usr/bin/chromium is missing, and fail instead when SCHAKEL_E2E_REQUIRED=1.
// Pages are checked for WCAG 2.1 A/AA with the axe-core vendored in
// testdata/axe (decision 0022).
package e2e
