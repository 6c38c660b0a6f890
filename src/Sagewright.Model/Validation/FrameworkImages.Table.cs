using System.Globalization;

namespace Sagewright.Model.Validation;

/// <summary>Loading the compiled tables: each parsed the first time a step needs it.</summary>
public static partial class FrameworkImages
{
    private static ImageTable.Node? Table(string name)
    {
        lock (LoadLock)
        {
            if (!Loaded.TryGetValue(name, out var node))
            {
                node = FrameworkImageData.Tables.TryGetValue(name, out var text) ? ImageTable.Parse(text) : null;
                Loaded[name] = node;
            }

            return node;
        }
    }

    private static Dictionary<string, string>? Registry(string index)
    {
        lock (LoadLock)
        {
            registries ??= FrameworkImageData.Registries.Select(ParseRegistry).ToArray();
        }

        return int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < registries.Length ? registries[i] : null;
    }

    private static Dictionary<string, string> ParseRegistry(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(' '))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0)
            {
                map[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }
        }

        return map;
    }
}

/// <summary>A reader for the compact JSON of <c>FrameworkImages.Data.cs</c>: objects (key order kept), arrays, strings
/// without escapes, numbers as text.</summary>
internal static class ImageTable
{
    internal sealed class Node
    {
        private readonly Dictionary<string, Node>? members;

        public Node(string text) => Text = text;

        public Node(List<KeyValuePair<string, Node>> members)
        {
            Text = string.Empty;
            Keys = members.Select(m => m.Key).ToArray();
            this.members = new Dictionary<string, Node>(StringComparer.Ordinal);
            foreach (var m in members)
            {
                this.members[m.Key] = m.Value;
            }
        }

        public Node(List<Node> items)
        {
            Text = string.Empty;
            Items = items;
        }

        public string Text { get; }

        public IReadOnlyList<string> Keys { get; } = Array.Empty<string>();

        public IReadOnlyList<Node> Items { get; } = Array.Empty<Node>();

        public bool Has(string key) => members?.ContainsKey(key) == true;

        public Node? Get(string key) => members is not null && members.TryGetValue(key, out var value) ? value : null;

        public string[] Strings() => Items.Select(i => i.Text).ToArray();
    }

    public static Node Parse(string text)
    {
        var position = 0;
        return Value(text, ref position);
    }

    private static Node Value(string text, ref int i)
    {
        switch (text[i])
        {
            case '{':
            {
                i++;
                var members = new List<KeyValuePair<string, Node>>();
                while (text[i] != '}')
                {
                    var key = String(text, ref i);
                    i++; // ':'
                    members.Add(new KeyValuePair<string, Node>(key, Value(text, ref i)));
                    if (text[i] == ',')
                    {
                        i++;
                    }
                }

                i++;
                return new Node(members);
            }

            case '[':
            {
                i++;
                var items = new List<Node>();
                while (text[i] != ']')
                {
                    items.Add(Value(text, ref i));
                    if (text[i] == ',')
                    {
                        i++;
                    }
                }

                i++;
                return new Node(items);
            }

            case '"':
                return new Node(String(text, ref i));
            default:
            {
                var start = i;
                while (i < text.Length && text[i] is not (',' or '}' or ']'))
                {
                    i++;
                }

                return new Node(text.Substring(start, i - start));
            }
        }
    }

    private static string String(string text, ref int i)
    {
        var end = text.IndexOf('"', i + 1);
        var value = text.Substring(i + 1, end - i - 1);
        i = end + 1;
        return value;
    }
}
