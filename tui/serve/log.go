package serve

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"idvset/tui/common"
)

// logQueue is how many lines wait for the writer before new ones are dropped (and
// counted): a log that cannot keep up must never stall a session.
const logQueue = 1024

// logger writes the server's log: one line per event, each starting with the time in
// UTC. printf never blocks, so a session's Update may log (a save); lines are written in
// order by one goroutine. Every value a client supplied goes through q first.
type logger struct {
	w       io.Writer
	now     func() time.Time
	lines   chan string
	dropped atomic.Int64
	done    chan struct{}

	mu     sync.RWMutex // closed and the channel's close
	closed bool
}

func newLogger(w io.Writer, now func() time.Time) *logger {
	if w == nil {
		w = io.Discard
	}
	l := &logger{w: w, now: now, lines: make(chan string, logQueue), done: make(chan struct{})}
	go l.run()
	return l
}

func (l *logger) run() {
	defer close(l.done)
	for line := range l.lines {
		if n := l.dropped.Swap(0); n > 0 {
			fmt.Fprintf(l.w, "%s log: %d lines dropped (the log could not keep up)\n", l.stamp(), n)
		}
		io.WriteString(l.w, line)
	}
}

func (l *logger) stamp() string { return l.now().UTC().Format("2006-01-02T15:04:05Z") }

// printf queues one line. A line break in the text cannot forge a second line: callers
// escape what clients supplied with q, and any line break left is replaced.
func (l *logger) printf(format string, args ...any) {
	msg := strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", `\n`)
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		return // a late refusal while the server stops: nowhere to write it
	}
	select {
	case l.lines <- l.stamp() + " " + msg + "\n":
	default:
		l.dropped.Add(1)
	}
}

// close writes what is queued and stops the writer.
func (l *logger) close() {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.lines)
	}
	l.mu.Unlock()
	<-l.done
}

// q escapes a string a client or the file system supplied, for one line of log: control
// characters cannot forge lines or drive the terminal reading the log (common.Safe).
func q(s string) string { return common.Safe(s) }

// plural writes "1 key", "2 keys".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
