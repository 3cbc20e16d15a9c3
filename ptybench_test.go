package main

// The pseudo-terminal benchmarks (issue 13): the built binary in a real pty, its output
// read by a terminal emulator, as an admin over SSH sees it. They sit here, in package
// main's tests, because they measure the program as a whole from outside (they build it
// with `go build`, as `make build` does) and share nothing with the packages' internals;
// the floor of the stack, a minimal Bubble Tea v2 program, is in testdata/ptyfloor.
//
// They are skipped unless IDVSET_PTY_BENCH=1 (`make bench-pty`, or `make bench PTY=1`):
// a run takes minutes and writes a 1 GB database once. See docs/PERFORMANCE.md.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"idvset/model"
)

// The environment of the benchmarks.
const (
	ptyBenchEnv = "IDVSET_PTY_BENCH" // "1" runs them
	ptyRunsEnv  = "IDVSET_PTY_RUNS"  // measured runs per case (default 11), after one warm-up
	ptyShowEnv  = "IDVSET_PTY_SHOW"  // "1" prints the screens of each case's first run
	// benchDBDirEnv is where the fixture databases are kept (default .data/bench).
	benchDBDirEnv = "IDVSET_BENCH_DB_DIR"
)

// Timing rules, as ../shared/tools/tuibench has them: a burst of output ends after
// ptySilence without output; before each key the harness waits a random 0–ptyJitter
// more, so keys do not land in phase with the program's frame timer.
const (
	ptySilence      = 50 * time.Millisecond
	ptyJitter       = 100 * time.Millisecond
	ptyReadyTimeout = 30 * time.Second // generous: a loaded machine
	ptyStepTimeout  = 3 * time.Second
)

// ptyStep is one key (or literal text) the benchmark presses.
type ptyStep struct {
	// Metric names what the step measures: its keys are reported as <scenario>-<metric>-ms
	// and -bytes. "" is a step that only gets somewhere; it is not measured.
	Metric string
	Key    string // see parsePTYKey
	Times  int    // repeats; 0 means once
	Expect string // text on screen once the step is done, or ""
}

// ptyScenario is a list of steps in one part of a program, run after the first frame.
type ptyScenario struct {
	Name string
	// Enter gets there; its steps are not measured. Each must draw something, and says
	// what with Expect.
	Enter []ptyStep
	// Missing is text on screen after Enter that means the part is not built yet (a
	// placeholder): the scenario is skipped, with Why.
	Missing, Why string
	Steps        []ptyStep
}

// idsSteps are the keys of the Accepted IDs pane (issue 9), as its table and the pane
// define them (tui/components/table KeyMap; tui/panes/accepted keys): ten moves, a filter
// of four keystrokes, mark every country shown, toggle ID_CARD on all of them and back.
// ptyfloor takes the same keys, so the figures compare one to one.
func idsSteps(filtered, marked string) []ptyStep {
	return []ptyStep{
		{Metric: "move", Key: "down", Times: 10},
		{Metric: "move", Key: "up", Times: 10},
		{Key: "/"},
		{Metric: "filter", Key: "g"}, {Metric: "filter", Key: "e"}, {Metric: "filter", Key: "r"},
		{Metric: "filter", Key: "m", Expect: filtered},
		{Key: "esc"}, // clears the filter: every row again
		{Metric: "mark", Key: "*", Expect: marked},
		{Metric: "bulk", Key: "i", Times: 2}, // ID_CARD on every marked row, and back
	}
}

// ptyCase is one program measured: its command, the texts of its first full frame, and
// its scenarios, run in order in each run.
type ptyCase struct {
	name      string
	argv      []string
	ready     []string
	scenarios []ptyScenario
}

// floorCase is the minimal Bubble Tea program, with the editor's scenarios' keys.
func floorCase(bin string) ptyCase {
	return ptyCase{
		name:  "floor",
		argv:  []string{bin},
		ready: []string{"floor ready", "q quit"},
		scenarios: []ptyScenario{
			{Name: "general", Steps: []ptyStep{{Metric: "move", Key: "down", Times: 4}, {Metric: "move", Key: "up", Times: 4}}},
			{Name: "ids", Steps: idsSteps("Germany", "250 marked")},
		},
	}
}

