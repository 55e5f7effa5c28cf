package diff

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	yaml "github.com/pb33f/go-yaml"
)

// Config is the `diff:` section of .dospec.yaml.
type Config struct {
	// Checks overrides levels by check id: breaking, warning, info, ignore.
	Checks map[string]Level `yaml:"checks" json:"checks,omitempty"`
	// Ignore drops changes by check id (or *) and JSON path prefix.
	Ignore []Ignore `yaml:"ignore" json:"ignore,omitempty"`

	checked bool
}

// Ignore is one config ignore entry; a reason is required.
type Ignore struct {
	Check  string `yaml:"check" json:"check"`
	Path   string `yaml:"path" json:"path,omitempty"`
	Reason string `yaml:"reason" json:"reason"`
}

// LoadConfig reads the diff section of a .dospec.yaml; other sections are
// left to their commands. Unknown keys in the diff section are errors.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	var file struct {
		Diff yaml.Node `yaml:"diff"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("config %s: %v", path, err)
	}
	cfg := &Config{}
	if file.Diff.Kind != 0 {
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		if err := enc.Encode(&file.Diff); err != nil {
			return nil, fmt.Errorf("config %s: %v", path, err)
		}
		dec := yaml.NewDecoder(&buf)
		dec.KnownFields(true)
		if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("config %s: diff: %v", path, err)
		}
	}
	if err := cfg.check(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

func (c *Config) check() error {
	if c.checked {
		return nil
	}
	for id := range c.Checks {
		if LookupCheck(id) == nil {
			return fmt.Errorf("diff.checks: unknown check %q (dospec diff --list-checks lists them)", id)
		}
	}
	for i, ig := range c.Ignore {
		if ig.Check != "*" && LookupCheck(ig.Check) == nil {
			return fmt.Errorf("diff.ignore[%d]: unknown check %q", i, ig.Check)
		}
		if strings.TrimSpace(ig.Reason) == "" {
			return fmt.Errorf("diff.ignore[%d]: say why in reason", i)
		}
	}
	c.checked = true
	return nil
}

func (c *Config) level(id string) Level {
	if l, ok := c.Checks[id]; ok {
		return l
	}
	if ch := LookupCheck(id); ch != nil {
		return ch.Level
	}
	return Info
}

func (c *Config) filter(in []Change) (kept []Change, ignored int) {
	for _, ch := range in {
		drop := false
		for _, ig := range c.Ignore {
			if (ig.Check == "*" || ig.Check == ch.Check) && strings.HasPrefix(ch.Path, ig.Path) {
				drop = true
				break
			}
		}
		if drop {
			ignored++
			continue
		}
		kept = append(kept, ch)
	}
	return kept, ignored
}
