namespace Sagewright.Model.Iam.Derivation;

/// <summary>The permissions of each step kind: jobs, models, transforms, registrations, and what every job needs
/// (passing its role, pulling its image, writing its logs, its checkpoints and its [Grant]s).</summary>
internal sealed partial class IamDeriver
{
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
            foreach (var input in step.Job.Inputs)
            {
                index++;
                var name = input.Name ?? "input-" + PipelineCompiler.Int(index);
                Read(role, step, input.Source, "step `" + step.Name + "` reads input `" + name + "`", "input '" + name + "' of step '" + step.Name + "'", file: input.Source.Kind == ValueKind.ModelArtifacts, list: true);
            }

            if (step.Job.Code is { } code && CodeKey(code, FileName(code.Path)) is { } codeKey)
            {
                ReadKnown(role, Bucket, codeKey, file: true, list: true, "step `" + step.Name + "` reads its [Code] script `" + code.Path + "` (input `code`)");
            }

            foreach (var output in step.Job.Outputs)
            {
                var notes = NewNotes();
                string? runtime = null;
                var location = OutputPattern(step, output, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal));
                WriteFolder(role, location, runtime, output.Destination?.Origin ?? output.Origin.AttributeOnly, Reason("step `" + step.Name + "` writes output `" + output.Name + "`", notes), "output '" + output.Name + "'", step);
            }
        }
        else
        {
            foreach (var channel in step.Job.Channels)
            {
                Read(role, step, channel.Source, "step `" + step.Name + "` reads channel `" + channel.Name + "`", "channel '" + channel.Name + "' of step '" + step.Name + "'", file: channel.Source.Kind == ValueKind.ModelArtifacts, list: true);
            }

            if (step.Job.Code is { } code && CodeKey(code, "sourcedir.tar.gz") is { } codeKey)
            {
                var isolated = step.Network?.NetworkIsolation == true;
                ReadKnown(role, Bucket, codeKey, file: true, list: isolated, "step `" + step.Name + "` runs [Code] `" + code.Path + "`: "
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
                ReportUnknown(step.Job.ModelOutput?.Origin ?? step.Origin.AttributeOnly, runtime, "the model output of step '" + step.Name + "'", unknown);
            }

            if (step.Job.Spot?.CheckpointS3Uri is { } checkpoint)
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
        role.Trust(InferenceSource, "the model of step `" + step.Name + "`" + InferenceSourceNote);
        if (ImageUri(step) is { } image)
        {
            Pull(role, image, "the model of step `" + step.Name + "` runs image `" + image + "`");
        }

        Vpc(role, step, "the model of step");
        if (step.Body is ModelBody { ModelData: { } modelData })
        {
            Read(role, step, modelData, "the model of step `" + step.Name + "` loads its model data", "the model data of step '" + step.Name + "'", file: true, list: false);
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

        if (!Index.RoleArns.TryGetValue(step.TypeName, out var arn))
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
        role.Trust(InferenceSource, "the transform jobs of step `" + step.Name + "`, which run with the role of their model" + InferenceSourceNote);
        Logs(role, "TransformJobs", "transform step `" + step.Name + "`");
        DeclaredKeys(role, step, "transform step");
        if (body.Input is { } input)
        {
            Read(role, step, input.Source, "transform step `" + step.Name + "` reads its input", "the input of transform step '" + step.Name + "'", file: false, list: true);
        }

        var notes = NewNotes();
        string? runtime = null;
        var destination = body.Output?.Destination is { } d
            ? Pattern(step, d, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal))
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
        foreach (var group in Pattern(step, body.Group, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal)) ?? Array.Empty<string>())
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

        _iamNotes.Add("Model package group `" + name + "` must exist before the pipeline runs: register-model step `" + step.Name
            + "` adds versions to it and does not create it (`aws sagemaker create-model-package-group --model-package-group-name " + name + "`).");
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
        var patterns = Pattern(step, checkpoint, notes, ref runtime, new HashSet<string>(StringComparer.Ordinal));
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
}
