using System;
using System.Collections.Generic;
using System.Linq;
using Sagewright.Model.Iam;
using Sagewright.Model.Validation;

namespace Sagewright.Model.Pipeline;

/// <summary>Least-privilege IAM derivation: from the declarations of each step, the statements of the pipeline role,
/// the job roles and the inference roles, each resource with the reasons that need it.</summary>
internal sealed partial class CompileContext
{
    private const string PipelineJobs = IamNames.PipelineJobPrefix + "*";

    private const string JobNameNote = "`pipelines-*`: SageMaker Pipelines names the jobs and models it creates `pipelines-<execution>-<step>-<suffix>`, known only at run time";

    private const string ModelPathNote = "SageMaker writes a training job's model to `<output path>/<job name>/output/model.tar.gz`, and SageMaker Pipelines names its jobs `pipelines-…`";

    private readonly Dictionary<string, RoleBuilder> _roles = new(StringComparer.Ordinal);

    /// <summary>Notes for the report that belong to no statement (permissions Sagewright cannot grant).</summary>
    private readonly SortedSet<string> _iamNotes = new(StringComparer.Ordinal);

    private string Partition => _settings.Partition;

    private string Region => _settings.Region ?? string.Empty;

    private string Account => _settings.AccountId ?? string.Empty;

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
    private List<(RoleBuilder Role, string Policy)> DeriveIam()
    {
        var pipelineRole = Role(_pipelineRoleArn, RoleKinds.Pipeline);
        foreach (var name in PipelineSourceNames())
        {
            pipelineRole.Trust(SageMakerArn("pipeline/" + name + "/*"), "executions of pipeline `" + _pipeline.Name + "`");
        }

        foreach (var policy in _pipeline.ManagedPolicies)
        {
            pipelineRole.ManagedPolicies.Add(policy.Arn);
        }

        foreach (var step in _steps)
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
            foreach (var output in step.Outputs.Where(o => o.PropertyFile is not null))
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
        foreach (var step in _steps)
        {
            if (_roleOrigins.TryGetValue(step.TypeName, out var origin) && origin is not null && _stepRoles[step.TypeName] == arn)
            {
                return origin;
            }
        }

        return arn == _pipeline.RoleArn ? _pipeline.Origin.WithNamed("RoleArn") : _pipeline.Origin.AttributeOnly;
    }

    private IEnumerable<OutputFile> IamFiles(List<(RoleBuilder Role, string Policy)> roles) => IamWriter.Files(_pipeline.Name, _settings, roles, _iamNotes);

    /// <summary>The pipeline name as written and, when different, lower-cased: SageMaker may report resource names in
    /// ARNs in lower case, and ArnLike compares case-sensitively.</summary>
    private IEnumerable<string> PipelineSourceNames() => CaseVariants(_pipeline.Name);

    private static IEnumerable<string> CaseVariants(string name)
    {
        yield return name;
        var lower = name.ToLowerInvariant();
        if (!string.Equals(lower, name, StringComparison.Ordinal))
        {
            yield return lower;
        }
    }

    // ---- steps ----------------------------------------------------------------------------------

