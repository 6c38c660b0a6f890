using Sagewright.Model.Rules;

namespace Sagewright.Model.Pipeline;

/// <summary>The best-practice and security rules (SGW1xx, SGW2xx): each is a <see cref="PipelineRule"/> in
/// <c>Rules/</c>, listed in <see cref="RuleSet"/>, and reads the same declarations the definition is built from through a
/// <see cref="Rules.RuleContext"/>.</summary>
internal sealed partial class CompileContext
{
    /// <summary>Runs every rule of <see cref="RuleSet"/>, after the roles are assigned and the steps are built.</summary>
    private void CheckBestPractice() => RuleSet.Run(RuleContext());

    /// <summary>What the rules read, from this compilation's declarations and resolved settings.</summary>
    private RuleContext RuleContext() => new(_pipeline, _steps, _bucket, _jobRoleArn, _stepRoles, _roleOrigins, _rules, Report);
}
