namespace Sagewright.Model.Iam.Derivation;

/// <summary>Where a declared value can point at run time: the S3 location patterns of a literal, a parameter (its default
/// or each of its EnumValues), an upstream output or model, a [Join] or an interpolated string, with <c>*</c> only
/// where the value is known only at run time (an execution ID, a job name).</summary>
internal sealed partial class IamDeriver
{
    /// <summary>The S3 URIs a value that <paramref name="owner"/> writes stands for, from what resolution made of it
    /// (<see cref="PipelineGraph.Values"/>): see <see cref="Pattern(ValueSource, Value, SortedSet{string}, ref string?, HashSet{string}, bool)"/>.</summary>
    private IReadOnlyList<string>? Pattern(StepDecl owner, ValueSource value, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting) =>
        Pattern(value, Index.ValueOf(owner, value) ?? Compilation.References.Resolve(owner, value), notes, ref runtime, visiting);

    /// <summary>The S3 URIs a value stands for (ordinal order, no duplicates), with <c>*</c> for the parts known only at
    /// run time: one, or one per allowed value of the String parameters with <c>EnumValues</c> it is made of. Null when
    /// it cannot be known (<paramref name="runtime"/> then says why), does not resolve (reported where it is written)
    /// or stands for more than <see cref="Quotas.MaxIamLocationsPerValue"/> locations (SGW010, reported here).</summary>
    /// <param name="written">The value as written (for messages).</param>
    /// <param name="value">What it resolved to.</param>
    private IReadOnlyList<string>? Pattern(ValueSource written, Value value, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting, bool inJoin = false)
    {
        switch (value)
        {
            case LiteralValue literal:
                return new[] { literal.Text };

            case ParameterValue { Parameter: var parameter }:
            {
                var values = ParameterValues(parameter);
                if (values.Count == 1)
                {
                    notes.Add("resolved from the default of parameter `" + parameter.Name + "` (`" + parameter.DefaultValue + "`); an execution that passes another value needs that location granted too");
                    return values;
                }

                if (values.Count > Quotas.MaxIamLocationsPerValue)
                {
                    ReportTooManyLocations(written.Origin, values.Count, "parameter '" + parameter.Name + "' has " + PipelineCompiler.Int(values.Count) + " EnumValues");
                    return null;
                }

                notes.Add("resolved from each allowed value of parameter `" + parameter.Name + "` (EnumValues " + string.Join(", ", values.Select(v => "`" + v + "`")) + "), since an execution may pass any of them");
                return values;
            }

            case ExecutionValue execution:
                notes.Add("`*` stands for `Execution." + execution.Variable + "`, known only at run time");
                return new[] { "*" };

            case StepPropertyValue { Read: StepRead.Output } property:
            {
                var producer = Index.StepsByType[property.StepType];
                var output = producer.Job.Outputs.First(o => string.Equals(o.Member, written.TargetMember, StringComparison.Ordinal));
                var outputKey = "output:" + producer.TypeName + "/" + output.Member; // an output whose destination names itself
                if (!visiting.Add(outputKey))
                {
                    return null;
                }

                notes.Add("output `" + output.Name + "` of step `" + producer.Name + "`");
                ProducerKey(producer);
                try
                {
                    return OutputPattern(producer, output, notes, ref runtime, visiting);
                }
                finally
                {
                    visiting.Remove(outputKey);
                }
            }

            case StepPropertyValue { Read: StepRead.ModelArtifacts or StepRead.TopModel } property:
            {
                var producer = Index.StepsByType[property.StepType];
                notes.Add("the model artifacts of step `" + producer.Name + "`");
                notes.Add(ModelPathNote);
                ProducerKey(producer);
                var paths = ModelOutputPattern(producer, notes, ref runtime, visiting);
                return paths is null ? null : Sorted(paths.Select(path => path.TrimEnd('/') + "/" + PipelineJobs + "/output/model.tar.gz"));
            }

            case StepPropertyValue { Read: StepRead.OutputParameter } property:
            {
                var output = ((ExternalStepBody)Index.StepsByType[property.StepType].Body!).OutputParameters.First(o => string.Equals(o.Member, written.TargetMember, StringComparison.Ordinal));
                return Within(output.Within, "output parameter '" + output.Name + "' of step '" + property.StepName + "'", notes, ref runtime, inJoin);
            }

            case ExpressionValue { Declaration: var expression } declared:
            {
                var key = expression.TypeName + "/" + expression.Member;
                if (!visiting.Add(key))
                {
                    return null;
                }

                try
                {
                    if (expression.Kind == ExpressionKind.Join)
                    {
                        // A [Join] built from itself did not resolve: it stands for nothing.
                        var joined = declared.Value is JoinValue parts
                            ? Combine(written, expression.Values, parts.Parts, expression.Separator, "[Join] '" + expression.Member + "'", notes, ref runtime, visiting)
                            : null;
                        if (joined is not null)
                        {
                            notes.Add("[Join] `" + expression.Member + "`");
                        }

                        return joined;
                    }

                    if (TransformOutputPattern(expression, notes, ref runtime, visiting) is { } transformOutput)
                    {
                        return transformOutput;
                    }

                    return Within(expression.Within, (expression.Kind == ExpressionKind.JsonGet ? "[JsonGet]" : "[StepProperty]") + " '" + expression.Member + "'", notes, ref runtime, inJoin);
                }
                finally
                {
                    visiting.Remove(key);
                }
            }

            case JoinValue interpolated:
                // Like a [Join] with no separator: text as written, each hole as its own pattern.
                return Combine(written, written.Parts, interpolated.Parts, string.Empty, "the interpolated string", notes, ref runtime, visiting);

            default:
                return null; // unresolved: reported where the value is written
        }
    }

