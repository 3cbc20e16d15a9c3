package common

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
)

// StatusKind says how a status message reads: each kind has its own prefix (✓, !, ✗),
// so it reads without colour.
type StatusKind int

// The kinds of status message.
const (
	StatusInfo StatusKind = iota
	StatusSuccess
	StatusWarning
	StatusError
)

// StatusMsg puts a message on the status line, where it stays until the next key.
// Text is the pane's own words; print anything user-supplied in it through Safe.
type StatusMsg struct {
	Kind StatusKind
	Text string
}

// StatusCmd returns a command that shows text on the status line. It is for a
// sentence made inside a command, off the event loop (after its I/O): a sentence an
// Update knows goes through Context.Say, drawn in that Update's frame, where
// StatusCmd's message would arrive after another Update and View, often a frame later.
func StatusCmd(kind StatusKind, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Kind: kind, Text: text} }
}

// HeadMsg tells every pane that the draft now starts from revision Rev: after the first
// load, after a save, after a reload or a re-apply following a conflict. A pane that
// shows what storage holds (revisions, credentials) reloads it then. The root sends it
// to every pane, shown or not.
type HeadMsg struct{ Rev int }

// ShownMsg tells a pane that it has just become the section shown (a tab switch, or the
// first section once the editor has loaded). A pane that reads storage the first time it
// is looked at, rather than at start-up, starts reading then (History).
type ShownMsg struct{}

// Timer marks a message that a timer delivers (a tea.Tick of a pane's own, such as a
// countdown). The test drivers have no clock: they run every command to completion and
// drop timer messages instead of feeding them back, which would loop for ever. Bubbles'
// spinner ticks and cursor blinks are recognised without it.
type Timer interface {
	// Timer is a marker; it does nothing.
	Timer()
}

// Sequence unpacks the message of a tea.Sequence command (an unexported list of
// commands), for whoever runs commands itself: the root, when it tags a pane's commands,
// and the test drivers.
func Sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// TwoFactorMsg tells the root that two-factor authentication was turned on or off (the
// Security pane's enrolment or disable). security.twoFactor in a document reports the
// store's state, so the root moves the draft's base to it, keeping the edits: the next
// save then sends the state the store has, and asks for a code when it is on.
type TwoFactorMsg struct{ On bool }
