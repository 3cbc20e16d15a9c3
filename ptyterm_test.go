package main

// ptyterm_test.go: one program in a pseudo-terminal whose output feeds a terminal
// emulator (github.com/charmbracelet/x/vt), so a benchmark can ask "is TEXT on the screen
// now?", time the program's output bursts, press keys as the current terminal modes
// encode them, and read the program's peak memory. The emulator answers the program's
// queries (cursor position, device attributes, background colour) like a real terminal.
// Modelled on ../shared/tools/tuibench (term.go), which measures any program this way.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// ptyKey is a key press, or literal text written in one write.
type ptyKey struct {
	ev   vt.KeyPressEvent
	text string
}

var ptyKeyNames = map[string]rune{
	"up": vt.KeyUp, "down": vt.KeyDown, "left": vt.KeyLeft, "right": vt.KeyRight,
	"space": vt.KeySpace, "enter": vt.KeyEnter, "esc": vt.KeyEscape, "tab": vt.KeyTab,
	"backspace": vt.KeyBackspace, "pgup": vt.KeyPgUp, "pgdown": vt.KeyPgDown,
	"home": vt.KeyHome, "end": vt.KeyEnd,
}

// parsePTYKey reads a key name (up, down, enter, esc, space, tab, backspace, pgup,
// pgdown, home, end, ctrl+X, alt+X); anything else is literal text.
func parsePTYKey(s string) ptyKey {
	if c, ok := ptyKeyNames[s]; ok {
		return ptyKey{ev: vt.KeyPressEvent{Code: c}}
	}
	for prefix, mod := range map[string]vt.KeyMod{"ctrl+": vt.ModCtrl, "alt+": vt.ModAlt} {
		if x, ok := strings.CutPrefix(s, prefix); ok && len(x) == 1 {
			return ptyKey{ev: vt.KeyPressEvent{Code: rune(strings.ToLower(x)[0]), Mod: mod}}
		}
	}
	return ptyKey{text: s}
}

type ptyChunk struct {
	at time.Time // when the read returned
	b  []byte
}

// ptyTerm is one child process in a cols×rows pseudo-terminal.
type ptyTerm struct {
	cmd   *exec.Cmd
	ptmx  *os.File
	emu   *vt.Emulator
	out   chan ptyChunk // closed at EOF or EIO
	done  chan struct{} // closed when the child has been reaped
	start time.Time
	first time.Time // time of the first chunk read
	last  time.Time // time of the last chunk read
	total int       // bytes the program wrote so far
}

var (
	errPTYTimeout = errors.New("timeout")
	errPTYExited  = errors.New("the program exited")
)

// startPTY starts argv in a cols×rows pseudo-terminal with env (TERM included).
func startPTY(argv, env []string, cols, rows int) (*ptyTerm, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	t := &ptyTerm{cmd: cmd, emu: vt.NewEmulator(cols, rows),
		out: make(chan ptyChunk, 4096), done: make(chan struct{})}
	t.start = time.Now()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		return nil, err
	}
	t.ptmx = ptmx
	go func() { // pty → channels, timestamped as soon as the read returns
		defer close(t.out)
		for {
			buf := make([]byte, 64<<10)
			n, err := ptmx.Read(buf)
			if n > 0 {
				t.out <- ptyChunk{time.Now(), buf[:n]}
			}
			if err != nil {
				return
			}
		}
	}()
	// Emulator → pty: the keys we press and the emulator's answers to queries.
	go func() { _, _ = io.Copy(ptmx, t.emu) }()
	go func() { _ = cmd.Wait(); close(t.done) }()
	return t, nil
}

func (t *ptyTerm) screen() string { return t.emu.String() }

func (t *ptyTerm) shows(texts []string) bool {
	s := t.screen()
	for _, x := range texts {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

// next feeds the next output chunk to the emulator, waiting until deadline.
func (t *ptyTerm) next(deadline time.Time) (ptyChunk, error) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case c, ok := <-t.out:
		if !ok {
			return ptyChunk{}, errPTYExited
		}
		_, _ = t.emu.Write(c.b)
		t.total += len(c.b)
		t.last = c.at
		if t.first.IsZero() {
			t.first = c.at
		}
		return c, nil
	case <-timer.C:
		return ptyChunk{}, errPTYTimeout
	}
}

