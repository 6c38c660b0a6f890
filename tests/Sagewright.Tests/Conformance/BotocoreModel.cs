using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Conformance;

/// <summary>One named shape of a botocore "service-2" model, reduced to what the checker uses.</summary>
/// <param name="Name">The shape's name, e.g. <c>TrainingInstanceType</c>.</param>
/// <param name="Type">structure, list, map, string, integer, long, boolean, double, float or timestamp.</param>
public sealed record BotocoreShape(string Name, string Type)
{
    /// <summary>Structure members in model order: member name → shape name.</summary>
    public IReadOnlyDictionary<string, string> Members { get; init; } = new Dictionary<string, string>();

    /// <summary>Structure members that must be present.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>A union structure: exactly one member must be set.</summary>
    public bool IsUnion { get; init; }

    /// <summary>The element shape of a list.</summary>
    public string? ListMember { get; init; }

    /// <summary>The key and value shapes of a map.</summary>
    public string? MapKey { get; init; }

    public string? MapValue { get; init; }

    /// <summary>The allowed values of a string shape, or null when any value is allowed.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>String length, list/map count or numeric range, as the model gives them.</summary>
    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>The raw (unanchored, Java-style) pattern of a string shape.</summary>
    public string? Pattern { get; init; }

    /// <summary>True for the types a pipeline expression (<c>Get</c>, <c>Std:Join</c>, <c>Std:JsonGet</c>) may stand for.</summary>
    public bool IsScalar => Type is "string" or "integer" or "long" or "boolean" or "double" or "float" or "timestamp";
}

/// <summary>A botocore service model (<c>service-2.json.gz</c>) and a validator of API requests against it.
/// <para>
/// <see cref="Validate"/> walks the operation's input shape and reports unknown members, missing required
/// members, wrong JSON types, values outside an enum, min/max violations (string length, list/map count,
/// numeric range) and pattern mismatches. Pipeline expressions (<c>{"Get": ...}</c>, <c>{"Std:Join": ...}</c>,
/// <c>{"Std:JsonGet": ...}</c>) are run-time values: they are accepted wherever a scalar is expected and skip the
/// enum, pattern and range checks, except that <c>Std:Join</c> always yields a string.
/// </para>
/// <para>
/// botocore patterns are Java regular expressions that must match the whole value (Java's <c>matches()</c>).
/// They are compiled with .NET as <c>\A(?:pattern)\z</c>: the same as the <c>^(?:pattern)$</c> of the brief,
/// except that .NET's <c>$</c> also matches before a final newline, which Java's <c>matches()</c> does not
/// accept. Known remaining differences, all minor for the values a pipeline holds: .NET's <c>\d</c> and
/// <c>\w</c> are Unicode-aware and its <c>.</c> matches <c>\r</c>, Java's are ASCII-only and stop at any line
/// terminator. A pattern .NET cannot compile is listed in <see cref="UncompilablePatterns"/> and reported as a
/// problem whenever a value meets it: the checker never passes a value it could not check.
/// </para>
/// </summary>
public sealed class BotocoreModel
{
    private const int EnumListLimit = 10;
    private const int ValueDisplayLimit = 80;

