package dev.proconsul.config;

import dev.proconsul.config.HclAst.ListType;
import dev.proconsul.config.HclAst.LiteralType;
import dev.proconsul.config.HclAst.ObjectItem;
import dev.proconsul.config.HclAst.ObjectList;
import dev.proconsul.config.HclAst.ObjectType;
import dev.proconsul.config.HclToken.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an HCL v1 syntax tree into a positioned value tree with exactly the shape HCL v1's decoder gives when
 * decoding into an untyped value: every block is a list of objects (objects directly inside a list are not
 * wrapped), labels nest as single-key objects, repeated keys append to lists or replace scalars, and a repeated
 * key whose new value does not fit the type of the old one is an error.
 */
final class HclDecoder {
    private final String file;

    private HclDecoder(String file) {
        this.file = file;
    }

    static ObjectNode decode(ObjectList root, String file) throws HclSyntaxError {
        HclDecoder d = new HclDecoder(file);
        ObjectNode out = new ObjectNode(new Position(file, 1, 1));
        d.decodeMap("root", root, out);
        return out;
    }

    /** The string value of a key token: identifiers as written, strings unquoted. */
    static String keyValue(HclToken key) {
        if (key.type() == Type.STRING) {
            return HclText.unquote(key.text());
        }
        return key.text();
    }

    private Position pos(HclAst node) {
        return new Position(file, node.line(), node.column());
    }

    private static HclSyntaxError error(HclAst at, String message) {
        return new HclSyntaxError(at.line(), at.column(), message);
    }

    /** A value with nothing before it; objects become maps only at the top or directly inside a list. */
    private ConfigNode decodeFresh(String name, HclAst node, boolean inList) throws HclSyntaxError {
        HclAst shape = node instanceof ObjectType ot ? ot.list() : node;
        if (shape instanceof ObjectList) {
            if (inList) {
                ObjectNode m = new ObjectNode(pos(node));
                decodeMap(name, node, m);
                return m;
            }
            ListNode blocks = new ListNode(pos(node), true);
            decodeSlice(name, node, blocks);
            return blocks;
        }
        if (shape instanceof ListType) {
            ListNode list = new ListNode(pos(node), false);
            decodeSlice(name, node, list);
            return list;
        }
        if (shape instanceof LiteralType lit) {
            return switch (lit.token().type()) {
                case BOOL -> new ScalarNode(pos(node), lit.token().text().equals("true"));
                case FLOAT -> decodeFloat(name, node);
                case NUMBER -> decodeInt(name, node);
                case STRING, HEREDOC -> decodeString(name, node);
                default -> throw error(node, name + ": unknown literal type: " + lit.token().type());
            };
        }
        throw error(node, name + ": cannot decode into interface: " + node.goType());
    }

    /** A value for a key that already has one: the old value's type decides what the new one may be. */
    private ConfigNode decodeOnto(String name, HclAst node, ConfigNode existing) throws HclSyntaxError {
        if (existing == null) {
            return decodeFresh(name, node, false);
        }
        if (existing instanceof ListNode list) {
            decodeSlice(name, node, list);
            return list;
        }
        if (existing instanceof ObjectNode obj) {
            decodeMap(name, node, obj);
            return obj;
        }
        Object old = ((ScalarNode) existing).value();
        if (old instanceof Boolean) {
            return decodeBool(name, node);
        }
        if (old instanceof Double) {
            return decodeFloat(name, node);
        }
        if (old instanceof Long) {
            return decodeInt(name, node);
        }
        return decodeString(name, node);
    }

    private ConfigNode decodeBool(String name, HclAst node) throws HclSyntaxError {
        if (node instanceof LiteralType lit && lit.token().type() == Type.BOOL) {
            return new ScalarNode(pos(node), lit.token().text().equals("true"));
        }
        throw error(node, name + ": unknown type " + node.goType());
    }

