// Command declinekit runs the declinekit HTTP service.
//
//	declinekit              serve HTTP (configured by environment variables)
//	declinekit healthcheck  exit 0 when the local server's /healthz answers 200
//	declinekit version      print the build's version
package main

import (
	"context"
	"os"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		os.Exit(exitCode(err, os.Stderr))
	}
}
