package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"idvset/model"
	"idvset/themes"
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
}

// Model is the editor: the root Bubble Tea model. It owns the draft and the shared
// context, routes keys to the focused pane or the open dialog, and applies the edits
// the panes return.
type Model struct {
	ctx   *Context
	store Store
	draft *model.Draft
	auto  bool // follow the terminal's background colour
	home  string

	loaded  bool  // the head revision is read and editing can start
	failure error // the database could not be opened: only quitting is left
	setup   *setupScreen
	loading spinner.Model
	changes int // len(draft.Changes()), kept so rendering never diffs

	tabs    Tabs
	panes   [sectionCount]Pane
	overlay overlay
	quit    *quitPrompt
	status  statusMsg
	memos   struct{ header, tabs, footer memo }
}

// New returns the editor on store. It fails only on an unknown theme name.
func New(store Store, opt Options) (*Model, error) {
	choice, err := themes.Resolve(opt.Theme, opt.NoColor)
	if err != nil {
		return nil, err
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	draft := model.NewDraft(model.Default())
	ctx := &Context{
		Styles:   themes.New(choice.Palette),
		Keys:     NewKeyMap(),
		Path:     store.Path(),
		ReadOnly: opt.ReadOnly,
		Draft:    draft,
		Now:      now,
	}
	m := &Model{
		ctx: ctx, store: store, draft: draft, auto: choice.Auto, home: opt.Home,
		loading: spinner.New(spinner.WithSpinner(spinner.Dot)),
	}
	later := func(s Section) Pane {
		return newPlaceholder(ctx, s, s.String()+" settings arrive in a later version; edit them with `idvset import` for now.")
	}
	m.panes = [sectionCount]Pane{
		SectionGeneral:     newGeneralPane(ctx),
		SectionRedirect:    newRedirectPane(ctx),
		SectionClient:      later(SectionClient),
		SectionBranding:    later(SectionBranding),
		SectionAcceptedIDs: later(SectionAcceptedIDs),
		SectionData:        later(SectionData),
		SectionDocuments:   later(SectionDocuments),
		SectionSecurity: newPlaceholder(ctx, SectionSecurity, "Security settings arrive in a later version; "+
			"the portal password is the one set on first run, and the rest can be edited with `idvset import` for now."),
		SectionHistory: newPlaceholder(ctx, SectionHistory, "History arrives in a later version; "+
			"see the revisions with `idvset history` and `idvset diff` for now."),
	}
	var titles [sectionCount]string
	for i, p := range m.panes {
		titles[i] = p.Title()
	}
	m.tabs = NewTabs(ctx, titles)
	return m, nil
}

// Init reads the database and, in auto mode, asks the terminal for its background
// colour: the answer arrives as a message, so the first frame is never delayed.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadCmd(m.store), m.loading.Tick}
	if m.auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes a message: sizes to everyone, keys to the focused component, results to
// the component that asked for them, edits to the draft. It leaves the editor-wide
// bindings matching the new state, for the footer.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.updateKeys()
	return m, cmd
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
		m.startFrom(msg.rev, msg.settings)
		return nil
	case loadFailedMsg:
		m.failure = msg.err
		return nil
	case editMsg:
		if m.draft.Do(msg.edit) {
			m.afterEdit()
			m.status = statusMsg{statusInfo, "changed: " + msg.edit.Label}
		}
		return nil
	case statusMsg:
		m.status = msg
		return nil
	case savedMsg:
		m.startFrom(msg.rev, msg.doc)
		m.status = statusMsg{statusSuccess, fmt.Sprintf("saved revision %d", msg.rev)}
		return headCmd(m.store, headRefresh)
	case headMsg:
		return m.headLoaded(msg)
	}
	return m.forward(msg)
}

// forward hands other messages (spinner ticks, form internals, store results) to the
// component that is waiting for them.
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
	return m.updatePane(msg)
}

func (m *Model) updatePane(msg tea.Msg) tea.Cmd {
	s := m.tabs.Active()
	var cmd tea.Cmd
	m.panes[s], cmd = m.panes[s].Update(msg)
	return cmd
}

// startFrom starts a new draft from a revision.
func (m *Model) startFrom(rev int, s model.Settings) {
	m.draft.Reset(s)
	m.ctx.Head = rev
	m.afterEdit()
}

// afterEdit re-validates the draft and recounts its changes.
func (m *Model) afterEdit() {
	m.ctx.Violations = model.Validate(m.draft.Current(), m.ctx.Rules)
	m.changes = len(m.draft.Changes())
}

