package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"idvset/tui/common"
)

// What a server that runs one editor per connection (idvset serve, tui/serve) needs from
// the editor: who else is connected, whether a save is in flight, what would be lost.

// Presence is the list of who is connected to a shared editor, kept by the server (from
// its own goroutines) and read by each session's header when it is drawn. Both methods
// must be safe to call from any goroutine.
type Presence interface {
	// Others returns the names of the other sessions, unescaped, in the order they
	// connected.
	Others() []string
	// Version changes whenever the list does, so an unchanged header is not redrawn.
	Version() uint64
}

// PresenceMsg tells a session that its Presence changed, so that it draws again.
type PresenceMsg struct{}

// maxPresenceName is the most cells one name takes in the header.
const maxPresenceName = 12

// presenceView is "with bob ×2, carol +3" in at most width cells: the others connected
// (each name at most maxPresenceName cells), a count when the same user is connected
// more than once, "+N" for those that do not fit, or only "+N here" when no name fits.
// It is "" when nobody else is connected, or when not even that fits.
func (m *Model) presenceView(width int) string {
	if m.presence == nil {
		return ""
	}
	names := m.presence.Others()
	if len(names) == 0 {
		return ""
	}
	type entry struct {
		name  string
		count int
	}
	var list []entry
	index := map[string]int{}
	for _, n := range names {
		if i, ok := index[n]; ok {
			list[i].count++
			continue
		}
		index[n] = len(list)
		list = append(list, entry{name: n, count: 1})
	}
	st := m.ctx.Styles
	var b strings.Builder
	b.WriteString("with ")
	for i, e := range list {
		part := common.Truncate(common.Safe(e.name), maxPresenceName)
		if e.count > 1 {
			part += fmt.Sprintf(" ×%d", e.count)
		}
		if i > 0 {
			part = ", " + part
		}
		more := ""
		if rest := len(list) - i - 1; rest > 0 {
			more = fmt.Sprintf(" +%d", rest)
		}
		if ansi.StringWidth(b.String()+part+more) > width {
			if i == 0 {
				b.Reset()
				b.WriteString(fmt.Sprintf("+%d here", len(names)))
				if b.Len() > width {
					return ""
				}
				break
			}
			b.WriteString(fmt.Sprintf(" +%d", len(list)-i))
			break
		}
		b.WriteString(part)
	}
	return st.Rev.Render(b.String())
}

// presenceVersion identifies the presence list drawn in the header.
func (m *Model) presenceVersion() uint64 {
	if m.presence == nil {
		return 0
	}
	return m.presence.Version()
}

// Saving reports that a save is in flight: the store is checking the password and
// writing. A server that must close the session lets it finish first.
func (m *Model) Saving() bool {
	f, ok := m.overlay.(*saveFlow)
	return ok && f.phase == phaseSaving
}

// Unsaved is the number of changes in the draft that are not saved.
func (m *Model) Unsaved() int { return m.changes }

// RevisionSavedMsg tells a shared editor that another session saved revision Rev; By
// is who (unescaped). A session with nothing unsaved and nothing open moves to that
// revision at once, so that it shows what is saved; one with changes is told that
// saving will offer to re-apply them (the conflict screen).
type RevisionSavedMsg struct {
	By  string
	Rev int
}

// followHead handles RevisionSavedMsg.
func (m *Model) followHead(msg RevisionSavedMsg) tea.Cmd {
	if !m.loaded || m.setup != nil || msg.Rev <= m.ctx.Head {
		return nil
	}
	m.savedBy = common.Safe(msg.By)
	if m.idle() {
		return headCmd(m.store, headFollow)
	}
	m.status = common.StatusMsg{Kind: common.StatusWarning, Text: m.staleNote(msg.Rev)}
	return nil
}

// followed shows the revision another session saved, unless this one started editing
// while it was read.
func (m *Model) followed(msg headMsg) tea.Cmd {
	if msg.rev <= m.ctx.Head {
		return nil
	}
	if !m.idle() {
		m.status = common.StatusMsg{Kind: common.StatusWarning, Text: m.staleNote(msg.rev)}
		return nil
	}
	cmd := m.startFrom(msg.rev, msg.settings)
	m.status = common.StatusMsg{Kind: common.StatusInfo, Text: fmt.Sprintf("%s saved revision %d: showing it", m.savedBy, msg.rev)}
	return cmd
}

// idle reports an editor that can move to another revision without losing anything:
// no changes, no dialog, no field being typed in.
func (m *Model) idle() bool {
	return m.changes == 0 && m.overlay == nil && m.quit == nil && !m.capturing()
}

// staleNote says that the draft's revision is no longer the head (the header still
// shows the draft's).
func (m *Model) staleNote(rev int) string {
	return fmt.Sprintf("%s saved revision %d; saving will offer to re-apply your changes", m.savedBy, rev)
}
