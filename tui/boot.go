package tui

import (
	tea "charm.land/bubbletea/v2"

	"idvset/model"
)

// maxEarly bounds the messages kept while the store opens: a person types a few keys in
// that time; a paste is one message. What comes beyond it is dropped.
const maxEarly = 64

// OpenError is why RunOpening's open failed. The editor showed it until the user quit;
// the caller prints it too, so that it stays on the terminal.
type OpenError struct{ Err error }

func (e *OpenError) Error() string { return e.Err.Error() }

// Unwrap gives the store's error, for errors.Is and errors.As.
func (e *OpenError) Unwrap() error { return e.Err }

// boot is the program's model until the store is open and read: Bubble Tea sets the
// terminal up and waits for its first frame tick while the store opens on the other
// core, so the two waits do not add up. It draws nothing, keeps what arrives meanwhile
// (the window's size, keys typed ahead) and hands it to the editor once the editor is
// built, then steps aside: Update returns the editor as the program's model.
type boot struct {
	ready chan tea.Msg // bootedMsg, once: the editor, or why it could not be built
	early []tea.Msg
	size  *tea.WindowSizeMsg // the latest; kept however many messages came
	err   error              // why the editor could not be built: RunOpening returns it
}

// bootedMsg carries the editor, built and with the store read, into the event loop.
type bootedMsg struct {
	m   *Model
	err error // only an unknown theme: nothing is shown, RunOpening returns it
}

// startBoot opens the store with open and builds the editor on it, in the background.
// A store that cannot be opened is shown by the editor as one that cannot be read, with
// the reason. done receives open's error (nil when it opened) once the work is over,
// whether or not the program is still running.
func startBoot(path string, open func() (Store, error), opt Options, done chan<- error) *boot {
	b := &boot{ready: make(chan tea.Msg, 1)}
	go func() {
		store, openErr := open()
		if openErr != nil {
			store = failedStore{path: path, err: openErr}
		}
		m, err := New(store, opt)
		b.ready <- bootedMsg{m: m, err: err}
		done <- openErr
	}()
	return b
}

// Init waits for the editor.
func (b *boot) Init() tea.Cmd {
	return func() tea.Msg { return <-b.ready }
}

// Update keeps what arrives until the editor is built, then replays it to the editor in
// the order it came and hands over: from then on the editor is the model.
func (b *boot) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case bootedMsg:
		if msg.err != nil {
			b.err = msg.err
			return b, tea.Quit
		}
		cmds := []tea.Cmd{msg.m.Init()}
		if b.size != nil {
			_, cmd := msg.m.Update(*b.size)
			cmds = append(cmds, cmd)
		}
		for _, e := range b.early {
			_, cmd := msg.m.Update(e)
			cmds = append(cmds, cmd)
		}
		return msg.m, tea.Batch(cmds...)
	case tea.WindowSizeMsg:
		b.size = &msg
	case tea.KeyPressMsg:
		// A slow open (another process holding the database) must not keep the user
		// from leaving: ctrl+c quits at once, as nothing is drawn or edited yet.
		if msg.String() == "ctrl+c" {
			return b, tea.Quit
		}
		b.keep(msg)
	default:
		b.keep(msg)
	}
	return b, nil
}

func (b *boot) keep(msg tea.Msg) {
	if len(b.early) < maxEarly {
		b.early = append(b.early, msg)
	}
}

// View draws nothing yet, in the alternate screen the editor is about to fill: no
// loading screen comes first, since the store opens well within a frame.
func (b *boot) View() tea.View {
	v := tea.NewView("")
	v.AltScreen = true
	v.WindowTitle = "idvset"
	return v
}

// failedStore stands for a store that could not be opened: every read fails with why,
// so the editor shows the reason and only quitting is left.
type failedStore struct {
	path string
	err  error
}

func (f failedStore) Path() string                 { return f.path }
func (f failedStore) NeedsPassword() (bool, error) { return false, f.err }
func (f failedStore) SetPassword(string) error     { return f.err }
func (f failedStore) Head() (int, model.Settings, error) {
	return 0, model.Settings{}, f.err
}
func (f failedStore) UsedCodes() ([]model.UsedCode, error) { return nil, f.err }
func (f failedStore) Catalog() (*model.Catalog, error)     { return nil, f.err }
func (f failedStore) Save(model.Settings, int, string, string) (int, error) {
	return 0, f.err
}
