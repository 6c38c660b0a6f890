namespace Sagewright.Model.Rules;

/// <summary>SGW105: a cached step that reads a location whose data can change while the location stays the same (an
/// unversioned literal path, or an upstream output every run rewrites). A value that comes from a parameter or is
/// known only at run time is never reported.</summary>
public sealed class CacheOnMutableInput : PipelineRule
{
    /// <summary>{0} the step name, {1} the cache's expiry, {2} the input and why its data can change.</summary>
    public const string Format = "Step '{0}' is cached ([Cache(\"{1}\")]) but reads {2}: caching compares the location, not the data, so after new data arrives there a later execution reuses the result computed from the old data; read a versioned location or remove [Cache]";

    public override string Id => RuleIds.CacheOnMutableInput;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        foreach (var step in context.Steps)
        {
            if (step.Cache is not { } cache || step.Kind is not (StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform))
            {
                continue; // [Cache] elsewhere is SGW014
            }

            var sources = step.Kind switch
            {
                StepKind.Processing => step.Job.Inputs.Select(i => i.Source),
                StepKind.Transform => step.Body is TransformBody { Input: { } input } ? new[] { input.Source } : Enumerable.Empty<ValueSource>(),
                _ => step.Job.Channels.Select(c => c.Source),
            };
            foreach (var source in sources)
            {
                if (MutableInput(context, source) is { } why)
                {
                    context.Report(Finding(source.Origin, step.Name, cache.ExpireAfter, why));
                }
            }
        }
    }

    /// <summary>Why an input's data can change while its location stays the same, or null when it cannot (or when that
    /// cannot be known).</summary>
    private static string? MutableInput(RuleContext context, ValueSource source)
    {
        if (source.Kind == ValueKind.StepOutput)
        {
            var (producer, output) = Locations.OutputOf(context, source);
            return output?.Destination is { } destination && Locations.Classify(context, destination, out var written) == Versioning.Fixed
                ? "output '" + output.Name + "' of step '" + producer!.Name + "', which every run of that step rewrites at '" + written + "'"
                : null;
        }

        // Literal text, or a [Join] or interpolated string of text only: judged by the path itself.
        return Locations.Classify(context, source, out var text) == Versioning.Fixed && !BestPractice.IsVersionedPath(text) && (!source.IsLiteral || S3Uris.Check(text) is null)
            ? "'" + text + "', a location with no version, hash or date in its path"
            : null;
    }
}
