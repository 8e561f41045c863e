package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
	"github.com/declinekit/declinekit/openapi"
)

// installHint is why a browser test skips, or fails when a browser is
// required.
const installHint = "install Debian's chromium (apt-get install -y chromium) to run the browser tests"

// requireBrowserEnv, set to 1, turns a missing browser from a skip into a
// failure, so that CI cannot pass by silently skipping every browser test.
const requireBrowserEnv = "DECLINEKIT_REQUIRE_BROWSER"

// browserTimeout bounds a browser's whole life: start, every step, and the
// screenshot. A hung page fails the test instead of hanging the run.
const browserTimeout = 60 * time.Second

// stepTimeout bounds one step, so that a page that never gets there fails
// with the step's name rather than at the overall deadline.
const stepTimeout = 20 * time.Second

// chromiumCandidates are the browsers tried, in order: Debian's path, then
// the names other distributions and Google's package use.
var chromiumCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"}

// loopbackFlags keep Chromium on loopback: without them it calls Google for
// sign-in, component updates, network time and autofill even when the page
// under test never leaves 127.0.0.1.
var loopbackFlags = []chromedp.ExecAllocatorOption{
	chromedp.Headless,
	chromedp.NoSandbox, // the tests may run as root in a container
	chromedp.Flag("disable-gpu", true),
	chromedp.Flag("disable-quic", true),
	chromedp.NoFirstRun,
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("gaia-url", "http://127.0.0.1:9"),
	chromedp.Flag("component-updater", "url-source=http://127.0.0.1:9"),
	chromedp.Flag("disable-features", "NetworkTimeServiceQuerying,AutofillServerCommunication,Translate,BlinkGenPropertyTrees"),
	// Belt and braces: the checks below see only the page's own requests,
	// not the browser's. With every host name resolving to nothing and no
	// proxy, whatever slips past the flags above still cannot leave the
	// machine by name.
	chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	chromedp.Flag("no-proxy-server", true),
	// No UserDataDir option: chromedp then passes --user-data-dir with a
	// fresh directory from os.MkdirTemp, and removes it after killing any
	// helper process still using it, which a t.TempDir cleanup cannot do.
}

// findChromium returns the first of chromiumCandidates that lookPath finds,
// or "" when there is none.
func findChromium(lookPath func(string) (string, error)) string {
	for _, c := range chromiumCandidates {
		if p, err := lookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// browserRequired reports whether a missing browser fails the test.
func browserRequired(getenv func(string) string) bool {
	return getenv(requireBrowserEnv) == "1"
}

// chromiumOrSkip returns the browser to run, or ends the test: a skip with
// -short or without a browser, a failure without a browser when
// DECLINEKIT_REQUIRE_BROWSER=1.
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	if p := findChromium(exec.LookPath); p != "" {
		return p
	}
	if browserRequired(os.Getenv) {
		t.Fatal(installHint)
	}
	t.Skip(installHint)
	return ""
}

// browser is a headless Chromium with one tab, and a record of what that
// tab did.
type browser struct {
	ctx context.Context // the tab
	rec *recorder
}

// startBrowser starts Chromium (or skips, see chromiumOrSkip) and opens a
// tab. The browser is killed and its profile removed when the test ends,
// whatever happens, or when browserTimeout passes.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumOrSkip(t)

	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path))
	opts = append(opts, loopbackFlags...)
	// Wide enough for Swagger UI's desktop layout in the screenshot.
	opts = append(opts, chromedp.WindowSize(1280, 1024))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	rec := &recorder{}
	// WithListener, unlike Listen, is in place before the tab's first
	// event: no request can be missed.
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(rec.record))
	// Each cancel waits: the tab's for the browser process to exit, the
	// allocator's for the profile directory to be removed.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
	})

	start := time.Now()
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	t.Logf("started %s in %v", path, time.Since(start).Round(time.Millisecond))
	return &browser{ctx: tabCtx, rec: rec}
}

// do runs the actions as one step, bounded by stepTimeout, and fails the
// test with the step's name when one of them fails.
func (b *browser) do(t *testing.T, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v\nconsole:\n%s", step, err, b.rec.consoleText())
	}
}

// text returns the text of the first element that sel matches.
func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read text of %s: %v", sel, err)
	}
	return s
}

// screenshot saves a PNG of the whole page as dir/name and returns its
// path.
func (b *browser) screenshot(dir, name string) (string, error) {
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		return "", fmt.Errorf("take screenshot: %w", err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		return "", err
	}
	return p, nil
}

