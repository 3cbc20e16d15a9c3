// Package branding is the Branding section (PRODUCT.md §1.3): colours and images per locale, with their effective values and where they come from.
//
// Not built yet (issue 8 ([5])): New returns an honest placeholder. Whoever builds the pane
// replaces this file, keeping New as the constructor the root calls (see "How to add a
// pane" in package tui).
package branding

import "idvset/tui/common"

// New returns the Branding pane: for now, a placeholder that says what comes.
func New(ctx *common.Context) common.Pane {
	return common.NewPlaceholder(ctx, "Branding", "Brand",
		"Branding settings arrive in a later version; edit them with `idvset import` for now.")
}
