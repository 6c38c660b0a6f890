namespace Sagewright.Model.Iam.Derivation;

/// <summary>S3 permissions: reads and writes of the locations a step declares, each resolved to the patterns it can
/// take at run time (a parameter's default or EnumValues, an upstream output's location).</summary>
internal sealed partial class IamDeriver
{
    /// <summary>Read access to a declared location: GetObject on its objects and ListBucket on its prefix.</summary>
    /// <param name="file">The location is one object (a model.tar.gz), not a prefix.</param>
    /// <param name="list">SageMaker lists the prefix before downloading (S3Prefix inputs).</param>
    private void Read(RoleBuilder role, StepDecl step, ValueSource source, string reason, string what, bool file, bool list)
    {
        var notes = NewNotes();
        string? runtime = null;
        var keys = new List<(KmsKeyReference Key, string Producer)>();
        _keySink = keys;
        var patterns = Pattern(step, source, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal));
        _keySink = null;
        if (Splits(patterns, out var unknown) is not { } splits)
        {
            ReportUnknown(source.Origin, runtime, what, unknown);
            return;
        }

        DecryptUpstream(role, keys, reason);

        foreach (var split in splits)
        {
            if (!file && split.Key.Length > 0 && !split.Key.EndsWith("/", StringComparison.Ordinal) && !split.Key.EndsWith("*", StringComparison.Ordinal))
            {
                notes.Add("the URI has no trailing `/`: only `" + split.Key + "` and `" + split.Key + "/…` are granted, not every key that starts with `" + split.Key + "`");
            }
        }

        foreach (var split in splits)
        {
            ReadKnown(role, split.Bucket, split.Key, file, list, Reason(reason, notes));
        }
    }

    private void ReadKnown(RoleBuilder role, string bucket, string key, bool file, bool list, string reason)
    {
        var (objects, prefixes) = Prefix(key, file);
        var statement = role.Statement("S3ReadInputs").Allow("s3:GetObject");
        foreach (var o in objects)
        {
            statement.On(S3Arn(bucket, o), reason);
        }

        if (list)
        {
            ListBucket(role, bucket, prefixes, reason);
        }
    }

    /// <summary>The object patterns of a location and the <c>s3:prefix</c> values its listing uses (null: the whole
    /// bucket). A prefix ends at a <c>/</c>, so <c>raw-data/</c> never opens <c>raw-data-old/</c>.</summary>
    private static (string[] Objects, string[]? Prefixes) Prefix(string key, bool file)
    {
        if (file)
        {
            return (new[] { key }, new[] { key });
        }

        if (key.Length == 0)
        {
            return (new[] { "*" }, null);
        }

        if (key.EndsWith("*", StringComparison.Ordinal))
        {
            return (new[] { key }, key.EndsWith("/*", StringComparison.Ordinal) ? new[] { key.Substring(0, key.Length - 1), key } : new[] { key });
        }

        return key.EndsWith("/", StringComparison.Ordinal)
            ? (new[] { key + "*" }, new[] { key, key + "*" })
            : (new[] { key, key + "/*" }, new[] { key, key + "/", key + "/*" });
    }

    private void ListBucket(RoleBuilder role, string bucket, string[]? prefixes, string reason)
    {
        var statement = role.KeyedStatement("list:" + bucket, "S3ListBucket" + IamNames.Pascal(bucket)).Allow("s3:ListBucket");
        statement.On(S3Arn(bucket), reason);
        if (prefixes is null)
        {
            statement.Unconditional = true;
            statement.Note("The whole bucket is declared as a location, so listing is not limited to a prefix.");
            return;
        }

        foreach (var prefix in prefixes)
        {
            statement.When("StringLike", "s3:prefix", prefix);
        }
    }

    /// <summary>PutObject under a folder SageMaker uploads into.</summary>
    private void WriteFolder(RoleBuilder role, IReadOnlyList<string>? locations, string? runtime, Origin origin, string reason, string what, StepDecl step)
    {
        if (Splits(locations, out var unknown) is not { } splits)
        {
            ReportUnknown(origin, runtime, what + " of step '" + step.Name + "'", unknown);
            return;
        }

        foreach (var split in splits)
        {
            var key = split.Key.EndsWith("*", StringComparison.Ordinal) ? split.Key : Trim(split.Key) is { Length: > 0 } k ? k + "/*" : "*";
            role.Statement("S3WriteOutputs").Allow("s3:PutObject").On(S3Arn(split.Bucket, key), reason);
        }
    }

    /// <summary>SGW011 where an S3 location is known only at run time, so its permissions cannot be scoped.</summary>
    private void ReportUnknown(Origin origin, string? runtime, string what, string? pattern)
    {
        if (Findings.Any(f => f.IsError && f.Origin == origin))
        {
            return; // the value is wrong already (a type mismatch, an unresolved reference)
        }

        // A pattern that is no S3 URI at all was reported where the value was checked (SGW005); one whose bucket
        // has a run-time part cannot be scoped.
        var bucket = pattern is not null && pattern.StartsWith("s3://", StringComparison.Ordinal) ? S3Uris.Split(pattern).Bucket : null;
        if (bucket is not null && IamNames.HasWildcard(bucket))
        {
            Report(RuleIds.RequiredSettingMissing, origin, Capitalize(what) + ": the S3 bucket is known only at run time, so Sagewright cannot scope its IAM permissions; write the bucket in source or in a parameter's default");
        }
        else if (runtime is not null)
        {
            Report(RuleIds.RequiredSettingMissing, origin, Capitalize(what) + " comes from " + runtime + ", known only at run time, so Sagewright cannot scope its IAM permissions; "
                + "add [Within(\"s3://<bucket>/<prefix>/\")] to that field with the prefix it always lies under");
        }
    }

    /// <summary>Bucket and key of each pattern; null when there are none or one is no <c>s3://</c> URI with a fixed
    /// bucket (<paramref name="unknown"/> is then that pattern, or null).</summary>
    private static List<(string Bucket, string Key)>? Splits(IReadOnlyList<string>? patterns, out string? unknown)
    {
        unknown = null;
        if (patterns is null || patterns.Count == 0)
        {
            return null;
        }

        var result = new List<(string Bucket, string Key)>();
        foreach (var pattern in patterns)
        {
            if (Split(pattern) is not { } split)
            {
                unknown = pattern;
                return null;
            }

            result.Add(split);
        }

        return result;
    }

    /// <summary>Bucket and key of an <c>s3://</c> pattern; null when it is not one or its bucket is not fixed.</summary>
    private static (string Bucket, string Key)? Split(string pattern)
    {
        if (!pattern.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        // A bucket with a wildcard (a part known only at run time) is no valid bucket name either.
        var (bucket, key) = S3Uris.Split(pattern);
        if (S3Uris.CheckBucket(bucket) is not null)
        {
            return null;
        }

        while (key.Contains("**"))
        {
            key = key.Replace("**", "*");
        }

        return (bucket, key);
    }

    private static string Trim(string key) => key.TrimEnd('/');

    private string? ImageUri(StepDecl step)
    {
        if (step.Job.Image is { IsLiteral: true } image)
        {
            return image.Text;
        }

        if (step.Job.Image is null && step.Job.Framework is { } framework && Settings.Region is { } region
            && FrameworkImages.ResolveFor(step, framework, region, out _, out _) is { } uri)
        {
            return uri;
        }

        return null;
    }

    private static SortedSet<string> NewNotes() => new(StringComparer.Ordinal);

    private static string Reason(string reason, SortedSet<string> notes) => notes.Count == 0 ? reason : reason + " (" + string.Join("; ", notes) + ")";
}
