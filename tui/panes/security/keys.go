package security

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
)

// keyMap is the pane's own actions; the table brings its moves, filter and marks.
type keyMap struct {
	TwoFactor key.Binding // t: turn two-factor authentication on, or off
	Password  key.Binding // p: change the password
	New       key.Binding // n: a new credential
	Rotate    key.Binding // r: a new secret for the credential under the cursor
	Revoke    key.Binding // x: revoke the marked credentials, or the cursor's

	// why each is off right now, for the full help
	why map[*key.Binding]string
}

func newKeyMap() keyMap {
	return keyMap{
		TwoFactor: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "2FA on")),
		Password:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "password")),
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Rotate:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rotate")),
		Revoke:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "revoke")),
		why:       map[*key.Binding]string{},
	}
}

func keyIs(k tea.KeyPressMsg, b key.Binding) bool { return key.Matches(k, b) }

// updateKeys switches the actions on where they can work, and says why not elsewhere.
func (p *Pane) updateKeys() {
	k := &p.keys
	clear(k.why)
	off := ""
	switch {
	case p.store == nil:
		off = "no database: security lives there"
	case p.ctx.ReadOnly:
		off = common.ReadOnlyReason
	case !p.loaded:
		off = "reading the security state"
	}
	set := func(b *key.Binding, why string) {
		if off != "" {
			why = off
		}
		b.SetEnabled(why == "")
		k.why[b] = why
	}
	if p.twoFactor.On {
		k.TwoFactor.SetHelp("t", "2FA off")
	} else {
		k.TwoFactor.SetHelp("t", "2FA on")
	}
	set(&k.TwoFactor, "")
	set(&k.Password, "")
	set(&k.New, "")
	rotate, revoke := "", ""
	c, ok := p.cursorCredential()
	switch {
	case !ok:
		rotate, revoke = "no credential selected", "no credential selected"
	case c.IsRevoked():
		rotate = "this credential is revoked"
		if len(p.revokable()) == 0 {
			revoke = "revoked already"
		}
	}
	set(&k.Rotate, rotate)
	set(&k.Revoke, revoke)
	if n := len(p.revokable()); n > 1 {
		k.Revoke.SetHelp("x", "revoke "+common.Plural(n, "credential"))
	} else {
		k.Revoke.SetHelp("x", "revoke")
	}
}

// cursorCredential is the credential under the table's cursor.
func (p *Pane) cursorCredential() (model.Credential, bool) {
	id, ok := p.table.CursorKey()
	if !ok {
		return model.Credential{}, false
	}
	return p.credential(id)
}

// revokable are the credentials x would revoke: the marked ones (or the cursor's) not
// revoked yet.
func (p *Pane) revokable() []model.Credential {
	var out []model.Credential
	for _, id := range p.table.Targets() {
		if c, ok := p.credential(id); ok && !c.IsRevoked() {
			out = append(out, c)
		}
	}
	return out
}

// action runs the pane's own key, if k is one.
func (p *Pane) action(k tea.KeyPressMsg) (tea.Cmd, bool) {
	b := &p.keys
	switch {
	case key.Matches(k, b.TwoFactor):
		if p.twoFactor.On {
			return p.open(actDisable, nil), true
		}
		return p.open(actEnrol, nil), true
	case key.Matches(k, b.Password):
		return p.open(actPassword, nil), true
	case key.Matches(k, b.New):
		return p.open(actCreate, nil), true
	case key.Matches(k, b.Rotate):
		c, _ := p.cursorCredential()
		return p.open(actRotate, []model.Credential{c}), true
	case key.Matches(k, b.Revoke):
		return p.open(actRevoke, p.revokable()), true
	}
	// A disabled key says why on the status line, rather than nothing happening.
	for _, bd := range []*key.Binding{&b.TwoFactor, &b.Password, &b.New, &b.Rotate, &b.Revoke} {
		if why := b.why[bd]; why != "" && key.Matches(k, withEnabled(*bd)) {
			p.ctx.Say(common.StatusInfo, bd.Help().Desc+": "+why)
			return nil, true
		}
	}
	return nil, false
}

// withEnabled is b switched on, to test whether a key is b's while b is off.
func withEnabled(b key.Binding) key.Binding {
	b.SetEnabled(true)
	return b
}

// paneKeys is the pane's key map while no dialog is open.
type paneKeys struct{ p *Pane }

// ShortHelp is the footer: the actions, then moving and marking.
func (k paneKeys) ShortHelp() []key.Binding {
	b, t := k.p.keys, k.p.table.KeyMap
	return []key.Binding{b.TwoFactor, b.Password, b.New, b.Rotate, b.Revoke, t.Mark}
}

// FullHelp lists every key.
func (k paneKeys) FullHelp() [][]key.Binding {
	b := k.p.keys
	return append([][]key.Binding{{b.TwoFactor, b.Password}, {b.New, b.Rotate, b.Revoke}}, k.p.table.KeyMap.FullHelp()...)
}

// ExplainedHelp is the full help with why each key that does nothing does nothing.
func (k paneKeys) ExplainedHelp() [][]common.KeyHelp {
	b := &k.p.keys // why is keyed by the bindings' addresses
	e := func(bd *key.Binding) common.KeyHelp { return common.Explain(*bd, b.why[bd]) }
	out := [][]common.KeyHelp{{e(&b.TwoFactor), e(&b.Password)}, {e(&b.New), e(&b.Rotate), e(&b.Revoke)}}
	cols, why := k.p.table.KeyMap.FullHelp(), k.p.table.HelpReasons()
	for i, col := range cols {
		var c []common.KeyHelp
		for j, bd := range col {
			c = append(c, common.Explain(bd, why[i][j]))
		}
		out = append(out, c)
	}
	return out
}
