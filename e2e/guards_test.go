package e2e

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// The browser tests pass by finding nothing wrong, so the tests in this
// file check that the guards would find something: a request off loopback,
// a CSP violation, a missing browser in CI.

func TestOffLoopback(t *testing.T) {
	tests := []struct {
		name string
		give []string
		want []string
	}{
		{
			name: "ok, loopback and in-browser URLs",
			give: []string{
				"http://127.0.0.1:34567/docs/",
				"http://127.0.0.1:34567/openapi.json",
				"https://127.0.0.1/x",
				"data:image/svg+xml;charset=utf-8,<svg/>",
				"blob:http://127.0.0.1:34567/5d1c4a2e",
			},
		},
		{
			name: "nok, outside hosts",
			give: []string{
				"https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css",
				"https://validator.swagger.io/validator?url=http://127.0.0.1/openapi.json",
				"https://fonts.googleapis.com/css?family=Open+Sans",
				"http://127.0.0.1.nip.io/",
			},
			want: []string{
				"https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css",
				"https://validator.swagger.io/validator?url=http://127.0.0.1/openapi.json",
				"https://fonts.googleapis.com/css?family=Open+Sans",
				"http://127.0.0.1.nip.io/",
			},
		},
		{
			// Loopback, but not the address under test: a sign the page was
			// built for another host.
			name: "nok, other names for this machine",
			give: []string{"http://localhost:8080/", "http://[::1]:8080/", "http://127.0.0.2/"},
			want: []string{"http://localhost:8080/", "http://[::1]:8080/", "http://127.0.0.2/"},
		},
		{
			name: "nok, schemes that are not HTTP",
			give: []string{"ftp://127.0.0.1/x", "chrome-extension://abc/x.js", "about:blank"},
			want: []string{"ftp://127.0.0.1/x", "chrome-extension://abc/x.js", "about:blank"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, offLoopback(tt.give)); diff != "" {
				t.Errorf("offLoopback() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCSPViolations(t *testing.T) {
	give := []string{
		"console log: Swagger UI ready",
		`security error: Refused to execute inline script because it violates the following Content Security Policy directive: "script-src 'self'". (http://127.0.0.1:1/docs/)`,
		"network error: Failed to load resource: the server responded with a status of 404 (Not Found)",
		"console error: [Report Only] Content-Security-Policy: blocked eval",
		`security error: Executing inline script violates the following Content Security Policy directive 'script-src 'self''. The action has been blocked. (http://127.0.0.1:1/)`,
		"console log: the security policy of this page is fine",
	}
	want := []string{give[1], give[3], give[4]}
	if diff := cmp.Diff(want, cspViolations(give)); diff != "" {
		t.Errorf("cspViolations() mismatch (-want +got):\n%s", diff)
	}
}

func TestFindChromium(t *testing.T) {
	errNotFound := errors.New("not found")
	tests := []struct {
		name      string
		installed []string
		want      string
	}{
		{"ok, Debian", []string{"/usr/bin/chromium", "google-chrome"}, "/usr/bin/chromium"},
		{"ok, Google Chrome only", []string{"google-chrome"}, "/found/google-chrome"},
		{"ok, chromium-browser", []string{"chromium-browser"}, "/found/chromium-browser"},
		{"nok, none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookPath := func(name string) (string, error) {
				if !slices.Contains(tt.installed, name) {
					return "", errNotFound
				}
				if strings.HasPrefix(name, "/") {
					return name, nil
				}
				return "/found/" + name, nil
			}
			if got := findChromium(lookPath); got != tt.want {
				t.Errorf("findChromium() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBrowserRequired(t *testing.T) {
	tests := []struct {
		give string
		want bool
	}{
		{"1", true},
		{"", false},
		{"0", false},
		{"true", false}, // only 1, as CI sets it; anything else is a typo to notice
	}
	for _, tt := range tests {
		getenv := func(k string) string {
			if k == requireBrowserEnv {
				return tt.give
			}
			return ""
		}
		if got := browserRequired(getenv); got != tt.want {
			t.Errorf("browserRequired(%s=%q) = %v, want %v", requireBrowserEnv, tt.give, got, tt.want)
		}
	}
}

// TestBrowserGuardsCatchViolations loads a page that breaks both rules the
// browser tests enforce — an inline script under a CSP that forbids it and an
// image from an outside host — and checks that the recorder sees both. If it
// did not, the other browser tests would pass without looking.
func TestBrowserGuardsCatchViolations(t *testing.T) {
	const outside = "https://validator.swagger.io/validator?url=http://127.0.0.1/openapi.json"
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "script-src 'self'")
		w.Write([]byte(`<!doctype html><title>guards</title>
<img src="` + outside + `" alt="">
<script>document.title = "inline script ran";</script>`))
	}))
	t.Cleanup(page.Close)
	b := startBrowser(t)

	b.do(t, "open the page", chromedp.Navigate(page.URL+"/"))

	// The console messages can trail the load event a little: give them a
	// moment before calling the guard blind.
	deadline := time.Now().Add(5 * time.Second)
	for len(cspViolations(b.rec.consoleMessages())) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	// The checks the other tests run must fail on this page.
	var caught errorLog
	b.checkLoopbackOnly(&caught)
	if !caught.contains(outside) {
		t.Errorf("checkLoopbackOnly() reported %q, want a report of %s", caught, outside)
	}
	caught = nil
	b.checkNoCSPViolation(&caught)
	if !caught.contains("Content Security Policy") {
		t.Errorf("checkNoCSPViolation() reported %q, want a CSP violation; console:\n%s", caught, b.rec.consoleText())
	}
	// The outside name must not resolve: host-resolver-rules refuses it
	// inside the browser, before any DNS query. On a machine with Internet
	// access, losing that flag makes this check fail.
	if !slices.ContainsFunc(b.rec.consoleMessages(), func(m string) bool {
		return strings.Contains(m, "ERR_NAME_NOT_RESOLVED") && strings.Contains(m, outside)
	}) {
		t.Errorf("no ERR_NAME_NOT_RESOLVED for %s; console:\n%s", outside, b.rec.consoleText())
	}
	title, err := chromedp.Run(b.ctx, chromedp.Title())
	if err != nil {
		t.Fatalf("read title: %v", err)
	}
	if title == "inline script ran" {
		t.Error("the inline script ran despite the page's CSP, so the page proves nothing")
	}
}

// errorLog is a reporter that keeps what the checks report.
type errorLog []string

func (l *errorLog) Helper() {}

func (l *errorLog) Errorf(format string, args ...any) {
	*l = append(*l, fmt.Sprintf(format, args...))
}

func (l errorLog) contains(s string) bool {
	return slices.ContainsFunc(l, func(m string) bool { return strings.Contains(m, s) })
}
