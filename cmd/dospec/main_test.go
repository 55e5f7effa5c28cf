package main

import (
	"os"
	"testing"

	"github.com/dospec/dospec/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.CleanupHistory()
	os.Exit(code)
}
