// Package history is the History section (PRODUCT.md §2): every saved revision, newest
// first, what each one changed, a comparison of any two, and rollback.
//
// The list is the markable table (number, time, author, summary), filtered by any of
// them with /. enter shows the cursor revision against the one before it (revision 1
// against the defaults); with one revision marked (space), enter compares the cursor
// revision with it, and with two marked, those two; c asks for the number of a revision
// to compare the cursor revision with. A diff lists the changes as the review before a
// save does, in the order of the tabs, older → newer (s swaps the sides); ← and → step
// through the history one revision at a time.
//
// r rolls back to a revision: the pane reads what the rollback would save (the store's
// RollbackDocument: that revision's settings, documents created since kept but
// disabled), hands it over as one edit replacing the draft's settings ("roll back to
// revision N", undoable), and asks the root for the review; the save then needs the
// password as any other, and writes a new revision. Two-factor authentication is never
// changed by a rollback (model.Rollback keeps the draft's state). With unsaved changes,
// the pane asks first: the rollback replaces them (undo brings them back).
//
// The history is read when the pane is first shown, never at start-up, and again
// whenever the head moves (common.HeadMsg: a save adds a revision). Every read is a
// tea.Cmd.
package history

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/table"
)

// Store is what the pane reads: the revisions, one revision's settings, and what a
// rollback would save. persist.Store has these methods; a store without revisions (a
// document file opened with `idvset edit FILE`) has not, and the pane then says so.
type Store interface {
	// History lists every revision, newest first.
	History() ([]model.RevisionInfo, error)
	// Revision returns the settings of revision n.
	Revision(n int) (model.Settings, error)
	// RollbackDocument returns what a rollback to revision n saves, and the head it is
	// based on.
	RollbackDocument(n int) (model.Settings, int, error)
}

// NoHistory is what the pane says when its store keeps no revisions.
const NoHistory = "A document file has no history: revisions, diffs and rollback are kept in the " +
	"database. Open the database with idvset (without edit FILE) to see them."

// Pane lists the revisions, shows their diffs and starts rollbacks.
type Pane struct {
	ctx   *common.Context
	store Store

	table   table.Model
	keys    listKeys
	reasons listReasons
	revs    []model.RevisionInfo // newest first

	shown   bool  // the pane has been shown: a new head is read at once
	stale   bool  // the list does not show the head yet
	loading bool  // a read of the list is under way
	loaded  bool  // a list has been read
	err     error // the last read failed
	gen     int   // the read whose answer counts
	toHead  bool  // the head moved: the next list read puts the cursor on it

	diff    *diffView
	prompt  *numberPrompt // c: the revision to compare with
	confirm int           // r with unsaved changes: the revision awaiting y/N
	pkeys   promptKeys

	width, height int
}

// New returns the History pane on store; nil means the store keeps no revisions.
func New(ctx *common.Context, store Store) *Pane {
	t := table.New([]table.Column{
		{Title: "Rev", Width: 5, Align: table.AlignRight},
		{Title: "Saved (UTC)", Width: 16},
		{Title: "Author", Width: 10, Flex: 1, Max: 20, Drop: 1},
		{Title: "Summary", Width: 16, Flex: 8},
	}, table.NewStyles(ctx.Styles))
	t.SetNoun("revision", "revisions")
	t.SetFilterFields(table.FilterFields{Title: colSummary, Code: colNumber, Other: []int{colAuthor, colTime}})
	p := &Pane{ctx: ctx, store: store, table: t, keys: newListKeys(), pkeys: newPromptKeys(), stale: true}
	p.table.SetCellKind(p.cellKind)
	p.updateKeys()
	return p
}

// The table's columns.
const (
	colNumber = iota
	colTime
	colAuthor
	colSummary
)

// timeLayout is how the list and the diffs show when a revision was saved (in UTC, as
// `idvset history` prints it).
const timeLayout = "2006-01-02 15:04"

// Title names the section.
func (p *Pane) Title() string { return "History" }

// ShortTitle is the title: it is short already.
func (p *Pane) ShortTitle() string { return "History" }

// Capturing reports the filter, the revision prompt or the rollback question: printable
// keys are theirs.
func (p *Pane) Capturing() bool {
	return p.prompt != nil || p.confirm > 0 || (p.diff == nil && p.table.Filtering())
}

// SetSize takes the pane's share of the screen.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
	p.layout()
	p.updateKeys()
}

