// Package panetest runs the editor's models without a terminal, deterministically: Run
// executes commands to completion and feeds their messages back, as the Bubble Tea
// runtime would, and Harness runs one pane on a draft, as the root would. Pane packages
// test themselves with it, without the root (which a pane never imports).
//
// Run waits for every command, however slow, and knows timers by the type of their
// message (a spinner's tick, a cursor's blink, a common.Timer), not by how long they
// take: it drops those messages instead of feeding them back, which would loop for ever.
// Run tests inside synctest.Test (testing/synctest): its clock is fake, so a cursor's
// 530 ms blink or a store that sleeps costs no real time, and nothing depends on how fast
// the machine is. Outside a bubble Run still works, only slower (benchmarks).
package panetest

import (
	"testing"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"idvset/tui/common"
	"idvset/tui/internal/keypress"
)

// maxRounds bounds the rounds of commands one message may lead to: more is a loop.
const maxRounds = 200

// Run executes cmd and every command that the messages it leads to return, round by
// round in order, giving each message to update (the model's Update, returning its
// command). It reports whether a tea.Quit came back.
func Run(t testing.TB, cmd tea.Cmd, update func(tea.Msg) tea.Cmd) (quit bool) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for round := 0; len(queue) > 0; round++ {
		if round > maxRounds {
			t.Fatal("commands keep coming: a loop?")
		}
		var next []tea.Cmd
		for _, c := range queue {
			if c == nil {
				continue
			}
			msg := c() // to completion: a slow store is waited for, not dropped
			switch msg := msg.(type) {
			case nil:
			case tea.BatchMsg:
				next = append(next, msg...)
			case tea.QuitMsg:
				quit = true
			default:
				if cmds, ok := common.Sequence(msg); ok {
					next = append(next, cmds...)
					continue
				}
				if IsTimer(msg) {
					continue
				}
				next = append(next, update(msg))
			}
		}
		queue = next
	}
	return quit
}

// IsTimer reports a message that a timer delivers: a spinner's tick, a cursor's blink,
// or a pane's own common.Timer, also when the root has wrapped it for its pane (a
// message with an Unwrap method).
func IsTimer(msg tea.Msg) bool {
	switch m := msg.(type) {
	case spinner.TickMsg, cursor.BlinkMsg, common.Timer:
		return true
	case interface{ Unwrap() tea.Msg }:
		return IsTimer(m.Unwrap())
	}
	return false
}

// Key builds the key press a terminal sends for a key name: "enter", "esc", "ctrl+s",
// "alt+2", "shift+tab", "pgdown", "space", "a" (keypress.Press).
func Key(name string) tea.KeyPressMsg { return keypress.Press(name) }

// Typed is the key presses of typing s, one a character (keypress.Type).
func Typed(s string) []tea.KeyPressMsg { return keypress.Type(s) }
