package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
	"idvset/tui/common"
)

// Options configure the editor.
type Options struct {
	// Theme is --theme: dark, light, high-contrast, mono or auto ("" is auto).
	Theme string
	// ReadOnly is --readonly: browse without saving.
	ReadOnly bool
	// NoColor is the value of NO_COLOR; any non-empty value means no colour.
	NoColor string
	// Home is the user's home directory, shown as ~ in the header.
	Home string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Presence, when set, is who else is connected to a shared editor (idvset serve): the
	// header shows them, reading the list when it is drawn. Send PresenceMsg when it
	// changes.
	Presence Presence
	// Remote is set by idvset serve: the user is on another machine, so no pane lists or
	// reads this machine's files (an image is then set with idvset import).
	Remote bool
	// OnSave, when set, hears the outcome of every save: the revision it was based on,
	// the one written (0 when refused) and the refusal (idvset serve logs them). It is
	// called from Update, so it must not block.
	OnSave func(base, rev int, err error)
}

// Model is the editor: the root Bubble Tea model. It owns the draft and the shared
// context, routes keys to the focused pane or the open dialog, and applies the edits
// the panes return.
type Model struct {
	ctx   *common.Context
	store Store
	draft *model.Draft
	auto  bool // follow the terminal's background colour
	home  string

	loaded  bool    // the head revision is read and editing can start
	start   tea.Cmd // what handling the load in New asked for, run by Init
	failure error   // the database could not be opened: only quitting is left
	setup   *setupScreen
	loading spinner.Model
	changes int // len(draft.Changes()), kept so rendering never diffs

	tabs    Tabs
	panes   [sectionCount]common.Pane
	overlay overlay
	quit    *quitPrompt
	status  common.StatusMsg
	memos   struct{ header, tabs, footer memo }

	// saveRefused catches ctrl+s when saving is off, so the status line can say why.
	// It never appears in help.
	saveRefused key.Binding

	target   target // the database, or a document file (idvset edit FILE)
	presence Presence
	onSave   func(base, rev int, err error)
	savedBy  string // who saved the revision RevisionSavedMsg announced, escaped
}

// New returns the editor on store, with the store read: the head revision (or the
// first-run screen, or why the database cannot be read), so that the first frame drawn
// is the editor itself, with nothing left to wait for. It fails only on an unknown theme
// name; a store that cannot be read is shown, as the only thing left is to quit.
func New(store Store, opt Options) (*Model, error) {
	m, err := build(store, opt)
	if err != nil {
		return nil, err
	}
	m.start = m.update(load(store))
	m.updateKeys()
	return m, nil
}

// build is New without reading the store.
func build(store Store, opt Options) (*Model, error) {
	choice, err := themes.Resolve(opt.Theme, opt.NoColor)
	if err != nil {
		return nil, err
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	draft := model.NewDraft(model.Default())
	ctx := &common.Context{
		Styles:   themes.New(choice.Palette),
		Keys:     common.NewKeyMap(),
		Path:     store.Path(),
		ReadOnly: opt.ReadOnly,
		Remote:   opt.Remote,
		Draft:    draft,
		Now:      now,
	}
	m := &Model{
		ctx: ctx, store: store, draft: draft, auto: choice.Auto, home: opt.Home,
		loading:     spinner.New(spinner.WithSpinner(spinner.Dot)),
		panes:       newPanes(ctx, store),
		saveRefused: key.NewBinding(key.WithKeys("ctrl+s")),
		target:      targetOf(store),
		presence:    opt.Presence,
		onSave:      opt.OnSave,
	}
	m.tabs = NewTabs(ctx, m.panes)
	return m, nil
}

// Init starts what loading the database in New asked for (the panes' commands, the
// first-run form) and, in auto mode, asks the terminal for its background colour: the
// answer arrives as a message, so the first frame is never delayed.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.start}
	m.start = nil
	if m.auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes a message: sizes to everyone, keys to the focused component, results to
// the component that asked for them. Then it applies the edits the panes handed over,
// before the next message is read (see common.Context.Edit), and leaves the editor-wide
// bindings matching the new state, for the footer.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.applyEdits()
	if m.ctx.TakeReview() {
		m.openReview()
	}
	m.updateKeys()
	return m, cmd
}

