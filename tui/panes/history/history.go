// Package history is the History section (PRODUCT.md §2): the revisions, their diffs and rollback.
//
// Not built yet (issue 11 ([8])): New returns an honest placeholder. Whoever builds the pane
// replaces this file, keeping New as the constructor the root calls (see "How to add a
// pane" in package tui).
package history

import "idvset/tui/common"

// New returns the History pane: for now, a placeholder that says what comes.
func New(ctx *common.Context) common.Pane {
	return common.NewPlaceholder(ctx, "History", "History",
		"History arrives in a later version; see the revisions with `idvset history` and `idvset diff` for now.")
}
