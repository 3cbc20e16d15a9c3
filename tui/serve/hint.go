package serve

import (
	"net"
	"os"
	"strconv"
)

// ConnectHint says how admins connect to a listening address, for the log's "serving"
// line: the ssh command with its port, and for a loopback address that no one else can
// reach, the --listen that lets them.
func ConnectHint(a net.Addr) string {
	t, ok := a.(*net.TCPAddr)
	if !ok {
		return "ssh to it"
	}
	port := strconv.Itoa(t.Port)
	switch {
	case t.IP.IsLoopback():
		return "ssh -p " + port + " localhost (this machine only: --listen 0.0.0.0:" + port + " lets others in)"
	case t.IP.IsUnspecified():
		host, err := os.Hostname()
		if err != nil || host == "" {
			host = "HOST"
		}
		return "ssh -p " + port + " " + host
	}
	return "ssh -p " + port + " " + t.IP.String()
}
