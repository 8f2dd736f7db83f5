// Package e2e holds schakel's browser tests: the real server, in process,
// driven through Debian's Chromium with chromedp. The tests skip when
// /usr/bin/chromium is missing, and fail instead when SCHAKEL_E2E_REQUIRED=1.
package e2e
