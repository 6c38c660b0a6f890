namespace Sagewright.Model.Iam.Derivation;

/// <summary>Where a declared value can point at run time: the S3 location patterns of a literal, a parameter (its default
/// or each of its EnumValues), an upstream output or model, a [Join] or an interpolated string, with <c>*</c> only
/// where the value is known only at run time (an execution ID, a job name).</summary>
internal sealed partial class IamDeriver
{
    /// <summary>The S3 URIs a value stands for (ordinal order, no duplicates), with <c>*</c> for the parts known only at
    /// run time: one, or one per allowed value of the String parameters with <c>EnumValues</c> it is made of. Null when
    /// it cannot be known (<paramref name="runtime"/> then says why), does not resolve (already reported) or stands for
    /// more than <see cref="Quotas.MaxIamLocationsPerValue"/> locations (SGW010, reported here).</summary>
    private IReadOnlyList<string>? Pattern(ValueSource value, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting, bool inJoin = false)
    {
        switch (value.Kind)
        {
            case ValueKind.Literal:
                return new[] { value.Text };

            case ValueKind.Parameter:
            {
                if (!string.Equals(value.TargetType, Pipeline.TypeName, StringComparison.Ordinal) || !Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter))
                {
                    return null;
                }

                var values = ParameterValues(parameter);
                if (values.Count == 1)
                {
                    notes.Add("resolved from the default of parameter `" + parameter.Name + "` (`" + parameter.DefaultValue + "`); an execution that passes another value needs that location granted too");
                    return values;
                }

                if (values.Count > Quotas.MaxIamLocationsPerValue)
                {
                    ReportTooManyLocations(value.Origin, values.Count, "parameter '" + parameter.Name + "' has " + PipelineCompiler.Int(values.Count) + " EnumValues");
                    return null;
                }

                notes.Add("resolved from each allowed value of parameter `" + parameter.Name + "` (EnumValues " + string.Join(", ", values.Select(v => "`" + v + "`")) + "), since an execution may pass any of them");
                return values;
            }

            case ValueKind.Execution:
                notes.Add("`*` stands for `Execution." + value.TargetMember + "`, known only at run time");
                return new[] { "*" };

            case ValueKind.StepOutput:
            {
                if (!Index.StepsByType.TryGetValue(value.TargetType ?? string.Empty, out var producer)
                    || producer.Job.Outputs.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal)) is not { } output)
                {
                    return null;
                }

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

            case ValueKind.ModelArtifacts:
            {
                if (!Index.StepsByType.TryGetValue(value.TargetType ?? string.Empty, out var producer) || producer.Kind is not (StepKind.Training or StepKind.Tuning))
                {
                    return null;
                }

                notes.Add("the model artifacts of step `" + producer.Name + "`");
                notes.Add(ModelPathNote);
                ProducerKey(producer);
                var paths = ModelOutputPattern(producer, notes, ref runtime, visiting);
                return paths is null ? null : Sorted(paths.Select(path => path.TrimEnd('/') + "/" + PipelineJobs + "/output/model.tar.gz"));
            }

            case ValueKind.Expression:
            {
                var key = value.TargetType + "/" + value.TargetMember;
                if (!Index.Expressions.TryGetValue(key, out var expression) || !visiting.Add(key))
                {
                    return null;
                }

                try
                {
                    if (expression.Kind == ExpressionKind.Join)
                    {
                        var joined = Combine(value, expression.Values, expression.Separator, "[Join] '" + expression.Member + "'", notes, ref runtime, visiting);
                        if (joined is not null)
                        {
                            notes.Add("[Join] `" + expression.Member + "`");
                        }

                        return joined;
                    }

                    return Within(expression.Within, (expression.Kind == ExpressionKind.JsonGet ? "[JsonGet]" : "[StepProperty]") + " '" + expression.Member + "'", notes, ref runtime, inJoin);
                }
                finally
                {
                    visiting.Remove(key);
                }
            }

            case ValueKind.Interpolated:
                // Like a [Join] with no separator: text as written, each hole as its own pattern.
                return Combine(value, value.Parts, string.Empty, "the interpolated string", notes, ref runtime, visiting);

            case ValueKind.OutputParameter:
            {
                if (!Index.StepsByType.TryGetValue(value.TargetType ?? string.Empty, out var producer)
                    || (producer.Body as ExternalStepBody)?.OutputParameters.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal)) is not { } output)
                {
                    return null;
                }

                return Within(output.Within, "output parameter '" + output.Name + "' of step '" + producer.Name + "'", notes, ref runtime, inJoin);
            }

            default:
                return null;
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
    private IReadOnlyList<string>? Combine(ValueSource value, IEnumerable<ValueSource> parts, string separator, string what, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting)
    {
        var resolved = new List<IReadOnlyList<string>>();
        long count = 1;
        foreach (var part in parts)
        {
            if (Pattern(part, notes, ref runtime, visiting, inJoin: true) is not { } texts)
            {
                return null;
            }

            resolved.Add(texts);
            count = Math.Min(count * texts.Count, int.MaxValue);
        }

        if (count > Quotas.MaxIamLocationsPerValue)
        {
            var sources = resolved.Zip(parts, (texts, part) => (texts, part))
                .Where(p => p.texts.Count > 1)
                .Select(p => p.part.Kind == ValueKind.Parameter && Index.ParametersByMember.TryGetValue(p.part.TargetMember ?? string.Empty, out var parameter)
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
            return Pattern(destination, notes, ref runtime, visiting);
        }

        return new[] { DefaultLocation(producer.Name + "/output/" + output.Name, notes) };
    }

    /// <summary>A training or tuning step's <c>S3OutputPath</c>.</summary>
    private IReadOnlyList<string>? ModelOutputPattern(StepDecl trainer, SortedSet<string> notes, ref string? runtime, HashSet<string> visiting) =>
        trainer.Job.ModelOutput is { } output ? Pattern(output, notes, ref runtime, visiting) : new[] { DefaultLocation(trainer.Name, notes) };

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
