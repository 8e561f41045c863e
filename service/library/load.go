package library

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/declinekit/declinekit/service"
)

// maxNotes bounds the connection-note variants of a template.
const maxNotes = 8

// channelShape says which outputs a channel has besides its body.
type channelShape struct {
	subject, notes, followUp bool
}

var channelShapes = map[Channel]channelShape{
	Email:    {subject: true},
	LinkedIn: {notes: true},
	Phone:    {followUp: true},
}

// bodySlots are the sections every body must place, because Render and
// Options refer to them.
var bodySlots = []string{"reason", "door_open", "short_notice", "late_reply"}

// problems collects what is wrong with the data, each problem once, so that
// one run of the tests shows all of them.
type problems struct {
	list []string
	seen map[string]bool
}

func (p *problems) add(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if p.seen == nil {
		p.seen = make(map[string]bool)
	}
	if !p.seen[msg] {
		p.seen[msg] = true
		p.list = append(p.list, msg)
	}
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return fmt.Errorf("library: invalid template data: %s", strings.Join(p.list, "; "))
}

// load reads every language directory of fsys, validates it and compiles
// its templates. fsys has one directory per language at its root; tests
// pass modified copies of the embedded data.
func load(fsys fs.FS) (*Library, error) {
	p := &problems{}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("library: reading data: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() || !service.SupportedLang(e.Name()) {
			p.add("%s: not the directory of a supported language", e.Name())
		}
	}
	lib := &Library{byID: make(map[string]*Template)}
	b := newCoder()
	for i, lang := range service.Langs {
		ld := loadLang(fsys, string(lang), b, p)
		if ld == nil {
			continue
		}
		if i == 0 {
			lib.placeholders = ld.reg.list
		}
		lib.all = append(lib.all, ld.templates...)
	}
	for _, t := range lib.all {
		if _, dup := lib.byID[t.ID]; dup {
			p.add("template %s is defined more than once", t.ID)
		}
		lib.byID[t.ID] = t
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	b.finish()
	return lib, nil
}

// decode reads one YAML document from name into v, rejecting unknown
// fields.
func decode(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: empty file", name)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: more than one YAML document", name)
	}
	return nil
}

// langData is the decoded data of one language while it is being checked
// and put together.
type langData struct {
	lang      string
	p         *problems
	coder     *coder
	reg       *registry
	tones     map[Tone]toneData
	reasons   map[Reason]*reasonData
	channels  map[Channel]*channelFile
	files     map[Channel]string
	templates []*Template
	// placeholders holds the Placeholders of the templates by the tokens
	// they declare, so that templates declaring the same ones share a
	// slice.
	placeholders map[[numTokens]bool][]Placeholder
}

// langFiles are the entries a language directory may hold.
var langFiles = []string{"placeholders.yaml", "tones.yaml", "reasons.yaml", "channels"}

// loadLang loads one language directory. It returns nil when the data is
// too broken to compose templates from; the problems say why.
func loadLang(fsys fs.FS, lang string, b *coder, p *problems) *langData {
	entries, err := fs.ReadDir(fsys, lang)
	if err != nil {
		p.add("%s: missing language directory", lang)
		return nil
	}
	for _, e := range entries {
		if !slices.Contains(langFiles, e.Name()) {
			p.add("%s: unexpected file %s", lang, e.Name())
		}
	}
	ld := &langData{
		lang:         lang,
		p:            p,
		coder:        b,
		tones:        make(map[Tone]toneData),
		reasons:      make(map[Reason]*reasonData),
		channels:     make(map[Channel]*channelFile),
		files:        make(map[Channel]string),
		placeholders: make(map[[numTokens]bool][]Placeholder),
	}
	ld.loadRegistry(fsys)
	ld.loadTones(fsys)
	ld.loadReasons(fsys)
	ld.loadChannels(fsys)
	if ld.reg == nil {
		return nil
	}
	for _, ch := range Channels {
		cf := ld.channels[ch]
		if cf == nil {
			continue
		}
		for _, r := range Reasons {
			rd := ld.reasons[r]
			if rd == nil {
				continue
			}
			for _, tone := range Tones {
				sk, ok := cf.Tones[string(tone)]
				td, known := ld.tones[tone]
				if !ok || !known {
					continue
				}
				if t := ld.template(ch, cf, &sk, r, rd, tone, td); t != nil {
					ld.templates = append(ld.templates, t)
				}
			}
		}
	}
	for _, r := range Reasons {
		rd := ld.reasons[r]
		if rd == nil {
			continue
		}
		for _, o := range rd.Overrides {
			if !ld.placed(o.Section, o.Channels) {
				p.add("%s/reasons.yaml: reason %s: the override of %q matches no section of the channels it applies to", lang, r, o.Section)
			}
		}
	}
	return ld
}

