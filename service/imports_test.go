package service_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoFrameworkImports keeps the domain plain Go: no package under
// service/, nor anything it depends on, may import HTTP, Echo, the validator,
// swag or declinekit's HTTP layer.
func TestNoFrameworkImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	forbidden := []string{
		"net/http",
		"github.com/labstack/",
		"github.com/go-playground/validator",
		"github.com/swaggo/",
		"github.com/declinekit/declinekit/api",
	}
	deps := strings.Fields(string(out))
	if len(deps) < 5 {
		t.Fatalf("go list found only %v; the check would prove nothing", deps)
	}
	for _, dep := range deps {
		for _, f := range forbidden {
			if dep == f || strings.HasPrefix(dep, f+"/") || (strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f)) {
				t.Errorf("service/ depends on %s", dep)
			}
		}
	}
}
