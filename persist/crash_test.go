package persist

import (
	"bufio"
	"bytes"
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"idvset/model"
)

// crashChildEnv, when set to a database path, turns the test binary into the child of
// TestCrashDuringSaves: it saves in a loop until it is killed.
const crashChildEnv = "IDVSET_TEST_CRASH_CHILD"

// crashSeedEnv seeds TestCrashDuringSaves's kill times, to replay a failure;
// crashKillsEnv sets how many kills it makes.
const (
	crashSeedEnv  = "IDVSET_CRASH_SEED"
	crashKillsEnv = "IDVSET_CRASH_KILLS"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path)
		return
	}
	if path := os.Getenv(attemptChildEnv); path != "" {
		attemptChild(path)
		return
	}
	os.Exit(m.Run())
}

// crashDocs are the documents the child cycles through. They differ in every table the
// store writes, so a half-written save would show as a mix. They share their documents,
// which are never deleted.
func crashDocs() []model.Settings {
	a := fullDoc()
	b := fullDoc()
	b.General.CallbackURL = "https://hooks.example.com/b"
	b.General.OwnedDomains = []string{"example.com", "example.org"}
	b.Client.CaptureMethod = model.CaptureUploadOnly
	b.Branding.Default.HeaderImage = testImage(5, 5, color.RGBA{0xff, 0, 0, 0xff})
	b.Branding.Locales["de"] = model.BrandScope{PrimaryColor: "#0000FF"}
	b.AcceptedIDs.Countries["DEU"] = []model.IDType{model.Passport}
	b.DataSettings.Fields.MRZCheck = false
	b.Documents[1].Enabled = true
	b.Documents[0].Translations["fr"] = "Facture"
	c := model.Default()
	c.Documents = fullDoc().Documents
	c.Documents[0].Name = "Utility bill (c)"
	return []model.Settings{a, b, c}
}

// crashChild saves the crash documents in turn, as fast as it can, forever. It prints
// "begin" before and "done" after each save, so the parent can wait for the first save
// and tell afterwards whether the kill came inside one.
func crashChild(path string) {
	s, err := Open(path, Options{Author: "child"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	base, _, err := s.Head()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	docs := crashDocs()
	for i := 0; ; i++ {
		fmt.Println("begin")
		rev, err := s.commit(docs[i%len(docs)], base, "")
		if err == model.ErrNothingToSave {
			continue
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println("done")
		base = rev
	}
}

// TestCrashDuringSaves kills a process that saves in a loop at a random moment, 20
// times (1,000 under make torture, or IDVSET_CRASH_KILLS). Each time the file must pass
// PRAGMA integrity_check and be consistent (checkConsistent): its head one of the
// documents being saved, whole, in the revisions table and the normalised tables, and
// its revisions contiguous.
func TestCrashDuringSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	kills := tortureSize(t, crashKillsEnv, 20, 1000)
	s, path := newStore(t, nil)
	s.Close()
	valid := map[string]bool{string(model.Encode(model.Default())): true}
	for _, d := range crashDocs() {
		valid[string(model.Encode(d))] = true
	}
	// The kill times are random; a failure replays with the seed it logs.
	seed := uint64(time.Now().UnixNano())
	if env := os.Getenv(crashSeedEnv); env != "" {
		var err error
		if seed, err = strconv.ParseUint(env, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", crashSeedEnv, env, err)
		}
	}
	t.Logf("kill times seeded with %d (replay: %s=%d %s=%d go test -run '^TestCrashDuringSaves$' ./persist)", seed, crashSeedEnv, seed, crashKillsEnv, kills)
	rng := rand.New(rand.NewPCG(seed, 1))
	lastHead := 1
	inside := 0 // kills that came between "begin" and "done"
	start := time.Now()
	var saving time.Duration // time the children ran after their first save
	saves := 0               // saves they finished in that time
	for round := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		for lines.Scan() && lines.Text() != "done" {
		}
		if lines.Err() != nil || lines.Text() != "done" {
			cmd.Wait()
			t.Fatalf("round %d: child did not save: %v %s", round, lines.Err(), stderr.String())
		}
		// A save takes some 10 ms (more under -race): most kills land inside one.
		began := time.Now()
		time.Sleep(time.Duration(rng.IntN(30_000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		saving += time.Since(began)
		last := ""
		for lines.Scan() {
			if last = lines.Text(); last == "done" {
				saves++
			}
		}
		if last == "begin" {
			inside++
		}
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: child ended by itself (%v): %s", round, err, stderr.String())
		}
		rev, head := checkConsistent(t, path, fmt.Sprintf("round %d (seed %d)", round, seed))
		if !valid[string(model.Encode(head))] {
			t.Fatalf("round %d: head revision %d is none of the saved documents", round, rev)
		}
		lastHead = rev
	}
	elapsed := time.Since(start)
	t.Logf("figures: %d SIGKILLs, %d inside a save, in %v; %d revisions, %.0f saves/s while the children ran; integrity_check ok after each",
		kills, inside, elapsed.Round(time.Millisecond), lastHead, float64(saves)/saving.Seconds())
	if inside < kills/5 {
		t.Errorf("only %d of %d kills came inside a save", inside, kills)
	}
}
