package main

// Profiles of the real program's startup (`make profile`): the test binary of this
// package runs as idvset itself (TestMain, asMainEnv) in a pseudo-terminal, on the
// benchmark databases, until its first full frame; then it quits and writes a CPU profile
// (or, in one run of each, a profile of every allocation). The profiles of the runs are
// merged and summarised with `go tool pprof`.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strings"
	"testing"
	"time"
)

// The environment of the program when it runs as idvset.
const (
	asMainEnv     = "IDVSET_TEST_AS_MAIN" // "1": the test binary is idvset; its arguments are idvset's
	cpuProfileEnv = "IDVSET_CPUPROFILE"   // a CPU profile of the whole process, sampled at 1 kHz
	memProfileEnv = "IDVSET_MEMPROFILE"   // the allocations profile at exit
	traceEnv      = "IDVSET_TRACE"        // an execution trace (runtime/trace) of the whole process
	// profileDirEnv, set, makes TestProfileStartup profile the startup into that directory.
	profileDirEnv = "IDVSET_PROFILE_DIR"
)

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		os.Exit(profiledMain())
	}
	os.Exit(m.Run())
}

// profiledMain is main with the profiles asked for in the environment.
func profiledMain() int {
	if path := os.Getenv(cpuProfileEnv); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return exitUsage
		}
		defer f.Close()
		// 1 kHz rather than 100 Hz: a startup lasts tens of milliseconds. (StartCPUProfile
		// then says it cannot set its own rate, on stderr; the alternate screen hides it.)
		runtime.SetCPUProfileRate(1000)
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return exitUsage
		}
		defer pprof.StopCPUProfile()
	}
	if path := os.Getenv(traceEnv); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return exitUsage
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return exitUsage
		}
		defer trace.Stop()
	}
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if path := os.Getenv(memProfileEnv); path != "" {
		if err := writeProfile("allocs", path); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return exitUsage
		}
	}
	return code
}

func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// TestProfileStartup profiles idvset from its start to its first full frame at 120x40,
// on the benchmark databases of 1 and 10,000 revisions: 20 runs each for the CPU, one
// with every allocation recorded (GODEBUG=memprofilerate=1), one traced (runtime/trace:
// where the wall time goes, goroutine by goroutine). It writes cpu-rev<N>.pb.gz,
// allocs-rev<N>.pb.gz and trace-rev<N>.out under IDVSET_PROFILE_DIR and prints the
// profiles' top functions (see a trace with go tool trace). Skipped unless that variable is set (make profile).
func TestProfileStartup(t *testing.T) {
	dir := os.Getenv(profileDirEnv)
	if dir == "" {
		t.Skipf("set %s=DIR to profile the startup (make profile)", profileDirEnv)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const runs = 20
	for _, revs := range []int{1, 10_000} {
		db := benchDatabase(t, revs)
		var cpu []string
		for i := range runs {
			p := filepath.Join(dir, fmt.Sprintf("cpu-rev%d-%02d.pprof", revs, i))
			profileRun(t, db, revs, cpuProfileEnv+"="+p)
			cpu = append(cpu, p)
		}
		merged := filepath.Join(dir, fmt.Sprintf("cpu-rev%d.pb.gz", revs))
		pprofTool(t, append([]string{"-proto", "-output", merged}, cpu...)...)
		for _, p := range cpu {
			os.Remove(p)
		}
		allocs := filepath.Join(dir, fmt.Sprintf("allocs-rev%d.pb.gz", revs))
		profileRun(t, db, revs, memProfileEnv+"="+allocs, "GODEBUG=memprofilerate=1")
		profileRun(t, db, revs, traceEnv+"="+filepath.Join(dir, fmt.Sprintf("trace-rev%d.out", revs)))

		fmt.Printf("\n# startup to the first frame, %d revisions: CPU of %d runs (1 kHz), cumulative\n", revs, runs)
		fmt.Print(pprofTool(t, "-top", "-cum", "-nodecount=45", merged))
		fmt.Printf("\n# startup to the first frame, %d revisions: CPU, flat\n", revs)
		fmt.Print(pprofTool(t, "-top", "-nodecount=25", merged))
		fmt.Printf("\n# startup to the first frame, %d revisions: bytes allocated (one run), cumulative\n", revs)
		fmt.Print(pprofTool(t, "-top", "-cum", "-sample_index=alloc_space", "-nodecount=45", allocs))
		fmt.Printf("\n# startup to the first frame, %d revisions: bytes in use at exit (one run), flat\n", revs)
		fmt.Print(pprofTool(t, "-top", "-sample_index=inuse_space", "-nodecount=20", allocs))
	}
	fmt.Printf("\nprofiles in %s: go tool pprof -http=: %s\n", dir, filepath.Join(dir, "cpu-rev10000.pb.gz"))
}

// profileRun starts this test binary as idvset on db in a 120x40 pty with env added,
// waits for the first full frame and quits with q, so the profiles are written.
func profileRun(t *testing.T, db string, revs int, env ...string) {
	t.Helper()
	env = append(append(ptyEnvironment(), asMainEnv+"=1"), env...)
	term, err := startPTY([]string{os.Args[0], "--db", db}, env, 120, 40)
	if err != nil {
		t.Fatal(err)
	}
	defer term.stop(time.Second)
	if _, err := term.waitFor(editorReady(revs), ptyReadyTimeout); err != nil {
		t.Fatalf("first frame: %v\n%s", err, trimScreen(term.screen()))
	}
	term.press(parsePTYKey("q"))
	select {
	case <-term.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("q did not quit:\n%s", trimScreen(term.screen()))
	}
}

// pprofTool runs go tool pprof with args and returns its output.
func pprofTool(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"tool", "pprof"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go tool pprof %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