// placed reports whether any layout of the given channels (of every
// channel, when none are given) places the section.
func (ld *langData) placed(section string, channels []string) bool {
	for ch, cf := range ld.channels {
		if len(channels) > 0 && !slices.Contains(channels, string(ch)) {
			continue
		}
		for _, sk := range cf.Tones {
			layouts := []*layoutData{sk.Body}
			if sk.FollowUp != nil {
				layouts = append(layouts, &sk.FollowUp.layoutData)
			}
			for _, l := range layouts {
				if l == nil {
					continue
				}
				for _, para := range l.Layout {
					if slices.Contains(para, section) {
						return true
					}
				}
			}
		}
	}
	return false
}

func (ld *langData) loadRegistry(fsys fs.FS) {
	name := path.Join(ld.lang, "placeholders.yaml")
	var f placeholdersFile
	if err := decode(fsys, name, &f); err != nil {
		ld.p.add("%v", err)
		return
	}
	reg, problems := newRegistry(name, f.Placeholders)
	for _, msg := range problems {
		ld.p.add("%s", msg)
	}
	ld.reg = reg
}

func (ld *langData) loadTones(fsys fs.FS) {
	name := path.Join(ld.lang, "tones.yaml")
	var f tonesFile
	if err := decode(fsys, name, &f); err != nil {
		ld.p.add("%v", err)
		return
	}
	for _, td := range f.Tones {
		tone := Tone(td.Key)
		switch {
		case !slices.Contains(Tones, tone):
			ld.p.add("%s: unknown tone %q", name, td.Key)
			continue
		case ld.has(ld.tones, tone):
			ld.p.add("%s: tone %s is defined more than once", name, tone)
			continue
		}
		ld.required(name+": tone "+td.Key, "label", td.Label)
		ld.required(name+": tone "+td.Key, "description", td.Description)
		ld.tones[tone] = td
	}
	for _, tone := range Tones {
		if !ld.has(ld.tones, tone) {
			ld.p.add("%s: tone %s is missing", name, tone)
		}
	}
}

func (ld *langData) loadReasons(fsys fs.FS) {
	name := path.Join(ld.lang, "reasons.yaml")
	var f reasonsFile
	if err := decode(fsys, name, &f); err != nil {
		ld.p.add("%v", err)
		return
	}
	for i := range f.Reasons {
		rd := &f.Reasons[i]
		r := Reason(rd.Key)
		where := name + ": reason " + rd.Key
		switch {
		case !slices.Contains(Reasons, r):
			ld.p.add("%s: unknown reason %q", name, rd.Key)
			continue
		case ld.reasons[r] != nil:
			ld.p.add("%s: reason %s is defined more than once", name, r)
			continue
		}
		ld.required(where, "label", rd.Label)
		ld.required(where, "description", rd.Description)
		for _, key := range slices.Sorted(maps.Keys(rd.Sentence)) {
			if !slices.Contains(Tones, Tone(key)) {
				ld.p.add("%s: sentence for unknown tone %q", where, key)
			}
		}
		if r == None {
			if len(rd.Sentence) > 0 {
				ld.p.add("%s: the reason none gives no reason sentence", where)
			}
		} else {
			for _, tone := range Tones {
				ld.required(where, "sentence for tone "+string(tone), rd.Sentence[string(tone)])
			}
		}
		ld.checkOverrides(where, rd.Overrides)
		ld.reasons[r] = rd
	}
	for _, r := range Reasons {
		if ld.reasons[r] == nil {
			ld.p.add("%s: reason %s is missing", name, r)
		}
	}
}

