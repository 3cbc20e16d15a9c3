// Package data is the Data section (PRODUCT.md §1.5): the extracted fields, the MRZ check and retention.
//
// Not built yet (issue 10 ([7])): New returns an honest placeholder. Whoever builds the pane
// replaces this file, keeping New as the constructor the root calls (see "How to add a
// pane" in package tui).
package data

import "idvset/tui/common"

// New returns the Data pane: for now, a placeholder that says what comes.
func New(ctx *common.Context) common.Pane {
	return common.NewPlaceholder(ctx, "Data", "Data",
		"Data settings arrive in a later version; edit them with `idvset import` for now.")
}