// editorCase is idvset on the database at db.
func editorCase(name, bin, db string, revisions int) ptyCase {
	return ptyCase{
		name:  name,
		argv:  []string{bin, "--db", db},
		ready: editorReady(revisions),
		scenarios: []ptyScenario{
			{Name: "general", // the first pane: no key gets there
				Steps: []ptyStep{{Metric: "move", Key: "down", Times: 4}, {Metric: "move", Key: "up", Times: 4}}},
			{Name: "ids", Enter: []ptyStep{{Key: "alt+5", Expect: "[5 "}},
				Missing: "arrive in a later version",
				Why:     "the Accepted IDs pane is a placeholder in this build: its steps run once it is built",
				Steps:   idsSteps("Germany", "250 marked")},
		},
	}
}

// editorReady is the editor's first full frame: the header names the head revision once
// the database is loaded, the General pane shows its last field and the footer its keys.
func editorReady(revisions int) []string {
	return []string{fmt.Sprintf("rev %d ", revisions), "Owned domains", "q quit"}
}

// ptyRun is what one run of a case measured.
type ptyRun struct {
	firstByte  float64 // ms from the start of the process to its first output
	firstFrame float64 // ms from the start of the process to the chunk that completed it
	initBytes  int     // bytes written until the first frame went quiet
	steps      map[string][]ptyStepResult
	skipped    map[string]string // scenario → why
	rss        int               // VmHWM, kB, after the last step
	err        error
}