    private static readonly ConcurrentDictionary<string, Lazy<BotocoreModel>> Cache = new(StringComparer.Ordinal);
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private static readonly Regex PlainName = new(@"\A[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, BotocoreShape> _shapes;
    private readonly Dictionary<string, string> _operationInputs;
    private readonly Dictionary<string, Regex> _regexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uncompilable = new(StringComparer.Ordinal);

    private BotocoreModel(string path)
    {
        Path = path;
        JsonNode root;
        using (var file = File.OpenRead(path))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            root = JsonNode.Parse(gzip) ?? throw new InvalidDataException(path + " holds no JSON");
        }

        _operationInputs = root["operations"]!.AsObject()
            .Where(o => o.Value?["input"]?["shape"] is not null)
            .ToDictionary(o => o.Key, o => (string)o.Value!["input"]!["shape"]!, StringComparer.Ordinal);
        _shapes = root["shapes"]!.AsObject().ToDictionary(s => s.Key, s => ReadShape(s.Key, s.Value!.AsObject()), StringComparer.Ordinal);

        // Compile every pattern up front so that the limitations are known before anything is validated.
        foreach (var shape in _shapes.Values.Where(s => s.Pattern is not null))
        {
            try
            {
                _regexes[shape.Name] = new Regex(@"\A(?:" + shape.Pattern + @")\z", RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                _uncompilable[shape.Name] = e.Message;
            }
        }
    }

    /// <summary>The SageMaker model in <c>../shared/reference/aws-models/botocore/</c>.</summary>
    public static BotocoreModel SageMaker => Load(Paths.Reference("aws-models", "botocore", "sagemaker-2017-07-24.service-2.json.gz"));

    /// <summary>The file this model was read from.</summary>
    public string Path { get; }

    /// <summary>Shapes whose pattern .NET cannot compile (shape name → the compiler's message): values of these
    /// shapes are reported as unchecked, never passed silently.</summary>
    public IReadOnlyDictionary<string, string> UncompilablePatterns => _uncompilable;

    /// <summary>Loads a model once per (full) path; later calls return the cached instance.</summary>
    public static BotocoreModel Load(string path) =>
        Cache.GetOrAdd(System.IO.Path.GetFullPath(path), p => new Lazy<BotocoreModel>(() => new BotocoreModel(p))).Value;

    /// <summary>The named shape; throws when the model has no such shape.</summary>
    public BotocoreShape Shape(string name) =>
        _shapes.TryGetValue(name, out var shape) ? shape : throw new KeyNotFoundException($"The model has no shape '{name}'.");

    /// <summary>The input shape of an operation, e.g. <c>CreateTrainingJob</c> → <c>CreateTrainingJobRequest</c>.</summary>
    public BotocoreShape InputShape(string operation) =>
        _operationInputs.TryGetValue(operation, out var input)
            ? Shape(input)
            : throw new KeyNotFoundException($"The model has no operation '{operation}' with an input.");

    /// <summary>Whether <paramref name="value"/> matches the whole pattern of <paramref name="shape"/> (true when the
    /// shape has no pattern). Throws when .NET cannot compile the pattern (<see cref="UncompilablePatterns"/>).</summary>
    public bool MatchesPattern(string shape, string value)
    {
        if (_uncompilable.TryGetValue(shape, out var error))
        {
            throw new NotSupportedException($"The pattern of {shape} does not compile in .NET: {error}");
        }

        return !_regexes.TryGetValue(Shape(shape).Name, out var regex) || regex.IsMatch(value);
    }

    /// <summary>Validates <paramref name="request"/> as the input of <paramref name="operation"/>.</summary>
    /// <param name="operation">An operation name, e.g. <c>CreateTrainingJob</c>.</param>
    /// <param name="request">The request, e.g. a pipeline step's <c>Arguments</c>.</param>
    /// <param name="omittedMembers">Top-level required members that may be absent (pipelines leave out the job name).</param>
    /// <returns>One line per problem: <c>&lt;JSON path&gt;: &lt;rule&gt;</c>, in document order. Empty when the request conforms.</returns>
    public IReadOnlyList<string> Validate(string operation, JsonNode? request, params string[] omittedMembers) =>
        ValidateAt(operation, request, "$", omittedMembers);

    /// <summary><see cref="Validate"/> with paths rooted at <paramref name="path"/>, e.g. <c>$.Steps[0].Arguments</c>.</summary>
    public IReadOnlyList<string> ValidateAt(string operation, JsonNode? request, string path, IEnumerable<string> omittedMembers)
    {
        var problems = new List<string>();
        CheckValue(InputShape(operation), request, path, new HashSet<string>(omittedMembers, StringComparer.Ordinal), problems);
        return problems;
    }

    /// <summary>Validates a value against a named shape, with paths rooted at <paramref name="path"/>.</summary>
    public IReadOnlyList<string> ValidateShape(string shape, JsonNode? value, string path = "$")
    {
        var problems = new List<string>();
        CheckValue(Shape(shape), value, path, new HashSet<string>(StringComparer.Ordinal), problems);
        return problems;
    }

    // ---- the walk -------------------------------------------------------------------------------

    private void CheckValue(BotocoreShape shape, JsonNode? node, string path, HashSet<string> omitted, List<string> problems)
    {
        if (node is null)
        {
            problems.Add($"{path}: null where {Describe(shape)} is expected");
            return;
        }

        var expression = PipelineExpressions.Classify(node);
        if (expression != ExpressionKind.None)
        {
            if (!shape.IsScalar)
            {
                problems.Add($"{path}: a pipeline expression ({PipelineExpressions.KeyOf(expression)}) where {Describe(shape)} is expected; expressions stand for scalar values only");
            }
            else if (expression == ExpressionKind.Join && shape.Type != "string")
            {
                problems.Add($"{path}: Std:Join yields a string, but {Describe(shape)} is expected");
            }

            PipelineExpressions.Check(node, path, problems);
            return;
        }

        switch (shape.Type)
        {
            case "structure":
                CheckStructure(shape, node, path, omitted, problems);
                break;
            case "list":
                CheckList(shape, node, path, problems);
                break;
            case "map":
                CheckMap(shape, node, path, problems);
                break;
            case "string":
                if (Kind(node) != JsonValueKind.String)
                {
                    problems.Add($"{path}: expected {Describe(shape)}, found {Found(node)}");
                    return;
                }

                CheckString(shape, node.GetValue<string>(), path, "", problems);
                break;
            case "integer" or "long" or "double" or "float":
                CheckNumber(shape, node, path, problems);
                break;
            case "boolean":
                if (Kind(node) is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: expected {Describe(shape)}, found {Found(node)}");
                }

                break;
            case "timestamp":
                // The JSON protocol sends epoch seconds; ISO 8601 strings are accepted as well.
                if (Kind(node) is not (JsonValueKind.Number or JsonValueKind.String))
                {
                    problems.Add($"{path}: expected {Describe(shape)}, found {Found(node)}");
                }

                break;
            default:
                problems.Add($"{path}: the checker does not know shape type '{shape.Type}' of {shape.Name} (checker limitation)");
                break;
        }
    }

    private void CheckStructure(BotocoreShape shape, JsonNode node, string path, HashSet<string> omitted, List<string> problems)
    {
        if (node is not JsonObject obj)
        {
            problems.Add($"{path}: expected {Describe(shape)}, found {Found(node)}");
            return;
        }

        var empty = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            var memberPath = Member(path, name);
            if (!shape.Members.TryGetValue(name, out var memberShape))
            {
                problems.Add($"{memberPath}: unknown member of {shape.Name}");
                continue;
            }

            CheckValue(Shape(memberShape), value, memberPath, empty, problems);
        }

        foreach (var name in shape.Required)
        {
            if (!obj.ContainsKey(name) && !omitted.Contains(name))
            {
                problems.Add($"{Member(path, name)}: required member of {shape.Name} is missing");
            }
        }

        if (shape.IsUnion)
        {
            var set = obj.Count(p => p.Value is not null && shape.Members.ContainsKey(p.Key));
            if (set != 1)
            {
                problems.Add($"{path}: {shape.Name} is a union: exactly one member must be set, found {Int(set)}");
            }
        }
    }