// reporter is the part of testing.TB that the checks use, so that a test
// can hand them a fake and watch them fail.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// checkLoopbackOnly fails the test when the page made a request to a host
// other than 127.0.0.1.
func (b *browser) checkLoopbackOnly(t reporter) {
	t.Helper()
	reqs := b.rec.requestURLs()
	if len(reqs) == 0 {
		// A recorder that saw nothing proves nothing.
		t.Errorf("recorded no network request at all; is the recorder listening?")
	}
	for _, u := range offLoopback(reqs) {
		t.Errorf("page requested %s: only http://127.0.0.1 is allowed", shorten(u))
	}
}

// checkNoCSPViolation fails the test when the console reports a
// Content-Security-Policy violation.
func (b *browser) checkNoCSPViolation(t reporter) {
	t.Helper()
	for _, m := range cspViolations(b.rec.consoleMessages()) {
		t.Errorf("Content-Security-Policy violation: %s", m)
	}
}

// recorder keeps the page's network requests and console messages. record
// runs on chromedp's event loop, hence the lock.
type recorder struct {
	mu       sync.Mutex
	requests []string
	console  []string
}

func (r *recorder) record(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.requests = append(r.requests, ev.Request.URL)
	case *log.EventEntryAdded:
		// The browser's own messages: CSP and CORS violations, failed
		// loads.
		e := ev.Entry
		r.console = append(r.console, fmt.Sprintf("%s %s: %s (%s)", e.Source, e.Level, e.Text, e.URL))
	case *runtime.EventConsoleAPICalled:
		var args []string
		for _, a := range ev.Args {
			if len(a.Value) > 0 {
				var s string
				if json.Unmarshal(a.Value, &s) == nil {
					args = append(args, s)
					continue
				}
				args = append(args, string(a.Value))
				continue
			}
			args = append(args, a.Description)
		}
		r.console = append(r.console, fmt.Sprintf("console %s: %s", ev.Type, strings.Join(args, " ")))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		r.console = append(r.console, fmt.Sprintf("exception: %s (%s:%d)", text, d.URL, d.LineNumber+1))
	}
}

func (r *recorder) requestURLs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

func (r *recorder) consoleMessages() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.console...)
}

func (r *recorder) consoleText() string {
	msgs := r.consoleMessages()
	if len(msgs) == 0 {
		return "  (empty)"
	}
	return "  " + strings.Join(msgs, "\n  ")
}

// offLoopback returns the URLs that go to a host other than 127.0.0.1.
// data: and blob: URLs never leave the browser.
func offLoopback(urls []string) []string {
	var out []string
	for _, s := range urls {
		u, err := url.Parse(s)
		if err != nil {
			out = append(out, s)
			continue
		}
		if u.Scheme == "data" || u.Scheme == "blob" {
			continue
		}
		if (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss") &&
			u.Hostname() == "127.0.0.1" {
			continue
		}
		out = append(out, s)
	}
	return out
}

// cspViolations returns the messages that report a Content-Security-Policy
// violation. Chromium words them "Executing inline script violates the
// following Content Security Policy directive …" or, in older releases,
// "Refused to … because it violates the following Content Security Policy
// directive: …"; report-only policies say "Content-Security-Policy".
func cspViolations(msgs []string) []string {
	var out []string
	for _, m := range msgs {
		l := strings.ToLower(m)
		if strings.Contains(l, "content security policy") || strings.Contains(l, "content-security-policy") {
			out = append(out, m)
		}
	}
	return out
}

// shorten keeps data: URLs in failure messages readable.
func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// newAPI returns declinekit's handler with cfg, logging nowhere: the logs
// are not under test here.
func newAPI(t *testing.T, cfg config.Config) http.Handler {
	t.Helper()
	s, err := api.NewServer(cfg, logging.Discard())
	if err != nil {
		t.Fatalf("api.NewServer() error = %v", err)
	}
	return s
}

// draftExample returns the request example that the OpenAPI document gives
// for POST /drafts, the one Swagger UI fills in, so that the tests send
// what a reader of the docs would.
func draftExample(t *testing.T) json.RawMessage {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody struct {
				Content map[string]struct {
					Example json.RawMessage `json:"example"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openapi.JSON, &doc); err != nil {
		t.Fatalf("parse openapi.json: %v", err)
	}
	ex := doc.Paths["/drafts"]["post"].RequestBody.Content["application/json"].Example
	if len(ex) == 0 {
		t.Fatal("openapi.json has no example for POST /drafts application/json")
	}
	return ex
}

// errNoSubject is returned by draftSubject for a draft without a subject.
var errNoSubject = errors.New("draft has no subject")

// draftSubject returns the subject of a JSON draft.
func draftSubject(body string) (string, error) {
	var d struct {
		Subject string `json:"subject"`
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		return "", fmt.Errorf("draft is not JSON: %w", err)
	}
	if strings.TrimSpace(d.Subject) == "" {
		return "", errNoSubject
	}
	return d.Subject, nil
}
