// Command droplets lists the Droplets of an account, tagged as asked,
// with the client generated in ../../api: the walk over every page, the
// typed error and the rate limit a program usually needs.
//
//	DIGITALOCEAN_TOKEN=... go run ./cmd/droplets -tag web
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dospec/dospec/examples/api"
)

func main() {
	tag := flag.String("tag", "", "list only Droplets with this tag")
	baseURL := flag.String("base-url", api.DefaultBaseURL, "the API's address")
	flag.Parse()
	client := api.NewClient(
		api.WithToken(os.Getenv("DIGITALOCEAN_TOKEN")),
		api.WithBaseURL(*baseURL),
		api.WithUserAgent("droplets-example/1.0"),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := list(ctx, os.Stdout, client, *tag); err != nil {
		fmt.Fprintln(os.Stderr, "droplets:", err)
		os.Exit(1)
	}
}

// list prints one line per Droplet, walking every page.
func list(ctx context.Context, w io.Writer, client *api.Client, tag string) error {
	n := 0
	for d, err := range client.Droplets.ListAll(ctx, &api.DropletsListParams{TagName: tag, PerPage: 50}) {
		if apiErr, ok := errors.AsType[*api.APIError](err); ok && apiErr.StatusCode == 401 {
			return fmt.Errorf("the token was refused (set DIGITALOCEAN_TOKEN): %w", err)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", d.ID, d.Name, d.Status, d.Region.Slug)
		n++
	}
	fmt.Fprintf(w, "%d droplets\n", n)
	return nil
}