    private void CheckList(BotocoreShape shape, JsonNode node, string path, List<string> problems)
    {
        if (node is not JsonArray array)
        {
            problems.Add($"{path}: expected {Describe(shape)}, found {Found(node)}");
            return;
        }

        CheckCount(shape, array.Count, "items", path, problems);
        var member = Shape(shape.ListMember!);
        for (var i = 0; i < array.Count; i++)
        {
            CheckValue(member, array[i], path + "[" + Int(i) + "]", new HashSet<string>(StringComparer.Ordinal), problems);
        }
    }

    private void CheckMap(BotocoreShape shape, JsonNode node, string path, List<string> problems)
    {
        if (node is not JsonObject obj)
        {
            problems.Add($"{path}: expected {Describe(shape)}, found {Found(node)}");
            return;
        }

        CheckCount(shape, obj.Count, "entries", path, problems);
        var key = Shape(shape.MapKey!);
        var value = Shape(shape.MapValue!);
        foreach (var (name, entry) in obj)
        {
            var entryPath = Member(path, name);
            CheckString(key, name, entryPath, "key ", problems);
            CheckValue(value, entry, entryPath, new HashSet<string>(StringComparer.Ordinal), problems);
        }
    }

    /// <summary>Enum, length and pattern of a literal string. <paramref name="what"/> is "" for a value or
    /// "key " for a map key.</summary>
    private void CheckString(BotocoreShape shape, string value, string path, string what, List<string> problems)
    {
        if (shape.Type != "string")
        {
            problems.Add($"{path}: {what}is a string, but {Describe(shape)} is expected");
            return;
        }

        if (shape.Enum is { } values && !values.Contains(value, StringComparer.Ordinal))
        {
            var listed = values.Count <= EnumListLimit ? " (" + string.Join(", ", values) + ")" : string.Empty;
            problems.Add($"{path}: {what}{Show(value)} is not one of {shape.Name}'s {Int(values.Count)} values{listed}");
        }

        if (shape.Min is { } min && value.Length < min)
        {
            problems.Add($"{path}: {what}{Show(value)} has length {Int(value.Length)}, below {shape.Name}'s min {Num(min)}");
        }

        if (shape.Max is { } max && value.Length > max)
        {
            problems.Add($"{path}: {what}{Show(value)} has length {Int(value.Length)}, above {shape.Name}'s max {Num(max)}");
        }

        if (shape.Pattern is { } pattern)
        {
            if (_uncompilable.TryGetValue(shape.Name, out var error))
            {
                problems.Add($"{path}: {what}{Show(value)} is unchecked: .NET cannot compile {shape.Name}'s pattern {pattern} ({error}) (checker limitation)");
                return;
            }

            try
            {
                if (!_regexes[shape.Name].IsMatch(value))
                {
                    problems.Add($"{path}: {what}{Show(value)} does not match {shape.Name}'s pattern {pattern}");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                problems.Add($"{path}: {what}{Show(value)} is unchecked: matching {shape.Name}'s pattern timed out (checker limitation)");
            }
        }
    }

    private static void CheckNumber(BotocoreShape shape, JsonNode node, string path, List<string> problems)
    {
        if (Kind(node) != JsonValueKind.Number)
        {
            problems.Add($"{path}: expected {Describe(shape)}, found {Found(node)}");
            return;
        }

        // The raw token: JsonNode.Parse keeps it, so 1.0 and 1 stay distinguishable.
        var raw = node.ToJsonString();
        var number = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (shape.Type is "integer" or "long")
        {
            var integral = long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole);
            if (!integral || (shape.Type == "integer" && whole is < int.MinValue or > int.MaxValue))
            {
                problems.Add($"{path}: expected {Describe(shape)}, found number {raw}");
                return;
            }
        }

        if (shape.Min is { } min && number < min)
        {
            problems.Add($"{path}: {raw} is below {shape.Name}'s min {Num(min)}");
        }

        if (shape.Max is { } max && number > max)
        {
            problems.Add($"{path}: {raw} is above {shape.Name}'s max {Num(max)}");
        }
    }

