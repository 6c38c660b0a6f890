using Sagewright.Model.Iam;

namespace Sagewright.Model.Resolution;

/// <summary>Which IAM role each step runs as: the layout ([Pipeline(Roles)]), the pipeline's role ARNs, [RunAs] and a
/// model's RoleArn; a transform job runs with its model's role.</summary>
internal sealed partial class GraphResolver
{
    private static bool IsJob(StepDecl step) => step.Kind is StepKind.Processing or StepKind.Training or StepKind.Tuning;

    private const string PerStep = RoleAssignment.PerStep;

    private const string Merged = RoleAssignment.Merged;

    /// <summary>Step type name → the ARN of the role it runs as: job steps, model steps, and transform steps (their
    /// model's role; absent when the model is not a step of this pipeline).</summary>
    private readonly Dictionary<string, string> _stepRoles = new(StringComparer.Ordinal);

    /// <summary>Step type name → where its role was chosen explicitly (RunAs, RoleArn, …), or null for the layout's default.</summary>
    private readonly Dictionary<string, Origin?> _roleOrigins = new(StringComparer.Ordinal);

    private readonly HashSet<string> _roleNames = new(StringComparer.OrdinalIgnoreCase);

    private string _inferenceRoleArn = string.Empty;

    private string? _layout;

