// Command profserver runs declinekit's handler, configured as the shipped
// binary configures it from the environment, and writes a CPU or heap
// profile of a window of load. It is a benchmark tool, not part of the
// shipped binary.
//
//	DECLINEKIT_CORS_ORIGINS=https://coach.example.com \
//	  GOMAXPROCS=1 taskset -c 0 go run ./bench/profserver -cpuprofile cpu.out -after 1s -for 5s &
//	taskset -c 1 wrk -t1 -c32 -d8s -s drafts.lua http://127.0.0.1:9300/drafts
//	go tool pprof -top cpu.out
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/declinekit/declinekit/api"
	"github.com/declinekit/declinekit/internal/config"
	"github.com/declinekit/declinekit/internal/logging"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9300", "listen address")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the window to this file")
	mem := flag.String("memprofile", "", "write an allocation profile at the end of the window to this file")
	after := flag.Duration("after", time.Second, "start of the window after the server is up")
	window := flag.Duration("for", 5*time.Second, "length of the window")
	flag.Parse()

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
	go func() { log.Fatal(http.Serve(ln, h)) }()

	time.Sleep(*after)
	if *mem != "" {
		runtime.MemProfileRate = 4096
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		time.Sleep(*window)
		pprof.StopCPUProfile()
		f.Close()
	} else {
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
