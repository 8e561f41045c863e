package library

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
)

// versionLength is the number of hex digits of a template version.
const versionLength = 12

// version hashes everything a template holds: its metadata, every text in
// {{token}} form with the kind of each section, the fallbacks and the
// placeholders. Any change to the data that a client could see or receive
// gives a new version, so a version can never go stale.
func version(t *Template) string {
	h := sha256.New()
	field := func(name, value string) {
		// Length-prefixed, so that no two contents hash the same stream.
		fmt.Fprintf(h, "%s %d\n%s\n", name, len(value), value)
	}
	field("id", t.ID)
	field("lang", t.Lang)
	field("name", t.Name)
	field("description", t.Description)
	c, out := t.code, t.out
	if out.hasSubject {
		hashLine(field, "subject", c, &out.subject)
	}
	hashDocument(field, "body", c, &out.body)
	notes := c.lines[out.notes.start:out.notes.end]
	for i := range notes {
		hashLine(field, "note", c, &notes[i])
	}
	if out.hasFollowUp {
		hashLine(field, "follow_up.subject", c, &out.followUp.subject)
		hashDocument(field, "follow_up.body", c, &out.followUp.body)
	}
	for _, p := range t.Placeholders {
		field("placeholder", p.Key)
		field("label", p.Label)
		field("description", p.Description)
		field("required", strconv.FormatBool(p.Required))
		field("max_length", strconv.Itoa(p.MaxLength))
		field("example", p.Example)
		field("fallback", p.Fallback)
	}
	return hex.EncodeToString(h.Sum(nil))[:versionLength]
}

func hashLine(field func(name, value string), name string, c *code, l *line) {
	field(name, l.src.in(c.text))
	hashFallbacks(field, &c.fallbacks[l.fallback])
}

func hashDocument(field func(name, value string), name string, c *code, d *document) {
	field(name, "")
	for _, s := range c.slots[d.slots.start:d.slots.end] {
		if s.para {
			field("paragraph", "")
		}
		field(s.kind.String()+" "+s.name.in(c.text), s.text.src.in(c.text))
	}
	hashFallbacks(field, &c.fallbacks[d.fallback])
}

func hashFallbacks(field func(name, value string), fb *[numTokens]string) {
	for tok := literal + 1; tok < numTokens; tok++ {
		field("fallback "+tokenKeys[tok], fb[tok])
	}
}
