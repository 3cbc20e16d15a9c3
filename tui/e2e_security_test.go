package tui

// End-to-end two-factor authentication: enrolment in the Security section with the code
// computed from the secret on the screen, as an authenticator app would; then a save
// without the code is refused and one with it goes through; and the command line refuses
// an import without --otp.

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// groupedSecret matches the Base32 secret as the enrolment screen shows it.
var groupedSecret = regexp.MustCompile(`\b((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})\b`)

// appCode is what an authenticator app shows for secret at t.
func appCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestEndToEndTwoFactor(t *testing.T) {
	const pw = "quiet river stone"
	db := initDB(t, pw)
	term := openTerminal(t, 80, 24, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "--db", db)
	term.waitFor("rev 1", "› Callback URL")

	// Enrol: the password, then the QR code with the secret beside it.
	term.send("M-8")
	term.waitFor("Two-factor ! off", "no API credentials yet")
	term.send("t")
	term.waitFor("step 1 of 3", "Portal password")
	term.typeText(pw).send("Enter")
	screen := term.waitFor("step 2 of 3", "Code from the app", "otpauth URI:", "█████")
	m := groupedSecret.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no secret on the screen:\n%s", screen)
	}
	secret := strings.ReplaceAll(m[1], " ", "")
	t.Logf("the enrolment screen at 80x24:\n%s", screen)
	term.typeText("000000").send("Enter")
	term.waitFor("✗ wrong or already used code")
	term.typeText(appCode(t, secret, time.Now())).send("Enter")
	term.waitFor("step 3 of 3", "they will not be shown again")
	term.send("Enter")
	term.waitFor("Two-factor ✓ on since", "8 of 8 recovery codes left")

	// A save without the code is refused; with the code it goes through.
	term.send("M-1", "Enter").typeText("https://example.com/2fa").send("Enter")
	term.waitFor("● 1 unsaved change")
	term.send("C-s")
	term.waitFor("Review: 1 change against revision 1")
	term.send("Enter")
	term.waitFor("Portal password", "Two-factor code")
	term.typeText(pw).send("Enter")
	term.send("Enter") // no code
	term.waitFor("two-factor authentication is on: enter the code from your app as well", "● 1 unsaved change")
	// The enrolment spent the current step's code: the app's next one is within the skew.
	term.typeText(pw).send("Enter").typeText(appCode(t, secret, time.Now().Add(30*time.Second))).send("Enter")
	term.waitFor("✓ saved revision 2", "no unsaved changes")
	term.send("q")
	term.exited()

	// The command line: an import without --otp is refused with exit 1, and saves nothing.
	doc := filepath.Join(t.TempDir(), "doc.json")
	if err := os.WriteFile(doc, []byte(`{"format": "idvset.settings/v1", "general": {"tokenLifetimeMinutes": 45}, "security": {"twoFactor": true}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(idvsetBinary(t), "import", doc, "--db", db, "--password-stdin")
	cmd.Stdin = strings.NewReader(pw + "\n")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "otp: two-factor authentication is on") {
		t.Fatalf("import without --otp: %v\n%s", err, out)
	}
	hist, err := exec.Command(idvsetBinary(t), "history", "--db", db).CombinedOutput()
	if err != nil || strings.Count(strings.TrimSpace(string(hist)), "\n") != 1 {
		t.Fatalf("history after the refused import (want 2 revisions): %v\n%s", err, hist)
	}
}
