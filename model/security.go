package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The security state that lives in the store, never in a document: two-factor enrolment,
// the lockout, API credentials. The types are here so that the store returns them and the
// editor shows them without importing each other.

// The refusals of the security operations, besides those of a save (ErrWrongPassword,
// ErrWrongOTP, ErrOTPRequired, *LockedError).
var (
	// ErrTwoFactorOn: enrolment was asked while two-factor authentication is on.
	ErrTwoFactorOn = errors.New("two-factor authentication is already on: turn it off first (idvset security otp disable)")
	// ErrTwoFactorOff: disabling was asked while two-factor authentication is off.
	ErrTwoFactorOff = errors.New("two-factor authentication is off")
	// ErrBadEnrolmentCode: the code typed to confirm an enrolment is not 6 digits.
	ErrBadEnrolmentCode = errors.New("type the 6-digit code your authenticator app shows for idvset")
	// ErrNoCredential: no API credential has that id.
	ErrNoCredential = errors.New("no such credential")
	// ErrCredentialRevoked: the credential was revoked; it can be neither used nor rotated.
	ErrCredentialRevoked = errors.New("the credential is revoked")
)

// TwoFactor is the two-factor enrolment state.
type TwoFactor struct {
	On bool
	// Since is when the authenticator was enrolled (zero while off).
	Since time.Time
	// RecoveryCodesLeft counts the recovery codes not used yet.
	RecoveryCodesLeft int
}

// TOTPKey is a new authenticator secret, offered at enrolment and stored (encrypted) only
// once a code from it is confirmed.
type TOTPKey struct {
	// Secret is the shared secret in Base32 (RFC 4648, no padding), as authenticator
	// apps take it when typed.
	Secret string
	// URI is the otpauth:// key URI the QR code carries.
	URI string
	// Issuer and Account make up the label apps show ("idvset (jumphost)").
	Issuer, Account string
}

// RecoveryCodeCount is how many one-time recovery codes an enrolment makes.
const RecoveryCodeCount = 8

// Lockout is the state of the failed-attempt counter.
type Lockout struct {
	// Failures counts failed password or code attempts in a row.
	Failures int
	// LastFailure is when the last one was (zero when none is counted).
	LastFailure time.Time
	// Until is when the next attempt will be considered; zero or past: at once.
	Until time.Time
}

// Locked reports whether an attempt made at now would be refused.
func (l Lockout) Locked(now time.Time) bool { return !l.Until.IsZero() && now.Before(l.Until) }

// CredentialKind is what an API credential is for.
type CredentialKind string

// The kinds of API credential (PRODUCT.md §1.7).
const (
	// APIToken is an API token and secret (HTTP basic authentication).
	APIToken CredentialKind = "api_token"
	// OAuth2Client is an OAuth2 client id and secret, with scopes.
	OAuth2Client CredentialKind = "oauth2_client"
)

// The scopes of an OAuth2 client.
const (
	ScopeInitiate = "initiate" // start verifications
	ScopeRetrieve = "retrieve" // read their results
)

// Scopes lists the OAuth2 scopes in their canonical order.
var Scopes = []string{ScopeInitiate, ScopeRetrieve}

// Credential is an API credential as listed: never its secret, which the store keeps only
// as a hash.
type Credential struct {
	// ID is the token id or client id: not secret, shown with the credential.
	ID    string
	Label string
	Kind  CredentialKind
	// Scopes of an OAuth2 client, in canonical order; none for an API token.
	Scopes []string
	// Created, Rotated (zero when never) and Revoked (zero while in use).
	Created, Rotated, Revoked time.Time
}

// IsRevoked reports whether the credential was revoked.
func (c Credential) IsRevoked() bool { return !c.Revoked.IsZero() }

// NewCredential is what creating a credential asks for.
type NewCredential struct {
	Label  string
	Kind   CredentialKind
	Scopes []string
}

// MaxCredentialLabel bounds a credential's label, in characters.
const MaxCredentialLabel = 64

// CheckCredential applies the rules of a new credential: a label of printable characters
// (1–64, no leading or trailing space), a known kind, and for an OAuth2 client one or both
// scopes (an API token has none). It returns the credential with its scopes in canonical
// order and without repeats.
func CheckCredential(c NewCredential) (NewCredential, Violations) {
	var vs Violations
	if err := CheckCredentialLabel(c.Label); err != nil {
		vs = append(vs, Violation{Path: "label", Message: err.Error()})
	}
	var scopes []string
	for _, s := range Scopes {
		if slices.Contains(c.Scopes, s) {
			scopes = append(scopes, s)
		}
	}
	for _, s := range c.Scopes {
		if !slices.Contains(Scopes, s) {
			vs = append(vs, Violation{Path: "scopes", Message: fmt.Sprintf("unknown scope %q: use %s", s, strings.Join(Scopes, ", "))})
		}
	}
	switch c.Kind {
	case APIToken:
		if len(c.Scopes) > 0 {
			vs = append(vs, Violation{Path: "scopes", Message: "an api_token has no scopes: scopes are for an oauth2_client"})
		}
	case OAuth2Client:
		if len(c.Scopes) == 0 {
			vs = append(vs, Violation{Path: "scopes", Message: "an oauth2_client needs a scope: initiate, retrieve, or both"})
		}
	default:
		vs = append(vs, Violation{Path: "kind", Message: fmt.Sprintf("unknown kind %q: use %s or %s", string(c.Kind), APIToken, OAuth2Client)})
	}
	c.Scopes = scopes
	return c, vs
}

// CheckCredentialLabel applies the label rule alone (for the editor, as it is typed).
func CheckCredentialLabel(label string) error {
	n := utf8.RuneCountInString(label)
	switch {
	case !utf8.ValidString(label):
		return errors.New("not valid UTF-8")
	case strings.TrimSpace(label) == "":
		return errors.New("required: a name that says what uses the credential (\"ci deploy\")")
	case n > MaxCredentialLabel:
		return fmt.Errorf("at most %d characters (%d)", MaxCredentialLabel, n)
	case strings.TrimSpace(label) != label:
		return errors.New("no leading or trailing spaces")
	}
	for _, r := range label {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("only printable characters: %q is not", string(r))
		}
	}
	return nil
}
