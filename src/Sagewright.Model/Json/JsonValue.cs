using System.Globalization;
using System.Text;

namespace Sagewright.Model.Json;

/// <summary>A minimal JSON tree with insertion-ordered objects. The model cannot use System.Text.Json
/// (it loads inside the compiler host), and our output needs a fixed, byte-stable format anyway.</summary>
public abstract class JsonValue
{
    public static readonly JsonValue Null = new JsonLiteral("null");
    public static readonly JsonValue True = new JsonLiteral("true");
    public static readonly JsonValue False = new JsonLiteral("false");

    public static JsonValue From(string value) => new JsonString(value);

    public static JsonValue From(bool value) => value ? True : False;

    public static JsonValue From(long value) => new JsonLiteral(value.ToString(CultureInfo.InvariantCulture));

    public static JsonValue From(double value) => new JsonLiteral(JsonFormat.Double(value));

    public static implicit operator JsonValue(string value) => new JsonString(value);

    public static implicit operator JsonValue(long value) => From(value);

    public static implicit operator JsonValue(bool value) => From(value);

    /// <summary>Serialises with two-space indentation and <c>\n</c> line ends, no trailing newline.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        WriteTo(sb, 0);
        return sb.ToString();
    }

    /// <summary>Serialises without any whitespace between tokens (for a definition whose indentation alone would exceed
    /// the service's size quota).</summary>
    public string ToCompactJson()
    {
        var sb = new StringBuilder();
        WriteTo(sb, Compact);
        return sb.ToString();
    }

    /// <summary>The <c>indent</c> that writes compact JSON.</summary>
    private protected const int Compact = -1;

    internal abstract void WriteTo(StringBuilder sb, int indent);

    protected static void Indent(StringBuilder sb, int indent) => sb.Append(' ', indent * 2);


}

internal sealed class JsonLiteral : JsonValue
{
    private readonly string _text;

    public JsonLiteral(string text) => _text = text;

    internal override void WriteTo(StringBuilder sb, int indent) => sb.Append(_text);
}

public sealed class JsonString : JsonValue
{
    public JsonString(string value) => Value = value;

    public string Value { get; }

    internal override void WriteTo(StringBuilder sb, int indent) => JsonFormat.WriteString(sb, Value);
}

public sealed class JsonArray : JsonValue
{
    private readonly List<JsonValue> _items = new();

    public JsonArray()
    {
    }

    public JsonArray(IEnumerable<JsonValue> items) => _items.AddRange(items);

    public int Count => _items.Count;

    public JsonArray Add(JsonValue item)
    {
        _items.Add(item);
        return this;
    }

    internal override void WriteTo(StringBuilder sb, int indent)
    {
        if (_items.Count == 0)
        {
            sb.Append("[]");
            return;
        }

        if (indent == Compact)
        {
            sb.Append('[');
            for (var i = 0; i < _items.Count; i++)
            {
                _items[i].WriteTo(sb, Compact);
                sb.Append(i < _items.Count - 1 ? "," : string.Empty);
            }

            sb.Append(']');
            return;
        }

        sb.Append("[\n");
        for (var i = 0; i < _items.Count; i++)
        {
            Indent(sb, indent + 1);
            _items[i].WriteTo(sb, indent + 1);
            sb.Append(i < _items.Count - 1 ? ",\n" : "\n");
        }

        Indent(sb, indent);
        sb.Append(']');
    }
}

public sealed class JsonObject : JsonValue
{
    private readonly List<KeyValuePair<string, JsonValue>> _members = new();

    public int Count => _members.Count;

    /// <summary>Adds a member; keys keep the order they were added in.</summary>
    public JsonObject Add(string key, JsonValue value)
    {
        foreach (var member in _members)
        {
            if (string.Equals(member.Key, key, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Duplicate JSON key '" + key + "'.");
            }
        }

        _members.Add(new KeyValuePair<string, JsonValue>(key, value));
        return this;
    }

    /// <summary>The value of a member, or null when there is none.</summary>
    public JsonValue? Get(string key)
    {
        foreach (var member in _members)
        {
            if (string.Equals(member.Key, key, StringComparison.Ordinal))
            {
                return member.Value;
            }
        }

        return null;
    }

    /// <summary>Adds a member only when the value is not null.</summary>
    public JsonObject AddIf(string key, JsonValue? value) => value is null ? this : Add(key, value);

    internal override void WriteTo(StringBuilder sb, int indent)
    {
        if (_members.Count == 0)
        {
            sb.Append("{}");
            return;
        }

        if (indent == Compact)
        {
            sb.Append('{');
            for (var i = 0; i < _members.Count; i++)
            {
                JsonFormat.WriteString(sb, _members[i].Key);
                sb.Append(':');
                _members[i].Value.WriteTo(sb, Compact);
                sb.Append(i < _members.Count - 1 ? "," : string.Empty);
            }

            sb.Append('}');
            return;
        }

        sb.Append("{\n");
        for (var i = 0; i < _members.Count; i++)
        {
            Indent(sb, indent + 1);
            JsonFormat.WriteString(sb, _members[i].Key);
            sb.Append(": ");
            _members[i].Value.WriteTo(sb, indent + 1);
            sb.Append(i < _members.Count - 1 ? ",\n" : "\n");
        }

        Indent(sb, indent);
        sb.Append('}');
    }
}

public static class JsonFormat
{
    /// <summary>Formats a double so that it round-trips and always reads back as a float
    /// (<c>1.0</c>, not <c>1</c>), with the invariant culture.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinity.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 ? text + ".0" : text;
    }

    public static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
