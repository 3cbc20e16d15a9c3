package branding

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"idvset/model"
	"idvset/tui/common"
)

// sepWidth is the rule between the scope list and the fields: " │ ".
const sepWidth = 3

// widths splits the pane: the scope list on the left, wide enough for codes, names and
// flags, the selected scope on the right.
func (p *Pane) widths() (left, right int) {
	left = min(max(p.width*3/8, 24), 44)
	return left, max(p.width-left-sepWidth, 0)
}

// layout sizes the list for the pane.
func (p *Pane) layout() {
	left, _ := p.widths()
	p.table.SetSize(left, p.height)
}

// View draws the scope list and, beside it, the selected scope.
func (p *Pane) View() string {
	if p.width < 1 || p.height < 1 {
		return ""
	}
	p.refresh()
	st := p.ctx.Styles
	p.table.UseTheme(st)
	p.swatch.UseTheme(st)
	p.preview.UseTheme(st)
	lw, rw := p.widths()
	left := common.Fit(p.table.View(), lw, p.height)
	// Past 76 columns a source is too far from its field to read: the rest stays empty.
	right := common.Fit(strings.Join(p.detail(min(rw, 76)), "\n"), rw, p.height)
	sep := st.Rule.Render(" │ ")
	var b strings.Builder
	for i := range p.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		l := left[i]
		b.WriteString(l)
		b.WriteString(strings.Repeat(" ", max(lw-common.CellWidth(l), 0)))
		if rw > 0 {
			b.WriteString(sep)
			b.WriteString(right[i])
		}
	}
	return b.String()
}

// detail is the selected scope: its name, what it sets, its five fields with their
// effective values and sources, then the open form, the question, or the violations and
// the preview of an image.
func (p *Pane) detail(w int) []string {
	if w < 1 {
		return nil
	}
	st := p.ctx.Styles
	scope := p.selected()
	lines := []string{common.Truncate(p.heading(scope), w)}
	summary := st.Hint.Render(p.summary(scope))
	if p.ctx.ReadOnly {
		summary = st.Warning.Render(common.ReadOnlyNotice)
	}
	lines = append(lines, common.Truncate(summary, w), "")
	for i := range model.BrandFields() {
		lines = append(lines, p.fieldRow(i, w))
	}
	lines = append(lines, "")
	room := p.height - len(lines)
	if room < 2 {
		// A small terminal: the fields first, what is open just under them.
		lines = append(lines[:1], lines[3:len(lines)-1]...)
		room = p.height - len(lines)
	}
	lines = append(lines, p.bottom(scope, w, max(room, 0))...)
	if len(lines) < p.height && p.focus == focusScopes && p.confirm == nil {
		// What the list's set column means, on the last line.
		for len(lines) < p.height-1 {
			lines = append(lines, "")
		}
		lines = append(lines, st.Hint.Render(common.Truncate(legend, w)))
	}
	return lines
}

// legend explains the list's set column.
const legend = "set: ●● colours ●●● images (●: set there)"

// heading names the scope: its code and English name, and its name in its own language.
func (p *Pane) heading(scope string) string {
	st := p.ctx.Styles
	if scope == model.ScopeDefault {
		return st.Title.Render("Default") + st.Hint.Render("  shown where a locale sets nothing")
	}
	l, _ := model.LocaleByCode(scope)
	h := st.Title.Render(l.Code) + " " + st.Label.Render(l.Name)
	if native := model.NativeNames(l.Code); len(native) > 0 && native[0] != l.Name {
		h += st.Hint.Render(" · " + native[0])
	}
	return h
}

// summary says how much the scope sets itself and where the rest comes from.
func (p *Pane) summary(scope string) string {
	sets := 0
	for _, f := range model.BrandFields() {
		if p.branding().Scope(scope).IsSet(f) {
			sets++
		}
	}
	chain := "vendor"
	if scope != model.ScopeDefault {
		chain = "default → vendor"
		if l, _ := model.LocaleByCode(scope); l.Root != "" {
			chain = l.Root + " → default → vendor"
		}
	}
	switch sets {
	case 0:
		return "set here: none · then " + chain
	case 5:
		return "set here: all 5"
	}
	return fmt.Sprintf("set here: %d of 5 · then %s", sets, chain)
}

// labelWidth is the width of the fields' short names.
const labelWidth = 10

