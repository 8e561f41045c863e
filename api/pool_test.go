package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestRequestBuffersAreNotShared sends drafts and reviews from several
// goroutines at once, each with text of its own, and checks that every
// answer is made from its own request only: request bodies and their
// strings come from a pool and go back to it after each answer.
func TestRequestBuffersAreNotShared(t *testing.T) {
	s, _ := newServer(t)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 60 {
				company := fmt.Sprintf("Company %d-%d %s", g, i, strings.Repeat("x", g*7+i%5))
				body := fmt.Sprintf(`{"channel":"email","details":{"company":%q,"position":"Engineer \u00e9 %d","candidate_name":"Alex","recruiter_email":"r%d@example.com"}}`, company, i, g)
				req := httptest.NewRequest(http.MethodPost, "/drafts", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				var d struct{ Body, Mailto string }
				if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil || rec.Code != http.StatusOK {
					t.Errorf("draft %d-%d: %d %v", g, i, rec.Code, err)
					return
				}
				if !strings.Contains(d.Body, company) || !strings.Contains(d.Body, fmt.Sprintf("Engineer é %d", i)) || !strings.HasPrefix(d.Mailto, fmt.Sprintf("mailto:r%d@example.com?", g)) {
					t.Errorf("draft %d-%d was not made from its own request: %q", g, i, d.Body)
					return
				}

				msg := fmt.Sprintf("Hi Dana,\\n\\nThank you for the invitation. I must decline %s.\\n\\nBest,\\nAlex", strings.Repeat("now ", g+i%7))
				req = httptest.NewRequest(http.MethodPost, "/checklist/review", strings.NewReader(`{"channel":"email","message":"`+msg+`"}`))
				req.Header.Set("Content-Type", "application/json")
				rec = httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				var r struct{ Stats struct{ Words int } }
				if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil || rec.Code != http.StatusOK {
					t.Errorf("review %d-%d: %d %v", g, i, rec.Code, err)
					return
				}
				if want := 12 + g + i%7; r.Stats.Words != want {
					t.Errorf("review %d-%d counted %d words, want %d: not its own message", g, i, r.Stats.Words, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
