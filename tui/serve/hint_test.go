package serve

import (
	"net"
	"os"
	"testing"
)

// The log tells admins the command that reaches the server, and warns when only this
// machine can.
func TestConnectHint(t *testing.T) {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "HOST"
	}
	for _, tc := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}, "ssh -p 2222 localhost (this machine only: --listen 0.0.0.0:2222 lets others in)"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 23}, "ssh -p 23 localhost (this machine only: --listen 0.0.0.0:23 lets others in)"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 2222}, "ssh -p 2222 " + host},
		{&net.TCPAddr{IP: net.IPv4(192, 0, 2, 7), Port: 2222}, "ssh -p 2222 192.0.2.7"},
		{&net.UnixAddr{Name: "/run/idvset.sock", Net: "unix"}, "ssh to it"},
	} {
		if got := ConnectHint(tc.addr); got != tc.want {
			t.Errorf("ConnectHint(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}