// layout gives the table the room under the title, less a line for a question or an
// error when one is shown.
func (p *Pane) layout() {
	h := p.height - 1
	if p.confirm > 0 || p.prompt != nil || p.err != nil {
		h--
	}
	p.table.SetSize(p.width, max(h, 0))
}

// KeyMap is what works now: the question's keys, the diff's, or the list's.
func (p *Pane) KeyMap() help.KeyMap {
	switch {
	case p.confirm > 0:
		return common.Bindings{p.pkeys.Yes, p.pkeys.No}
	case p.prompt != nil:
		return common.Bindings{p.pkeys.Submit, p.pkeys.Cancel}
	case p.diff != nil:
		return p.diff.keyMap()
	}
	return listKeyMap{table: p.table, keys: p.keys, reasons: p.reasons}
}

// The pane's messages: the answers of its reads.
type (
	listMsg struct {
		gen  int
		revs []model.RevisionInfo
		err  error
	}
	rollbackMsg struct {
		n   int
		doc model.Settings
		err error
	}
)

// load reads the list again.
func (p *Pane) load() tea.Cmd {
	if p.store == nil {
		return nil
	}
	p.gen++
	p.loading, p.stale = true, false
	gen, store := p.gen, p.store
	return func() tea.Msg {
		revs, err := store.History()
		return listMsg{gen: gen, revs: revs, err: err}
	}
}

// Update reads the history when the pane is first shown and when the head moves, and
// handles keys.
func (p *Pane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case common.ShownMsg:
		p.shown = true
		if p.stale {
			cmd = p.load()
		}
	case common.HeadMsg:
		// A new head (a save, the rollback's too): back to the list, where it appears on
		// top, selected.
		p.diff, p.prompt, p.confirm = nil, nil, 0
		p.stale, p.toHead = true, true
		if p.shown {
			cmd = p.load()
		}
	case listMsg:
		p.listed(msg)
	case diffMsg:
		if p.diff != nil {
			p.diff.loaded(msg)
		}
	case rollbackMsg:
		cmd = p.rollbackRead(msg)
	case tea.KeyPressMsg:
		cmd = p.key(msg)
	case tea.PasteMsg:
		switch {
		case p.prompt != nil:
			p.prompt.paste(msg.Content)
		case p.diff == nil && p.table.Filtering():
			p.table, cmd = p.table.Update(msg)
		}
	}
	p.layout()
	p.updateKeys()
	return p, cmd
}

// listed shows a list read.
func (p *Pane) listed(msg listMsg) {
	if msg.gen != p.gen {
		return // a newer read is under way
	}
	p.loading = false
	if msg.err != nil {
		p.err = msg.err
		p.stale = true // read again when next shown
		return
	}
	p.err, p.loaded, p.revs = nil, true, msg.revs
	rows := make([]table.Row, len(p.revs))
	for i, r := range p.revs {
		rows[i] = table.Row{Key: strconv.Itoa(r.Number), Cells: []string{
			strconv.Itoa(r.Number), r.Time.UTC().Format(timeLayout), common.Safe(r.Author), common.Safe(r.Summary),
		}}
	}
	p.table.SetRows(rows)
	if p.toHead {
		p.table.SetCursor(strconv.Itoa(p.ctx.Head))
		p.toHead = false
	}
}

// cellKind shows the head's number as something to notice, and the times muted.
func (p *Pane) cellKind(key string, col int) table.Kind {
	switch {
	case col == colNumber && key == strconv.Itoa(p.ctx.Head):
		return table.KindAccent
	case col == colTime:
		return table.KindMuted
	}
	return table.KindNormal
}

// index is the position of revision n in the list, or -1. The list is newest first
// and numbers only grow, so a binary search finds it.
func (p *Pane) index(n int) int {
	i, ok := slices.BinarySearchFunc(p.revs, n, func(r model.RevisionInfo, n int) int { return n - r.Number })
	if !ok {
		return -1
	}
	return i
}

// info is revision n as listed; false when it is not.
func (p *Pane) info(n int) (model.RevisionInfo, bool) {
	if i := p.index(n); i >= 0 {
		return p.revs[i], true
	}
	return model.RevisionInfo{}, false
}

// previous is the revision before n, 0 for the first (the defaults).
func (p *Pane) previous(n int) int {
	if i := p.index(n); i >= 0 && i+1 < len(p.revs) {
		return p.revs[i+1].Number
	}
	return 0
}