    /// <summary>The values a parameter stands for: its default, or, for a String parameter with <c>EnumValues</c>, each
    /// allowed value (the default is one of them, SGW007 otherwise), ordinal, without duplicates.</summary>
    private static IReadOnlyList<string> ParameterValues(ParameterDecl parameter) =>
        parameter.Type == ParameterType.String && !parameter.EnumValues.IsEmpty
            ? Sorted(parameter.EnumValues.Append(parameter.DefaultValue))
            : new[] { parameter.DefaultValue };

    /// <summary>The parts of a [Join] or an interpolated string joined, one pattern per combination of the parts'
    /// patterns; null when a part is unknown or there are more combinations than Sagewright grants (reported).</summary>
    private IReadOnlyList<string>? Combine(ValueSource value, IReadOnlyList<ValueSource> parts, EquatableArray<Value> resolvedParts, string separator, string what, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting)
    {
        var resolved = new List<IReadOnlyList<string>>();
        long count = 1;
        for (var i = 0; i < parts.Count; i++)
        {
            if (Pattern(parts[i], resolvedParts[i], notes, ref runtime, visiting, inJoin: true) is not { } texts)
            {
                return null;
            }

            resolved.Add(texts);
            count = Math.Min(count * texts.Count, int.MaxValue);
        }

        if (count > Quotas.MaxIamLocationsPerValue)
        {
            var sources = resolved.Select((texts, i) => (texts, part: parts[i], resolved: resolvedParts[i]))
                .Where(p => p.texts.Count > 1)
                .Select(p => p.resolved is ParameterValue { Parameter: var parameter }
                    ? "'" + parameter.Name + "' (" + PipelineCompiler.Int(p.texts.Count) + ")"
                    : "'" + p.part.Text + "' (" + PipelineCompiler.Int(p.texts.Count) + ")");
            ReportTooManyLocations(value.Origin, count, what + " combines the EnumValues of " + string.Join(" × ", sources));
            return null;
        }

        IEnumerable<string> combined = new[] { string.Empty };
        var first = true;
        foreach (var texts in resolved)
        {
            var prefix = first ? string.Empty : separator;
            combined = combined.SelectMany(head => texts.Select(text => head + prefix + text)).ToList();
            first = false;
        }

        return Sorted(combined);
    }

