package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// maxAuthorizedKeysBytes bounds the authorized_keys file read at each change (1 MiB: ten
// thousand keys).
const maxAuthorizedKeysBytes = 1 << 20

// authorizedKeys is an authorized_keys file in OpenSSH's format (sshd(8), AUTHORIZED_KEYS
// FILE FORMAT), read again whenever it changes, so that a key removed from it is refused
// from the next connection on. Each line is options (optional), key type, base64 key,
// comment; blank lines and lines starting with # are skipped.
//
// Options are honoured or the line is refused, never silently ignored:
//   - from="pattern-list": the client's IP address must match (wildcards * and ?,
//     CIDR address/masklen, ! to exclude); names are not resolved, so host-name
//     patterns match nothing, as in sshd with UseDNS no.
//   - expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after that time (local, or UTC with Z).
//   - no-pty, and restrict without pty: the key is refused, the editor needs a terminal.
//   - no-port-forwarding, no-agent-forwarding, no-X11-forwarding, no-user-rc, pty,
//     permitopen, permitlisten, no-touch-required and their positive forms: accepted;
//     the server offers no forwarding and runs no rc files anyway.
//   - anything else (command=, environment=, cert-authority, principals=, tunnel=,
//     verify-required, unknown options): the line is refused, and the reload logs why.
//
// It is safe for concurrent use.
type authorizedKeys struct {
	path string
	log  *logger
	now  func() time.Time

	mu    sync.Mutex
	stamp fileStamp
	racy  bool                        // read within a second of its change: read again
	keys  map[string][]*authorizedKey // by the key's wire form; lines in file order
	count int
	err   error // why the file could not be read: every key is refused
}

// authorizedKey is one line of the file.
type authorizedKey struct {
	line    int
	comment string
	from    []string  // from= patterns, nil for any address
	expiry  time.Time // zero for never
	noPTY   bool      // no-pty, or restrict without pty
	refusal string    // an option that cannot be honoured: the line authorises nothing
}

// fileStamp identifies a version of a file without reading it.
type fileStamp struct {
	size    int64
	modTime time.Time
	ino     uint64
}

func stampOf(fi os.FileInfo) fileStamp {
	s := fileStamp{size: fi.Size(), modTime: fi.ModTime()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		s.ino = uint64(st.Ino)
	}
	return s
}

// newAuthorizedKeys reads the file once; it must exist (an empty file is allowed: nobody
// can connect until a key is added).
func newAuthorizedKeys(path string, log *logger, now func() time.Time) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path, log: log, now: now}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.refresh()
	if a.err != nil {
		return nil, a.err
	}
	return a, nil
}

// Len is the number of usable keys read last.
func (a *authorizedKeys) Len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.count
}

// refresh reads the file again when it changed since the last read. Called with mu held.
func (a *authorizedKeys) refresh() {
	fi, err := os.Stat(a.path)
	if err != nil {
		a.fail(err)
		return
	}
	if err := checkKeysMode(a.path, fi); err != nil {
		a.fail(err)
		return
	}
	stamp := stampOf(fi)
	if a.keys != nil && a.err == nil && stamp == a.stamp && !a.racy {
		return
	}
	f, err := os.Open(a.path)
	if err != nil {
		a.fail(err)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAuthorizedKeysBytes+1))
	switch {
	case err != nil:
		a.fail(err)
		return
	case len(data) > maxAuthorizedKeysBytes:
		a.fail(fmt.Errorf("%s: larger than %d bytes", a.path, maxAuthorizedKeysBytes))
		return
	}
	keys, count, problems := parseAuthorizedKeys(data)
	changed := a.keys == nil || a.err != nil || !sameKeys(a.keys, keys)
	a.keys, a.count, a.err, a.stamp = keys, count, nil, stamp
	// A change within the file system's timestamp granularity of this read could go
	// unseen by the stamp: such a file is read again next time.
	a.racy = !a.now().After(stamp.modTime.Add(time.Second))
	if changed {
		for _, p := range problems {
			a.log.printf("authorized keys: %s:%s", q(a.path), p)
		}
		a.log.printf("authorized keys: %s from %s", plural(count, "key"), q(a.path))
	}
}

// checkKeysMode refuses a file that others could write to, or that sits in a directory
// others could write to (without the sticky bit): anyone who can change it can let
// themselves in. sshd's StrictModes refuses the same.
func checkKeysMode(path string, fi os.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%s: others may write to it (mode %04o): chmod go-w %s", path, fi.Mode().Perm(), path)
	}
	dir := filepath.Dir(path)
	if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o022 != 0 && di.Mode()&os.ModeSticky == 0 {
		return fmt.Errorf("%s: others may write to its directory (mode %04o): chmod go-w %s", path, di.Mode().Perm(), dir)
	}
	return nil
}

// fail refuses every key until the file can be read again.
func (a *authorizedKeys) fail(err error) {
	if a.err == nil || a.err.Error() != err.Error() {
		a.log.printf("authorized keys: every key refused until this is fixed: %s", q(err.Error()))
	}
	a.err = err
	a.keys, a.count = nil, 0
}