    private void DeriveJob(RoleBuilder pipelineRole, StepDecl step)
    {
        var (resourceType, api, logGroup, what) = step.Kind switch
        {
            StepKind.Processing => ("processing-job", "ProcessingJob", "ProcessingJobs", "processing"),
            StepKind.Training => ("training-job", "TrainingJob", "TrainingJobs", "training"),
            _ => ("hyper-parameter-tuning-job", "HyperParameterTuningJob", "TrainingJobs", "tuning"),
        };

        var jobs = SageMakerArn(resourceType + "/" + PipelineJobs);
        var jobStatement = pipelineRole.Statement("SageMaker" + (step.Kind == StepKind.Tuning ? "Tuning" : step.Kind.ToString()) + "Jobs")
            .Allow("sagemaker:Create" + api, "sagemaker:Describe" + api, "sagemaker:Stop" + api, "sagemaker:AddTags")
            .On(jobs, what + " step `" + step.Name + "` starts, watches and (when the execution stops) stops its job, tagged by the pipeline")
            .Note(JobNameNote);
        if (step.Kind == StepKind.Tuning)
        {
            jobStatement.Allow("sagemaker:ListTrainingJobsForHyperParameterTuningJob");
        }

        var arn = RoleOf(step);
        PassRole(pipelineRole, arn, what + " step `" + step.Name + "` runs its job as this role");
        var role = Role(arn, RoleKinds.Job);
        role.UsedBy.Add(step.Name);
        role.Trust(jobs, what + " jobs of step `" + step.Name + "`");
        if (step.Kind == StepKind.Tuning)
        {
            role.Trust(SageMakerArn("training-job/" + PipelineJobs), "the training jobs the tuning job of step `" + step.Name + "` starts");
        }

        if (ImageUri(step) is { } image)
        {
            Pull(role, image, "step `" + step.Name + "` runs image `" + image + "`");
        }

        Logs(role, logGroup, what + " step `" + step.Name + "`");
        DeclaredKeys(role, step, what + " step");
        Vpc(role, step, what + " step");
        if (step.Kind == StepKind.Processing)
        {
            var index = 0;
            foreach (var input in step.Inputs)
            {
                index++;
                var name = input.Name ?? "input-" + PipelineCompiler.Int(index);
                Read(role, input.Source, "step `" + step.Name + "` reads input `" + name + "`", "input '" + name + "' of step '" + step.Name + "'", file: input.Source.Kind == ValueKind.ModelArtifacts, list: true);
            }

            if (step.Code is { } code && CodeKey(code, FileName(code.Path)) is { } codeKey)
            {
                ReadKnown(role, _bucket, codeKey, file: true, list: true, "step `" + step.Name + "` reads its [Code] script `" + code.Path + "` (input `code`)");
            }

            foreach (var output in step.Outputs)
            {
                var notes = NewNotes();
                string? runtime = null;
                var location = OutputPattern(step, output, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal));
                WriteFolder(role, location, runtime, output.Destination?.Origin ?? output.Origin.AttributeOnly, Reason("step `" + step.Name + "` writes output `" + output.Name + "`", notes), "output '" + output.Name + "'", step);
            }
        }
        else
        {
            foreach (var channel in step.Channels)
            {
                Read(role, channel.Source, "step `" + step.Name + "` reads channel `" + channel.Name + "`", "channel '" + channel.Name + "' of step '" + step.Name + "'", file: channel.Source.Kind == ValueKind.ModelArtifacts, list: true);
            }

            if (step.Code is { } code && CodeKey(code, "sourcedir.tar.gz") is { } codeKey)
            {
                var isolated = step.Network?.NetworkIsolation == true;
                ReadKnown(role, _bucket, codeKey, file: true, list: isolated, "step `" + step.Name + "` runs [Code] `" + code.Path + "`: "
                    + (isolated ? "SageMaker downloads `sourcedir.tar.gz` as the `code` channel (the container is network-isolated)" : "the training toolkit downloads `sourcedir.tar.gz`"));
            }

            var notes = NewNotes();
            string? runtime = null;
            var outputPaths = ModelOutputPattern(step, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal));
            if (Splits(outputPaths, out var unknown) is { } splits)
            {
                notes.Add(ModelPathNote);
                foreach (var split in splits)
                {
                    var key = Trim(split.Key);
                    role.Statement("S3WriteOutputs").Allow("s3:PutObject")
                        .On(S3Arn(split.Bucket, (key.Length == 0 ? string.Empty : key + "/") + PipelineJobs), Reason("step `" + step.Name + "` writes its model artifacts", notes));
                }
            }
            else
            {
                ReportUnknown(step.ModelOutput?.Origin ?? step.Origin.AttributeOnly, runtime, "the model output of step '" + step.Name + "'", unknown);
            }

