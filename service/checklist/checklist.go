// Package checklist holds the nine pieces of guidance for declining a job
// interview gracefully, as data: loaded from embedded YAML and validated once.
package checklist

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/declinekit/declinekit/service"
)

//go:embed data/*.yaml
var data embed.FS

// The ids of the nine items, in the order a candidate meets them.
const (
	Reflect                = "reflect"
	RespondPromptly        = "respond_promptly"
	BeHonest               = "be_honest"
	ExpressGratitude       = "express_gratitude"
	KeepDoorOpen           = "keep_door_open"
	UseProfessionalChannel = "use_professional_channel"
	GiveBriefReason        = "give_brief_reason"
	BeCourteous            = "be_courteous"
	MaintainConnections    = "maintain_connections"
)

// IDs lists the item ids in order.
var IDs = []string{
	Reflect, RespondPromptly, BeHonest, ExpressGratitude, KeepDoorOpen,
	UseProfessionalChannel, GiveBriefReason, BeCourteous, MaintainConnections,
}

// Item is one piece of guidance.
type Item struct {
	ID        string   `yaml:"id"`
	Step      int      `yaml:"-"`
	Title     string   `yaml:"title"`
	Summary   string   `yaml:"summary"`
	Guidance  []string `yaml:"guidance"`
	Questions []string `yaml:"questions"`
	Optional  bool     `yaml:"optional"`
}

// Checklist is the guidance in every supported language.
type Checklist struct {
	items map[service.Lang][]Item
}

// Load reads and validates the embedded checklist data.
func Load() (*Checklist, error) {
	return LoadFS(data)
}

// LoadFS reads and validates checklist data from fsys, which holds one
// data/<lang>.yaml file per supported language.
func LoadFS(fsys fs.FS) (*Checklist, error) {
	c := &Checklist{items: make(map[service.Lang][]Item)}
	for _, lang := range service.Langs {
		name := "data/" + string(lang) + ".yaml"
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read checklist %s: %w", name, err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		dec.KnownFields(true)
		var items []Item
		if err := dec.Decode(&items); err != nil {
			return nil, fmt.Errorf("decode checklist %s: %w", name, err)
		}
		if err := validate(items); err != nil {
			return nil, fmt.Errorf("checklist %s: %w", name, err)
		}
		for i := range items {
			items[i].Step = i + 1
			items[i].Summary = strings.TrimSpace(items[i].Summary)
			if items[i].Questions == nil {
				items[i].Questions = []string{}
			}
		}
		c.items[lang] = items
	}
	return c, nil
}

func validate(items []Item) error {
	var errs []error
	if len(items) != len(IDs) {
		errs = append(errs, fmt.Errorf("has %d items, want %d", len(items), len(IDs)))
	}
	for i, it := range items {
		if i < len(IDs) && it.ID != IDs[i] {
			errs = append(errs, fmt.Errorf("item %d has id %q, want %q", i+1, it.ID, IDs[i]))
		}
		if strings.TrimSpace(it.Title) == "" || strings.TrimSpace(it.Summary) == "" {
			errs = append(errs, fmt.Errorf("item %q needs a title and a summary", it.ID))
		}
		if len(it.Guidance) == 0 {
			errs = append(errs, fmt.Errorf("item %q has no guidance", it.ID))
		}
		for _, g := range append(append([]string{}, it.Guidance...), it.Questions...) {
			if strings.TrimSpace(g) == "" {
				errs = append(errs, fmt.Errorf("item %q has an empty line", it.ID))
			}
		}
		if (it.ID == Reflect) != (len(it.Questions) > 0) {
			errs = append(errs, fmt.Errorf("item %q: only %q has reflection questions", it.ID, Reflect))
		}
		if (it.ID == GiveBriefReason) != it.Optional {
			errs = append(errs, fmt.Errorf("item %q: only %q is optional", it.ID, GiveBriefReason))
		}
	}
	return errors.Join(errs...)
}

// Items returns the items in lang, in order. The slice is shared: callers
// must not modify it.
func (c *Checklist) Items(lang service.Lang) ([]Item, error) {
	items, ok := c.items[lang]
	if !ok {
		return nil, service.Invalid("unsupported language", service.FieldError{Field: "lang", Message: "lang must be one of " + langList()})
	}
	return items, nil
}

// Item returns the item with the given id in lang.
func (c *Checklist) Item(lang service.Lang, id string) (Item, error) {
	items, err := c.Items(lang)
	if err != nil {
		return Item{}, err
	}
	for _, it := range items {
		if it.ID == id {
			return it, nil
		}
	}
	return Item{}, service.NotFound(fmt.Sprintf("no checklist item with id %q; ids are %s", id, strings.Join(IDs, ", ")))
}

func langList() string {
	s := make([]string, len(service.Langs))
	for i, l := range service.Langs {
		s[i] = string(l)
	}
	return "[" + strings.Join(s, " ") + "]"
}
