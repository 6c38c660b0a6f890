using Sagewright.Model.Emit;

namespace Sagewright.Model.Compilation;

/// <summary>A pass over one resolved pipeline (an emitter, a validation, the IAM deriver, a rule set): reads the
/// <see cref="PipelineGraph"/> and reports into the compilation's findings. The shared services every pass may use
/// (value resolution, the common range and count checks) are here, so that a pass names only what it adds.</summary>
internal abstract class CompilerPass
{
    protected CompilerPass(PipelineCompilation compilation) => Compilation = compilation;

    protected PipelineCompilation Compilation { get; }

    protected PipelineGraph Graph => Compilation.Graph;

    protected GraphIndex Index => Compilation.Index;

    protected PipelineDecl Pipeline => Graph.Pipeline;

    /// <summary>The pipeline's own steps, ordered by type name.</summary>
    protected EquatableArray<StepDecl> Steps => Graph.Steps;

    protected BuildSettings Settings => Graph.Settings;

    protected RuleOptions Rules => Graph.Rules;

    protected string Bucket => Graph.Bucket;

    protected RoleAssignment Roles => Graph.Roles;

    protected List<Finding> Findings => Compilation.Sink.Findings;

    /// <summary>The role a step runs as: its own (jobs, models, transforms of a model step), else the job role.</summary>
    protected string RoleOf(StepDecl step) => Index.RoleArns.TryGetValue(step.TypeName, out var arn) ? arn : Roles.JobRoleArn;

    protected static bool IsJob(StepDecl step) => step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning;

    protected SecuritySettings Security(StepDecl step) => SecuritySettings.Of(step, Settings);

    protected void Report(string id, Origin origin, params string[] arguments) => Compilation.Sink.Report(id, origin, arguments);

    protected void Report(Finding finding) => Compilation.Sink.Report(finding);

    // ---- value resolution (Emit/ValueResolver) --------------------------------------------------

    protected JsonValue ResolveValue(StepDecl? step, ValueSource value, ParameterType? expected, string what, bool s3) =>
        Compilation.Values.ResolveValue(step, value, expected, what, s3);

    protected StepDecl? ResolveStep(string typeName, Origin origin, string how) => Compilation.Values.ResolveStep(typeName, origin, how);

    protected ParameterType? TypeOf(ValueSource? value) => Compilation.Values.TypeOf(value);

    // ---- shared checks and helpers --------------------------------------------------------------

    protected void ReportUnsupported(StepDecl step, Origin? origin, string attribute, string where)
    {
        if (origin is not null)
        {
            Report(RuleIds.AttributeNotApplicable, origin.AttributeOnly, attribute, step.Kind.DisplayName() + " step", step.Name, "it is for " + where);
        }
    }

    protected void CheckContainerPath(string path, Origin origin, string what)
    {
        if (!path.StartsWith(JobSettingsEmitter.ProcessingPrefix, StringComparison.Ordinal) || path.Length > Quotas.MaxProcessingLocalPathLength)
        {
            Report(RuleIds.OutOfRange, origin, "The " + what + " path '" + path + "' must be an absolute path under " + JobSettingsEmitter.ProcessingPrefix + " of at most " + PipelineCompiler.Int(Quotas.MaxProcessingLocalPathLength) + " characters");
        }
    }

    /// <summary>SGW010 when a step has more of something than the API accepts.</summary>
    protected void CheckCount(StepDecl step, int count, int max, Origin origin, string what, string? note = null)
    {
        if (count > max)
        {
            Report(RuleIds.QuotaExceeded, origin,
                "Step '" + step.Name + "' has " + PipelineCompiler.Int(count) + " " + what + (note ?? string.Empty) + "; at most " + PipelineCompiler.Int(max) + " are allowed");
        }
    }

    protected void CheckRange(int value, int min, int max, Origin origin, string what)
    {
        if (value < min || value > max)
        {
            Report(RuleIds.OutOfRange, origin, what + " is " + PipelineCompiler.Int(value) + "; it must be "
                + (max == int.MaxValue ? "at least " + PipelineCompiler.Int(min) : "between " + PipelineCompiler.Int(min) + " and " + PipelineCompiler.Int(max)));
        }
    }

    protected static JsonObject Get(string path) => new JsonObject().Add("Get", path);

    protected static JsonObject Join(string on, params JsonValue[] values) =>
        new JsonObject().Add("Std:Join", new JsonObject().Add("On", on).Add("Values", new JsonArray(values)));

    protected static string JsonString(string value) => new JsonString(value).ToJson();

    internal static string Article(ParameterType type) => type == ParameterType.Integer ? "an Integer" : "a " + type;

    internal static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    internal static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized.Substring(2);
        }

        return normalized;
    }

    internal static string FileName(string path)
    {
        var normalized = NormalizePath(path);
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? normalized : normalized.Substring(slash + 1);
    }

    protected void AddText(JsonObject json, string key, string? value, Origin origin, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            Report(RuleIds.OutOfRange, origin, key + " may be at most " + PipelineCompiler.Int(maxLength) + " characters long");
        }

        json.Add(key, value);
    }

    protected void AddEnum(JsonObject json, string key, EnumSetting? setting)
    {
        if (setting is null)
        {
            return;
        }

        if (setting.Value is null)
        {
            Report(RuleIds.OutOfRange, setting.Origin, key + " is not one of the values SageMaker accepts; use a named member of the enum");
            return;
        }

        json.Add(key, setting.Value);
    }

    /// <summary>Checks tag keys and values (botocore <c>TagKey</c>/<c>TagValue</c>, unique keys) and builds the
    /// <c>[{"Key", "Value"}]</c> list that CreatePipeline and CreateModelPackage take.</summary>
    internal JsonArray BuildTags(EquatableArray<TagDecl> tags)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var result = new JsonArray();
        foreach (var tag in tags)
        {
            if (NameRules.Check(NameRules.TagKey, tag.Key) is { } keyProblem)
            {
                Report(RuleIds.InvalidName, tag.Origin.WithArgument(0), Capitalize(keyProblem));
            }
            else if (!keys.Add(tag.Key))
            {
                Report(RuleIds.InvalidName, tag.Origin.WithArgument(0), "Tag key '" + tag.Key + "' is used twice");
            }

            if (NameRules.Check(NameRules.TagValue, tag.Value) is { } valueProblem)
            {
                Report(RuleIds.InvalidName, tag.Origin.WithArgument(1), Capitalize(valueProblem));
            }

            result.Add(new JsonObject().Add("Key", tag.Key).Add("Value", tag.Value));
        }

        return result;
    }
}
