// Package compose turns a few facts about an interview into a ready-to-send
// decline: it picks a template from the library (or compiles the client's
// own), fills it, adds a LinkedIn connection note that fits the tier's
// limit, gives timing and channel advice, reports the message against the
// nine-item checklist, and encodes it as plain text, HTML, a mailto: link
// and an .eml draft.
//
// Composing is deterministic: the same Request gives the same Draft, byte
// for byte, because the caller supplies the clock (Options.AsOf).
package compose
