package checklist_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/checklist"
)

func TestLoad(t *testing.T) {
	c, err := checklist.Load()
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	items, err := c.Items(service.LangEN)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 9 {
		t.Fatalf("Items(en) has %d items, want 9", len(items))
	}
	for i, it := range items {
		if it.ID != checklist.IDs[i] || it.Step != i+1 {
			t.Errorf("item %d = %s step %d, want %s step %d", i, it.ID, it.Step, checklist.IDs[i], i+1)
		}
	}
	if got := items[0].Questions; len(got) < 3 {
		t.Errorf("reflect has %d questions, want the reflection questions", len(got))
	}
}

func TestItem(t *testing.T) {
	c, err := checklist.Load()
	if err != nil {
		t.Fatal(err)
	}
	it, err := c.Item(service.LangEN, checklist.GiveBriefReason)
	if err != nil || !it.Optional || it.Step != 7 {
		t.Errorf("Item(give_brief_reason) = %+v, %v; want the optional step 7", it, err)
	}
	if _, err := c.Item(service.LangEN, "be_rude"); service.ErrorKind(err) != service.KindNotFound {
		t.Errorf("Item(be_rude) error = %v, want not found", err)
	}
	if _, err := c.Items("fr"); service.ErrorKind(err) != service.KindInvalid {
		t.Errorf("Items(fr) error = %v, want invalid", err)
	}
}

// valid is a minimal well-formed data file, for the broken fixtures below to
// change one thing at a time.
func valid() string {
	var b strings.Builder
	for _, id := range checklist.IDs {
		b.WriteString("- id: " + id + "\n  title: T\n  summary: S\n  guidance: [G]\n")
		if id == checklist.Reflect {
			b.WriteString("  questions: [Q]\n")
		}
		if id == checklist.GiveBriefReason {
			b.WriteString("  optional: true\n")
		}
	}
	return b.String()
}

func TestLoadFSRejectsBrokenData(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		wantErr string
	}{
		{"ok", valid(), ""},
		{"nok, missing item", strings.Replace(valid(), "- id: maintain_connections\n  title: T\n  summary: S\n  guidance: [G]\n", "", 1), "has 8 items"},
		{"nok, wrong order", strings.Replace(strings.Replace(valid(), "id: reflect", "id: tmp", 1), "id: respond_promptly", "id: reflect", 1), "want \"reflect\""},
		{"nok, unknown field", strings.Replace(valid(), "  title: T\n", "  title: T\n  colour: red\n", 1), "colour"},
		{"nok, empty title", strings.Replace(valid(), "title: T", "title: \"\"", 1), "needs a title"},
		{"nok, questions on the wrong item", strings.Replace(valid(), "- id: be_honest\n  title: T\n", "- id: be_honest\n  questions: [Why]\n  title: T\n", 1), "reflection questions"},
		{"nok, optional on the wrong item", strings.Replace(valid(), "- id: be_honest\n  title: T\n", "- id: be_honest\n  optional: true\n  title: T\n", 1), "only \"give_brief_reason\" is optional"},
		{"nok, not yaml", "{{{", "decode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checklist.LoadFS(fstest.MapFS{"data/en.yaml": {Data: []byte(tt.give)}})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("LoadFS() error = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("LoadFS() error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
	if _, err := checklist.LoadFS(fstest.MapFS{}); err == nil {
		t.Error("LoadFS(empty) error = nil, want a missing-file error")
	}
}

func ExampleChecklist_Item() {
	c, err := checklist.Load()
	if err != nil {
		panic(err)
	}
	it, _ := c.Item(service.LangEN, checklist.GiveBriefReason)
	fmt.Println(it.Step, it.ID, it.Optional)
	// Output: 7 give_brief_reason true
}
