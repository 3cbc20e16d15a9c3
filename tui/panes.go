package tui

import (
	"reflect"

	tea "charm.land/bubbletea/v2"

	"idvset/tui/common"
	"idvset/tui/panes/accepted"
	"idvset/tui/panes/branding"
	"idvset/tui/panes/client"
	"idvset/tui/panes/data"
	"idvset/tui/panes/documents"
	"idvset/tui/panes/general"
	"idvset/tui/panes/history"
	"idvset/tui/panes/redirect"
	"idvset/tui/panes/security"
)

// newPanes builds the sections in tab order (PRODUCT.md §5), one constructor a line, each
// line on its own between comments so that work on two panes never touches neighbouring
// lines. A pane that reads storage takes the small interface it declares, as
// capability[pkg.Store](store): nil when this store cannot do it (see the package
// documentation).
func newPanes(ctx *common.Context, store Store) [sectionCount]common.Pane {
	return [sectionCount]common.Pane{
		// 1 General (§1.1)
		general.New(ctx),
		// 2 Redirect (§1.1)
		redirect.New(ctx),
		// 3 Client (§1.2)
		client.New(ctx),
		// 4 Branding (§1.3)
		branding.New(ctx),
		// 5 Accepted IDs (§1.4)
		accepted.New(ctx),
		// 6 Data (§1.5)
		data.New(ctx),
		// 7 Documents (§1.6)
		documents.New(ctx),
		// 8 Security (§1.7)
		security.New(ctx, capability[security.Store](store)),
		// 9 History (§2)
		history.New(ctx, capability[history.Store](store)),
		// end of the sections
	}
}

// capability returns store as T when it offers T (history, security), else T's zero
// value: nil for an interface. A file-backed store (idvset edit FILE) has no revisions
// and no credentials, and the panes that need them say so instead of failing.
func capability[T any](store Store) T {
	t, _ := store.(T)
	return t
}

// paneMsg is a message that a command of pane s produced. The root tags every command a
// pane returns (tagCmd), so that the result comes back to that pane alone, whether it is
// shown or not: a revision list that arrives after the user moved on, a form's own
// messages (huh's carry no identity, so two open forms must never see each other's).
type paneMsg struct {
	pane Section
	msg  tea.Msg
}

// Unwrap is the message inside, for the test drivers (panetest.IsTimer).
func (m paneMsg) Unwrap() tea.Msg { return m.msg }

// tagCmd wraps cmd, a command returned by pane s, so that its message comes back tagged.
func tagCmd(s Section, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return paneMsg{pane: s, msg: cmd()} }
}

// fromPane routes the result of a pane's command. Batches and sequences are unpacked and
// their commands tagged in turn; edits and status lines are the root's; Bubble Tea's own
// messages (quit, window title, requests to the terminal) go back to the runtime;
// anything else is the pane's.
func (m *Model) fromPane(pm paneMsg) tea.Cmd {
	switch msg := pm.msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		return tea.Batch(tagAll(pm.pane, msg)...)
	case common.StatusMsg, common.TwoFactorMsg:
		return m.update(msg)
	}
	if cmds, ok := common.Sequence(pm.msg); ok {
		return tea.Sequence(tagAll(pm.pane, cmds)...)
	}
	if t := reflect.TypeOf(pm.msg); t.PkgPath() == teaPkg {
		return func() tea.Msg { return pm.msg }
	}
	return m.updatePane(pm.pane, pm.msg)
}

// teaPkg is Bubble Tea's import path, whose messages are the runtime's.
var teaPkg = reflect.TypeOf(tea.QuitMsg{}).PkgPath()

func tagAll(s Section, cmds []tea.Cmd) []tea.Cmd {
	out := make([]tea.Cmd, len(cmds))
	for i, c := range cmds {
		out[i] = tagCmd(s, c)
	}
	return out
}

// updatePane gives msg to pane s and tags what it returns.
func (m *Model) updatePane(s Section, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.panes[s], cmd = m.panes[s].Update(msg)
	return tagCmd(s, cmd)
}

// broadcast gives msg to every pane (HeadMsg).
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for s := range m.panes {
		cmds = append(cmds, m.updatePane(Section(s), msg))
	}
	return tea.Batch(cmds...)
}
