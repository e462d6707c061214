// Command brief builds and previews sites of dated briefings.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/brief-ssg/brief/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
