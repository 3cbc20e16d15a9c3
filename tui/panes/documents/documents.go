// Package documents is the Documents section (PRODUCT.md §1.6): the custom document types and their translations.
//
// Not built yet (issue 10 ([7])): New returns an honest placeholder. Whoever builds the pane
// replaces this file, keeping New as the constructor the root calls (see "How to add a
// pane" in package tui).
package documents

import "idvset/tui/common"

// New returns the Documents pane: for now, a placeholder that says what comes.
func New(ctx *common.Context) common.Pane {
	return common.NewPlaceholder(ctx, "Documents", "Docs",
		"Documents settings arrive in a later version; edit them with `idvset import` for now.")
}