    private ConfigNode decodeFloat(String name, HclAst node) throws HclSyntaxError {
        if (node instanceof LiteralType lit
                && (lit.token().type() == Type.FLOAT || lit.token().type() == Type.NUMBER)) {
            try {
                return new ScalarNode(pos(node), GoNumbers.parseFloat(lit.token().text()));
            } catch (NumberFormatException e) {
                throw error(node, e.getMessage());
            }
        }
        throw error(node, name + ": unknown type " + node.goType());
    }

    private ConfigNode decodeInt(String name, HclAst node) throws HclSyntaxError {
        if (node instanceof LiteralType lit
                && (lit.token().type() == Type.NUMBER || lit.token().type() == Type.STRING)) {
            String text = lit.token().type() == Type.NUMBER ? lit.token().text() : stringValue(lit);
            try {
                return new ScalarNode(pos(node), GoNumbers.parseInt(text));
            } catch (NumberFormatException e) {
                throw error(node, e.getMessage());
            }
        }
        throw error(node, name + ": unknown type " + node.goType());
    }

    private ConfigNode decodeString(String name, HclAst node) throws HclSyntaxError {
        if (node instanceof LiteralType lit) {
            switch (lit.token().type()) {
                case NUMBER -> {
                    return new ScalarNode(pos(node), lit.token().text());
                }
                case STRING, HEREDOC -> {
                    return new ScalarNode(pos(node), stringValue(lit));
                }
                default -> {
                }
            }
        }
        throw error(node, name + ": unknown type for string " + node.goType());
    }

    private String stringValue(LiteralType lit) throws HclSyntaxError {
        try {
            return lit.token().type() == Type.HEREDOC
                    ? HclText.heredoc(lit.token().text())
                    : HclText.unquote(lit.token().text());
        } catch (IllegalArgumentException e) {
            throw error(lit, "invalid string literal " + lit.token().text() + ": " + e.getMessage());
        }
    }

    private void decodeSlice(String name, HclAst node, ListNode target) throws HclSyntaxError {
        List<? extends HclAst> items;
        if (node instanceof ObjectList ol) {
            items = ol.items();
        } else if (node instanceof ObjectType) {
            items = List.of(node);
        } else if (node instanceof ListType lt) {
            items = lt.list();
        } else {
            throw error(node, "unknown slice type: " + node.goType());
        }
        for (int i = 0; i < items.size(); i++) {
            HclAst item = items.get(i);
            String field = name + "[" + i + "]";
            if (target.fromBlocks()) {
                ObjectNode m = new ObjectNode(pos(item));
                decodeMap(field, item, m);
                target.add(m);
            } else {
                target.add(decodeFresh(field, item, true));
            }
        }
    }

    private void decodeMap(String name, HclAst node, ObjectNode target) throws HclSyntaxError {
        ObjectList list;
        if (node instanceof ObjectItem item) {
            list = new ObjectList(List.of(item));
        } else if (node instanceof ObjectType ot) {
            list = ot.list();
        } else if (node instanceof ObjectList ol) {
            list = ol;
        } else {
            throw error(node, name + ": not an object type for map (" + node.goType() + ")");
        }
        Set<String> done = new HashSet<>();
        for (ObjectItem item : list.items()) {
            if (item.keys().isEmpty()) {
                throw error(item.val(), name + ": map must have string keys");
            }
            HclToken keyToken = item.keys().get(0);
            String key;
            try {
                key = keyValue(keyToken);
            } catch (IllegalArgumentException e) {
                throw new HclSyntaxError(keyToken.line(), keyToken.column(), "invalid key " + keyToken.text());
            }
            if (done.contains(key)) {
                continue;
            }
            HclAst value = item.val();
            if (item.keys().size() > 1) {
                // labelled blocks: gather every item under this first key
                value = list.filter(key);
                done.add(key);
            }
            ConfigNode decoded = decodeOnto(name + "." + key, value, target.get(key));
            target.put(key, new Position(file, keyToken.line(), keyToken.column()), decoded);
        }
    }
}
