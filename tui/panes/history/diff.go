package history

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
)

// diffRequest is a diff to show: from → to, from 0 being the defaults. single says it
// is revision to's own diff, against the revision before it.
type diffRequest struct {
	from, to int
	single   bool
}

// diffMsg is the answer of a read of two revisions, with their diff.
type diffMsg struct {
	seq      int
	req      diffRequest
	from, to model.Settings
	changes  []model.Change
	err      error
}

// diffView shows the changes between two revisions, scrolled.
type diffView struct {
	req      diffRequest // what is shown
	seq      int         // the read whose answer counts
	reading  bool
	ready    bool // a diff has arrived
	from, to model.Settings
	changes  []model.Change
	err      error
	scroll   common.Scroller
	keys     diffKeys
	reasons  struct{ step, swap, rollback string }

	// lines are the changes drawn, kept until the width, the styles or the diff change.
	lines   []string
	linesW  int
	linesSt *themes.Styles
}

// openDiff shows the diff req asks for.
func (p *Pane) openDiff(req diffRequest) tea.Cmd {
	p.diff = &diffView{keys: newDiffKeys(), req: req}
	return p.readDiff(req)
}

// readDiff reads the two revisions of req and diffs them, in a command.
func (p *Pane) readDiff(req diffRequest) tea.Cmd {
	d := p.diff
	d.seq++
	d.reading = true
	seq, store := d.seq, p.store
	return func() tea.Msg {
		msg := diffMsg{seq: seq, req: req, from: model.Default()}
		if req.from > 0 {
			if msg.from, msg.err = store.Revision(req.from); msg.err != nil {
				return msg
			}
		}
		if msg.to, msg.err = store.Revision(req.to); msg.err != nil {
			return msg
		}
		msg.changes = model.Diff(msg.from, msg.to)
		return msg
	}
}

// loaded shows a diff read, unless a newer one was asked for since.
func (d *diffView) loaded(msg diffMsg) {
	if msg.seq != d.seq {
		return
	}
	d.reading = false
	if msg.err != nil {
		d.err = msg.err
		return
	}
	d.err = nil
	d.req, d.from, d.to, d.changes = msg.req, msg.from, msg.to, msg.changes
	d.ready = true
	d.scroll = common.Scroller{}
	d.lines = nil
}

// diffKey handles a key in the diff view.
func (p *Pane) diffKey(k tea.KeyPressMsg) tea.Cmd {
	d := p.diff
	switch {
	case key.Matches(k, d.keys.Back):
		p.diff = nil
	case key.Matches(k, d.keys.Older):
		return p.step(d.req.from)
	case key.Matches(k, d.keys.Newer):
		return p.step(p.next(d.req.to))
	case key.Matches(k, d.keys.Swap):
		d.req.from, d.req.to = d.req.to, d.req.from
		d.from, d.to = d.to, d.from
		d.changes = model.Diff(d.from, d.to)
		d.scroll = common.Scroller{}
		d.lines = nil
	case key.Matches(k, d.keys.Rollback):
		return p.askRollback(d.req.to)
	case key.Matches(k, p.keys.RollbackOff):
		p.refuseRollback(d.reasons.rollback)
	default:
		d.scroll.Update(k, d.keys.scroll, len(d.body(p)), d.bodyHeight(p))
	}
	return nil
}

// step shows revision n's own diff, and puts the list's cursor on it, so that esc
// returns to where the reading stopped.
func (p *Pane) step(n int) tea.Cmd {
	if n <= 0 {
		return nil
	}
	p.table.SetCursor(fmt.Sprint(n))
	return p.readDiff(p.single(n))
}

// setKeys switches the diff's keys to what works now, with why the others do not.
func (d *diffView) setKeys(p *Pane) {
	k := &d.keys
	k.scroll.SetScrollEnabled(d.ready && len(d.body(p)) > d.bodyHeight(p))
	single := d.req.single
	k.Older.SetEnabled(d.ready && single && d.req.from > 0)
	k.Newer.SetEnabled(d.ready && single && p.next(d.req.to) > 0)
	k.Step.SetEnabled(k.Older.Enabled() || k.Newer.Enabled())
	k.Swap.SetEnabled(d.ready && !single)
	k.Rollback.SetEnabled(d.ready && !p.ctx.ReadOnly && d.req.to != p.ctx.Head)
	k.Rollback.SetHelp("r", fmt.Sprintf("roll back to %d", d.req.to))

	r := &d.reasons
	switch {
	case !single:
		r.step = "only in one revision's own diff"
	case d.req.from == 0:
		r.step = fmt.Sprintf("revision %d is the first", d.req.to)
	default:
		r.step = fmt.Sprintf("revision %d is the newest", d.req.to)
	}
	r.swap = "a revision's own diff reads older → newer; mark two revisions to compare either way"
	switch {
	case p.ctx.ReadOnly:
		r.rollback = common.ReadOnlyReason
	case !d.ready:
		r.rollback = "the revision is not read yet"
	default:
		r.rollback = fmt.Sprintf("revision %d is the head (undo reverts unsaved changes)", d.req.to)
	}
}

