package model

// What the editor needs from the draft beyond its fixed API: whether undo and redo have
// anything to do, so the editor's help never offers a key that does nothing.

// CanUndo reports whether Undo has an edit to revert.
func (d *Draft) CanUndo() bool { return false }

// CanRedo reports whether Redo has an edit to re-apply.
func (d *Draft) CanRedo() bool { return false }
