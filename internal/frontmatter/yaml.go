package frontmatter

import (
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// yamlLine finds the line number in go-yaml's error messages.
var yamlLine = regexp.MustCompile(`(?s)^yaml: (?:line (\d+): )?(.*)$`)

func (d *decoder) yaml(block []byte) *Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(block, &doc); err != nil {
		line, msg := 1, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			msg = m[2]
			if m[1] != "" {
				line, _ = strconv.Atoi(m[1])
			}
		}
		if h, ok := syntaxHint(block, "yaml", msg); ok {
			d.errorf(h.line, h.col, "YAML: %s", h.msg)
			return nil
		}
		d.errorf(line, firstNonSpace(block, line), "YAML: %s", msg)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &Node{Kind: Map, Pos: d.pos(1, 1)}
	}
	n, ok := d.yamlNode(doc.Content[0], 0)
	if !ok {
		return nil
	}
	return d.root(n)
}

func (d *decoder) yamlNode(y *yaml.Node, depth int) (*Node, bool) {
	pos := d.pos(y.Line, y.Column)
	if err := tooDeep(depth); err != nil {
		d.diags.Errorf(pos, "%v", err)
		return nil, false
	}
	switch y.Kind {
	case yaml.ScalarNode:
		if y.Tag == "!!null" {
			return &Node{Kind: Null, Pos: pos}, true
		}
		return &Node{Kind: Scalar, Value: y.Value, Pos: pos}, true
	case yaml.SequenceNode:
		n := &Node{Kind: List, Pos: pos, Items: make([]*Node, 0, len(y.Content))}
		for _, c := range y.Content {
			item, ok := d.yamlNode(c, depth+1)
			if !ok {
				return nil, false
			}
			n.Items = append(n.Items, item)
		}
		return n, true
	case yaml.MappingNode:
		n := &Node{Kind: Map, Pos: pos, Fields: make([]Field, 0, len(y.Content)/2)}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := y.Content[i]
			if k.Kind != yaml.ScalarNode {
				d.diags.Errorf(d.pos(k.Line, k.Column), "a key must be a plain word, not %s", yamlKind(k))
				return nil, false
			}
			v, ok := d.yamlNode(y.Content[i+1], depth+1)
			if !ok {
				return nil, false
			}
			n.Fields = append(n.Fields, Field{Key: k.Value, KeyPos: d.pos(k.Line, k.Column), Value: v})
		}
		d.checkDuplicates(n.Fields)
		return n, true
	case yaml.AliasNode:
		d.diags.Errorf(pos, "YAML aliases (*%s) are not allowed in front matter: write the value out", y.Value)
		return nil, false
	}
	d.diags.Errorf(pos, "unsupported YAML node")
	return nil, false
}

func yamlKind(y *yaml.Node) string {
	switch y.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "an alias"
}

// firstNonSpace returns the 1-based column of the first non-blank character
// of a 1-based line of block, or 1.
func firstNonSpace(block []byte, line int) int {
	lines := strings.SplitN(string(block), "\n", line+1)
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	if i := strings.IndexByte(l, '\t'); i >= 0 && strings.TrimLeft(l[:i], " ") == "" {
		return i + 1
	}
	return len(l) - len(strings.TrimLeft(l, " \t")) + 1
}
