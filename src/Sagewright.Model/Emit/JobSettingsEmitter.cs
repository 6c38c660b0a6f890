using System.Globalization;

namespace Sagewright.Model.Emit;

/// <summary>What every job step shares: the cluster, the instance type, the image, the code file and the environment.</summary>
internal sealed class JobSettingsEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    internal const string ProcessingPrefix = "/opt/ml/processing/";

    internal const string CodeMount = "/opt/ml/processing/input/code";

    internal const int DefaultTrainingMaxRuntime = 86400;

    internal JsonObject BuildCluster(StepDecl step, string typeKey, string countKey, string volumeKey)
    {
        var cluster = new JsonObject();
        if (step.Job.Instance is not { } instance)
        {
            Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly, "Step '" + step.Name + "' has no instance type: add [Instance(\"ml.m5.large\")]");
            return cluster;
        }

        var type = ResolveInstanceType(step, instance);

        var maxCount = step.Kind == StepKind.Processing ? Quotas.MaxProcessingInstanceCount : int.MaxValue;
        var maxVolume = step.Kind == StepKind.Processing ? Quotas.MaxProcessingVolumeSizeInGB : int.MaxValue;
        var count = IntegerSetting(step, instance.Count, instance.CountValue, maxCount, instance.Origin.WithNamed("Count"), "Count", "the instance count");
        var volume = IntegerSetting(step, instance.VolumeSizeInGB, instance.VolumeSizeValue, maxVolume, instance.Origin.WithNamed("VolumeSizeInGB"), "VolumeSizeInGB", "the volume size");
        return cluster.Add(typeKey, type).Add(countKey, count).Add(volumeKey, volume);
    }

    /// <summary>A number the definition also takes as a run-time value: the Integer parameter's <c>Get</c> when
    /// <paramref name="value"/> is given (its default checked against the same range), else the literal, checked.</summary>
    internal JsonValue IntegerSetting(StepDecl step, int literal, ValueSource? value, int max, Origin literalOrigin, string name, string what)
    {
        if (value is null)
        {
            CheckRange(literal, 1, max, literalOrigin, name);
            return literal;
        }

        var json = ResolveValue(step, value, ParameterType.Integer, what, s3: false);
        if (value.Kind == ValueKind.Parameter && Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter)
            && parameter.Type == ParameterType.Integer
            && int.TryParse(parameter.DefaultValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out var defaultValue))
        {
            CheckRange(defaultValue, 1, max, value.Origin, name + " (the default of parameter '" + parameter.Name + "')");
        }

        return json;
    }

    /// <summary>The instance type's JSON, checked against the job kind's table (SGW006, with a near miss suggested).</summary>
    internal JsonValue ResolveInstanceType(StepDecl step, InstanceDecl instance)
    {
        if (!instance.Type.IsLiteral)
        {
            return ResolveValue(step, instance.Type, ParameterType.String, "the instance type", s3: false);
        }

        if (!InstanceTypes.IsValid(step.Kind, instance.Type.Text))
        {
            // A real type of another job kind (ml.p4d.24xlarge on a processing step) is not a typo: say whose it is
            // rather than suggest a similar name.
            var others = InstanceTypes.OtherKinds(step.Kind, instance.Type.Text);
            var suggestion = others.Count > 0 ? null : InstanceTypes.Suggest(step.Kind, instance.Type.Text);
            Report(RuleIds.InvalidInstanceType, instance.Type.Origin, instance.Type.Text, step.Kind.DisplayName(),
                others.Count > 0 ? "; it is " + (others.Count == 1 ? "a " + others[0] + "-only" : "a " + string.Join(" and ", others)) + " instance type, which " + step.Kind.DisplayName() + " jobs do not offer"
                : suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?");
        }

        return instance.Type.Text;
    }

    internal string? ResolveImage(StepDecl step)
    {
        if (step.Job.Image is not null && step.Job.Framework is not null)
        {
            Report(RuleIds.SettingConflict, step.Job.Framework.Origin.AttributeOnly, "Step '" + step.Name + "'", "its container image", "[Image]", "[Framework]", "keep one");
            return null;
        }

        if (step.Job.Image is { } image)
        {
            if (!image.IsLiteral)
            {
                Report(RuleIds.ValueNotInSource, image.Origin, "The image URI", "taken from a parameter", "the IAM policies are derived from it");
                return null;
            }

            if (image.Text.Length is 0 or > Quotas.MaxImageUriLength)
            {
                Report(RuleIds.OutOfRange, image.Origin, "The image URI must be 1 to " + PipelineCompiler.Int(Quotas.MaxImageUriLength) + " characters long");
            }

            return image.Text;
        }

        if (step.Job.Framework is { } framework)
        {
            return ResolveFrameworkImage(step, framework);
        }

        Report(RuleIds.RequiredSettingMissing, step.Origin.AttributeOnly, "Step '" + step.Name + "' has no container image: add [Image(\"...\")]" + (step.Kind == StepKind.Processing ? " or [Framework(\"sklearn\", \"1.2-1\")]" : string.Empty));
        return null;
    }

    /// <summary>The image of a step's [Framework] for the build's region (SGW011 at the argument that has no image).</summary>
    internal string? ResolveFrameworkImage(StepDecl step, FrameworkDecl framework)
    {
        if (step.Kind is not (StepKind.Processing or StepKind.Training or StepKind.Model or StepKind.RegisterModel))
        {
            Report(RuleIds.RequiredSettingMissing, framework.Origin.AttributeOnly, Capitalize(step.Kind.DisplayName()) + " steps take a complete image URI: use [Image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>\")]");
            return null;
        }

        if (framework.InstanceType is not null && step.Kind is StepKind.Processing or StepKind.Training)
        {
            Report(RuleIds.AttributeNotApplicable, framework.Origin.WithNamed("InstanceType"), "InstanceType", step.Kind.DisplayName() + " step", step.Name,
                "the processor of a job's image comes from its [Instance]");
            return null;
        }

        if (Settings.Region is not { } region || !AwsSettings.IsRegion(region))
        {
            return null;
        }

        if (FrameworkImages.ResolveFor(step, framework, region, out var problem, out var origin) is { } uri)
        {
            return uri;
        }

        Report(RuleIds.RequiredSettingMissing, origin, Capitalize(problem?.Message ?? string.Empty));
        return null;
    }

    internal CodeFile? ResolveCode(CodeDecl code)
    {
        var path = NormalizePath(code.Path);
        if (Index.CodeFiles.TryGetValue(path, out var file))
        {
            return file;
        }

        Report(RuleIds.UnresolvedReference, code.Origin.WithArgument(0),
            "Code file '" + code.Path + "' was not found: the path is relative to the project directory, and the file must be in the project (Sagewright adds *.py, *.sh and *.R files as AdditionalFiles)");
        return null;
    }

    internal void AddEnvironment(StepDecl step, JsonObject arguments, int maxValueLength, int maxCount = Quotas.MaxEnvironment)
    {
        if (step.Job.Environment.IsEmpty)
        {
            return;
        }

        var environment = new JsonObject();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (step.Job.Environment.Count > maxCount)
        {
            CheckCount(step, step.Job.Environment.Count, maxCount, step.Job.Environment[maxCount].Origin.AttributeOnly, "environment variables");
        }

        foreach (var variable in step.Job.Environment)
        {
            if (NameRules.Check(NameRules.EnvironmentKey, variable.Name) is { } problem)
            {
                Report(RuleIds.InvalidName, variable.Origin.WithArgument(0), Capitalize(problem));
                continue;
            }

            if (!names.Add(variable.Name))
            {
                Report(RuleIds.InvalidName, variable.Origin.WithArgument(0), "Environment variable '" + variable.Name + "' is set twice");
                continue;
            }

            if (variable.Value.IsLiteral && variable.Value.Text.Length > maxValueLength)
            {
                Report(RuleIds.OutOfRange, variable.Value.Origin, "Environment values may be at most " + PipelineCompiler.Int(maxValueLength) + " characters long for this job kind");
            }

            environment.Add(variable.Name, ResolveValue(step, variable.Value, ParameterType.String, "an environment value", s3: false));
        }

        arguments.Add("Environment", environment);
    }
}
