using Sagewright.Model.Iam;

namespace Sagewright.Model.Resolution;

/// <summary>Resolution, the first pass: from the declarations the binder read (one pipeline and the project's steps)
/// to the <see cref="PipelineGraph"/> every later pass reads. Picks the pipeline's own steps, checks the project
/// settings and resolves the artifact bucket, which role each step runs as, and which condition branch runs each
/// branch step. Reports what makes that impossible (an invalid setting, a role ARN or name that is not one, a step in
/// two branches).</summary>
internal sealed partial class GraphResolver
{
    private readonly PipelineDecl _pipeline;
    private readonly BuildSettings _settings;
    private readonly FindingSink _sink;
    private readonly List<StepDecl> _steps;
    private readonly Dictionary<string, StepDecl> _stepsByType = new(StringComparer.Ordinal);
    private readonly List<string> _otherSteps = new();
    private string _bucket = string.Empty;
    private string _jobRoleArn = string.Empty;
    private string _pipelineRoleArn = string.Empty;

    private GraphResolver(PipelineDecl pipeline, List<StepDecl> ownSteps, IEnumerable<string> foreignSteps, BuildSettings settings, FindingSink sink)
    {
        _pipeline = pipeline;
        _settings = settings;
        _sink = sink;
        _steps = ownSteps;
        foreach (var step in ownSteps)
        {
            _stepsByType[step.TypeName] = step;
        }

        _otherSteps.AddRange(foreignSteps);
    }

