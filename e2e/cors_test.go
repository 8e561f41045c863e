package e2e

import (
	"bytes"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/declinekit/declinekit/internal/config"
)

// corsPage stands in for the career-coaching frontend on another origin.
// Its inline script posts the request to the API named in the query string
// (?api=http://127.0.0.1:port) and shows the draft's subject in #result, or
// "blocked: " and the error when the browser refuses. data-state says the
// script is done, so the test waits for an answer rather than a time.
var corsPage = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>declinekit CORS check</title>
<link rel="icon" href="data:,">
<p id="result">waiting</p>
<script>
const result = document.getElementById("result");
const show = (state, text) => { result.textContent = text; result.dataset.state = state; };
const api = new URLSearchParams(location.search).get("api");
fetch(api + "/drafts", {
  method: "POST",
  headers: {"Content-Type": "application/json"},
  body: JSON.stringify({{.}}),
})
  .then(r => r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status)))
  .then(d => show("ok", d.subject))
  .catch(e => show("blocked", "blocked: " + e));
</script>
</html>
`))

// TestCORSFromBrowserPage checks CORS where it matters, in a browser: a page
// on one loopback origin calls the API on another. With the page's origin in
// CORSOrigins the browser hands it the draft; without it the browser blocks
// the call after the preflight, and the POST never reaches the API.
func TestCORSFromBrowserPage(t *testing.T) {
	chromiumOrSkip(t) // skip as a whole, not once per case
	request := draftExample(t)
	var html bytes.Buffer
	// html/template escapes the JSON for the script context.
	if err := corsPage.Execute(&html, request); err != nil {
		t.Fatal(err)
	}
	// The page carries no Content-Security-Policy, so nothing but CORS can
	// stop its inline script's request.
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(html.Bytes())
	}))
	t.Cleanup(page.Close)
	pageOrigin := page.URL // http://127.0.0.1:port: an origin has no path

	tests := []struct {
		name    string
		origins []string
		// wantCalls are the requests from the page that reach the API.
		wantCalls   []string
		wantBlocked bool
	}{
		{
			name:      "ok, page origin allowed",
			origins:   []string{pageOrigin},
			wantCalls: []string{"OPTIONS /drafts", "POST /drafts"},
		},
		{
			name:        "nok, only another origin allowed",
			origins:     []string{"https://coach.example.com"},
			wantCalls:   []string{"OPTIONS /drafts"},
			wantBlocked: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Default()
			cfg.CORSOrigins = tt.origins
			calls := &callLog{}
			apiSrv := httptest.NewServer(calls.wrap(newAPI(t, cfg)))
			t.Cleanup(apiSrv.Close)
			// Server to server, without an Origin, CORS does not apply: the
			// subject the page should show.
			want := postDraft(t, apiSrv.URL, request)
			b := startBrowser(t)

			b.do(t, "open the page and wait for its script",
				chromedp.Navigate(page.URL+"/?api="+url.QueryEscape(apiSrv.URL)),
				chromedp.WaitReady(chromedp.CSS("#result[data-state]")),
			)
			got := b.text(t, "#result")

			if tt.wantBlocked {
				if !strings.HasPrefix(got, "blocked") {
					t.Errorf("#result = %q, want the browser to block the call (\"blocked: …\")", got)
				}
				// The block must be CORS, not some other failure.
				if !slices.ContainsFunc(b.rec.consoleMessages(), func(m string) bool {
					return strings.Contains(m, "blocked by CORS policy")
				}) {
					t.Errorf("console has no \"blocked by CORS policy\" message; console:\n%s", b.rec.consoleText())
				}
			} else if got != want {
				t.Errorf("#result = %q, want the draft's subject %q; console:\n%s", got, want, b.rec.consoleText())
			}
			if gotCalls := calls.from(pageOrigin); !slices.Equal(gotCalls, tt.wantCalls) {
				t.Errorf("API received %q from %s, want %q", gotCalls, pageOrigin, tt.wantCalls)
			}
			b.checkLoopbackOnly(t)
		})
	}
}

// postDraft sends the request to the API directly and returns the draft's
// subject.
func postDraft(t *testing.T, base string, request []byte) string {
	t.Helper()
	resp, err := http.Post(base+"/drafts", "application/json", bytes.NewReader(request))
	if err != nil {
		t.Fatalf("POST /drafts: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST /drafts: read body: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /drafts = %d %s, want 200", resp.StatusCode, body)
	}
	s, err := draftSubject(string(body))
	if err != nil {
		t.Fatalf("POST /drafts: %v", err)
	}
	return s
}

// callLog records the requests that reach a handler, by the Origin that
// sent them.
type callLog struct {
	mu    sync.Mutex
	calls []struct{ origin, call string }
}

func (l *callLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.calls = append(l.calls, struct{ origin, call string }{r.Header.Get("Origin"), r.Method + " " + r.URL.Path})
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// from returns the calls that came from origin, in order.
func (l *callLog) from(origin string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, c := range l.calls {
		if c.origin == origin {
			out = append(out, c.call)
		}
	}
	return out
}
