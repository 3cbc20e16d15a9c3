package persist

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"os"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"

	"idvset/model"
)

// Two-factor authentication is TOTP as RFC 6238 and every authenticator app has it:
// HMAC-SHA-1, 6 digits, 30-second steps, one step of clock skew either way. A code is
// accepted once: the store keeps the last accepted step and takes only later ones.
const (
	totpPeriod     = 30
	totpSkew       = 1
	totpSecretSize = 20 // bytes: 160 bits, RFC 4226's recommendation
	totpIssuer     = "idvset"
	// maxAccountLen keeps the key URI within 78 bytes, which a version-4 QR code (33×33
	// modules) holds at level L: drawn in half blocks with a 2-module margin it is 37
	// columns by 19 lines, which fits an 80x24 terminal beside its instructions.
	maxAccountLen = 16
)

var totpOpts = hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// newTOTPKey makes a new random secret and its key URI. The label is issuer:account,
// with the issuer as the label's prefix rather than an issuer= parameter, and the
// defaults (SHA1, 6 digits, 30 s) left out: every app reads that form, and the shorter
// URI keeps the QR code small enough for 80x24.
func newTOTPKey(account string) (model.TOTPKey, error) {
	secret := make([]byte, totpSecretSize)
	if _, err := rand.Read(secret); err != nil {
		return model.TOTPKey{}, err
	}
	s := b32.EncodeToString(secret)
	return model.TOTPKey{
		Secret: s, Issuer: totpIssuer, Account: account,
		URI: "otpauth://totp/" + totpIssuer + ":" + account + "?secret=" + s,
	}, nil
}

// otpAccount is the account half of the label: this host's short name, so that an app
// holding the codes of several databases tells them apart ("idvset (jump1)"). Only
// letters, digits and '-' are kept, at most maxAccountLen of them; "portal" when none is
// left.
func otpAccount() string {
	host, _ := os.Hostname()
	host, _, _ = strings.Cut(host, ".")
	var b strings.Builder
	for _, r := range host {
		if b.Len() == maxAccountLen {
			break
		}
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "portal"
	}
	return b.String()
}

// totpStep is the time step of t.
func totpStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// matchTOTP returns the time step whose code equals code, trying the step of now and one
// step either side (the later first, so that of two equal codes the later step is spent).
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	if !isTOTPCode(code) {
		return 0, false
	}
	step := totpStep(now)
	for d := int64(totpSkew); d >= -totpSkew; d-- {
		ok, err := hotp.ValidateCustom(code, uint64(step+d), secret, totpOpts)
		if err == nil && ok {
			return step + d, true
		}
	}
	return 0, false
}

// isTOTPCode reports whether s is six ASCII digits.
func isTOTPCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Recovery codes stand in for a code, once each, when the authenticator is lost. Each is
// 80 random bits written as 16 characters of Crockford's Base32 in groups of four
// (7KQ2-M9XD-4FHT-ZP3R): no I, L, O or U to misread. They are stored as plain SHA-256
// hashes: 80 bits cannot be searched from a hash, and a salt or a slow hash protects only
// secrets that are guessable.
const recoveryGroups = 4

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// newRecoveryCodes returns n fresh codes, formatted for reading.
func newRecoveryCodes(n int) ([]string, error) {
	out := make([]string, n)
	for i := range out {
		raw := make([]byte, 10)
		if _, err := rand.Read(raw); err != nil {
			return nil, err
		}
		s := crockford.EncodeToString(raw)
		var groups []string
		for g := range recoveryGroups {
			groups = append(groups, s[g*4:g*4+4])
		}
		out[i] = strings.Join(groups, "-")
	}
	return out, nil
}

// normalizeRecoveryCode reads a recovery code as a person types it: any case, with or
// without dashes and spaces, O for 0 and I or L for 1. It reports false for anything
// that cannot be a recovery code.
func normalizeRecoveryCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case '-', ' ':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if !strings.ContainsRune("0123456789ABCDEFGHJKMNPQRSTVWXYZ", r) {
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() != 4*recoveryGroups {
		return "", false
	}
	return b.String(), true
}

// secretHash is how the store keeps a high-entropy secret (a recovery code, an API
// secret) that it only ever compares: "sha256:" and the hex digest.
func secretHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}
