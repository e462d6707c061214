// Package layouts holds the default templates, stylesheet, search script and favicon of brief,
// embedded in the binary. A site's own layouts/ folder overrides any of
// these files by name.
package layouts

import "embed"

// FS is the default layouts.
//
//go:embed *.html *.css *.js *.svg
var FS embed.FS
