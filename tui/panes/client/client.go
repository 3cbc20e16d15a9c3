// Package client is the Client section (PRODUCT.md §1.2): capture method, skip intro, domain prefix and default language.
//
// Not built yet (issue 8 ([5])): New returns an honest placeholder. Whoever builds the pane
// replaces this file, keeping New as the constructor the root calls (see "How to add a
// pane" in package tui).
package client

import "idvset/tui/common"

// New returns the Client pane: for now, a placeholder that says what comes.
func New(ctx *common.Context) common.Pane {
	return common.NewPlaceholder(ctx, "Client", "Client",
		"Client settings arrive in a later version; edit them with `idvset import` for now.")
}