func (ld *langData) checkOverrides(where string, overrides []overrideData) {
	targets := make(map[string]bool) // section and channel, "" for all
	for _, o := range overrides {
		at := where + ": override of " + o.Section
		switch {
		case o.Section == "":
			ld.p.add("%s: an override has no section", where)
		case slotKinds[o.Section] == slotReason:
			ld.p.add("%s: the reason sentence is set with sentence, not overridden", at)
		}
		channels := o.Channels
		if len(channels) == 0 {
			channels = []string{""}
		}
		for _, ch := range channels {
			if ch != "" && !slices.Contains(Channels, Channel(ch)) {
				ld.p.add("%s: unknown channel %q", at, ch)
			}
			if targets[o.Section+"/"+ch] {
				ld.p.add("%s: more than one override of the same section for channel %q", at, ch)
			}
			targets[o.Section+"/"+ch] = true
		}
		if len(o.Text) == 0 {
			ld.p.add("%s: no text", at)
		}
		for _, key := range slices.Sorted(maps.Keys(o.Text)) {
			if !slices.Contains(Tones, Tone(key)) {
				ld.p.add("%s: text for unknown tone %q", at, key)
			}
			ld.required(at, "text for tone "+key, o.Text[key])
		}
	}
}

func (ld *langData) loadChannels(fsys fs.FS) {
	dir := path.Join(ld.lang, "channels")
	names, err := fs.Glob(fsys, dir+"/*.yaml")
	if err != nil {
		ld.p.add("%s: %v", dir, err)
		return
	}
	for _, name := range names {
		cf := &channelFile{}
		if err := decode(fsys, name, cf); err != nil {
			ld.p.add("%v", err)
			continue
		}
		ch := Channel(cf.Channel)
		switch {
		case !slices.Contains(Channels, ch):
			ld.p.add("%s: unknown channel %q", name, cf.Channel)
			continue
		case ld.channels[ch] != nil:
			ld.p.add("%s: channel %s is already defined in %s", name, ch, ld.files[ch])
			continue
		}
		ld.required(name, "label", cf.Label)
		ld.required(name, "noun", cf.Noun)
		ld.required(name, "description", cf.Description)
		for _, key := range slices.Sorted(maps.Keys(cf.Tones)) {
			if !slices.Contains(Tones, Tone(key)) {
				ld.p.add("%s: unknown tone %q", name, key)
			}
		}
		for _, tone := range Tones {
			if _, ok := cf.Tones[string(tone)]; !ok {
				ld.p.add("%s: tone %s is missing", name, tone)
			}
		}
		ld.channels[ch] = cf
		ld.files[ch] = name
	}
	for _, ch := range Channels {
		if ld.channels[ch] == nil {
			ld.p.add("%s: channel %s is missing", dir, ch)
		}
	}
}

