package main

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// repoRoot is where the Dockerfile and docker-compose.yml live.
var repoRoot = filepath.Join("..", "..")

// TestComposeFile validates docker-compose.yml with the reference loader,
// as `docker compose config` would, since no engine runs here.
func TestComposeFile(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	project, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  root,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(root, "docker-compose.yml")}},
		Environment: types.Mapping{},
	}, func(o *loader.Options) { o.SetProjectName("declinekit", true) })
	if err != nil {
		t.Fatalf("docker-compose.yml does not load: %v", err)
	}
	svc, err := project.GetService("declinekit")
	if err != nil {
		t.Fatal(err)
	}
	if svc.Build == nil || filepath.Clean(svc.Build.Context) != root {
		t.Errorf("build context = %+v, want the repository root", svc.Build)
	} else if _, err := os.Stat(filepath.Join(svc.Build.Context, svc.Build.Dockerfile)); err != nil {
		t.Errorf("build dockerfile %q: %v", svc.Build.Dockerfile, err)
	}
	if len(svc.Ports) != 1 || svc.Ports[0].Target != 8080 || svc.Ports[0].Published != "8080" {
		t.Errorf("ports = %+v, want 8080 published as 8080", svc.Ports)
	}
	if svc.HealthCheck == nil || !slices.Contains(svc.HealthCheck.Test, "healthcheck") {
		t.Errorf("healthcheck = %+v, want one running `declinekit healthcheck`", svc.HealthCheck)
	}
	for _, k := range []string{"PORT", "DECLINEKIT_LOG_LEVEL", "DECLINEKIT_CORS_ORIGINS", "DECLINEKIT_BODY_LIMIT",
		"DECLINEKIT_API_KEYS", "DECLINEKIT_RATE_LIMIT", "DECLINEKIT_TRUSTED_PROXIES", "DECLINEKIT_SHUTDOWN_DELAY"} {
		if _, ok := svc.Environment[k]; !ok {
			t.Errorf("environment lacks %s", k)
		}
	}
	if port := svc.Environment["PORT"]; port == nil || *port != "8080" {
		t.Errorf("PORT = %v, want 8080 to match the published target", port)
	}
	if svc.StopGracePeriod == nil || time.Duration(*svc.StopGracePeriod) < 10*time.Second {
		t.Errorf("stop_grace_period = %v, want at least the drain delay plus the shutdown timeout", svc.StopGracePeriod)
	}
}

// TestDockerfile checks what can be checked without an engine: the build
// stage copies paths that exist and builds the real main package, later
// stages copy only from earlier ones, and the image is static, non-root and
// health-checked with the binary itself.
func TestDockerfile(t *testing.T) {
	f, err := os.Open(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		stages   []string
		lines    []string
		joined   strings.Builder
		fromBase []string
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "#") || l == "" {
			continue
		}
		if strings.HasSuffix(l, "\\") {
			joined.WriteString(strings.TrimSuffix(l, "\\") + " ")
			continue
		}
		joined.WriteString(l)
		lines = append(lines, joined.String())
		joined.Reset()
	}
	text := strings.Join(lines, "\n")
	for _, l := range lines {
		fields := strings.Fields(l)
		switch strings.ToUpper(fields[0]) {
		case "FROM":
			fromBase = append(fromBase, fields[1])
			if len(fields) >= 4 && strings.EqualFold(fields[2], "AS") {
				stages = append(stages, fields[3])
			}
		case "COPY":
			args := fields[1:]
			from := ""
			for len(args) > 0 && strings.HasPrefix(args[0], "--") {
				if v, ok := strings.CutPrefix(args[0], "--from="); ok {
					from = v
				}
				args = args[1:]
			}
			if from != "" {
				if !slices.Contains(stages, from) {
					t.Errorf("%q copies from unknown stage %q (stages %v)", l, from, stages)
				}
				continue
			}
			for _, src := range args[:len(args)-1] {
				if _, err := os.Stat(filepath.Join(repoRoot, src)); err != nil {
					t.Errorf("%q copies %s, which does not exist: %v", l, src, err)
				}
			}
		}
	}
	if len(stages) < 2 {
		t.Errorf("stages = %v, want a multi-stage build", stages)
	}
	if !strings.Contains(text, "CGO_ENABLED=0") || !strings.Contains(text, "./cmd/declinekit") {
		t.Error("the build stage does not build ./cmd/declinekit with CGO_ENABLED=0")
	}
	if _, err := os.Stat(filepath.Join(repoRoot, "cmd", "declinekit", "main.go")); err != nil {
		t.Error(err)
	}
	if last := fromBase[len(fromBase)-1]; !strings.Contains(last, "distroless/static") && last != "scratch" {
		t.Errorf("runtime base = %s, want distroless static or scratch", last)
	}
	if !strings.Contains(text, "USER nonroot") {
		t.Error("the image does not run as a non-root user")
	}
	if !strings.Contains(text, `HEALTHCHECK`) || !strings.Contains(text, `"healthcheck"]`) {
		t.Error("the image has no HEALTHCHECK running `declinekit healthcheck`")
	}
	if !strings.Contains(text, "internal/version.Version=") {
		t.Error("the build does not set the version with -ldflags")
	}
}
