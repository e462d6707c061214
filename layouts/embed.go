// Package layouts holds the default templates and stylesheet of brief,
// embedded in the binary. A site's own layouts/ folder overrides any of
// these files by name.
package layouts

import "embed"

// FS is the default layouts.
//
//go:embed *.html *.css
var FS embed.FS
