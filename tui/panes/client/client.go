// Package client is the Client section (PRODUCT.md §1.2): how the end user captures
// their ID, whether the introductory screen is skipped, the domain prefix of the
// verification page and its default language. The capture method is a huh select, the
// domain prefix a huh input checked as it is typed with the resulting address shown, and
// the default language the fuzzy picker over the 39 locales.
package client

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/picker"
)

// field is one of the pane's four settings.
type field int

const (
	fieldCapture field = iota
	fieldSkipIntro
	fieldPrefix
	fieldLanguage
	fieldCount
)

// Pane lists the client settings; enter edits the selected one.
type Pane struct {
	ctx    *common.Context
	keys   keys
	cursor field
	// At most one of form and languages is open.
	form      *form         // the capture method or the domain prefix
	languages *picker.Model // the default language
	items     []picker.Item
	width     int
	height    int
}

// keys are the pane's bindings while browsing.
type keys struct {
	common.ListKeys
	// Toggle switches skip intro (space).
	Toggle key.Binding
	// Clear puts the selected setting back to its default (x, delete).
	Clear key.Binding

	// why says why Toggle and Clear are off, for the full help; updateKeys sets it.
	why struct{ toggle, clear string }
}

// New returns the Client pane on its first setting.
func New(ctx *common.Context) *Pane {
	k := keys{
		ListKeys: common.NewListKeys(),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "switch skip intro")),
		Clear:    key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x/delete", "back to the default")),
	}
	// Four settings need neither a filter nor marks; the list keys' space is Toggle's.
	for _, b := range []*key.Binding{&k.Filter, &k.ListKeys.Toggle, &k.MarkAll, &k.Back} {
		b.SetEnabled(false)
	}
	return &Pane{ctx: ctx, keys: k, items: languageItems()}
}

// Title names the section.
func (p *Pane) Title() string { return "Client" }

// ShortTitle is the title: it is short already.
func (p *Pane) ShortTitle() string { return "Client" }

// Capturing reports an open form or the language picker: they take every key.
func (p *Pane) Capturing() bool { return p.form != nil || p.languages != nil }

// SetSize takes the pane's share of the screen.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	if p.form != nil {
		p.form.setWidth(p.formWidth())
	}
	if p.languages != nil {
		p.languages.SetSize(width, max(height-pickerChrome, 1))
	}
}

// KeyMap is what works now: the open form's keys, the picker's, or the list's.
func (p *Pane) KeyMap() help.KeyMap {
	switch {
	case p.form != nil:
		return common.Bindings(p.form.keys())
	case p.languages != nil:
		k := p.languages.KeyMap
		return common.ReasonedKeys{Short: k.ShortHelp(), Full: k.FullHelp(), Why: p.languages.HelpReasons()}
	}
	// The draft may have changed since the last key (an edit, an undo): switch the keys
	// for it now, so the footer never lies.
	p.updateKeys()
	return p.keys
}

// ShortHelp is the footer while browsing.
func (k keys) ShortHelp() []key.Binding {
	// Few keys, so that the editor's (? keys, q quit) still fit at 80 columns; x is in
	// the full help (and the picker offers "English (US)", the unset language).
	if k.Toggle.Enabled() {
		return []key.Binding{k.Move, common.Brief(k.Toggle, "switch")}
	}
	return []key.Binding{k.Move, k.Edit}
}

// FullHelp lists every key of the list.
func (k keys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End}, {k.Edit, k.Toggle, k.Clear}}
}

// ExplainedHelp is the full help, with why the editing keys are off.
func (k keys) ExplainedHelp() [][]common.KeyHelp {
	e := func(b key.Binding) common.KeyHelp { return common.Explain(b, "") }
	return [][]common.KeyHelp{
		{e(k.Up), e(k.Down), e(k.Home), e(k.End)},
		{common.Explain(k.Edit, common.ReadOnlyReason), common.Explain(k.Toggle, k.why.toggle),
			common.Explain(k.Clear, k.why.clear)},
	}
}

// Update moves the selection and opens the selected setting's editor; while one is
// open, it has the keys.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	if _, ok := msg.(common.HeadMsg); ok {
		// The draft starts afresh: whatever was being edited is about the old one.
		p.form, p.languages = nil, nil
		return p, nil
	}
	var cmd tea.Cmd
	switch {
	case p.form != nil:
		cmd = p.updateForm(msg)
	case p.languages != nil:
		cmd = p.updatePicker(msg)
	default:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			p.updateKeys()
			cmd = p.browse(k)
		}
	}
	return p, cmd
}

