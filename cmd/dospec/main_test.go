package main

import (
	"os"
	"testing"

	"github.com/dospec/dospec/internal/testdata"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdata.CleanupHistory()
	os.Exit(code)
}
