package common

import (
	"time"

	"idvset/model"
	"idvset/themes"
)

// DraftView is the read-only face of the draft that components see: they read the
// settings being edited, but only the root applies edits (see Context.Edit).
type DraftView interface {
	Base() model.Settings
	Current() model.Settings
	Changes() []model.Change
	Dirty() bool
	// Notes are what a save says in its revision's summary besides the changes
	// (model.Edit.Note).
	Notes() []string
}

// Context is the state every component shares: terminal size, styles, keys, and the
// draft with its violations. The root owns it and is the only one that writes to it;
// components keep the pointer and read it when they render, so a palette switch or an
// edit shows everywhere at once.
type Context struct {
	// Width and Height are the terminal's size.
	Width, Height int
	// Styles are built from the palette in use; the root replaces them when the
	// terminal's background turns out to be light.
	Styles *themes.Styles
	// Keys are the editor-wide bindings, enabled and disabled by the root.
	Keys *KeyMap

	// Path is the database file (or document) being edited, as given: print it with Safe.
	Path string
	// ReadOnly is --readonly: browse, never save.
	ReadOnly bool
	// Remote says the person at the keyboard is not on this machine (idvset serve): a
	// pane must neither list nor read files here, which would show them the server's.
	Remote bool
	// Head is the revision the draft is based on.
	Head int
	// Draft is the settings being edited.
	Draft DraftView
	// Violations are model.Validate's verdict on Draft.Current(), updated after every edit.
	Violations model.Violations
	// Rules is what validation needs beyond the document (catalog, used codes).
	Rules model.Context
	// Now is the clock, for the retention warning; tests fix it.
	Now func() time.Time

	// edits are handed over by panes (Edit) and applied by the root (TakeEdits).
	edits []model.Edit
	// review is asked for by a pane (OpenReview) and opened by the root (TakeReview).
	review bool
	// status is a status line said by a pane (Say) and shown by the root (TakeStatus).
	status *StatusMsg
}

// Edit hands e to the root, which applies it to the draft as one undo step, labelled
// for the status line ("changed: callback URL") and for undo ("undid: callback URL"),
// as soon as the pane's Update returns. Panes never change settings themselves, and read
// the result back from Draft and Violations.
//
// It is a hand-over, not a command: a command's message comes back after keys that were
// already read (a paste, a fast typist, "enter" then "ctrl+s"), and those keys would act
// on a draft without the edit. The root drains the edits before it reads the next key.
func (c *Context) Edit(e model.Edit) { c.edits = append(c.edits, e) }

// TakeEdits returns the edits handed over since the last call, in order, and forgets
// them. Only the root calls it (and the test harness that stands in for it).
func (c *Context) TakeEdits() []model.Edit {
	e := c.edits
	c.edits = nil
	return e
}

// OpenReview asks the root to open the review of the draft, then the password, as
// ctrl+s does, once the pane's Update returns and its edits are applied: the History
// pane hands a rollback over as an edit and opens the review at once. The save flow
// stays the root's. It is a hand-over for the reason Edit is: the keys typed next must
// reach the review, not the pane. Without changes to save the root says so instead.
func (c *Context) OpenReview() { c.review = true }

// Say puts text on the status line as soon as the Update that says it returns (a
// pane's, or one of the root's dialogs'), after the edits handed over with it (so it
// replaces their "changed: <label>"): the key, or the command's result, and its
// sentence are drawn in one frame. Whatever Update knows the sentence says it there,
// also the Update that takes a command's result. StatusCmd says the same through a
// message, which Bubble Tea delivers after another Update and View, often in the next
// frame: it is only for a sentence made inside a command, off the event loop.
func (c *Context) Say(kind StatusKind, text string) {
	c.status = &StatusMsg{Kind: kind, Text: text}
}

// TakeStatus returns the status line a pane said since the last call, if any, and
// forgets it. Only the root calls it (and the test harness that stands in for it).
func (c *Context) TakeStatus() (StatusMsg, bool) {
	st := c.status
	c.status = nil
	if st == nil {
		return StatusMsg{}, false
	}
	return *st, true
}

// TakeReview reports whether a pane asked for the review since the last call, and
// forgets the request. Only the root calls it.
func (c *Context) TakeReview() bool {
	r := c.review
	c.review = false
	return r
}

// Under --readonly: ReadOnlyNotice is what a pane or the status line says; ReadOnlyReason
// is why an editing key is off, as the full help lists it (short, after the key's
// description; the header says READ-ONLY too).
const (
	ReadOnlyNotice = "read-only: started with --readonly"
	ReadOnlyReason = "read-only"
)