// next is the revision after n, 0 for the newest.
func (p *Pane) next(n int) int {
	if i := p.index(n); i > 0 {
		return p.revs[i-1].Number
	}
	return 0
}

// cursor is the number of the cursor revision; false when no row is shown.
func (p *Pane) cursor() (int, bool) {
	k, ok := p.table.CursorKey()
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(k)
	return n, err == nil
}

// key handles a key in whichever part of the pane has it.
func (p *Pane) key(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case p.store == nil:
		return nil
	case p.confirm > 0:
		return p.answer(k)
	case p.prompt != nil:
		return p.promptKey(k)
	case p.diff != nil:
		return p.diffKey(k)
	case !p.loaded:
		return nil
	case p.table.Filtering():
		var cmd tea.Cmd
		p.table, cmd = p.table.Update(k)
		return cmd
	}
	switch {
	case key.Matches(k, p.keys.Diff):
		if req, ok := p.target(); ok {
			return p.openDiff(req)
		}
	case key.Matches(k, p.keys.Compare):
		if n, ok := p.cursor(); ok {
			p.prompt = &numberPrompt{against: n}
		}
	case key.Matches(k, p.keys.Rollback):
		if n, ok := p.cursor(); ok {
			return p.askRollback(n)
		}
	case key.Matches(k, p.keys.DiffOff) && p.reasons.diff != "":
		p.ctx.Say(common.StatusInfo, "no diff: "+p.reasons.diff)
	case key.Matches(k, p.keys.RollbackOff):
		p.refuseRollback(p.reasons.rollback)
	default:
		var cmd tea.Cmd
		p.table, cmd = p.table.Update(k)
		return cmd
	}
	return nil
}