    private void AssignRoles()
    {
        var pipelineOrigin = _pipeline.Origin;
        if (_pipeline.Roles is { } roles)
        {
            if (roles.Value is null)
            {
                Report(RuleIds.OutOfRange, roles.Origin, "Roles must be RoleLayout.Shared, RoleLayout.PerStep or RoleLayout.Merged");
            }

            _layout = roles.Value;
        }

        CheckRoleLocation(_pipeline.RoleArn, pipelineOrigin.WithNamed("RoleArn"));
        if (_pipeline.JobRoleArn is { } jobRoleArn)
        {
            CheckRoleLocation(jobRoleArn, pipelineOrigin.WithNamed("JobRoleArn"));
            if (_layout == PerStep)
            {
                Report(RuleIds.SettingConflict, pipelineOrigin.WithNamed("JobRoleArn"), "Pipeline '" + _pipeline.Name + "'", "the role of its jobs", "JobRoleArn",
                    "Roles = RoleLayout.PerStep (a role of its own for each step)", "remove one of them (pick a step's role with [RunAs])");
            }
        }

        if (_pipeline.InferenceRoleArn is { } inferenceRoleArn)
        {
            var origin = pipelineOrigin.WithNamed("InferenceRoleArn");
            if (!AwsSettings.IsRoleArn(inferenceRoleArn))
            {
                Report(RuleIds.InvalidName, origin, "'" + inferenceRoleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
            }
            else
            {
                CheckRoleLocation(inferenceRoleArn, origin);
            }

            if (_layout is PerStep or Merged)
            {
                Report(RuleIds.SettingConflict, origin, "Pipeline '" + _pipeline.Name + "'", "the role of its models", "InferenceRoleArn",
                    "Roles = RoleLayout." + _layout + (_layout == Merged ? " (models run as the job role)" : " (a role of its own for each model step)"), "remove one of them");
            }
        }

        _roleNames.Add(IamNames.RoleNameOf(_pipelineRoleArn));
        _inferenceRoleArn = _layout == Merged ? _jobRoleArn : _pipeline.InferenceRoleArn ?? DefaultRoleArn("inference");
        foreach (var step in _steps)
        {
            var runAs = step.RunAs is { } declared ? RunAsArn(declared) : null;
            var runAsOrigin = step.RunAs?.Origin.WithArgument(0);
            if (IsJob(step))
            {
                _stepRoles[step.TypeName] = runAs ?? (_layout == PerStep ? PerStepRoleArn(step) : _jobRoleArn);
                _roleOrigins[step.TypeName] = runAs is not null ? runAsOrigin
                    : _layout == PerStep ? null
                    : _pipeline.JobRoleArn is not null ? pipelineOrigin.WithNamed("JobRoleArn") : null;
            }
            else if (step.Body is ModelBody model)
            {
                if (model.RoleArn is { } explicitArn)
                {
                    if (AwsSettings.IsRoleArn(explicitArn))
                    {
                        CheckRoleLocation(explicitArn, model.Origin.WithNamed("RoleArn"));
                    }

                    if (step.RunAs is not null)
                    {
                        Report(RuleIds.SettingConflict, step.RunAs.Origin.AttributeOnly, "Model step '" + step.Name + "'", "its role", "RoleArn", "[RunAs]", "keep one");
                    }
                }

                _stepRoles[step.TypeName] = model.RoleArn ?? runAs ?? (_layout == PerStep ? PerStepRoleArn(step) : _inferenceRoleArn);
                _roleOrigins[step.TypeName] = model.RoleArn is not null ? model.Origin.WithNamed("RoleArn")
                    : runAs is not null ? runAsOrigin
                    : _layout == PerStep ? null
                    : _layout == Merged ? _pipeline.Roles!.Origin
                    : _pipeline.InferenceRoleArn is not null ? pipelineOrigin.WithNamed("InferenceRoleArn") : null;
            }
            else
            {
                ReportMisplacedIam(step);
            }
        }

        // A transform job runs with the execution role of its model.
        foreach (var step in _steps)
        {
            if (step.Body is TransformBody { Model: { } model } && _stepsByType.TryGetValue(model.StepType, out var target)
                && _stepRoles.TryGetValue(target.TypeName, out var modelRole) && target.Kind == StepKind.Model)
            {
                _stepRoles[step.TypeName] = modelRole;
            }
        }
    }

    /// <summary>The ARN a [RunAs] names, or null (reported) when it is neither a role name nor a role ARN.</summary>
    private string? RunAsArn(RunAsDecl runAs)
    {
        var origin = runAs.Origin.WithArgument(0);
        if (runAs.Role.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!AwsSettings.IsRoleArn(runAs.Role))
            {
                Report(RuleIds.InvalidName, origin, "'" + runAs.Role + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
                return null;
            }

            CheckRoleLocation(runAs.Role, origin);
            return runAs.Role;
        }

        if (!IamNames.IsRoleName(runAs.Role))
        {
            Report(RuleIds.InvalidName, origin,
                "'" + runAs.Role + "' is neither an IAM role name (1 to 64 letters, digits and + = , . @ _ -) nor a role ARN (arn:aws:iam::<account>:role/<name>)");
            return null;
        }

        return IamNames.RoleArn(_settings.Partition, _settings.AccountId ?? string.Empty, runAs.Role);
    }

    /// <summary><c>&lt;pipeline&gt;-&lt;step&gt;</c>, made unique among the pipeline's roles (IAM compares role names ignoring case).</summary>
    private string PerStepRoleArn(StepDecl step)
    {
        var name = IamNames.DefaultRoleName(_pipeline.Name, step.Name);
        for (var i = 2; !_roleNames.Add(name); i++)
        {
            name = IamNames.DefaultRoleName(_pipeline.Name, step.Name + "-" + PipelineCompiler.Int(i));
        }

        return IamNames.RoleArn(_settings.Partition, _settings.AccountId ?? string.Empty, name);
    }

    /// <summary>SGW018 when a role ARN is in another account or partition than the pipeline: SageMaker can be passed
    /// only roles of the account it runs in.</summary>
    private void CheckRoleLocation(string? arn, Origin origin)
    {
        if (arn is null || !AwsSettings.IsRoleArn(arn))
        {
            return;
        }

        if (AwsSettings.IsPartition(_settings.Partition) && IamNames.PartitionOf(arn) != _settings.Partition)
        {
            Report(RuleIds.ForeignLocation, origin, "Role '" + arn + "'", "partition", IamNames.PartitionOf(arn) ?? string.Empty, _settings.Partition, "SagewrightPartition", string.Empty);
        }
        else if (AwsSettings.IsAccountId(_settings.AccountId) && IamNames.AccountOf(arn) != _settings.AccountId)
        {
            Report(RuleIds.ForeignLocation, origin, "Role '" + arn + "'", "account", IamNames.AccountOf(arn) ?? string.Empty, _settings.AccountId ?? string.Empty, "SagewrightAccountId",
                "; SageMaker can be passed only roles of its own account");
        }
    }

    /// <summary>[RunAs], [Grant] and [AttachManagedPolicy] on a step that runs no job or model of its own.</summary>
    private void ReportMisplacedIam(StepDecl step)
    {
        var why = step.Kind == StepKind.Transform
            ? "a transform job runs with the role of its model: put it on the model step"
            : "a " + step.Kind.DisplayName() + " step runs no container of its own (the pipeline role does its work)";
        var kind = step.Kind.DisplayName() + " step";
        if (step.RunAs is { } runAs)
        {
            Report(RuleIds.AttributeNotApplicable, runAs.Origin.AttributeOnly, "[RunAs]", kind, step.Name, "it is for processing, training, tuning and model steps; " + why);
        }

        if (step.Grants.Count > 0)
        {
            Report(RuleIds.AttributeNotApplicable, step.Grants[0].Origin.AttributeOnly, "[Grant]", kind, step.Name, "it is for processing, training, tuning and model steps; " + why);
        }

        if (step.ManagedPolicies.Count > 0)
        {
            Report(RuleIds.AttributeNotApplicable, step.ManagedPolicies[0].Origin.AttributeOnly, "[AttachManagedPolicy]", kind, step.Name,
                "it is for processing, training, tuning and model steps (and the pipeline class, for the pipeline role); " + why);
        }
    }
}