// waitFor returns the time of the output chunk after which every text was on screen.
func (t *ptyTerm) waitFor(texts []string, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for !t.shows(texts) {
		if _, err := t.next(deadline); err != nil {
			return time.Time{}, fmt.Errorf("waiting for %q: %w", texts, err)
		}
	}
	return t.last, nil
}

// settle reads output until silence passes without any, for at most maxWait.
func (t *ptyTerm) settle(silence, maxWait time.Duration) {
	end := time.Now().Add(maxWait)
	for {
		d := time.Now().Add(silence)
		if !t.last.IsZero() && t.last.Add(silence).After(time.Now()) {
			d = t.last.Add(silence)
		}
		if d.After(end) {
			d = end
		}
		if _, err := t.next(d); err != nil {
			return
		}
	}
}

// idle reads (and shows) any output for d.
func (t *ptyTerm) idle(d time.Duration) {
	end := time.Now().Add(d)
	for {
		if _, err := t.next(end); err != nil {
			return
		}
	}
}

func (t *ptyTerm) press(k ptyKey) {
	if k.text != "" {
		t.emu.SendText(k.text)
	} else {
		t.emu.SendKey(k.ev)
	}
}

// ptyStepResult is one key: from its write to the last byte of the response burst.
type ptyStepResult struct {
	ms    float64 // -1 when the key drew nothing (a silent key)
	bytes int
}

// step presses k and reads the response burst, which ends when silence passes after its
// last byte with expect (if any) on screen.
func (t *ptyTerm) step(k ptyKey, expect string, silence, timeout time.Duration) (ptyStepResult, error) {
	t0 := time.Now()
	t.press(k)
	before := t.total
	deadline := t0.Add(timeout)
	var last time.Time
	for {
		n := t.total - before
		ok := expect == "" || strings.Contains(t.screen(), expect)
		d := deadline
		if n > 0 && ok && last.Add(silence).Before(deadline) {
			d = last.Add(silence)
		}
		c, err := t.next(d)
		switch {
		case errors.Is(err, errPTYTimeout) && n > 0 && ok, errors.Is(err, errPTYExited) && n > 0 && ok:
			return ptyStepResult{ms: msOf(last.Sub(t0)), bytes: n}, nil
		case errors.Is(err, errPTYTimeout) && n == 0 && ok:
			return ptyStepResult{ms: -1}, nil
		case errors.Is(err, errPTYTimeout):
			return ptyStepResult{}, fmt.Errorf("%q not on screen after %v", expect, timeout)
		case err != nil:
			return ptyStepResult{}, err
		}
		last = c.at
	}
}

// peakRSS is VmHWM of the running child, in kB (0 once it is gone).
func (t *ptyTerm) peakRSS() int {
	f, err := os.Open("/proc/" + strconv.Itoa(t.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

// stop ends the child: SIGTERM to its process group (pty.Start makes it a session
// leader), SIGKILL after grace; then it releases the pty and the goroutines.
func (t *ptyTerm) stop(grace time.Duration) {
	pid := t.cmd.Process.Pid
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-t.done:
	case <-time.After(grace):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-t.done
	}
	_ = t.ptmx.Close()
	// Ends the emulator → pty copier; closing the pipe rather than the emulator avoids a
	// race on the emulator's closed flag.
	if pw, ok := t.emu.InputPipe().(*io.PipeWriter); ok {
		_ = pw.Close()
	}
	timeout := time.After(2 * time.Second)
	for {
		select {
		case _, ok := <-t.out:
			if !ok {
				return
			}
		case <-timeout:
			return
		}
	}
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// trimScreen drops trailing blanks and blank lines, for printing a screen.
func trimScreen(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}