// template composes and compiles one channel × reason × tone. It returns
// nil when the result has problems.
func (ld *langData) template(ch Channel, cf *channelFile, sk *skeletonData, r Reason, rd *reasonData, tone Tone, td toneData) *Template {
	before := len(ld.p.list)
	where := ld.files[ch] + ": tone " + string(tone)
	t := &Template{
		ID:          string(ch) + "." + string(r) + "." + string(tone),
		Channel:     ch,
		Reason:      r,
		Tone:        tone,
		Lang:        ld.lang,
		Name:        td.Label + " " + cf.Noun + " – " + rd.Label,
		Description: oneLine(rd.Description + " " + cf.Description + " " + td.Description),
		code:        ld.coder.code,
		out:         &outputs{},
	}
	out := t.out
	var declared, used [numTokens]bool
	for _, key := range sk.Placeholders {
		tok, ok := tokenByKey(key)
		switch {
		case !ok:
			ld.p.add("%s: declares unknown placeholder %q", where, key)
		case declared[tok]:
			ld.p.add("%s: declares %s more than once", where, key)
		}
		declared[tok] = ok
	}

	shape := channelShapes[ch]
	switch {
	case shape.subject && strings.TrimSpace(sk.Subject) == "":
		ld.p.add("%s: subject is empty", where)
	case shape.subject:
		t.Subject = strings.TrimSpace(sk.Subject)
		out.subject = ld.line(where+": subject", t.Subject, ld.reg.fallback, &used)
		out.hasSubject = true
	case sk.Subject != "":
		ld.p.add("%s: only the email channel has a subject", where)
	}

	if sk.Body == nil {
		ld.p.add("%s: body is empty", where)
	} else {
		out.body = ld.document(where+": body", sk.Body, ch, r, rd, tone, true, &used)
		t.Body = out.body.source(t.code)
	}

	switch {
	case shape.notes && (sk.Notes == nil || len(sk.Notes.Variants) < 2):
		ld.p.add("%s: at least two connection-note variants are needed", where)
	case shape.notes && len(sk.Notes.Variants) > maxNotes:
		ld.p.add("%s: more than %d connection-note variants", where, maxNotes)
	case shape.notes:
		fallback := ld.fallbacks(where+": notes", sk.Notes.Fallbacks)
		c := t.code
		start := len(c.lines)
		for i, src := range sk.Notes.Variants {
			src = strings.TrimSpace(src)
			c.lines = append(c.lines, ld.line(fmt.Sprintf("%s: note %d", where, i+1), src, fallback, &used))
			t.Notes = append(t.Notes, src)
		}
		out.notes = span{uint32(start), uint32(len(c.lines))}
	case sk.Notes != nil:
		ld.p.add("%s: only the linkedin channel has connection notes", where)
	}

	switch {
	case shape.followUp && sk.FollowUp == nil:
		ld.p.add("%s: follow_up is missing", where)
	case shape.followUp:
		fu := &out.followUp
		subject := strings.TrimSpace(sk.FollowUp.Subject)
		if subject == "" {
			ld.p.add("%s: follow_up: subject is empty", where)
		} else {
			fu.subject = ld.line(where+": follow_up: subject", subject, ld.reg.fallback, &used)
		}
		fu.body = ld.document(where+": follow_up", &sk.FollowUp.layoutData, ch, r, rd, tone, false, &used)
		out.hasFollowUp = true
		t.FollowUp = &Message{Subject: subject, Body: fu.body.source(t.code)}
	case sk.FollowUp != nil:
		ld.p.add("%s: only the phone channel has a follow_up", where)
	}

	for tok := literal + 1; tok < numTokens; tok++ {
		switch {
		case used[tok] && !declared[tok]:
			ld.p.add("template %s uses {{%s}} but %s does not declare it", t.ID, tokenKeys[tok], where)
		case declared[tok] && !used[tok]:
			ld.p.add("template %s declares {{%s}} in %s but never uses it", t.ID, tokenKeys[tok], where)
		}
	}
	t.Placeholders = ld.placeholderList(declared)
	if len(ld.p.list) > before {
		return nil
	}
	t.Version = version(t)
	return t
}

// placeholderList returns the registry's placeholders that declared
// holds, in registry order; templates that declare the same placeholders
// get the same slice.
func (ld *langData) placeholderList(declared [numTokens]bool) []Placeholder {
	if list, ok := ld.placeholders[declared]; ok {
		return list
	}
	var list []Placeholder
	for _, ph := range ld.reg.list {
		if tok, _ := tokenByKey(ph.Key); declared[tok] {
			list = append(list, ph)
		}
	}
	// Clipped, so that appending to the slice cannot write into another
	// template's.
	list = slices.Clip(list)
	ld.placeholders[declared] = list
	return list
}

// line compiles a one-part text, trimmed of white space already.
func (ld *langData) line(where, src string, fallback [numTokens]string, used *[numTokens]bool) line {
	s, err := ld.coder.compile(src)
	if err != nil {
		ld.p.add("%s: %v", where, err)
	}
	markUsed(&s, used)
	return line{snippet: s, fallback: ld.coder.fallback(fallback)}
}

