using Sagewright.Model.Iam;

namespace Sagewright.Model.Rules;

/// <summary>SGW202: a role that runs both a job (processing, training, tuning) and a model, reported at the argument
/// that made it so: <c>Roles = RoleLayout.Merged</c>, else the model's or the job's explicit role (<c>RoleArn</c>,
/// <c>[RunAs]</c>, <c>JobRoleArn</c>, <c>InferenceRoleArn</c>). Roles that are shared by the default layout alone are
/// not reported (the Shared layout gives models a role of their own).</summary>
public sealed class SharedTrainingInferenceRole : PipelineRule
{
    /// <summary>{0} which role runs what, {1} where the jobs write ("the jobs write", "the job writes"), {2} what to do.</summary>
    public const string Format = "{0}: code that trains or processes data could act with the identity that serves the model, and the model could write where {1}; {2}";

    private const string Merged = "Merged";

    public override string Id => RuleIds.SharedTrainingInferenceRole;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        var reported = new HashSet<Origin>();
        if (context.Pipeline.Roles is { Value: Merged } roles)
        {
            reported.Add(roles.Origin);
            context.Report(Finding(roles.Origin,
                "RoleLayout.Merged runs the jobs and the models of pipeline '" + context.Pipeline.Name + "' as one role ('" + IamNames.RoleNameOf(context.JobRoleArn) + "')",
                "the jobs write", "keep the default layout (Shared) or use PerStep"));
        }

        var runners = context.Steps.Where(s => IsJob(s) || s.Kind == StepKind.Model);
        foreach (var group in runners.GroupBy(s => context.RoleArnOf(s) ?? string.Empty, StringComparer.Ordinal))
        {
            var job = group.FirstOrDefault(IsJob);
            var models = group.Where(s => s.Kind == StepKind.Model).ToList();
            if (job is null || models.Count == 0)
            {
                continue;
            }

            foreach (var model in models)
            {
                var origin = context.RoleOriginOf(model) ?? group.Where(IsJob).Select(context.RoleOriginOf).FirstOrDefault(o => o is not null);
                if (origin is null || !reported.Add(origin))
                {
                    continue;
                }

                context.Report(Finding(origin,
                    "Role '" + IamNames.RoleNameOf(group.Key) + "' runs the " + Lower(job.Kind) + " job of step '" + job.Name + "' and the model of step '" + model.Name + "'",
                    "the job writes", "give the model a role of its own"));
            }
        }
    }
}