            if (step.Spot?.CheckpointS3Uri is { } checkpoint)
            {
                Checkpoints(role, step, checkpoint);
            }
        }

        AddGrants(role, step);
    }

    private void DeriveModel(RoleBuilder pipelineRole, StepDecl step)
    {
        var models = SageMakerArn("model/" + PipelineJobs);
        pipelineRole.Statement("SageMakerModels").Allow("sagemaker:CreateModel", "sagemaker:DescribeModel", "sagemaker:AddTags")
            .On(models, "model step `" + step.Name + "` creates its model, tagged by the pipeline").Note(JobNameNote);
        var arn = RoleOf(step);
        PassRole(pipelineRole, arn, "model step `" + step.Name + "` creates its model with this execution role");
        var role = Role(arn, RoleKinds.Inference);
        role.UsedBy.Add(step.Name);
        role.Trust(models, "the model of step `" + step.Name + "`");
        if (step.Image is { IsLiteral: true } image)
        {
            Pull(role, image.Text, "the model of step `" + step.Name + "` runs image `" + image.Text + "`");
        }

        Vpc(role, step, "the model of step");
        if (step.Body is ModelBody { ModelData: { } modelData })
        {
            Read(role, modelData, "the model of step `" + step.Name + "` loads its model data", "the model data of step '" + step.Name + "'", file: true, list: false);
        }

        AddGrants(role, step);
    }

    private void DeriveTransform(RoleBuilder pipelineRole, StepDecl step)
    {
        var jobs = SageMakerArn("transform-job/" + PipelineJobs);
        pipelineRole.Statement("SageMakerTransformJobs")
            .Allow("sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob", "sagemaker:AddTags")
            .On(jobs, "transform step `" + step.Name + "` starts, watches and (when the execution stops) stops its job, tagged by the pipeline")
            .Note(JobNameNote);
        if (step.Body is not TransformBody body)
        {
            return;
        }

        if (!_stepRoles.TryGetValue(step.TypeName, out var arn))
        {
            if (body.ModelName is { } name)
            {
                _iamNotes.Add("Transform step `" + step.Name + "` runs model `" + (name.IsLiteral ? name.Text : name.Text + " (a parameter)") + "`, which this pipeline does not create: "
                    + "its job runs with that model's execution role, which Sagewright does not manage. That role needs to read the transform input, write the output, pull the model's image and write to the `/aws/sagemaker/TransformJobs` log group.");
            }

            return;
        }

        var role = Role(arn, RoleKinds.Inference);
        role.UsedBy.Add(step.Name);
        role.Trust(jobs, "the transform jobs of step `" + step.Name + "`, which run with the role of their model");
        Logs(role, "TransformJobs", "transform step `" + step.Name + "`");
        DeclaredKeys(role, step, "transform step");
        if (body.Input is { } input)
        {
            Read(role, input.Source, "transform step `" + step.Name + "` reads its input", "the input of transform step '" + step.Name + "'", file: false, list: true);
        }

        var notes = NewNotes();
        string? runtime = null;
        var destination = body.Output?.Destination is { } d
            ? Pattern(d, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal))
            : new[] { DefaultLocation(step.Name, notes) };
        WriteFolder(role, destination, runtime, body.Output?.Destination?.Origin ?? body.Origin.AttributeOnly, Reason("transform step `" + step.Name + "` writes its results", notes), "the transform output", step);
    }

    private void DeriveRegisterModel(RoleBuilder pipelineRole, StepDecl step)
    {
        if (step.Body is not RegisterModelBody body)
        {
            return;
        }

        var notes = NewNotes();
        string? runtime = null;
        foreach (var group in Pattern(body.Group, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal)) ?? Array.Empty<string>())
        {
            if (group.Length > 0)
            {
                RegisterInGroup(pipelineRole, step, body, group, notes);
            }
        }
    }

    private void RegisterInGroup(RoleBuilder pipelineRole, StepDecl step, RegisterModelBody body, string group, SortedSet<string> notes)
    {
        // A group ARN names its own partition, region and account: arn:aws:sagemaker:<region>:<account>:model-package-group/<name>.
        var prefix = SageMakerArn(string.Empty);
        var name = group;
        if (group.StartsWith("arn:", StringComparison.Ordinal))
        {
            var slash = group.IndexOf('/');
            if (slash < 0 || IamNames.ArnFields(group) is not { } fields)
            {
                return;
            }

            prefix = string.Join(":", fields, 0, 5) + ":";
            name = group.Substring(slash + 1);
        }

        var status = body.ApprovalStatus.Length == 0 ? "PendingManualApproval" : body.ApprovalStatus;
        var reason = Reason("register-model step `" + step.Name + "` registers a version in model package group `" + name + "` as " + status, notes);
        var create = pipelineRole.Statement("SageMakerCreateModelPackage" + status)
            .Allow("sagemaker:CreateModelPackage")
            .When("StringEquals", "sagemaker:ModelApprovalStatus", status);
        var describe = pipelineRole.Statement("SageMakerDescribeModelPackages").Allow("sagemaker:DescribeModelPackage");
        if (!body.Tags.IsEmpty)
        {
            describe.Allow("sagemaker:AddTags");
        }

        foreach (var variant in CaseVariants(name))
        {
            var packages = prefix + "model-package/" + variant + "/*";
            create.On(packages, reason);
            describe.On(packages, "register-model step `" + step.Name + "` reads the version it registered" + (body.Tags.IsEmpty ? string.Empty : " and tags it"));
        }

        if (name.ToLowerInvariant() != name)
        {
            create.Note("The group name is also listed in lower case: SageMaker may report resource names in ARNs in lower case.");
        }
    }

    // ---- statements -----------------------------------------------------------------------------

    private static void PassRole(RoleBuilder pipelineRole, string arn, string reason) =>
        pipelineRole.Statement("PassRolesToSageMaker").Allow("iam:PassRole").On(arn, reason).When("StringEquals", "iam:PassedToService", IamNames.SageMakerPrincipal);

    private void Pull(RoleBuilder role, string image, string reason)
    {
        if (IamNames.ParseImage(image) is not { } repository)
        {
            _iamNotes.Add("Image `" + image + "` (" + reason + ", role `" + role.Name + "`) is not in Amazon ECR: no pull permission is derived for it.");
            return;
        }

        role.Statement("EcrPullImages").Allow("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")
            .On(repository.Arn, reason + (repository.Account != Account ? " (a registry of account " + repository.Account + ", which must allow this account to pull)" : string.Empty));
        role.Statement("EcrAuthTokenHasNoResourceLevelPermissionsRequiresWildcard").Allow("ecr:GetAuthorizationToken")
            .On("*", reason)
            .Note("`*`: ecr:GetAuthorizationToken accepts no resource (the Service Authorization Reference lists no resource type for it); the token alone grants nothing, the pull statement scopes the repositories.");
    }

    private void Logs(RoleBuilder role, string group, string reason)
    {
        var groupArn = "arn:" + Partition + ":logs:" + Region + ":" + Account + ":log-group:/aws/sagemaker/" + group;
        role.Statement("CloudWatchLogGroups").Allow("logs:CreateLogGroup", "logs:DescribeLogStreams")
            .On(groupArn, reason + " logs to " + group)
            .On(groupArn + ":*", reason + " logs to " + group)
            .Note("Each group is listed twice, with and without `:*`: CloudWatch Logs authorizes some log-group actions on the ARN with `:*` appended.");
        role.Statement("CloudWatchLogStreams").Allow("logs:CreateLogStream", "logs:PutLogEvents")
            .On(groupArn + ":log-stream:" + PipelineJobs, reason + " writes its job's log streams (named after the job)")
            .Note(JobNameNote);
        role.Statement("CloudWatchPutMetricDataRequiresWildcard").Allow("cloudwatch:PutMetricData")
            .On("*", reason + " publishes job metrics")
            .When("StringEquals", "cloudwatch:namespace", "/aws/sagemaker/" + group)
            .Note("`*`: cloudwatch:PutMetricData accepts no resource ARN; the `cloudwatch:namespace` condition limits it to the SageMaker namespaces of the jobs this role runs.");
    }

    private void Checkpoints(RoleBuilder role, StepDecl step, ValueSource checkpoint)
    {
        var notes = NewNotes();
        string? runtime = null;
        var patterns = Pattern(checkpoint, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal));
        if (Splits(patterns, out var unknown) is not { } splits)
        {
            ReportUnknown(checkpoint.Origin, runtime, "the checkpoints of step '" + step.Name + "'", unknown);
            return;
        }

        var reason = Reason("step `" + step.Name + "` syncs its Spot checkpoints (SageMaker uploads, downloads and deletes them)", notes);
        foreach (var split in splits)
        {
            var (objects, prefixes) = Prefix(split.Key, file: false);
            var statement = role.Statement("S3Checkpoints").Allow("s3:DeleteObject", "s3:GetObject", "s3:PutObject");
            foreach (var key in objects)
            {
                statement.On(S3Arn(split.Bucket, key), reason);
            }

            ListBucket(role, split.Bucket, prefixes, reason);
        }
    }

    private void AddGrants(RoleBuilder role, StepDecl step)
    {
        foreach (var policy in step.ManagedPolicies)
        {
            role.ManagedPolicies.Add(policy.Arn);
        }

        foreach (var grant in step.Grants)
        {
            if (!grant.Action.IsLiteral || !IamNames.IsAction(grant.Action.Text))
            {
                continue;
            }

            var statement = role.KeyedStatement("grant:" + grant.Action.Text, "Grant" + IamNames.Pascal(grant.Action.Text)).Allow(grant.Action.Text);
            foreach (var resource in grant.Resources.Where(r => r.IsLiteral && (r.Text == "*" || r.Text.StartsWith("arn:", StringComparison.Ordinal))))
            {
                statement.On(resource.Text, "step `" + step.Name + "` declares [Grant(\"" + grant.Action.Text + "\", …)] for what its container does on its own"
                    + (IamNames.HasWildcard(resource.Text) || IamNames.HasWildcard(grant.Action.Text) ? "; it contains a wildcard (SGW200)" : string.Empty));
            }
        }
    }

    // ---- S3 -------------------------------------------------------------------------------------

    /// <summary>Read access to a declared location: GetObject on its objects and ListBucket on its prefix.</summary>
    /// <param name="file">The location is one object (a model.tar.gz), not a prefix.</param>
    /// <param name="list">SageMaker lists the prefix before downloading (S3Prefix inputs).</param>
    private void Read(RoleBuilder role, ValueSource source, string reason, string what, bool file, bool list)
    {
        var notes = NewNotes();
        string? runtime = null;
        var keys = new List<(KmsKeyReference Key, string Producer)>();
        _keySink = keys;
        var patterns = Pattern(source, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal));
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
                if (!string.Equals(value.TargetType, _pipeline.TypeName, StringComparison.Ordinal) || !_parametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter))
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
                if (!_stepsByType.TryGetValue(value.TargetType ?? string.Empty, out var producer)
                    || producer.Outputs.FirstOrDefault(o => string.Equals(o.Member, value.TargetMember, StringComparison.Ordinal)) is not { } output)
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
                if (!_stepsByType.TryGetValue(value.TargetType ?? string.Empty, out var producer) || producer.Kind is not (StepKind.Training or StepKind.Tuning))
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
                if (!_expressions.TryGetValue(key, out var expression) || !visiting.Add(key))
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
                if (!_stepsByType.TryGetValue(value.TargetType ?? string.Empty, out var producer)
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
                .Select(p => p.part.Kind == ValueKind.Parameter && _parametersByMember.TryGetValue(p.part.TargetMember ?? string.Empty, out var parameter)
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
        trainer.ModelOutput is { } output ? Pattern(output, notes, ref runtime, visiting) : new[] { DefaultLocation(trainer.Name, notes) };

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

    /// <summary>The per-execution default location <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/&lt;execution id&gt;/&lt;path&gt;</c>.</summary>
    private string DefaultLocation(string path, SortedSet<string> notes)
    {
        notes.Add("the default location `s3://" + _bucket + "/" + _pipeline.Name + "/<execution id>/" + path + "`: `*` stands for the execution ID");
        return "s3://" + _bucket + "/" + _pipeline.Name + "/*/" + path;
    }

    /// <summary>The key of an uploaded [Code] file: <c>&lt;pipeline&gt;/code/&lt;sha256&gt;/&lt;file&gt;</c> in the artifact bucket.</summary>
    private string? CodeKey(CodeDecl code, string file) =>
        _codeFiles.TryGetValue(NormalizePath(code.Path), out var codeFile) ? _pipeline.Name + "/code/" + codeFile.Sha256 + "/" + file : null;

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
        if (step.Image is { IsLiteral: true } image)
        {
            return image.Text;
        }

        if (step.Image is null && step.Framework is { } framework && _settings.Region is { } region
            && FrameworkImages.TryResolve(framework.Name, framework.Version, framework.PythonVersion, region, out var uri, out _))
        {
            return uri;
        }

        return null;
    }

    private static SortedSet<string> NewNotes() => new(StringComparer.Ordinal);

    private static string Reason(string reason, SortedSet<string> notes) => notes.Count == 0 ? reason : reason + " (" + string.Join("; ", notes) + ")";
}