// document composes a multi-paragraph text from its layout: each section's
// text comes from the channel file, from the reason's override of it, or,
// for the reason slot, from the reason's sentence.
func (ld *langData) document(where string, l *layoutData, ch Channel, r Reason, rd *reasonData, tone Tone, isBody bool, used *[numTokens]bool) document {
	b := ld.coder
	d := document{fallback: b.fallback(ld.fallbacks(where, l.Fallbacks))}
	if len(l.Layout) == 0 {
		ld.p.add("%s: layout is empty", where)
		return d
	}
	placed := make(map[string]bool)
	for i, para := range l.Layout {
		if len(para) == 0 {
			ld.p.add("%s: paragraph %d of the layout is empty", where, i+1)
		}
		for j, name := range para {
			if placed[name] {
				ld.p.add("%s: section %s is placed more than once", where, name)
				continue
			}
			placed[name] = true
			kind := slotKinds[name]
			var src, at string
			if kind == slotReason {
				if _, ok := l.Sections[name]; ok {
					ld.p.add("%s: section reason comes from reasons.yaml and cannot be defined here", where)
				}
				src = rd.Sentence[string(tone)]
				at = fmt.Sprintf("%s/reasons.yaml: reason %s: sentence for tone %s", ld.lang, r, tone)
			} else {
				text, ok := l.Sections[name]
				if !ok {
					ld.p.add("%s: the layout places section %s, which is not defined", where, name)
					continue
				}
				src, at = text, where+": section "+name
				if o, ok := rd.override(name, ch, tone); ok {
					src = o
					at = fmt.Sprintf("%s/reasons.yaml: reason %s: override of %s for tone %s", ld.lang, r, name, tone)
				}
				if strings.TrimSpace(src) == "" {
					ld.p.add("%s is empty", at)
				}
			}
			s, err := b.compile(strings.TrimSpace(src))
			if err != nil {
				ld.p.add("%s: %v", at, err)
			}
			markUsed(&s, used)
			d.add(b.code, j == 0, slot{name: b.intern(name), kind: kind, text: s})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(l.Sections)) {
		if !placed[name] {
			ld.p.add("%s: section %s is defined but not placed in the layout", where, name)
		}
	}
	if isBody {
		for _, name := range bodySlots {
			if !placed[name] {
				ld.p.add("%s: the layout does not place the %s section", where, name)
			}
		}
	}
	return d
}

// override returns the reason's text for a section in a channel and tone:
// an override naming the channel wins over one for every channel.
func (rd *reasonData) override(section string, ch Channel, tone Tone) (string, bool) {
	var general, specific string
	var hasGeneral, hasSpecific bool
	for _, o := range rd.Overrides {
		if o.Section != section || (len(o.Channels) > 0 && !slices.Contains(o.Channels, string(ch))) {
			continue
		}
		text, ok := o.Text[string(tone)]
		switch {
		case !ok:
		case len(o.Channels) > 0:
			specific, hasSpecific = text, true
		default:
			general, hasGeneral = text, true
		}
	}
	if hasSpecific {
		return specific, true
	}
	return general, hasGeneral
}

// fallbacks returns the registry's fallbacks with an output's own ones
// applied.
func (ld *langData) fallbacks(where string, own map[string]string) [numTokens]string {
	fb := ld.reg.fallback
	for _, key := range slices.Sorted(maps.Keys(own)) {
		tok, ok := tokenByKey(key)
		switch {
		case !ok:
			ld.p.add("%s: fallback for unknown placeholder %q", where, key)
		case ld.reg.placeholder(tok).Required:
			ld.p.add("%s: %s is required and takes no fallback", where, key)
		case strings.TrimSpace(own[key]) == "":
			ld.p.add("%s: fallback for %s is empty", where, key)
		default:
			fb[tok] = own[key]
		}
	}
	return fb
}

// required notes a problem when a required field is empty.
func (ld *langData) required(where, field, value string) {
	if strings.TrimSpace(value) == "" {
		ld.p.add("%s: %s is empty", where, field)
	}
}

func (ld *langData) has(m map[Tone]toneData, tone Tone) bool {
	_, ok := m[tone]
	return ok
}

func markUsed(s *snippet, used *[numTokens]bool) {
	for tok, n := range s.uses {
		if n > 0 {
			used[tok] = true
		}
	}
}

// oneLine folds the line breaks of a YAML block into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
