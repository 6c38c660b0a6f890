using System.Text.RegularExpressions;

namespace Sagewright.Model.Emit;

/// <summary>The step settings every kind shares: RetryPolicies, CacheConfig and PropertyFiles.</summary>
internal sealed class StepSettingsEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    private static readonly Regex IsoDuration = new(
        "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$", RegexOptions.CultureInvariant);

    /// <summary>RetryPolicies, CacheConfig and PropertyFiles, in the SDK's key order.</summary>
    internal void AddStepSettings(StepDecl step, JsonObject json)
    {
        var isJob = step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform;
        if (!step.Retries.IsEmpty)
        {
            var policies = new JsonArray();
            foreach (var retry in step.Retries)
            {
                policies.Add(BuildRetry(step, retry, isJob));
            }

            json.Add("RetryPolicies", policies);
        }

        if (step.Cache is { } cache)
        {
            if (!isJob)
            {
                Report(RuleIds.AttributeNotApplicable, cache.Origin, "[Cache]", step.Kind.DisplayName() + " step", step.Name,
                    "it is for processing, training, tuning and transform steps; a " + step.Kind.DisplayName() + " step is not cached");
            }
            else if (!IsoDuration.IsMatch(cache.ExpireAfter))
            {
                Report(RuleIds.OutOfRange, cache.Origin.WithArgument(0), "'" + cache.ExpireAfter + "' is not an ISO-8601 duration such as P30D, PT12H or P1DT6H");
            }

            json.Add("CacheConfig", new JsonObject().Add("Enabled", true).Add("ExpireAfter", cache.ExpireAfter));
        }

        var propertyFiles = step.Job.Outputs.Where(o => o.PropertyFile is not null).ToList();
        if (propertyFiles.Count > 0)
        {
            var files = new JsonArray();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var output in propertyFiles)
            {
                var file = output.PropertyFile!;
                if (NameRules.Check(NameRules.Step, file.Name) is { } problem)
                {
                    Report(RuleIds.InvalidName, file.Origin.WithNamed("Name"), Capitalize(problem.Replace("step name", "property file name")));
                }
                else if (!names.Add(file.Name))
                {
                    Report(RuleIds.InvalidName, file.Origin.AttributeOnly, "Property file name '" + file.Name + "' is used twice in step '" + step.Name + "'");
                }

                if (file.Path.Length == 0 || file.Path.StartsWith("/", StringComparison.Ordinal))
                {
                    Report(RuleIds.OutOfRange, file.Origin.WithArgument(0), "The property file path is relative to the output's folder, for example 'evaluation.json'");
                }

                files.Add(new JsonObject().Add("PropertyFileName", file.Name).Add("OutputName", output.Name).Add("FilePath", file.Path));
            }

            json.Add("PropertyFiles", files);
        }
    }

    private JsonObject BuildRetry(StepDecl step, RetryDecl retry, bool isJob)
    {
        if (retry.ExceptionTypes.IsEmpty || retry.ExceptionTypes.Any(e => e.Length == 0))
        {
            Report(RuleIds.RequiredSettingMissing, retry.Origin.AttributeOnly, "[Retry] needs the failures to retry, for example [Retry(RetryOn.CapacityError, MaxAttempts = 3)]");
        }
        else if (!isJob && retry.ExceptionTypes.Any(e => e.StartsWith("SageMaker.", StringComparison.Ordinal)))
        {
            Report(RuleIds.AttributeNotApplicable, retry.Origin.AttributeOnly, "[Retry] of SageMaker job failures (JobInternalError, CapacityError, ResourceLimit)",
                step.Kind.DisplayName() + " step", step.Name, "they can be retried only on steps that run a job");
        }

        if (retry.MaxAttempts is not null && retry.ExpireAfterMinutes is not null)
        {
            Report(RuleIds.SettingConflict, retry.Origin.AttributeOnly, "[Retry]", "its limit", "MaxAttempts", "ExpireAfterMinutes", "it takes exactly one of them");
        }
        else if (retry.MaxAttempts is null && retry.ExpireAfterMinutes is null)
        {
            Report(RuleIds.RequiredSettingMissing, retry.Origin.AttributeOnly, "[Retry] takes exactly one of MaxAttempts and ExpireAfterMinutes");
        }

        if (retry.MaxAttempts is { } attempts)
        {
            CheckRange(attempts, 1, Quotas.MaxRetryAttempts, retry.Origin.WithNamed("MaxAttempts"), "MaxAttempts");
        }

        if (retry.ExpireAfterMinutes is { } minutes)
        {
            CheckRange(minutes, 1, Quotas.MaxRetryExpireAfterMinutes, retry.Origin.WithNamed("ExpireAfterMinutes"), "ExpireAfterMinutes");
        }

        CheckRange(retry.IntervalSeconds, 0, int.MaxValue, retry.Origin.WithNamed("IntervalSeconds"), "IntervalSeconds");
        if (retry.BackoffRate < 0 || double.IsNaN(retry.BackoffRate) || double.IsInfinity(retry.BackoffRate))
        {
            Report(RuleIds.OutOfRange, retry.Origin.WithNamed("BackoffRate"), "BackoffRate must be a finite number of at least 0");
        }

        var json = new JsonObject()
            .Add("ExceptionType", new JsonArray(retry.ExceptionTypes.Select(e => (JsonValue)e)))
            .Add("IntervalSeconds", retry.IntervalSeconds)
            .Add("BackoffRate", double.IsNaN(retry.BackoffRate) || double.IsInfinity(retry.BackoffRate) ? JsonValue.From(2.0) : JsonValue.From(retry.BackoffRate));
        if (retry.MaxAttempts is { } max)
        {
            json.Add("MaxAttempts", max);
        }

        if (retry.ExpireAfterMinutes is { } expire)
        {
            json.Add("ExpireAfterMin", expire);
        }

        return json;
    }
}