// openReview opens the review a pane asked for (common.Context.OpenReview), as ctrl+s
// does; when there is nothing to save, the status line says why instead.
func (m *Model) openReview() {
	switch {
	case !m.loaded || m.setup != nil || m.failure != nil:
		return
	case m.ctx.ReadOnly:
		m.status = common.StatusMsg{Kind: common.StatusWarning, Text: common.ReadOnlyNotice + ", saving is off"}
	case m.changes == 0:
		m.status = common.StatusMsg{Kind: common.StatusInfo, Text: "nothing to save: the draft equals revision " + fmt.Sprint(m.ctx.Head)}
	default:
		m.overlay = newSaveFlow(m.ctx, m.store, m.ctx.Width, m.bodyHeight())
	}
}

// applyEdits applies the edits panes handed over to the draft, one undo step each, then
// shows the status line an Update said (common.Context.Say), which replaces theirs.
func (m *Model) applyEdits() {
	for _, e := range m.ctx.TakeEdits() {
		if m.draft.Do(e) {
			m.afterEdit()
			m.status = common.StatusMsg{Kind: common.StatusInfo, Text: "changed: " + e.Label}
		}
	}
	if st, ok := m.ctx.TakeStatus(); ok {
		m.status = st
	}
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return nil
	case tea.BackgroundColorMsg:
		if m.auto {
			p := themes.Dark()
			if !msg.IsDark() {
				p = themes.Light()
			}
			m.ctx.Styles = themes.New(p)
		}
		return nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.ColorProfileMsg:
		// What the terminal can show decides how swatches and previews draw, in every
		// pane; it comes once, at start.
		return m.broadcast(msg)
	case needsPasswordMsg:
		if m.ctx.ReadOnly {
			m.failure = fmt.Errorf("%s has no password yet, and --readonly cannot set one: run idvset without --readonly first", m.ctx.Path)
			return nil
		}
		var cmd tea.Cmd
		m.setup, cmd = newSetupScreen(m.ctx, m.store, m.ctx.Width)
		return cmd
	case loadedMsg:
		m.setup = nil
		m.loaded = true
		m.ctx.Rules = model.Context{Catalog: msg.catalog, UsedCodes: msg.used}
		cmd := tea.Batch(m.startFrom(msg.rev, msg.settings), m.updatePane(m.tabs.Active(), common.ShownMsg{}))
		m.greet()
		return cmd
	case loadFailedMsg:
		m.failure = msg.err
		return nil
	case common.StatusMsg:
		m.status = msg
		return nil
	case savedMsg:
		cmd := m.startFrom(msg.rev, msg.doc)
		m.status = common.StatusMsg{Kind: common.StatusSuccess, Text: m.target.saved(msg.rev)}
		return tea.Batch(cmd, headCmd(m.store, headRefresh))
	case saveResultMsg:
		if m.onSave != nil {
			m.onSave(m.ctx.Head, msg.rev, msg.err)
		}
		return m.forward(msg)
	case PresenceMsg:
		return nil // the header reads the list when it is drawn
	case RevisionSavedMsg:
		return m.followHead(msg)
	case headMsg:
		return m.headLoaded(msg)
	case common.TwoFactorMsg:
		m.setTwoFactor(msg.On)
		return nil
	case paneMsg:
		return m.fromPane(msg)
	}
	return m.forward(msg)
}

// forward hands other messages (spinner ticks, the dialogs' results, pastes) to the
// component that is waiting for them: the first-run screen, the loading spinner, the
// open dialog, or else the pane shown. (The results of a pane's own commands come
// tagged, and go to their pane: see fromPane.)
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	switch {
	case m.setup != nil:
		return m.setup.update(msg)
	case !m.loaded:
		var cmd tea.Cmd
		m.loading, cmd = m.loading.Update(msg)
		return cmd
	case m.overlay != nil:
		var cmd tea.Cmd
		m.overlay, cmd = m.overlay.Update(msg)
		return cmd
	}
	return m.updatePane(m.tabs.Active(), msg)
}