// marked is the numbers of the marked revisions, oldest first.
func (p *Pane) marked() []int {
	if p.table.MarkedCount() == 0 {
		return nil // without walking 10,000 rows on every key
	}
	var out []int
	for _, k := range p.table.Marked() {
		if n, err := strconv.Atoi(k); err == nil {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// target is what enter shows: the cursor revision against the one before it; against
// the marked one when one other is marked; the two marked when two are.
func (p *Pane) target() (diffRequest, bool) {
	n, ok := p.cursor()
	marks := p.marked()
	switch {
	case len(marks) == 2:
		return p.pair(marks[0], marks[1]), true
	case len(marks) > 2 || !ok:
		return diffRequest{}, false
	case len(marks) == 1 && marks[0] != n:
		return p.pair(marks[0], n), true
	}
	return p.single(n), true
}

// single is revision n against the one before it.
func (p *Pane) single(n int) diffRequest {
	return diffRequest{from: p.previous(n), to: n, single: true}
}

// pair compares two revisions, older → newer.
func (p *Pane) pair(a, b int) diffRequest {
	return diffRequest{from: min(a, b), to: max(a, b)}
}

// refuseRollback says on the status line why r does nothing here.
func (p *Pane) refuseRollback(why string) {
	switch {
	case p.ctx.ReadOnly:
		p.ctx.Say(common.StatusWarning, common.ReadOnlyNotice+", rolling back is off")
	case why != "":
		p.ctx.Say(common.StatusInfo, "no rollback: "+why)
	}
}

// askRollback starts a rollback to revision n, first asking whether to replace the
// unsaved changes, if any.
func (p *Pane) askRollback(n int) tea.Cmd {
	if p.ctx.Draft.Dirty() {
		p.confirm = n
		return nil
	}
	return p.readRollback(n)
}

// answer handles y/N to "replace your unsaved changes?".
func (p *Pane) answer(k tea.KeyPressMsg) tea.Cmd {
	n := p.confirm
	switch {
	case key.Matches(k, p.pkeys.Yes):
		p.confirm = 0
		return p.readRollback(n)
	case key.Matches(k, p.pkeys.No):
		p.confirm = 0
		p.ctx.Say(common.StatusInfo, "no rollback: your changes are kept")
	}
	return nil
}

// readRollback reads what a rollback to revision n would save.
func (p *Pane) readRollback(n int) tea.Cmd {
	store := p.store
	return func() tea.Msg {
		doc, _, err := store.RollbackDocument(n)
		return rollbackMsg{n: n, doc: doc, err: err}
	}
}

// rollbackRead hands the rollback over as one edit and asks for the review. The edit
// applies model.Rollback to whatever settings it is given, so replayed on a newer head
// after a save conflict it still keeps that head's documents and two-factor state.
func (p *Pane) rollbackRead(msg rollbackMsg) tea.Cmd {
	if msg.err != nil {
		p.ctx.Say(common.StatusError, fmt.Sprintf("could not read revision %d: %s", msg.n, common.Safe(msg.err.Error())))
		return nil
	}
	doc := msg.doc
	cur := p.ctx.Draft.Current()
	if len(model.Diff(cur, model.Rollback(doc, cur))) == 0 {
		p.ctx.Say(common.StatusInfo, fmt.Sprintf("nothing to roll back: revision %d has the settings you are editing", msg.n))
		return nil
	}
	p.ctx.Edit(model.Edit{
		Label: fmt.Sprintf("roll back to revision %d", msg.n),
		Note:  fmt.Sprintf("rollback to revision %d", msg.n),
		Apply: func(s *model.Settings) { *s = model.Rollback(doc, *s) },
	})
	p.ctx.OpenReview()
	return nil
}

// updateKeys switches the pane's keys to what works now, with why the others do not.
func (p *Pane) updateKeys() {
	k := &p.keys
	n, ok := p.cursor()
	ready := p.store != nil && p.loaded && p.diff == nil && p.prompt == nil && p.confirm == 0 && !p.table.Filtering()
	marks := p.marked()
	req, can := p.target()
	k.Diff.SetEnabled(ready && can)
	switch {
	case !can || req.single:
		k.Diff.SetHelp("enter", "diff")
	default:
		k.Diff.SetHelp("enter", fmt.Sprintf("diff %d → %d", req.from, req.to))
	}
	k.Compare.SetEnabled(ready && ok)
	k.Rollback.SetEnabled(ready && ok && !p.ctx.ReadOnly && n != p.ctx.Head)

	r := &p.reasons
	*r = listReasons{}
	noRow := "no revision shown"
	switch {
	case len(marks) > 2:
		r.diff = fmt.Sprintf("%d revisions marked: mark one (compared with the cursor) or two", len(marks))
	case !ok:
		r.diff = noRow
	}
	if !ok {
		r.compare = noRow
	}
	switch {
	case p.ctx.ReadOnly:
		r.rollback = common.ReadOnlyReason
	case !ok:
		r.rollback = noRow
	case n == p.ctx.Head:
		r.rollback = fmt.Sprintf("revision %d is the head (undo reverts unsaved changes)", n)
	}
	if p.diff != nil {
		p.diff.setKeys(p)
	}
}

// View draws the list, the diff, or what stands in for them.
func (p *Pane) View() string {
	if p.width < 1 || p.height < 1 {
		return ""
	}
	st := p.ctx.Styles
	p.table.UseTheme(st)
	w := p.width
	title := st.Title.Render("History")
	switch {
	case p.store == nil:
		return p.fit(title + "\n\n" + st.Hint.Render(common.Wrap(NoHistory, w)))
	case p.diff != nil:
		return p.diff.view(p)
	case !p.loaded && p.err != nil:
		return p.fit(title + "\n\n" + st.Error.Render(common.Wrap("✗ could not read the history: "+common.Safe(p.err.Error()), w)))
	case !p.loaded:
		return p.fit(title + "\n\n" + st.Hint.Render("reading the history…"))
	}
	hint := "every save, newest first"
	if p.ctx.Head > 0 {
		hint += fmt.Sprintf(" · the draft starts from revision %d", p.ctx.Head)
	}
	lines := []string{common.Truncate(title+st.Hint.Render("  "+hint), w), p.table.View()}
	switch {
	case p.confirm > 0:
		lines = append(lines, st.Warning.Render(common.Truncate(fmt.Sprintf(
			"Roll back to revision %d, replacing your %s? y/N",
			p.confirm, common.Plural(len(p.ctx.Draft.Changes()), "unsaved change")), w)))
	case p.prompt != nil:
		lines = append(lines, p.prompt.view(st, w))
	case p.err != nil:
		lines = append(lines, st.Error.Render(common.Truncate("✗ could not read the history again: "+common.Safe(p.err.Error()), w)))
	}
	return p.fit(strings.Join(lines, "\n"))
}

// fit keeps a view within the pane's size.
func (p *Pane) fit(s string) string {
	return strings.Join(common.Fit(s, p.width, p.height), "\n")
}
