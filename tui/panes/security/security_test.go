package security

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/charmbracelet/x/ansi"

	"idvset/model"
	"idvset/tui/common"
	"idvset/tui/components/qrcode"
	"idvset/tui/panetest"
)

func TestShowsState(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		h, _ := newPane(t, s)
		h.WantView("Two-factor", "! off: saves need the password only (t turns it on)",
			"Password", "argon2id", "Lockout", "no failed attempts",
			"API credentials", "no API credentials yet: press n to create one")
	})
}

// TestLockoutLine: the failures in a row and when the next attempt is considered.
func TestLockoutLine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) // the harness's clock
		s.lockout = model.Lockout{Failures: 3, LastFailure: now}
		h, _ := newPane(t, s)
		h.WantView("3 failures in a row (5 lock for 30 s); next attempt at once")
		s.lockout = model.Lockout{Failures: 6, LastFailure: now, Until: now.Add(80 * time.Second)}
		h.Send(common.HeadMsg{Rev: 1})
		h.WantView("✗ locked after 6 failures: next attempt 12:01:20 UTC (in 1m20s)")
	})
}

// enrol walks the enrolment as a user would, up to the QR code.
func enrolToQR(t *testing.T, h *panetest.Harness) {
	t.Helper()
	h.Press("t")
	h.WantView("Turn on two-factor authentication · step 1 of 3", "Portal password")
	h.Type("not the password").Press("enter")
	h.WantView("✗ wrong password: nothing was changed; try again")
	h.Type(testPassword).Press("enter")
	h.WantView("step 2 of 3", "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", "Code from the app")
}

func TestEnrolment(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		h, rec := newPane(t, s)
		enrolToQR(t, h)
		if !h.Pane.Capturing() {
			t.Error("the code field does not capture keys")
		}
		// Not six digits: said at once, and no attempt is made.
		h.Type("12").Press("enter")
		h.WantView("✗ type the 6-digit code your app shows")
		h.Erase(2).Type("654321").Press("enter")
		h.WantView("✗ wrong or already used code: try the", "JBSW Y3DP")
		h.Type(goodCode).Press("enter")
		h.WantView("Two-factor authentication is on · step 3 of 3", "they will not be shown again.",
			"7KQ2-M9XD-4FHT-ZP3R", "2222-3333-4444-5555")
		if h.Status.Text != "two-factor authentication is on: saves now ask for a code" {
			t.Errorf("status %q", h.Status.Text)
		}
		if !slices.Equal(rec.twoFactor, []bool{true}) {
			t.Errorf("TwoFactorMsg sent %v, want [true]: the draft would not ask for a code", rec.twoFactor)
		}
		// q is not quit here: the pane keeps the keyboard until the codes are stored.
		if !h.Pane.Capturing() {
			t.Error("the recovery codes screen lets q quit")
		}
		h.Press("enter")
		h.NotView("7KQ2-M9XD")
		h.WantView("✓ on since 2026-03-01 · 8 of 8 recovery codes left")
		want := []string{"BeginEnrolment", "BeginEnrolment", "EnableTwoFactor", "EnableTwoFactor"}
		if !slices.Equal(s.calls, want) {
			t.Errorf("store calls %v, want %v", s.calls, want)
		}
	})
}

func TestEnrolmentCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		h, rec := newPane(t, s)
		enrolToQR(t, h)
		h.WantSaid(panetest.Key("esc"), common.StatusMsg{Kind: common.StatusInfo,
			Text: "enrolment cancelled: two-factor authentication stays off; nothing was stored"})
		h.WantView("! off")
		if s.on || len(rec.twoFactor) > 0 {
			t.Errorf("on %v, sent %v", s.on, rec.twoFactor)
		}
	})
}

