namespace Sagewright.Model.Iam.Derivation;

/// <summary>Least-privilege IAM derivation: from the declarations of each step, the statements of the pipeline role,
/// the job roles and the inference roles, each resource with the reasons that need it.</summary>
internal sealed partial class IamDeriver(PipelineCompilation compilation) : CompilerPass(compilation)
{
    private const string PipelineJobs = IamNames.PipelineJobPrefix + "*";

    private const string JobNameNote = "`pipelines-*`: SageMaker Pipelines names the jobs and models it creates `pipelines-<execution>-<step>-<suffix>`, known only at run time";

    private const string ModelPathNote = "SageMaker writes a training job's model to `<output path>/<job name>/output/model.tar.gz`, and SageMaker Pipelines names its jobs `pipelines-…`";

    private readonly Dictionary<string, RoleBuilder> _roles = new(StringComparer.Ordinal);

    /// <summary>Notes for the report that belong to no statement (permissions Sagewright cannot grant).</summary>
    private readonly SortedSet<string> _iamNotes = new(StringComparer.Ordinal);

    private string Partition => Settings.Partition;

    private string Region => Settings.Region ?? string.Empty;

    private string Account => Settings.AccountId ?? string.Empty;

    /// <summary>The <c>aws:SourceArn</c> SageMaker sends when it assumes an inference role (for a model, and the
    /// endpoints and transform jobs that run it): the developer guide's form for inference, whose <c>*</c> is
    /// literal, not the ARN of one model.</summary>
    private string InferenceSource => SageMakerArn("*");

    private const string InferenceSourceNote = " (the form the SageMaker developer guide documents for inference, `*` included: SageMaker sends it as is, not a model's ARN)";

    private string SageMakerArn(string resource) => "arn:" + Partition + ":sagemaker:" + Region + ":" + Account + ":" + resource;

    private string S3Arn(string bucket, string? key = null) => "arn:" + Partition + ":s3:::" + bucket + (key is null ? string.Empty : "/" + key);

    private RoleBuilder Role(string arn, string kind)
    {
        if (!_roles.TryGetValue(arn, out var role))
        {
            role = new RoleBuilder(IamNames.RoleNameOf(arn), arn, kind);
            _roles[arn] = role;
        }

        role.Widen(kind);
        return role;
    }

    /// <summary>Derives every role's statements and its policy document (written once, checked against IAM's size limit
    /// here and written out by <see cref="IamFiles"/>). Always runs (an unknown S3 location is an error it reports); the
    /// files are written only when the pipeline has no errors.</summary>
    internal List<(RoleBuilder Role, string Policy)> DeriveIam()
    {
        var pipelineRole = Role(Roles.PipelineRoleArn, RoleKinds.Pipeline);
        foreach (var name in PipelineSourceNames())
        {
            pipelineRole.Trust(SageMakerArn("pipeline/" + name + "/*"), "executions of pipeline `" + Pipeline.Name + "`");
        }

        foreach (var policy in Pipeline.ManagedPolicies)
        {
            pipelineRole.ManagedPolicies.Add(policy.Arn);
        }

        foreach (var step in Steps)
        {
            pipelineRole.UsedBy.Add(step.Name);
            switch (step.Kind)
            {
                case StepKind.Processing:
                case StepKind.Training:
                case StepKind.Tuning:
                    DeriveJob(pipelineRole, step);
                    break;
                case StepKind.Model:
                    DeriveModel(pipelineRole, step);
                    break;
                case StepKind.Transform:
                    DeriveTransform(pipelineRole, step);
                    break;
                case StepKind.RegisterModel:
                    DeriveRegisterModel(pipelineRole, step);
                    break;
                case StepKind.Lambda when step.Body is LambdaBody { FunctionArn: { } function } && ExternalTargets.ParseFunctionArn(function) is not null:
                    pipelineRole.Statement("LambdaInvokeFunctions").Allow("lambda:InvokeFunction")
                        .On(function, "Lambda step `" + step.Name + "` invokes this function");
                    break;
                case StepKind.Callback when step.Body is CallbackBody { QueueUrl: { } url } && ExternalTargets.ParseQueueUrl(url) is { } queue:
                    pipelineRole.Statement("SqsSendCallbackMessages").Allow("sqs:SendMessage")
                        .On("arn:" + queue.Partition + ":sqs:" + queue.Region + ":" + queue.Account + ":" + url.Substring(url.LastIndexOf('/') + 1),
                            "callback step `" + step.Name + "` sends its token and inputs to this queue (" + url + ")");
                    break;
            }

            // The pipeline reads each property file to evaluate the [JsonGet] expressions over it.
            foreach (var output in step.Job.Outputs.Where(o => o.PropertyFile is not null))
            {
                var notes = NewNotes();
                string? runtime = null;
                foreach (var location in OutputPattern(step, output, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal)) ?? Array.Empty<string>())
                {
                    if (Split(location.TrimEnd('/') + "/" + output.PropertyFile!.Path.TrimStart('/')) is not { } file)
                    {
                        continue;
                    }

                    var reason = "property file `" + output.PropertyFile.Name + "` (" + output.PropertyFile.Path + ") of output `" + output.Name + "` of step `" + step.Name + "`, read to evaluate [JsonGet] expressions";
                    pipelineRole.Statement("S3ReadPropertyFiles").Allow("s3:GetObject").On(S3Arn(file.Bucket, file.Key), Reason(reason, notes));
                    if (Security(step).OutputKmsKeyId is { } key)
                    {
                        Kms(pipelineRole, key, KmsRead, reason + ", which step `" + step.Name + "` encrypted with this key");
                    }
                }
            }
        }

