using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Sagewright.Model.Compilation;
using Sagewright.Model.Graph;
using Sagewright.Model.Iam;
using Sagewright.Model.Json;
using Sagewright.Model.Pipeline;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Rules;

/// <summary>The best-practice rules (SGW100, SGW104, SGW105, SGW107–SGW112), read from the same declarations the
/// definition is built from.</summary>
internal sealed class BestPracticeChecks : CompilerPass
{
    public BestPracticeChecks(PipelineCompilation compilation)
        : base(compilation)
    {
    }

    private const string CapacityError = "SageMaker.CAPACITY_ERROR";

    /// <summary>How a location relates to pipeline executions.</summary>
    private enum Versioning
    {
        /// <summary>Cannot be known before the run (a parameter, a value read at run time).</summary>
        Unknown,

        /// <summary>Different for every execution: it contains the execution ID, or SageMaker adds the job name.</summary>
        PerExecution,

        /// <summary>The same for every execution; the text is known.</summary>
        Fixed,
    }

    internal void CheckBestPractice()
    {
        CheckRequiredTags();
        foreach (var step in Steps)
        {
            CheckSpotPractice(step);
            CheckImagePinned(step);
            CheckOutputsVersioned(step);
            CheckCachedInputs(step);
            if (step.Body is RegisterModelBody register)
            {
                CheckRegistration(step, register);
            }
        }

        CheckMonolithic();
    }

    // ---- SGW109 ---------------------------------------------------------------------------------

