package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

// The root's own messages: loading the database, the first password, saving. What panes
// send the root (edits, status lines) is in common.

// needsPasswordMsg: the database is fresh, the first-run screen asks for a password.
type needsPasswordMsg struct{}

// loadedMsg carries everything the editor needs to start editing.
type loadedMsg struct {
	rev      int
	settings model.Settings
	used     []model.UsedCode
	catalog  *model.Catalog
}

// loadFailedMsg: the database could not be read; the editor shows why and can only quit.
type loadFailedMsg struct{ err error }

// load reads the database: first whether it has a password at all, then the head
// revision and what validation needs. New calls it, so that the first frame is already
// the editor; after the first password is set it runs again as a command (loadCmd).
func load(store Store) tea.Msg {
	fresh, err := store.NeedsPassword()
	if err != nil {
		return loadFailedMsg{err: err}
	}
	if fresh {
		return needsPasswordMsg{}
	}
	rev, s, err := store.Head()
	if err != nil {
		return loadFailedMsg{err: err}
	}
	used, err := store.UsedCodes()
	if err != nil {
		return loadFailedMsg{err: err}
	}
	cat, err := store.Catalog()
	if err != nil {
		return loadFailedMsg{err: err}
	}
	return loadedMsg{rev: rev, settings: s, used: used, catalog: cat}
}

// loadCmd is load as a command.
func loadCmd(store Store) tea.Cmd {
	return func() tea.Msg { return load(store) }
}

// headPurpose says what the root does with a freshly read head revision.
type headPurpose int

const (
	headRefresh headPurpose = iota // after a save: only the used codes change
	headReload                     // after a conflict: discard the draft, start from the head
	headRebase                     // after a conflict: re-apply the draft onto the head
	headFollow                     // another session saved: show its revision (RevisionSavedMsg)
)

// headMsg is a head revision read again after a save or a conflict.
type headMsg struct {
	purpose  headPurpose
	rev      int
	settings model.Settings
	used     []model.UsedCode
	catalog  *model.Catalog // the catalog in force: an import (another process) replaces it
	err      error
}

// headCmd reads the head revision, the used codes and the catalog again.
func headCmd(store Store, purpose headPurpose) tea.Cmd {
	return func() tea.Msg {
		msg := headMsg{purpose: purpose}
		msg.rev, msg.settings, msg.err = store.Head()
		if msg.err == nil {
			msg.used, msg.err = store.UsedCodes()
		}
		if msg.err == nil {
			msg.catalog, msg.err = store.Catalog()
		}
		return msg
	}
}

// passwordSetMsg reports the outcome of setting the first password.
type passwordSetMsg struct{ err error }

// setPasswordCmd sets the first password (argon2: slow, hence a command).
func setPasswordCmd(store Store, password string) tea.Cmd {
	return func() tea.Msg { return passwordSetMsg{err: store.SetPassword(password)} }
}

// saveResultMsg reports the outcome of a save to the save dialog.
type saveResultMsg struct {
	rev int
	doc model.Settings
	err error
}

// saveCmd saves doc on top of base with the password (and two-factor code), noting
// notes in the revision's summary when the store can (NoteSaver).
func saveCmd(store Store, doc model.Settings, base int, password, otp string, notes []string) tea.Cmd {
	return func() tea.Msg {
		var rev int
		var err error
		if ns, ok := store.(NoteSaver); ok && len(notes) > 0 {
			rev, err = ns.SaveNoted(doc, base, password, otp, strings.Join(notes, "; "))
		} else {
			rev, err = store.Save(doc, base, password, otp)
		}
		return saveResultMsg{rev: rev, doc: doc, err: err}
	}
}

// savedMsg tells the root a revision was written: the draft starts over from it.
type savedMsg struct {
	rev int
	doc model.Settings
}
