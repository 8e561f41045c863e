// Command profserver runs declinekit's handler, configured as the shipped
// binary configures it from the environment, and writes a CPU or heap
// profile, or an execution trace, of a window of load. It is a benchmark
// tool, not part of the shipped binary.
//
//	DECLINEKIT_CORS_ORIGINS=https://coach.example.com \
//	  GOMAXPROCS=1 taskset -c 0 go run ./bench/profserver -cpuprofile cpu.out -after 1s -for 5s &
//	taskset -c 1 wrk -t1 -c32 -d8s -s drafts.lua http://127.0.0.1:9300/drafts
//	go tool pprof -top cpu.out
package main

import (
	"flag"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/connwatch"
	"github.com/declinekit/declinekit/internal/logging"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9300", "listen address")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the window to this file")
	mem := flag.String("memprofile", "", "write an allocation profile at the end of the window to this file")
	tr := flag.String("trace", "", "write an execution trace of the window to this file (go tool trace)")
	after := flag.Duration("after", time.Second, "start of the window after the server is up")
	window := flag.Duration("for", 5*time.Second, "length of the window")
	flag.Parse()
	if *tr != "" && *cpu != "" {
		log.Fatal("-trace and -cpuprofile cannot be taken from the same window")
	}
	config.TuneGC(os.Getenv)

	cfg, err := config.Load(os.Getenv)
	if err != nil {
		log.Fatal(err)
	}
	lg := logging.NewBuffered(os.Stdout, cfg.LogLevel, 100*time.Millisecond)
	h, err := api.NewServer(cfg, lg)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// The shipped binary's server timeouts, enforced as it does: their
	// per-request work belongs in the profile.
	wl := connwatch.NewListener(ln, connwatch.Timeouts{
		ReadHeader: cfg.ReadHeaderTimeout,
		Read:       cfg.ReadTimeout,
		Write:      cfg.WriteTimeout,
		Idle:       cfg.IdleTimeout,
	})
	srv := &http.Server{Handler: h, ConnState: wl.ConnState, MaxHeaderBytes: cfg.MaxHeaderBytes}
	go func() { log.Fatal(srv.Serve(wl)) }()

	time.Sleep(*after)
	if *mem != "" {
		runtime.MemProfileRate = 4096
	}
	switch {
	case *tr != "":
		record(*tr, *window, trace.Start, trace.Stop)
	case *cpu != "":
		record(*cpu, *window, pprof.StartCPUProfile, pprof.StopCPUProfile)
	default:
		time.Sleep(*window)
	}
	if *mem != "" {
		f, err := os.Create(*mem)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
}

// record writes to path what start records until stop, over window.
func record(path string, window time.Duration, start func(io.Writer) error, stop func()) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := start(f); err != nil {
		log.Fatal(err)
	}
	time.Sleep(window)
	stop()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
