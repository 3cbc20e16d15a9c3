// Package branding is the Branding section (PRODUCT.md §1.3): the colours and images of
// the default scope and of each of the 39 locales, each shown with its effective value
// and where it comes from (this locale, its root language, the default scope, or the
// vendor), since an unset field falls back.
//
// On the left, the scopes with the fuzzy filter, and for each which fields it sets
// itself; on the right, the selected scope's five fields. Enter goes into the fields;
// enter on a colour opens a huh form checked as it is typed, with a swatch; enter on an
// image opens a path field with tab completion, read and judged in a command; x clears a
// field so that it inherits again; R resets every colour of every scope after saying how
// many it clears.
package branding

import (
	"os"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/preview"
	"idvset/tui/components/swatch"
	"idvset/tui/components/table"
)

// focus says which part of the pane has the keys.
type focus int

const (
	focusScopes focus = iota
	focusFields
)

// Pane is the Branding section.
type Pane struct {
	ctx    *common.Context
	keys   keys
	scopes []scope
	table  table.Model
	// rowsOf is the flags the table's rows were made from, to remake them only when the
	// draft changes what a scope sets.
	rowsOf string
	focus  focus
	field  int // index into model.BrandFields()
	// At most one of these is open.
	color   *colorForm
	image   *imageForm
	confirm *resetConfirm

	swatch  swatch.Model
	preview preview.Model
	shown   string // the SHA-256 of the image the preview holds
	thumbs  thumbs
	visited bool   // the pane has been shown: until then no picture is decoded (at startup)
	reads   int    // numbers image reads
	lastDir string // where the last image came from, to start the next one there
	home    string

	width, height int
}

// resetConfirm is the question before "reset all colours": how many it clears.
type resetConfirm struct{ colors, scopes int }

// New returns the Branding pane on the default scope.
func New(ctx *common.Context) *Pane {
	home, _ := os.UserHomeDir() // only for "~" in paths; none means "~" stays as typed
	p := &Pane{
		ctx:     ctx,
		keys:    newKeys(),
		scopes:  allScopes(),
		table:   newScopeTable(table.NewStyles(ctx.Styles)),
		swatch:  swatch.New(swatch.NewStyles(ctx.Styles)),
		preview: preview.New(preview.NewStyles(ctx.Styles)),
		thumbs:  newThumbs(),
		home:    home,
	}
	p.refresh()
	return p
}

// Title names the section.
func (p *Pane) Title() string { return "Branding" }

// ShortTitle is the tab label at 80 columns.
func (p *Pane) ShortTitle() string { return "Brand" }

// Capturing reports a form, the filter or the confirmation: they take printable keys.
func (p *Pane) Capturing() bool {
	return p.color != nil || p.image != nil || p.confirm != nil || p.table.Filtering()
}

// SetSize takes the pane's share of the screen; the parts are sized when drawn.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	p.layout()
}

// KeyMap is what works now.
func (p *Pane) KeyMap() help.KeyMap {
	p.refresh()
	p.setKeys()
	switch {
	case p.color != nil:
		return p.color.keys()
	case p.image != nil:
		return p.image.keys()
	case p.confirm != nil:
		return confirmKeys{p.keys}
	case p.focus == focusFields:
		return fieldKeys{p.keys}
	}
	return listKeys{p.keys, p.table}
}

// selected is the scope under the list's cursor ("default" when the filter shows none).
func (p *Pane) selected() string {
	if k, ok := p.table.CursorKey(); ok {
		return k
	}
	return model.ScopeDefault
}

// branding is the draft's branding.
func (p *Pane) branding() model.Branding { return p.ctx.Draft.Current().Branding }

// selectedField is the field under the fields' cursor.
func (p *Pane) selectedField() model.BrandField { return model.BrandFields()[p.field] }

// refresh remakes the list's rows when what the scopes set changed (an edit, an undo, a
// new revision): the filter's text is unchanged, so it does not run again.
func (p *Pane) refresh() {
	b := p.branding()
	var sum []byte
	for _, s := range p.scopes {
		sum = append(sum, flags(b.Scope(s.key))...)
	}
	if string(sum) == p.rowsOf {
		return
	}
	p.rowsOf = string(sum)
	p.table.SetRows(scopeRows(p.scopes, b))
}

