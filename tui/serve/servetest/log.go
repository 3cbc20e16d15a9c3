package servetest

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Log is a server's log that a test reads while the server writes it.
type Log struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends to the log.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String is the log so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// WaitLine waits for a line holding every string and returns it; it fails the test
// after a deadline.
func (l *Log) WaitLine(t testing.TB, want ...string) string {
	t.Helper()
	var line string
	l.wait(t, func(s string) bool {
		for _, line = range strings.Split(s, "\n") {
			if containsAll(line, want) {
				return true
			}
		}
		return false
	}, want)
	return line
}

// WaitMatch waits until the log matches the regular expression re and returns its
// first submatch (the whole match when it has none).
func (l *Log) WaitMatch(t testing.TB, re string) string {
	t.Helper()
	r := regexp.MustCompile(re)
	var m []string
	l.wait(t, func(s string) bool { m = r.FindStringSubmatch(s); return m != nil }, re)
	return m[len(m)-1]
}

func (l *Log) wait(t testing.TB, ok func(string) bool, what any) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok(l.String()) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the log never showed %q:\n%s", what, l.String())
}