// fieldRow is one field: its name, its effective value (a swatch, or the image's type
// and size), and where that value comes from. The selected field is marked with › and
// its name in reverse video (the swatch has a colour of its own: the row cannot be).
func (p *Pane) fieldRow(i, w int) string {
	st := p.ctx.Styles
	f := model.BrandFields()[i]
	scope := p.selected()
	e := p.branding().Resolve(scope, f)
	narrow := w < 44
	src := sourceText(e.Source, scope, narrow)
	name := strings.SplitN(fieldTitle(f), " ", 2)[0]
	label := fmt.Sprintf("%-*s", labelWidth, name)
	marker := "  "
	if p.focus == focusFields && i == p.field {
		marker = st.Marker.Render("›") + " "
		label = st.Selected.Render(label)
	} else {
		label = st.Label.Render(label)
	}
	valueW := max(w-2-labelWidth-1-1-len(src), 0)
	var value string
	switch {
	case !f.IsImage():
		p.swatch.SetSize(valueW, 1)
		value = p.swatch.Render(e.Color)
	case e.Image == nil:
		value = st.Hint.Render(common.Truncate("the vendor's own", valueW))
	default:
		value = st.Value.Render(common.Truncate(fmt.Sprintf("%s %d×%d", imageType(e.Image), e.Image.Width, e.Image.Height), valueW))
	}
	if len(p.ctx.Violations.At(fieldPath(e.Source, f))) > 0 && e.Source != model.ScopeVendor {
		value = st.Error.Render(common.Truncate("✗ "+ansi.Strip(value), valueW))
	}
	srcInk := st.Hint
	if e.Source == scope {
		srcInk = st.Success
	}
	pad := max(valueW-common.CellWidth(value), 0)
	row := marker + label + " " + value + strings.Repeat(" ", pad) + " " + srcInk.Render(src)
	return common.Truncate(row, w)
}

// sourceText says where an effective value comes from: "this locale" (or "this scope"
// for the default scope), "from en", "from default", "vendor default". Narrow panes get
// the short forms.
func sourceText(source, scope string, narrow bool) string {
	switch {
	case source == scope && scope == model.ScopeDefault:
		return pick(narrow, "here", "this scope")
	case source == scope:
		return pick(narrow, "here", "this locale")
	case source == model.ScopeVendor:
		return pick(narrow, "vendor", "vendor default")
	}
	return pick(narrow, "← "+source, "from "+source)
}

func pick(narrow bool, short, long string) string {
	if narrow {
		return short
	}
	return long
}

// fieldPath is where validation reports field f of a scope.
func fieldPath(scope string, f model.BrandField) string {
	if scope == model.ScopeDefault {
		return "branding.default." + string(f)
	}
	return "branding.locales." + scope + "." + string(f)
}

// bottom is what goes under the fields, in height lines: the open form, the question
// before a reset, or the scope's violations and the preview of an image.
func (p *Pane) bottom(scope string, w, height int) []string {
	if height < 1 {
		return nil
	}
	st := p.ctx.Styles
	switch {
	case p.color != nil:
		return p.color.view(p.swatch, w)
	case p.image != nil:
		return p.image.view(w, height)
	case p.confirm != nil:
		return p.question(w)
	}
	var out []string
	path := "branding.locales." + scope
	if scope == model.ScopeDefault {
		path = "branding.default"
	}
	out = append(out, common.ViolationLines(st, p.ctx.Violations.At(path), w)...)
	img, f := p.previewed()
	e := p.branding().Resolve(scope, f)
	head := fieldTitle(f) + " · " + sourceText(e.Source, scope, false)
	if img == nil {
		return append(out, st.Hint.Render(common.Truncate(fieldTitle(f)+": the vendor's own (none set)", w)))
	}
	out = append(out, st.Hint.Render(common.Truncate(head, w)))
	room := height - len(out)
	if room < 1 {
		return out
	}
	caption := imageCaption(img)
	pic := p.thumbs.done[img.SHA256]
	switch {
	case pic != nil && img.SHA256 != p.shown:
		p.preview.SetImage(pic, caption)
		p.shown = img.SHA256
	case pic == nil:
		why := p.thumbs.failed[img.SHA256]
		if why == "" {
			why = "decoding the preview…"
		}
		return append(out, st.Hint.Render(common.Truncate(caption+" · "+common.Safe(why), w)))
	}
	// A small picture, whatever the room: at most 6 lines and 40 columns.
	p.preview.SetSize(min(w, 40), min(room, 7))
	return append(out, strings.Split(p.preview.View(), "\n")...)
}

// question asks before resetting every colour, saying what it clears and what comes
// back instead.
func (p *Pane) question(w int) []string {
	st := p.ctx.Styles
	c := p.confirm
	text := fmt.Sprintf("This clears %s in %s: every scope then shows the vendor's %s and %s. Images stay; u undoes it.",
		common.Plural(c.colors, "colour"), common.Plural(c.scopes, "scope"), model.VendorPrimaryColor, model.VendorSecondaryColor)
	out := []string{st.Warning.Render(common.Truncate(fmt.Sprintf("Reset all colours (%d)?", c.colors), w))}
	for _, l := range common.Hang(text, w, 0) {
		out = append(out, st.Value.Render(l))
	}
	return append(out, st.Key.Render("y")+st.Hint.Render(" reset · ")+st.Key.Render("n/esc")+st.Hint.Render(" keep them"))
}