// sameKeys reports whether two readings authorise the same lines.
func sameKeys(a, b map[string][]*authorizedKey) bool {
	if len(a) != len(b) {
		return false
	}
	for k, la := range a {
		lb := b[k]
		if len(la) != len(lb) {
			return false
		}
		for i := range la {
			x, y := la[i], lb[i]
			if x.line != y.line || x.comment != y.comment || x.refusal != y.refusal || x.noPTY != y.noPTY ||
				!x.expiry.Equal(y.expiry) || strings.Join(x.from, ",") != strings.Join(y.from, ",") {
				return false
			}
		}
	}
	return true
}

// check finds key in the file (read again if it changed) for a client at remote. It
// returns the line that authorises it, or why it is refused.
func (a *authorizedKeys) check(key gossh.PublicKey, remote net.Addr) (*authorizedKey, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.refresh()
	if a.err != nil {
		return nil, "authorized keys unreadable: " + a.err.Error()
	}
	lines := a.keys[string(key.Marshal())]
	if len(lines) == 0 {
		return nil, "not in " + a.path
	}
	var ip net.IP
	if tcp, ok := remote.(*net.TCPAddr); ok {
		ip = tcp.IP
	}
	var why []string
	for _, k := range lines {
		switch {
		case k.refusal != "":
			why = append(why, fmt.Sprintf("line %d: %s", k.line, k.refusal))
		case k.noPTY:
			why = append(why, fmt.Sprintf("line %d: no-pty, but the editor needs a terminal", k.line))
		case !k.expiry.IsZero() && !a.now().Before(k.expiry):
			why = append(why, fmt.Sprintf("line %d: expired at %s", k.line, k.expiry.Format(time.RFC3339)))
		case k.from != nil && !matchFrom(k.from, ip):
			why = append(why, fmt.Sprintf("line %d: from=%q does not match %v", k.line, strings.Join(k.from, ","), ip))
		default:
			return k, ""
		}
	}
	return nil, strings.Join(why, "; ")
}

// parseAuthorizedKeys reads the lines of an authorized_keys file. Lines that are not a
// key are reported and skipped; a line with an option it cannot honour is kept, refused
// (so a key is never authorised with less restriction than the file says).
func parseAuthorizedKeys(data []byte) (keys map[string][]*authorizedKey, count int, problems []string) {
	keys = map[string][]*authorizedKey{}
	for i, raw := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line := bytes.TrimSpace(raw)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pub, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%d: not a public key (%v): line skipped", n, err))
			continue
		}
		k := &authorizedKey{line: n, comment: comment}
		applyOptions(k, options)
		if k.refusal != "" {
			problems = append(problems, fmt.Sprintf("%d: %s: the key is refused", n, k.refusal))
		} else {
			count++
		}
		id := string(pub.Marshal())
		keys[id] = append(keys[id], k)
	}
	return keys, count, problems
}

// applyOptions honours a line's options (see authorizedKeys), or sets k.refusal.
func applyOptions(k *authorizedKey, options []string) {
	restrict, pty := false, false
	for _, opt := range options {
		name, value, hasValue := strings.Cut(opt, "=")
		value = strings.Trim(value, `"`)
		switch strings.ToLower(name) {
		case "from":
			k.from = strings.Split(value, ",")
		case "expiry-time":
			t, err := parseExpiry(value)
			if err != nil {
				k.refusal = fmt.Sprintf("expiry-time=%q: %v", value, err)
				return
			}
			k.expiry = t
		case "no-pty":
			k.noPTY = true
		case "restrict":
			restrict = true
		case "pty":
			pty = true
		case "no-port-forwarding", "no-agent-forwarding", "no-x11-forwarding", "no-user-rc",
			"port-forwarding", "agent-forwarding", "x11-forwarding", "user-rc",
			"permitopen", "permitlisten", "no-touch-required":
			// Nothing to restrict: the server offers no forwarding and runs no rc files.
		default:
			shown := name
			if hasValue {
				shown += "=…"
			}
			k.refusal = fmt.Sprintf("option %s is not supported by idvset serve", shown)
			return
		}
	}
	if restrict && !pty {
		k.noPTY = true
	}
}

// parseExpiry reads expiry-time's YYYYMMDD[HHMM[SS]], in local time or UTC with a Z.
func parseExpiry(v string) (time.Time, error) {
	loc := time.Local
	if s, ok := strings.CutSuffix(v, "Z"); ok {
		v, loc = s, time.UTC
	}
	for _, layout := range []string{"20060102", "200601021504", "20060102150405"} {
		if len(v) == len(layout) {
			return time.ParseInLocation(layout, v, loc)
		}
	}
	return time.Time{}, errors.New("want YYYYMMDD[HHMM[SS]][Z]")
}

// matchFrom applies a from= pattern list to ip as sshd does: a negated pattern that
// matches refuses at once; otherwise any matching pattern allows.
func matchFrom(patterns []string, ip net.IP) bool {
	if ip == nil {
		return false
	}
	allowed := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		var match bool
		if _, cidr, err := net.ParseCIDR(p); err == nil {
			match = cidr.Contains(ip)
		} else {
			match = wildcard(strings.ToLower(p), ip.String())
		}
		switch {
		case match && neg:
			return false
		case match:
			allowed = true
		}
	}
	return allowed
}

// wildcard matches s against a pattern of * (any run) and ? (one character), in time
// proportional to len(p)×len(s) at worst.
func wildcard(p, s string) bool {
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
