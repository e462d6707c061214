package feed

import "strings"

// Robots returns a robots.txt that allows every crawler everywhere and
// names sitemapURL as the site's sitemap. Line breaks in sitemapURL are
// dropped so that it cannot add lines of its own.
func Robots(sitemapURL string) []byte {
	url := strings.NewReplacer("\r", "", "\n", "").Replace(sitemapURL)
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + url + "\n")
}