    /// <param name="ownSteps">The pipeline's steps, ordered by type name.</param>
    /// <param name="foreignSteps">The type names of other pipelines' steps.</param>
    public static PipelineGraph Resolve(PipelineDecl pipeline, List<StepDecl> ownSteps, IEnumerable<string> foreignSteps, BuildSettings settings, IEnumerable<CodeFile> codeFiles, RuleOptions? rules, FindingSink sink)
    {
        // Each step keeps only the job settings its kind takes (the others are reported).
        ownSteps = ownSteps.Select(s => JobSettingsResolver.Resolve(s, sink)).ToList();
        var resolver = new GraphResolver(pipeline, ownSteps, foreignSteps, settings, sink);
        resolver.CheckSettings();
        resolver.AssignRoles();
        var branches = resolver.ResolveBranches();
        var values = new ReferenceResolver(pipeline, resolver._stepsByType, resolver._otherSteps).ResolveAll();
        var codes = new Dictionary<string, CodeFile>(StringComparer.Ordinal);
        foreach (var file in codeFiles)
        {
            codes[CompilerPass.NormalizePath(file.RelativePath)] = file;
        }

        return new PipelineGraph(
            pipeline,
            resolver._steps.ToEquatableArray(),
            resolver._otherSteps.Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray(),
            settings,
            rules ?? RuleOptions.Default,
            codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value).ToEquatableArray(),
            resolver._bucket,
            new RoleAssignment(
                resolver._pipelineRoleArn,
                resolver._jobRoleArn,
                resolver._inferenceRoleArn,
                resolver._layout,
                resolver._steps.Where(s => resolver._stepRoles.ContainsKey(s.TypeName))
                    .Select(s => new StepRole(s.TypeName, resolver._stepRoles[s.TypeName], resolver._roleOrigins.TryGetValue(s.TypeName, out var origin) ? origin : null))
                    .ToEquatableArray()),
            branches,
            values,
            DependencyResolver.Resolve(resolver._stepsByType, values));
    }

    private void Report(string id, Origin origin, params string[] arguments) => _sink.Report(id, origin, arguments);

    private static string Capitalize(string text) => CompilerPass.Capitalize(text);

    private string DefaultRoleArn(string suffix) => IamNames.RoleArn(_settings.Partition, _settings.AccountId ?? string.Empty, IamNames.DefaultRoleName(_pipeline.Name, suffix));

    private void CheckSettings()
    {
        var at = _pipeline.Origin.AttributeOnly;
        if (NameRules.Check(NameRules.Pipeline, _pipeline.Name) is { } nameProblem)
        {
            Report(RuleIds.InvalidName, _pipeline.NameOrigin, Capitalize(nameProblem));
        }

        var account = _settings.AccountId;
        var region = _settings.Region;
        if (string.IsNullOrEmpty(account))
        {
            Report(RuleIds.RequiredSettingMissing, at, "The AWS account is not set: add <SagewrightAccountId>123456789012</SagewrightAccountId> to the project file");
        }
        else if (!AwsSettings.IsAccountId(account))
        {
            Report(RuleIds.RequiredSettingMissing, at, "SagewrightAccountId '" + account + "' is not a 12-digit AWS account ID");
        }

        if (string.IsNullOrEmpty(region))
        {
            Report(RuleIds.RequiredSettingMissing, at, "The AWS region is not set: add <SagewrightRegion>us-east-1</SagewrightRegion> to the project file");
        }
        else if (!AwsSettings.IsRegion(region))
        {
            Report(RuleIds.RequiredSettingMissing, at, "SagewrightRegion '" + region + "' is not an AWS region name such as us-east-1");
        }

        if (!AwsSettings.IsPartition(_settings.Partition))
        {
            Report(RuleIds.RequiredSettingMissing, at, "SagewrightPartition '" + _settings.Partition + "' is not one of aws, aws-cn, aws-us-gov");
        }

        var explicitBucket = _pipeline.ArtifactBucket ?? _settings.ArtifactBucket;
        _bucket = explicitBucket ?? "sagemaker-" + region + "-" + account;
        if (explicitBucket is not null && S3Uris.CheckBucket(explicitBucket) is { } bucketProblem)
        {
            Report(RuleIds.MalformedS3Uri, _pipeline.ArtifactBucket is null ? at : _pipeline.Origin.WithNamed("ArtifactBucket"), explicitBucket, bucketProblem);
        }

        _pipelineRoleArn = _pipeline.RoleArn ?? DefaultRoleArn("pipeline");
        _jobRoleArn = _pipeline.JobRoleArn ?? DefaultRoleArn("job");
        if (_pipeline.RoleArn is not null && !AwsSettings.IsRoleArn(_pipeline.RoleArn))
        {
            Report(RuleIds.InvalidName, _pipeline.Origin.WithNamed("RoleArn"), "'" + _pipeline.RoleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        if (_pipeline.JobRoleArn is not null && !AwsSettings.IsRoleArn(_pipeline.JobRoleArn))
        {
            Report(RuleIds.InvalidName, _pipeline.Origin.WithNamed("JobRoleArn"), "'" + _pipeline.JobRoleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        if (_pipeline.Tags.Count > Quotas.MaxTags)
        {
            Report(RuleIds.QuotaExceeded, at, "Pipeline '" + _pipeline.Name + "' has " + PipelineCompiler.Int(_pipeline.Tags.Count) + " tags; at most " + PipelineCompiler.Int(Quotas.MaxTags) + " are allowed");
        }
    }

    /// <summary>Which condition step's branch runs each branch step; a step listed in two branches is SGW002.</summary>
    private EquatableArray<BranchMembership> ResolveBranches()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in _steps)
        {
            if (step.Body is not ConditionBody condition)
            {
                continue;
            }

            foreach (var member in condition.IfSteps.Concat(condition.ElseSteps))
            {
                if (!_stepsByType.TryGetValue(member.StepType, out var target))
                {
                    continue; // reported when the branch is built
                }

                if (owners.TryGetValue(member.StepType, out var owner))
                {
                    Report(RuleIds.DuplicateStepName, member.Origin, target.Name,
                        "a branch of condition step '" + _stepsByType[owner].Name + "' (a step runs in one branch only)");
                }
                else
                {
                    owners[member.StepType] = step.TypeName;
                }
            }
        }

        return owners.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => new BranchMembership(o.Key, o.Value)).ToEquatableArray();
    }
}