    /// <summary>SGW010 where a location stands for more S3 locations than Sagewright grants one value (once per argument).</summary>
    private void ReportTooManyLocations(Origin origin, long count, string why)
    {
        if (Findings.Any(f => f.Origin == origin && f.Id == RuleIds.QuotaExceeded))
        {
            return;
        }

        Report(RuleIds.QuotaExceeded, origin, "This S3 location stands for " + PipelineCompiler.Int((int)Math.Min(count, int.MaxValue)) + " locations, one per allowed value: "
            + why + "; Sagewright grants at most " + PipelineCompiler.Int(Quotas.MaxIamLocationsPerValue)
            + " per location. Give the parameters fewer EnumValues, or build the location from fewer enum-valued parameters");
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> values) =>
        values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToArray();

    /// <summary>A value known only at run time: its [Within] prefix; else, as one part of a [Join], <c>*</c> (the
    /// bucket, written before it, still scopes it); else unknown.</summary>
    private static IReadOnlyList<string>? Within(ValueSource? within, string what, SortedSet<string> notes, ref string? runtime, bool inJoin)
    {
        if (within is { IsLiteral: true } && S3Uris.Check(within.Text) is null)
        {
            notes.Add(what.Replace('\'', '`') + " is known only at run time; its [Within] prefix `" + within.Text + "` is granted");
            return new[] { Trim(within.Text) + "/*" };
        }

        if (inJoin)
        {
            notes.Add("`*` stands for " + what.Replace('\'', '`') + ", known only at run time");
            return new[] { "*" };
        }

        runtime ??= what;
        return null;
    }

    private IReadOnlyList<string>? OutputPattern(StepDecl producer, OutputDecl output, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting)
    {
        if (output.Destination is { } destination)
        {
            return Pattern(producer, destination, notes, ref runtime, visiting);
        }

        return new[] { DefaultLocation(producer.Name + "/output/" + output.Name, notes) };
    }

    /// <summary>A training or tuning step's <c>S3OutputPath</c>.</summary>
    /// <summary>A <c>[StepProperty]</c> of <c>TransformOutput.S3OutputPath</c> of one of this pipeline's transform
    /// steps: the location Sagewright wrote into the step (its destination or the per-execution default), so no
    /// <c>[Within]</c> is needed; null for any other expression.</summary>
    private IReadOnlyList<string>? TransformOutputPattern(ExpressionDecl expression, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting)
    {
        if (expression.Kind != ExpressionKind.Property || expression.Within is not null
            || !string.Equals(expression.Path, "TransformOutput.S3OutputPath", StringComparison.Ordinal)
            || expression.Values.Count != 1 || expression.Values[0].TargetType is not { } stepType
            || !Index.StepsByType.TryGetValue(stepType, out var producer) || producer.Body is not TransformBody body)
        {
            return null;
        }

        notes.Add("the output of transform step `" + producer.Name + "`");
        return body.Output?.Destination is { } destination
            ? Pattern(producer, destination, notes, ref runtime, visiting)
            : new[] { DefaultLocation(producer.Name, notes) };
    }

    private IReadOnlyList<string>? ModelOutputPattern(StepDecl trainer, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting) =>
        trainer.Job.ModelOutput is { } output ? Pattern(trainer, output, notes, ref runtime, visiting) : new[] { DefaultLocation(trainer.Name, notes) };

    /// <summary>The per-execution default location <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/&lt;execution id&gt;/&lt;path&gt;</c>.</summary>
    private string DefaultLocation(string path, SortedSet<string> notes)
    {
        notes.Add("the default location `s3://" + Bucket + "/" + Pipeline.Name + "/<execution id>/" + path + "`: `*` stands for the execution ID");
        return "s3://" + Bucket + "/" + Pipeline.Name + "/*/" + path;
    }

    /// <summary>The key of an uploaded [Code] file: <c>&lt;pipeline&gt;/code/&lt;sha256&gt;/&lt;file&gt;</c> in the artifact bucket.</summary>
    private string? CodeKey(CodeDecl code, string file) =>
        Index.CodeFiles.TryGetValue(NormalizePath(code.Path), out var codeFile) ? Pipeline.Name + "/code/" + codeFile.Sha256 + "/" + file : null;
}
