package branding

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/pathinput"
)

// imageForm sets one image of one scope from a file: a path field with tab completion
// (see package pathinput for why a path and not huh's file picker). Enter reads the file
// in a command, and model.ReadImageFile judges it: a file it refuses leaves the form
// open with the reason under the path, to be corrected.
type imageForm struct {
	ctx     *common.Context
	scope   string
	field   model.BrandField
	input   pathinput.Model
	id      int    // the read this form waits for
	reading string // the path being read, "" when none
	refused string // why the last file was refused
	loaded  *model.Image
}

// imageReadMsg is the result of reading an image file.
type imageReadMsg struct {
	id   int
	path string
	img  *model.Image
	err  error
}

// readImageCmd reads and checks an image file, off the update loop.
func readImageCmd(id int, path string) tea.Cmd {
	return func() tea.Msg {
		img, err := model.ReadImageFile(path)
		return imageReadMsg{id: id, path: path, img: img, err: err}
	}
}

// newImageForm opens the path field on dir (the directory of the last image set, so the
// next one is a tab away), or empty.
func newImageForm(ctx *common.Context, scope string, f model.BrandField, dir, home string) *imageForm {
	in := pathinput.New(pathinput.NewStyles(ctx.Styles), home)
	in.SetValue(dir)
	return &imageForm{ctx: ctx, scope: scope, field: f, input: in}
}

// update feeds the field and reports when the form is done, with the edit to apply once
// a file was read and accepted. nextID numbers reads, so that a result that comes back
// after the form was left (or for an earlier enter) is known for what it is.
func (f *imageForm) update(msg tea.Msg, nextID func() int) (done bool, edit *model.Edit, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case imageReadMsg:
		if msg.id != f.id || f.reading == "" {
			return false, nil, nil
		}
		f.reading = ""
		if msg.err != nil {
			f.refused = common.Safe(f.input.Value()) + ": " + common.Safe(msg.err.Error())
			f.input.Reset()
			return false, nil, nil
		}
		scope, field, img := f.scope, f.field, msg.img
		f.loaded = img
		return true, &model.Edit{Label: fieldLabel(field) + " of " + scope, Apply: func(s *model.Settings) {
			s.Branding.SetImage(scope, field, img)
		}}, nil
	case tea.KeyPressMsg:
		if f.reading != "" {
			// Only esc while reading: the result is then dropped.
			return key.Matches(msg, f.input.KeyMap.Cancel), nil, nil
		}
	}
	before := f.input.Value()
	var c tea.Cmd
	f.input, c = f.input.Update(msg)
	if f.input.Value() != before {
		f.refused = ""
	}
	switch f.input.State() {
	case pathinput.StateCancelled:
		return true, nil, nil
	case pathinput.StateSubmitted:
		f.id = nextID()
		f.reading = f.input.Path()
		f.refused = ""
		return false, nil, readImageCmd(f.id, f.reading)
	}
	return false, nil, c
}

// dir is the directory part of the path as typed, to start the next image form there.
func (f *imageForm) dir() string {
	v := f.input.Value()
	if i := strings.LastIndexByte(v, '/'); i >= 0 {
		return v[:i+1]
	}
	return ""
}

// keys are the field's keys, for the footer and the full help.
func (f *imageForm) keys() common.ReasonedKeys {
	k := f.input.KeyMap
	return common.ReasonedKeys{Short: k.ShortHelp(), Full: k.FullHelp(), Why: f.input.HelpReasons()}
}

// view draws the title, the field with what completion found, and the reading or the
// refusal. height bounds it.
func (f *imageForm) view(width, height int) []string {
	st := f.ctx.Styles
	title := st.Label.Render(fieldTitle(f.field)+" of "+f.scope) + st.Hint.Render("  PNG or JPEG, 5 MiB max")
	lines := []string{common.Truncate(title, width)}
	var tail []string
	switch {
	case f.reading != "":
		tail = []string{st.Hint.Render(common.Truncate("reading "+common.Safe(filepath.Base(f.reading))+"…", width))}
	case f.refused != "":
		vs := model.Violations{{Message: "refused: " + f.refused}}
		tail = common.ViolationLines(st, vs, width)
	}
	f.input.UseTheme(st)
	f.input.SetSize(width, max(height-len(lines)-len(tail), 1))
	lines = append(lines, strings.Split(f.input.View(), "\n")...)
	return append(lines, tail...)
}
