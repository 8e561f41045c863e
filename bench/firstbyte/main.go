// Command firstbyte measures how soon a freshly started server answers:
// it starts the command given, then polls the URL every half millisecond
// and prints the milliseconds from exec to the first 200. The server is
// stopped afterwards.
//
//	firstbyte -url http://127.0.0.1:9200/healthz -- bin/declinekit
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"time"
)

func main() {
	url := flag.String("url", "", "URL to poll")
	limit := flag.Duration("limit", 10*time.Second, "give up after")
	flag.Parse()
	if *url == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: firstbyte -url URL -- command [args]")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Env = os.Environ()
	client := &http.Client{Timeout: 100 * time.Millisecond}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	for time.Since(start) < *limit {
		resp, err := client.Get(*url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				fmt.Printf("%.1f\n", float64(time.Since(start).Microseconds())/1000)
				return
			}
		}
		time.Sleep(500 * time.Microsecond)
	}
	fmt.Fprintln(os.Stderr, "no answer within", *limit)
	os.Exit(1)
}
