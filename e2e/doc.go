// Package e2e holds declinekit's browser tests: they serve the API on a
// loopback port, drive a headless Chromium through the DevTools protocol
// (chromedp) and check what a real browser does with it — Swagger UI's
// "Try it out" under the service's Content-Security-Policy, and CORS for a
// page on another origin.
//
// The package has no code outside its tests. The tests need Chromium
// (Debian: apt-get install -y chromium); without it they skip, unless
// DECLINEKIT_REQUIRE_BROWSER=1 is set, as CI does, when they fail instead.
// They also skip with -short. A test never lets the browser reach a host
// other than 127.0.0.1, and fails when the page tries to.
package e2e