// setKeys switches the pane's keys for the state it is in, with why the others are off.
func (p *Pane) setKeys() {
	k := &p.keys
	editable := !p.ctx.ReadOnly
	fields := p.focus == focusFields
	_, onScope := p.table.CursorKey()
	k.Open.SetEnabled(!fields && onScope && !p.table.Filtering())
	k.why.open = "no scope matches the filter"
	for _, b := range []*key.Binding{&k.Move, &k.Up, &k.Down, &k.Home, &k.End, &k.Back} {
		b.SetEnabled(fields)
	}
	k.PrevScope.SetEnabled(fields && p.table.KeyMap.Up.Enabled() && !p.atEdge(-1))
	k.NextScope.SetEnabled(fields && p.table.KeyMap.Down.Enabled() && !p.atEdge(1))
	remoteImage := p.ctx.Remote && p.selectedField().IsImage()
	k.Edit.SetEnabled(fields && editable && !remoteImage)
	k.Clear.SetEnabled(fields && editable && p.branding().Scope(p.selected()).IsSet(p.selectedField()))
	colors, _ := p.branding().ColorCount()
	k.ResetAll.SetEnabled(editable && colors > 0 && !p.table.Filtering())
	k.why.edit, k.why.clear, k.why.resetAll = common.ReadOnlyReason, "inherited, nothing set here", "no colour is set in any scope"
	if editable {
		k.why.edit = ""
		if remoteImage {
			k.why.edit = remoteImages
		}
	} else {
		k.why.clear, k.why.resetAll = common.ReadOnlyReason, common.ReadOnlyReason
	}
	if p.table.Filtering() {
		k.why.open, k.why.resetAll = "press enter to leave the filter first", "press enter to leave the filter first"
	}
}

// atEdge reports whether the list's cursor is on the first (d < 0) or last (d > 0) scope
// shown.
func (p *Pane) atEdge(d int) bool {
	cur, ok := p.table.CursorKey()
	if !ok {
		return true
	}
	code := tea.KeyUp
	if d > 0 {
		code = tea.KeyDown
	}
	moved, _ := p.table.Update(tea.KeyPressMsg{Code: code})
	next, _ := moved.CursorKey()
	return next == cur
}

// enabled is b switched on, to tell its key when it is off (a disabled binding matches
// nothing).
func enabled(b key.Binding) key.Binding {
	b.SetEnabled(true)
	return b
}

// remoteImages is why enter does nothing on an image over idvset serve.
const remoteImages = "over idvset serve the editor cannot read your files (only the server's): set images with idvset import"

// nextRead numbers an image read.
func (p *Pane) nextRead() int {
	p.reads++
	return p.reads
}

// Update routes a message to what is open, or handles the keys of the part with focus.
// Afterwards it asks for the picture of the image shown, when it is not decoded yet.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	p.refresh()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case common.HeadMsg:
		// A new revision (a save, a reload): whatever was open was about the old draft.
		// The place in the list and the fields stays.
		p.color, p.image, p.confirm = nil, nil, nil
	case tea.ColorProfileMsg:
		p.swatch, _ = p.swatch.Update(msg)
		p.preview, _ = p.preview.Update(msg)
	case thumbMsg:
		p.thumbs.got(msg)
	default:
		cmd = p.route(msg)
	}
	if _, ok := msg.(common.ShownMsg); ok {
		p.visited = true
	}
	if !p.visited {
		return p, cmd // the new head of a pane never shown: no picture to decode yet
	}
	return p, tea.Batch(cmd, p.wantPicture())
}

// route gives a key, a paste or a form's own message to what has focus.
func (p *Pane) route(msg tea.Msg) tea.Cmd {
	p.setKeys()
	switch {
	case p.color != nil:
		done, edit, cmd := p.color.update(msg)
		if done {
			p.color = nil
			p.apply(edit)
		}
		return cmd
	case p.image != nil:
		done, edit, cmd := p.image.update(msg, p.nextRead)
		if done {
			if edit != nil {
				p.lastDir = p.image.dir()
				// The draft has the image only once the root applies the edit: ask for
				// its picture now, or the preview would wait for the next key.
				cmd = tea.Batch(cmd, p.thumbs.want(p.image.loaded))
			}
			p.image = nil
			p.apply(edit)
		}
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if _, paste := msg.(tea.PasteMsg); paste && p.table.Filtering() {
			var cmd tea.Cmd
			p.table, cmd = p.table.Update(msg)
			return cmd
		}
		return nil
	}
	switch {
	case p.confirm != nil:
		p.answer(k)
	case p.focus == focusFields:
		return p.onFields(k)
	default:
		return p.onScopes(k)
	}
	return nil
}