// startFrom starts a new draft from a revision, and tells every pane.
func (m *Model) startFrom(rev int, s model.Settings) tea.Cmd {
	m.draft.Reset(s)
	m.ctx.Head = rev
	m.afterEdit()
	return m.broadcast(common.HeadMsg{Rev: rev})
}

// afterEdit re-validates the draft and recounts its changes.
func (m *Model) afterEdit() {
	m.ctx.Violations = model.Validate(m.draft.Current(), m.ctx.Rules)
	m.changes = len(m.draft.Changes())
}

// setTwoFactor moves the draft's base to the store's new two-factor state. The head
// revision does not change (enrolment writes no revision); the edits are re-applied on
// the new base, and none of them can touch the flag (no pane edits it).
func (m *Model) setTwoFactor(on bool) {
	base := m.draft.Base()
	if base.Security.TwoFactor == on {
		return
	}
	base = base.Clone()
	base.Security.TwoFactor = on
	m.draft.Rebase(base)
	m.afterEdit()
}

// headLoaded finishes a reload or a re-apply after a conflict, or refreshes the used
// codes after a save.
func (m *Model) headLoaded(msg headMsg) tea.Cmd {
	switch {
	case msg.err != nil && msg.purpose == headRefresh:
		return nil // the store enforces the codes anyway; the status line says the save worked
	case msg.err != nil:
		what := "the head revision"
		if m.target.isFile() {
			what = m.target.file
		}
		m.status = common.StatusMsg{Kind: common.StatusError,
			Text: "could not read " + what + ": " + common.Safe(msg.err.Error()) + "; your changes are kept"}
		return nil
	}
	m.ctx.Rules.UsedCodes = msg.used
	m.ctx.Rules.Catalog = msg.catalog
	switch msg.purpose {
	case headReload:
		cmd := m.startFrom(msg.rev, msg.settings)
		m.status = common.StatusMsg{Kind: common.StatusInfo, Text: fmt.Sprintf("reloaded %s; your changes were discarded", m.target.rev(msg.rev))}
		return cmd
	case headRebase:
		m.draft.Rebase(msg.settings)
		m.ctx.Head = msg.rev
		m.afterEdit()
		cmd := m.broadcast(common.HeadMsg{Rev: msg.rev})
		if !m.draft.Dirty() {
			m.status = common.StatusMsg{Kind: common.StatusInfo, Text: fmt.Sprintf("%s already has all your changes: nothing to save", m.target.rev(msg.rev))}
			return cmd
		}
		m.status = common.StatusMsg{Kind: common.StatusInfo, Text: fmt.Sprintf("re-applied %s on top of %s: review them again", common.Plural(m.changes, "change"), m.target.rev(msg.rev))}
		m.overlay = newSaveFlow(m.ctx, m.store, m.ctx.Width, m.bodyHeight())
		return cmd
	case headRefresh:
		// After a save: validation now knows the codes it used.
		m.afterEdit()
	case headFollow:
		return m.followed(msg)
	}
	return nil
}

// resize gives every component its share of the new size.
func (m *Model) resize(w, h int) {
	m.ctx.Width, m.ctx.Height = w, h
	m.tabs = m.tabs.SetSize(w)
	for _, p := range m.panes {
		p.SetSize(w, m.bodyHeight())
	}
	if m.overlay != nil {
		m.overlay.SetSize(w, m.bodyHeight())
	}
	if m.setup != nil {
		m.setup.setSize(w)
	}
}

// capturing reports that a text field has the keyboard.
func (m *Model) capturing() bool {
	switch {
	case m.setup != nil:
		return m.setup.capturing()
	case m.overlay != nil:
		return m.overlay.Capturing()
	}
	return m.panes[m.tabs.Active()].Capturing()
}