// headLoaded finishes a reload or a re-apply after a conflict, or refreshes the used
// codes after a save.
func (m *Model) headLoaded(msg headMsg) tea.Cmd {
	switch {
	case msg.err != nil && msg.purpose == headRefresh:
		return nil // the store enforces the codes anyway; the status line says the save worked
	case msg.err != nil:
		m.status = statusMsg{statusError, "could not read the head revision: " + msg.err.Error() + "; your changes are kept"}
		return nil
	}
	m.ctx.Rules.UsedCodes = msg.used
	switch msg.purpose {
	case headReload:
		m.startFrom(msg.rev, msg.settings)
		m.status = statusMsg{statusInfo, fmt.Sprintf("reloaded revision %d; your changes were discarded", msg.rev)}
	case headRebase:
		m.draft.Rebase(msg.settings)
		m.ctx.Head = msg.rev
		m.afterEdit()
		if !m.draft.Dirty() {
			m.status = statusMsg{statusInfo, fmt.Sprintf("revision %d already has all your changes: nothing to save", msg.rev)}
			return nil
		}
		m.status = statusMsg{statusInfo, fmt.Sprintf("re-applied %s on top of revision %d: review them again", plural(m.changes, "change"), msg.rev)}
		m.overlay = newSaveFlow(m.ctx, m.store, m.ctx.Width, m.bodyHeight())
	case headRefresh:
		// After a save: validation now knows the codes it used.
		m.afterEdit()
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

// updateKeys switches the editor-wide bindings to what applies right now. Key matching
// and help both follow from it.
func (m *Model) updateKeys() {
	k := m.ctx.Keys
	typing := m.capturing()
	k.setTyping(typing)
	_, helpOpen := m.overlay.(*helpOverlay)
	ready := m.loaded && m.setup == nil && m.failure == nil
	browsing := ready && m.overlay == nil
	k.NextTab.SetEnabled(browsing && !typing)
	k.PrevTab.SetEnabled(browsing && !typing)
	k.setJumpEnabled(browsing || (ready && helpOpen))
	editable := browsing && !m.ctx.ReadOnly
	k.Undo.SetEnabled(editable && m.draft.CanUndo())
	k.Redo.SetEnabled(editable && m.draft.CanRedo())
	k.Save.SetEnabled(editable && !typing && m.changes > 0)
	k.saveRefused.SetEnabled(browsing && !typing && !k.Save.Enabled())
	k.Help.SetEnabled(browsing && !typing)
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
	m.status = statusMsg{}
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
			m.tabs, _ = m.tabs.Update(msg)
			return nil
		}
		var cmd tea.Cmd
		m.overlay, cmd = m.overlay.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Help):
		pane := m.panes[m.tabs.Active()]
		m.overlay = newHelpOverlay(m.ctx, pane.Title(), pane.KeyMap(), m.ctx.Width, m.bodyHeight())
		return nil
	case key.Matches(msg, k.Save):
		m.overlay = newSaveFlow(m.ctx, m.store, m.ctx.Width, m.bodyHeight())
		return nil
	case key.Matches(msg, k.saveRefused):
		return m.refuseSave()
	case key.Matches(msg, k.Undo):
		if label, ok := m.draft.Undo(); ok {
			m.afterEdit()
			m.status = statusMsg{statusInfo, "undid: " + label}
		}
		return nil
	case key.Matches(msg, k.Redo):
		if label, ok := m.draft.Redo(); ok {
			m.afterEdit()
			m.status = statusMsg{statusInfo, "redid: " + label}
		}
		return nil
	case key.Matches(msg, k.NextTab, k.PrevTab) || m.jumpKey(msg):
		m.tabs, _ = m.tabs.Update(msg)
		return nil
	}
	return m.updatePane(msg)
}

func (m *Model) jumpKey(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, m.ctx.Keys.Jump[:]...)
}

// refuseSave says why ctrl+s does nothing.
func (m *Model) refuseSave() tea.Cmd {
	if m.ctx.ReadOnly {
		return statusCmd(statusWarning, "read-only: started with --readonly, saving is off")
	}
	return statusCmd(statusInfo, "nothing to save: no changes")
}

// requestQuit quits, asking first when there are unsaved changes.
func (m *Model) requestQuit() tea.Cmd {
	if m.loaded && m.changes > 0 {
		m.quit = newQuitPrompt(m.changes)
		return nil
	}
	return tea.Quit
}