        DeriveEndpoints();
        DeriveExperiments(pipelineRole);

        var roles = _roles.Values
            .OrderBy(r => RoleKinds.Rank(r.Kind) == 0 ? 0 : 1)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var clash in roles.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            // IAM role names are unique in an account ignoring case (and ignoring the path), so these ARNs cannot all exist.
            // Reported where the later ones (by ARN) were written.
            foreach (var role in clash.OrderBy(r => r.Arn, StringComparer.Ordinal).Skip(1))
            {
                Report(RuleIds.InvalidName, RoleArnOrigin(role.Arn),
                    "Roles " + string.Join(" and ", clash.Select(r => "'" + r.Arn + "'")) + " have the same name; IAM role names are unique in an account, ignoring case and path");
            }
        }

        var derived = new List<(RoleBuilder Role, string Policy)>(roles.Count);
        foreach (var role in roles)
        {
            var policy = role.PolicyJson();
            var size = IamNames.PolicySize(policy);
            if (size > Quotas.MaxInlinePolicyCharacters)
            {
                Report(RuleIds.QuotaExceeded, RoleArnOrigin(role.Arn),
                    "The policy of role '" + role.Name + "' is " + PipelineCompiler.Int(size) + " characters without whitespace; IAM allows "
                    + PipelineCompiler.Int(Quotas.MaxInlinePolicyCharacters) + " characters of inline policy per role. Split the steps over more roles "
                    + "([Pipeline(Roles = RoleLayout.PerStep)] or [RunAs]) or give related inputs and outputs a common prefix");
            }

            derived.Add((role, policy));
        }

        return derived;
    }

    /// <summary>Where a role ARN was written (a RunAs, a RoleArn), or the [Pipeline] attribute for a default role.</summary>
    private Origin RoleArnOrigin(string arn)
    {
        foreach (var step in Steps)
        {
            if (Index.RoleOrigins.TryGetValue(step.TypeName, out var origin) && origin is not null && Index.RoleArns[step.TypeName] == arn)
            {
                return origin;
            }
        }

        return arn == Pipeline.RoleArn ? Pipeline.Origin.WithNamed("RoleArn") : Pipeline.Origin.AttributeOnly;
    }

    internal IEnumerable<OutputFile> IamFiles(List<(RoleBuilder Role, string Policy)> roles) => IamWriter.Files(Pipeline.Name, Settings, roles, _iamNotes, Steps.Select(s => s.Name).ToList());

    /// <summary>The pipeline name as written and, when different, lower-cased: SageMaker may report resource names in
    /// ARNs in lower case, and ArnLike compares case-sensitively.</summary>
    private IEnumerable<string> PipelineSourceNames() => CaseVariants(Pipeline.Name);

    private static IEnumerable<string> CaseVariants(string name)
    {
        yield return name;
        var lower = name.ToLowerInvariant();
        if (!string.Equals(lower, name, StringComparison.Ordinal))
        {
            yield return lower;
        }
    }
}
