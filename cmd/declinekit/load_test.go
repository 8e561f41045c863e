//go:build load

package main

import (
	"net/http"
	"syscall"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The load tests run only with -tags load (make load-test): they build the
// binary, send bounded traffic to it over loopback, and stop by themselves.

const loadRate = 300 // requests per second, well inside what one core serves

var loadBody = []byte(`{"channel":"email","reason":"accepted_other_offer","tone":"warm",
 "details":{"company":"Northwind Analytics","position":"Senior Backend Engineer","candidate_name":"Alex Moreno","recruiter_name":"Dana Whitfield"},
 "options":{"interview_at":"2026-12-03T15:00:00Z","invited_at":"2026-11-30T09:00:00Z","as_of":"2026-12-01T10:00:00Z"}}`)

func attack(base string, d time.Duration) <-chan *vegeta.Result {
	target := vegeta.Target{Method: http.MethodPost, URL: base + "/drafts", Body: loadBody,
		Header: http.Header{"Content-Type": {"application/json"}}}
	a := vegeta.NewAttacker(vegeta.Timeout(5*time.Second), vegeta.KeepAlive(true), vegeta.MaxWorkers(64))
	return a.Attack(vegeta.NewStaticTargeter(target), vegeta.Rate{Freq: loadRate, Per: time.Second}, d, "drafts")
}

// TestLoadSteady sends POST /drafts at a steady rate for 10 s: no errors.
func TestLoadSteady(t *testing.T) {
	_, addr := startBinary(t, buildBinary(t))
	base := "http://" + addr
	var m vegeta.Metrics
	for r := range attack(base, 10*time.Second) {
		m.Add(r)
	}
	m.Close()
	t.Logf("requests %d, success %.4f, p50 %s, p99 %s, max %s", m.Requests, m.Success, m.Latencies.P50, m.Latencies.P99, m.Latencies.Max)
	if m.Requests < loadRate*9 || m.Success != 1 || len(m.Errors) > 0 {
		t.Errorf("steady load: %d requests, success %.4f, errors %v; want every request to succeed", m.Requests, m.Success, m.Errors)
	}
}

// TestLoadSIGTERM sends SIGTERM in the middle of the load: /readyz turns 503
// at once, every request sent before the signal completes with 200, and the
// process exits 0.
func TestLoadSIGTERM(t *testing.T) {
	cmd, addr := startBinary(t, buildBinary(t), "DECLINEKIT_SHUTDOWN_DELAY=1s")
	base := "http://" + addr
	collected := make(chan []*vegeta.Result, 1)
	go func() {
		var all []*vegeta.Result
		for r := range attack(base, 6*time.Second) {
			all = append(all, r)
		}
		collected <- all
	}()
	time.Sleep(3 * time.Second)
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if resp, err := http.Get(base + "/readyz"); err != nil || resp.StatusCode != http.StatusServiceUnavailable {
		code := 0
		if err == nil {
			code = resp.StatusCode
			resp.Body.Close()
		}
		t.Errorf("/readyz just after SIGTERM = %d (%v), want 503", code, err)
	}
	before, failed := 0, 0
	for _, r := range <-collected {
		if r.Timestamp.Before(signalled) {
			before++
			if r.Code != http.StatusOK {
				failed++
				if failed <= 5 {
					t.Errorf("request sent %s before the signal: code %d, error %q", signalled.Sub(r.Timestamp), r.Code, r.Error)
				}
			}
		}
	}
	t.Logf("%d requests sent before SIGTERM, %d failed", before, failed)
	if before < loadRate*2 {
		t.Errorf("only %d requests before the signal; the load did not run", before)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("declinekit exited with %v after SIGTERM, want 0", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("declinekit did not exit within 15 s of SIGTERM")
	}
}
