package model

import "time"

// RevisionInfo describes one saved revision, as the history lists it. It lives in model,
// not in the store, so that the editor's History pane can name it without importing the
// store (persist keeps an alias).
type RevisionInfo struct {
	// Number counts the saves from 1.
	Number int
	// Time is when it was saved (UTC).
	Time time.Time
	// Author is who saved it (the OS user, or the author the store was opened with).
	Author string
	// Summary says what changed, in one line ("rollback to revision 2: 3 changes: …").
	Summary string
	// Base is the revision the save was edited from; 0 for the first.
	Base int
}
