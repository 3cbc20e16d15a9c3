// Package common is what the editor's root and its panes share: the Context every
// component reads, the messages a pane sends the root (edits and status lines), the Pane
// interface, the key maps, and the layout helpers that keep every line within the
// screen. It is soft-serve's pkg/ui/common and gh-dash's ui/context.
//
// It imports model and themes, never the root (tui), a pane or persist, so that every
// pane can import it.
package common
