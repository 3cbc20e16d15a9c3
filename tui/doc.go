// Package tui is the Bubble Tea program of idvset: the tabbed editor, its panes, the
// review-and-save flow. It defines the small storage interface it needs and never
// imports persist, so every pane is testable with no disk.
package tui
