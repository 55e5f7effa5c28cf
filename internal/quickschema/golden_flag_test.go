package quickschema

// Importing golden defines -update here too, so that
// go test ./... -update runs every package.
import _ "github.com/dospec/dospec/internal/golden"