func (p *Pane) apply(edit *model.Edit) {
	if edit != nil {
		p.ctx.Edit(*edit)
	}
}

// onScopes handles a key on the scope list: the table's own first (moving, filtering),
// then the pane's.
func (p *Pane) onScopes(k tea.KeyPressMsg) tea.Cmd {
	if p.table.Filtering() || p.table.Handles(k) {
		var cmd tea.Cmd
		p.table, cmd = p.table.Update(k)
		return cmd
	}
	switch {
	case key.Matches(k, p.keys.Open) && p.keys.Open.Enabled():
		p.focus = focusFields
	case key.Matches(k, p.keys.ResetAll) && p.keys.ResetAll.Enabled():
		p.askReset()
	}
	return nil
}

// onFields handles a key on the selected scope's fields.
func (p *Pane) onFields(k tea.KeyPressMsg) tea.Cmd {
	last := len(model.BrandFields()) - 1
	switch {
	case key.Matches(k, p.keys.Up):
		p.field = max(p.field-1, 0)
	case key.Matches(k, p.keys.Down):
		p.field = min(p.field+1, last)
	case key.Matches(k, p.keys.Home):
		p.field = 0
	case key.Matches(k, p.keys.End):
		p.field = last
	case key.Matches(k, p.keys.Back):
		p.focus = focusScopes
	case key.Matches(k, p.keys.PrevScope):
		p.table, _ = p.table.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	case key.Matches(k, p.keys.NextScope):
		p.table, _ = p.table.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	case key.Matches(k, p.keys.Edit) && p.keys.Edit.Enabled():
		return p.edit()
	case p.keys.why.edit == remoteImages && key.Matches(k, enabled(p.keys.Edit)):
		p.ctx.Say(common.StatusWarning, remoteImages)
	case key.Matches(k, p.keys.Clear) && p.keys.Clear.Enabled():
		scope, f := p.selected(), p.selectedField()
		p.ctx.Edit(model.Edit{Label: fieldLabel(f) + " of " + scope + " cleared", Apply: func(s *model.Settings) {
			s.Branding.Clear(scope, f)
		}})
	case key.Matches(k, p.keys.ResetAll) && p.keys.ResetAll.Enabled():
		p.askReset()
	}
	return nil
}

// edit opens the selected field's form.
func (p *Pane) edit() tea.Cmd {
	f := p.selectedField()
	if f.IsImage() {
		p.image = newImageForm(p.ctx, p.selected(), f, p.lastDir, p.home)
		return nil
	}
	var cmd tea.Cmd
	p.color, cmd = newColorForm(p.ctx, p.selected(), f)
	return cmd
}

// askReset asks before clearing every colour, saying how many.
func (p *Pane) askReset() {
	colors, scopes := p.branding().ColorCount()
	p.confirm = &resetConfirm{colors: colors, scopes: scopes}
}

// answer takes the answer to the reset question: y resets, anything else keeps.
func (p *Pane) answer(k tea.KeyPressMsg) {
	switch {
	case key.Matches(k, p.keys.Yes):
		n := p.confirm.colors
		p.ctx.Edit(model.Edit{Label: "all colours reset (" + common.Plural(n, "value") + " cleared)",
			Apply: func(s *model.Settings) { s.Branding.ResetColors() }})
		p.confirm = nil
	case key.Matches(k, p.keys.No):
		p.confirm = nil
	}
}

// wantPicture asks for the picture of the image the preview shows now.
func (p *Pane) wantPicture() tea.Cmd {
	img, _ := p.previewed()
	return p.thumbs.want(img)
}

// previewed is the image the preview shows: the image field under the cursor, else the
// scope's effective header image; with where it comes from.
func (p *Pane) previewed() (*model.Image, model.BrandField) {
	f := model.HeaderImage
	if p.focus == focusFields && p.selectedField().IsImage() {
		f = p.selectedField()
	}
	return p.branding().Resolve(p.selected(), f).Image, f
}

// fieldTitle names a field in titles ("Primary colour"); fieldLabel in running text and
// edit labels ("primary colour").
func fieldTitle(f model.BrandField) string {
	switch f {
	case model.PrimaryColor:
		return "Primary colour"
	case model.SecondaryColor:
		return "Secondary colour"
	case model.HeaderImage:
		return "Header image"
	case model.SuccessImage:
		return "Success image"
	}
	return "Error image"
}

func fieldLabel(f model.BrandField) string {
	t := fieldTitle(f)
	return string(t[0]+'a'-'A') + t[1:]
}