func (p *Pane) browse(k tea.KeyPressMsg) tea.Cmd {
	if c, moved := p.keys.Navigate(k, int(p.cursor), int(fieldCount)); moved {
		p.cursor = field(c)
		return nil
	}
	switch {
	case key.Matches(k, p.keys.Toggle) && p.keys.Toggle.Enabled(),
		key.Matches(k, p.keys.Edit) && p.keys.Edit.Enabled() && p.cursor == fieldSkipIntro:
		on := !p.client().SkipIntro
		p.ctx.Edit(model.Edit{Label: "skip intro", Apply: func(s *model.Settings) { s.Client.SkipIntro = on }})
	case key.Matches(k, p.keys.Edit) && p.keys.Edit.Enabled():
		return p.open()
	case key.Matches(k, p.keys.Clear) && p.keys.Clear.Enabled():
		p.clear()
	}
	return nil
}

// open starts editing the selected setting.
func (p *Pane) open() tea.Cmd {
	c := p.client()
	switch p.cursor {
	case fieldCapture:
		var cmd tea.Cmd
		p.form, cmd = newCaptureForm(p.ctx, c.CaptureMethod, p.formWidth())
		return cmd
	case fieldPrefix:
		var cmd tea.Cmd
		p.form, cmd = newPrefixForm(p.ctx, c.DomainPrefix, p.formWidth())
		return cmd
	case fieldLanguage:
		pk := picker.New(p.items, picker.NewStyles(p.ctx.Styles))
		pk.SetNoun("language", "languages")
		pk.SetCurrent(languageIndex(p.items, c.DefaultLanguage))
		pk.SetSize(p.width, max(p.height-pickerChrome, 1))
		p.languages = &pk
	}
	return nil
}

// clear puts the selected setting back to its default.
func (p *Pane) clear() {
	switch p.cursor {
	case fieldCapture:
		p.ctx.Edit(model.Edit{Label: "capture method", Apply: func(s *model.Settings) {
			s.Client.CaptureMethod = model.CaptureWebcamAndUpload
		}})
	case fieldSkipIntro:
		p.ctx.Edit(model.Edit{Label: "skip intro", Apply: func(s *model.Settings) { s.Client.SkipIntro = false }})
	case fieldPrefix:
		p.ctx.Edit(model.Edit{Label: "domain prefix", Apply: func(s *model.Settings) { s.Client.DomainPrefix = "" }})
	case fieldLanguage:
		p.ctx.Edit(model.Edit{Label: "default language", Apply: func(s *model.Settings) { s.Client.DefaultLanguage = "" }})
	}
}

func (p *Pane) updateForm(msg tea.Msg) tea.Cmd {
	done, edit, cmd := p.form.update(msg)
	if done {
		p.form = nil
		if edit != nil {
			p.ctx.Edit(*edit)
		}
	}
	return cmd
}

func (p *Pane) updatePicker(msg tea.Msg) tea.Cmd {
	pk, cmd := p.languages.Update(msg)
	p.languages = &pk
	switch pk.State() {
	case picker.StatePicked:
		it, _ := pk.Picked()
		code := it.Code
		p.ctx.Edit(model.Edit{Label: "default language", Apply: func(s *model.Settings) { s.Client.DefaultLanguage = code }})
		p.languages = nil
	case picker.StateCancelled:
		p.languages = nil
	}
	return cmd
}

// updateKeys switches the list's keys for the selected setting, and says why the others
// are off.
func (p *Pane) updateKeys() {
	k := &p.keys
	editable := !p.ctx.ReadOnly
	k.Edit.SetEnabled(editable)
	k.Edit.SetHelp("enter", "edit")
	if p.cursor == fieldSkipIntro {
		k.Edit.SetHelp("enter", "switch")
	}
	k.Toggle.SetEnabled(editable && p.cursor == fieldSkipIntro)
	k.Clear.SetEnabled(editable && !p.isDefault(p.cursor))
	k.why.toggle, k.why.clear = "only on Skip intro", "already the default"
	if !editable {
		k.why.toggle, k.why.clear = common.ReadOnlyReason, common.ReadOnlyReason
	}
}

// isDefault reports whether setting f holds its default value.
func (p *Pane) isDefault(f field) bool {
	c, d := p.client(), model.Default().Client
	switch f {
	case fieldCapture:
		return c.CaptureMethod == d.CaptureMethod
	case fieldSkipIntro:
		return c.SkipIntro == d.SkipIntro
	case fieldPrefix:
		return c.DomainPrefix == d.DomainPrefix
	}
	return c.DefaultLanguage == d.DefaultLanguage
}

func (p *Pane) client() model.Client { return p.ctx.Draft.Current().Client }

// formWidth leaves room for the indent under the setting's label.
func (p *Pane) formWidth() int { return p.width - valueIndent }