    private static void CheckCount(BotocoreShape shape, int count, string unit, string path, List<string> problems)
    {
        if (shape.Min is { } min && count < min)
        {
            problems.Add($"{path}: {Int(count)} {unit}, below {shape.Name}'s min {Num(min)}");
        }

        if (shape.Max is { } max && count > max)
        {
            problems.Add($"{path}: {Int(count)} {unit}, above {shape.Name}'s max {Num(max)}");
        }
    }

    // ---- model reading --------------------------------------------------------------------------

    private static BotocoreShape ReadShape(string name, JsonObject json)
    {
        static string? Target(JsonNode? reference) => (string?)reference?["shape"];
        static double? Number(JsonNode? n) => n?.GetValue<double>();
        return new BotocoreShape(name, (string)json["type"]!)
        {
            Members = json["members"] is JsonObject members
                ? members.ToDictionary(m => m.Key, m => Target(m.Value)!, StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            Required = json["required"]?.AsArray().Select(r => (string)r!).ToList() ?? [],
            IsUnion = json["union"] is JsonValue union && union.GetValue<bool>(),
            ListMember = Target(json["member"]),
            MapKey = Target(json["key"]),
            MapValue = Target(json["value"]),
            Enum = json["enum"]?.AsArray().Select(e => (string)e!).ToList(),
            Min = Number(json["min"]),
            Max = Number(json["max"]),
            Pattern = (string?)json["pattern"],
        };
    }

    // ---- formatting -----------------------------------------------------------------------------

    /// <summary>Appends a member or map key to a JSON path: <c>$.A.B</c>, or <c>$.A['x y']</c> when the key is
    /// not a plain identifier.</summary>
    internal static string Member(string path, string name) =>
        PlainName.IsMatch(name) ? path + "." + name : path + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    private static string Describe(BotocoreShape shape) => $"{shape.Type} ({shape.Name})";

    internal static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>What a JSON value is, for "found ..." messages.</summary>
    internal static string Found(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "string " + Show(node!.GetValue<string>()),
        JsonValueKind.Number => "number " + node!.ToJsonString(),
        JsonValueKind.True or JsonValueKind.False => "boolean " + node!.ToJsonString(),
        _ => "null",
    };

    private static string Show(string value) =>
        "'" + (value.Length > ValueDisplayLimit ? value[..ValueDisplayLimit] + "…" : value) + "'";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
