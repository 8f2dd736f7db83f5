// Package e2e holds schakel's browser tests: the real server, in process,
// driven through Debian's Chromium with chromedp. The tests skip when
// /usr/bin/chromium is missing, and fail instead when SCHAKEL_E2E_REQUIRED=1.
// Pages are checked for WCAG 2.1 A/AA with the axe-core vendored in
// testdata/axe (decision 0022). The OIDC tests (oidc_*_test.go) log in
// through a real OpenID Connect provider, panva's oidc-provider under Node
// in oidcprovider/ (decision 0033); they skip when it is not installed
// (npm ci --prefix e2e/oidcprovider) unless SCHAKEL_E2E_REQUIRED=1.
package e2e
