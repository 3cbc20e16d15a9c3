package serve

import (
	"fmt"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"idvset/tui"
	"idvset/tui/common"
)

// session is one connected editor: who, from where, its store, and once its program
// runs, the program and the model wrapping the editor.
type session struct {
	id      uint64
	user    string // as the client gave it, clipped
	key     string // the key's SHA-256 fingerprint: what authenticated the user
	comment string // the key's comment in authorized_keys
	remote  string
	author  string // "alice (SHA256:…)": the revisions' author, and the log's name for it
	start   time.Time
	store   tui.Store

	mu      sync.Mutex
	program *tea.Program
	model   *sessionModel
	closing string // set by the server (shutdown) before the program runs
}

// close asks the session to close for reason: its program is told, or, when it has not
// started yet, it will not start.
func (ss *session) close(reason string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.closing != "" {
		return
	}
	ss.closing = reason
	if p := ss.program; p != nil {
		go p.Send(closeMsg{reason: reason}) // Send waits for the program's loop
	}
}

// closeMsg tells the session to close for reason (the server stops).
type closeMsg struct{ reason string }

// idleCheckMsg is the session's idle timer firing.
type idleCheckMsg struct{}

// Timer marks idleCheckMsg as a timer's message (common.Timer), which test drivers drop.
func (idleCheckMsg) Timer() {}

var _ common.Timer = idleCheckMsg{}

// sessionModel wraps one session's editor with what serving it adds: the idle timeout
// and closing when told. It lets a save in flight finish before it quits, whatever the
// reason for closing.
type sessionModel struct {
	editor *tui.Model
	idle   time.Duration // 0: never
	now    func() time.Time

	last    time.Time // the last key or paste
	warned  bool      // the status line says the session is about to close
	closing string    // why it is closing ("" while open)
	saved   int       // the revision a save wrote after closing began, 0 if none
}

func newSessionModel(editor *tui.Model, idle time.Duration, now func() time.Time) *sessionModel {
	return &sessionModel{editor: editor, idle: idle, now: now}
}

// warnBefore is how long before the idle timeout the status line warns: a minute, or a
// quarter of a shorter timeout.
func (m *sessionModel) warnBefore() time.Duration { return min(time.Minute, m.idle/4) }

// Init starts the editor and the idle timer.
func (m *sessionModel) Init() tea.Cmd {
	m.last = m.now()
	return tea.Batch(m.editor.Init(), m.tick())
}

// tick schedules the next idle check: at the warning, else at the timeout. One check is
// outstanding at a time; keys only move m.last, so typing costs no timers.
func (m *sessionModel) tick() tea.Cmd {
	if m.idle <= 0 {
		return nil
	}
	due := m.last.Add(m.idle)
	if !m.warned {
		due = due.Add(-m.warnBefore())
	}
	return tea.Tick(max(due.Sub(m.now()), 0), func(time.Time) tea.Msg { return idleCheckMsg{} })
}

// Update handles the idle timer and closing, and gives everything else to the editor.
func (m *sessionModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		m.last, m.warned = m.now(), false
	case idleCheckMsg:
		return m, m.checkIdle()
	case closeMsg:
		return m, m.close(msg.reason)
	}
	_, cmd := m.editor.Update(msg)
	if m.closing != "" && !m.editor.Saving() {
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

// checkIdle closes the session after m.idle without a key, warning on the status line
// a little before.
func (m *sessionModel) checkIdle() tea.Cmd {
	if m.closing != "" || m.idle <= 0 {
		return nil
	}
	idle := m.now().Sub(m.last)
	switch {
	case idle >= m.idle:
		return m.close(fmt.Sprintf("closed after %s without a key press", duration(m.idle)))
	case !m.warned && idle >= m.idle-m.warnBefore():
		m.warned = true
		_, cmd := m.editor.Update(common.StatusMsg{Kind: common.StatusWarning, Text: fmt.Sprintf(
			"no key for %s: this session closes in %s unless you press one", duration(idle), duration(m.idle-idle))})
		return tea.Batch(cmd, m.tick())
	}
	return m.tick()
}

// close starts closing for reason: at once, or, with a save in flight, when it is done.
func (m *sessionModel) close(reason string) tea.Cmd {
	if m.closing != "" {
		return nil
	}
	m.closing = reason
	if !m.editor.Saving() {
		return tea.Quit
	}
	_, cmd := m.editor.Update(common.StatusMsg{Kind: common.StatusWarning, Text: reason + ": finishing your save first"})
	return cmd
}

// View is the editor's.
func (m *sessionModel) View() tea.View { return m.editor.View() }

// onSave notes a save that finished while the session was closing, for the farewell.
func (m *sessionModel) onSave(rev int, err error) {
	if m.closing != "" && err == nil {
		m.saved = rev
	}
}

// farewell is what the client reads after the editor leaves the screen: why the session
// closed and what became of the draft. It is "" when the user quit.
func (m *sessionModel) farewell() string {
	if m.closing == "" {
		return ""
	}
	msg := "idvset: " + m.closing + "."
	switch n := m.editor.Unsaved(); {
	case m.saved > 0:
		// Nothing can change while a save is in flight: the draft is what it wrote.
		msg += fmt.Sprintf(" Your save finished first: revision %d.", m.saved)
	case n == 1:
		msg += " 1 change was not saved."
	case n > 1:
		msg += fmt.Sprintf(" %d changes were not saved.", n)
	}
	return msg
}

// duration says a duration as a person would: "30 minutes", "1 minute", "45s".
func duration(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return common.Plural(int(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return common.Plural(int(d/time.Minute), "minute")
	case d >= time.Minute:
		return d.Round(time.Second).String()
	}
	return d.Round(100 * time.Millisecond).String()
}
