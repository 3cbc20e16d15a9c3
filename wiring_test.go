package main

import (
	"idvset/persist"
	"idvset/tui"
	"idvset/tui/panes/history"
)

// The editor finds the History pane's store and the noting save by type assertion at
// run time: a method of persist.Store whose signature drifted would silently leave the
// pane saying "no history", or a rollback's revision without its note. This fails the
// build instead.
var (
	_ history.Store = (*persist.Store)(nil)
	_ tui.NoteSaver = (*persist.Store)(nil)
)
