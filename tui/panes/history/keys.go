package history

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"idvset/tui/common"
	"idvset/tui/components/table"
)

// listKeys are the pane's own keys on the list of revisions; moving, filtering and
// marking are the table's.
type listKeys struct {
	// Diff shows the cursor revision against the one before it, or against the marked
	// one: its help says which ("diff", "diff with 7").
	Diff key.Binding
	// Compare asks for the number of a revision to compare the cursor revision with.
	Compare key.Binding
	// Rollback rolls back to the cursor revision, through the review and the password.
	Rollback key.Binding
	// RollbackOff catches r while Rollback is off, so the status line can say why. It
	// never appears in help.
	RollbackOff key.Binding
	// DiffOff catches enter while Diff is off (too many marks), to say why.
	DiffOff key.Binding
}

func newListKeys() listKeys {
	return listKeys{
		Diff:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "diff")),
		Compare:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compare with…")),
		Rollback:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "roll back")),
		RollbackOff: key.NewBinding(key.WithKeys("r")),
		DiffOff:     key.NewBinding(key.WithKeys("enter")),
	}
}

// diffKeys are the keys of the diff view.
type diffKeys struct {
	scroll common.ListKeys
	// Older and Newer step to the diff of the revision before or after (a diff against
	// the previous revision only).
	Older key.Binding
	Newer key.Binding
	// Step stands for Older and Newer in the footer.
	Step key.Binding
	// Swap reads a comparison the other way round.
	Swap     key.Binding
	Rollback key.Binding
	Back     key.Binding
}

func newDiffKeys() diffKeys {
	return diffKeys{
		scroll:   common.Scrolling(),
		Older:    key.NewBinding(key.WithKeys("left", "p"), key.WithHelp("←/p", "older revision")),
		Newer:    key.NewBinding(key.WithKeys("right", "n"), key.WithHelp("→/n", "newer revision")),
		Step:     key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", "older/newer")),
		Swap:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "swap sides")),
		Rollback: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "roll back to it")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the list")),
	}
}

// promptKeys answer the pane's questions: the revision to compare with, and whether to
// replace unsaved changes by a rollback.
type promptKeys struct {
	Submit key.Binding
	Cancel key.Binding
	Erase  key.Binding
	Yes    key.Binding
	No     key.Binding
}

func newPromptKeys() promptKeys {
	return promptKeys{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "compare")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Erase:  key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "erase")),
		Yes:    key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "roll back")),
		No:     key.NewBinding(key.WithKeys("n", "N", "esc", "enter"), key.WithHelp("n/esc", "keep my changes")),
	}
}

// listKeyMap is what the list offers: the table's keys and the pane's, each with why it
// does nothing right now.
type listKeyMap struct {
	table   table.Model
	keys    listKeys
	reasons listReasons
}

// listReasons say why the pane's keys are off.
type listReasons struct{ diff, compare, rollback string }

// ShortHelp is the footer: the pane's actions first, then the table's.
func (k listKeyMap) ShortHelp() []key.Binding {
	t := k.table.KeyMap
	if k.table.Filtering() {
		return []key.Binding{t.AcceptFilter, t.CancelFilter, t.Move}
	}
	return []key.Binding{t.Move, k.keys.Diff, k.keys.Rollback, t.Filter, t.ClearFilter, t.Mark, k.keys.Compare}
}

// FullHelp is every key, in columns.
func (k listKeyMap) FullHelp() [][]key.Binding {
	cols := k.table.KeyMap.FullHelp()
	return append(cols, []key.Binding{k.keys.Diff, k.keys.Compare, k.keys.Rollback})
}

// ExplainedHelp is FullHelp with the reasons.
func (k listKeyMap) ExplainedHelp() [][]common.KeyHelp {
	cols, why := k.table.KeyMap.FullHelp(), k.table.HelpReasons()
	var out [][]common.KeyHelp
	for i, col := range cols {
		var c []common.KeyHelp
		for j, b := range col {
			c = append(c, common.Explain(b, why[i][j]))
		}
		out = append(out, c)
	}
	return append(out, []common.KeyHelp{
		common.Explain(k.keys.Diff, k.reasons.diff),
		common.Explain(k.keys.Compare, k.reasons.compare),
		common.Explain(k.keys.Rollback, k.reasons.rollback),
	})
}

// diffKeyMap is what the diff view offers.
type diffKeyMap struct {
	keys    diffKeys
	reasons struct{ step, swap, rollback string }
}

// ShortHelp is the footer.
func (k diffKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.keys.scroll.Move, k.keys.Step, k.keys.Swap, k.keys.Rollback, common.Brief(k.keys.Back, "back")}
}

// FullHelp is every key, in columns.
func (k diffKeyMap) FullHelp() [][]key.Binding {
	s := k.keys.scroll
	return [][]key.Binding{
		{s.Up, s.Down, s.PageUp, s.PageDown, s.Home, s.End},
		{k.keys.Older, k.keys.Newer, k.keys.Swap, k.keys.Rollback, k.keys.Back},
	}
}

// ExplainedHelp is FullHelp with the reasons.
func (k diffKeyMap) ExplainedHelp() [][]common.KeyHelp {
	s := k.keys.scroll
	fits := "the whole diff is shown"
	return [][]common.KeyHelp{
		{common.Explain(s.Up, fits), common.Explain(s.Down, fits), common.Explain(s.PageUp, fits),
			common.Explain(s.PageDown, fits), common.Explain(s.Home, fits), common.Explain(s.End, fits)},
		{common.Explain(k.keys.Older, k.reasons.step), common.Explain(k.keys.Newer, k.reasons.step),
			common.Explain(k.keys.Swap, k.reasons.swap), common.Explain(k.keys.Rollback, k.reasons.rollback),
			common.Explain(k.keys.Back, "")},
	}
}

var (
	_ help.KeyMap      = listKeyMap{}
	_ common.Explainer = listKeyMap{}
	_ common.Explainer = diffKeyMap{}
)
