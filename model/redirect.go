package model

import "strings"

// RedirectPlaceholder stands in the preview for values only known per transaction
// (customerInternalReference, transactionReference, errorCode). "…" is what the spec
// shows; it is one column wide, so a preview still fits an 80-column terminal.
const RedirectPlaceholder = "…"

// RedirectPreview returns what the end user's browser is sent to after a verification:
// status "SUCCESS" or "ERROR" with the parameters the portal appends, e.g.
//
//	https://shop.example/done?transactionStatus=SUCCESS&customerInternalReference=…&transactionReference=…
//
// and for "ERROR" also "&errorCode=…". A query already in base is kept and the portal's
// parameters are joined to it with "&"; they go before a fragment (which URL rule 5
// refuses anyway). An empty base returns "": the end user then sees the portal's own
// result page, which the caller says in words.
func RedirectPreview(base, status string) string {
	if base == "" {
		return ""
	}
	frag := ""
	if i := strings.IndexByte(base, '#'); i >= 0 {
		base, frag = base[:i], base[i:]
	}
	var b strings.Builder
	b.WriteString(base)
	switch {
	case !strings.Contains(base, "?"):
		b.WriteByte('?')
	case !strings.HasSuffix(base, "?") && !strings.HasSuffix(base, "&"):
		b.WriteByte('&')
	}
	b.WriteString("transactionStatus=" + status)
	b.WriteString("&customerInternalReference=" + RedirectPlaceholder)
	b.WriteString("&transactionReference=" + RedirectPlaceholder)
	if status == "ERROR" {
		b.WriteString("&errorCode=" + RedirectPlaceholder)
	}
	b.WriteString(frag)
	return b.String()
}