func (d *diffView) keyMap() help.KeyMap {
	return diffKeyMap{keys: d.keys, reasons: d.reasons}
}

// header is the title and what is known of each side.
func (d *diffView) header(p *Pane) []string {
	st := p.ctx.Styles
	w := p.width
	changes := common.Plural(len(d.changes), "change")
	var out []string
	switch {
	case !d.ready:
		out = append(out, st.Title.Render("Revision "+fmt.Sprint(d.req.to)))
	case d.req.single && d.req.from == 0:
		out = append(out, st.Title.Render(fmt.Sprintf("Revision %d", d.req.to))+
			st.Hint.Render("  against the defaults · "+changes))
		out = append(out, p.meta(d.req.to, false))
	case d.req.single:
		out = append(out, st.Title.Render(fmt.Sprintf("Revision %d", d.req.to))+
			st.Hint.Render(fmt.Sprintf("  against revision %d · %s", d.req.from, changes)))
		out = append(out, p.meta(d.req.to, false))
	default:
		out = append(out, st.Title.Render(fmt.Sprintf("Revision %d → revision %d", d.req.from, d.req.to))+
			st.Hint.Render("  "+changes))
		out = append(out, p.meta(d.req.from, true), p.meta(d.req.to, true))
	}
	for i, l := range out {
		out[i] = common.Truncate(l, w)
	}
	return append(out, "")
}

// meta is one line on revision n: when, by whom, its summary; named names the revision,
// for a comparison of two.
func (p *Pane) meta(n int, named bool) string {
	st := p.ctx.Styles
	r, ok := p.info(n)
	if !ok {
		return ""
	}
	s := fmt.Sprintf("saved %s UTC by %s · %s", r.Time.UTC().Format(timeLayout), common.Safe(r.Author), common.Safe(r.Summary))
	if named {
		s = fmt.Sprintf("%d: %s", n, s)
	}
	return st.Hint.Render(s)
}

// bodyHeight is the room for the changes under the header.
func (d *diffView) bodyHeight(p *Pane) int {
	return max(p.height-len(d.header(p))-1, 1) // a line for a read in progress or a failure
}

// body is the changes as the review draws them, in the order of the tabs.
func (d *diffView) body(p *Pane) []string {
	st, w := p.ctx.Styles, p.width
	if d.lines != nil && d.linesW == w && d.linesSt == st {
		return d.lines
	}
	var out []string
	switch {
	case !d.ready:
		out = []string{st.Hint.Render("reading the revisions…")}
	case len(d.changes) == 0:
		other := fmt.Sprintf("revision %d", d.req.from)
		if d.req.from == 0 {
			other = "the defaults"
		}
		out = []string{st.Hint.Render(common.Wrap(fmt.Sprintf("No differences: revision %d has the settings of %s.", d.req.to, other), w))}
	default:
		for _, c := range d.changes {
			out = append(out, common.ChangeLines(st, c, w)...)
		}
	}
	d.lines, d.linesW, d.linesSt = out, w, st
	return out
}

// view draws the header, the changes in the window, and a read in progress or a
// failure.
func (d *diffView) view(p *Pane) string {
	st := p.ctx.Styles
	lines := d.header(p)
	lines = append(lines, d.scroll.Show(d.body(p), d.bodyHeight(p), st.Hint))
	switch {
	case d.err != nil:
		lines = append(lines, st.Error.Render(common.Truncate("✗ could not read the revisions: "+common.Safe(d.err.Error()), p.width)))
	case d.reading && d.ready:
		lines = append(lines, st.Hint.Render("reading…"))
	}
	return p.fit(strings.Join(lines, "\n"))
}