// ptyEnv is the environment of a measured program: ours, with a colour terminal of the
// size given and nothing that changes what the program draws.
func ptyEnvironment() []string {
	env := []string{"TERM=xterm-256color"}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "TERM", "COLUMNS", "LINES", "NO_COLOR", "COLORTERM", "IDVSET_DB", "TMUX", "STY":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// runCase runs c once at cols×rows: first frame, then each scenario's steps.
func runCase(c ptyCase, cols, rows int, show func(string, string)) (r ptyRun) {
	r.steps, r.skipped = map[string][]ptyStepResult{}, map[string]string{}
	t, err := startPTY(c.argv, ptyEnvironment(), cols, rows)
	if err != nil {
		r.err = err
		return r
	}
	defer t.stop(500 * time.Millisecond)
	at, err := t.waitFor(c.ready, ptyReadyTimeout)
	if err != nil {
		r.err = fmt.Errorf("first frame: %w\n%s", err, trimScreen(t.screen()))
		return r
	}
	r.firstFrame = msOf(at.Sub(t.start))
	r.firstByte = msOf(t.first.Sub(t.start))
	t.settle(ptySilence, ptyStepTimeout)
	r.initBytes = t.total
	show("after the first frame", t.screen())
	for _, sc := range c.scenarios {
		for _, st := range sc.Enter {
			if _, err := t.step(parsePTYKey(st.Key), st.Expect, ptySilence, ptyStepTimeout); err != nil {
				r.err = fmt.Errorf("%s: key %q: %w\n%s", sc.Name, st.Key, err, trimScreen(t.screen()))
				return r
			}
		}
		if sc.Missing != "" && strings.Contains(t.screen(), sc.Missing) {
			r.skipped[sc.Name] = sc.Why
			continue
		}
		for _, st := range sc.Steps {
			for range max(st.Times, 1) {
				t.idle(rand.N(ptyJitter))
				res, err := t.step(parsePTYKey(st.Key), st.Expect, ptySilence, ptyStepTimeout)
				if err != nil {
					r.err = fmt.Errorf("%s: key %q: %w\n%s", sc.Name, st.Key, err, trimScreen(t.screen()))
					return r
				}
				if st.Metric != "" {
					name := sc.Name + "-" + st.Metric
					r.steps[name] = append(r.steps[name], res)
				}
			}
		}
		show("after "+sc.Name, t.screen())
	}
	r.rss = t.peakRSS()
	return r
}

// ptySummary is a case's figures over its runs: medians of per-run values.
type ptySummary struct {
	name    string
	ok      int
	errs    []string
	metrics map[string]float64 // unit → median
	skipped map[string]string
}

func median(xs []float64) float64 {
	xs = slices.DeleteFunc(slices.Clone(xs), func(x float64) bool { return math.IsNaN(x) })
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// summarize reduces the runs of a case: for each step metric the per-run mean over its
// keys (silent keys left out of the time), then the median across runs.
func summarize(name string, runs []ptyRun) ptySummary {
	s := ptySummary{name: name, metrics: map[string]float64{}, skipped: map[string]string{}}
	per := map[string][]float64{}
	for _, r := range runs {
		if r.err != nil {
			if msg := r.err.Error(); !slices.Contains(s.errs, msg) {
				s.errs = append(s.errs, msg)
			}
			continue
		}
		s.ok++
		per["first-byte-ms"] = append(per["first-byte-ms"], r.firstByte)
		per["first-frame-ms"] = append(per["first-frame-ms"], r.firstFrame)
		per["first-frame-bytes"] = append(per["first-frame-bytes"], float64(r.initBytes))
		per["peak-rss-kB"] = append(per["peak-rss-kB"], float64(r.rss))
		for m, res := range r.steps {
			var ms, bytes []float64
			for _, x := range res {
				bytes = append(bytes, float64(x.bytes))
				if x.ms >= 0 {
					ms = append(ms, x.ms)
				}
			}
			per[m+"-ms"] = append(per[m+"-ms"], mean(ms))
			per[m+"-bytes"] = append(per[m+"-bytes"], mean(bytes))
		}
		for k, v := range r.skipped {
			s.skipped[k] = v
		}
	}
	for unit, xs := range per {
		s.metrics[unit] = median(xs)
	}
	return s
}

// measureInterleaved runs every case warmup+runs times, A,B,C,A,B,C…, so the machine's
// changing load falls on all of them alike; warm-up runs are left out.
func measureInterleaved(tb testing.TB, cases []ptyCase, cols, rows, runs int) []ptySummary {
	results := make([][]ptyRun, len(cases))
	for round := -1; round < runs; round++ {
		for i, c := range cases {
			show := func(string, string) {}
			if round == 0 && os.Getenv(ptyShowEnv) == "1" {
				show = func(when, screen string) {
					fmt.Printf("--- %s %dx%d, %s:\n%s\n", c.name, cols, rows, when, trimScreen(screen))
				}
			}
			r := runCase(c, cols, rows, show)
			if round >= 0 {
				results[i] = append(results[i], r)
			}
		}
	}
	var out []ptySummary
	for i, c := range cases {
		out = append(out, summarize(c.name, results[i]))
	}
	return out
}

// report prints the summaries as a table (units in columns) and fails on a case with
// no successful run.
func report(b *testing.B, title string, sums []ptySummary) {
	b.Helper()
	units := map[string]bool{}
	for _, s := range sums {
		for u := range s.metrics {
			units[u] = true
		}
	}
	cols := slices.Sorted(func(yield func(string) bool) {
		for u := range units {
			if !yield(u) {
				return
			}
		}
	})
	var sb strings.Builder
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tok\t", title)
	for _, u := range cols {
		fmt.Fprintf(tw, "%s\t", u)
	}
	fmt.Fprintln(tw)
	for _, s := range sums {
		fmt.Fprintf(tw, "%s\t%d\t", s.name, s.ok)
		for _, u := range cols {
			v, ok := s.metrics[u]
			switch {
			case !ok || math.IsNaN(v):
				fmt.Fprint(tw, "-\t")
			case strings.HasSuffix(u, "-ms"):
				fmt.Fprintf(tw, "%.2f\t", v)
			default:
				fmt.Fprintf(tw, "%.0f\t", v)
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	// Printed rather than logged: go test shows a parent benchmark's log only with -v.
	fmt.Printf("\n# %s: medians over interleaved runs; load average %s\n%s", b.Name(), loadAverage(), sb.String())
	for _, s := range sums {
		for sc, why := range s.skipped {
			fmt.Printf("# %s: %s steps skipped: %s\n", s.name, sc, why)
		}
		for _, e := range s.errs {
			b.Errorf("%s: %s", s.name, e)
		}
		if s.ok == 0 {
			b.Errorf("%s: no run succeeded", s.name)
		}
	}
}

// reportCase reports one summary's medians as the metrics of a sub-benchmark.
func reportCase(b *testing.B, s ptySummary) {
	b.Run(s.name, func(b *testing.B) {
		// No loop: the figures are the medians below, measured once (run with -benchtime
		// 1x, as make bench-pty does, or the iteration count printed is meaningless).
		b.ReportMetric(0, "ns/op")
		for u, v := range s.metrics {
			if !math.IsNaN(v) {
				b.ReportMetric(v, u)
			}
		}
	})
}

// loadAverage is /proc/loadavg's first three fields: the machine is shared.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

func ptyRuns(b *testing.B) int {
	b.Helper()
	if os.Getenv(ptyBenchEnv) != "1" {
		b.Skipf("pseudo-terminal benchmarks run with %s=1 (make bench-pty, or make bench PTY=1)", ptyBenchEnv)
	}
	n := 11
	if v := os.Getenv(ptyRunsEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("%s=%q: want a number of runs ≥ 1", ptyRunsEnv, v)
		}
	}
	return n
}

// BenchmarkPTY measures, at 80x24, 120x40 and 200x50, in one interleaved run: the
// floor (a minimal Bubble Tea v2 program), idvset on the realistic database at 1
// revision and at 10,000. Per case: time to the first byte (the process has opened the
// database and started Bubble Tea) and to the first full frame, bytes of it, key →
// last byte and bytes per key of each step metric, peak RSS. Medians over the runs.
func BenchmarkPTY(b *testing.B) {
	runs := ptyRuns(b)
	bins := ptyBinaries(b)
	cases := []ptyCase{
		floorCase(bins.floor),
		editorCase("idvset-rev1", bins.idvset, benchDatabase(b, 1), 1),
		editorCase("idvset-rev10000", bins.idvset, benchDatabase(b, 10_000), 10_000),
	}
	for _, size := range []struct{ cols, rows int }{{80, 24}, {120, 40}, {200, 50}} {
		b.Run(fmt.Sprintf("%dx%d", size.cols, size.rows), func(b *testing.B) {
			sums := measureInterleaved(b, cases, size.cols, size.rows, runs)
			report(b, fmt.Sprintf("%dx%d", size.cols, size.rows), sums)
			for _, s := range sums {
				reportCase(b, s)
			}
		})
	}
}

// BenchmarkPTYFirstFrame is the first frame alone at 120x40, at 1 and at 10,000
// revisions beside the floor, with twice the runs: nothing on the startup path may grow
// with history. history-growth-ms is the 10,000-revision median less the 1-revision one.
func BenchmarkPTYFirstFrame(b *testing.B) {
	runs := 2 * ptyRuns(b)
	bins := ptyBinaries(b)
	cases := []ptyCase{
		{name: "floor", argv: []string{bins.floor}, ready: []string{"floor ready", "q quit"}},
		{name: "idvset-rev1", argv: []string{bins.idvset, "--db", benchDatabase(b, 1)}, ready: editorReady(1)},
		{name: "idvset-rev10000", argv: []string{bins.idvset, "--db", benchDatabase(b, 10_000)}, ready: editorReady(10_000)},
	}
	sums := measureInterleaved(b, cases, 120, 40, runs)
	report(b, "120x40", sums)
	for _, s := range sums {
		reportCase(b, s)
	}
	growth := sums[2].metrics["first-frame-ms"] - sums[1].metrics["first-frame-ms"]
	b.Run("history-growth", func(b *testing.B) {
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(growth, "first-frame-ms")
	})
}

// ptyBins are the programs the benchmarks run, built once per test binary.
type ptyBins struct{ idvset, floor string }

var (
	ptyBuildOnce sync.Once
	ptyBuilt     ptyBins
	ptyBuildErr  error
)

// ptyBinaries builds idvset as `make build` does, and the floor program.
func ptyBinaries(tb testing.TB) ptyBins {
	tb.Helper()
	ptyBuildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "idvset-ptybench-")
		if err != nil {
			ptyBuildErr = err
			return
		}
		ptyBuilt = ptyBins{idvset: filepath.Join(dir, "idvset"), floor: filepath.Join(dir, "ptyfloor")}
		for _, b := range []struct{ out, pkg string }{{ptyBuilt.idvset, "."}, {ptyBuilt.floor, "./testdata/ptyfloor"}} {
			if out, err := exec.Command("go", "build", "-o", b.out, b.pkg).CombinedOutput(); err != nil {
				ptyBuildErr = fmt.Errorf("go build %s: %v\n%s", b.pkg, err, out)
				return
			}
		}
	})
	if ptyBuildErr != nil {
		tb.Fatal(ptyBuildErr)
	}
	return ptyBuilt
}

// benchDatabase returns the realistic database of n revisions (see TestWriteBenchDatabase
// in persist), writing it the first time. It is kept under .data/bench (or
// IDVSET_BENCH_DB_DIR) in a directory named by a hash of the persist and model sources,
// so a change in how revisions are stored writes a new one (and removes the old).
func benchDatabase(tb testing.TB, n int) string {
	tb.Helper()
	root := os.Getenv(benchDBDirEnv)
	if root == "" {
		root = filepath.Join(".data", "bench")
	}
	key, err := sourceHash("persist", "model")
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(root, key)
	path, err := filepath.Abs(filepath.Join(dir, fmt.Sprintf("revisions-%d.db", n)))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if old, _ := filepath.Glob(filepath.Join(root, "*")); len(old) > 0 {
		for _, o := range old {
			if filepath.Base(o) != key {
				os.RemoveAll(o) // the fixtures of sources that changed since
			}
		}
	}
	tb.Logf("writing %s (once for these sources: about 20 ms a revision)", path)
	start := time.Now()
	cmd := exec.Command("go", "test", "-count=1", "-timeout=60m", "-run", "^TestWriteBenchDatabase$", "./persist")
	cmd.Env = append(os.Environ(), "IDVSET_BENCH_DB="+path, "IDVSET_BENCH_REVISIONS="+strconv.Itoa(n))
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Remove(path)
		tb.Fatalf("writing the benchmark database: %v\n%s", err, out)
	}
	tb.Logf("wrote %s in %v", path, time.Since(start).Round(time.Second))
	return path
}