// TestQRFitsAt80x24: the whole QR code, the secret and the whole URI on one screen, in the
// pane's share of an 80x24 terminal (80x19), with the code field.
func TestQRFitsAt80x24(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := newPane(t, newFakeStore(), panetest.Size(80, 19))
		enrolToQR(t, h)
		view := h.Pane.View()
		lines := strings.Split(view, "\n")
		if len(lines) > 19 {
			t.Fatalf("%d lines", len(lines))
		}
		qr := qrcode.Lines(testURI, false)
		if len(qr) != 19 {
			t.Fatalf("the QR code is %d lines, want 19", len(qr))
		}
		var text []string
		for i, l := range lines {
			plain := ansi.Strip(l)
			if w := common.CellWidth(l); w > 80 {
				t.Fatalf("line %d is %d wide: %q", i, w, plain)
			}
			if ansi.Truncate(plain, 37, "") != qr[i] {
				t.Fatalf("line %d of the QR code is %q, want %q", i, ansi.Truncate(plain, 37, ""), qr[i])
			}
			text = append(text, strings.TrimSpace(ansi.TruncateLeft(plain, 39, "")))
		}
		joined := strings.Join(text, "")
		for _, want := range []string{testURI, "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", "Code from the app", "esc cancels"} {
			if !strings.Contains(joined, want) {
				t.Errorf("the text beside the QR code lacks %q:\n%s", want, strings.Join(text, "\n"))
			}
		}
		// ctrl+r draws it the other way round, for a light terminal without colour.
		h.Press("ctrl+r")
		if got := ansi.Truncate(ansi.Strip(strings.Split(h.Pane.View(), "\n")[1]), 37, ""); got != qrcode.Lines(testURI, true)[1] {
			t.Errorf("inverted: %q", got)
		}
	})
}

// TestQRSmallPane: without room for the code, the secret and the URI are still there, and
// the pane says why the code is missing.
func TestQRSmallPane(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := newPane(t, newFakeStore(), panetest.Size(60, 19))
		enrolToQR(t, h)
		h.WantView("no room for the QR code: enlarge the terminal to 80x24", "JBSW Y3DP", "Code from the app")
		h.NotView("█")
		h.Resize(60, 40)
		h.WantView("█████████████████████████████████████", "JBSW Y3DP", "Code from the app")
		h.NotView("no room")
	})
}

func TestDisable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		s.on, s.left = true, 3
		h, rec := newPane(t, s)
		h.WantView("✓ on since")
		h.Press("t")
		h.WantView("Turn off two-factor authentication", "Portal password", "Two-factor code")
		h.Type(testPassword).Press("enter")
		h.Press("enter")
		h.WantView("✗ type the code from your app (or a recovery code)")
		if len(s.calls) > 0 {
			t.Fatalf("a missing code reached the store: %v", s.calls)
		}
		h.Type("111111").Press("enter")
		h.WantView("✗ wrong or already used code")
		// The refused form starts empty: the password must be typed again.
		h.Type(testPassword).Press("enter").Type(recoveryCodes[2]).Press("enter")
		h.WantView("! off")
		if h.Status.Text != "two-factor authentication is off: saves ask for the password only" || !slices.Equal(rec.twoFactor, []bool{true, false}) {
			t.Errorf("status %q, sent %v", h.Status.Text, rec.twoFactor)
		}
	})
}

// TestPasswordChange: old, new twice, with the first run's feedback; mistakes caught in
// the form cost no attempt.
func TestPasswordChange(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		h, rec := newPane(t, s)
		h.Press("p")
		h.WantView("Change the portal password", "Current password", "New password", "Repeat the new password",
			"at least 12 characters; a passphrase")
		h.Type(testPassword).Press("enter").Type("short")
		h.WantView("strength: too short", "✗ password: at least 12 characters (5 so far)")
		h.Press("enter")
		h.WantView("Repeat the new password", "✗ new password: at least 12 characters (5 so far)")
		h.Erase(5).Type("a far better passphrase").Press("enter").Type("a far better")
		h.WantView("strength: strong", "✓ meets the password policy", "repeat it…")
		h.Press("enter")
		h.WantView("✗ the two new passwords differ")
		if len(s.calls) > 0 {
			t.Fatalf("the store was asked: %v", s.calls)
		}
		h.Type(" passphrase")
		h.WantView("✓ the passwords match")
		// What enter sends the store; its verdict is said in the Update that takes it,
		// drawn in the same frame as the dialog closing.
		h.WantSaid(rec.submit(rec.dialog)(), common.StatusMsg{Kind: common.StatusSuccess,
			Text: "password changed: every save asks for the new one"})
		if s.password != "a far better passphrase" {
			t.Errorf("password %q", s.password)
		}
		h.WantView("Two-factor")
	})
}

// TestPasswordChangeAsksForCode: with two-factor on, the form has the code field.
func TestPasswordChangeAsksForCode(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		s.on = true
		h, _ := newPane(t, s)
		h.Press("p")
		h.WantView("Two-factor code", "sealed again under it")
		h.Type(testPassword).Press("enter").Type("another good passphrase").Press("enter").Type("another good passphrase").Press("enter")
		h.Type(goodCode).Press("enter")
		if s.password != "another good passphrase" {
			t.Errorf("password not changed: %v", s.calls)
		}
	})
}

