package diff

import (
	"maps"
	"slices"
	"strings"

	"github.com/dospec/dospec/internal/config"
	"github.com/dospec/dospec/internal/suggest"
)

// Config is the `diff:` section of .dospec.yaml.
type Config struct {
	// Checks overrides levels by check id: breaking, warning, info, ignore.
	Checks map[string]Level `yaml:"checks" json:"checks,omitempty"`
	// Ignore drops changes by check id (or *) and JSON path prefix.
	Ignore []Ignore `yaml:"ignore" json:"ignore,omitempty"`

	sec     config.Section // where it was read from, for positions in messages
	checked bool
}

// Ignore is one config ignore entry; a reason is required.
type Ignore struct {
	Check  string `yaml:"check" json:"check"`
	Path   string `yaml:"path" json:"path,omitempty"`
	Reason string `yaml:"reason" json:"reason"`
}

// NewConfig reads the diff section of a .dospec.yaml read by package
// config (nil: no file). Unknown keys, checks and levels are errors at
// their line.
func NewConfig(f *config.File) (*Config, error) {
	sec := f.Section("diff")
	cfg := &Config{}
	if err := sec.Decode(cfg); err != nil {
		return nil, err
	}
	cfg.sec = sec
	if err := cfg.check(); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (c *Config) check() error {
	if c.checked {
		return nil
	}
	for _, id := range slices.Sorted(maps.Keys(c.Checks)) {
		if LookupCheck(id) == nil {
			return c.sec.Errorf([]any{"checks", id}, "diff.checks: unknown check %q%s (dospec diff --list-checks lists them)", id, suggest.Hint(id, CheckIDs()))
		}
	}
	for i, ig := range c.Ignore {
		if ig.Check != "*" && LookupCheck(ig.Check) == nil {
			return c.sec.Errorf([]any{"ignore", i, "check", 0}, "diff.ignore[%d]: unknown check %q%s", i, ig.Check, suggest.Hint(ig.Check, CheckIDs()))
		}
		if strings.TrimSpace(ig.Reason) == "" {
			return c.sec.Errorf([]any{"ignore", i}, "diff.ignore[%d]: say why in reason", i)
		}
	}
	c.checked = true
	return nil
}

func (c *Config) level(ch *Check) Level {
	if l, ok := c.Checks[ch.ID]; ok {
		return l
	}
	return ch.Level
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
