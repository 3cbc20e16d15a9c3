// Package security is the Security section (PRODUCT.md §1.7): two-factor authentication, the password and API credentials.
//
// Not built yet (issue 11 ([8])): New returns an honest placeholder. Whoever builds the pane
// replaces this file, keeping New as the constructor the root calls (see "How to add a
// pane" in package tui).
package security

import "idvset/tui/common"

// New returns the Security pane: for now, a placeholder that says what comes.
func New(ctx *common.Context) common.Pane {
	return common.NewPlaceholder(ctx, "Security", "Security",
		"Security settings arrive in a later version; the portal password is the one set on first run, and the rest can be edited with `idvset import` for now.")
}
