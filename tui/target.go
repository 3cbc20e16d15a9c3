package tui

import (
	"fmt"
	"path/filepath"

	"idvset/tui/common"
)

// The editor runs on the database, or on a settings document file (`idvset edit FILE`,
// persist.FileStore). The file is a second Store, not a mode of the panes: the panes are
// the same, the History and Security panes get nil through capability and say a file has
// none. What differs is said here, by two capabilities a file store offers.

// PasswordFree is a Store whose saves need no password: the settings document file of
// `idvset edit FILE`, which is not the portal (`idvset import FILE`, which asks for the
// password, is how its content reaches the database). When SavesWithoutPassword is
// true, the save dialog goes from the review straight to saving, and Save gets "" as the
// password and the code.
type PasswordFree interface {
	SavesWithoutPassword() bool
}

// DocumentFile is a Store on a settings document file rather than the database. The
// editor says so: the header shows FILE where the database shows its revision, and the
// messages speak of the file ("x.json changed on disk") rather than of revisions, which
// here are only generations of the file (1 as opened, one more per save or change seen
// on disk). FileExists reports whether the file exists yet: a new one starts from the
// defaults and is created by the first save.
type DocumentFile interface {
	FileExists() bool
}

// target names what the draft is saved to, in the words of the header and messages.
type target struct {
	file   string // the document's base name for a DocumentFile, escaped; "" for the database
	exists bool   // the file exists (a DocumentFile only)
}

func targetOf(store Store) target {
	f := capability[DocumentFile](store)
	if f == nil {
		return target{}
	}
	return target{file: common.Safe(filepath.Base(store.Path())), exists: f.FileExists()}
}

// isFile reports a document file.
func (t target) isFile() bool { return t.file != "" }

// rev names revision n: "revision 3", or "the file" (its generations mean nothing to a
// person).
func (t target) rev(n int) string {
	if t.isFile() {
		return "the file"
	}
	return fmt.Sprintf("revision %d", n)
}

// saved is the status line after a save as revision (or generation) n.
func (t target) saved(n int) string {
	if t.isFile() {
		return fmt.Sprintf("saved %s; idvset import %s puts it in the database", t.file, t.file)
	}
	return fmt.Sprintf("saved revision %d", n)
}

// passwordFree reports a store whose saves need no password.
func passwordFree(store Store) bool {
	p := capability[PasswordFree](store)
	return p != nil && p.SavesWithoutPassword()
}

// greet sets the first status line of a document file: what is wrong with it, or that
// it is new, or that it is a file and how it reaches the database.
func (m *Model) greet() {
	t := m.target
	if !t.isFile() {
		return
	}
	errs := m.ctx.Violations.Errors()
	switch {
	case len(errs) > 0:
		m.status = common.StatusMsg{Kind: common.StatusWarning, Text: fmt.Sprintf(
			"%s breaks %s, shown where they are (first: %s)", t.file, common.Plural(len(errs), "rule"), common.Safe(errs[0].Path))}
	case !t.exists:
		m.status = common.StatusMsg{Kind: common.StatusInfo, Text: fmt.Sprintf(
			"%s does not exist yet: these are the defaults; saving creates it", t.file)}
	default:
		m.status = common.StatusMsg{Kind: common.StatusInfo, Text: fmt.Sprintf(
			"a file, not the database: idvset import %s puts it there", t.file)}
	}
}
