package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeBlock is a fenced code block of README.md.
type readmeBlock struct {
	lang string
	text string
	line int // of the opening fence
	end  int // of the closing fence
}

func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var (
		blocks []readmeBlock
		cur    *readmeBlock
	)
	for i, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "```") {
			if cur == nil {
				cur = &readmeBlock{lang: strings.TrimPrefix(line, "```"), line: i + 1}
			} else {
				cur.end = i + 1
				blocks = append(blocks, *cur)
				cur = nil
			}
			continue
		}
		if cur != nil {
			cur.text += line + "\n"
		}
	}
	return blocks
}

// curlCommands splits a shell block into its curl commands, joining lines
// continued with a backslash or inside an open single quote.
func curlCommands(text string) []string {
	var cmds []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if cur.Len() == 0 && !strings.HasPrefix(strings.TrimSpace(line), "curl ") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		s := cur.String()
		if strings.Count(s, "'")%2 == 0 && !strings.HasSuffix(strings.TrimRight(line, " "), "\\") {
			cmds = append(cmds, strings.TrimSpace(s))
			cur.Reset()
		}
	}
	return cmds
}

var (
	statusLine = regexp.MustCompile(`(?m)^README-HTTP-STATUS (\d{3})$`)
	sampleKey  = regexp.MustCompile(`"([a-z_]+)":`)
)

// TestREADMECurlCommands runs every curl command in README.md's code blocks,
// as written, against a live server: each must answer 2xx, and where a
// sample output block follows the command, the output must have its shape
// (the JSON keys the sample shows; for text, every line shown in full).
func TestREADMECurlCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and runs curl; skipped with -short")
	}
	realCurl, err := exec.LookPath("curl")
	if err != nil {
		const msg = "curl is needed to run the README's examples: apt-get install -y curl"
		if os.Getenv("DECLINEKIT_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg) // CI installs curl: a missing one is a failure there
		}
		t.Skip(msg)
	}
	// A curl that also reports each answer's status on stderr.
	bin := t.TempDir()
	wrapper := "#!/bin/sh\nexec " + realCurl + " --write-out '%{stderr}README-HTTP-STATUS %{http_code}\\n' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "curl"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newLogWatcher()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, envMap(map[string]string{"DECLINEKIT_ADDR": "127.0.0.1:0"}), out, io.Discard)
	}()
	addr := waitAddr(t, out.addrc)
	defer func() {
		cancel()
		<-done
	}()

	blocks := readmeBlocks(t)
	ran := 0
	for i, b := range blocks {
		if b.lang != "sh" {
			continue
		}
		cmds := curlCommands(b.text)
		for _, cmd := range cmds {
			ran++
			live := strings.ReplaceAll(cmd, "http://localhost:8080", "http://"+addr)
			c := exec.Command("bash", "-c", "set -o pipefail; "+live)
			c.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			c.Dir = repoRoot
			var stdout, stderr strings.Builder
			c.Stdout, c.Stderr = &stdout, &stderr
			cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
			err := runWithContext(cctx, c)
			ccancel()
			if err != nil {
				t.Errorf("README.md:%d: %s\nfailed: %v\n%s", b.line, cmd, err, stderr.String())
				continue
			}
			statuses := statusLine.FindAllStringSubmatch(stderr.String(), -1)
			if len(statuses) == 0 {
				t.Errorf("README.md:%d: %s\nmade no request", b.line, cmd)
			}
			for _, m := range statuses {
				if m[1][0] != '2' {
					t.Errorf("README.md:%d: %s\nanswered %s, want 2xx:\n%s", b.line, cmd, m[1], stdout.String())
				}
			}
			// A sample output block right after a one-command block (with
			// only a blank line between) shows what the command prints.
			if len(cmds) != 1 || i+1 >= len(blocks) || blocks[i+1].lang == "sh" || blocks[i+1].line > b.end+2 {
				continue
			}
			checkShape(t, b.line, cmd, blocks[i+1], stdout.String())
		}
	}
	if ran < 10 {
		t.Errorf("ran %d curl commands from README.md, want every endpoint shown", ran)
	}
}

func checkShape(t *testing.T, line int, cmd string, sample readmeBlock, got string) {
	t.Helper()
	if sample.lang == "json" {
		var v any
		if err := json.Unmarshal([]byte(got), &v); err != nil {
			t.Errorf("README.md:%d: %s\nprints no JSON: %v\n%.300s", line, cmd, err, got)
			return
		}
		keys := map[string]bool{}
		collectKeys(v, keys)
		for _, m := range sampleKey.FindAllStringSubmatch(sample.text, -1) {
			if !keys[m[1]] {
				t.Errorf("README.md:%d: the sample shows %q but %s prints no such field", sample.line, m[1], cmd)
			}
		}
		return
	}
	gotLines := strings.Split(strings.ReplaceAll(got, "\r\n", "\n"), "\n")
	for _, want := range strings.Split(strings.TrimSpace(sample.text), "\n") {
		if strings.Contains(want, "…") {
			continue
		}
		found := false
		for _, g := range gotLines {
			found = found || g == want
		}
		if !found {
			t.Errorf("README.md:%d: the sample line %q is not in what %s prints:\n%s", sample.line, want, cmd, got)
		}
	}
}

func collectKeys(v any, keys map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			keys[k] = true
			collectKeys(e, keys)
		}
	case []any:
		for _, e := range x {
			collectKeys(e, keys)
		}
	}
}

// runWithContext runs c, killing it when ctx ends.
func runWithContext(ctx context.Context, c *exec.Cmd) error {
	if err := c.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		_ = c.Process.Kill()
		<-done
		return ctx.Err()
	}
}
