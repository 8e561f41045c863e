package e2e

import (
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/declinekit/declinekit/internal/config"
)

// createDraftOp is the createDraft operation in Swagger UI: tag drafts,
// operationId createDraft. Every selector is scoped to it, so that another
// expanded operation cannot answer for it.
const createDraftOp = "#operations-drafts-createDraft"

// TestSwaggerUITryItOut uses the docs as a reader would: open /docs/, expand
// POST /drafts, "Try it out" with the example the spec gives, "Execute", and
// read the live response. It proves the embedded Swagger UI works under the
// service's Content-Security-Policy and reaches nothing but the service.
func TestSwaggerUITryItOut(t *testing.T) {
	srv := httptest.NewServer(newAPI(t, config.Default()))
	t.Cleanup(srv.Close)
	b := startBrowser(t)

	// Not t.TempDir: the screenshot is for a person to look at after the
	// run, pass or fail.
	shots, err := os.MkdirTemp("", "declinekit-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	// A cleanup, so that a failing step still leaves a picture of where the
	// page got to. It runs before the browser is shut down.
	t.Cleanup(func() {
		p, err := b.screenshot(shots, "swagger-ui-try-it-out.png")
		if err != nil {
			t.Errorf("screenshot: %v", err)
			return
		}
		t.Logf("screenshot: %s", p)
	})

	b.do(t, "open Swagger UI at /docs/",
		chromedp.Navigate(srv.URL+"/docs/"),
		chromedp.WaitVisible(chromedp.CSS(createDraftOp+" .opblock-summary")),
	)
	b.do(t, "expand POST /drafts and try it out",
		chromedp.Click(chromedp.CSS(createDraftOp+" .opblock-summary")),
		chromedp.Click(chromedp.CSS(createDraftOp+" .try-out__btn")),
	)
	b.do(t, "execute the example request",
		chromedp.Click(chromedp.CSS(createDraftOp+" button.execute")),
		// tbody: the header row has a .response-col_status cell too.
		chromedp.WaitVisible(chromedp.CSS(createDraftOp+" .live-responses-table tbody .response-col_status")),
	)

	status := strings.TrimSpace(b.text(t, createDraftOp+" .live-responses-table tbody .response-col_status"))
	// .highlight-code holds the body; the headers are a <pre> of their own.
	body := b.text(t, createDraftOp+" .live-responses-table tbody .response-col_description .highlight-code pre")
	if status != "200" {
		t.Errorf("live response status = %q, want 200; body:\n%s", status, body)
	}
	got, err := draftSubject(body)
	if err != nil {
		t.Errorf("live response body: %v; body:\n%s", err, body)
	} else if want := postDraft(t, srv.URL, draftExample(t)); got != want {
		// Swagger UI sent something other than the spec's example.
		t.Errorf("live response subject = %q, want %q, the subject of the spec's example", got, want)
	}

	b.checkNoCSPViolation(t)
	b.checkLoopbackOnly(t)
}