func TestCredentials(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		h, _ := newPane(t, s)
		// An API token: the label, the password; the secret is shown once.
		h.Press("n")
		h.WantView("New API credential", "Label", "Kind", "API token", "Portal password")
		h.Press("enter")
		h.WantView("✗ label: required")
		h.Type(" ci deploy").Press("enter")
		h.WantView("✗ label: no leading or trailing spaces")
		h.Press("home", "delete", "enter", "enter").Type(testPassword).Press("enter")
		h.WantView("API credential created", "Copy the secret now: it will not be shown again",
			"label   ci deploy", "kind    api_token", "token   tok_000000000001", "secret  secret-number-1-")
		h.Press("enter")
		h.NotView("secret-number-1")
		h.WantView("ci deploy", "api_token", "tok_000000000001", "1 credential")

		// An OAuth2 client with both scopes: the kind is chosen with → in its field.
		h.Press("n").Type("backend").Press("enter", "right", "right", "right")
		h.WantView("OAuth2 client: initiate and retrieve")
		h.Press("enter").Type(testPassword).Press("enter")
		h.WantView("kind    oauth2_client (initiate, retrieve)", "client  cli_000000000002")
		h.Press("esc")
		h.WantView("initiate retrieve", "2 credentials")

		// Rotate the one under the cursor (the new one).
		h.Press("r")
		h.WantView("Rotate a credential's secret", "backend (cli_000000000002) gets a new secret")
		h.Type(testPassword).Press("enter")
		h.WantView("New secret for backend", "secret  rotated-secret-")
		h.Press("enter")
		h.WantView("rotated 2026-03-02 08:00 (UTC)")

		// Revoke both: marked with space.
		h.Press("home", "space", "down", "space")
		h.WantView("2 marked")
		h.Press("x")
		h.WantView("Revoke 2 credentials", "ci deploy (tok_000000000001), backend (cli_000000000002)", "This cannot be undone")
		h.Type(testPassword).Press("enter")
		h.WantView("2026-03-03")
		if h.Status.Text != "revoked 2 credentials: their secrets no longer work" {
			t.Errorf("status %q", h.Status.Text)
		}
		// A revoked credential can be neither rotated nor revoked again.
		h.WantSaid(panetest.Key("r"), common.StatusMsg{Kind: common.StatusInfo, Text: "rotate: this credential is revoked"})
		if h.Pane.Capturing() {
			t.Error("r on a revoked credential opened a dialog")
		}
		h.Press("x")
		if h.Status.Text != "revoke: revoked already" {
			t.Errorf("x on revoked credentials: status %q", h.Status.Text)
		}
	})
}

// TestNoStore: a store without security (a file) says where security lives.
func TestNoStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := newPane(t, nil)
		h.WantView("API credentials live in the")
		h.Press("t")
		if h.Pane.Capturing() || h.Status.Text != "2FA on: no database: security lives there" {
			t.Errorf("t without a store: status %q", h.Status.Text)
		}
	})
}

func TestReadOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, _ := newPane(t, newFakeStore(), panetest.ReadOnly())
		h.WantView(common.ReadOnlyNotice)
		for _, k := range []string{"t", "p", "n"} {
			h.Press(k)
			if h.Pane.Capturing() {
				t.Fatalf("%s opened a dialog under --readonly", k)
			}
		}
		help := common.FullHelp(h.Pane.KeyMap())
		found := false
		for _, col := range help {
			for _, k := range col {
				if k.Binding.Help().Key == "n" && k.Reason == common.ReadOnlyReason {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("the full help does not say why n is off: %+v", help)
		}
	})
}

// TestEverySize draws the pane in each of its states at every size.
func TestEverySize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newFakeStore()
		for i := range 3 {
			s.creds = append(s.creds, model.Credential{ID: "tok_" + strings.Repeat("x", 11) + string(rune('a'+i)),
				Label: strings.Repeat("long label ", 5), Kind: model.OAuth2Client, Scopes: model.Scopes,
				Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)})
		}
		h, _ := newPane(t, s)
		h.EverySize(120, 40)
		h.Press("p")
		h.EverySize(120, 40)
		h.Press("esc", "t").Type(testPassword).Press("enter")
		h.WantView("step 2 of 3")
		h.EverySize(120, 40)
		h.Type(goodCode).Press("enter")
		h.WantView("step 3 of 3")
		h.EverySize(120, 40)
	})
}