    private void CheckRequiredTags()
    {
        var present = new HashSet<string>(Pipeline.Tags.Select(t => t.Key), StringComparer.Ordinal);
        var missing = Rules.RequiredTags.Where(k => !present.Contains(k)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var attributes = missing.Select(k => "[Tag(" + BestPractice.StringLiteral(k) + ", " + BestPractice.StringLiteral(k == "pipeline" ? Pipeline.Name : "TODO") + ")]");
        Report(new Finding(RuleIds.MissingRequiredTags, Pipeline.Origin.AttributeOnly,
                "Pipeline '" + Pipeline.Name + "' is missing the required cost-allocation tag" + (missing.Count == 1 ? " " : "s ") + string.Join(", ", missing.Select(k => "'" + k + "'"))
                + ": add [Tag(\"<key>\", \"<value>\")] for " + (missing.Count == 1 ? "it" : "each") + " (required keys: " + RuleOptions.RequiredTagsKey + " in .editorconfig)")
            .WithProperty("fix.title", missing.Count == 1 ? "Add the tag '" + missing[0] + "'" : "Add the required tags")
            .WithProperty("fix.addAttributes", string.Join("\n", attributes)));
    }

    // ---- SGW100, SGW112 -------------------------------------------------------------------------

    private void CheckSpotPractice(StepDecl step)
    {
        if (step.Kind is not (StepKind.Training or StepKind.Tuning) || step.Spot is not { } spot)
        {
            return; // [Spot] elsewhere is SGW014
        }

        var kind = step.Kind == StepKind.Tuning ? "tuning" : "training";
        if (spot.CheckpointS3Uri is null)
        {
            Report(new Finding(RuleIds.SpotWithoutCheckpoint, spot.Origin.AttributeOnly,
                    "Spot " + kind + " step '" + step.Name + "' has no checkpoint location: when SageMaker reclaims a Spot instance, the job starts over from the beginning; set CheckpointS3Uri and save checkpoints to /opt/ml/checkpoints")
                .WithProperty("fix.title", "Add a checkpoint location")
                .WithProperty("fix.set.CheckpointS3Uri", CheckpointSuggestion(step)));
        }

        if (!step.Retries.Any(r => r.ExceptionTypes.Contains(CapacityError)))
        {
            Report(new Finding(RuleIds.SpotWithoutRetry, spot.Origin.AttributeOnly,
                    "Spot " + kind + " step '" + step.Name + "' has no retry policy for capacity errors: when SageMaker cannot get the instances, the job fails and so does the execution; add [Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]")
                .WithProperty("fix.title", "Retry on capacity errors")
                .WithProperty("fix.addAttributes", "[Retry(RetryOn.CapacityError, MaxAttempts = 3, IntervalSeconds = 60)]"));
        }
    }

    /// <summary>A checkpoint location per execution: <c>checkpoints/&lt;execution id&gt;</c> under a literal model output
    /// path, else next to Sagewright's default output location, <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/&lt;execution id&gt;/&lt;step&gt;/checkpoints</c>.</summary>
    private string CheckpointSuggestion(StepDecl step) =>
        step.ModelOutput is { IsLiteral: true } output && S3Uris.Check(output.Text) is null
            ? BestPractice.WithExecutionId(output.Text.TrimEnd('/') + "/checkpoints")
            : BestPractice.InterpolatedString("s3://" + Bucket + "/" + Pipeline.Name + "/", BestPractice.ExecutionIdHole, "/" + step.Name + "/checkpoints");

    // ---- SGW107 ---------------------------------------------------------------------------------

    private void CheckImagePinned(StepDecl step)
    {
        // A [Framework] image is resolved by Sagewright to a versioned URI; a parameter cannot be judged.
        if (step.Image is not { IsLiteral: true } image || image.Text.Length > 255 || BestPractice.UnpinnedImageProblem(image.Text) is not { } problem)
        {
            return;
        }

        Report(RuleIds.UnpinnedImage, image.Origin,
            "Image '" + image.Text + "' " + problem + ": SageMaker pulls whatever the tag points to when the job starts, so two executions of the same definition can run different code; pin it with a version tag or a digest (@sha256:…)");
    }

    // ---- SGW108 ---------------------------------------------------------------------------------

    private void CheckOutputsVersioned(StepDecl step)
    {
        foreach (var output in step.Outputs)
        {
            if (step.Kind == StepKind.Processing && output.Destination is { } destination)
            {
                ReportFixedOutput(step, destination, "output '" + output.Name + "'", checkpoint: false);
            }
        }

        if (step.Body is TransformBody { Output.Destination: { } transformDestination })
        {
            ReportFixedOutput(step, transformDestination, "the transform output", checkpoint: false);
        }

        // Model artifacts are not checked: SageMaker writes them under <S3OutputPath>/<training job name>/, and the
        // job name is new for every execution. Tuning checkpoints are not checked either (see docs/rules/SGW108.md).
        if (step.Kind == StepKind.Training && step.Spot?.CheckpointS3Uri is { } checkpoint)
        {
            ReportFixedOutput(step, checkpoint, "the checkpoint location", checkpoint: true);
        }
    }

    private void ReportFixedOutput(StepDecl step, ValueSource destination, string what, bool checkpoint)
    {
        // A malformed URI is SGW005 already; advice about where it points would be noise.
        if (Classify(destination, out var text, 0) != Versioning.Fixed || (destination.IsLiteral && S3Uris.Check(text) is not null))
        {
            return;
        }

        var finding = new Finding(RuleIds.UnversionedOutput, destination.Origin,
            "Step '" + step.Name + "' writes " + what + " to '" + text + "' in every execution, so each run overwrites the last one's"
            + (checkpoint ? " and a new run resumes from the previous run's checkpoints" : string.Empty)
            + ": add the execution ID to the path, for example " + BestPractice.WithExecutionId(text));
        if (destination.IsLiteral)
        {
            finding = finding
                .WithProperty("fix.title", "Version the path per execution")
                .WithProperty("fix.replace", BestPractice.WithExecutionId(destination.Text));
        }

        Report(finding);
    }

    // ---- SGW105 ---------------------------------------------------------------------------------

    private void CheckCachedInputs(StepDecl step)
    {
        if (step.Cache is not { } cache || step.Kind is not (StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform))
        {
            return; // [Cache] elsewhere is SGW014
        }

        var sources = step.Kind switch
        {
            StepKind.Processing => step.Inputs.Select(i => i.Source),
            StepKind.Transform => step.Body is TransformBody { Input: { } input } ? new[] { input.Source } : Enumerable.Empty<ValueSource>(),
            _ => step.Channels.Select(c => c.Source),
        };
        foreach (var source in sources)
        {
            if (MutableInput(source) is { } why)
            {
                Report(RuleIds.CacheOnMutableInput, source.Origin,
                    "Step '" + step.Name + "' is cached ([Cache(\"" + cache.ExpireAfter + "\")]) but reads " + why
                    + ": caching compares the location, not the data, so after new data arrives there a later execution reuses the result computed from the old data; read a versioned location or remove [Cache]");
            }
        }
    }

    /// <summary>Why an input's data can change while its location stays the same, or null when it cannot (or when that
    /// cannot be known).</summary>
    private string? MutableInput(ValueSource source)
    {
        if (source.Kind == ValueKind.StepOutput)
        {
            var producer = Index.StepsByType.TryGetValue(source.TargetType ?? string.Empty, out var found) ? found : null;
            var output = producer?.Outputs.FirstOrDefault(o => string.Equals(o.Member, source.TargetMember, StringComparison.Ordinal));
            return output?.Destination is { } destination && Classify(destination, out var written, 0) == Versioning.Fixed
                ? "output '" + output.Name + "' of step '" + producer!.Name + "', which every run of that step rewrites at '" + written + "'"
                : null;
        }

        // Literal text, or a [Join] or interpolated string of text only: judged by the path itself.
        return Classify(source, out var text, 0) == Versioning.Fixed && !BestPractice.IsVersionedPath(text) && (!source.IsLiteral || S3Uris.Check(text) is null)
            ? "'" + text + "', a location with no version, hash or date in its path"
            : null;
    }

    // ---- SGW104, SGW110 -------------------------------------------------------------------------

    private void CheckRegistration(StepDecl step, RegisterModelBody body)
    {
        if (body.ApprovalStatus == "Approved")
        {
            Report(new Finding(RuleIds.ModelRegisteredApproved, body.ApprovalOrigin ?? step.Origin.AttributeOnly,
                    "Register-model step '" + step.Name + "' registers the model as Approved, so deployments that watch group '" + body.Group.Text
                    + "' pick it up with no review; register it as PendingManualApproval and approve it after checking its metrics")
                .WithProperty("fix.title", "Register for manual approval")
                .WithProperty("fix.replace", "ModelApprovalStatus.PendingManualApproval"));
        }

        if (body.Metrics is null)
        {
            Report(RuleIds.ModelWithoutMetrics, step.Origin.AttributeOnly,
                "Register-model step '" + step.Name + "' registers the model without evaluation metrics: whoever approves it cannot see how good it is; attach the evaluation report with [ModelMetrics(nameof(Evaluation.Report))]");
        }
    }

    // ---- SGW111 ---------------------------------------------------------------------------------

    /// <summary>A pipeline whose only job step is a training or tuning step that reads every channel straight from
    /// outside the pipeline (text or a parameter).</summary>
    private void CheckMonolithic()
    {
        var jobs = Steps.Where(s => s.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform).ToList();
        if (jobs.Count != 1 || jobs[0] is not { Kind: StepKind.Training or StepKind.Tuning } step
            || step.Channels.IsEmpty || !step.Channels.All(c => c.Source.Kind is ValueKind.Literal or ValueKind.Parameter))
        {
            return;
        }

        Report(RuleIds.MonolithicStep, step.Origin.AttributeOnly,
            "Pipeline '" + Pipeline.Name + "' does all its work in " + (step.Kind == StepKind.Tuning ? "tuning" : "training") + " step '" + step.Name
            + "', which reads the raw data and produces the model: move data preparation into a processing step, so it can be cached, retried and evaluated on its own");
    }

    // ---- locations ------------------------------------------------------------------------------

    /// <summary>Whether a location is the same in every execution. <paramref name="text"/> is the location when it is
    /// <see cref="Versioning.Fixed"/> (a Join's or interpolation's parts concatenated).</summary>
    private Versioning Classify(ValueSource value, out string text, int depth)
    {
        text = string.Empty;
        switch (value.Kind)
        {
            case ValueKind.Literal:
                text = value.Text;
                return Versioning.Fixed;

            case ValueKind.ModelArtifacts:
                return Versioning.PerExecution; // <output path>/<job name>/output/model.tar.gz

            case ValueKind.Execution:
                if (value.TargetMember == "PipelineName")
                {
                    text = Pipeline.Name;
                    return Versioning.Fixed;
                }

                return value.TargetMember == "PipelineArn" ? Versioning.Unknown : Versioning.PerExecution;

            case ValueKind.Interpolated:
                return Combine(value.Parts, string.Empty, out text, depth);

            case ValueKind.Expression when depth < 8
                && Index.Expressions.TryGetValue(value.TargetType + "/" + value.TargetMember, out var expression) && expression.Kind == ExpressionKind.Join:
                return Combine(expression.Values, expression.Separator, out text, depth);

            case ValueKind.StepOutput when depth < 8:
            {
                // Inside a Join: the producer's output location.
                var producer = Index.StepsByType.TryGetValue(value.TargetType ?? string.Empty, out var found) ? found : null;
                var output = producer?.Outputs.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal));
                return output is null ? Versioning.Unknown
                    : output.Destination is { } destination ? Classify(destination, out text, depth + 1)
                    : Versioning.PerExecution;
            }

            default:
                return Versioning.Unknown;
        }
    }

    private Versioning Combine(EquatableArray<ValueSource> parts, string separator, out string text, int depth)
    {
        text = string.Empty;
        var texts = new List<string>();
        var unknown = false;
        foreach (var part in parts)
        {
            switch (Classify(part, out var partText, depth + 1))
            {
                case Versioning.PerExecution:
                    return Versioning.PerExecution;
                case Versioning.Unknown:
                    unknown = true;
                    break;
                default:
                    texts.Add(partText);
                    break;
            }
        }

        if (unknown)
        {
            return Versioning.Unknown;
        }

        text = string.Join(separator, texts);
        return Versioning.Fixed;
    }
}
