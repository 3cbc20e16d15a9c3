package serve

import (
	"testing"

	"idvset/tui/serve/servetest"
)

// BenchmarkConnect is an admin's wait from dialling to the editor's first screen, in
// process on 127.0.0.1: the SSH handshake, the key check (authorized_keys unchanged),
// the session's store and editor, and the first frame (80x24) drawn on the client.
func BenchmarkConnect(b *testing.B) {
	key := servetest.NewKey(b)
	ts := startServer(b, func(c *Config) { c.MaxSessions = 1000 }, servetest.AuthorizedLine(key, "", ""))
	for b.Loop() {
		c := ts.dial(b, "alice", key)
		c.WaitFor("› Callback URL")
		c.Close()
	}
}
