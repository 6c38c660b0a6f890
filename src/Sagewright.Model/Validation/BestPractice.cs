using System.Text;
using System.Text.RegularExpressions;

namespace Sagewright.Model.Validation;

/// <summary>Settings of the best-practice rules that a project chooses (from <c>.editorconfig</c>).</summary>
/// <param name="RequiredTags">The tag keys every pipeline must have (SGW109), in the order they were configured.</param>
public sealed record RuleOptions(EquatableArray<string> RequiredTags)
{
    /// <summary>The <c>.editorconfig</c> key: <c>sagewright.required_tags = env,team,pipeline</c>. An empty value
    /// requires no tags.</summary>
    public const string RequiredTagsKey = "sagewright.required_tags";

    /// <summary><c>env</c>, <c>team</c>, <c>pipeline</c>.</summary>
    public static RuleOptions Default { get; } = new(new[] { "env", "team", "pipeline" }.ToEquatableArray());

    /// <summary>The options for a configured value of <see cref="RequiredTagsKey"/> (null: not configured, the default):
    /// comma-separated keys, trimmed; empty entries and repeats are dropped. Tag keys are case-sensitive.</summary>
    public static RuleOptions Parse(string? requiredTags) =>
        requiredTags is null
            ? Default
            : new RuleOptions(requiredTags.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToEquatableArray());
}

/// <summary>The facts the best-practice rules share: what makes an S3 path "versioned", what pins an image, and how
/// a suggested value is written as C# for a code fix.</summary>
public static class BestPractice
{
    /// <summary>The C# that stands for the execution ID inside an interpolated string (the samples import <c>Sagewright</c>).</summary>
    public const string ExecutionIdHole = "{nameof(Execution.PipelineExecutionId)}";

    private static readonly Regex VersionToken = new("(^|[-_.=])v(ersion)?[-_=]?[0-9]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex DottedVersion = new("^v?[0-9]+(\\.[0-9]+)+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex Date = new("(19|20)[0-9]{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12][0-9]|3[01])", RegexOptions.CultureInvariant);

    private static readonly Regex Year = new("^(year=)?(19|20)[0-9]{2}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex Month = new("^(month=)?(0?[1-9]|1[0-2])$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex Hash = new("(^|[^0-9a-fA-F])(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,}($|[^0-9a-fA-F])", RegexOptions.CultureInvariant);

    private static readonly Regex Uuid = new("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant);

    /// <summary>Whether a literal S3 URI names a version of the data rather than a place that is overwritten (SGW105).
    /// True when a segment of its key (the parts between <c>/</c> after the bucket):
    /// <list type="bullet">
    /// <item>carries a version: <c>v3</c>, <c>v1.2</c>, <c>1.2.0</c>, <c>version=4</c>, <c>train-v2.csv</c>, <c>model_version-3</c>;</item>
    /// <item>contains a date <c>YYYY-MM-DD</c> or <c>YYYYMMDD</c> (years 1900–2099), as in <c>dt=2024-01-31</c> or
    /// <c>20240131T1200Z</c>; or a segment that is a year (<c>2024</c>, <c>year=2024</c>) is followed by one that is a month;</item>
    /// <item>contains a hash: a run of at least 7 hexadecimal characters with both a digit and a letter (a Git or
    /// content hash), or a UUID.</item>
    /// </list>
    /// The bucket name never counts. Anything else is an unversioned prefix that later writes can replace.</summary>
    public static bool IsVersionedPath(string uri)
    {
        var rest = uri.StartsWith("s3://", StringComparison.Ordinal) ? uri.Substring(5) : uri;
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var segments = rest.Substring(slash + 1).Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                continue;
            }

            if (VersionToken.IsMatch(segment) || DottedVersion.IsMatch(segment) || Date.IsMatch(segment) || Hash.IsMatch(segment) || Uuid.IsMatch(segment))
            {
                return true;
            }

            if (i + 1 < segments.Length && Year.IsMatch(segment) && Month.IsMatch(segments[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why an image URI is not pinned (SGW107), or null when it is: a digest (<c>@sha256:…</c>) pins it; otherwise
    /// the tag is what follows the last <c>:</c> after the last <c>/</c> (a registry port is not a tag). No tag means
    /// <c>latest</c>; <c>latest</c> (any case) moves.</summary>
    public static string? UnpinnedImageProblem(string uri)
    {
        if (uri.Length == 0 || uri.IndexOf('@') >= 0)
        {
            return null; // empty: reported as out of range; a digest pins the image
        }

        var lastSlash = uri.LastIndexOf('/');
        var name = uri.Substring(lastSlash + 1);
        var colon = name.LastIndexOf(':');
        if (colon < 0)
        {
            return "has no tag, so it means 'latest'";
        }

        var tag = name.Substring(colon + 1);
        return string.Equals(tag, "latest", StringComparison.OrdinalIgnoreCase) ? "uses the tag '" + tag + "'" : null;
    }

    /// <summary>A C# interpolated string (regular, not verbatim) whose text is <paramref name="text"/> and whose holes
    /// are written as they are: <c>{</c> and <c>}</c> in the text are doubled, quotes, backslashes and control
    /// characters escaped.</summary>
    public static string InterpolatedString(string text, params string[] holes)
    {
        var builder = new StringBuilder("$\"");
        AppendEscaped(builder, text, interpolated: true);
        foreach (var hole in holes)
        {
            builder.Append(hole);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A C# string literal.</summary>
    public static string StringLiteral(string text)
    {
        var builder = new StringBuilder("\"");
        AppendEscaped(builder, text, interpolated: false);
        return builder.Append('"').ToString();
    }

    /// <summary><paramref name="prefix"/> with one path segment added: the execution ID, as an interpolated string
    /// (<c>s3://b/out/</c> → <c>$"s3://b/out/{nameof(Execution.PipelineExecutionId)}"</c>).</summary>
    public static string WithExecutionId(string prefix) => InterpolatedString(prefix.TrimEnd('/') + "/", ExecutionIdHole);

    private static void AppendEscaped(StringBuilder builder, string text, bool interpolated)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '{' when interpolated:
                    builder.Append("{{");
                    break;
                case '}' when interpolated:
                    builder.Append("}}");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }
    }
}
