// Command refserver is the benchmark's reference: a minimal Echo server
// that answers each benchmarked route with a fixed body, the exact bytes
// declinekit answered for the same request. Measured in the same run, it
// shows what serving those bytes costs on this machine, so declinekit's
// results can be given as ratios. It is not part of the shipped binary.
//
//	refserver -addr 127.0.0.1:9100 -dir captured/
//
// dir holds NAME.body and NAME.type for each of drafts, templates,
// template and review.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9100", "listen address")
	dir := flag.String("dir", ".", "folder with the captured answers")
	flag.Parse()

	blob := func(name string) echo.HandlerFunc {
		body, err := os.ReadFile(filepath.Join(*dir, name+".body"))
		if err != nil {
			log.Fatal(err)
		}
		ctype, err := os.ReadFile(filepath.Join(*dir, name+".type"))
		if err != nil {
			log.Fatal(err)
		}
		ct := strings.TrimSpace(string(ctype))
		return func(c echo.Context) error { return c.Blob(http.StatusOK, ct, body) }
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.POST("/drafts", blob("drafts"))
	e.GET("/templates", blob("templates"))
	e.GET("/templates/:id", blob("template"))
	e.POST("/checklist/review", blob("review"))
	log.Fatal(e.Start(*addr))
}
