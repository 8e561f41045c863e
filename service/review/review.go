package review

import (
	"fmt"
	"strings"
	"sync"

	"github.com/declinekit/declinekit/service"
)

// Channel is the medium a message is sent through.
type Channel string

// The channels a message can be reviewed for.
const (
	// ChannelEmail is an email; it is the only channel with a subject.
	ChannelEmail Channel = "email"
	// ChannelLinkedIn is a LinkedIn direct message of up to
	// LinkedInMessageLimit characters.
	ChannelLinkedIn Channel = "linkedin"
	// ChannelLinkedInNote is a LinkedIn connection note. It follows a decline
	// sent elsewhere, so it need not decline again.
	ChannelLinkedInNote Channel = "linkedin_note"
	// ChannelPhone is a script for a call; it has no subject and no length
	// limit, and a spoken goodbye counts as a sign-off.
	ChannelPhone Channel = "phone"
)

// Channels lists the valid channels.
var Channels = []Channel{ChannelEmail, ChannelLinkedIn, ChannelLinkedInNote, ChannelPhone}

// Valid reports whether c is one of Channels.
func (c Channel) Valid() bool {
	for _, v := range Channels {
		if c == v {
			return true
		}
	}
	return false
}

// Tier is the LinkedIn account tier, which sets the length of a connection
// note.
type Tier string

// The LinkedIn tiers.
const (
	// TierFree is a free account; it is assumed when no tier is given.
	TierFree Tier = "free"
	// TierPremium is a paid account, which allows longer connection notes.
	TierPremium Tier = "premium"
)

// Valid reports whether t is a tier or empty (which means TierFree).
func (t Tier) Valid() bool {
	return t == "" || t == TierFree || t == TierPremium
}

// Length limits, in Unicode code points unless stated otherwise.
const (
	// LinkedInMessageLimit is the longest LinkedIn direct message.
	LinkedInMessageLimit = 2000
	// LinkedInNoteLimitFree is the longest connection note on a free account.
	LinkedInNoteLimitFree = 200
	// LinkedInNoteLimitPremium is the longest connection note on a premium
	// account.
	LinkedInNoteLimitPremium = 300
	// EmailWordLimit is the number of words past which an email draws a
	// warning for its length.
	EmailWordLimit = 250
	// MaxEvidence is the most code points a check quotes from the message.
	MaxEvidence = 120
)

// NoteLimit returns the connection-note limit for tier t.
func NoteLimit(t Tier) int {
	if t == TierPremium {
		return LinkedInNoteLimitPremium
	}
	return LinkedInNoteLimitFree
}

// Input is a message to review.
type Input struct {
	Channel      Channel
	Subject      string // email only
	Message      string
	LinkedInTier Tier // for ChannelLinkedInNote; empty means TierFree
}

// Validate reports, as a service.KindInvalid error naming the JSON fields
// at fault, what makes in unfit for review. Review itself accepts anything.
func (in Input) Validate() error {
	var fields []service.FieldError
	if !in.Channel.Valid() {
		fields = append(fields, service.FieldError{Field: "channel", Message: fmt.Sprintf("must be one of %s", joinChannels())})
	}
	if !in.LinkedInTier.Valid() {
		fields = append(fields, service.FieldError{Field: "linkedin_tier", Message: `must be "free" or "premium"`})
	}
	if strings.TrimSpace(in.Message) == "" {
		fields = append(fields, service.FieldError{Field: "message", Message: "must not be empty"})
	}
	if len(fields) > 0 {
		return service.Invalid("the message cannot be reviewed", fields...)
	}
	return nil
}

