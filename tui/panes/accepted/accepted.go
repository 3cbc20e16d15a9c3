// Package accepted is the Accepted IDs section (PRODUCT.md §1.4): the accepted ID types by region or by country, with bulk editing by marks.
//
// Not built yet (issue 9 ([6])): New returns an honest placeholder. Whoever builds the pane
// replaces this file, keeping New as the constructor the root calls (see "How to add a
// pane" in package tui).
package accepted

import "idvset/tui/common"

// New returns the Accepted IDs pane: for now, a placeholder that says what comes.
func New(ctx *common.Context) common.Pane {
	return common.NewPlaceholder(ctx, "Accepted IDs", "IDs",
		"Accepted IDs settings arrive in a later version; edit them with `idvset import` for now.")
}
