package history

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/themes"
	"idvset/tui/common"
)

// numberPrompt asks for the number of the revision to compare revision against with.
// It takes digits only, so it needs no text field: typing, backspace, enter and esc.
type numberPrompt struct {
	against int
	digits  string
	problem string // why the last enter was refused
}

// maxDigits bounds what can be typed: no history has a billion revisions.
const maxDigits = 9

// paste takes the digits of pasted text.
func (n *numberPrompt) paste(s string) {
	for _, r := range s {
		n.typeRune(r)
	}
}

func (n *numberPrompt) typeRune(r rune) {
	if r >= '0' && r <= '9' && len(n.digits) < maxDigits {
		n.digits += string(r)
		n.problem = ""
	}
}

// promptKey handles a key while the prompt is open.
func (p *Pane) promptKey(k tea.KeyPressMsg) tea.Cmd {
	n := p.prompt
	switch {
	case key.Matches(k, p.pkeys.Cancel):
		p.prompt = nil
	case key.Matches(k, p.pkeys.Submit):
		other, err := strconv.Atoi(n.digits)
		if n.digits == "" {
			other, err = p.ctx.Head, nil // enter alone: against the head
		}
		switch {
		case err != nil || p.index(other) < 0:
			n.problem = fmt.Sprintf("no revision %s", n.digits)
			if len(p.revs) > 0 {
				n.problem += fmt.Sprintf(" (%d–%d)", p.revs[len(p.revs)-1].Number, p.revs[0].Number)
			}
		case other == n.against:
			n.problem = "that is the same revision"
		default:
			p.prompt = nil
			return p.openDiff(p.pair(other, n.against))
		}
	case key.Matches(k, p.pkeys.Erase):
		if n.digits != "" {
			n.digits = n.digits[:len(n.digits)-1]
			n.problem = ""
		}
	default:
		for _, r := range k.Text {
			n.typeRune(r)
		}
	}
	return nil
}

// view is the prompt's line: the question, what was typed, a cursor, and a refusal.
func (n *numberPrompt) view(st *themes.Styles, w int) string {
	var b strings.Builder
	b.WriteString(st.Label.Render(fmt.Sprintf("Compare revision %d with revision: ", n.against)))
	b.WriteString(st.Value.Render(n.digits))
	b.WriteString(st.Selected.Render(" "))
	if n.problem != "" {
		b.WriteString("  " + st.Error.Render("✗ "+n.problem))
	} else if n.digits == "" {
		b.WriteString("  " + st.Hint.Render("(enter alone: the head)"))
	}
	return common.Truncate(b.String(), w)
}