func joinChannels() string {
	s := make([]string, len(Channels))
	for i, c := range Channels {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Status is the outcome of one check.
type Status string

// The outcomes of a check.
const (
	// StatusPass means the message does what the check asks.
	StatusPass Status = "pass"
	// StatusWarn means the message would be better with a change, but can
	// be sent.
	StatusWarn Status = "warn"
	// StatusFail means the message should not be sent as it is.
	StatusFail Status = "fail"
	// StatusNotApplicable means the check does not apply to the channel.
	StatusNotApplicable Status = "not_applicable"
)

// The verdicts of a review.
const (
	// VerdictReady means no check failed.
	VerdictReady = "ready"
	// VerdictRevise means at least one check failed.
	VerdictRevise = "revise"
)

// The check ids, in the order Review returns them.
const (
	CheckPlaceholdersFilled = "placeholders_filled"
	CheckGreeting           = "greeting"
	CheckGratitude          = "gratitude"
	CheckClearDecline       = "clear_decline"
	CheckBriefReason        = "brief_reason"
	CheckDoorOpen           = "door_open"
	CheckCourteous          = "courteous"
	CheckSignOff            = "sign_off"
	CheckLength             = "length"
	CheckSubject            = "subject"
)

// CheckIDs lists the ten check ids in the order Review returns them.
var CheckIDs = []string{
	CheckPlaceholdersFilled, CheckGreeting, CheckGratitude, CheckClearDecline,
	CheckBriefReason, CheckDoorOpen, CheckCourteous, CheckSignOff, CheckLength,
	CheckSubject,
}

// checklistItems maps each check to the checklist item it serves.
var checklistItems = map[string]string{
	CheckPlaceholdersFilled: "be_honest",
	CheckGreeting:           "be_courteous",
	CheckGratitude:          "express_gratitude",
	CheckClearDecline:       "be_honest",
	CheckBriefReason:        "give_brief_reason",
	CheckDoorOpen:           "keep_door_open",
	CheckCourteous:          "be_courteous",
	CheckSignOff:            "be_courteous",
	CheckLength:             "use_professional_channel",
	CheckSubject:            "use_professional_channel",
}

// ChecklistItem returns the id of the checklist item a check serves, or ""
// for an unknown check id.
func ChecklistItem(checkID string) string {
	return checklistItems[checkID]
}

// Check is the outcome of one check.
type Check struct {
	ID            string
	ChecklistItem string
	Status        Status
	// Message explains in plain English what was found or what to do.
	Message string
	// Evidence quotes the part of the message that decided the check,
	// trimmed and at most MaxEvidence code points; it is empty when the
	// check found something missing.
	Evidence string
}

// Stats describes the written part of a message: without a leading
// "Subject:" line and without a quoted reply.
type Stats struct {
	Characters int // Unicode code points, surrounding space trimmed
	Words      int
	Sentences  int // a greeting or signature line counts as one
}

// Result is the review of one message.
type Result struct {
	Verdict string // VerdictReady or VerdictRevise
	Score   int    // 0–100; see the package documentation
	Checks  []Check
	Stats   Stats
}

// Reviewer checks messages against the guidance. It is safe for concurrent
// use; its zero value is not usable, call New.
type Reviewer struct {
	lx   *lexicon
	docs sync.Pool
}

// compiled is the lexicon, decoded the first time a Reviewer is made from
// lexicon.bin, which holds lexicon.yaml precompiled (see lexbin.go). When
// lexicon.bin does not decode, as after a change of its format, lexicon.yaml
// is compiled instead: slower, but the same lexicon, and it lets the test
// binary that regenerates lexicon.bin start. TestLexiconBinIsCurrent fails
// whenever lexicon.bin is not what lexicon.yaml compiles to.
var compiled = sync.OnceValues(func() (*lexicon, error) {
	if lx, err := decodeLexicon(lexiconBin); err == nil {
		return lx, nil
	}
	return loadLexicon(lexiconYAML)
})

// New returns a Reviewer. The embedded lexicon is compiled once per process;
// New panics if it is broken, which a test rules out.
func New() *Reviewer {
	lx, err := compiled()
	if err != nil {
		panic(err)
	}
	return &Reviewer{lx: lx, docs: sync.Pool{New: func() any { return new(doc) }}}
}

// Review checks in and explains each finding. It accepts any input: an
// unknown channel is reviewed as an email, an unknown tier as TierFree.
func (r *Reviewer) Review(in Input) Result {
	var res Result
	r.ReviewInto(&res, in)
	return res
}

// ReviewInto is Review writing into res, whose Checks slice it reuses when
// it has room: a caller that reviews many messages can keep one Result.
func (r *Reviewer) ReviewInto(res *Result, in Input) {
	d := r.docs.Get().(*doc)
	defer r.docs.Put(d)
	d.analyse(r.lx, in.Message)
	rv := reviewer{lx: r.lx, d: d, in: in}
	if !in.Channel.Valid() {
		rv.in.Channel = ChannelEmail
	}
	checks := rv.run(res.Checks)
	*res = Result{
		Verdict: verdict(checks),
		Score:   Score(checks),
		Checks:  checks,
		Stats:   d.stats(),
	}
	d.msg = "" // a pooled doc must not keep the caller's message alive
}

func verdict(checks []Check) string {
	for _, c := range checks {
		if c.Status == StatusFail {
			return VerdictRevise
		}
	}
	return VerdictReady
}

// Score weighs checks: each applicable check is worth two points, earned in
// full by a pass, half by a warning and not at all by a failure; checks that
// do not apply are left out. The score is the share of points earned, as a
// whole percentage rounded half up. With no applicable check it is 100.
func Score(checks []Check) int {
	earned, possible := 0, 0
	for _, c := range checks {
		switch c.Status {
		case StatusPass:
			earned += 2
		case StatusWarn:
			earned++
		case StatusNotApplicable:
			continue
		}
		possible += 2
	}
	if possible == 0 {
		return 100
	}
	return (200*earned + possible) / (2 * possible)
}

func (d *doc) stats() Stats {
	a, b := trimBounds(d.msg, d.bodyStart, d.bodyEnd)
	return Stats{
		Characters: runeCount(d.msg[a:b]),
		Words:      d.words,
		Sentences:  len(d.sents),
	}
}