// sourceHash is a short hash of the sources and data under the given directories
// (tests left out, but for the fixture's writer).
func sourceHash(dirs ...string) (string, error) {
	h := sha256.New()
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			// The fixture's writer and what the store and model are made of; other tests
			// do not change the file.
			test := strings.HasSuffix(p, "_test.go") && filepath.Base(p) != "benchdb_test.go"
			if test || strings.Contains(p, string(filepath.Separator)+"testdata"+string(filepath.Separator)) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", p, len(data))
			h.Write(data)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// BenchmarkCLI times commands on the realistic database, beside `idvset version` (the
// floor: a process that opens nothing), medians of interleaved runs: `idvset history`
// at 1 and 10,000 revisions (issue 13: under 20 ms at 10,000) and `idvset export` of the
// head at 10,000. Output goes to a pipe that is read to its end, as a script reads it.
// Also the database's size per revision (issue 13: a full revision under 1.5 KB).
func BenchmarkCLI(b *testing.B) {
	runs := 2 * ptyRuns(b)
	bins := ptyBinaries(b)
	db1, db10k := benchDatabase(b, 1), benchDatabase(b, 10_000)
	cases := []struct {
		name string
		args []string
	}{
		{"version", []string{"version"}},
		{"history-rev1", []string{"history", "--db", db1}},
		{"history-rev10000", []string{"history", "--db", db10k}},
		{"export-rev10000", []string{"export", "--db", db10k}},
	}
	ms := make([][]float64, len(cases))
	out := make([]float64, len(cases))
	for round := -1; round < runs; round++ {
		for i, c := range cases {
			cmd := exec.Command(bins.idvset, c.args...)
			var stdout countingWriter
			cmd.Stdout = &stdout
			start := time.Now()
			if err := cmd.Run(); err != nil {
				b.Fatalf("idvset %s: %v", strings.Join(c.args, " "), err)
			}
			if round >= 0 {
				ms[i] = append(ms[i], msOf(time.Since(start)))
				out[i] = float64(stdout.n)
			}
		}
	}
	var sums []ptySummary
	for i, c := range cases {
		sums = append(sums, ptySummary{name: c.name, ok: runs, metrics: map[string]float64{"ms": median(ms[i]), "stdout-bytes": out[i]}})
	}
	fi, err := os.Stat(db10k)
	if err != nil {
		b.Fatal(err)
	}
	sums = append(sums, ptySummary{name: "database-rev10000", ok: 1, metrics: map[string]float64{"bytes-per-revision": float64(fi.Size()) / 10_000}})
	report(b, "commands", sums)
	for _, s := range sums {
		reportCase(b, s)
	}
}

// countingWriter counts what a command writes and throws it away.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// floorCountries is testdata/ptyfloor/countries.tsv: the editor's countries as the floor
// shows and filters them (alpha-3, name, region as the Accepted IDs pane names it), in
// the pane's order: by name.
func floorCountries() string {
	var b strings.Builder
	cs := model.Countries()
	slices.SortStableFunc(cs, func(a, b model.Country) int { return strings.Compare(a.Name, b.Name) })
	for _, c := range cs {
		region := string(c.Region)
		region = region[:1] + strings.ToLower(region[1:])
		fmt.Fprintf(&b, "%s\t%s\t%s\n", c.Alpha3, c.Name, region)
	}
	return b.String()
}

// TestFloorCountries keeps the floor's rows the editor's: a filter keystroke then changes
// the same rows on both screens, and the figures compare. IDVSET_UPDATE_FLOOR=1 rewrites
// the file.
func TestFloorCountries(t *testing.T) {
	const path = "testdata/ptyfloor/countries.tsv"
	want := floorCountries()
	if os.Getenv("IDVSET_UPDATE_FLOOR") == "1" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("%s differs from model.Countries(): IDVSET_UPDATE_FLOOR=1 go test -run TestFloorCountries .", path)
	}
}