// updateKeys switches the editor-wide bindings to what applies right now, with why the
// editing keys are off. Key matching, the footer and the full help all follow from it.
func (m *Model) updateKeys() {
	k := m.ctx.Keys
	typing := m.capturing()
	k.SetTyping(typing)
	_, helpOpen := m.overlay.(*helpOverlay)
	ready := m.loaded && m.setup == nil && m.failure == nil
	browsing := ready && m.overlay == nil
	k.NextTab.SetEnabled(browsing && !typing)
	k.PrevTab.SetEnabled(browsing && !typing)
	k.SetJumpEnabled(browsing || (ready && helpOpen))
	editable := browsing && !m.ctx.ReadOnly
	k.Undo.SetEnabled(editable && m.draft.CanUndo())
	k.Redo.SetEnabled(editable && m.draft.CanRedo())
	k.Save.SetEnabled(editable && !typing && m.changes > 0)
	m.saveRefused.SetEnabled(browsing && !typing && !k.Save.Enabled())
	k.Help.SetEnabled(browsing && !typing)

	k.Why.Undo, k.Why.Redo, k.Why.Save = "nothing to undo", "nothing to redo", "nothing changed yet"
	if m.ctx.ReadOnly {
		k.Why.Undo, k.Why.Redo, k.Why.Save = common.ReadOnlyReason, common.ReadOnlyReason, common.ReadOnlyReason
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.quit != nil {
		if answered, yes := m.quit.update(msg); answered {
			m.quit = nil
			if yes {
				return tea.Quit
			}
		}
		return nil
	}
	// A message is about the last key; the next one starts afresh.
	m.status = common.StatusMsg{}
	m.updateKeys()
	k := m.ctx.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.requestQuit()
	case m.failure != nil || m.tooSmall():
		return nil // nothing to do but quit, or nothing visible to act on
	case m.setup != nil:
		return m.setup.update(msg)
	case !m.loaded:
		return nil
	}
	if m.overlay != nil {
		if _, ok := m.overlay.(*helpOverlay); ok && m.jumpKey(msg) {
			m.overlay = nil
			return m.switchTab(msg)
		}
		var cmd tea.Cmd
		m.overlay, cmd = m.overlay.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Help):
		pane := m.panes[m.tabs.Active()]
		m.overlay = newHelpOverlay(m.ctx, pane.Title(), common.FullHelp(pane.KeyMap()), m.ctx.Width, m.bodyHeight())
		return nil
	case key.Matches(msg, k.Save):
		m.overlay = newSaveFlow(m.ctx, m.store, m.ctx.Width, m.bodyHeight())
		return nil
	case key.Matches(msg, m.saveRefused):
		m.refuseSave()
		return nil
	case key.Matches(msg, k.Undo):
		if label, ok := m.draft.Undo(); ok {
			m.afterEdit()
			m.status = common.StatusMsg{Kind: common.StatusInfo, Text: "undid: " + label}
		}
		return nil
	case key.Matches(msg, k.Redo):
		if label, ok := m.draft.Redo(); ok {
			m.afterEdit()
			m.status = common.StatusMsg{Kind: common.StatusInfo, Text: "redid: " + label}
		}
		return nil
	case key.Matches(msg, k.NextTab, k.PrevTab) || m.jumpKey(msg):
		return m.switchTab(msg)
	}
	return m.updatePane(m.tabs.Active(), msg)
}

// switchTab moves to another section on a tab key, and tells the pane now shown.
func (m *Model) switchTab(msg tea.KeyPressMsg) tea.Cmd {
	before := m.tabs.Active()
	m.tabs, _ = m.tabs.Update(msg)
	if s := m.tabs.Active(); s != before {
		return m.updatePane(s, common.ShownMsg{})
	}
	return nil
}

func (m *Model) jumpKey(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, m.ctx.Keys.Jump[:]...)
}

// refuseSave says why ctrl+s does nothing, in the frame of the key.
func (m *Model) refuseSave() {
	if m.ctx.ReadOnly {
		m.status = common.StatusMsg{Kind: common.StatusWarning, Text: common.ReadOnlyNotice + ", saving is off"}
		return
	}
	m.status = common.StatusMsg{Kind: common.StatusInfo, Text: "nothing to save: nothing changed yet"}
}

// requestQuit quits, asking first when there are unsaved changes.
func (m *Model) requestQuit() tea.Cmd {
	if m.loaded && m.changes > 0 {
		m.quit = newQuitPrompt(m.changes)
		return nil
	}
	return tea.Quit
}
