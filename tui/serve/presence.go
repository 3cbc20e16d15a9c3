package serve

import (
	"errors"
	"sync"

	"idvset/tui"
)

// registry is the server's list of sessions, in the order they connected: it enforces
// the session limit, stops admitting sessions once the server is stopping, and is the
// presence list every session's header reads (tui.Presence).
type registry struct {
	max int

	mu       sync.Mutex
	next     uint64
	sessions []*session
	version  uint64
	stopping bool
	drained  chan struct{} // closed once stopping with no sessions left
}

// Refusals of add.
var (
	errFull     = errors.New("full")
	errStopping = errors.New("stopping")
)

// add admits ss, giving it an id, unless the server is full or stopping.
func (r *registry) add(ss *session) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.stopping:
		return errStopping
	case len(r.sessions) >= r.max:
		return errFull
	}
	r.next++
	ss.id = r.next
	r.sessions = append(r.sessions, ss)
	r.version++
	return nil
}

// remove forgets ss.
func (r *registry) remove(ss *session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, s := range r.sessions {
		if s == ss {
			r.sessions = append(r.sessions[:i], r.sessions[i+1:]...)
			r.version++
			break
		}
	}
	if r.stopping && len(r.sessions) == 0 && r.drained != nil {
		close(r.drained)
		r.drained = nil
	}
}

// count is the number of sessions.
func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sessions)
}

// stop admits no more sessions. It returns those there are, and a channel closed when
// the last of them has gone.
func (r *registry) stop() ([]*session, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopping = true
	done := make(chan struct{})
	if len(r.sessions) == 0 {
		close(done)
	} else {
		r.drained = done
	}
	return append([]*session(nil), r.sessions...), done
}

// changed tells every running session that the list changed, so that headers redraw.
func (r *registry) changed() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.sessions {
		s.mu.Lock()
		if p := s.program; p != nil {
			go p.Send(tui.PresenceMsg{}) // Send waits for the program's loop
		}
		s.mu.Unlock()
	}
}

// announce tells every running session but from that from saved a revision.
func (r *registry) announce(from *session, rev int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.sessions {
		if s == from {
			continue
		}
		s.mu.Lock()
		if p := s.program; p != nil {
			go p.Send(tui.RevisionSavedMsg{By: from.user, Rev: rev})
		}
		s.mu.Unlock()
	}
}

// presence is one session's view of the registry: everyone but itself.
type presence struct {
	r    *registry
	self *session
}

// Others are the user names of the other sessions, in the order they connected.
func (p presence) Others() []string {
	p.r.mu.Lock()
	defer p.r.mu.Unlock()
	names := make([]string, 0, len(p.r.sessions))
	for _, s := range p.r.sessions {
		if s != p.self {
			names = append(names, s.user)
		}
	}
	return names
}

// Version changes with the list.
func (p presence) Version() uint64 {
	p.r.mu.Lock()
	defer p.r.mu.Unlock()
	return p.r.version
}

var _ tui.Presence = presence{}
