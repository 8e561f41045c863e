package library

// The types in this file mirror the YAML files under data/<lang>/. They are
// decoded strictly: an unknown field is an error.

// placeholdersFile is placeholders.yaml: the placeholder registry.
type placeholdersFile struct {
	Placeholders []placeholderData `yaml:"placeholders"`
}

type placeholderData struct {
	Key         string `yaml:"key"`
	Label       string `yaml:"label"`
	Description string `yaml:"description"`
	Required    bool   `yaml:"required"`
	MaxLength   int    `yaml:"max_length"`
	Example     string `yaml:"example"`
	Fallback    string `yaml:"fallback"`
}

// tonesFile is tones.yaml: the label and description of every tone.
type tonesFile struct {
	Tones []toneData `yaml:"tones"`
}

type toneData struct {
	Key         string `yaml:"key"`
	Label       string `yaml:"label"`
	Description string `yaml:"description"`
}

// reasonsFile is reasons.yaml: per reason, its sentence in every tone and
// its overrides of channel sections.
type reasonsFile struct {
	Reasons []reasonData `yaml:"reasons"`
}

type reasonData struct {
	Key         string            `yaml:"key"`
	Label       string            `yaml:"label"`
	Description string            `yaml:"description"`
	Sentence    map[string]string `yaml:"sentence"` // by tone
	Overrides   []overrideData    `yaml:"overrides"`
}

// overrideData replaces the text of a named section for one reason, in
// every channel or only in those listed.
type overrideData struct {
	Section  string            `yaml:"section"`
	Channels []string          `yaml:"channels"`
	Text     map[string]string `yaml:"text"` // by tone
}

// channelFile is channels/<channel>.yaml: the skeleton of every tone.
type channelFile struct {
	Channel     string                  `yaml:"channel"`
	Label       string                  `yaml:"label"`
	Noun        string                  `yaml:"noun"`
	Description string                  `yaml:"description"`
	Tones       map[string]skeletonData `yaml:"tones"`
}

// skeletonData is one channel × tone: the outputs it has and the
// placeholders they use.
type skeletonData struct {
	Placeholders []string      `yaml:"placeholders"`
	Subject      string        `yaml:"subject"`
	Body         *layoutData   `yaml:"body"`
	Notes        *notesData    `yaml:"notes"`
	FollowUp     *followUpData `yaml:"follow_up"`
}

// layoutData is a multi-paragraph text: its paragraphs as lists of section
// names, and the text of each section.
type layoutData struct {
	Fallbacks map[string]string `yaml:"fallbacks"`
	Layout    [][]string        `yaml:"layout"`
	Sections  map[string]string `yaml:"sections"`
}

type notesData struct {
	Fallbacks map[string]string `yaml:"fallbacks"`
	Variants  []string          `yaml:"variants"`
}

type followUpData struct {
	Subject    string `yaml:"subject"`
	layoutData `yaml:",inline"`
}
